package authserver

import (
	"maps"
	"slices"
	"strconv"

	"github.com/authlab/authlab/app/oauth"
	"github.com/authlab/authlab/app/password"
)

// schemas are the JSON Schemas (2020-12, as OpenAPI 3.1 has them) of the
// bodies and fields, each with the constraints its handler enforces.
func schemas() obj {
	s := obj{}
	maps.Copy(s, requestSchemas())
	maps.Copy(s, oauthRequestSchemas())
	maps.Copy(s, replySchemas())
	maps.Copy(s, oauthReplySchemas())
	return s
}

func schemaRef(name string) obj { return ref("schemas", name) }

// object is a JSON object with props, of which required must be present.
func object(props obj, required ...string) obj {
	o := obj{"type": "object", "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

// closed is an object that has no other properties: the server's own
// answers, so that a field added to one must be added here.
func closed(props obj, required ...string) obj {
	o := object(props, required...)
	o["additionalProperties"] = false
	return o
}

func str() obj                               { return obj{"type": "string"} }
func nonEmpty() obj                          { return obj{"type": "string", "minLength": 1} }
func pattern(p string) obj                   { return obj{"type": "string", "pattern": p} }
func oneOfStrings(values ...string) obj      { return obj{"type": "string", "enum": values} }
func constant(v any) obj                     { return obj{"const": v} }
func arrayOf(items obj) obj                  { return obj{"type": "array", "items": items} }
func integer(min, max int) obj               { return obj{"type": "integer", "minimum": min, "maximum": max} }
func describe(o obj, description string) obj { o["description"] = description; return o }

// scopePattern matches a space-separated list of the scopes given, which
// the server splits with strings.Fields (RFC 6749 §3.3).
func scopePattern(scopes ...string) obj {
	alt := ""
	for i, sc := range scopes {
		if i > 0 {
			alt += "|"
		}
		alt += sc
	}
	return pattern(`^\s*(?:(?:` + alt + `)(?:\s+|$))*$`)
}

// field is a parameter of the authorization request, in the query of GET
// /oauth/authorize and in the consent form that POSTs it back.
type field struct {
	name, schema, description string
	required                  bool
}

func authorizeFields() []field {
	return []field{
		{"client_id", "ClientID", "", true},
		{"redirect_uri", "RedirectURI", "Exactly as registered; for a loopback redirect URI (RFC 8252 §7.3) any port.", true},
		{"response_type", "ResponseType", "", true},
		{"state", "State", "Sent back with the answer.", false},
		{"scope", "Scope", "Space-separated; profile when empty.", false},
		{"code_challenge", "CodeChallenge", "BASE64URL(SHA256(code_verifier)) (RFC 7636 §4.2).", true},
		{"code_challenge_method", "CodeChallengeMethod", "Only S256: plain is refused (RFC 9700 §2.1.1).", true},
		{"nonce", "Nonce", "Copied into the ID token (OpenID Connect Core §3.1.2.1).", false},
		{"authlab_code_ttl", "CodeTTL", "The code's lifetime in seconds, shorter than the default 60 for experiments.", false},
	}
}

// requestSchemas are the JSON bodies of the account and key routes.
func requestSchemas() obj {
	return obj{
		"Username": describe(obj{"type": "string", "minLength": 3, "maxLength": 64, "pattern": "^[A-Za-z0-9._-]+$"},
			"3 to 64 letters, digits, '.', '_' and '-'; unique regardless of case."),
		"NewPassword": describe(obj{"type": "string", "minLength": password.MinLength, "maxLength": password.MaxLength},
			"At least "+strconv.Itoa(password.MinLength)+" characters and at most "+strconv.Itoa(password.MaxLength)+" bytes of UTF-8."),
		"RegisterRequest": object(obj{"username": schemaRef("Username"), "password": schemaRef("NewPassword")}, "username", "password"),
		"LoginRequest":    object(obj{"username": nonEmpty(), "password": nonEmpty()}, "username", "password"),
		"RefreshRequest":  object(obj{"refresh_token": nonEmpty()}, "refresh_token"),
		"NewKeyRequest": object(obj{
			"name":        describe(obj{"type": "string", "maxLength": 100}, "At most 100 bytes of UTF-8."),
			"daily_quota": describe(integer(1, MaxDailyQuota), "Requests a UTC day; the server's default when absent."),
		}),
		"KeyID": obj{"type": "integer", "format": "int64", "minimum": 1},
	}
}

// oauthRequestSchemas are the form bodies of the OAuth endpoints, the
// fields they share with the authorization request's query, and the
// registration request.
func oauthRequestSchemas() obj {
	consent := obj{
		"decision": describe(oneOfStrings("approve", "deny"), "The button pressed."),
		"username": describe(str(), "With password, when no session is open or to log in as someone else."),
		"password": str(),
	}
	var required []string
	for _, f := range authorizeFields() {
		consent[f.name] = schemaRef(f.schema)
		if f.required {
			required = append(required, f.name)
		}
	}
	client := func(props obj) obj {
		props["client_id"] = schemaRef("ClientID")
		props["client_secret"] = describe(str(), "client_secret_post; empty or absent for a public client.")
		return props
	}
	grant := func(name string, props obj, required ...string) obj {
		props["grant_type"] = constant(name)
		return object(client(props), append([]string{"grant_type"}, required...)...)
	}
	tokenTypeHint := describe(obj{"anyOf": []obj{oneOfStrings("access_token", "refresh_token"), str()}},
		"access_token or refresh_token; any other hint is ignored (RFC 7009 §2.1, RFC 7662 §2.1).")
	return obj{
		"ClientID":            nonEmpty(),
		"RedirectURI":         obj{"type": "string", "format": "uri"},
		"ResponseType":        oneOfStrings("code"),
		"State":               str(),
		"Scope":               scopePattern(supportedScopes...),
		"CodeChallenge":       describe(pattern("^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$"), "43 base64url characters: a SHA-256 digest."),
		"CodeChallengeMethod": oneOfStrings("S256"),
		"Nonce":               str(),
		"CodeTTL":             integer(1, int(MaxCodeTTL.Seconds())),
		"CodeVerifier":        describe(pattern("^[A-Za-z0-9._~-]{43,128}$"), "RFC 7636 §4.1."),
		"ConsentForm":         object(consent, append(required, "decision")...),
		"TokenRequest": obj{
			"oneOf": refs("schemas", []string{"AuthorizationCodeGrant", "RefreshTokenGrant", "ClientCredentialsGrant"}),
			"discriminator": obj{"propertyName": "grant_type", "mapping": obj{
				"authorization_code": "#/components/schemas/AuthorizationCodeGrant",
				"refresh_token":      "#/components/schemas/RefreshTokenGrant",
				"client_credentials": "#/components/schemas/ClientCredentialsGrant",
			}},
		},
		"AuthorizationCodeGrant": grant("authorization_code", obj{"code": nonEmpty(), "redirect_uri": schemaRef("RedirectURI"), "code_verifier": schemaRef("CodeVerifier")},
			"code", "redirect_uri", "code_verifier"),
		"RefreshTokenGrant": grant("refresh_token", obj{"refresh_token": nonEmpty(), "scope": describe(schemaRef("Scope"), "At most the scope granted at first.")},
			"refresh_token"),
		"ClientCredentialsGrant":    grant("client_credentials", obj{"scope": describe(scopePattern("api"), "api, the only scope a client gets for itself.")}),
		"IntrospectionRequest":      object(client(obj{"token": nonEmpty(), "token_type_hint": tokenTypeHint}), "token"),
		"RevocationRequest":         object(client(obj{"token": nonEmpty(), "token_type_hint": tokenTypeHint}), "token"),
		"GrantType":                 oneOfStrings(grantTypes...),
		"ClientRegistrationRequest": clientRegistration(),
	}
}

// clientRegistration is RFC 7591 §2 metadata as register7591 validates it.
func clientRegistration() obj {
	o := object(obj{
		"redirect_uris": describe(obj{"type": "array", "maxItems": 10, "items": pattern(`^(https://[^/?#\s]+|http://(localhost|127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}|\[::1\])(:[0-9]*)?)([/?][^#\s]*)?$`)},
			"https, or http on a loopback address (RFC 8252 §7.3); no fragment (RFC 6749 §3.1.2)."),
		"client_name":                describe(obj{"type": "string", "maxLength": 100}, "At most 100 bytes of UTF-8; the client_id when absent."),
		"grant_types":                describe(arrayOf(schemaRef("GrantType")), "authorization_code when absent or empty."),
		"response_types":             arrayOf(schemaRef("ResponseType")),
		"token_endpoint_auth_method": describe(oneOfStrings("none", "client_secret_basic", "client_secret_post"), "client_secret_basic when absent."),
	})
	redirectBased := obj{"anyOf": []obj{
		{"not": obj{"required": []string{"grant_types"}}},
		{"properties": obj{"grant_types": obj{"maxItems": 0}}},
		{"properties": obj{"grant_types": obj{"contains": constant("authorization_code")}}},
	}}
	public := obj{"properties": obj{"token_endpoint_auth_method": constant("none")}, "required": []string{"token_endpoint_auth_method"}}
	o["allOf"] = []obj{
		// RFC 7591 §2: redirect_uris for redirect-based grants.
		{"if": redirectBased, "then": obj{"required": []string{"redirect_uris"}, "properties": obj{"redirect_uris": obj{"minItems": 1}}}},
		// client_credentials needs a confidential client.
		{"if": public, "then": obj{"properties": obj{"grant_types": obj{"not": obj{"contains": constant("client_credentials")}}}}},
	}
	return o
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
