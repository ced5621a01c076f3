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
// WebSocket, EventSource) and every store or channel it opens that it
// could share with the page (IndexedDB, CacheStorage, BroadcastChannel),
// then loads Go's real wasm_exec.js. A second after the worker's "warmed"
// message, while the program still runs its timers as it does until the
// page stops the worker, it posts {type: "spied", sent}.
const warmUpSpy = `
self.__sent = [];
const spy = (name, Real, that) => function (...args) {
  self.__sent.push(name + " " + String(args[0] && args[0].url || args[0] || ""));
  return new.target ? new Real(...args) : Real.apply(that || this, args);
};
self.fetch = spy("fetch", self.fetch);
for (const name of ["XMLHttpRequest", "WebSocket", "EventSource", "BroadcastChannel"]) {
  if (self[name]) self[name] = spy(name, self[name]);
}
if (self.indexedDB) self.indexedDB.open = spy("indexedDB.open", self.indexedDB.open, self.indexedDB);
if (self.caches) self.caches.open = spy("caches.open", self.caches.open, self.caches);
const post = self.postMessage;
self.postMessage = function (msg, ...rest) {
  if (msg && msg.type === "warmed") setTimeout(() => post.call(self, { type: "spied", sent: self.__sent }), 1000);
  return post.call(this, msg, ...rest);
};
importScripts(%s);
`

// TestWarmUpSendsNothing runs the compile worker's warm-up, as the page
// starts it, for every page: the run mounts the page and runs its OnNav
// and OnMount in the worker, so it must send no request (the pages send
// only from event handlers, which nothing fires there) and open nothing
// it could share with the page, up to a second after the run, while the
// worker lives on until the page has mounted. (The page's localStorage,
// sessionStorage and cookies are out of a worker's reach; the run gets
// empty storages of its own, web/compile.js.)
func TestWarmUpSendsNothing(t *testing.T) {
	tab := uiBrowser(t)
	tab.openURL(baseURL + "/oauth")
	for _, page := range append(ui.Paths(), "/") {
		var got struct {
			Warmed string   `json:"warmed"`
			Sent   []string `json:"sent"`
			Error  string   `json:"error"`
		}
		tab.eval(fmt.Sprintf(`new Promise(resolve => {
  const glue = URL.createObjectURL(new Blob([%s], { type: "text/javascript" }));
  const w = new Worker("/web/compile.js");
  let warmed = "";
  w.onmessage = e => {
    switch (e.data.type) {
      case "progress": case "module": return;
      case "warmed": warmed = String(e.data.warmed); return;
      case "spied": w.terminate(); resolve({ warmed, sent: e.data.sent, error: "" }); return;
      default: w.terminate(); resolve({ warmed, sent: null, error: String(e.data.error) });
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
			t.Errorf("%s: the warm-up sent or opened %q", page, got.Sent)
		}
	}
}
