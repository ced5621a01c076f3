package authserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// obj is a JSON object of the OpenAPI document.
type obj = map[string]any

// openAPIDescription introduces the document, with what holds for every
// route and is therefore not repeated in each operation.
const openAPIDescription = `Accounts, Bearer JWTs, API keys with quotas, Basic and cookie sessions, and an OAuth 2.0 authorization server.

Every error is {"error", "error_description"}, except on the two HTML pages of /oauth/authorize. ` +
	`Every GET route answers HEAD as well, without a body. A path that no route serves answers 404; ` +
	`a method that its path lacks answers 405 with Allow; a path that is not clean (".." or "//") is redirected to its clean form. ` +
	`Allowed origins may call the API from a browser (CORS): each path answers their preflight.`

// openAPIDocument describes the route table as OpenAPI 3.1 (the
// OpenAPI Specification v3.1.0): every route with its parameters,
// request body, security and each status it answers, and the CORS
// preflight of each path. The parts it names are in openapi/*.json.
func (s *Server) openAPIDocument() ([]byte, error) {
	paths := obj{}
	var tags []obj
	for _, rt := range s.routeTable() {
		item, _ := paths[rt.path].(obj)
		if item == nil {
			item = obj{"options": preflight(rt.path)}
			if params := pathParams(rt.path); params != nil {
				item["parameters"] = refs("parameters", params)
			}
			paths[rt.path] = item
		}
		op, err := operation(rt)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", rt.method, rt.path, err)
		}
		item[strings.ToLower(rt.method)] = op
		if !slices.ContainsFunc(tags, func(t obj) bool { return t["name"] == rt.tag }) {
			tag := obj{"name": rt.tag}
			if d := tagDescriptions[rt.tag]; d != "" {
				tag["description"] = d
			}
			tags = append(tags, tag)
		}
	}
	comps, err := components()
	if err != nil {
		return nil, err
	}
	doc := obj{
		"openapi": "3.1.0",
		"info": obj{
			"title":       "Authlab demo auth server",
			"version":     "1.0.0",
			"description": openAPIDescription,
		},
		"servers":    []obj{{"url": "/"}},
		"tags":       append(tags, obj{"name": "cors", "description": "CORS preflight (the Fetch standard)"}),
		"paths":      paths,
		"components": comps,
	}
	if err := checkRefs(doc, doc); err != nil {
		return nil, err
	}
	return json.Marshal(doc)
}

// tagDescriptions explain the tags that need it.
var tagDescriptions = map[string]string{
	labTag: "The attack lab: endpoints that are vulnerable on purpose, each making one mistake that RFC 8725 warns against. " +
		"They use the lab's own keys and no state; nothing they accept works on any other route. Never copy them.",
}

// operation describes one route.
func operation(rt route) (obj, error) {
	op := obj{
		"summary":     rt.summary,
		"tags":        []string{rt.tag},
		"operationId": operationID(rt.method, rt.path),
	}
	if rt.params != "" {
		op["parameters"] = refs("parameters", strings.Fields(rt.params))
	}
	if rt.auth != "" {
		var sec []obj
		for _, scheme := range strings.Split(rt.auth, " or ") {
			if scheme == "none" {
				sec = append(sec, obj{})
			} else {
				sec = append(sec, obj{scheme: securityRoles(scheme, rt.method, rt.path)})
			}
		}
		op["security"] = sec
	}
	if rt.body != "" {
		op["requestBody"] = ref("requestBodies", rt.body)
	}
	responses, err := responseRefs(rt.responses)
	op["responses"] = responses
	return op, err
}

// preflight describes the CORS preflight that cors answers on every path.
func preflight(path string) obj {
	responses, _ := responseRefs("204 Preflight, 403 Error, 405 MethodNotAllowed")
	return obj{
		"summary":     "CORS preflight: allowed origins may call " + path + " from a browser",
		"tags":        []string{"cors"},
		"operationId": operationID("options", path),
		"parameters":  refs("parameters", []string{"Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"}),
		"responses":   responses,
	}
}

// responseRefs reads a route's responses: "200 Health, 503 Error".
func responseRefs(list string) (obj, error) {
	out := obj{}
	for _, pair := range strings.Split(list, ", ") {
		code, name, ok := strings.Cut(pair, " ")
		if _, err := strconv.Atoi(code); err != nil || !ok || name == "" {
			return nil, fmt.Errorf("responses %q: %q is not a status and a response", list, pair)
		}
		out[code] = ref("responses", name)
	}
	return out, nil
}

// checkRefs checks that every $ref in v names a part of doc, so that a
// misspelt name in the route table or in openapi/*.json fails at once.
func checkRefs(doc obj, v any) error {
	switch v := v.(type) {
	case obj:
		if r, ok := v["$ref"].(string); ok {
			var at any = doc
			for _, part := range strings.Split(strings.TrimPrefix(r, "#/"), "/") {
				m, _ := at.(obj)
				if at = m[part]; at == nil {
					return fmt.Errorf("OpenAPI document: %s names nothing", r)
				}
			}
		}
		for _, x := range v {
			if err := checkRefs(doc, x); err != nil {
				return err
			}
		}
	case []obj:
		for _, x := range v {
			if err := checkRefs(doc, x); err != nil {
				return err
			}
		}
	case []any:
		for _, x := range v {
			if err := checkRefs(doc, x); err != nil {
				return err
			}
		}
	}
	return nil
}

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

func operationID(method, path string) string {
	id := strings.ToLower(method)
	for _, part := range strings.FieldsFunc(path, func(r rune) bool { return r == '/' || r == '.' || r == '-' || r == '{' || r == '}' }) {
		id += strings.ToUpper(part[:1]) + part[1:]
	}
	return id
}

func ref(kind, name string) obj { return obj{"$ref": "#/components/" + kind + "/" + name} }

func refs(kind string, names []string) []obj {
	out := make([]obj, len(names))
	for i, n := range names {
		out[i] = ref(kind, n)
	}
	return out
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

// securityRoles lists the scope a Bearer route needs, from the scope
// table, as the security requirement's roles (OpenAPI 3.1 §4.8.30.2).
func securityRoles(scheme, method, path string) []string {
	if scheme == bearerAuth {
		for _, sc := range scopeTable {
			if slices.Contains(sc.Routes, method+" "+path) {
				return []string{sc.Name}
			}
		}
	}
	return []string{}
}
