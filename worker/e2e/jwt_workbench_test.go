//go:build e2e

package e2e_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// The JWT workbench's test contract: inputs #token, #key and #key-encoding
// (utf8, base64, base64url, hex); outputs #header, #payload, #verdict
// (data-state valid, invalid, unverified or malformed, with a reason) and
// #lint items with data-rule.

// openJWT opens /jwt in a browser with the extra options given, waits
// for app.wasm, and starts recording requests.
func openJWT(t *testing.T, fragment string, extra ...chromedp.ExecAllocatorOption) (context.Context, *requestLog) {
	t.Helper()
	ctx := newBrowser(t, extra...)
	log := &requestLog{}
	log.listen(ctx)
	if err := chromedp.Run(ctx,
		network.Enable(),
		chromedp.Navigate(baseURL+"/jwt"+fragment),
		waitForApp,
		chromedp.WaitVisible("#verdict", chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	return ctx, log
}

// setValue sets an input's value and fires the event a person's edit
// fires: input for text, change for a select.
func setValue(sel, value string) chromedp.Action {
	return chromedp.Evaluate(fmt.Sprintf(`(() => {
		const el = document.querySelector(%s);
		el.value = %s;
		el.dispatchEvent(new Event(el.tagName === "SELECT" ? "change" : "input", {bubbles: true}));
	})()`, jsString(sel), jsString(value)), nil)
}

// verdict waits until #verdict has the given state and its text holds
// every fragment of says, and returns the text.
func verdict(t *testing.T, ctx context.Context, state string, says ...string) string {
	t.Helper()
	cond := fmt.Sprintf(`document.querySelector("#verdict").dataset.state === %q`, state)
	for _, s := range says {
		cond += ` && document.querySelector("#verdict").textContent.includes(` + jsString(s) + `)`
	}
	var text string
	err := chromedp.Run(ctx,
		chromedp.Poll(cond, nil, chromedp.WithPollingTimeout(5*time.Second)),
		chromedp.Text("#verdict", &text, chromedp.ByQuery),
	)
	if err != nil {
		chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector("#verdict").dataset.state + ": " + document.querySelector("#verdict").innerText`, &text))
		t.Fatalf("verdict never became %s saying %q; it is %s", state, says, text)
	}
	return text
}

func valueOf(ctx context.Context, sel string) string {
	var v string
	chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector(`+jsString(sel)+`).value`, &v))
	return v
}

// noNewRequests fails the test if the page made a request since before.
func noNewRequests(t *testing.T, log *requestLog, before int, what string) {
	t.Helper()
	if after := log.snapshot(); len(after) != before {
		t.Errorf("%s made network requests: %v", what, after[before:])
	}
}

// signed returns a token signed with alg and the public key text that
// verifies it: PEM for RSA and EdDSA, a JWK for ECDSA, the secret in
// base64url for HMAC.
func signed(t *testing.T, alg string, claims string) (token, key, enc string) {
	t.Helper()
	k, err := keys.GenerateFor(alg, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	token, err = jot.SignJSON([]byte(`{"alg":"`+alg+`","typ":"JWT","kid":"`+k.Kid+`"}`), []byte(claims), k)
	if err != nil {
		t.Fatal(err)
	}
	switch alg[:2] {
	case "HS":
		return token, base64.RawURLEncoding.EncodeToString(k.Private.([]byte)), "base64url"
	case "ES":
		j, err := keys.MarshalJWK(k, false)
		if err != nil {
			t.Fatal(err)
		}
		return token, string(j), "utf8"
	}
	p, err := keys.PublicPEM(k.Public)
	if err != nil {
		t.Fatal(err)
	}
	return token, string(p), "utf8"
}

func liveClaims() string {
	n := time.Now().Unix()
	return fmt.Sprintf(`{"iss":"https://as.example","aud":"api","sub":"user-42","iat":%d,"exp":%d}`, n-60, n+3600)
}

// TestJWTWorkbenchVerifiesHS256 checks verification of an HMAC token with
// the secret in the right and the wrong encoding, and a wrong secret.
func TestJWTWorkbenchVerifiesHS256(t *testing.T) {
	ctx, log := openJWT(t, "")
	secret := []byte(strings.Repeat("\xfb\xff\xbf", 11)[:32]) // base64 "+/", base64url "-_"
	k := &keys.Key{Public: secret, Private: secret}
	token, err := jot.SignJSON([]byte(`{"alg":"HS256","typ":"JWT"}`), []byte(liveClaims()), k)
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.StdEncoding.EncodeToString(secret)
	before := len(log.snapshot())
	if err := chromedp.Run(ctx, pasteToken("#token", token), setValue("#key-encoding", "base64"), setValue("#key", b64)); err != nil {
		t.Fatal(err)
	}
	verdict(t, ctx, "valid", "read as base64")
	var header, payload string
	chromedp.Run(ctx, chromedp.Text("#header", &header, chromedp.ByQuery), chromedp.Text("#payload", &payload, chromedp.ByQuery))
	if !strings.Contains(header, `"alg": "HS256"`) || !strings.Contains(payload, `"sub": "user-42"`) {
		t.Errorf("header %q payload %q", header, payload)
	}
	chromedp.Run(ctx, setValue("#key-encoding", "utf8"))
	verdict(t, ctx, "invalid", "matches if the secret is read as base64")
	chromedp.Run(ctx, setValue("#key-encoding", "base64url"))
	verdict(t, ctx, "unverified", "not base64url", "read as base64")
	chromedp.Run(ctx, setValue("#key-encoding", "hex"), setValue("#key", strings.Repeat("ab", 32)))
	verdict(t, ctx, "invalid", "does not match")
	noNewRequests(t, log, before, "verifying")
}

// TestJWTWorkbenchVerifiesEveryAlg verifies a token of each of the 13 JWS
// algs with its public key, then the same token changed, in one page.
func TestJWTWorkbenchVerifiesEveryAlg(t *testing.T) {
	ctx, log := openJWT(t, "")
	before := len(log.snapshot())
	for _, alg := range jot.Algorithms() {
		token, key, enc := signed(t, alg, liveClaims())
		if err := chromedp.Run(ctx, setValue("#key-encoding", enc), setValue("#key", key), setValue("#token", token)); err != nil {
			t.Fatal(err)
		}
		verdict(t, ctx, "valid", "Signature verified")
		parts := strings.Split(token, ".")
		forged := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"admin"}`)) + "." + parts[2]
		chromedp.Run(ctx, setValue("#token", forged))
		verdict(t, ctx, "invalid", "does not match")
	}
	// The key type must fit alg: an ES256 token against an RSA key.
	es, _, _ := signed(t, "ES256", liveClaims())
	_, rsaPEM, _ := signed(t, "RS256", liveClaims())
	chromedp.Run(ctx, setValue("#key", rsaPEM), setValue("#token", es))
	verdict(t, ctx, "invalid", "ES256 needs an EC key on P-256, got an RSA key")
	noNewRequests(t, log, before, "verifying 13 algs")
}

// TestJWTWorkbenchExplainsClaims checks expiry with times, and iss and
// aud against expected values.
func TestJWTWorkbenchExplainsClaims(t *testing.T) {
	ctx, _ := openJWT(t, "")
	n := time.Now().Unix()
	token, key, enc := signed(t, "ES256", fmt.Sprintf(`{"iss":"https://as.example","aud":"api","iat":%d,"exp":%d}`, n-7200, n-3600))
	chromedp.Run(ctx, setValue("#key-encoding", enc), setValue("#key", key), setValue("#token", token))
	verdict(t, ctx, "invalid", "signature is valid, but the token is expired", time.Unix(n-3600, 0).UTC().Format("2006-01-02T15:04"))
	var rel, tl string
	chromedp.Run(ctx,
		chromedp.Text(`#claims li.relative[data-claim="exp"]`, &rel, chromedp.ByQuery),
		chromedp.AttributeValue("#timeline", "data-state", &tl, nil, chromedp.ByQuery),
	)
	if rel != "expired 1 h ago" || tl != "expired" {
		t.Errorf("exp described %q, timeline %q", rel, tl)
	}
	chromedp.Run(ctx, setValue("#skew", "7200"))
	verdict(t, ctx, "valid")
	chromedp.Run(ctx, setValue("#expect-iss", "https://other.example"))
	verdict(t, ctx, "invalid", "iss does not match")
	chromedp.Run(ctx, setValue("#expect-iss", "https://as.example"), setValue("#expect-aud", "web"))
	verdict(t, ctx, "invalid", "aud does not match")
}

// TestJWTWorkbenchLintsAlgNone checks that an unsecured token is refused
// and linted, with no key given.
func TestJWTWorkbenchLintsAlgNone(t *testing.T) {
	ctx, log := openJWT(t, "")
	before := len(log.snapshot())
	e := base64.RawURLEncoding
	token := e.EncodeToString([]byte(`{"alg":"none"}`)) + "." + e.EncodeToString([]byte(`{"sub":"admin","password":"hunter2"}`)) + "."
	chromedp.Run(ctx, pasteToken("#token", token))
	verdict(t, ctx, "invalid", `"none"`)
	var rules []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll("#lint li")].map(li => li.dataset.rule)`, &rules)); err != nil {
		t.Fatal(err)
	}
	want := []string{"alg-none", "exp-missing", "iss-missing", "aud-missing", "sensitive-claim", "typ-missing"}
	for _, w := range want {
		found := false
		for _, r := range rules {
			found = found || r == w
		}
		if !found {
			t.Errorf("lint rules %v lack %s", rules, w)
		}
	}
	if len(rules) == 0 || rules[0] != "alg-none" {
		t.Errorf("the first finding is %v, want alg-none", rules)
	}
	noNewRequests(t, log, before, "linting")
}

// TestJWTWorkbenchShareLink checks that a fragment link restores the
// inputs and the verdict, and that the key enters a link only after the
// warning.
func TestJWTWorkbenchShareLink(t *testing.T) {
	token, key, _ := signed(t, "HS256", liveClaims())
	hexKey := func() string { b, _ := base64.RawURLEncoding.DecodeString(key); return fmt.Sprintf("%x", b) }()
	fragment := "#token=" + url.QueryEscape(token) + "&key=" + url.QueryEscape(hexKey) + "&enc=hex"
	ctx, log := openJWT(t, fragment)
	verdict(t, ctx, "valid")
	if valueOf(ctx, "#token") != token || valueOf(ctx, "#key") != hexKey || valueOf(ctx, "#key-encoding") != "hex" {
		t.Fatalf("restored token %q key %q encoding %q", valueOf(ctx, "#token"), valueOf(ctx, "#key"), valueOf(ctx, "#key-encoding"))
	}
	before := len(log.snapshot())
	var link, warning string
	chromedp.Run(ctx, clickSteady("#share"), chromedp.WaitVisible("#share-link", chromedp.ByQuery))
	link = valueOf(ctx, "#share-link")
	if !strings.Contains(link, "/jwt#token="+url.QueryEscape(token)) || strings.Contains(link, "key=") {
		t.Errorf("link without key: %q", link)
	}
	chromedp.Run(ctx, clickSteady("#share-key"), chromedp.Text("#share-warning", &warning, chromedp.ByQuery))
	if !strings.Contains(warning, "forge") || valueOf(ctx, "#share-link") != link {
		t.Errorf("warning %q; link changed to %q before confirming", warning, valueOf(ctx, "#share-link"))
	}
	chromedp.Run(ctx, clickSteady("#share-key-confirm"),
		chromedp.Poll(`document.querySelector("#share-link").value.includes("key=")`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	link = valueOf(ctx, "#share-link")
	noNewRequests(t, log, before, "sharing")

	// The link opens the same state in another browser.
	other, _ := openJWT(t, link[strings.Index(link, "#"):])
	verdict(t, other, "valid")
	if valueOf(other, "#token") != token || valueOf(other, "#key") != hexKey || valueOf(other, "#key-encoding") != "hex" {
		t.Errorf("the shared link restored token %q key %q", valueOf(other, "#token"), valueOf(other, "#key"))
	}
	var leaked bool
	chromedp.Run(other, chromedp.Evaluate(`JSON.stringify({...localStorage, ...sessionStorage}).includes(`+jsString(token[:20])+`)`, &leaked))
	if leaked {
		t.Error("the token went into web storage")
	}
}

// TestJWTWorkbenchSignsWithoutNetwork generates keys, signs, and opens the
// signed token in the decoder; none of it makes a request.
func TestJWTWorkbenchSignsWithoutNetwork(t *testing.T) {
	ctx, log := openJWT(t, "")
	before := len(log.snapshot())
	for _, kind := range []string{"HS256", "P-256", "Ed25519", "RSA2048"} {
		var token string
		// The previous kind's token is still on the page: wait for a new one,
		// not merely for #signed to be visible.
		// Likewise the previous key's kid: wait for the new key's, which
		// an RSA key takes a while to reach.
		var previous, previousKid string
		chromedp.Run(ctx, chromedp.Evaluate(`(document.querySelector("#signed")||{}).value||""`, &previous),
			chromedp.Evaluate(`(document.querySelector("#gen-kid")||{}).textContent||""`, &previousKid))
		err := chromedp.Run(ctx,
			setValue("#gen-kind", kind),
			clickSteady("#generate"),
			chromedp.Poll(`(() => { const kid = document.querySelector("#gen-kid"); return !!kid && kid.textContent !== `+jsString(previousKid)+
				` && document.querySelector("#sign-header").value.includes(kid.textContent); })()`, nil, chromedp.WithPollingTimeout(20*time.Second)),
			clickSteady("#set-exp"),
			clickSteady("#set-jti"),
			clickSteady("#sign"),
			chromedp.WaitVisible("#signed", chromedp.ByQuery),
			chromedp.Poll(`document.querySelector("#signed").value !== `+jsString(previous)+` && document.querySelector("#signed").value !== ""`,
				nil, chromedp.WithPollingTimeout(20*time.Second)),
			clickSteady("#use-signed"),
		)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		verdict(t, ctx, "valid")
		token = valueOf(ctx, "#token")
		in := jot.Inspect(token)
		if in.Err() != nil || in.Payload["jti"] == nil || in.Payload["exp"] == nil {
			t.Errorf("%s: signed %v, errors %v", kind, in.Payload, in.Err())
		}
	}
	// The editor flags the duplicate member as it is typed, and the stale
	// token goes; signing then refuses the payload with the same reason.
	var flagged, problem string
	err := chromedp.Run(ctx,
		setValue("#sign-payload", `{"a":1,"a":2}`),
		chromedp.Poll(`!document.querySelector("#signed") && (document.querySelector("#sign-payload-error")||{}).textContent || ""`,
			&flagged, chromedp.WithPollingTimeout(10*time.Second)),
		clickSteady("#sign"),
		chromedp.Poll(`(document.querySelector("#sign-error")||{}).textContent || ""`,
			&problem, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("duplicate member: %v (the editor says %q, signing says %q)", err, flagged, problem)
	}
	for what, text := range map[string]string{"the editor": flagged, "signing": problem} {
		if !strings.Contains(text, `"a" appears twice`) {
			t.Errorf("duplicate member: %s says %q", what, text)
		}
	}
	noNewRequests(t, log, before, "generating keys and signing")
}

// TestJWTWorkbenchFetchesJWKSOnClick verifies a token of the demo server
// with its JWK Set, fetched on the button and only then.
func TestJWTWorkbenchFetchesJWKSOnClick(t *testing.T) {
	name := uniqueName("jwks")
	register(t, name, "correct horse battery staple")
	token := login(t, name, "correct horse battery staple")
	ctx, log := openJWT(t, "")
	before := len(log.snapshot())
	chromedp.Run(ctx, pasteToken("#token", token))
	verdict(t, ctx, "unverified")
	noNewRequests(t, log, before, "decoding")
	err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector("details.jwks").open = true`, nil),
		setValue("#jwks-url", "/.well-known/jwks.json"),
		clickSteady("#fetch-jwks"),
	)
	if err != nil {
		t.Fatal(err)
	}
	verdict(t, ctx, "valid")
	requests := log.snapshot()[before:]
	if len(requests) != 1 || !strings.HasSuffix(requests[0], "/.well-known/jwks.json") {
		t.Errorf("fetching the JWKS made requests %v", requests)
	}
}

// TestJWTWorkbenchHostileInput pastes inputs meant to hang the page and
// checks each gets its message within 100 ms.
func TestJWTWorkbenchHostileInput(t *testing.T) {
	ctx, _ := openJWT(t, "")
	e := base64.RawURLEncoding
	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	tests := []struct {
		name, token, state, say string
	}{
		{"a megabyte token", "eyJhbGciOiJIUzI1NiJ9." + strings.Repeat("A", 1<<20) + ".sig", "malformed", "too large"},
		{"a million dots", strings.Repeat(".", 1_000_000), "malformed", "too large"},
		{"JSON nested 10,000 deep", "eyJhbGciOiJIUzI1NiJ9." + e.EncodeToString([]byte(`{"a":`+deep+`}`)) + ".AA", "malformed", "nested"},
		{"invalid UTF-8", "eyJhbGciOiJIUzI1NiJ9." + e.EncodeToString([]byte("{\"a\":\"\xff\"}")) + ".AA", "malformed", "UTF-8"},
	}
	for _, tt := range tests {
		// The fastest of three pastes, so that a busy machine does not
		// fail the budget.
		best := 1e9
		for range 3 {
			ms, state, text := measureInput(t, ctx, "#token", tt.token)
			if state != tt.state || !strings.Contains(text, tt.say) {
				t.Errorf("%s: verdict %s %q", tt.name, state, text)
			}
			best = min(best, ms)
			chromedp.Run(ctx, setValue("#token", ""))
			verdict(t, ctx, "unverified", "Paste a token")
		}
		if best > 100 {
			t.Errorf("%s: the verdict took %.1f ms", tt.name, best)
		}
		t.Logf("%s: %.1f ms", tt.name, best)
	}
	chromedp.Run(ctx, setValue("#token", "eyJhbGciOiJFUzI1NiJ9.e30.AA"), setValue("#key", "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----"))
	verdict(t, ctx, "unverified", "could not be read")
}

// measureJS installs window.__measure(sel, value): it sets the input, fires
// input, and resolves when #verdict has changed in the DOM and the next
// frame has started, with the milliseconds taken and the verdict.
const measureJS = `window.__measure = (sel, value) => new Promise(resolve => {
	const v = document.querySelector("#verdict");
	const before = v.dataset.state + "|" + v.textContent;
	const el = document.querySelector(sel);
	let dom = 0;
	const obs = new MutationObserver(() => {
		const cur = document.querySelector("#verdict");
		if (dom || cur.dataset.state + "|" + cur.textContent === before) return;
		dom = performance.now() - t0;
		obs.disconnect();
		requestAnimationFrame(() => resolve({dom, frame: performance.now() - t0, state: cur.dataset.state, text: cur.textContent}));
	});
	obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
	const t0 = performance.now();
	el.value = value;
	el.dispatchEvent(new Event("input", {bubbles: true}));
});`

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

type measurement struct {
	DOM   float64 `json:"dom"`
	Frame float64 `json:"frame"`
	State string  `json:"state"`
	Text  string  `json:"text"`
}

// measureInput sets an input and returns the time until #verdict changed,
// its state and its text.
func measureInput(t *testing.T, ctx context.Context, sel, value string) (float64, string, string) {
	t.Helper()
	var m measurement
	err := chromedp.Run(ctx,
		chromedp.Evaluate(measureJS, nil),
		chromedp.Evaluate(`window.__measure(`+jsString(sel)+`, `+jsString(value)+`)`, &m, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	return m.DOM, m.State, m.Text
}

// TestJWTWorkbenchLayout opens every part of the workbench and checks that
// each control has a label and that nothing is wider than a 375 px screen.
func TestJWTWorkbenchLayout(t *testing.T) {
	ctx, _ := openJWT(t, "")
	const check = `(() => {
		const out = [];
		for (const e of document.querySelectorAll("input, textarea, select"))
			if (!(e.labels && e.labels.length) && !e.getAttribute("aria-label")) out.push("unlabelled #" + e.id);
		for (const e of document.querySelectorAll("body *"))
			if (e.getBoundingClientRect().right > window.innerWidth + 0.5) out.push("too wide: " + e.tagName + "#" + e.id);
		return out;
	})()`
	var problems []string
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(375, 812),
		clickSteady("#example"),
		clickSteady("#share"),
		clickSteady("#share-key"),
		setValue("#gen-kind", "Ed25519"),
		clickSteady("#generate"),
		clickSteady("#sign"),
		chromedp.WaitVisible("#signed", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("#content details, main details").forEach(d => d.open = true)`, nil),
		chromedp.WaitReady("#jwe-enc-plaintext", chromedp.ByQuery),
		chromedp.WaitReady("#authjs-cookie", chromedp.ByQuery),
		chromedp.Evaluate(check, &problems),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
