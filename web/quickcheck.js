// The JWT workbench's early checker, in a Web Worker, for the prerendered
// page while app.wasm loads (web/loader.js starts it when the visitor
// first types into the prerendered workbench). It runs quickcheck.wasm
// (wasm/quickcheck): app/jot's check, a fraction of app.wasm's size. It
// posts {type: "loaded"} once the module has arrived and compiled, then
// answers the newest {id, token, key} with {type: "verdict", id, verdict}
// (verdict null for a JWE), or posts {type: "failed", error} when it
// cannot start. Nothing is fetched but the module and wasm_exec.js, and
// nothing is stored.

// The module's download starts first: wasm_exec.js, which only the
// instantiation needs, is fetched meanwhile.
var compiled = WebAssembly.compileStreaming(fetch("quickcheck.wasm"));
compiled.catch(function () {});
var started;
try {
  importScripts("../wasm_exec.js");
  var go = new Go();
  var ready = new Promise(function (resolve) {
    self.authlabQuickCheckReady = resolve;
  });
  started = compiled
    .then(function (module) {
      postMessage({ type: "loaded" });
      return WebAssembly.instantiate(module, go.importObject);
    })
    .then(function (instance) {
      go.run(instance);
      return ready;
    });
} catch (e) {
  started = Promise.reject(e);
}
started.catch(function (e) {
  postMessage({ type: "failed", error: "the early checker could not start: " + e });
});

// Only the newest request is answered: one that a newer one overtook
// while the module was still loading, or while a check ran, is dropped,
// as the page shows only the verdict for what its fields hold now.
var newest = null;
self.onmessage = function (e) {
  var m = e.data || {};
  newest = m;
  started.then(function () {
    if (newest !== m) return;
    newest = null;
    postMessage({ type: "verdict", id: m.id, verdict: self.authlabQuickCheck(String(m.token), String(m.key)) });
  }, function () {});
};
