package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// attackClass is one section of the lesson on attacks against JWT
// verifiers: what the attacker does, the verifier's mistake that lets it
// through, where RFC 8725 warns against that mistake, the fix, and the
// panels of the /attacks lab that run it. The fix's code is shown on the
// panels, where the tests run it.
type attackClass struct {
	ID, Heading string
	Attack      string
	Mistake     string
	RFC         string // the RFC 8725 sections, then any other specification
	Fix         string // one sentence
	Panels      []string
}

var lessonJWTAttacks = lesson{
	Slug: "jwt-attacks", Title: "Attacks on JWT verifiers", Tool: "/attacks",
	Summary: "Ten ways a forged or misused token gets past a verifier, the one mistake each needs, and the fix.",
	Sections: []lessonSection{
		{"The one rule they all break", []string{
			"A JWT verifier decides with its own configuration: the keys it trusts, the algorithm each key is for, the issuer, the audience and the kind of token it accepts. Every attack below works because the verifier let the token decide one of these instead. Each section links to its panel in the attack lab, where the attack is built in the page, thrown at a verifier that makes that one mistake and at the strict demo server, and the fix is shown in Go, Python and JavaScript.",
		}},
	},
	Attacks: []attackClass{
		{ID: "alg-none", Heading: "alg none and a stripped signature",
			Attack:  `Rewrites the header to alg "none" (or "None", "NONE"), writes the claims they want, and sends the token with an empty signature; or keeps the header and simply drops the signature.`,
			Mistake: "Lets the token's header decide whether a signature is needed, and takes an empty signature as nothing to check.",
			RFC:     "RFC 8725 §2.1, §3.1, §3.2",
			Fix:     "Accept only the algorithms configured for the key, never none, and refuse a token whose signature is empty.",
			Panels:  []string{"none"}},
		{ID: "key-confusion", Heading: "Key confusion",
			Attack:  "Takes the server's RS256 or ES256 public key, which is published anyway, as PEM or JWK text, uses those bytes as an HMAC secret, and signs their own claims with alg HS256.",
			Mistake: "Uses the key the way the token's alg says, so a public key that everyone has becomes an HMAC secret.",
			RFC:     "RFC 8725 §2.1, §3.1",
			Fix:     "Bind each key to exactly one algorithm when it is loaded and refuse a token whose alg is not that one.",
			Panels:  []string{"key-confusion"}},
		{ID: "kid-injection", Heading: "kid injection: path traversal and SQL",
			Attack:  `Sets kid to a path such as "../../../../dev/null", whose content they know (nothing), and signs with that as the HMAC secret; or sets kid to "x' UNION SELECT 'their-secret" so that the key lookup returns a secret they chose.`,
			Mistake: "Uses kid, a value the attacker wrote, as a file name or pastes it into an SQL query.",
			RFC:     "RFC 8725 §3.10",
			Fix:     "Look kid up only as an opaque key among keys configured in advance (a map, or a parameterised query), and refuse a token whose kid is not there.",
			Panels:  []string{"kid-traversal", "kid-sql"}},
		{ID: "jku-x5u", Heading: "jku and x5u",
			Attack:  "Makes a key pair, publishes the public key as a JWK Set (or a certificate) at a URL of their own, signs with the private key and puts that URL in jku (or x5u).",
			Mistake: "Fetches the verification key from wherever the token says, so the attacker picks the key that checks their signature; the fetch itself is a server-side request forgery.",
			RFC:     "RFC 8725 §3.10; RFC 7515 §4.1.2, §4.1.5",
			Fix:     "Take keys only from the JWK Set URL configured for the issuer and ignore jku and x5u in tokens.",
			Panels:  []string{"jku"}},
		{ID: "embedded-jwk", Heading: "An embedded jwk",
			Attack:  "Makes a key pair, signs with the private key and puts the public key in the token's own jwk header.",
			Mistake: "Verifies with the key the token carries, so the token vouches for itself.",
			RFC:     "RFC 8725 §3.10; RFC 7515 §4.1.3",
			Fix:     "Verify only with keys configured in advance and ignore a jwk header.",
			Panels:  []string{"jwk"}},
		{ID: "weak-secret", Heading: "A weak HMAC secret",
			Attack:  "Takes one HS256 token, tries the words of a dictionary as the secret offline, at millions of guesses a second, until one gives the same signature, and then signs whatever they like.",
			Mistake: "Signs with a short, human-chosen secret that is on every word list.",
			RFC:     "RFC 8725 §2.2, §3.5; RFC 7518 §3.2",
			Fix:     "Make the HMAC secret of random bytes from a cryptographic source, at least as many as the hash has (32 for HS256), and refuse shorter ones.",
			Panels:  []string{"weak-secret"}},
		{ID: "psychic", Heading: "Psychic signatures (CVE-2022-21449)",
			Attack:  "Sends an ES256 token whose signature is 64 zero bytes: r = s = 0, which makes the verification equation hold for any message and any key.",
			Mistake: "Checks an ECDSA signature without first requiring 0 < r < n and 0 < s < n, as Java 15 to 18 did.",
			RFC:     "RFC 8725 §3.4; FIPS 186-5 §6.4.2",
			Fix:     "Verify with a maintained library that checks the range of r and s before anything else, and keep it patched.",
			Panels:  []string{"psychic"}},
		{ID: "claims", Heading: "Claims ignored: exp, nbf, aud, iss",
			Attack:  "Replays a genuine token after it expired or before its nbf, presents a token issued for service A to service B, or one from another issuer that shares the key.",
			Mistake: "Checks the signature and stops: a genuine signature says who wrote the token, not that it is for this API, from the expected issuer, now.",
			RFC:     "RFC 8725 §3.8, §3.9; RFC 7519 §4.1.1, §4.1.3, §4.1.4, §4.1.5",
			Fix:     "After the signature, require exp, check exp and nbf against your clock with a small leeway, iss against the issuer you trust and aud against your own name.",
			Panels:  []string{"claims"}},
		{ID: "substitution", Heading: "Token substitution and typ",
			Attack:  "Presents an ID token or a refresh token, genuine and signed by the same issuer with the same key, as an access token.",
			Mistake: "Accepts any token of its issuer whatever its kind: typ is ignored, so one kind of token passes for another.",
			RFC:     "RFC 8725 §2.7, §2.8, §3.11, §3.12; RFC 9068 §2.1, §4",
			Fix:     "Require the explicit type of the token you expect, typ at+jwt for an OAuth access token, with rules no other kind of token from that issuer can pass.",
			Panels:  []string{"substitution"}},
		{ID: "decode-only", Heading: "Decoded instead of verified",
			Attack:  "Edits the payload of any token, or writes one from scratch, and sends it with whatever signature, or none.",
			Mistake: "Base64-decodes the payload and reads the claims, and never checks the signature: a decode function used where a verify function was meant.",
			RFC:     "RFC 8725 §2.1, §3.3; RFC 7515 §5.2",
			Fix:     "Read claims only from what a verification call returns, and keep unverified decoding to tools that say so.",
			Panels:  []string{"decode-only"}},
	},
	Mistakes: []mistake{
		{"Testing a verifier only with good tokens", "A verifier that accepts every good token can still accept forged ones. Test it with the attack tokens too: the lab makes them for your own API."},
		{"Trusting a library's defaults", "Some libraries accept every algorithm the key fits, or check exp only when it is present. Name the algorithm, the issuer, the audience and the required claims explicitly."},
		{"Fixing one attack at a time", "Blocking alg none and nothing else leaves key confusion open. Decide from your own configuration and refuse everything else."},
		{"Treating header parameters as instructions", "alg, kid, jku, x5u, jwk and typ are claims made by whoever wrote the token. Use them to pick among what you already trust, never to extend it."},
		{"Different answers for different failures", "Tell a client only that its token is invalid; the detailed reason belongs in your logs."},
	},
	Refs: []string{"RFC 8725 (JWT best current practices)", "RFC 7515 (JWS)", "RFC 7519 (JWT)", "RFC 9068 (JWT access tokens)", "CVE-2022-21449"},
}

// attackClassView is one section of the lesson on attacks, with links to
// its panels in the lab.
func attackClassView(c attackClass) app.UI {
	id := "learn-" + c.ID
	return app.Section().ID(id).Class("attack-class").Aria("labelledby", id+"-title").Body(
		app.H2().ID(id+"-title").Text(c.Heading),
		app.Dl().Class("facts").Body(
			app.Dt().Text("The attack"), app.Dd().Text(c.Attack),
			app.Dt().Text("The verifier's mistake"), app.Dd().Text(c.Mistake),
			app.Dt().Text("Where the RFCs say so"), app.Dd().Class("rfc").Text(c.RFC),
			app.Dt().Text("The fix"), app.Dd().Text(c.Fix),
		),
		app.P().Class("lab-links").Body(
			app.Text("Try it in the lab: "),
			app.Range(c.Panels).Slice(func(i int) app.UI {
				return app.Span().Body(
					app.If(i > 0, func() app.UI { return app.Text(", ") }),
					app.A().Href(href("/attacks#"+attackPanelID(c.Panels[i]))).Text("the "+c.Panels[i]+" panel"),
				)
			}),
		),
	)
}
