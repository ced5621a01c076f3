package main

import (
	"encoding/json"
	"fmt"
)

// The token pasted in every run, an HS256 JWT (RFC 7519) with the secret
// below, and the text its payload must show.
const (
	token  = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwibmFtZSI6IkdyYWNlIEhvcHBlciIsImV4cCI6NDEwMjQ0NDgwMH0.1msHXOOpVXloH_yadtQ2GD3q86jJP7f5gEpwFUIDeI8"
	secret = "bench-secret-of-thirty-two-bytes"
	expect = "Grace Hopper"
)

// selectors are the CSS selectors by which the probe finds a page's
// fields: the token's text field, the secret's (optional), the element
// that shows the decoded payload, and the one whose data-state says
// "valid" once the signature is verified (optional: a page without it
// only decodes, and its ready time is its payload time).
type selectors struct {
	Token   string `json:"token"`
	Key     string `json:"key,omitempty"`
	Payload string `json:"payload"`
	Verdict string `json:"verdict,omitempty"`
}

func (s selectors) json() string {
	b, _ := json.Marshal(s)
	return string(b)
}

var (
	// authlabFields are the workbench's (app/ui).
	authlabFields = selectors{Token: "#token", Key: "#key", Payload: "#payload", Verdict: "#verdict"}
	// joseFields are the jose page's (baseline/index.html).
	joseFields = selectors{Token: "#token", Payload: "#payload"}
	// jwtioFields are jwt.io's debugger's: its token editor's text area
	// and the JSON card of the decoded payload, not its tab (data-testid values of its
	// src/libs/testing/data-testid.dictionary.ts).
	jwtioFields = selectors{Token: `[data-testid="decoder__jwtEditor"] textarea`, Payload: `[data-testid="decoder__payload__json"][data-type="output"]`}
)

// setValue sets a text field's value through the prototype's setter and
// sends the input event, as a paste does: React, which tracks the value
// it last set, then sees the change too.
const setValue = `const setValue = (el, text) => {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(el, text);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  };`

// probe runs in every document. As soon as the page has its token field,
// even while the document is still being parsed, but not before pasteAt
// ms after navigation start, it pastes the token (and
// the secret, when the page has a key field), again every few
// milliseconds until the payload element shows the payload, and records
// when the frame with the payload was drawn (window.__ttu). It then
// waits, without typing again, until the verdict says the signature is
// valid and records that frame too (window.__ready): the workbench then
// verifies. Last it records the frame from which the whole page is live
// (window.__live): for Authlab, once go-app's loader has left, the live
// page having replaced the prerendered one (whose early checker may have
// verified first); for a page without that loader, its ready frame.
func probe(s selectors, pasteAt int) string {
	return fmt.Sprintf(`((sel) => {
  window.__ttu = 0; window.__ready = 0; window.__live = 0;
  %s
  const frame = (name, then) => requestAnimationFrame(() => { window[name] = performance.now(); if (then) then(); });
  const live = () => {
    if (!document.getElementById("app-wasm-loader")) { frame("__live"); return; }
    setTimeout(live, 4);
  };
  const ready = () => {
    const v = sel.verdict && document.querySelector(sel.verdict);
    if (!sel.verdict) { window.__ready = window.__ttu; live(); return; }
    if (v && v.dataset.state === "valid") { frame("__ready", live); return; }
    setTimeout(ready, 4);
  };
  const paste = (q, text) => {
    const el = q && document.querySelector(q);
    if (!el) return false;
    setValue(el, text); // again each time: the page's listener may not be there yet
    return true;
  };
  const tick = () => {
    const out = document.querySelector(sel.payload);
    if (out && out.textContent.includes(%q)) {
      requestAnimationFrame(() => { window.__ttu = performance.now(); ready(); });
      return;
    }
    if (performance.now() >= %d && paste(sel.token, %q)) paste(sel.key, %q);
    setTimeout(tick, 4);
  };
  tick();
})(%s);`, setValue, expect, pasteAt, token, secret, s.json())
}

// pageState describes where a page that timed out stood.
func pageState(s selectors) string {
	return fmt.Sprintf(`((sel) => location.href + " | " + ((document.getElementById("app-wasm-loader-label")||{}).textContent||"loaded") + " | " + ((document.querySelector(sel.payload)||{}).textContent||"no payload element").slice(0, 200) + " | " + (sel.verdict ? ((document.querySelector(sel.verdict)||{}).textContent||"") : ""))(%s)`, s.json())
}

// keystrokes changes the token's payload one character at a time and times
// each input event until the payload element shows the new payload (dom)
// and until the next animation frame after that (frame). The first five
// edits warm the page's code paths up and are not counted.
const keystrokes = `(async (sel, n) => {
  ` + setValue + `
  const ta = document.querySelector(sel.token);
  const out = () => document.querySelector(sel.payload);
  const dom = [], frame = [];
  for (let i = -5; i < n; i++) {
    const name = "Grace Hopper " + i;
    const payload = btoa(JSON.stringify({ sub: "user-42", name })).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    const parts = ta.value.split(".");
    const t0 = performance.now();
    setValue(ta, parts[0] + "." + payload + "." + parts[2]);
    while (!(out() && out().textContent.includes(name))) await new Promise((r) => setTimeout(r, 0));
    const d = performance.now() - t0;
    await new Promise((r) => requestAnimationFrame(() => r()));
    if (i >= 0) dom.push(d), frame.push(performance.now() - t0);
  }
  return { dom, frame };
})`

// swReady reports whether the service worker controls the page and has
// cached app.wasm, as it has for a returning visitor.
const swReady = `(async () => {
  if (!navigator.serviceWorker.controller) return false;
  for (const k of await caches.keys()) {
    const c = await caches.open(k);
    if ((await c.keys()).some((r) => r.url.endsWith("/web/app.wasm"))) return true;
  }
  return false;
})()`
