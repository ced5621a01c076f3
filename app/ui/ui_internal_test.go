package ui

import (
	"encoding/base64"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/jot"
)

func TestBasePathResolve(t *testing.T) {
	r := basePath("/authlab")
	for in, want := range map[string]string{
		"/":                     "/authlab/",
		"/basic":                "/authlab/basic",
		"/web/app.wasm":         "/authlab/web/app.wasm",
		"/authlab/basic":        "/authlab/basic",
		"/authlab":              "/authlab",
		"/authlabx":             "/authlab/authlabx",
		"#content":              "#content",
		"https://x.example/a":   "https://x.example/a",
		"/manifest.webmanifest": "/authlab/manifest.webmanifest",
	} {
		if got := r.Resolve(in); got != want {
			t.Errorf("Resolve(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestServiceWorkerPatchApplies(t *testing.T) {
	if sw := serviceWorker(); !strings.Contains(sw, swFetch) || strings.Contains(sw, swFetchDefault) {
		t.Fatal("go-app's service worker changed: update swFetchDefault")
	}
}

func TestPageHeading(t *testing.T) {
	h := &pageHeading{Title: "HTTP Basic", Lead: "Lead."}
	e := app.NewTestEngine()
	if err := e.Load(h); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	if err := app.Match(app.H1().Text("HTTP Basic"), h, 0, 0); err != nil {
		t.Error(err)
	}
	if err := app.Match(app.P().Class("lead").Text("Lead."), h, 0, 1); err != nil {
		t.Error(err)
	}
}

func TestEveryPageRenders(t *testing.T) {
	for path, newPage := range pages() {
		e := app.NewTestEngine()
		if err := e.Load(newPage()); err != nil {
			t.Errorf("%s: %v", path, err)
		}
		e.ConsumeAll()
	}
}

func TestLessons(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range lessons {
		if seen[l.Slug] {
			t.Errorf("slug %s twice", l.Slug)
		}
		seen[l.Slug] = true
		if len(l.Mistakes) < 4 || len(l.Sections) == 0 || l.Title == "" || l.Summary == "" {
			t.Errorf("%s: thin lesson", l.Slug)
		}
		if l.Widget == nil && l.Slug != "best-practices" && l.Slug != "jwt-attacks" {
			t.Errorf("%s: no live tool", l.Slug)
		}
	}
	for _, s := range []string{"api-keys", "basic", "bearer", "jwt", "jwt-attacks", "oauth", "sessions", "best-practices"} {
		if !seen[s] {
			t.Errorf("no lesson %s", s)
		}
	}
}

func TestReadQuota(t *testing.T) {
	x := &exchange{Response: httpmsg.Response{Status: 429, Header: []httpmsg.Field{
		{Name: "ratelimit-limit", Value: "5"}, {Name: "ratelimit-remaining", Value: "0"},
		{Name: "ratelimit-reset", Value: "60"}, {Name: "retry-after", Value: "60"},
	}}}
	q := readQuota(x)
	if !q.Known || !q.Over || q.Limit != 5 || q.Remaining != 0 || q.Reset != 60 || q.RetryAfter != "60" {
		t.Errorf("quota = %+v", q)
	}
	if readQuota(&exchange{Response: httpmsg.Response{Status: 401}}).Known {
		t.Error("a 401 has no quota")
	}
}

// serverToken stands for a token the demo server issued.
func serverToken(t *testing.T, exp time.Time) string {
	t.Helper()
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"ES256","kid":"server-key","typ":"JWT"}`))
	payload := enc.EncodeToString([]byte(`{"aud":"authlab","exp":` + strconv.FormatInt(exp.Unix(), 10) + `,"sub":"7"}`))
	return header + "." + payload + "." + enc.EncodeToString([]byte("signature"))
}

func TestBearerVariants(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	tok := serverToken(t, now.Add(10*time.Minute))
	sig := tok[strings.LastIndex(tok, ".")+1:]

	h, _, err := variantByID("malformed").Craft(tok, now)
	if err != nil || h != `Bearer "`+tok+`"` {
		t.Errorf("malformed: %q %v", h, err)
	}
	if h, _, _ := variantByID("missing").Craft(tok, now); h != "" {
		t.Errorf("missing: %q", h)
	}

	h, _, err = variantByID("tampered").Craft(tok, now)
	if err != nil {
		t.Fatal(err)
	}
	tampered := strings.TrimPrefix(h, "Bearer ")
	in := jot.Inspect(tampered)
	if in.Payload["admin"] != true || !strings.HasSuffix(tampered, "."+sig) || in.Header["kid"] != "server-key" {
		t.Errorf("tampered: %v %s", in.Payload, tampered)
	}

	// Expired and wrong-audience send the server's own demo tokens.
	for id, demo := range map[string]string{"expired": "expired", "audience": "other_audience"} {
		if v := variantByID(id); v.Demo != demo || v.Craft != nil || v.DemoNote == "" {
			t.Errorf("%s: demo %q, note %q", id, v.Demo, v.DemoNote)
		}
	}
}
