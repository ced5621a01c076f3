package authserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// pathParams lists the {name} segments of a route pattern.
func pathParams(path string) []string {
	var names []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			names = append(names, seg[1:len(seg)-1])
		}
	}
	return names
}

// openAPIDocument describes the route table as OpenAPI 3.1.
func (s *Server) openAPIDocument() ([]byte, error) {
	paths := map[string]map[string]any{}
	for _, rt := range s.routeTable() {
		op := map[string]any{
			"summary":     rt.summary,
			"tags":        []string{rt.tag},
			"operationId": operationID(rt.method, rt.path),
		}
		var params []map[string]any
		for _, name := range pathParams(rt.path) {
			params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": map[string]string{"type": "string"}})
		}
		if rt.path == "/api/data" {
			params = append(params, map[string]any{"name": "api_key", "in": "query", "deprecated": true,
				"description": "Accepted, but answered with a Warning header: query strings leak into logs, history and Referer.",
				"schema":      map[string]string{"type": "string"}})
		}
		if params != nil {
			op["parameters"] = params
		}
		if rt.security != "" {
			op["security"] = []map[string][]string{{rt.security: {}}}
		}
		if rt.body != "" {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/json": map[string]any{"schema": ref(rt.body)}}}
		}
		responses := map[string]any{}
		for _, code := range rt.responses {
			resp := map[string]any{"description": http.StatusText(code)}
			if code >= 400 {
				resp["content"] = map[string]any{"application/json": map[string]any{"schema": ref("Error")}}
			}
			responses[strconv.Itoa(code)] = resp
		}
		op["responses"] = responses
		if paths[rt.path] == nil {
			paths[rt.path] = map[string]any{}
		}
		paths[rt.path][strings.ToLower(rt.method)] = op
	}
	str := map[string]string{"type": "string"}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "Authlab demo auth server",
			"version":     "1.0.0",
			"description": "Accounts, Bearer JWTs, API keys with quotas, Basic and cookie sessions. Errors are {error, error_description}.",
		},
		"servers": []map[string]string{{"url": "/"}},
		"paths":   paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{
				"bearer":  map[string]string{"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
				"apiKey":  map[string]string{"type": "apiKey", "in": "header", "name": "X-API-Key"},
				"basic":   map[string]string{"type": "http", "scheme": "basic"},
				"session": map[string]string{"type": "apiKey", "in": "cookie", "name": SessionCookie},
			},
			"schemas": map[string]any{
				"Error": object([]string{"error", "error_description"}, map[string]any{"error": str, "error_description": str}),
				"Credentials": object([]string{"username", "password"}, map[string]any{
					"username": map[string]any{"type": "string", "minLength": 3, "maxLength": 64, "pattern": "^[A-Za-z0-9._-]+$"},
					"password": map[string]any{"type": "string", "minLength": 8},
				}),
				"ClientMetadata": object(nil, map[string]any{
					"redirect_uris":              map[string]any{"type": "array", "items": str},
					"client_name":                str,
					"grant_types":                map[string]any{"type": "array", "items": str},
					"token_endpoint_auth_method": map[string]any{"type": "string", "enum": []string{"none", "client_secret_basic", "client_secret_post"}},
				}),
				"RefreshRequest": object([]string{"refresh_token"}, map[string]any{"refresh_token": str}),
				"NewKey": object(nil, map[string]any{
					"name":        map[string]any{"type": "string", "maxLength": 100},
					"daily_quota": map[string]any{"type": "integer", "minimum": 1, "maximum": MaxDailyQuota},
				}),
			},
		},
	}
	return json.Marshal(doc)
}

func ref(name string) map[string]string {
	return map[string]string{"$ref": "#/components/schemas/" + name}
}

func object(required []string, props map[string]any) map[string]any {
	o := map[string]any{"type": "object", "properties": props}
	if required != nil {
		o["required"] = required
	}
	return o
}

func operationID(method, path string) string {
	id := strings.ToLower(method)
	for _, part := range strings.FieldsFunc(path, func(r rune) bool { return r == '/' || r == '.' || r == '-' || r == '{' || r == '}' }) {
		id += strings.ToUpper(part[:1]) + part[1:]
	}
	return id
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	doc, err := s.openapi()
	if err != nil {
		writeError(w, fmt.Errorf("OpenAPI document: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write(doc)
}
