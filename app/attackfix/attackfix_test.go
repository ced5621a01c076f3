package attackfix_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/attack"
	"github.com/authlab/authlab/app/attackfix"
	"github.com/authlab/authlab/app/attackfix/gofix"
	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/app/naivelab"
)

// fixCase is one token given to one fix, with the key it verifies with:
// "ec" (the lab's public key), "strong" (a random 32-byte secret) or
// "weak" (the lab's weak secret).
type fixCase struct {
	Fix    string `json:"fix"`
	Token  string `json:"token"`
	Key    string `json:"key"`
	Accept bool   `json:"-"`
	What   string `json:"-"`
}

// fixRequest is what the Python and JavaScript harnesses read.
type fixRequest struct {
	Issuer       string    `json:"issuer"`
	Audience     string    `json:"audience"`
	PublicKeyPEM string    `json:"public_key_pem"`
	StrongSecret string    `json:"strong_secret"`
	WeakSecret   string    `json:"weak_secret"`
	Cases        []fixCase `json:"cases"`
}

// fixAnswer is what they print.
type fixAnswer struct {
	Results []struct {
		Accepted bool   `json:"accepted"`
		Error    string `json:"error"`
	} `json:"results"`
	SecretLength  int  `json:"secret_length"`
	SecretsDiffer bool `json:"secrets_differ"`
}

// labCases builds, from a lab with the real clock (the fixes read it
// too), every endpoint's attacks given to the fix the page shows for it,
// which must refuse them, and good tokens, which the fixes must accept.
func labCases(t *testing.T) (fixRequest, *ecdsa.PublicKey, []byte) {
	t.Helper()
	l, err := naivelab.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	toks, err := l.Tokens()
	if err != nil {
		t.Fatal(err)
	}
	set, _, err := keys.ParseAny([]byte(l.PublicKeys()["lab-ec"]))
	if err != nil {
		t.Fatal(err)
	}
	pub := set.Keys[0].Public.(*ecdsa.PublicKey)
	pem, err := keys.PublicPEM(pub)
	if err != nil {
		t.Fatal(err)
	}
	strong := make([]byte, 32)
	rand.Read(strong)
	now := time.Now().Unix()
	good, err := attack.SignHS256(map[string]any{"alg": "HS256", "typ": "at+jwt"},
		map[string]any{"iss": naivelab.Issuer, "aud": naivelab.Audience, "sub": "lab-user", "iat": now, "exp": now + 600}, strong)
	if err != nil {
		t.Fatal(err)
	}
	req := fixRequest{Issuer: naivelab.Issuer, Audience: naivelab.Audience, PublicKeyPEM: string(pem),
		StrongSecret: base64.StdEncoding.EncodeToString(strong), WeakSecret: naivelab.WeakSecret}
	add := func(fix, token, key string, accept bool, what string) {
		req.Cases = append(req.Cases, fixCase{Fix: fix, Token: token, Key: key, Accept: accept, What: what})
	}
	for _, e := range naivelab.Endpoints() {
		as, err := attack.ForLab(e.Name, toks, l.PublicKeys(), naivelab.WeakSecret, rand.Reader, time.Now())
		if err != nil || len(as) == 0 {
			t.Fatalf("%s: %d attacks, %v", e.Name, len(as), err)
		}
		fix := attackfix.For(e.Name).Name
		for _, a := range as {
			if fix == attackfix.Secret {
				add(fix, a.Token, "strong", false, e.Name+" "+a.Label+", with a strong secret")
				add(fix, a.Token, "weak", false, e.Name+" "+a.Label+", with the weak secret")
				continue
			}
			add(fix, a.Token, "ec", false, e.Name+" "+a.Label)
			if fix == attackfix.Pinned {
				add(attackfix.Typed, a.Token, "ec", false, e.Name+" "+a.Label)
			}
		}
	}
	add(attackfix.Pinned, toks["access"], "ec", true, "the lab's access token")
	add(attackfix.Typed, toks["access"], "ec", true, "the lab's access token")
	// Only typ tells an ID token from an access token: the pinned fix
	// takes it, which is why substitution needs the typed one.
	add(attackfix.Pinned, toks["id-token"], "ec", true, "the lab's ID token, typ unchecked")
	add(attackfix.Secret, good, "strong", true, "a token signed with a strong secret")
	add(attackfix.Secret, toks["weak-secret"], "weak", false, "the lab's own weak-secret token, whose secret is too short")
	return req, pub, strong
}

// check compares what a language's fixes answered with what they must.
func check(t *testing.T, lang string, req fixRequest, accepted []bool, errs []string) {
	t.Helper()
	if len(accepted) != len(req.Cases) {
		t.Fatalf("%s answered %d cases of %d", lang, len(accepted), len(req.Cases))
	}
	for i, c := range req.Cases {
		if accepted[i] != c.Accept {
			t.Errorf("%s fix %q on %s: accepted %v, want %v (%s)", lang, c.Fix, c.What, accepted[i], c.Accept, errs[i])
		}
	}
}

func TestGoFixes(t *testing.T) {
	req, pub, strong := labCases(t)
	var accepted []bool
	var errs []string
	for _, c := range req.Cases {
		var err error
		switch {
		case c.Fix == attackfix.Pinned:
			_, err = gofix.Verify(c.Token, pub, req.Issuer, req.Audience)
		case c.Fix == attackfix.Typed:
			_, err = gofix.VerifyAccessToken(c.Token, pub, req.Issuer, req.Audience)
		case c.Key == "strong":
			_, err = gofix.VerifyHS256(c.Token, strong, req.Issuer, req.Audience)
		default:
			_, err = gofix.VerifyHS256(c.Token, []byte(req.WeakSecret), req.Issuer, req.Audience)
		}
		accepted, errs = append(accepted, err == nil), append(errs, strings.TrimSpace(func() string {
			if err != nil {
				return err.Error()
			}
			return ""
		}()))
	}
	check(t, "Go", req, accepted, errs)
	if a, b := gofix.NewSecret(), gofix.NewSecret(); len(a) != 32 || bytes.Equal(a, b) {
		t.Errorf("NewSecret made %x and %x", a, b)
	}
}

// The page shows each fix's text from the files the tests run.
func TestThePageShowsTheFilesThatRun(t *testing.T) {
	for endpoint, want := range map[string]string{"none": "pinned", "substitution": "typed", "weak-secret": "secret"} {
		f := attackfix.For(endpoint)
		for path, text := range map[string]string{"gofix/" + want + ".go": f.Go, "py/" + want + ".py": f.Python, "js/" + want + ".mjs": f.JS} {
			disk, err := os.ReadFile(path)
			if err != nil || string(disk) != text || f.Name != want {
				t.Errorf("%s: the fix shown is not %s (%v)", endpoint, path, err)
			}
		}
	}
}

// writeFixes writes the fixes of one language, as the page shows them,
// and the harness that runs them into a fresh folder.
func writeFixes(t *testing.T, harness string, source func(attackfix.Fix) string, ext string) string {
	t.Helper()
	dir := t.TempDir()
	for _, e := range []string{"none", "substitution", "weak-secret"} {
		f := attackfix.For(e)
		if err := os.WriteFile(filepath.Join(dir, f.Name+ext), []byte(source(f)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h, err := os.ReadFile(filepath.Join("testdata", harness))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, harness), h, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runHarness feeds req to a harness and checks its answers.
func runHarness(t *testing.T, lang string, cmd *exec.Cmd, req fixRequest) {
	t.Helper()
	in, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s fixes: %v\n%s", lang, err, stderr.String())
	}
	var ans fixAnswer
	if err := json.Unmarshal(out, &ans); err != nil {
		t.Fatalf("%s harness printed %q: %v", lang, out, err)
	}
	var accepted []bool
	var errs []string
	for _, r := range ans.Results {
		accepted, errs = append(accepted, r.Accepted), append(errs, r.Error)
	}
	check(t, lang, req, accepted, errs)
	if ans.SecretLength != 32 || !ans.SecretsDiffer {
		t.Errorf("%s new secret: %d bytes, differ %v", lang, ans.SecretLength, ans.SecretsDiffer)
	}
}

// pythonWithPyJWT is Debian's python3, where python3-jwt installs, or
// else the first python3 on PATH that has PyJWT.
func pythonWithPyJWT(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import jwt, cryptography").Run() == nil {
			return p
		}
	}
	t.Fatal("no python3 with PyJWT: install Debian's python3-jwt and python3-cryptography (make pyjwt)")
	return ""
}

func TestPythonFixes(t *testing.T) {
	py := pythonWithPyJWT(t)
	req, _, _ := labCases(t)
	dir := writeFixes(t, "harness.py", func(f attackfix.Fix) string { return f.Python }, ".py")
	cmd := exec.Command(py, "harness.py")
	cmd.Dir = dir
	runHarness(t, "Python", cmd, req)
}

func TestJavaScriptFixes(t *testing.T) {
	modules, err := filepath.Abs(filepath.Join("..", "..", "worker", "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(modules, "jose", "package.json")); err != nil {
		t.Fatalf("jose is not installed in worker/node_modules (make npm): %v", err)
	}
	node := filepath.Join(modules, ".bin", "node")
	if _, err := os.Stat(node); err != nil {
		t.Fatalf("the pinned node is not installed in worker/node_modules (make npm): %v", err)
	}
	req, _, _ := labCases(t)
	dir := writeFixes(t, "harness.mjs", func(f attackfix.Fix) string { return f.JS }, ".mjs")
	if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "harness.mjs")
	cmd.Dir = dir
	runHarness(t, "JavaScript", cmd, req)
}
