package attack_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/attack"
	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

func hsToken(t testing.TB, secret string) string {
	t.Helper()
	tok, err := attack.SignHS256(map[string]any{"alg": "HS256", "typ": "JWT"}, map[string]any{"sub": "user-42", "exp": 4102444800}, []byte(secret))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestCrackFindsAWordListSecret(t *testing.T) {
	words := attack.Words("alpha\nbravo\r\ncorrect horse battery staple\n\nalpha")
	if words[2] != "correct horse battery staple" || strings.Count(strings.Join(words, "\n"), "alpha") != 1 || len(words) < 100 {
		t.Fatalf("word list head %q", words[:4])
	}
	var reports []int
	got, err := attack.Crack(context.Background(), hsToken(t, "correct horse battery staple"), words, func(n int) { reports = append(reports, n) })
	if err != nil || got != "correct horse battery staple" {
		t.Fatalf("cracked %q, %v", got, err)
	}
	if len(reports) == 0 || reports[len(reports)-1] != 3 {
		t.Errorf("progress %v, want it to end at 3, the word that matched", reports)
	}
	if _, err := attack.Crack(context.Background(), hsToken(t, "not in any list 8d2f"), words, nil); !errors.Is(err, attack.ErrNotFound) {
		t.Errorf("an unknown secret: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	many := make([]string, 5000)
	for i := range many {
		many[i] = fmt.Sprint("w", i)
	}
	if _, err := attack.Crack(ctx, hsToken(t, "never"), many, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	es, err := attack.Psychic(hsToken(t, "x"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := attack.Crack(context.Background(), es.Token, words, nil); !errors.Is(err, attack.ErrNotHMAC) {
		t.Errorf("an ES256 token: %v", err)
	}
}

func TestForgedTokensFailAStrictVerifier(t *testing.T) {
	k, err := keys.GenerateEC("P-256", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k.Kid = "real"
	tok, err := jot.SignJSON([]byte(`{"alg":"ES256","typ":"JWT","kid":"real"}`), []byte(`{"sub":"user-42","exp":4102444800}`), k)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := keys.PublicPEM(k.Public)
	if err != nil {
		t.Fatal(err)
	}
	probes, err := attack.ForAPI(tok, string(pub), "https://api.example/me?x=1", rand.Reader, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, p := range probes {
		names[p.Name] = true
		if _, err := jot.Verify(p.Token, jot.KeySet{Set: &keys.Set{Keys: []*keys.Key{k}}}); err == nil {
			t.Errorf("%s (%s) verified with the real key", p.Name, p.Label)
		}
		if !strings.Contains(p.Curl, "'Authorization: Bearer "+p.Token+"'") || !strings.Contains(p.Curl, "'https://api.example/me?x=1'") {
			t.Errorf("%s: curl %q", p.Name, p.Curl)
		}
		if !strings.HasPrefix(p.Expect, "401") || !strings.Contains(p.Expect, "§") {
			t.Errorf("%s: expect %q", p.Name, p.Expect)
		}
		if in := jot.Inspect(p.Token); in.Payload["sub"] != "admin" {
			t.Errorf("%s: sub %v", p.Name, in.Payload["sub"])
		}
	}
	for _, want := range []string{"none", "decode-only", "kid-traversal", "kid-sql", "jku", "jwk", "psychic", "key-confusion"} {
		if !names[want] {
			t.Errorf("no %s probe", want)
		}
	}
	if _, err := attack.ForAPI("not a token", "", "https://x", rand.Reader, time.Now()); !errors.Is(err, attack.ErrToken) {
		t.Errorf("bad token: %v", err)
	}
}

// BenchmarkCrack measures guesses per second over the built-in list.
func BenchmarkCrack(b *testing.B) {
	words := attack.Words("")
	tok := hsToken(b, "not in the list at all")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := attack.Crack(context.Background(), tok, words, nil); !errors.Is(err, attack.ErrNotFound) {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(words)*b.N)/b.Elapsed().Seconds(), "guesses/s")
}

func FuzzBuilders(f *testing.F) {
	f.Add("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
	f.Add("a.b.c")
	f.Fuzz(func(t *testing.T, tok string) {
		if _, err := attack.AlgNone(tok); err != nil && !errors.Is(err, attack.ErrToken) {
			t.Fatalf("AlgNone: %v", err)
		}
		if _, err := attack.Crack(context.Background(), tok, []string{"a"}, nil); err != nil &&
			!errors.Is(err, attack.ErrToken) && !errors.Is(err, attack.ErrNotHMAC) && !errors.Is(err, attack.ErrNotFound) {
			t.Fatalf("Crack: %v", err)
		}
	})
}

func TestForLabNeedsTheCrackedSecret(t *testing.T) {
	toks := map[string]string{"weak-secret": hsToken(t, "keyboard cat")}
	if _, err := attack.ForLab("weak-secret", toks, nil, "", rand.Reader, time.Now()); !errors.Is(err, attack.ErrNotCracked) {
		t.Errorf("before cracking: %v", err)
	}
	as, err := attack.ForLab("weak-secret", toks, nil, "keyboard cat", rand.Reader, time.Now())
	if err != nil || len(as) != 1 || jot.Inspect(as[0].Token).Payload["sub"] != "admin" {
		t.Errorf("after cracking: %v, %v", as, err)
	}
	if _, err := attack.ForLab("no-such", toks, nil, "", rand.Reader, time.Now()); !errors.Is(err, attack.ErrNoAttack) {
		t.Errorf("an unknown endpoint: %v", err)
	}
}
