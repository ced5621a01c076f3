//go:build e2e

package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/ui"
)

// warmUpSpy is a glue for web/compile.js's warm-up: it records every
// request the run starts from the worker (fetch, XMLHttpRequest,
// WebSocket, EventSource), hands the list to the page with the worker's
// "warmed" message, and then loads Go's real wasm_exec.js.
const warmUpSpy = `
self.__sent = [];
const spy = (name, Real) => function (...args) {
  self.__sent.push(name + " " + String(args[0] && args[0].url || args[0] || ""));
  return new.target ? new Real(...args) : Real.apply(this, args);
};
self.fetch = spy("fetch", self.fetch);
for (const name of ["XMLHttpRequest", "WebSocket", "EventSource"]) {
  if (self[name]) self[name] = spy(name, self[name]);
}
const post = self.postMessage;
self.postMessage = function (msg, ...rest) {
  if (msg && msg.type === "warmed") msg.sent = self.__sent;
  return post.call(this, msg, ...rest);
};
importScripts(%s);
`

// TestWarmUpSendsAndStoresNothing runs the compile worker's warm-up, as
// the page starts it, for every page: the run mounts the page and runs
// its OnNav and OnMount in the worker, so it must send no request (the
// pages send only from event handlers, which nothing fires there), and
// the page's own localStorage, sessionStorage and cookies must be as they
// were (the run gets empty storages of its own).
func TestWarmUpSendsAndStoresNothing(t *testing.T) {
	tab := uiBrowser(t)
	tab.openURL(baseURL + "/oauth")
	const snapshot = `JSON.stringify({ local: Object.entries(localStorage).sort(), session: Object.entries(sessionStorage).sort(), cookie: document.cookie })`
	// Something to lose: an OAuth flow in progress, as /oauth keeps it, and
	// the theme.
	tab.eval(`localStorage.setItem("authlab-theme", "dark"); sessionStorage.setItem("authlab-probe", "kept"); true`, nil)
	for _, page := range append(ui.Paths(), "/") {
		var before, after string
		tab.eval(snapshot, &before)
		var got struct {
			Warmed string   `json:"warmed"`
			Sent   []string `json:"sent"`
			Error  string   `json:"error"`
		}
		tab.eval(fmt.Sprintf(`new Promise(resolve => {
  const glue = URL.createObjectURL(new Blob([%s], { type: "text/javascript" }));
  const w = new Worker("/web/compile.js");
  w.onmessage = e => {
    switch (e.data.type) {
      case "progress": case "module": return;
      case "warmed": w.terminate(); resolve({ warmed: String(e.data.warmed), sent: e.data.sent || null, error: "" }); return;
      default: w.terminate(); resolve({ warmed: "", sent: null, error: String(e.data.error) });
    }
  };
  w.postMessage({ url: new URL("/web/app.wasm", location.href).href, total: 0, glue, page: %s, env: goappEnv });
})`, jsString(fmt.Sprintf(warmUpSpy, jsString(baseURL+"/wasm_exec.js"))), jsString(page)), &got)
		if !strings.HasPrefix(got.Warmed, "mounted ") {
			t.Errorf("%s: the warm-up did not mount the page: %q %s", page, got.Warmed, got.Error)
			continue
		}
		if got.Sent == nil {
			t.Errorf("%s: the spy did not report: the warm-up ran without it", page)
		} else if len(got.Sent) > 0 {
			t.Errorf("%s: the warm-up sent %q", page, got.Sent)
		}
		tab.eval(snapshot, &after)
		if after != before {
			t.Errorf("%s: the page's storage changed during the warm-up:\nbefore %s\nafter  %s", page, before, after)
		}
	}
}
