package jot

import (
	"strings"
	"sync"
)

// weakSecrets are HMAC secrets that appear in tutorials, library READMEs,
// framework defaults, sample .env files and the wordlists of token
// crackers. A token signed with one of them is forgeable by anyone.
// Entries are compared after lower-casing and dropping everything but
// letters and digits (see normalizeSecret).
var weakSecrets = []string{
	// JWT debuggers and their docs.
	"your-256-bit-secret", "your-384-bit-secret", "your-512-bit-secret",
	"a-string-secret-at-least-256-bits-long",
	// Library READMEs and tutorials.
	"secret", "shhhhh", "shhhhhared-secret", "keyboard cat", "my_secret_key", "mysecretkey",
	"mysecret", "my-secret", "my secret", "secretkey", "secret_key", "secret-key", "secretOrPrivateKey",
	"jwt_secret", "jwtsecret", "jwt-secret", "JWT_SECRET_KEY", "jwtSecretKey", "your_jwt_secret",
	"your-jwt-secret", "your_secret_key", "your-secret-key", "yoursecretkey", "supersecret",
	"super-secret", "super_secret_key", "supersecretkey", "mysupersecretkey", "topsecret",
	"secret123", "secretpassword", "s3cr3t", "s3cret", "S3cr3tK3y", "ThisIsMySecret",
	"thisismysecretkey", "this-is-a-secret", "verysecret", "notasecret", "not-so-secret",
	"access_token_secret", "refresh_token_secret", "token_secret", "tokensecret", "app_secret",
	"appsecret", "auth_secret", "authsecret", "session_secret", "cookie_secret", "api_secret",
	"private_key", "privatekey", "hmac_secret", "hmacsecret", "signing_key", "signingkey",
	"example_key", "example-secret", "test_secret", "testsecret", "dev_secret", "devsecret",
	"development", "production", "staging", "default", "defaultsecret", "default_secret",
	// Placeholders left in configuration.
	"changeme", "change-me", "change_me", "changeit", "change-this", "changethis",
	"replace-me", "replaceme", "todo", "fixme", "placeholder", "xxx", "xxxxxx", "your-key-here",
	"insert-secret-here", "put-your-secret-here", "<secret>", "null", "undefined", "none", "empty",
	// Common passwords and words.
	"password", "password1", "password123", "passw0rd", "p@ssw0rd", "admin", "admin123",
	"administrator", "root", "toor", "letmein", "welcome", "qwerty", "qwertyuiop", "abc123",
	"123456", "12345678", "123456789", "1234567890", "0123456789", "111111", "000000",
	"iloveyou", "monkey", "dragon", "master", "hunter2", "trustno1", "sunshine", "princess",
	"football", "baseball", "starwars", "hello", "helloworld", "hello world", "foobar", "foo",
	"bar", "test", "testing", "test123", "demo", "example", "sample", "key", "jwt", "token",
	"auth", "pass", "guest", "user", "login", "public", "private", "hmac", "hs256", "secure",
	"security", "confidential", "gandalf", "opensesame", "mypassword", "default123",
	// Framework and product samples.
	"django-insecure", "laravel", "rails", "symfony", "express", "nestjs", "spring",
	"springboot", "flask", "fastapi", "nodejs", "javascript", "golang", "supabase",
	"super-secret-jwt-token-with-at-least-32-characters-long", "keycloak", "auth0",
	"firebase", "strapi", "hasura", "directus", "ghost", "parse", "meteor",
	"0123456789abcdef", "0123456789abcdef0123456789abcdef", "abcdefghijklmnopqrstuvwxyz",
	"abcdefghijklmnopqrstuvwxyz0123456789", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
}

// weakSecretSet holds the normalized weakSecrets. It is built on first
// use rather than at package init, so that programs which never check a
// secret, such as the Worker, do not pay for it at start-up.
var weakSecretSet = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, len(weakSecrets))
	for _, s := range weakSecrets {
		m[normalizeSecret(s)] = true
	}
	return m
})

// normalizeSecret lower-cases s and keeps only ASCII letters and digits,
// so "Your_256_Bit_Secret" meets "your-256-bit-secret".
func normalizeSecret(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		}
	}
	return string(b)
}

// weakPrefixes start generated secrets that their framework marks as
// unfit for production.
var weakPrefixes = []string{"djangoinsecure"}

// IsKnownWeakSecret reports whether s is, up to case and punctuation, one
// of the well-known demo secrets.
func IsKnownWeakSecret(s string) bool {
	n := normalizeSecret(s)
	if n == "" {
		return false
	}
	for _, p := range weakPrefixes {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return weakSecretSet()[n]
}

// KnownWeakSecrets returns the well-known demo secrets as written, the
// first words a cracker tries.
func KnownWeakSecrets() []string { return append([]string(nil), weakSecrets...) }
