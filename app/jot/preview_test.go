//go:build !js

package jot_test

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/jot"
)

// shown is what the JWT workbench shows of a pasted token, in the terms
// that the preview of web/loader.js must match before app.wasm arrives:
// the hint alone (Blank), a list of problems (Refused), the JWE title, and
// the text of each JSON segment that decodes to an object (nil where the
// segment is refused).
type shown struct {
	Blank   bool    `json:"blank"`
	Refused bool    `json:"refused"`
	JWE     bool    `json:"jwe"`
	Header  *string `json:"header"`
	Payload *string `json:"payload"`
}

// workbenchShows is shown for Inspect, as app/ui's JWT pane uses it: the
// hint for a blank field, else the problems and each decoded object's
// pretty-printed JSON.
func workbenchShows(token string) shown {
	if strings.TrimSpace(token) == "" {
		return shown{Blank: true}
	}
	in := jot.Inspect(token)
	s := shown{Refused: in.Err() != nil, JWE: in.JWE}
	if in.Header != nil {
		h := string(in.HeaderJSON)
		s.Header = &h
	}
	if in.Payload != nil {
		p := string(in.PayloadJSON)
		s.Payload = &p
	}
	return s
}

// previewShows runs inspectToken of web/loader.js under Node on every
// token, through testdata/preview.cjs.
func previewShows(t *testing.T, tokens []string) []shown {
	t.Helper()
	return previewOf(t, filepath.Join(moduleRoot(t), "web", "loader.js"), tokens)
}

// previewOf runs inspectToken of the loader.js at path.
func previewOf(t *testing.T, loader string, tokens []string) []shown {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not installed: the preview of web/loader.js cannot be run (%v)", err)
	}
	in, err := json.Marshal(tokens)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join("testdata", "preview.cjs"), loader)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	var got []shown
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node printed %.200q: %v", out, err)
	}
	if len(got) != len(tokens) {
		t.Fatalf("node answered for %d tokens of %d", len(got), len(tokens))
	}
	return got
}

// TestLoaderPreviewAgreesWithInspect holds the preview that web/loader.js
// shows while app.wasm loads to the workbench that replaces it: for every
// token of the corpus, the preview decodes the same header and payload to
// the same text as Inspect, or refuses them as Inspect does, and lists
// problems exactly when Inspect finds some.
func TestLoaderPreviewAgreesWithInspect(t *testing.T) {
	corpus := previewCorpus(t)
	got := previewShows(t, corpus)
	var decoded, refused, blank int
	for i, token := range corpus {
		want := workbenchShows(token)
		switch {
		case want.Blank:
			blank++
		case want.Refused:
			refused++
		default:
			decoded++
		}
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("token %d %.300q:\n preview:   %s\n workbench: %s", i, token, showJSON(got[i]), showJSON(want))
		}
	}
	t.Logf("%d tokens: %d decoded, %d refused, %d blank", len(corpus), decoded, refused, blank)
	// The corpus reaches every verdict, or the agreement proves little.
	if decoded < 50 || refused < 50 || blank == 0 {
		t.Errorf("the corpus has %d decoded, %d refused and %d blank tokens", decoded, refused, blank)
	}
}

func showJSON(s shown) string {
	b, _ := json.Marshal(s)
	return string(b)
}
