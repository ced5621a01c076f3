// Appended to go-app's app.js by app/ui (appjs.go), whose call to
// instantiateStreaming(fetchWithProgress(url, progress), imports) becomes
// authlabInstantiate(instantiateStreaming, authlabWasmSource(url, progress),
// imports).

// authlabWasmSource names app.wasm, the function that shows how much of
// it has arrived and the page's wasm_exec.js, which runs the warm-up,
// without fetching anything yet.
function authlabWasmSource(url, progress) {
  const glue = document.querySelector('script[src$="/wasm_exec.js"]');
  return { url: url, progress: progress, glue: glue ? glue.src : "" };
}

// authlabWarmWait is how long, in milliseconds, the page waits for the
// worker's warm-up once it has the module, before it stops the worker and
// starts Go all the same: a little longer than the worker's own limit
// (warmLimit in web/compile.js), which only ends a run that gives the
// worker's event loop a turn.
const authlabWarmWait = 3500;

// authlabInstantiate has a dedicated worker (web/compile.js, beside
// app.wasm) download and compile app.wasm, and then run it once with the
// page's wasm_exec.js, which compiles what the Go runtime's start and the
// page's mount call. The page instantiates the compiled module meanwhile,
// where Go's syscall/js runs, and settles once the run is over, or
// authlabWarmWait after the module arrived. The
// page's main thread is left free while the module streams in and while
// those functions are compiled. Without workers it does what go-app does,
// with go-app's instantiate (its instantiateStreaming).
function authlabInstantiate(instantiate, source, importObject) {
  const url = new URL(source.url, document.baseURI);
  if (typeof Worker !== "function" || !WebAssembly.compileStreaming) {
    return instantiate(fetchWithProgress(url.href, source.progress), importObject);
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("compile.js", url));
    let instantiated = null;
    let warmed = false;
    let idle = false; // the warm-up's run ended: the worker only waits
    let done = false;
    // The page instantiates the module while the worker's warm-up runs,
    // and starts Go once that run is over, in a task of its own.
    const finish = () => {
      if (instantiated && warmed && !done) {
        done = true;
        if (idle) {
          authlabRetire(worker);
        } else {
          worker.terminate();
        }
        resolve(instantiated);
      }
    };
    const fail = (message) => {
      if (instantiated) {
        // Only the warm-up failed: the page starts Go all the same.
        warmed = true;
        finish();
        return;
      }
      worker.terminate();
      reject(new Error(message));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      fail("the worker that loads app.wasm failed: " + (e.message || "its script could not be loaded"));
    };
    worker.onmessageerror = () => fail("the compiled app.wasm could not be received");
    worker.onmessage = (e) => {
      const msg = e.data;
      switch (msg.type) {
        case "progress":
          source.progress(msg.percent);
          return;
        case "module":
          instantiated = WebAssembly.instantiate(msg.module, importObject).then((instance) => ({
            module: msg.module,
            instance: instance,
          }));
          setTimeout(() => {
            warmed = true;
            finish();
          }, authlabWarmWait);
          finish();
          return;
        case "warmed":
          // "mounted …" when the run ended; otherwise (a run still going
          // at warmLimit, or no glue) the worker is stopped at once.
          warmed = true;
          idle = String(msg.warmed).startsWith("mounted ");
          finish();
          return;
        default:
          fail(msg.error);
      }
    };
    worker.postMessage({
      url: url.href,
      total: parseInt(goappWasmContentLength, 10) || 0,
      glue: source.glue,
      env: goappEnv,
      page: location.pathname,
    });
  });
}

// authlabRetireLimit is how long, in milliseconds, a worker whose warm-up
// is over is kept at the most, should the live page never mount.
const authlabRetireLimit = 10000;

// authlabRetire stops the compile worker once the live page is mounted
// and the browser idle (authlabAfterMount). Stopping a worker tears its
// heap and its copy of Go's memory down on a thread of its own, which on
// a machine of two cores would take the CPU from the page's start and
// mount; until then the worker only waits, its warm-up run over.
function authlabRetire(worker) {
  let stopped = false;
  const stop = () => {
    if (!stopped) {
      stopped = true;
      worker.terminate();
    }
  };
  authlabAfterMount().then(stop);
  setTimeout(stop, authlabRetireLimit);
}

// authlabAfterMount settles once go-app's loader has left the page, which
// web/loader.js keeps until the live page has replaced the prerendered
// one (at once where there is none), and then the browser is idle, or
// two seconds have passed.
function authlabAfterMount() {
  const idle = () =>
    new Promise((resolve) =>
      self.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 2000 }) : setTimeout(resolve, 0)
    );
  if (!document.getElementById("app-wasm-loader")) {
    return idle();
  }
  return new Promise((resolve) => {
    new MutationObserver((_, observer) => {
      if (!document.getElementById("app-wasm-loader")) {
        observer.disconnect();
        resolve();
      }
    }).observe(document.body, { childList: true, subtree: true });
  }).then(idle);
}
