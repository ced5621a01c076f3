// The attack lab's dictionary attack, in a Web Worker so that the page
// stays responsive: it runs crack.wasm (wasm/crack), which posts
// {type: "progress", tried, total, ms} as it goes and {type: "done",
// tried, total, ms, secret, error} at the end. The page sends {token, extra, known} once and
// cancels by terminating the worker. Nothing is fetched but the module.
importScripts("../wasm_exec.js");

var ready = new Promise(function (resolve) {
  self.authlabCrackReady = resolve;
});
var go = new Go();
WebAssembly.instantiateStreaming(fetch("crack.wasm"), go.importObject)
  .then(function (r) {
    go.run(r.instance);
  })
  .catch(function (e) {
    postMessage({ type: "done", tried: 0, ms: 0, secret: "", error: "the cracker could not start: " + e });
  });

self.onmessage = function (e) {
  ready.then(function () {
    self.authlabCrack(String(e.data.token), String(e.data.extra), String(e.data.known));
  });
};
