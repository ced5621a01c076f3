package jwe_test

import (
	"errors"
	"testing"

	"github.com/authlab/authlab/app/jwe"
)

type authjsCookie struct {
	Package, Version, Secret, CookieName, Token string
	Session                                     map[string]any
}

func loadAuthJS(t *testing.T) []authjsCookie {
	var cs []authjsCookie
	loadJSON(t, "authjs.json", &cs)
	if len(cs) == 0 {
		t.Fatal("authjs.json has no cookies")
	}
	return cs
}

func versionOf(pkg string) jwe.AuthJSVersion {
	if pkg == "next-auth" {
		return jwe.NextAuthV4
	}
	return jwe.AuthJSV5
}

// TestAuthJSCookies decrypts session cookies that next-auth@4's and
// @auth/core's own encode() made, and finds the session they were given,
// with the iat, exp and jti that encode() adds.
func TestAuthJSCookies(t *testing.T) {
	seen := map[jwe.AuthJSVersion]bool{}
	for _, c := range loadAuthJS(t) {
		v := versionOf(c.Package)
		seen[v] = true
		t.Run(c.Package+"/"+c.CookieName, func(t *testing.T) {
			r, err := jwe.DecryptAuthJS(c.Token, c.Secret, v, c.CookieName)
			if err != nil {
				t.Fatalf("DecryptAuthJS: %v", err)
			}
			for name, want := range c.Session {
				if r.Claims[name] != want {
					t.Errorf("claim %s = %v, want %v", name, r.Claims[name], want)
				}
			}
			for _, name := range []string{"iat", "exp", "jti"} {
				if r.Claims[name] == nil {
					t.Errorf("claim %s is missing", name)
				}
			}
			if _, enc, _ := jwe.AuthJSKey(c.Secret, v, c.CookieName); r.Alg != "dir" || r.Enc != enc {
				t.Errorf("header %s %s, want dir %s", r.Alg, r.Enc, enc)
			}
			if v == jwe.AuthJSV5 && r.Kid == "" {
				t.Error("an @auth/core cookie has a kid")
			}
		})
	}
	if !seen[jwe.NextAuthV4] || !seen[jwe.AuthJSV5] {
		t.Fatalf("authjs.json lacks a version: %v", seen)
	}
}

// A wrong secret, cookie name or version is told apart from success, each
// by its sentinel.
func TestAuthJSRefusals(t *testing.T) {
	var v4, v5 authjsCookie
	for _, c := range loadAuthJS(t) {
		if versionOf(c.Package) == jwe.NextAuthV4 {
			v4 = c
		} else if c.CookieName == "authjs.session-token" {
			v5 = c
		}
	}
	tests := []struct {
		name, token, secret, cookie string
		v                           jwe.AuthJSVersion
		want                        error
	}{
		{"v4 wrong secret", v4.Token, v4.Secret + "x", v4.CookieName, jwe.NextAuthV4, jwe.ErrDecrypt},
		{"v5 wrong secret (kid)", v5.Token, v5.Secret + "x", v5.CookieName, jwe.AuthJSV5, jwe.ErrDecrypt},
		{"v5 wrong cookie name (kid)", v5.Token, v5.Secret, "__Secure-authjs.session-token", jwe.AuthJSV5, jwe.ErrDecrypt},
		{"v5 no cookie name", v5.Token, v5.Secret, "", jwe.AuthJSV5, jwe.ErrNoKey},
		{"v4 cookie read as v5", v4.Token, v4.Secret, "authjs.session-token", jwe.AuthJSV5, jwe.ErrAuthJS},
		{"v5 cookie read as v4", v5.Token, v5.Secret, v5.CookieName, jwe.NextAuthV4, jwe.ErrAuthJS},
		{"unknown version", v5.Token, v5.Secret, v5.CookieName, 3, jwe.ErrAuthJS},
		{"empty secret", v4.Token, "", v4.CookieName, jwe.NextAuthV4, jwe.ErrNoKey},
		{"a JWS", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln", v4.Secret, v4.CookieName, jwe.NextAuthV4, jwe.ErrNotJWE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := jwe.DecryptAuthJS(tt.token, tt.secret, tt.v, tt.cookie)
			if !errors.Is(err, tt.want) || r != nil {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

// A chunked cookie (name.0, name.1, …) is keyed by the whole cookie's
// name, and the v4 key ignores the name.
func TestAuthJSCookieNames(t *testing.T) {
	for _, c := range loadAuthJS(t) {
		v := versionOf(c.Package)
		for _, name := range []string{c.CookieName + ".0", " " + c.CookieName + ".12 "} {
			if _, err := jwe.DecryptAuthJS(c.Token, c.Secret, v, name); err != nil {
				t.Errorf("%s as %q: %v", c.Package, name, err)
			}
		}
		if v == jwe.NextAuthV4 {
			if _, err := jwe.DecryptAuthJS(c.Token, c.Secret, v, "any-name"); err != nil {
				t.Errorf("v4 with another cookie name: %v", err)
			}
		}
	}
	if n := jwe.AuthJSCookieNames(jwe.AuthJSV5); len(n) != 2 || n[0] != "authjs.session-token" || n[1] != "__Secure-authjs.session-token" {
		t.Fatalf("AuthJSCookieNames(v5) = %v", n)
	}
}

// The derived keys have the sizes of their enc (RFC 7518 §5.2.5, §5.3).
func TestAuthJSKeySizes(t *testing.T) {
	k4, enc4, err4 := jwe.AuthJSKey("s", jwe.NextAuthV4, "")
	k5, enc5, err5 := jwe.AuthJSKey("s", jwe.AuthJSV5, "authjs.session-token")
	if err4 != nil || err5 != nil || len(k4) != 32 || enc4 != "A256GCM" || len(k5) != 64 || enc5 != "A256CBC-HS512" {
		t.Fatalf("v4 %d %s %v; v5 %d %s %v", len(k4), enc4, err4, len(k5), enc5, err5)
	}
	k5b, _, _ := jwe.AuthJSKey("s", jwe.AuthJSV5, "__Secure-authjs.session-token")
	if string(k5) == string(k5b) {
		t.Fatal("the cookie name does not change the v5 key")
	}
}
