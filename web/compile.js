// Downloads and compiles app.wasm in a dedicated Web Worker, so that the
// page's main thread neither decodes the module as it streams in nor
// finishes its compilation; the page instantiates the compiled
// WebAssembly.Module it is sent (WebAssembly JS API, structured clone of a
// Module). go-app's app.js, as app/ui rewrites it, starts this worker
// (authlabInstantiate).
//
// The page sends {url, total}: the module's URL, and its size once decoded
// (0 when unknown). The worker posts {type: "progress", percent} as the
// bytes come in, then {type: "module", module} or {type: "error", error},
// and has nothing more to do.
self.onmessage = function (e) {
  var url = String(e.data.url);
  var total = Number(e.data.total) || 0;
  fetch(url)
    .then(function (resp) {
      if (!resp.ok) {
        throw new Error(url + " answered HTTP " + resp.status);
      }
      return WebAssembly.compileStreaming(new Response(counted(resp.body, total), {
        headers: { "Content-Type": "application/wasm" },
      }));
    })
    .then(function (module) {
      postMessage({ type: "module", module: module });
    })
    .catch(function (err) {
      postMessage({ type: "error", error: "app.wasm could not be loaded: " + err });
    });
};

// counted passes body through, posting the share of total received each
// time it reaches a new whole percent.
function counted(body, total) {
  var reader = body.getReader();
  var loaded = 0;
  var shown = -1;
  return new ReadableStream({
    pull: function (controller) {
      return reader.read().then(function (r) {
        if (r.done) {
          controller.close();
          return;
        }
        loaded += r.value.byteLength;
        var percent = total > 0 ? Math.min(100, Math.floor((loaded * 100) / total)) : 0;
        if (percent !== shown) {
          shown = percent;
          postMessage({ type: "progress", percent: percent });
        }
        controller.enqueue(r.value);
      });
    },
    cancel: function (reason) {
      return reader.cancel(reason);
    },
  });
}
