package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"slices"
	"testing"
)

// jsAnswers runs worker/bench/floor/index.js under Node for each path and
// returns what it answered.
func jsAnswers(t *testing.T, paths []string) map[string]jsAnswer {
	t.Helper()
	script := `
const floor = (await import(process.argv[1])).default;
const out = {};
for (const path of JSON.parse(process.argv[2])) {
  const res = await floor.fetch(new Request("http://floor" + path));
  out[path] = { status: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) };
}
console.log(JSON.stringify(out));`
	list, _ := json.Marshal(paths)
	out, err := exec.Command("node", "--input-type=module", "-e", script, "../floor/index.js", string(list)).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got map[string]jsAnswer
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node's output %q: %v", out, err)
	}
	return got
}

type jsAnswer struct {
	Status  int               `json:"status"`
	Body    string            `json:"body"`
	Headers map[string]string `json:"headers"`
}

// TestSameAnswersAsTheJavaScriptFloor holds the Go floor to
// worker/bench/floor/index.js, run by Node: the same status, the same
// JSON and the same headers for every path that the Go floor answers and
// for an unknown one.
func TestSameAnswersAsTheJavaScriptFloor(t *testing.T) {
	paths := []string{"/nope"}
	for p := range answers {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	js := jsAnswers(t, paths)
	for _, path := range paths {
		rec := httptest.NewRecorder()
		serveFixed(rec, httptest.NewRequest(http.MethodGet, path, nil))
		want := js[path]
		if rec.Code != want.Status {
			t.Errorf("%s: status %d, the JavaScript floor's %d", path, rec.Code, want.Status)
		}
		var got, wantBody any
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Errorf("%s: %v", path, err)
		}
		if err := json.Unmarshal([]byte(want.Body), &wantBody); err != nil {
			t.Errorf("%s: the JavaScript floor's body: %v", path, err)
		}
		if g, w := mustJSON(got), mustJSON(wantBody); g != w {
			t.Errorf("%s: body %s, the JavaScript floor's %s", path, g, w)
		}
		for name, v := range want.Headers {
			if g := rec.Header().Get(name); g != v {
				t.Errorf("%s: %s %q, the JavaScript floor's %q", path, name, g, v)
			}
		}
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
