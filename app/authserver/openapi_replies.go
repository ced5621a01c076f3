package authserver

import (
	"maps"
	"slices"
)

// replySchemas are the answers of the account, key, Basic and session
// routes, and the error answer of every route. They are closed: an answer
// that gains a field fails the tests until its schema has it too.
func replySchemas() obj {
	unixTime := describe(obj{"type": "integer"}, "Seconds since 1970-01-01 UTC.")
	count := obj{"type": "integer", "minimum": 0}
	accountID := pattern("^[0-9]+$")
	apiKey := obj{
		"id":           accountID,
		"prefix":       describe(pattern("^[A-Za-z0-9_-]{8}$"), "Finds the key; shown in lists."),
		"name":         str(),
		"daily_quota":  integer(1, MaxDailyQuota),
		"created_at":   unixTime,
		"use_count":    count,
		"last_used_at": describe(obj{"type": []string{"integer", "null"}}, "Seconds since 1970-01-01 UTC; null until first used."),
		"revoked":      obj{"type": "boolean"},
	}
	keyFields := []string{"id", "prefix", "name", "daily_quota", "created_at", "use_count", "last_used_at", "revoked"}
	return obj{
		"Error": closed(obj{
			"error":             describe(oneOfStrings(errorCodes()...), "RFC 6749 §5.2, RFC 6750 §3.1 and RFC 7591 §3.2.2 codes, and this server's own."),
			"error_description": nonEmpty(),
		}, "error", "error_description"),
		"Health": closed(obj{"status": constant("ok"), "database": constant("ok"), "time": unixTime}, "status", "database", "time"),
		"User": closed(obj{"id": accountID, "username": schemaRef("Username"), "created_at": unixTime},
			"id", "username", "created_at"),
		"LoginToken": closed(obj{
			"access_token":  nonEmpty(),
			"token_type":    constant("Bearer"),
			"expires_in":    describe(obj{"type": "integer", "minimum": 1}, "Seconds."),
			"scope":         str(),
			"refresh_token": nonEmpty(),
		}, "access_token", "token_type", "expires_in", "refresh_token"),
		"Protected": closed(obj{
			"claims":  describe(obj{"type": "object"}, "The verified payload."),
			"message": str(),
			"scope":   describe(obj{"type": []string{"string", "null"}}, "The token's scope claim; null when it has none."),
			"sub":     str(),
		}, "claims", "message", "scope", "sub"),
		"APIKey": closed(apiKey, keyFields...),
		"NewAPIKey": closed(with(apiKey, obj{
			"key":  describe(pattern("^alk_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$"), "The key; only its SHA-256 is stored."),
			"note": str(),
		}), append(keyFields, "key", "note")...),
		"APIKeyList":   closed(obj{"keys": arrayOf(schemaRef("APIKey"))}, "keys"),
		"Data":         closed(obj{"key": describe(str(), "The key's prefix."), "message": str(), "remaining": count, "used": obj{"type": "integer", "minimum": 1}}, "key", "message", "remaining", "used"),
		"BasicAccount": closed(obj{"authenticated": constant(true), "user": schemaRef("User")}, "authenticated", "user"),
		"BasicFixed":   closed(obj{"authenticated": constant(true), "user": str()}, "authenticated", "user"),
		"AnyBearer":    closed(obj{"authenticated": constant(true), "token": nonEmpty()}, "authenticated", "token"),
		"Session":      closed(obj{"user": schemaRef("User"), "expires_at": unixTime}, "user", "expires_at"),
		"JWKSet":       closed(obj{"keys": obj{"type": "array", "minItems": 1, "items": schemaRef("JWK")}}, "keys"),
		"JWK": closed(obj{
			"kty": oneOfStrings("EC", "OKP"), "use": constant("sig"), "alg": oneOfStrings("ES256", "EdDSA"),
			"kid": nonEmpty(), "crv": oneOfStrings("P-256", "Ed25519"), "x": nonEmpty(), "y": nonEmpty(),
		}, "kty", "use", "alg", "kid", "crv", "x"),
		"OpenAPIDocument": object(obj{"openapi": constant("3.1.0"), "info": obj{"type": "object"}, "paths": obj{"type": "object"}},
			"openapi", "info", "paths"),
		"Page": describe(str(), "An HTML page."),
	}
}

// oauthReplySchemas are the answers of the OAuth endpoints.
func oauthReplySchemas() obj {
	unixTime := obj{"type": "integer"}
	uri := obj{"type": "string", "format": "uri"}
	list := func() obj { return arrayOf(str()) }
	metadata := obj{
		"issuer": uri, "authorization_endpoint": uri, "token_endpoint": uri, "jwks_uri": uri,
		"registration_endpoint": uri, "introspection_endpoint": uri, "revocation_endpoint": uri,
		"userinfo_endpoint": uri, "service_documentation": uri,
		"scopes_supported": list(), "response_types_supported": list(), "response_modes_supported": list(),
		"grant_types_supported": list(), "token_endpoint_auth_methods_supported": list(),
		"introspection_endpoint_auth_methods_supported": list(), "revocation_endpoint_auth_methods_supported": list(),
		"code_challenge_methods_supported":               arrayOf(schemaRef("CodeChallengeMethod")),
		"authorization_response_iss_parameter_supported": constant(true),
	}
	oidc := obj{
		"subject_types_supported": list(), "id_token_signing_alg_values_supported": list(), "claims_supported": list(),
	}
	active := func(tokenType string, props obj, required ...string) obj {
		props["active"] = constant(true)
		props["token_type"] = constant(tokenType)
		return closed(props, append([]string{"active", "token_type"}, required...)...)
	}
	return obj{
		"ServerMetadata":      closed(metadata, sortedKeys(metadata)...),
		"OpenIDConfiguration": closed(with(metadata, oidc), append(sortedKeys(metadata), sortedKeys(oidc)...)...),
		"TokenResponse": closed(obj{
			"access_token":  nonEmpty(),
			"token_type":    constant("Bearer"),
			"expires_in":    obj{"type": "integer", "minimum": 1},
			"scope":         nonEmpty(),
			"refresh_token": describe(nonEmpty(), "For clients registered with the refresh_token grant; never for client_credentials (RFC 6749 §4.4.3)."),
			"id_token":      describe(nonEmpty(), "With the openid scope (OpenID Connect Core §3.1.3.3)."),
		}, "access_token", "token_type", "expires_in", "scope"),
		"Introspection": obj{"oneOf": refs("schemas", []string{"InactiveToken", "ActiveAccessToken", "ActiveRefreshToken"})},
		"InactiveToken": closed(obj{"active": constant(false)}, "active"),
		"ActiveAccessToken": active("Bearer", obj{
			"scope": str(), "client_id": str(), "sub": str(), "iss": uri, "exp": unixTime, "iat": unixTime, "jti": str(),
			"aud":      obj{"oneOf": []obj{str(), list()}},
			"username": str(),
		}, "sub", "aud", "iss", "exp", "iat", "jti"),
		"ActiveRefreshToken": active("refresh_token", obj{
			"client_id": nonEmpty(), "scope": str(), "sub": str(), "exp": unixTime, "iat": unixTime, "iss": uri,
		}, "client_id", "scope", "sub", "exp", "iat", "iss"),
		"Userinfo": closed(obj{"sub": pattern("^[0-9]+$"), "preferred_username": schemaRef("Username"), "name": str(), "updated_at": unixTime},
			"sub", "preferred_username", "name", "updated_at"),
		"RegisteredClient": registeredClient(),
	}
}

// registeredClient is RFC 7591 §3.2.1's answer: the metadata as
// registered, and a secret for a confidential client.
func registeredClient() obj {
	o := closed(obj{
		"client_id":                  pattern("^dyn_[A-Za-z0-9_-]+$"),
		"client_id_issued_at":        obj{"type": "integer"},
		"client_name":                nonEmpty(),
		"redirect_uris":              arrayOf(str()),
		"grant_types":                arrayOf(schemaRef("GrantType")),
		"response_types":             arrayOf(schemaRef("ResponseType")),
		"token_endpoint_auth_method": oneOfStrings("none", "client_secret_basic", "client_secret_post"),
		"client_secret":              nonEmpty(),
		"client_secret_expires_at":   describe(obj{"type": "integer"}, "When the client expires, a day after registration."),
	}, "client_id", "client_id_issued_at", "client_name", "redirect_uris", "grant_types", "response_types", "token_endpoint_auth_method")
	o["dependentRequired"] = obj{"client_secret": []string{"client_secret_expires_at"}}
	o["if"] = obj{"properties": obj{"token_endpoint_auth_method": constant("none")}}
	o["then"] = obj{"not": obj{"required": []string{"client_secret"}}}
	o["else"] = obj{"required": []string{"client_secret"}}
	return o
}

// with is a copy of a with b's properties added.
func with(a, b obj) obj {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}

// sortedKeys are o's keys, sorted.
func sortedKeys(o obj) []string { return slices.Sorted(maps.Keys(o)) }
