package authserver

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/authlab/authlab/app/oauth"
	"github.com/authlab/authlab/app/password"
)

// The components of the OpenAPI document that the route table names, each
// declared once: security schemes, parameters, request bodies, response
// headers, responses and the JSON Schemas (2020-12, as OpenAPI 3.1 has
// them) of every body, with the constraints that its handler enforces.
// They are data rather than code, and strings rather than an embed.FS,
// which keeps the worker small: an embed.FS and fs.Glob would add more
// than the data.
var (
	//go:embed openapi/security.json
	securityJSON string
	//go:embed openapi/parameters.json
	parametersJSON string
	//go:embed openapi/request_bodies.json
	requestBodiesJSON string
	//go:embed openapi/headers.json
	headersJSON string
	//go:embed openapi/responses.json
	responsesJSON string
	//go:embed openapi/schemas_accounts.json
	accountSchemasJSON string
	//go:embed openapi/schemas_oauth_requests.json
	oauthRequestSchemasJSON string
	//go:embed openapi/schemas_oauth_replies.json
	oauthReplySchemasJSON string
	//go:embed openapi/lab.json
	labJSON string
)

// components reads openapi/*.json, fills in the values that the code
// decides (see codeValues), and gives each form field its encoding.
func components() (obj, error) {
	c, values := obj{}, codeValues()
	for _, f := range []struct{ name, text string }{
		{"security", securityJSON}, {"parameters", parametersJSON}, {"request_bodies", requestBodiesJSON},
		{"headers", headersJSON}, {"responses", responsesJSON}, {"schemas_accounts", accountSchemasJSON},
		{"schemas_oauth_requests", oauthRequestSchemasJSON}, {"schemas_oauth_replies", oauthReplySchemasJSON},
		{"lab", labJSON},
	} {
		var part map[string]obj
		if err := json.Unmarshal([]byte(f.text), &part); err != nil {
			return nil, fmt.Errorf("openapi/%s.json: %w", f.name, err)
		}
		for kind, named := range part {
			all, _ := c[kind].(obj)
			if all == nil {
				all = obj{}
				c[kind] = all
			}
			for name, v := range named {
				if _, dup := all[name]; dup {
					return nil, fmt.Errorf("openapi/%s.json: %s %s is declared twice", f.name, kind, name)
				}
				filled, err := fill(v, values)
				if err != nil {
					return nil, fmt.Errorf("openapi/%s.json: %s %s: %w", f.name, kind, name, err)
				}
				all[name] = filled
			}
		}
	}
	formEncodings(c)
	return c, nil
}

// codeValues are the values that openapi/*.json names as {{Name}}: the
// code's own limits and lists, so that the document follows them.
func codeValues() map[string]any {
	return map[string]any{
		"ErrorCodes":        errorCodes(),
		"GrantTypes":        grantTypes,
		"MaxCodeTTL":        int(MaxCodeTTL / time.Second),
		"MaxDailyQuota":     MaxDailyQuota,
		"PasswordMaxLength": password.MaxLength,
		"PasswordMinLength": password.MinLength,
		"ScopePattern":      `^\s*(?:(?:` + strings.Join(supportedScopes, "|") + `)(?:\s+|$))*$`,
		"SessionCookie":     SessionCookie,
	}
}

// fill replaces a string "{{Name}}" by the value Name, and {{Name}} within
// a longer string by the value's text. An unknown name is an error.
func fill(v any, values map[string]any) (any, error) {
	switch v := v.(type) {
	case obj:
		for k, x := range v {
			filled, err := fill(x, values)
			if err != nil {
				return nil, err
			}
			v[k] = filled
		}
	case []any:
		for i, x := range v {
			filled, err := fill(x, values)
			if err != nil {
				return nil, err
			}
			v[i] = filled
		}
	case string:
		for {
			start := strings.Index(v, "{{")
			end := strings.Index(v, "}}")
			if start < 0 || end < start {
				return v, nil
			}
			val, ok := values[v[start+2:end]]
			if !ok {
				return nil, fmt.Errorf("no value for %s", v[start:end+2])
			}
			if start == 0 && end+2 == len(v) {
				return val, nil
			}
			v = v[:start] + fmt.Sprint(val) + v[end+2:]
		}
	}
	return v, nil
}

// formEncodings lets every field of a form hold reserved characters
// unencoded (OpenAPI 3.1 §4.8.15 allowReserved), as url.ParseQuery reads
// them.
func formEncodings(c obj) {
	schemas, _ := c["schemas"].(obj)
	bodies, _ := c["requestBodies"].(obj)
	for _, b := range bodies {
		content, _ := b.(obj)["content"].(obj)
		form, _ := content["application/x-www-form-urlencoded"].(obj)
		if form == nil {
			continue
		}
		enc := obj{}
		for _, f := range formFields(schemas, form["schema"].(obj)) {
			enc[f] = obj{"allowReserved": true}
		}
		form["encoding"] = enc
	}
}

// formFields lists the properties of a schema, with those of the schemas
// that it or its oneOf name.
func formFields(schemas, s obj) []string {
	if r, ok := s["$ref"].(string); ok {
		named, _ := schemas[strings.TrimPrefix(r, "#/components/schemas/")].(obj)
		return formFields(schemas, named)
	}
	var fields []string
	props, _ := s["properties"].(obj)
	for k := range props {
		fields = append(fields, k)
	}
	alts, _ := s["oneOf"].([]any)
	for _, alt := range alts {
		for _, f := range formFields(schemas, alt.(obj)) {
			if !slices.Contains(fields, f) {
				fields = append(fields, f)
			}
		}
	}
	return fields
}

// errorCodes are the codes an error answer may carry: the error table's,
// RFC 6749's and RFC 7591's, and server_error.
func errorCodes() []string {
	codes := []string{"server_error", oauth.InvalidRequest, oauth.InvalidClient, oauth.InvalidGrant, oauth.UnauthorizedClient,
		oauth.UnsupportedGrantType, oauth.InvalidScope, oauth.AccessDenied, oauth.UnsupportedResponseType, oauth.ServerError,
		oauth.UnsupportedTokenType, oauth.InvalidRedirectURI, oauth.InvalidClientMetadata}
	for _, row := range errorTable {
		codes = append(codes, row.code)
	}
	slices.Sort(codes)
	return slices.Compact(codes)
}
