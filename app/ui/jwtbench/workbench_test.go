package jwtbench

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// mount renders a component the way the browser does, natively.
func mount(t *testing.T, c app.Composer) {
	t.Helper()
	e := app.NewTestEngine()
	if err := e.Load(c); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
}

func TestJWTVerdict(t *testing.T) {
	for _, state := range []string{jot.StateValid, jot.StateInvalid, jot.StateUnverified, jot.StateMalformed, jot.StateWeakKey} {
		t.Run(state, func(t *testing.T) {
			v := &verdictView{State: state, Reason: "because", Hint: "try base64url"}
			mount(t, v)
			root := app.Div().ID("verdict").Class("verdict "+state).DataSet("state", state).Aria("live", "polite")
			if err := app.Match(root, v, 0); err != nil {
				t.Fatal(err)
			}
			if err := app.Match(app.Text("because"), v, 0, 1, 0); err != nil {
				t.Error(err)
			}
			if err := app.Match(app.P().ID("verdict-hint").Class("verdict-hint"), v, 0, 2); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestJWTLint(t *testing.T) {
	e := "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0."
	findings := jot.Lint(jot.Inspect(e), jot.LintConfig{})
	v := &lintView{Findings: findings, Decoded: true}
	mount(t, v)
	for i, f := range findings {
		li := app.Li().Class("finding "+string(f.Severity)).DataSet("rule", f.Rule).DataSet("severity", string(f.Severity))
		if err := app.Match(li, v, 0, 1, i); err != nil {
			t.Errorf("finding %d (%s): %v", i, f.Rule, err)
		}
	}
	if err := app.Match(app.Ul().ID("lint").Class("findings"), v, 0, 1); err != nil {
		t.Error(err)
	}
	clean := &lintView{Decoded: true}
	mount(t, clean)
	if err := app.Match(app.P().ID("lint-clean").Class("hint"), clean, 0, 1); err != nil {
		t.Error(err)
	}
}

// TestJWTJSON checks that the highlighted JSON keeps its text, and that
// names and dates carry explanations.
func TestJWTJSON(t *testing.T) {
	pretty := "{\n  \"exp\": 1300819380,\n  \"name\": \"Zoë \\\"Z\\\"\",\n  \"ok\": true,\n  \"n\": [-1.5e3, null]\n}"
	v := &jsonView{ID: "payload", JSON: []byte(pretty), Valid: true}
	mount(t, v)
	if err := app.Match(app.Pre().ID("payload").Class("json seg-payload"), v, 0); err != nil {
		t.Fatal(err)
	}
	want := []app.UI{
		app.Text("{\n  "),
		app.Span().Class("j-key").Title("Expiration Time (RFC 7519 §4.1.4): The token must not be accepted at or after this time (seconds since 1970, UTC). Verifiers allow a small clock skew."),
		app.Text(": "),
	}
	for i, w := range want {
		if err := app.Match(w, v, 0, i); err != nil {
			t.Errorf("child %d: %v", i, err)
		}
	}
	exp := time.Unix(1300819380, 0)
	title := exp.UTC().Format("2006-01-02 15:04:05 UTC") + " · " + exp.Local().Format("Mon 2 Jan 2006 15:04:05 MST") + " · " + jot.Relative(exp, time.Now())
	if err := app.Match(app.Span().Class("j-num").Title(title), v, 0, 3); err != nil {
		t.Error(err)
	}
	if err := app.Match(app.Span().Class("j-str"), v, 0, 7); err != nil {
		t.Error(err)
	}
	if err := app.Match(app.Text(`"Zoë \"Z\""`), v, 0, 7, 0); err != nil {
		t.Error(err)
	}

	broken := &jsonView{ID: "header", JSON: []byte(strings.Repeat("x", 5000))}
	mount(t, broken)
	if err := app.Match(app.Text(strings.Repeat("x", 4096)+"… (904 more bytes)"), broken, 0, 0); err != nil {
		t.Error(err)
	}
}

func TestJWTClaims(t *testing.T) {
	now := time.Unix(1300819320, 0)
	in := jot.Inspect("eyJhbGciOiJIUzI1NiJ9.eyJ6IjoxLCJleHAiOjEzMDA4MTkzODAsImlzcyI6ImpvZSJ9.")
	v := &claimsView{Claims: in.Payload, Now: now}
	mount(t, v)
	// Registered claims first, in RFC order, then the others.
	for i, name := range []string{"iss", "exp", "z"} {
		if err := app.Match(app.Tr().DataSet("claim", name), v, 0, 1, i); err != nil {
			t.Errorf("row %d: %v", i, err)
		}
	}
	if err := app.Match(app.Text("expires in 1 min"), v, 0, 1, 1, 1, 1, 2, 0); err != nil {
		t.Error(err)
	}
}

func TestJWTFragment(t *testing.T) {
	tests := []struct {
		token, key string
		enc        jot.SecretEncoding
		withKey    bool
		want       string
	}{
		{"a.b.c", "", "", false, "token=a.b.c"},
		{"Bearer a.b.c", "s", jot.SecretUTF8, false, "token=a.b.c"},
		{"a.b.c", "+/=&#", jot.SecretBase64, true, "token=a.b.c&key=%2B%2F%3D%26%23&enc=base64"},
		{"a.b.c", "line 1\nline 2", jot.SecretUTF8, true, "token=a.b.c&key=line+1%0Aline+2"},
	}
	for _, tt := range tests {
		got := fragment(tt.token, tt.key, tt.enc, tt.withKey)
		if got != tt.want {
			t.Errorf("fragment = %q, want %q", got, tt.want)
		}
		token, key, enc, ok := parseFragment("#" + got)
		wantKey, wantEnc := "", jot.SecretUTF8
		if tt.withKey {
			wantKey = tt.key
			if tt.enc != "" {
				wantEnc = tt.enc
			}
		}
		if !ok || token != jot.Clean(tt.token) || key != wantKey || enc != wantEnc {
			t.Errorf("parseFragment(%q) = %q, %q, %q, %v", got, token, key, enc, ok)
		}
	}
	for _, f := range []string{"", "#", "key=abc", "token=", "%zz"} {
		if _, _, _, ok := parseFragment(f); ok {
			t.Errorf("parseFragment(%q) found a token", f)
		}
	}
	if _, _, enc, _ := parseFragment("token=a&enc=rot13"); enc != jot.SecretUTF8 {
		t.Errorf("an unknown encoding became %q", enc)
	}
}
