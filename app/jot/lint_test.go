package jot_test

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/jot"
)

// wbToken builds a compact token over the exact header and payload text,
// with a fixed fake signature: Inspect and Lint do not verify.
func wbToken(header, payload string) string {
	e := base64.RawURLEncoding
	return e.EncodeToString([]byte(header)) + "." + e.EncodeToString([]byte(payload)) + "." + e.EncodeToString([]byte("signature-bytes!"))
}

// lintNow is the fixed clock of the lint tests.
var lintNow = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

// goodClaims is a claims set no claim rule objects to, at lintNow.
var goodClaims = fmt.Sprintf(`{"iss":"https://as.example","aud":"api","sub":"u1","iat":%d,"exp":%d}`, lintNow.Unix()-60, lintNow.Unix()+3600)

const goodHeader = `{"alg":"ES256","typ":"JWT","kid":"2024-05-key"}`

func rulesOf(fs []jot.Finding) map[string]jot.Finding {
	m := map[string]jot.Finding{}
	for _, f := range fs {
		m[f.Rule] = f
	}
	return m
}

func TestLint(t *testing.T) {
	n := lintNow.Unix()
	strong := []byte("kM3v9QzR7xW2pL8nT5yB1cF6hJ4gD0sA") // 32 distinct characters
	tests := []struct {
		name       string
		header     string
		payload    string
		secret     string
		wantRule   string
		wantSev    jot.Severity
		wantInText string
	}{
		{"alg none", `{"alg":"none","typ":"JWT"}`, goodClaims, "", "alg-none", jot.SeverityError, "unsecured"},
		{"alg nOnE", `{"alg":"nOnE","typ":"JWT"}`, goodClaims, "", "alg-none", jot.SeverityError, "letter case"},
		{"alg missing", `{"typ":"JWT"}`, goodClaims, "", "alg-missing", jot.SeverityError, "no alg"},
		{"alg a number", `{"alg":256,"typ":"JWT"}`, goodClaims, "", "alg-missing", jot.SeverityError, "no alg"},
		{"alg unknown", `{"alg":"HS1","typ":"JWT"}`, goodClaims, "", "alg-unknown", jot.SeverityWarning, "HS1"},
		{"zip", `{"alg":"ES256","typ":"JWT","zip":"DEF"}`, goodClaims, "", "zip", jot.SeverityWarning, "zip"},
		{"demo secret", `{"alg":"HS256","typ":"JWT"}`, goodClaims, "your-256-bit-secret", "weak-secret", jot.SeverityError, "well-known"},
		{"demo secret, other case", `{"alg":"HS256","typ":"JWT"}`, goodClaims, "Your_256_Bit_Secret", "weak-secret", jot.SeverityError, "well-known"},
		{"short secret", `{"alg":"HS512","typ":"JWT"}`, goodClaims, string(strong), "weak-secret", jot.SeverityError, "HS512 needs at least 64"},
		{"low-entropy secret", `{"alg":"HS256","typ":"JWT"}`, goodClaims, strings.Repeat("ab", 20), "weak-secret", jot.SeverityError, "bits of entropy"},
		{"django insecure key", `{"alg":"HS256","typ":"JWT"}`, goodClaims, "django-insecure-0k9#x@v!q2m3n4b5v6c7x8z9a0s1d2f3g4h5j6k7l8", "weak-secret", jot.SeverityError, "well-known"},
		{"exp missing", goodHeader, `{"iss":"a","aud":"b"}`, "", "exp-missing", jot.SeverityWarning, "never expires"},
		{"exp a string", goodHeader, `{"iss":"a","aud":"b","exp":"tomorrow"}`, "", "time-type", jot.SeverityError, "exp is not a NumericDate"},
		{"exp in milliseconds", goodHeader, fmt.Sprintf(`{"iss":"a","aud":"b","exp":%d}`, n*1000), "", "time-milliseconds", jot.SeverityError, "milliseconds"},
		{"lifetime 2 days from iat", goodHeader, fmt.Sprintf(`{"iss":"a","aud":"b","iat":%d,"exp":%d}`, n, n+2*86400), "", "long-lifetime", jot.SeverityWarning, "2 d from iat"},
		{"lifetime 30 days from now", goodHeader, fmt.Sprintf(`{"iss":"a","aud":"b","exp":%d}`, n+30*86400), "", "long-lifetime", jot.SeverityWarning, "30 d from now"},
		{"iss missing", goodHeader, fmt.Sprintf(`{"aud":"b","exp":%d}`, n+60), "", "iss-missing", jot.SeverityWarning, "no iss"},
		{"aud missing", goodHeader, fmt.Sprintf(`{"iss":"a","exp":%d}`, n+60), "", "aud-missing", jot.SeverityWarning, "no aud"},
		{"jwk in header", `{"alg":"RS256","typ":"JWT","jwk":{"kty":"RSA"}}`, goodClaims, "", "header-jwk", jot.SeverityError, "embeds"},
		{"jku in header", `{"alg":"RS256","typ":"JWT","jku":"https://evil.example/jwks"}`, goodClaims, "", "header-jku", jot.SeverityError, "evil.example"},
		{"x5u in header", `{"alg":"RS256","typ":"JWT","x5u":"https://evil.example/c.pem"}`, goodClaims, "", "header-x5u", jot.SeverityError, "x5u"},
		{"x5c in header", `{"alg":"RS256","typ":"JWT","x5c":["MIIB"]}`, goodClaims, "", "header-x5c", jot.SeverityWarning, "chain"},
		{"kid path traversal", `{"alg":"HS256","typ":"JWT","kid":"../../../../dev/null"}`, goodClaims, "", "kid-suspicious", jot.SeverityWarning, "../"},
		{"kid absolute path", `{"alg":"HS256","typ":"JWT","kid":"/dev/null"}`, goodClaims, "", "kid-suspicious", jot.SeverityWarning, "path"},
		{"kid SQL", `{"alg":"HS256","typ":"JWT","kid":"x' UNION SELECT 'key"}`, goodClaims, "", "kid-suspicious", jot.SeverityWarning, "'"},
		{"kid SQL words", `{"alg":"HS256","typ":"JWT","kid":"1 or 1=1"}`, goodClaims, "", "kid-suspicious", jot.SeverityWarning, "or"},
		{"kid command", `{"alg":"HS256","typ":"JWT","kid":"key|whoami"}`, goodClaims, "", "kid-suspicious", jot.SeverityWarning, "|"},
		{"kid a number", `{"alg":"HS256","typ":"JWT","kid":7}`, goodClaims, "", "kid-type", jot.SeverityWarning, "number"},
		{"password claim", goodHeader, fmt.Sprintf(`{"iss":"a","aud":"b","exp":%d,"user_password":"hunter2"}`, n+60), "", "sensitive-claim", jot.SeverityWarning, "user_password"},
		{"client secret claim", goodHeader, fmt.Sprintf(`{"iss":"a","aud":"b","exp":%d,"Client-Secret":"x"}`, n+60), "", "sensitive-claim", jot.SeverityWarning, "Client-Secret"},
		{"card number", goodHeader, fmt.Sprintf(`{"iss":"a","aud":"b","exp":%d,"billing":{"pan":"4111 1111 1111 1111"}}`, n+60), "", "card-number", jot.SeverityWarning, "billing.pan"},
		{"card number as a JSON number", goodHeader, fmt.Sprintf(`{"iss":"a","aud":"b","exp":%d,"cards":[5555555555554444]}`, n+60), "", "card-number", jot.SeverityWarning, "cards[0]"},
		{"typ missing", `{"alg":"ES256"}`, goodClaims, "", "typ-missing", jot.SeverityInfo, "no typ"},
		{"typ unexpected", `{"alg":"ES256","typ":"JWS"}`, goodClaims, "", "typ-unexpected", jot.SeverityWarning, `"JWS"`},
		{"crit", `{"alg":"ES256","typ":"JWT","crit":["exp"]}`, goodClaims, "", "crit", jot.SeverityError, "crit"},
		{"oversized", goodHeader, fmt.Sprintf(`{"iss":"a","aud":"b","exp":%d,"groups":%q}`, n+60, strings.Repeat("g", 9000)), "", "oversized", jot.SeverityWarning, "KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := jot.Inspect(wbToken(tt.header, tt.payload))
			cfg := jot.LintConfig{Now: lintNow}
			if tt.secret != "" {
				cfg.Secret, cfg.SecretText = []byte(tt.secret), tt.secret
			}
			got := rulesOf(jot.Lint(in, cfg))
			f, ok := got[tt.wantRule]
			if !ok {
				t.Fatalf("no %s finding in %v", tt.wantRule, got)
			}
			if f.Severity != tt.wantSev {
				t.Errorf("severity %s, want %s", f.Severity, tt.wantSev)
			}
			if !strings.Contains(f.Message, tt.wantInText) {
				t.Errorf("message %q does not say %q", f.Message, tt.wantInText)
			}
			if f.Explain == "" || !strings.HasPrefix(f.Ref, "RFC ") {
				t.Errorf("finding lacks an explanation or an RFC reference: %+v", f)
			}
		})
	}
}

// TestLintClean checks that a well-formed token draws no finding, and
// that benign values do not trip the rules meant for attacks.
func TestLintClean(t *testing.T) {
	n := lintNow.Unix()
	tests := []struct {
		name, header, payload, secret string
	}{
		{"good ES256 token", goodHeader, goodClaims, ""},
		{"strong secret", `{"alg":"HS256","typ":"JWT"}`, goodClaims, "kM3v9QzR7xW2pL8nT5yB1cF6hJ4gD0sA"},
		{"at+jwt and a URL kid", `{"alg":"ES256","typ":"at+jwt","kid":"https://as.example/keys/1"}`, goodClaims, ""},
		{"millisecond timestamps are not cards", goodHeader, fmt.Sprintf(`{"iss":"a","aud":"b","iat":%d,"exp":%d,"ts":%d}`, n, n+60, n*1000+7), ""},
		{"short numeric ids are not cards", goodHeader, fmt.Sprintf(`{"iss":"a","aud":"b","exp":%d,"sub":"4111111111","zeros":"0000000000000000"}`, n+60), ""},
		{"exactly 24 h", goodHeader, fmt.Sprintf(`{"iss":"a","aud":"b","iat":%d,"exp":%d}`, n, n+86400), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := jot.LintConfig{Now: lintNow}
			if tt.secret != "" {
				cfg.Secret, cfg.SecretText = []byte(tt.secret), tt.secret
			}
			if got := jot.Lint(jot.Inspect(wbToken(tt.header, tt.payload)), cfg); len(got) != 0 {
				t.Fatalf("findings %+v", got)
			}
		})
	}
}

func TestLintOrderAndBrokenTokens(t *testing.T) {
	in := jot.Inspect(wbToken(`{"alg":"none"}`, `{}`))
	got := jot.Lint(in, jot.LintConfig{Now: lintNow})
	rank := map[jot.Severity]int{jot.SeverityError: 0, jot.SeverityWarning: 1, jot.SeverityInfo: 2}
	for i := 1; i < len(got); i++ {
		if rank[got[i-1].Severity] > rank[got[i].Severity] {
			t.Fatalf("findings out of order: %v", got)
		}
	}
	if got[0].Rule != "alg-none" {
		t.Errorf("first finding %s, want alg-none", got[0].Rule)
	}
	// A token whose payload is broken is still linted on its header.
	broken := jot.Inspect(wbToken(`{"alg":"none"}`, `{`))
	if _, ok := rulesOf(jot.Lint(broken, jot.LintConfig{}))["alg-none"]; !ok {
		t.Error("a broken payload hid the header's findings")
	}
	if got := jot.Lint(jot.Inspect(""), jot.LintConfig{}); len(got) != 0 {
		t.Errorf("empty token: %v", got)
	}
	// A JWE's header follows RFC 7516: its alg is a key management alg,
	// but a jku in it is as dangerous as in a JWS.
	jwe := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RSA-OAEP","enc":"A256GCM","jku":"https://x.example/"}`)) + ".a2V5.aXY.Y2lwaGVy.dGFn"
	got = jot.Lint(jot.Inspect(jwe), jot.LintConfig{})
	if len(got) != 1 || got[0].Rule != "header-jku" {
		t.Errorf("JWE findings %v, want header-jku only", got)
	}
}

func TestIsKnownWeakSecret(t *testing.T) {
	for s, want := range map[string]bool{
		"secret": true, "SECRET": true, "your-256-bit-secret": true, "changeme": true,
		"a-string-secret-at-least-256-bits-long": true, "keyboard cat": true, "Keyboard-Cat": true,
		"kM3v9QzR7xW2pL8nT5yB1cF6hJ4gD0sA": false, "": false, "---": false,
	} {
		if got := jot.IsKnownWeakSecret(s); got != want {
			t.Errorf("IsKnownWeakSecret(%q) = %v", s, got)
		}
	}
}

func TestEntropyBits(t *testing.T) {
	for _, tt := range []struct {
		in       string
		min, max float64
	}{
		{"", 0, 0},
		{"aaaaaaaaaaaaaaaa", 0, 0},
		{"abababababababab", 16, 16},
		{"0123456789abcdef", 64, 64},
		{"kM3v9QzR7xW2pL8nT5yB1cF6hJ4gD0sA", 160, 160},
	} {
		got := jot.EntropyBits([]byte(tt.in))
		if got < tt.min-1e-9 || got > tt.max+1e-9 {
			t.Errorf("EntropyBits(%q) = %.2f, want %.0f–%.0f", tt.in, got, tt.min, tt.max)
		}
	}
}

// FuzzLint checks that Lint never panics and that every finding is
// complete, whatever the token.
func FuzzLint(f *testing.F) {
	f.Add(wbToken(goodHeader, goodClaims), "secret")
	f.Add(wbToken(`{"alg":"nOnE","kid":"../x","jku":1}`, `{"exp":"x","a":[[[["4111111111111111"]]]]}`), "")
	f.Add("a.b.c.d.e", "")
	f.Add(wbToken(`{"alg":"HS256"}`, `{"exp":1e300,"iat":-1e300,"nbf":1e11}`), "your-256-bit-secret")
	f.Fuzz(func(t *testing.T, token, secret string) {
		in := jot.Inspect(token)
		cfg := jot.LintConfig{Now: lintNow, SecretText: secret}
		if secret != "" {
			cfg.Secret = []byte(secret)
		}
		for _, fd := range jot.Lint(in, cfg) {
			if fd.Rule == "" || fd.Message == "" || fd.Explain == "" || fd.Ref == "" || fd.Severity == "" {
				t.Fatalf("incomplete finding %+v", fd)
			}
		}
	})
}

func ExampleLint() {
	token := "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9."
	for _, f := range jot.Lint(jot.Inspect(token), jot.LintConfig{}) {
		fmt.Println(f.Severity, f.Rule, f.Ref)
	}
	// Output:
	// error alg-none RFC 8725 §3.1, §2.1
	// warning exp-missing RFC 7519 §4.1.4, RFC 9068 §2.2
	// warning iss-missing RFC 8725 §3.8, RFC 7519 §4.1.1
	// warning aud-missing RFC 8725 §3.9, RFC 7519 §4.1.3
	// info typ-missing RFC 8725 §3.11, RFC 7519 §5.1
}
