package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

var lessonAPIKeys = lesson{
	Slug: "api-keys", Title: "API keys", Tool: "/apikey",
	Summary: "A long random secret that names a client program. Simple to use, simple to leak.",
	Sections: []lessonSection{
		{"What it is", []string{
			"An API key is a password for a program. The server makes it, shows it once, and from then on knows it only by a hash. The client sends it with every request; the server hashes what it receives and compares.",
			"Authlab's keys look like alk_<prefix>_<secret>. The prefix is public: it lets the server find the key's record, and lets you tell your keys apart in a list. The secret is 256 random bits, so a plain SHA-256 hash is enough to store it safely: there is nothing to guess, unlike a human password.",
		}},
		{"Where it goes", []string{
			"In a header. The demo server reads X-API-Key. It also accepts ?api_key= in the URL, because many APIs do, but says in a Warning header that it should not: URLs are copied into access logs, proxies, browser history and Referer headers, and they outlive the request by years.",
		}},
		{"Quotas", []string{
			"A key identifies a client, so it is the natural unit for a rate limit. The demo server counts requests per key per UTC day, exactly, in its database, and reports the count in RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset. Past the limit it answers 429 Too Many Requests with Retry-After, which tells a client how long to wait instead of hammering the server.",
		}},
	},
	Widget: func() app.UI { return &apikeyTool{} },
	Mistakes: []mistake{
		{"Committing the key", "Keys in source code end up in every clone, fork and CI log. Read them from the environment or a secret manager, and scan your repositories for them."},
		{"Putting it in the URL", "The query string is logged and shared everywhere. Use a header."},
		{"Shipping it in a browser or mobile app", "Anything sent to a user's device is readable by that user. A key in front-end code is public; keep it on a server you control."},
		{"Storing keys in clear", "A database dump then hands out every key. Store a hash and show the key once."},
		{"Comparing with ==", "A byte-by-byte comparison that stops early leaks timing. Compare hashes in constant time."},
		{"One key for everything, forever", "Give each client its own key, with the least access it needs, and rotate: revoking one key must not break the others."},
	},
	Refs: []string{"draft-ietf-httpapi-ratelimit-headers", "RFC 9110 §10.2.3 (Retry-After)", "RFC 6585 §4 (429)"},
}

var lessonBasic = lesson{
	Slug: "basic", Title: "HTTP Basic", Tool: "/basic",
	Summary: "A user-id and a password, joined by a colon and base64-encoded, on every request.",
	Sections: []lessonSection{
		{"How it works", []string{
			"A server that wants Basic credentials answers 401 with WWW-Authenticate: Basic realm=\"…\", charset=\"UTF-8\". The client joins the user-id and the password with a colon, encodes the UTF-8 bytes in base64, and sends Authorization: Basic <that>. It sends the same header with every later request to the same realm.",
			"The colon rule has a consequence: the user-id cannot contain one, since the server splits at the first colon, but the password can. Control characters are allowed by the syntax, and a server may refuse them.",
		}},
		{"Base64 is not encryption", []string{
			"Anyone who sees the header can decode it: paste one into the tool below. Basic is only as safe as the connection, so it belongs on HTTPS and nowhere else. On HTTPS it is a reasonable choice for scripts, build servers and internal tools, where a browser login page would be too much.",
		}},
	},
	Widget: func() app.UI { return &basicTool{} },
	Mistakes: []mistake{
		{"Sending it over plain http", "Every router on the path can read the password. The tool warns whenever the target is http://."},
		{"Treating base64 as protection", "It is an encoding; decoding takes one line of code."},
		{"A colon in the user-id", "The server would read everything after the first colon as the password. Refuse such user-ids when accounts are made."},
		{"Forgetting the charset", "Non-ASCII names fail if client and server disagree on the encoding. RFC 7617 lets the server announce UTF-8; send UTF-8."},
		{"Comparing passwords with ==", "Store password hashes (PBKDF2, scrypt, Argon2) and compare in constant time. httpbin's /basic-auth compares plainly; Authlab's does not."},
		{"Using it for users in a browser", "The browser caches the credentials and offers no way to log out. Use a login form and a session for people."},
	},
	Refs: []string{"RFC 7617", "RFC 9110 §11 (HTTP authentication)", "RFC 4648 §4 (base64)"},
}

var lessonBearer = lesson{
	Slug: "bearer", Title: "Bearer tokens", Tool: "/bearer-token",
	Summary: "Whoever holds the token gets in. How to send one, and how a server says it is wrong.",
	Sections: []lessonSection{
		{"Sending it", []string{
			"A bearer token is like cash: the server does not ask who you are, only whether the token is good. RFC 6750 puts it in Authorization: Bearer <token>, with exactly one space and no quotes. A form field or a query parameter also exists in the standard, but both leak more and the query parameter is the worst: URLs are logged everywhere.",
		}},
		{"Reading the answer", []string{
			"A failure comes back as a WWW-Authenticate challenge. No token at all: 401 with just the realm, an invitation to authenticate. A malformed request: 400 with error=\"invalid_request\". A token that is expired, tampered with, meant for another service or not an access token at all (an ID token, whose typ is not at+jwt): 401 with error=\"invalid_token\". A good token without the route's scope: 403 with error=\"insufficient_scope\" and scope=\"…\" naming the one it needs. A revoked token gets 401 only where the server asks the authorization server's store: on Authlab, /api/profile, /api/keys and /oauth/userinfo do; /api/protected checks the token on its own, by signature, claims and scope, as a resource server without access to that store does, and accepts a revoked token until it expires. The error_description tells a developer which it was; a client program acts on the error code.",
			"On invalid_token, a client should get a new token, with its refresh token if it has one, and retry once; retrying the same token is pointless.",
		}},
	},
	Widget: func() app.UI { return &bearerTool{} },
	Mistakes: []mistake{
		{"Quoting the token or doubling the scheme", "Authorization: Bearer \"eyJ…\" and Authorization: Bearer Bearer eyJ… are both malformed: 400."},
		{"Putting the token in the URL", "Query strings end up in logs and Referer headers."},
		{"Accepting a token without checking its audience", "A token issued for another API would then work on yours. Check aud, iss and exp on every request."},
		{"Long-lived access tokens", "A stolen bearer token works until it expires. Keep access tokens short (the demo server: 15 minutes) and refresh them."},
		{"Answering 500 to a bad token", "A bad token is the client's problem: 401 with a challenge, never a server error."},
		{"Logging Authorization headers", "Logs are read by many and kept long. Redact credentials before they are written."},
	},
	Refs: []string{"RFC 6750", "RFC 9110 §11.6.1 (WWW-Authenticate)"},
}

var lessonJWT = lesson{
	Slug: "jwt", Title: "JSON Web Tokens", Tool: "/jwt",
	Summary: "A signed JSON document: what it says is readable by anyone and true only once verified.",
	Sections: []lessonSection{
		{"Three parts", []string{
			"A JWT in compact form is three base64url segments separated by dots: a header that names the algorithm and the key (alg, kid), a payload of claims (who, for whom, until when), and a signature over the first two. The first two are not encrypted. Decoding them, as the tool below does, proves nothing: anybody can write a header and a payload.",
		}},
		{"Verifying", []string{
			"A verifier first picks the key itself, by kid, from keys it already trusts, and the algorithm that key is for, never the one the token asks for. It checks the signature. Only then does it read the claims, and it checks all of them: exp and nbf against its clock with a small leeway, iss against the issuer it expects, aud against its own name. The demo server signs with ES256 and publishes its public keys at /.well-known/jwks.json.",
		}},
	},
	Widget: func() app.UI { return &jwtPeek{} },
	Mistakes: []mistake{
		{"Trusting the decoded payload", "Reading claims before verifying the signature lets anyone write their own."},
		{"Letting the token choose the algorithm", "alg none, or an HMAC \"signature\" made with a public RSA key as the secret, are the classic forgeries. Pin the algorithm to the key."},
		{"Fetching keys the token names", "A jku, x5u or jwk header points at the attacker's own key. Use only keys configured in advance."},
		{"Skipping aud and iss", "A valid token from the same issuer for another service is still the wrong token."},
		{"Weak HMAC secrets", "A short or dictionary secret is cracked offline from a single token. Use at least as many random bytes as the hash has."},
		{"Secrets in the payload", "The payload is only encoded. Put nothing there that the holder should not read."},
	},
	Refs: []string{"RFC 7519", "RFC 7515", "RFC 8725 (JWT best current practices)", "RFC 7517 (JWK)"},
}
