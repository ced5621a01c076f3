// The JWT workbench's early checker, in a Web Worker, for the prerendered
// page while app.wasm loads (web/loader.js starts it when the visitor
// first types into the prerendered workbench). It runs quickcheck.wasm
// (wasm/quickcheck): app/jot's check, a fraction of app.wasm's size. It
// posts {type: "loaded"} once the module has arrived and compiled, then
// answers each {id, token, key} with {type: "verdict", id, verdict}
// (verdict null for a JWE), or posts {type: "failed", error} when it
// cannot start. Nothing is fetched but the module and wasm_exec.js, and
// nothing is stored.
var started;
try {
  importScripts("../wasm_exec.js");
  var go = new Go();
  var ready = new Promise(function (resolve) {
    self.authlabQuickCheckReady = resolve;
  });
  started = WebAssembly.instantiateStreaming(fetch("quickcheck.wasm"), go.importObject).then(function (r) {
    postMessage({ type: "loaded" });
    go.run(r.instance);
    return ready;
  });
} catch (e) {
  started = Promise.reject(e);
}
started.catch(function (e) {
  postMessage({ type: "failed", error: "the early checker could not start: " + e });
});

self.onmessage = function (e) {
  var m = e.data || {};
  started.then(function () {
    postMessage({ type: "verdict", id: m.id, verdict: self.authlabQuickCheck(String(m.token), String(m.key)) });
  }, function () {});
};
