package main

// The token pasted in every run, an HS256 JWT (RFC 7519) with the secret
// below, and the text its payload must show.
const (
	token  = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwibmFtZSI6IkdyYWNlIEhvcHBlciIsImV4cCI6NDEwMjQ0NDgwMH0.1msHXOOpVXloH_yadtQ2GD3q86jJP7f5gEpwFUIDeI8"
	secret = "bench-secret-of-thirty-two-bytes"
	expect = "Grace Hopper"
)

// probe runs in every document. As soon as the page has a #token field,
// even while the document is still being parsed, it pastes the token (and the secret into #key, when the page has one),
// again every few milliseconds until #payload shows the payload, and
// records when the frame with the payload was drawn (window.__ttu). It
// then waits, without typing again, until the page says the signature is
// valid (#verdict[data-state=valid]) and records that frame too
// (window.__ready): the workbench is then live and verifies. A page
// without #verdict, such as the jose page, decodes only; its __ready is
// its __ttu.
var probe = `(() => {
  window.__ttu = 0; window.__ready = 0;
  const frame = (name) => requestAnimationFrame(() => { window[name] = performance.now(); });
  const ready = () => {
    const v = document.getElementById("verdict");
    if (!v) { window.__ready = window.__ttu; return; }
    if (v.dataset.state === "valid") { frame("__ready"); return; }
    setTimeout(ready, 4);
  };
  const paste = (id, text) => {
    const el = document.getElementById(id);
    if (!el) return false;
    el.value = text;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  };
  const tick = () => {
    const out = document.getElementById("payload");
    if (out && out.textContent.includes(` + "`" + expect + "`" + `)) {
      requestAnimationFrame(() => { window.__ttu = performance.now(); ready(); });
      return;
    }
    if (paste("token", ` + "`" + token + "`" + `)) paste("key", ` + "`" + secret + "`" + `);
    setTimeout(tick, 4);
  };
  tick();
})();`

// keystrokes changes the token's payload one character at a time and times
// each input event until #payload shows the new payload (dom) and until
// the next animation frame after that (frame). The first five edits warm
// the page's code paths up and are not counted.
const keystrokes = `(async (n) => {
  const ta = document.getElementById("token");
  const dom = [], frame = [];
  for (let i = -5; i < n; i++) {
    const name = "Grace Hopper " + i;
    const payload = btoa(JSON.stringify({ sub: "user-42", name })).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    const parts = ta.value.split(".");
    const t0 = performance.now();
    ta.value = parts[0] + "." + payload + "." + parts[2];
    ta.dispatchEvent(new Event("input", { bubbles: true }));
    while (!document.getElementById("payload").textContent.includes(name)) await new Promise((r) => setTimeout(r, 0));
    const d = performance.now() - t0;
    await new Promise((r) => requestAnimationFrame(() => r()));
    if (i >= 0) dom.push(d), frame.push(performance.now() - t0);
  }
  return { dom, frame };
})`

// swReady reports whether the service worker controls the page and has
// cached app.wasm, as it has for a returning visitor; true on pages
// without one.
const swReady = `(async () => {
  if (!document.querySelector('link[rel="manifest"]') || !("serviceWorker" in navigator)) return true;
  if (!navigator.serviceWorker.controller) return false;
  for (const k of await caches.keys()) {
    const c = await caches.open(k);
    if ((await c.keys()).some((r) => r.url.endsWith("/web/app.wasm"))) return true;
  }
  return false;
})()`
