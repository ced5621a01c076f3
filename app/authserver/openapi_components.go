package authserver

import "strings"

// components are the parts of the OpenAPI document that the route table
// names. Each is declared once and referenced.
func components() obj {
	schemas := schemas()
	return obj{
		"securitySchemes": securitySchemes(),
		"parameters":      parameters(),
		"requestBodies":   requestBodies(schemas),
		"headers":         headers(),
		"responses":       responses(),
		"schemas":         schemas,
	}
}

func securitySchemes() obj {
	return obj{
		"bearer": obj{"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
			"description": "An access token of this server (RFC 6750 §2.1, RFC 9068)."},
		"apiKey": obj{"type": "apiKey", "in": "header", "name": "X-API-Key"},
		"apiKeyQuery": obj{"type": "apiKey", "in": "query", "name": "api_key",
			"description": "Accepted, but answered with a Warning header: query strings leak into logs, history and Referer."},
		"basic": obj{"type": "http", "scheme": "basic", "description": "HTTP Basic (RFC 7617)."},
		"clientSecretBasic": obj{"type": "http", "scheme": "basic",
			"description": "client_secret_basic (RFC 6749 §2.3.1): client_id and client_secret, each form-urlencoded, as the Basic user-id and password. " +
				"Without it, a confidential client sends client_id and client_secret in the form (client_secret_post), and a public client its client_id alone; never both ways at once."},
		"session": obj{"type": "apiKey", "in": "cookie", "name": SessionCookie,
			"description": "The session cookie that POST /session/login sets."},
	}
}

// parameters are the path, query and header parameters. The query
// parameters of the authorization request are the fields of the consent
// form, and share their schemas.
func parameters() obj {
	p := obj{
		"id":     pathParam("id", "The API key's id.", schemaRef("KeyID")),
		"user":   pathParam("user", "The user-id that the Basic credentials must carry.", obj{"type": "string"}),
		"passwd": pathParam("passwd", "The password that the Basic credentials must carry.", obj{"type": "string"}),
		"Origin": header("Origin", true, "The calling page's origin; only allowed origins get a preflight's approval.",
			obj{"type": "string", "format": "uri"}),
		"Access-Control-Request-Method":  header("Access-Control-Request-Method", true, "", obj{"type": "string", "minLength": 1}),
		"Access-Control-Request-Headers": header("Access-Control-Request-Headers", false, "", obj{"type": "string"}),
	}
	for _, f := range authorizeFields() {
		p[f.name] = obj{"name": f.name, "in": "query", "required": f.required, "description": f.description, "schema": schemaRef(f.schema)}
	}
	return p
}

func pathParam(name, description string, schema obj) obj {
	return obj{"name": name, "in": "path", "required": true, "description": description, "schema": schema}
}

func header(name string, required bool, description string, schema obj) obj {
	p := obj{"name": name, "in": "header", "required": required, "schema": schema}
	if description != "" {
		p["description"] = description
	}
	return p
}

// requestBodies are the JSON and form bodies. A form's fields may hold
// reserved characters unencoded, as url.ParseQuery reads them.
func requestBodies(schemas obj) obj {
	jsonBody := func(schema string, required bool) obj {
		return obj{"required": required, "content": obj{"application/json": obj{"schema": schemaRef(schema)}}}
	}
	form := func(schema string) obj {
		enc := obj{}
		for _, field := range formFields(schemas, schema) {
			enc[field] = obj{"allowReserved": true}
		}
		return obj{"required": true, "content": obj{"application/x-www-form-urlencoded": obj{"schema": schemaRef(schema), "encoding": enc}}}
	}
	return obj{
		"Register":       jsonBody("RegisterRequest", true),
		"Login":          jsonBody("LoginRequest", true),
		"Refresh":        jsonBody("RefreshRequest", true),
		"NewKey":         jsonBody("NewKeyRequest", false),
		"ClientMetadata": jsonBody("ClientRegistrationRequest", true),
		"Consent":        form("ConsentForm"),
		"Token":          form("TokenRequest"),
		"Introspect":     form("IntrospectionRequest"),
		"Revoke":         form("RevocationRequest"),
	}
}

// formFields lists the properties of a schema, those of the schemas its
// oneOf names included.
func formFields(schemas obj, name string) []string {
	s, _ := schemas[name].(obj)
	var fields []string
	props, _ := s["properties"].(obj)
	for k := range props {
		fields = append(fields, k)
	}
	alts, _ := s["oneOf"].([]obj)
	for _, alt := range alts {
		for _, f := range formFields(schemas, strings.TrimPrefix(alt["$ref"].(string), "#/components/schemas/")) {
			if !contains(fields, f) {
				fields = append(fields, f)
			}
		}
	}
	return fields
}

// headers are the response headers, named by what they carry.
func headers() obj {
	h := func(description string, schema obj) obj {
		return obj{"description": description, "required": true, "schema": schema}
	}
	str := func(pattern string) obj { return obj{"type": "string", "pattern": pattern} }
	seconds := obj{"type": "integer", "minimum": 0}
	cookie := "; Path=/; Max-Age=[0-9]+; HttpOnly; Secure; SameSite=Lax$"
	return obj{
		"BearerChallenge":       h("RFC 6750 §3: the realm, and once a token was sent, error and error_description.", str(`^Bearer realm="[^"]*"(, error="(invalid_request|invalid_token|insufficient_scope)", error_description="[^"\\]*")?$`)),
		"BasicChallenge":        h("RFC 7617 §2.", str(`^Basic realm="[^"]*", charset="UTF-8"$`)),
		"APIKeyChallenge":       h("Names the header that carries the key.", str(`^ApiKey realm="[^"]*", header="X-API-Key"$`)),
		"RetryAfter":            h("Seconds to wait (RFC 9110 §10.2.3).", seconds),
		"RateLimitLimit":        h("The key's daily quota (draft-ietf-httpapi-ratelimit-headers).", obj{"type": "integer", "minimum": 1}),
		"RateLimitRemaining":    h("Requests left today.", seconds),
		"RateLimitReset":        h("Seconds until the quota resets, at 00:00 UTC.", seconds),
		"Warning":               h("Present when the key came in the query string.", str(`^299 authlab "`)),
		"Location":              h("Where the user agent goes next.", obj{"type": "string", "format": "uri-reference"}),
		"SessionCookie":         h("The session: __Host- prefixed, HttpOnly, Secure, SameSite=Lax.", str("^"+SessionCookie+"=[A-Za-z0-9_-]{43}"+cookie)),
		"SessionCookieClear":    h("Clears the session cookie.", str("^"+SessionCookie+"="+cookie)),
		"ContentSecurityPolicy": h("No script; forms post only here and to the redirect URI's origin.", str(`^default-src 'none'; `)),
		"XFrameOptions":         h("The page cannot be framed.", obj{"type": "string", "const": "DENY"}),
		"ReferrerPolicy":        h("The redirect to the client carries no Referer.", obj{"type": "string", "const": "same-origin"}),
		"Allow":                 h("The methods that the path serves.", str(`^[A-Z]+(, ?[A-Z]+)*$`)),
		"AllowOrigin":           h("The calling origin, when allowed.", obj{"type": "string", "minLength": 1}),
		"AllowCredentials":      h("", obj{"type": "string", "const": "true"}),
		"AllowMethods":          h("", str(`^[A-Z]+(, [A-Z]+)*$`)),
		"AllowHeaders":          h("", obj{"type": "string", "minLength": 1}),
		"MaxAge":                h("Seconds the preflight's answer may be cached.", seconds),
	}
}

// responses are every answer a route gives, by what it means.
func responses() obj {
	hdr := func(name string) obj { return ref("headers", name) }
	optional := func(description string) obj {
		return obj{"description": description, "required": false, "schema": obj{"type": "string"}}
	}
	reply := func(description, media, schema string, hs obj) obj {
		r := obj{"description": description}
		if media != "" {
			r["content"] = obj{media: obj{"schema": schemaRef(schema)}}
		}
		if hs != nil {
			r["headers"] = hs
		}
		return r
	}
	const js, page = "application/json", "text/html"
	pageHeaders := func(extra obj) obj {
		h := obj{"Content-Security-Policy": hdr("ContentSecurityPolicy"), "X-Frame-Options": hdr("XFrameOptions"), "Referrer-Policy": hdr("ReferrerPolicy")}
		for k, v := range extra {
			h[k] = v
		}
		return h
	}
	rateLimit := obj{"RateLimit-Limit": hdr("RateLimitLimit"), "RateLimit-Remaining": hdr("RateLimitRemaining"), "RateLimit-Reset": hdr("RateLimitReset")}
	quota := obj{"Retry-After": hdr("RetryAfter")}
	for k, v := range rateLimit {
		quota[k] = v
	}
	data := obj{"Warning": optional("299 authlab \"…\": present when the key came in the query string.")}
	for k, v := range rateLimit {
		data[k] = v
	}
	return obj{
		"Error":               reply("An error.", js, "Error", nil),
		"OAuthError":          reply("An RFC 6749 §5.2 error; never cached.", js, "Error", nil),
		"BearerChallenge":     reply("An RFC 6750 §3 error, with its challenge.", js, "Error", obj{"WWW-Authenticate": hdr("BearerChallenge")}),
		"BearerOrBodyError":   reply("A malformed Authorization header (with a challenge) or body (without).", js, "Error", obj{"WWW-Authenticate": optional("A Bearer challenge, when the Authorization header is malformed.")}),
		"BasicChallenge":      reply("Missing, malformed or wrong Basic credentials, with a challenge.", js, "Error", obj{"WWW-Authenticate": hdr("BasicChallenge")}),
		"APIKeyChallenge":     reply("A missing, unknown or revoked API key.", js, "Error", obj{"WWW-Authenticate": hdr("APIKeyChallenge")}),
		"ClientRefused":       reply("invalid_client (RFC 6749 §5.2), with a Basic challenge when the client tried the Authorization header.", js, "Error", obj{"WWW-Authenticate": optional(`Basic realm="…", charset="UTF-8"`)}),
		"LoginThrottled":      reply("Too many failed logins from this client.", js, "Error", obj{"Retry-After": hdr("RetryAfter")}),
		"QuotaExceeded":       reply("The key's daily quota is used up.", js, "Error", quota),
		"MethodNotAllowed":    reply("Not a preflight: the path does not serve OPTIONS.", js, "Error", obj{"Allow": hdr("Allow")}),
		"ErrorPage":           reply("A request that cannot be sent back to the client: shown to the user (RFC 6749 §4.1.2.1).", page, "Page", pageHeaders(nil)),
		"ConsentPage":         reply("The consent page, with a login form unless a session is open; again with the login's error after a failed one.", page, "Page", pageHeaders(nil)),
		"ThrottledPage":       reply("The consent page after too many failed logins.", page, "Page", pageHeaders(obj{"Retry-After": hdr("RetryAfter")})),
		"Redirect":            reply("Back to the client's redirect URI with code or error, state and iss (RFC 6749 §4.1.2, RFC 9207).", "", "", obj{"Location": hdr("Location")}),
		"RedirectLink":        reply("Back to the client's redirect URI with error, state and iss (RFC 6749 §4.1.2.1, RFC 9207), and a link to it.", page, "Page", obj{"Location": hdr("Location")}),
		"NoContent":           reply("Done.", "", "", nil),
		"Revoked":             reply("Revoked, or unknown: the answer is the same (RFC 7009 §2.2).", "", "", nil),
		"Preflight":           reply("The origin may send the request.", "", "", obj{"Access-Control-Allow-Origin": hdr("AllowOrigin"), "Access-Control-Allow-Credentials": hdr("AllowCredentials"), "Access-Control-Allow-Methods": hdr("AllowMethods"), "Access-Control-Allow-Headers": hdr("AllowHeaders"), "Access-Control-Max-Age": hdr("MaxAge")}),
		"SessionStarted":      reply("The session is open.", js, "Session", obj{"Set-Cookie": hdr("SessionCookie")}),
		"SessionEnded":        reply("The session, if any, is closed and its cookie cleared.", "", "", obj{"Set-Cookie": hdr("SessionCookieClear")}),
		"Session":             reply("The session's account.", js, "Session", nil),
		"Health":              reply("The server and its database answer.", js, "Health", nil),
		"OpenAPI":             reply("This document.", js, "OpenAPIDocument", nil),
		"JWKSet":              reply("The public keys that verify this server's tokens.", "application/jwk-set+json", "JWKSet", nil),
		"User":                reply("The account.", js, "User", nil),
		"LoginToken":          reply("An access token and a refresh token (RFC 6749 §5.1).", js, "LoginToken", nil),
		"Protected":           reply("The verified token's claims.", js, "Protected", nil),
		"KeyCreated":          reply("The new key; its secret is shown this once.", js, "NewAPIKey", nil),
		"KeyList":             reply("Your keys, without their secrets.", js, "APIKeyList", nil),
		"Data":                reply("The resource; the quota in RateLimit headers.", js, "Data", data),
		"BasicAccount":        reply("The account whose credentials were sent.", js, "BasicAccount", nil),
		"BasicFixed":          reply("The credentials match the path's.", js, "BasicFixed", nil),
		"AnyBearer":           reply("The token, unverified.", js, "AnyBearer", nil),
		"ServerMetadata":      reply("RFC 8414 §2 metadata.", js, "ServerMetadata", nil),
		"OpenIDConfiguration": reply("OpenID Connect Discovery 1.0 §3 metadata.", js, "OpenIDConfiguration", nil),
		"Token":               reply("RFC 6749 §5.1 tokens; never cached.", js, "TokenResponse", nil),
		"Introspection":       reply("RFC 7662 §2.2: whether the token is active, and if so what it holds.", js, "Introspection", nil),
		"Userinfo":            reply("OpenID Connect Core §5.3 claims.", js, "Userinfo", nil),
		"ClientRegistered":    reply("RFC 7591 §3.2.1: the client, with its secret unless it is public.", js, "RegisteredClient", nil),
	}
}
