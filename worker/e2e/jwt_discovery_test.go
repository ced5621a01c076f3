//go:build e2e

package e2e_test

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestJWTWorkbenchDiscoversIssuerKeys types and pastes a token of the
// demo server, and only on the click on Fetch JWKS finds its key by
// OpenID Connect Discovery: the page shows both URLs tried, the key by
// kid, fills the expected issuer and verifies. The network log holds no
// request before the click, and after it exactly the metadata and JWK
// Set requests, neither carrying the token or the key.
func TestJWTWorkbenchDiscoversIssuerKeys(t *testing.T) {
	name := uniqueName("disc")
	register(t, name, "correct horse battery staple")
	token := login(t, name, "correct horse battery staple")
	ctx, log := openJWT(t, "")
	before := len(log.snapshot())
	err := chromedp.Run(ctx,
		chromedp.SendKeys("#token", token[:24], chromedp.ByQuery),
		setValue("#token", ""),
		pasteToken("#token", token),
	)
	if err != nil {
		t.Fatal(err)
	}
	verdict(t, ctx, "unverified")
	noNewRequests(t, log, before, "typing and pasting the token")
	err = chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector("details.jwks").open = true`, nil),
		clickSteady("#fetch-jwks"),
	)
	if err != nil {
		t.Fatal(err)
	}
	verdict(t, ctx, "valid")
	var attempts []string
	var keyInfo string
	err = chromedp.Run(ctx,
		chromedp.Evaluate(`[...document.querySelectorAll("#discovery-attempts li")].map(li => li.dataset.state + " " + li.innerText)`, &attempts),
		chromedp.Text("#discovered-key", &keyInfo, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	wantURLs := []string{baseURL + "/.well-known/openid-configuration", baseURL + "/.well-known/jwks.json"}
	if len(attempts) != 2 || !strings.HasPrefix(attempts[0], "ok "+wantURLs[0]) || !strings.Contains(attempts[0], "HTTP 200") ||
		!strings.HasPrefix(attempts[1], "ok "+wantURLs[1]) || !strings.Contains(attempts[1], "JWK Set with") {
		t.Errorf("URLs tried as shown: %q", attempts)
	}
	kid, _ := headerOf(t, token)["kid"].(string)
	for _, want := range []string{kid, "EC", "ES256", wantURLs[1]} {
		if !strings.Contains(keyInfo, want) {
			t.Errorf("the key shown lacks %q: %s", want, keyInfo)
		}
	}
	if iss := valueOf(ctx, "#expect-iss"); iss != baseURL {
		t.Errorf("expected iss = %q, want the discovered %q", iss, baseURL)
	}
	sent := log.sentSince(before)
	if len(sent) != 2 || !strings.HasPrefix(sent[0], wantURLs[0]+"\n") || !strings.HasPrefix(sent[1], wantURLs[1]+"\n") {
		t.Errorf("the click made requests %q, want %q", sent, wantURLs)
	}
	key := valueOf(ctx, "#key")
	var jwk struct{ X, Y string }
	json.Unmarshal([]byte(key), &jwk)
	secrets := append(strings.Split(token, "."), jwk.X, jwk.Y)
	for _, req := range sent {
		for _, s := range secrets {
			if s != "" && strings.Contains(req, s) {
				t.Errorf("a request carries %q: %s", s, req)
			}
		}
	}
	after := len(log.snapshot())
	chromedp.Run(ctx, setValue("#key", key+" "), clickSteady("#sign"))
	verdict(t, ctx, "valid")
	noNewRequests(t, log, after, "verifying again and signing")
}

// headerOf decodes a token's header.
func headerOf(t *testing.T, token string) map[string]any {
	t.Helper()
	var h map[string]any
	b, err := base64.RawURLEncoding.DecodeString(strings.Split(token, ".")[0])
	if err == nil {
		err = json.Unmarshal(b, &h)
	}
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// joseFixtures are the JWEs the jose npm package made (app/jwe/testdata).
type joseFixtures struct {
	Tokens []struct {
		Alg, Enc, Token, Plaintext, Note string
		Key                              struct {
			JWK  json.RawMessage `json:"jwk"`
			PEM  string          `json:"pem"`
			Hex  string          `json:"hex"`
			UTF8 string          `json:"utf8"`
		}
	}
}

func readFixture(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile("../../app/jwe/testdata/" + name)
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestJWTWorkbenchDecryptsJWE decrypts every jose fixture that has a JWK
// or PEM key in the page: the plaintext shows, a nested JWS goes on to
// verification, and PBES2 is refused by name. An Auth.js v5 cookie and a
// NextAuth v4 cookie open into their sessions. None of it makes a request.
func TestJWTWorkbenchDecryptsJWE(t *testing.T) {
	var jose joseFixtures
	readFixture(t, "jose.json", &jose)
	ctx, log := openJWT(t, "")
	before := len(log.snapshot())
	tried := map[string]bool{}
	for _, f := range jose.Tokens {
		key, enc := string(f.Key.JWK), "utf8"
		switch {
		case f.Key.PEM != "":
			key = f.Key.PEM
		case f.Key.Hex != "":
			key, enc = f.Key.Hex, "hex"
		case f.Key.UTF8 != "":
			key = f.Key.UTF8
		}
		t.Run(f.Alg+"/"+f.Enc+"/"+f.Note, func(t *testing.T) {
			// The key goes first, so that no outcome of the last token's is
			// taken for this one's.
			err := chromedp.Run(ctx, pasteTokenFresh(f.Token),
				chromedp.WaitVisible("#jwe-key", chromedp.ByQuery),
				setValue("#jwe-key", ""),
				chromedp.Poll(`!!document.querySelector("#jwe-status") || !!document.querySelector("#jwe-error[data-refused^=PBES2]")`, nil, chromedp.WithPollingTimeout(5*time.Second)),
				setValue("#jwe-key-encoding", enc), setValue("#jwe-key", key))
			if err != nil {
				t.Fatal(err)
			}
			if f.Note == "refused" {
				var refused string
				err := chromedp.Run(ctx, chromedp.Poll(`(document.querySelector("#jwe-error")||{dataset:{}}).dataset.refused || ""`, &refused, chromedp.WithPollingTimeout(5*time.Second)))
				if err != nil || !strings.HasPrefix(refused, "PBES2") {
					t.Fatalf("PBES2 not refused by name: %q %v", refused, err)
				}
				return
			}
			var plain string
			err = chromedp.Run(ctx, chromedp.Poll(`(document.querySelector("#jwe-plaintext")||{}).value || (document.querySelector("#jwe-error")||{}).innerText`, &plain, chromedp.WithPollingTimeout(5*time.Second)))
			if err != nil || plain == "" {
				t.Fatalf("nothing decrypted: %v", err)
			}
			if strings.Join(strings.Fields(plain), "") != strings.Join(strings.Fields(f.Plaintext), "") && plain != f.Plaintext {
				t.Fatalf("plaintext %q, want %q", plain, f.Plaintext)
			}
			if f.Note == "nested" {
				chromedp.Run(ctx, setValue("#key", "nested-jws-hmac-secret-32-bytes!!"), setValue("#key-encoding", "utf8"))
				verdict(t, ctx, "valid", "Decrypted JWE")
			} else if strings.HasPrefix(f.Plaintext, "{") {
				var payload string
				chromedp.Run(ctx, chromedp.Poll(`(document.querySelector("#payload")||{}).textContent || ""`, &payload, chromedp.WithPollingTimeout(5*time.Second)))
				if !strings.Contains(payload, `"iss"`) && !strings.Contains(payload, `"sub"`) {
					t.Errorf("#payload shows %q", payload)
				}
			}
			tried[f.Alg+" "+f.Enc] = true
		})
	}
	if len(tried) < 10 {
		t.Errorf("decrypted %d alg/enc pairs: %v", len(tried), tried)
	}

	var cookies []struct {
		Package, Secret, CookieName, Token string
		Session                            map[string]any
	}
	readFixture(t, "authjs.json", &cookies)
	opened := map[string]bool{}
	for _, c := range cookies {
		version := "5"
		if c.Package == "next-auth" {
			version = "4"
		}
		if opened[version] {
			continue
		}
		var session string
		err := chromedp.Run(ctx,
			chromedp.Evaluate(`document.querySelector("details#authjs").open = true`, nil),
			// The form is mounted once the fold opens (widget.Fold).
			chromedp.WaitReady("#authjs-version", chromedp.ByQuery),
			setValue("#authjs-version", version),
			setValue("#authjs-cookie", c.Token), setValue("#authjs-secret", c.Secret), setValue("#authjs-name", c.CookieName),
			chromedp.Poll(`(document.querySelector("#authjs-plaintext")||{}).value || ""`, &session, chromedp.WithPollingTimeout(5*time.Second)),
		)
		if err != nil || !strings.Contains(session, c.Session["email"].(string)) {
			t.Errorf("%s %s cookie: session %q, %v", c.Package, c.CookieName, session, err)
		}
		opened[version] = true
	}
	if !opened["4"] || !opened["5"] {
		t.Errorf("cookies opened: %v", opened)
	}
	noNewRequests(t, log, before, "decrypting JWEs and opening cookies")
}

// pasteTokenFresh replaces the token with another, as a paste over a
// selection does.
func pasteTokenFresh(token string) chromedp.Action {
	return chromedp.Tasks{setValue("#token", ""), pasteToken("#token", token)}
}

var cspMetaRE = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]+)">`)

// TestPageCSP reads each page's policy as served, and follows links
// across the two policies in the browser: into and out of the JWT
// workbench a link loads a new document, with its page's policy; between
// two strict pages go-app stays in the same document.
func TestPageCSP(t *testing.T) {
	// Pages are not the API: a client of its own keeps them out of the
	// /openapi.json check.
	pages := &http.Client{Transport: &http.Transport{}}
	for _, page := range []string{"/jwt", "/jwt/", "/basic", "/", "/learn"} {
		res, err := pages.Get(baseURL + page)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		m := cspMetaRE.FindAllStringSubmatch(string(body), -1)
		if len(m) != 1 {
			t.Fatalf("%s: %d CSP meta elements", page, len(m))
		}
		wide := strings.Contains(m[0][1], "connect-src 'self' https:;")
		if wide != strings.HasPrefix(page, "/jwt") || !strings.Contains(m[0][1], "connect-src 'self'") {
			t.Errorf("%s: CSP %s", page, m[0][1])
		}
	}

	b := uiBrowser(t)
	b.open("/basic")
	policy := func() string {
		var p string
		b.eval(`document.querySelector('meta[http-equiv="Content-Security-Policy"]').content`, &p)
		return p
	}
	mark := func() { b.eval(`window.sameDocument = true`, nil) }
	same := func() bool {
		var v bool
		b.eval(`window.sameDocument === true`, &v)
		return v
	}
	mark()
	b.click(`nav a[href="/apikey"]`)
	b.waitJS(`location.pathname === "/apikey" && !!document.querySelector("h1")`)
	if !same() {
		t.Error("going from /basic to /apikey loaded a new document")
	}
	b.click(`nav a[href="/jwt"]`)
	waitAcrossLoad(b, `location.pathname === "/jwt" && !!document.querySelector("#verdict") && window.sameDocument !== true`)
	if p := policy(); !strings.Contains(p, "https:") {
		t.Errorf("/jwt after a link from /apikey: CSP %s", p)
	}
	mark()
	b.click(`nav a[href="/basic"]`)
	waitAcrossLoad(b, `location.pathname === "/basic" && !!document.querySelector("h1") && window.sameDocument !== true`)
	if p := policy(); strings.Contains(p, "https:") {
		t.Errorf("/basic after a link from /jwt: CSP %s", p)
	}
}

// waitAcrossLoad waits until cond is true in the tab's document, which a
// navigation replaces meanwhile: an evaluation in the document going away
// fails, and is tried again.
func waitAcrossLoad(b *uiTab, cond string) {
	b.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var ok bool
		if chromedp.Run(b.ctx, chromedp.Evaluate(cond, &ok)) == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.t.Fatalf("never true: %s", cond)
}
