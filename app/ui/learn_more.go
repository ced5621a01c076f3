package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

var lessonOAuth = lesson{
	Slug: "oauth", Title: "OAuth 2.0", Tool: "/oauth",
	Summary: "How an app gets a token to act for a user, without ever seeing the user's password.",
	Sections: []lessonSection{
		{"The authorization code flow", []string{
			"The app sends the user's browser to the authorization server with what it wants (client_id, redirect_uri, scope, state). The user logs in there and agrees. The server sends the browser back to the redirect_uri with a short-lived code. The app exchanges the code, at the token endpoint, for an access token and usually a refresh token. The password only ever reaches the authorization server.",
		}},
		{"PKCE", []string{
			"A code that travels through a browser can be stolen on the way. PKCE binds it to the app that asked: the app makes a random code_verifier, sends its SHA-256 hash as code_challenge with the first request, and the verifier itself with the code exchange. A thief has the code but not the verifier. Current practice requires PKCE for every client, with S256, never plain; Authlab's server refuses requests without it.",
			"The state parameter is a separate guard, against a forged redirect: the app checks that what comes back is what it sent.",
		}},
		{"Other grants", []string{
			"Client credentials: a service gets a token for itself, with its own secret, when no user is involved. Refresh: a client trades a refresh token for a fresh access token; Authlab rotates refresh tokens and, when an old one is used again, revokes the whole family, since one of the two users is a thief. The implicit and password grants are obsolete.",
		}},
	},
	Widget: func() app.UI { return &pkceTool{} },
	Mistakes: []mistake{
		{"No PKCE, or PKCE plain", "Without S256 a stolen code is enough."},
		{"Loose redirect_uri matching", "Prefix or wildcard matching turns the server into an open redirect that delivers codes to attackers. Compare exact strings."},
		{"No state check", "A forged redirect can then log the user in to the attacker's account."},
		{"Tokens in the browser's storage", "localStorage is readable by any script on the page. Keep tokens in memory, or behind a server-side session."},
		{"Asking for every scope", "Ask for the least the app needs; users and reviewers notice."},
		{"Using the ID token as an access token", "The ID token's audience is the app, not the API. Send the access token to APIs."},
	},
	Refs: []string{"RFC 6749", "RFC 7636 (PKCE)", "RFC 9700 (OAuth 2.0 security best current practice)", "RFC 8414 (metadata)"},
}

var lessonSessions = lesson{
	Slug: "sessions", Title: "Cookie sessions", Tool: "/session",
	Summary: "The browser holds an opaque cookie; the server holds the session. The classic web login, done right.",
	Sections: []lessonSection{
		{"How it works", []string{
			"After checking the password, the server creates a session record and sets a cookie naming it. The browser sends the cookie with every request to the site, without any code of the page being involved. Logging out deletes the record; the cookie then names nothing.",
		}},
		{"The attributes do the work", []string{
			"HttpOnly keeps the cookie away from page scripts, so an injected script cannot steal it. Secure keeps it off plain http. SameSite=Lax keeps it out of requests that other sites start, apart from top-level navigations. The __Host- prefix makes the browser insist on Secure, Path=/ and no Domain, so that no subdomain can set or shadow it.",
			"SameSite is not the whole defence against cross-site request forgery: the demo server also checks the Origin header of every request that changes state, and refuses the ones from other sites, as the tool shows.",
		}},
	},
	Widget: func() app.UI {
		return app.Div().Body(&sessionTool{}, app.H3().Text("Sessions or tokens?"), sessionComparison())
	},
	Mistakes: []mistake{
		{"A session id that can be guessed", "Use at least 128 random bits from a cryptographic source, and store only a hash."},
		{"Keeping the session id across login", "An id set before login (session fixation) must be replaced by a new one after it."},
		{"Missing HttpOnly or Secure", "Then one XSS, or one http request, gives the session away."},
		{"Relying on SameSite alone", "Check Origin on state-changing requests too, and never change state on GET."},
		{"Logout that only clears the cookie", "Delete the session on the server, or a copied cookie keeps working."},
		{"Sessions that never end", "Expire them, both idle and absolute, on the server."},
	},
	Refs: []string{"RFC 6265 and its revision RFC 6265bis (cookies, SameSite, prefixes)", "Fetch standard (CORS, forbidden headers)"},
}

var lessonBestPractices = lesson{
	Slug: "best-practices", Title: "Best practices", Summary: "What every method above has in common.",
	Sections: []lessonSection{
		{"Secrets come from the environment", []string{
			"Keys, passwords and signing keys are configuration, not code. Read them from environment variables or a secret manager, keep them out of the repository, and make rotating them a routine that does not need a release. Every snippet on this site says so when it inlines a demo credential.",
		}},
		{"HTTPS only", []string{
			"Every method here sends a secret that works for whoever reads it. Without TLS, that is everyone on the path. Redirect http to https, and send Strict-Transport-Security so that browsers stop trying http at all.",
		}},
		{"Everything expires", []string{
			"Access tokens in minutes, sessions in hours, refresh tokens and API keys when unused for a while. Expiry limits the damage of the leak you did not notice. Pair it with revocation for the leak you did.",
		}},
		{"Tokens in a browser", []string{
			"Keep them in memory, as this site does. localStorage and sessionStorage are readable by every script that runs on the page. If a web app needs a long-lived login, let a server hold the tokens and give the browser an HttpOnly session cookie instead.",
		}},
		{"Limit the rate", []string{
			"Count failed logins per account and per client, and slow them down; count API calls per key. Answer 429 with Retry-After, and make sure the limit cannot lock the real owner out.",
		}},
		{"Validate every claim, every time", []string{
			"Signature first, with a key and algorithm you chose. Then exp and nbf with a small leeway, iss, aud, and the scope the request needs. A token that passes some checks is not half valid.",
		}},
	},
	Mistakes: []mistake{
		{"Secrets in the repository", "History keeps them even after a fix: rotate any secret that was ever committed."},
		{"Error messages that say which part was wrong", "\"Unknown user\" and \"wrong password\" tell an attacker which accounts exist. Say \"invalid credentials\", and spend the same time on both."},
		{"Logging credentials", "Authorization headers, keys in URLs and request bodies with passwords in them belong in no log."},
		{"Rolling your own crypto", "Use vetted libraries for hashing, signing and random numbers, with their safe defaults."},
	},
	Refs: []string{"RFC 8725", "RFC 9700", "RFC 6797 (HSTS)", "RFC 6585 §4 (429)"},
}
