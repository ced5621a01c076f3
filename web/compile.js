// Downloads and compiles app.wasm in a dedicated Web Worker, so that the
// page's main thread neither decodes the module as it streams in nor
// finishes its compilation; the page instantiates the compiled
// WebAssembly.Module it is sent (WebAssembly JS API, structured clone of a
// Module). The worker then runs the program once (warm, below), so that
// the functions the page will call first are compiled here. go-app's
// app.js, as app/ui rewrites it, starts this worker (authlabInstantiate).
//
// The page sends {url, total, glue, env, page}: the module's URL, its
// size once decoded (0 when unknown), the URL of Go's wasm_exec.js (""
// for none), go-app's environment and the page's path, for the warm-up
// run. The worker posts {type: "progress", percent} as the bytes come
// in, then {type: "module", module} and, once the warm-up run is over,
// {type: "warmed", warmed, title}, saying how it went and the title the
// page's OnMount gave the headless document ("" if none ran); or {type:
// "error", error} instead of both. It then has nothing more to do.
self.onmessage = function (e) {
  var url = String(e.data.url);
  var total = Number(e.data.total) || 0;
  var glue = e.data.glue ? String(e.data.glue) : "";
  var env = e.data.env || {};
  var page = String(e.data.page || "/");
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
      return warm(module, glue, env, page).then(function (warmed) {
        var title = self.document ? String(self.document.title || "") : "";
        postMessage({ type: "warmed", warmed: warmed, title: title });
      });
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

// warmLimit is how long, in milliseconds, the warm-up run may take before
// the page is told to go on all the same. The page does not wait for that
// alone: it stops the worker a little later in any case (authlabWarmWait,
// app/ui's appjs_compile.js), for a run that never lets this timer fire.
var warmLimit = 3000;

// warm runs the program once here, in a headless document (below): it
// starts the Go runtime, runs the package initialisers, registers the
// pages, waits for authlabPainted as the page does, starts go-app as the
// page does, which navigates to the page the visitor opened, mounts it,
// runs its components' OnNav and OnMount and draws what they changed,
// and ends (app/ui's Start and warm). V8 compiles a WebAssembly
// function on its first call, and that code belongs to the compiled
// module, which the page's instance shares: the page then starts Go and
// mounts its page with fewer functions to compile on its main thread.
// The promise settles with "mounted " and the page's route, or with why
// the run did not end so; it never rejects. It settles after warmLimit
// at the latest whenever the program gives the worker's event loop a
// turn by then, as Go does whenever it waits (the run never computes
// for long without waiting).
function warm(module, glue, env, page) {
  if (!glue) {
    return Promise.resolve("no wasm_exec.js to run it with");
  }
  return new Promise(function (resolve) {
    setTimeout(function () {
      resolve("still running after " + warmLimit + " ms");
    }, warmLimit);
    var code = -1;
    var go;
    try {
      importScripts(glue);
      go = new Go();
    } catch (err) {
      resolve("wasm_exec.js could not be loaded: " + err);
      return;
    }
    go.env = Object.assign({}, env, { AUTHLAB_WARM_PAGE: page });
    go.exit = function (c) {
      code = c;
    };
    var origin = self.location.origin;
    self.document = headlessDocument();
    var placeholder = self.document.body.firstChild;
    // go-app's start reads the address bar, keeps its history, and looks
    // through localStorage for expired states; the callback page reads
    // sessionStorage. The run gets its own, as the page's tab would have
    // them, empty, and gone with the worker.
    Object.defineProperty(self, "location", { value: pageLocation(new URL(page, origin)), configurable: true });
    self.history = { state: null, length: 1, pushState: function () {}, replaceState: function () {} };
    self.localStorage = memoryStorage();
    self.sessionStorage = memoryStorage();
    // The theme toggle asks which color scheme the system prefers.
    self.matchMedia = function () {
      return { matches: false };
    };
    // As on the page (web/loader.js), the program waits for the page to be
    // painted before it mounts: here there is nothing to paint, and the
    // wait ends in the next task.
    self.authlabPainted = function () {
      return new Promise(function (resolve) {
        setTimeout(resolve, 0);
      });
    };
    WebAssembly.instantiate(module, go.importObject)
      .then(function (instance) {
        return go.run(instance);
      })
      .then(function () {
        if (code !== 0) {
          resolve("ended with exit code " + code);
        } else if (self.document.body.firstChild === placeholder) {
          resolve("ended without mounting a page");
        } else {
          resolve(String(self.authlabWarmed || "ended without saying which page it mounted"));
        }
      })
      .catch(function (err) {
        resolve("failed: " + err);
      });
  });
}

// pageLocation is the address bar of the page at url, as go-app reads it.
function pageLocation(url) {
  var loc = {};
  ["href", "origin", "protocol", "host", "hostname", "port", "pathname", "search", "hash"].forEach(function (k) {
    loc[k] = url[k];
  });
  loc.toString = function () {
    return url.href;
  };
  return loc;
}

// memoryStorage is an empty Storage (HTML, Web storage) held in memory.
function memoryStorage() {
  var items = new Map();
  return {
    get length() {
      return items.size;
    },
    key: function (i) {
      var k = Array.from(items.keys())[i];
      return k === undefined ? null : k;
    },
    getItem: function (k) {
      return items.has(String(k)) ? items.get(String(k)) : null;
    },
    setItem: function (k, v) {
      items.set(String(k), String(v));
    },
    removeItem: function (k) {
      items.delete(String(k));
    },
    clear: function () {
      items.clear();
    },
  };
}

// headlessDocument is the part of the DOM go-app's mount and the pages'
// OnMount use (go-app's js_wasm.go; document.title and the meta tags
// ctx.Page().SetTitle writes; the theme's data-theme): elements and text
// nodes that keep their attributes, properties and children, and take
// event listeners without ever firing them. It finds no element by id or
// selector, as a page's code that looks one up during the mount sees
// before the mount is on screen.
// Nothing is drawn, and nothing leaves the worker.
function headlessDocument() {
  function Node(name) {
    this.nodeName = name;
    this.childNodes = [];
    this.attributes = {};
    this.style = {};
    this.dataset = {};
  }
  Node.prototype = {
    get firstChild() {
      return this.childNodes[0] || null;
    },
    get firstElementChild() {
      return this.childNodes[0] || null;
    },
    set innerHTML(html) {
      var raw = new Node("#raw");
      raw.outerHTML = String(html);
      this.childNodes = [raw];
    },
    getAttribute: function (k) {
      return k in this.attributes ? this.attributes[k] : null;
    },
    setAttribute: function (k, v) {
      this.attributes[k] = String(v);
    },
    removeAttribute: function (k) {
      delete this.attributes[k];
    },
    appendChild: function (c) {
      this.childNodes.push(c);
      return c;
    },
    replaceChild: function (c, old) {
      this.childNodes[this.childNodes.indexOf(old)] = c;
      return old;
    },
    removeChild: function (c) {
      this.childNodes.splice(this.childNodes.indexOf(c), 1);
      return c;
    },
    addEventListener: function () {},
    removeEventListener: function () {},
  };
  var body = new Node("BODY");
  body.appendChild(new Node("DIV"));
  return {
    body: body,
    head: new Node("HEAD"),
    documentElement: new Node("HTML"),
    createElement: function (tag) {
      return new Node(String(tag).toUpperCase());
    },
    createElementNS: function (ns, tag) {
      return new Node(String(tag));
    },
    createTextNode: function (text) {
      var n = new Node("#text");
      n.nodeValue = String(text);
      return n;
    },
    getElementById: function () {
      return null;
    },
    querySelector: function () {
      return null;
    },
  };
}
