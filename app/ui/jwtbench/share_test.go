package jwtbench

import (
	"testing"

	"github.com/authlab/authlab/app/jot"
)

// TestRestoreReportsAShareLink: a share link's fragment sets the token and
// the key and is reported, so that the page renders them; any other
// fragment leaves the page as it was and is reported as nothing to render.
// (jwt.io's example secret is 19 bytes: the verdict says the key is weak,
// which it says only after checking the signature with it.)
func TestRestoreReportsAShareLink(t *testing.T) {
	for _, f := range []string{"", "#", "#content", "#key=secret", "#token="} {
		p := &page{}
		if p.restore(f) || p.token != "" || p.share.restored {
			t.Errorf("restore(%q) reported a share link or changed the page: token %q, restored %v", f, p.token, p.share.restored)
		}
	}
	p := &page{}
	if !p.restore("#" + fragment(compactToken, "your-256-bit-secret", jot.SecretUTF8, true)) {
		t.Fatal("a share link's fragment was not reported")
	}
	if p.token != compactToken || p.key != "your-256-bit-secret" || !p.share.restored || p.verdict.State != jot.StateWeakKey {
		t.Errorf("restored token %q key %q restored %v verdict %+v", p.token, p.key, p.share.restored, p.verdict)
	}
}
