package jot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/jot"
)

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                                   "0 s",
		999 * time.Millisecond:              "0 s",
		45 * time.Second:                    "45 s",
		-45 * time.Second:                   "45 s",
		12*time.Minute + 3*time.Second:      "12 min 3 s",
		2*time.Hour + 5*time.Minute:         "2 h 5 min",
		time.Hour + 5*time.Second:           "1 h",
		3*24*time.Hour + 4*time.Hour:        "3 d 4 h",
		(2*365+10)*24*time.Hour + time.Hour: "2 y 10 d",
	} {
		if got := jot.Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestDescribeTime(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		at   time.Duration
		skew time.Duration
		want string
	}{
		{"exp", 2 * time.Hour, 0, "expires in 2 h"},
		{"exp", -5 * time.Minute, 0, "expired 5 min ago"},
		{"exp", -5 * time.Minute, 10 * time.Minute, "expired 5 min ago, accepted within the clock skew"},
		{"exp", 0, 0, "expired now"},
		{"nbf", 10 * time.Minute, 0, "not valid yet: valid in 10 min"},
		{"nbf", 10 * time.Minute, time.Hour, "valid in 10 min, accepted within the clock skew"},
		{"nbf", -time.Hour, 0, "valid since 1 h ago"},
		{"iat", -3 * 24 * time.Hour, 0, "issued 3 d ago"},
		{"iat", time.Hour, 0, "issued in the future: in 1 h"},
		{"auth_time", -time.Minute, 0, "1 min ago"},
	}
	for _, tt := range tests {
		if got := jot.DescribeTime(tt.name, now.Add(tt.at), now, tt.skew); got != tt.want {
			t.Errorf("DescribeTime(%s, %v, skew %v) = %q, want %q", tt.name, tt.at, tt.skew, got, tt.want)
		}
	}
}

func TestNewTimeline(t *testing.T) {
	now := time.Unix(1_800_000_000, 0).UTC()
	n := now.Unix()
	claims := func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	tests := []struct {
		name   string
		claims map[string]any
		skew   time.Duration
		state  string
		order  string // point names in time order
	}{
		{"no times", claims("sub", "x"), 0, "no times", ""},
		{"valid", claims("iat", float64(n-60), "exp", float64(n+3600)), 0, "valid", "iat now exp"},
		{"expired", claims("iat", float64(n-7200), "exp", float64(n-3600)), 0, "expired", "iat exp now"},
		{"expired, within skew", claims("exp", float64(n-30)), time.Minute, "valid", "exp now"},
		{"not yet valid", claims("nbf", float64(n+600), "exp", float64(n+3600)), 0, "not yet valid", "now nbf exp"},
		{"not a NumericDate", claims("exp", "soon", "iat", float64(n)), 0, "valid", "iat now"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := jot.NewTimeline(tt.claims, now, tt.skew)
			if tl.State != tt.state {
				t.Errorf("state %q, want %q", tl.State, tt.state)
			}
			var names []string
			last := -1.0
			for _, p := range tl.Points {
				names = append(names, p.Name)
				if p.Pos < last || p.Pos < 0 || p.Pos > 1 {
					t.Errorf("positions out of order: %+v", tl.Points)
				}
				last = p.Pos
				if p.Name != "now" && p.Text == "" {
					t.Errorf("%s has no description", p.Name)
				}
			}
			if got := strings.Join(names, " "); got != tt.order {
				t.Errorf("points %q, want %q", got, tt.order)
			}
			if tt.state != "no times" && (tl.Valid.From > tl.Valid.To || !tl.End.After(tl.Start)) {
				t.Errorf("valid span %+v, range %v–%v", tl.Valid, tl.Start, tl.End)
			}
		})
	}
}

// TestClaimDocs checks that every registered claim of RFC 7519 §4.1 and
// the common OIDC claims are explained, with a reference.
func TestClaimDocs(t *testing.T) {
	for _, name := range []string{"iss", "sub", "aud", "exp", "nbf", "iat", "jti",
		"auth_time", "nonce", "acr", "amr", "azp", "at_hash", "c_hash", "sid", "name", "email",
		"email_verified", "preferred_username", "scope", "client_id", "cnf", "roles", "groups"} {
		d, ok := jot.ClaimInfo(name)
		if !ok || d.Name != name || d.Title == "" || d.Text == "" || d.Ref == "" {
			t.Errorf("ClaimInfo(%q) = %+v, %v", name, d, ok)
		}
	}
	for _, name := range []string{"exp", "nbf", "iat", "auth_time", "updated_at"} {
		if d, _ := jot.ClaimInfo(name); !d.Time {
			t.Errorf("%s is a NumericDate", name)
		}
	}
	for _, name := range []string{"alg", "typ", "kid", "jku", "jwk", "x5u", "x5c", "crit", "enc"} {
		if d, ok := jot.HeaderInfo(name); !ok || !strings.HasPrefix(d.Ref, "RFC ") {
			t.Errorf("HeaderInfo(%q) = %+v, %v", name, d, ok)
		}
	}
	if _, ok := jot.ClaimInfo("favourite_colour"); ok {
		t.Error("an unknown claim is documented")
	}
	seen := map[string]bool{}
	for _, d := range jot.ClaimDocs() {
		if seen[d.Name] {
			t.Errorf("%s documented twice", d.Name)
		}
		seen[d.Name] = true
	}
}
