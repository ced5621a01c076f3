// The JWT workbench's early checker, in a Web Worker, for the prerendered
// page while app.wasm loads (web/loader.js starts it once the workbench is
// painted, or when the visitor first types into it). It runs
// quickcheck.wasm (wasm/quickcheck): app/jot's check, a fraction of
// app.wasm's size. It posts {type: "loaded"} once the module has arrived
// and compiled, then answers the newest {id, token, key} with {type:
// "verdict", id, verdict} (verdict null for a JWE), or posts {type:
// "failed", error} when it cannot start. Nothing is fetched but
// wasm_exec.js (and the module, when the page cannot hand over its
// download), and nothing is stored.

// The page downloads and compiles the module (web/loader.js asks for it
// before this worker starts), so that the module's request does not wait
// for this script's: the page's first message is {type: "module",
// module}, the compiled WebAssembly.Module, or null where the page could
// not compile it or hand it over, and this worker then fetches and
// compiles it itself. wasm_exec.js, which only the instantiation needs, is
// fetched meanwhile. The checker has started once the Go program says it
// is ready; a program that ends first failed.
var gotModule;
var compiled = new Promise(function (resolve) {
  gotModule = resolve;
}).then(function (module) {
  return module || WebAssembly.compileStreaming(fetch("quickcheck.wasm"));
});
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
      var ended = go.run(instance).then(function () {
        throw new Error("its program ended");
      });
      ended.catch(function () {}); // after ready, a failed check says so itself
      return Promise.race([ready, ended]);
    });
} catch (e) {
  started = Promise.reject(e);
}
started.catch(function (e) {
  postMessage({ type: "failed", error: "the early checker could not start: " + e });
});

// The module's message comes once. Of the checks, only the newest request
// is answered: those that newer ones overtook while the module loaded, or
// while a check ran, are dropped, as the page shows only the verdict for
// what its fields hold now. Requests are answered in a task of their own,
// after the messages already queued.
var newest = null;
var scheduled = false;
self.onmessage = function (e) {
  var m = e.data || {};
  if (m.type === "module") {
    gotModule(m.module);
    return;
  }
  newest = m;
  if (scheduled) return;
  scheduled = true;
  started.then(function () {
    setTimeout(answer, 0);
  }, function () {});
};

function answer() {
  scheduled = false;
  var m = newest;
  newest = null;
  if (!m) return;
  var verdict;
  try {
    verdict = self.authlabQuickCheck(String(m.token), String(m.key));
  } catch (e) {
    postMessage({ type: "failed", error: "the early checker stopped: " + e });
    return;
  }
  if (verdict === undefined) {
    // The program ended during the check (wasm_exec.js returns nothing).
    postMessage({ type: "failed", error: "the early checker stopped" });
    return;
  }
  postMessage({ type: "verdict", id: m.id, verdict: verdict });
}
