//go:build e2e

package e2e_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// fakeIssuer is a third-party issuer on a loopback port of its own:
// OpenID Connect Discovery metadata at /.well-known/openid-configuration
// naming jwks_uri /oauth2/keys, its JWK Set there and at the conventional
// /.well-known/jwks.json, 404 elsewhere. It records every request.
type fakeIssuer struct {
	*tlsOrigin
	// cors is the one origin allowed to read the answers (Fetch
	// standard, CORS protocol), "" for none.
	cors string
	// names is the issuer its metadata names, its own origin when "".
	names string
	jwks  []byte
	mu    sync.Mutex
	seen  []string // each request: method, path, and the headers that could carry a secret
}

const jwksPath = "/oauth2/keys"

func newFakeIssuer(t *testing.T, host, cors, names string, jwks []byte) *fakeIssuer {
	f := &fakeIssuer{cors: cors, names: names, jwks: jwks}
	f.tlsOrigin = serveTLS(t, host, f)
	return f
}

func (f *fakeIssuer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.seen = append(f.seen, fmt.Sprintf("%s %s origin=%q authorization=%q cookie=%q",
		r.Method, r.URL.RequestURI(), r.Header.Get("Origin"), r.Header.Get("Authorization"), r.Header.Get("Cookie")))
	f.mu.Unlock()
	if f.cors != "" && r.Header.Get("Origin") == f.cors {
		w.Header().Set("Access-Control-Allow-Origin", f.cors)
	}
	w.Header().Set("Vary", "Origin")
	issuer := f.names
	if issuer == "" {
		issuer = f.origin()
	}
	var body []byte
	switch r.URL.Path {
	case "/.well-known/openid-configuration":
		body, _ = json.Marshal(map[string]any{
			"issuer": issuer, "jwks_uri": f.origin() + jwksPath,
			"authorization_endpoint": f.origin() + "/authorize", "response_types_supported": []string{"code"},
			"subject_types_supported": []string{"public"}, "id_token_signing_alg_values_supported": []string{"RS256", "ES256", "ES384", "EdDSA"},
		})
	case jwksPath, "/.well-known/jwks.json":
		body = f.jwks
	default:
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

// requests returns the requests seen so far.
func (f *fakeIssuer) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.seen...)
}

// issuerKey is a signing key of a fake issuer and its published JWK.
type issuerKey struct {
	key *keys.Key
	jwk map[string]any
	// chain is the DER of the x5c certificates, leaf first.
	chain [][]byte
}

func newIssuerKey(t *testing.T, alg, kid string) *issuerKey {
	t.Helper()
	k, err := keys.GenerateFor(alg, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k.Kid, k.Alg, k.Use = kid, alg, "sig"
	b, err := keys.MarshalJWK(k, false)
	if err != nil {
		t.Fatal(err)
	}
	ik := &issuerKey{key: k}
	if err := json.Unmarshal(b, &ik.jwk); err != nil {
		t.Fatal(err)
	}
	return ik
}

// withChain makes the key the leaf of a three-certificate chain, leaf,
// intermediate and root, valid around now, and publishes it as x5c
// (RFC 7517 §4.7, standard base64 DER) with its x5t#S256 (§4.9).
func (ik *issuerKey) withChain(t *testing.T, now time.Time) *issuerKey {
	t.Helper()
	caKey := func() *keys.Key {
		k, err := keys.GenerateFor("ES256", rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	root, inter := caKey(), caKey()
	tmpl := func(serial int64, cn string, isCA bool) *x509.Certificate {
		c := &x509.Certificate{
			SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn, Organization: []string{"Issuer A"}},
			NotBefore: now.Add(-time.Hour), NotAfter: now.Add(30 * 24 * time.Hour),
			BasicConstraintsValid: true, IsCA: isCA, KeyUsage: x509.KeyUsageDigitalSignature,
		}
		if isCA {
			c.KeyUsage |= x509.KeyUsageCertSign
		}
		return c
	}
	rootTmpl, interTmpl, leafTmpl := tmpl(1, "Issuer A Root CA", true), tmpl(2, "Issuer A Intermediate CA", true), tmpl(3, "Issuer A token signing", false)
	sign := func(c, parent *x509.Certificate, pub crypto.PublicKey, by crypto.PrivateKey) []byte {
		der, err := x509.CreateCertificate(rand.Reader, c, parent, pub, by)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}
	rootDER := sign(rootTmpl, rootTmpl, root.Public, root.Private)
	rootCert, _ := x509.ParseCertificate(rootDER)
	interDER := sign(interTmpl, rootCert, inter.Public, root.Private)
	interCert, _ := x509.ParseCertificate(interDER)
	leafDER := sign(leafTmpl, interCert, ik.key.Public, inter.Private)
	ik.chain = [][]byte{leafDER, interDER, rootDER}
	var x5c []string
	for _, der := range ik.chain {
		x5c = append(x5c, base64.StdEncoding.EncodeToString(der))
	}
	sum := sha256.Sum256(leafDER)
	ik.jwk["x5c"], ik.jwk["x5t#S256"] = x5c, base64.RawURLEncoding.EncodeToString(sum[:])
	return ik
}

// token signs claims of iss, issued at now, with the key.
func (ik *issuerKey) token(t *testing.T, iss string, now time.Time) string {
	t.Helper()
	header := fmt.Sprintf(`{"alg":%q,"typ":"JWT","kid":%q}`, ik.key.Alg, ik.key.Kid)
	claims := fmt.Sprintf(`{"iss":%q,"sub":"user-7","aud":"api","iat":%d,"exp":%d}`, iss, now.Unix(), now.Add(time.Hour).Unix())
	tok, err := jot.SignJSON([]byte(header), []byte(claims), ik.key)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func jwkSet(t *testing.T, ks ...*issuerKey) []byte {
	t.Helper()
	var set struct {
		Keys []map[string]any `json:"keys"`
	}
	for _, k := range ks {
		set.Keys = append(set.Keys, k.jwk)
	}
	b, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestJWTWorkbenchThirdPartyIssuers discovers keys, on a click on Fetch
// JWKS, from issuers on other loopback origins over TLS, as from a real
// identity provider:
//   - issuer A allows the page's origin by CORS, publishes metadata whose
//     jwks_uri is not the conventional path, and a JWK Set of RSA, EC and
//     OKP keys and an EC key with an x5c chain: a token signed with each
//     verifies, and the chain shows linked;
//   - issuer B's metadata names another issuer: the page does not use it,
//     finds the keys at /.well-known/jwks.json and reports the mismatch;
//   - issuer C sends no CORS header: the page says so, and offers a curl
//     command that fetches what the browser could not read.
//
// Every click requests exactly the discovery URLs and no request carries
// a token or a key.
func TestJWTWorkbenchThirdPartyIssuers(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	page := strings.TrimSuffix(baseURL, "/")
	aKeys := []*issuerKey{
		newIssuerKey(t, "RS256", "a-rsa-2026"),
		newIssuerKey(t, "ES256", "a-ec-2026"),
		newIssuerKey(t, "EdDSA", "a-okp-2026"),
		newIssuerKey(t, "ES384", "a-x5c-2026").withChain(t, now),
	}
	bKey := newIssuerKey(t, "ES256", "b-ec-1")
	cKey := newIssuerKey(t, "RS256", "c-rsa-1")
	a := newFakeIssuer(t, "issuer-a.example", page, "", jwkSet(t, aKeys...))
	b := newFakeIssuer(t, "issuer-b.example", page, "https://issuer-elsewhere.example", jwkSet(t, bKey))
	c := newFakeIssuer(t, "issuer-c.example", "", "", jwkSet(t, cKey))

	ctx, log := openJWT(t, "", chromiumTrusts(a.tlsOrigin, b.tlsOrigin, c.tlsOrigin)...)
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector("details.jwks").open = true`, nil)); err != nil {
		t.Fatal(err)
	}
	var tokens []string
	// discover pastes a token, checks that pasting made no request, clicks
	// Fetch JWKS and returns the requests the click made once cond holds.
	discover := func(t *testing.T, token, kid, cond string) []string {
		t.Helper()
		tokens = append(tokens, token)
		before := len(log.snapshot())
		err := chromedp.Run(ctx,
			pasteTokenFresh(token),
			chromedp.Poll(`document.querySelector("#header").textContent.includes(`+jsString(kid)+`) && !document.querySelector("#discovery")`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		)
		if err != nil {
			t.Fatalf("the token with kid %s was not decoded: %v", kid, err)
		}
		noNewRequests(t, log, before, "pasting the token")
		err = chromedp.Run(ctx,
			clickSteady("#fetch-jwks"),
			chromedp.Poll(cond, nil, chromedp.WithPollingTimeout(30*time.Second)),
		)
		if err != nil {
			var status string
			chromedp.Run(ctx, chromedp.Evaluate(`(document.querySelector("#jwks-status")||{}).innerText + " | " + (document.querySelector("#discovery")||{}).innerText`, &status))
			t.Fatalf("after the click, never %s: %v; the page shows %s", cond, err, status)
		}
		var sent []string
		for _, s := range log.sentSince(before) {
			sent = append(sent, strings.SplitN(s, "\n", 2)[0])
		}
		return sent
	}

	t.Run("A/CORS, jwks_uri, four keys", func(t *testing.T) {
		metadata, keysURL := a.origin()+"/.well-known/openid-configuration", a.origin()+jwksPath
		for _, k := range aKeys {
			kid := k.key.Kid
			sent := discover(t, k.token(t, a.origin(), now), kid,
				`(document.querySelector("#discovered-key")||{innerText:""}).innerText.includes(`+jsString(kid)+`)`)
			if strings.Join(sent, " ") != metadata+" "+keysURL {
				t.Errorf("%s: the click requested %q, want the metadata and its jwks_uri", kid, sent)
			}
			verdict(t, ctx, "valid")
			var attempts []string
			var keyInfo string
			var findings int
			err := chromedp.Run(ctx,
				chromedp.Evaluate(`[...document.querySelectorAll("#discovery-attempts li")].map(li => li.dataset.state + " " + li.innerText)`, &attempts),
				chromedp.Text("#discovered-key", &keyInfo, chromedp.ByQuery),
				chromedp.Evaluate(`document.querySelectorAll("#verdict-findings li").length`, &findings),
			)
			if err != nil {
				t.Fatal(err)
			}
			if len(attempts) != 2 || !strings.HasPrefix(attempts[0], "ok "+metadata) || !strings.Contains(attempts[0], "jwks_uri "+keysURL) ||
				!strings.HasPrefix(attempts[1], "ok "+keysURL) || !strings.Contains(attempts[1], "JWK Set with 4 keys") {
				t.Errorf("%s: URLs tried as shown: %q", kid, attempts)
			}
			for _, want := range []string{kid, k.jwk["kty"].(string), k.key.Alg, "sig", keysURL} {
				if !strings.Contains(keyInfo, want) {
					t.Errorf("%s: the key shown lacks %q: %s", kid, want, keyInfo)
				}
			}
			if findings != 0 {
				t.Errorf("%s: %d findings about a sound issuer: %s", kid, findings, verdict(t, ctx, "valid"))
			}
			if iss := valueOf(ctx, "#expect-iss"); iss != a.origin() {
				t.Errorf("%s: expected iss %q, want the discovered %q", kid, iss, a.origin())
			}
			if k.chain != nil {
				checkChainTable(t, ctx, k.chain)
			}
		}
	})

	t.Run("B/metadata names another issuer", func(t *testing.T) {
		// Issuer A's discovery filled the expected iss; B's token would
		// fail that check whatever its keys.
		if err := chromedp.Run(ctx, setValue("#expect-iss", "")); err != nil {
			t.Fatal(err)
		}
		sent := discover(t, bKey.token(t, b.origin(), now), bKey.key.Kid,
			`(document.querySelector("#discovered-key")||{innerText:""}).innerText.includes("b-ec-1")`)
		want := []string{b.origin() + "/.well-known/openid-configuration", b.origin() + "/.well-known/oauth-authorization-server", b.origin() + "/.well-known/jwks.json"}
		if strings.Join(sent, " ") != strings.Join(want, " ") {
			t.Errorf("the click requested %q, want %q: never the jwks_uri of a document naming another issuer", sent, want)
		}
		verdict(t, ctx, "valid")
		var mismatch, states []string
		err := chromedp.Run(ctx,
			chromedp.Evaluate(`[...document.querySelectorAll('#verdict-findings li[data-kind="issuer-mismatch"]')].map(li => li.innerText)`, &mismatch),
			chromedp.Evaluate(`[...document.querySelectorAll("#discovery-attempts li")].map(li => li.dataset.state)`, &states),
		)
		if err != nil {
			t.Fatal(err)
		}
		if len(mismatch) != 1 || !strings.Contains(mismatch[0], `"https://issuer-elsewhere.example"`) ||
			!strings.Contains(mismatch[0], `"`+b.origin()+`"`) || !strings.Contains(mismatch[0], "§4.3") {
			t.Errorf("issuer-mismatch findings in the verdict: %q", mismatch)
		}
		if strings.Join(states, " ") != "failed failed ok" {
			t.Errorf("attempt states %q, want the metadata and RFC 8414 failed, the conventional JWK Set read", states)
		}
		if iss := valueOf(ctx, "#expect-iss"); iss != "" {
			t.Errorf("a document naming another issuer filled the expected iss with %q", iss)
		}
		for _, r := range b.requests() {
			if strings.Contains(r, jwksPath) {
				t.Errorf("the jwks_uri of a document naming another issuer was fetched: %s", r)
			}
		}
	})

	var cSeen []string // what issuer C saw from the browser
	t.Run("C/no CORS", func(t *testing.T) {
		metadata := c.origin() + "/.well-known/openid-configuration"
		sent := discover(t, cKey.token(t, c.origin(), now), cKey.key.Kid, `!!document.querySelector("#curl-command")`)
		want := []string{metadata, c.origin() + "/.well-known/oauth-authorization-server", c.origin() + "/.well-known/jwks.json"}
		if strings.Join(sent, " ") != strings.Join(want, " ") {
			t.Errorf("the click requested %q, want %q", sent, want)
		}
		// The browser sent each request; the issuer answered, without
		// letting the page read it.
		if got := c.requests(); len(got) != 3 {
			t.Errorf("issuer C saw %q", got)
		}
		var states []string
		var why, command string
		err := chromedp.Run(ctx,
			chromedp.Evaluate(`[...document.querySelectorAll("#discovery-attempts li")].map(li => li.dataset.state)`, &states),
			chromedp.Text("#discovery-curl p", &why, chromedp.ByQuery),
			chromedp.Text("#curl-command", &command, chromedp.ByQuery),
			chromedp.WaitVisible("#copy-curl", chromedp.ByQuery),
		)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(states, " ") != "unreadable unreadable unreadable" {
			t.Errorf("attempt states %q, want each unreadable", states)
		}
		if !strings.Contains(why, "That is CORS") || !strings.Contains(why, metadata) {
			t.Errorf("the refusal is not explained as CORS: %q", why)
		}
		var state string
		chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector("#verdict").dataset.state`, &state))
		if state == "valid" {
			t.Errorf("issuer C's token verified without its keys")
		}
		// The command the page offers, run where CORS does not apply,
		// fetches the JWK Set that the metadata the browser would not let
		// the page read names.
		cSeen = c.requests()
		if out := runCurl(t, command, c); !bytes.Equal(out, c.jwks) {
			t.Errorf("%s printed %q, want issuer C's JWK Set", command, out)
		}
	})

	// No request carried a token, or the key the page verified with.
	secrets := []string{}
	for _, tok := range tokens {
		secrets = append(secrets, strings.Split(tok, ".")...)
	}
	for _, k := range append(aKeys, bKey, cKey) {
		for _, m := range []string{"n", "x", "y"} {
			if v, ok := k.jwk[m].(string); ok {
				secrets = append(secrets, v)
			}
		}
	}
	for _, req := range log.sentSince(0) {
		for _, s := range secrets {
			if strings.Contains(req, s) {
				t.Errorf("a request carries %.20q…: %s", s, req)
			}
		}
	}
	for host, seen := range map[string][]string{a.host: a.requests(), b.host: b.requests(), c.host: cSeen} {
		for _, r := range seen {
			if !strings.HasPrefix(r, "GET /.well-known/") && !strings.HasPrefix(r, "GET "+jwksPath+" ") ||
				!strings.Contains(r, `origin="`+page+`"`) || !strings.Contains(r, `authorization="" cookie=""`) {
				t.Errorf("%s saw %s", host, r)
			}
		}
	}
}

// checkChainTable checks the x5c table: each certificate of chain, leaf
// first, by its SHA-256 thumbprint, each linked to the next, all valid.
func checkChainTable(t *testing.T, ctx context.Context, chain [][]byte) {
	t.Helper()
	var rows []struct {
		Validity, Subject, Thumb, Link string
	}
	err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll("#x5c-chain tbody tr")].map(tr => ({
		validity: tr.dataset.validity, subject: tr.cells[1].innerText, thumb: tr.cells[4].innerText, link: tr.cells[5].innerText}))`, &rows))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(chain) {
		t.Fatalf("x5c table has %d rows, want %d: %+v", len(rows), len(chain), rows)
	}
	subjects := []string{"Issuer A token signing", "Issuer A Intermediate CA", "Issuer A Root CA"}
	for i, r := range rows {
		sum := sha256.Sum256(chain[i])
		link := "yes"
		if i == len(chain)-1 {
			link = "—"
		}
		if r.Validity != "valid" || !strings.Contains(r.Subject, subjects[i]) || strings.TrimSpace(r.Thumb) != hex.EncodeToString(sum[:]) || r.Link != link {
			t.Errorf("x5c row %d: %+v, want %s, thumbprint %x, signed by the next %s", i, r, subjects[i], sum, link)
		}
	}
}

// runCurl runs a curl command the page offers in a shell, as it is, with
// a .curlrc that sends the fake issuer's host to its loopback port and
// trusts its certificate, and returns what it printed.
func runCurl(t *testing.T, command string, f *fakeIssuer) []byte {
	t.Helper()
	home := t.TempDir()
	ca := filepath.Join(home, "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	rc := fmt.Sprintf("connect-to = %s:443:127.0.0.1:%d\ncacert = %s\n", f.host, f.port(), ca)
	if err := os.WriteFile(filepath.Join(home, ".curlrc"), []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(command, "curl ") {
		t.Fatalf("not a curl command: %s", command)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	cmd.Env = append(os.Environ(), "HOME="+home, "CURL_HOME="+home)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", command, err)
	}
	return out
}
