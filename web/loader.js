// Authlab's only script besides go-app's. Before the page is painted it
// applies the theme the visitor picked; while app.wasm loads it turns
// go-app's loading label into a progress bar, tells app.wasm when the
// prerendered page is on screen (see painted below), and makes the
// prerendered JWT workbench decode a pasted token (see preview below). It
// reads nothing but its own localStorage entry, and sends and stores
// nothing.
(function () {
  if (typeof document === "undefined") {
    // Under Node, as in app/jot's tests: the decoder alone.
    module.exports = inspectToken;
    return;
  }
  try {
    var theme = localStorage.getItem("authlab-theme");
    if (theme === "light" || theme === "dark") {
      document.documentElement.dataset.theme = theme;
    }
  } catch (e) {}

  function watch() {
    var loader = document.getElementById("app-wasm-loader");
    var label = document.getElementById("app-wasm-loader-label");
    if (!loader || !label) return;
    // The loader is an <aside>, a complementary landmark, which cannot be
    // a progress bar itself (ARIA in HTML): its label is the progress bar,
    // and the bar drawn along the top is the aside's.
    label.setAttribute("role", "progressbar");
    label.setAttribute("aria-label", "Loading the tools");
    label.setAttribute("aria-valuemin", "0");
    label.setAttribute("aria-valuemax", "100");
    var update = function () {
      var m = /(\d+)%/.exec(label.textContent || "");
      if (!m) return;
      loader.style.setProperty("--progress", Math.max(3, Math.min(100, +m[1])) + "%");
      label.setAttribute("aria-valuenow", m[1]);
    };
    new MutationObserver(update).observe(label, { childList: true, characterData: true, subtree: true });
    update();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
    document.addEventListener("DOMContentLoaded", hold);
    document.addEventListener("DOMContentLoaded", keepLoader);
  } else {
    watch();
    hold();
    keepLoader();
  }
  var reported = firstPaint();
  var shown = painted(reported);
  var loaderScript = document.currentScript || document.querySelector('script[src$="/web/loader.js"]');
  var early = preview(loaderScript ? loaderScript.src : "");
  // authlabFirstPaint is what go-app's app.js waits for before it starts
  // downloading app.wasm (app/ui rewrites its start so): the first
  // contentful paint, reported, so that the page's own files have the
  // link first and the prerendered page is painted before the download;
  // and then, on the JWT workbench, the early checker's module, started
  // then if no keystroke started it before, so that it does not share the
  // link with app.wasm's (see preview below).
  window.authlabFirstPaint = function () {
    return reported.then(early.start);
  };
  // authlabPainted is what app.wasm waits for before mounting the live
  // page: the prerendered page on screen (painted, below), then a task of
  // its own, so that the mount never runs in the task that started
  // app.wasm, even when the page was painted long before.
  window.authlabPainted = function () {
    return shown.then(function () {
      return new Promise(function (resolve) {
        setTimeout(resolve, 0);
      });
    });
  };

})();

// firstPaint returns a promise that settles once the browser has
// reported the prerendered page's first contentful paint (Paint Timing,
// W3C). The wait never blocks for long: a hidden page paints nothing and
// does not wait, a browser without Paint Timing does not wait, and every
// wait ends after two seconds.
function firstPaint() {
  return new Promise(function (resolve) {
    setTimeout(resolve, 2000);
    if (document.visibilityState === "hidden") {
      resolve();
      return;
    }
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") resolve();
    });
    try {
      new PerformanceObserver(function (list, obs) {
        if (list.getEntriesByName("first-contentful-paint").length === 0) return;
        obs.disconnect();
        resolve();
      }).observe({ type: "paint", buffered: true });
    } catch (e) {
      resolve();
    }
  });
}

// painted returns a promise that settles once the prerendered page is on
// screen: its first contentful paint was reported (reported, from
// firstPaint) and two animation frames have begun since, so that the
// frame holding the whole parsed page has been presented too. app.wasm
// waits for it (authlabPainted, above) before go-app replaces the
// prerendered page with the live one (app/ui's Start). A page replaced
// while the browser was still presenting it would lose that paint: the
// live page's copy of the same text would be painted again, later, and be
// the page's largest contentful paint. A hidden page does not wait for
// frames, which it does not draw.
function painted(reported) {
  return reported.then(function () {
    if (document.visibilityState === "hidden") return;
    return new Promise(function (resolve) {
      setTimeout(resolve, 2000);
      requestAnimationFrame(function () {
        requestAnimationFrame(resolve);
      });
    });
  });
}

// keepLoader keeps go-app's loader, its progress bar, on the page until
// the live page has replaced the prerendered one. go-app removes the
// loader as soon as app.wasm first waits, and app.wasm waits for the
// prerendered page to be shown (painted, above) before go-app mounts the
// live page: without this, the prerendered page's controls would stay
// disabled for a moment with nothing saying why.
function keepLoader() {
  var loader = document.getElementById("app-wasm-loader");
  var page = document.body && document.body.firstElementChild;
  if (!loader || !page || !page.classList.contains("shell")) return;
  new MutationObserver(function (records, obs) {
    if (!page.isConnected) {
      obs.disconnect();
      loader.remove();
      return;
    }
    records.forEach(function (r) {
      for (var i = 0; i < r.removedNodes.length; i++) {
        if (r.removedNodes[i] !== loader || loader.isConnected) continue;
        var next = r.nextSibling && r.nextSibling.parentNode === document.body ? r.nextSibling : null;
        document.body.insertBefore(loader, next);
      }
    });
  }).observe(document.body, { childList: true });
}

// hold disables every control of the prerendered page until go-app
// replaces it with the live page, whose controls work: a button that looks
// ready but does nothing for seconds is worse than one that says it is
// waiting. Each names the wait, the loader's progress bar, as its
// description. The JWT workbench's token and key stay editable: the
// preview below decodes the token, and both are handed over.
function hold() {
  var page = document.body && document.body.firstElementChild;
  if (!page || !page.classList.contains("shell")) return;
  var workbench = page.querySelector("#token.token-input") !== null;
  var loader = document.getElementById("app-wasm-loader-label");
  page.querySelectorAll("button, select, input, textarea").forEach(function (el) {
    if (el.disabled || (workbench && (el.id === "token" || el.id === "key"))) return;
    el.disabled = true;
    el.title = "Available once the tools have loaded";
    if (loader) el.setAttribute("aria-describedby", "app-wasm-loader-label");
  });
}

// preview makes the prerendered JWT workbench usable before app.wasm has
// started: a token pasted into it has its header and payload decoded by
// inspectToken (below) and shown where the workbench shows them. Once the
// page is painted (or at the first keystroke, if that comes first), it
// starts the early checker (web/quickcheck.js, beside this script), a Web
// Worker with a module of app/jot's check alone (1.3 MB with brotli,
// app.wasm 2.3), which verifies the token with the key as the live page
// does and fills the workbench's verdict: a person who pastes a token
// soon after the page shows has it verified long before the live page
// is there. Nothing is fetched but that module, and nothing is stored.
// When go-app replaces the prerendered page with the live one, whatever
// was typed into the prerendered fields is handed over to the live
// fields, as if typed there, and the checker is stopped. From then on
// this code does nothing.
//
// It returns {start}: start() starts the checker on the JWT workbench if
// it has not started, and settles at once elsewhere, else once its module
// has arrived (or failed, or after quickWait ms), so that app.wasm's
// download can wait for it.
function preview(script) {
  var shell = null; // the prerendered page, while it is shown
  var edited = {}; // id → true for the prerendered fields typed into
  var focused = null; // the prerendered field that had focus, and its selection
  var box = null; // the preview's element
  var note = null; // the preview's note, which says what has been checked
  var quick = null; // the early checker (startQuick)
  var verdictShown = null; // the prerendered verdict as it was rendered
  // quickWait is the longest app.wasm's download waits for the early
  // checker's module, which a slow link or a failing worker may hold up.
  var quickWait = 4000;
  var looked = false; // whether the prerendered page was looked for
  // download is the early checker's module's response, asked for as soon
  // as the parser has added the workbench, before the page is painted; it
  // is read (compiled, by startQuick) only once the page has been painted
  // or typed into, and until then the browser holds back what its buffers
  // cannot take, so the request does not finish before the first paint.
  // It stays null where the page cannot compile a module as it streams:
  // the checker's worker then fetches the module itself.
  var download = null;

  // find looks for the prerendered workbench once, before app.wasm can
  // have started: go-app starts it from a deferred script, after the
  // document has been parsed.
  function find() {
    if (looked || !document.body) return;
    var first = document.body.firstElementChild;
    if (!first || !first.querySelector("#token.token-input")) {
      looked = document.readyState !== "loading"; // else it may not be parsed yet
      return;
    }
    looked = true;
    shell = first;
    if (typeof WebAssembly === "object" && WebAssembly.compileStreaming) {
      download = fetch(new URL("quickcheck.wasm", script));
      download.catch(function () {}); // startQuick reports a failure
    }
    new MutationObserver(function (_, obs) {
      if (shell.isConnected) return;
      obs.disconnect();
      handOver();
    }).observe(document.body, { childList: true });
  }
  if (document.readyState === "loading") {
    // The parser adds the workbench long before DOMContentLoaded, which
    // waits for the deferred scripts: looking as it adds nodes starts the
    // download sooner.
    var parsing = new MutationObserver(function () {
      find();
      if (looked) parsing.disconnect();
    });
    parsing.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", function () {
      parsing.disconnect();
      find();
    });
  } else {
    find();
  }

  function prerendered(el) {
    find();
    return shell !== null && shell.contains(el);
  }

  document.addEventListener("input", function (e) {
    var el = e.target;
    if (!el || !el.id || !prerendered(el)) return;
    edited[el.id] = true;
    remember(el);
    if (el.id === "token") show(el.value);
    if (el.id === "token" || el.id === "key") check();
  }, true);
  document.addEventListener("focusin", function (e) {
    if (e.target && e.target.id && prerendered(e.target)) remember(e.target);
  }, true);
  // A field that loses focus because go-app removes it keeps it: the
  // live field of the same id gets it back.
  document.addEventListener("focusout", function (e) {
    if (!e.target || !prerendered(e.target)) return;
    setTimeout(function () {
      if (shell && shell.isConnected) focused = null;
    }, 0);
  }, true);

  function remember(el) {
    focused = { id: el.id, start: el.selectionStart, end: el.selectionEnd };
  }

  // handOver copies the typed values into the live page's fields of the
  // same ids, and gives focus back to the field that had it.
  function handOver() {
    var old = shell;
    Object.keys(edited).forEach(function (id) {
      var was = old.querySelector("#" + CSS.escape(id));
      var now = document.getElementById(id);
      if (!was || !now || now.tagName !== was.tagName) return;
      if (was.type === "checkbox" || was.type === "radio") {
        if (now.checked === was.checked) return;
        now.checked = was.checked;
      } else {
        if (now.value === was.value) return;
        now.value = was.value;
      }
      now.dispatchEvent(new Event("input", { bubbles: true }));
      if (now.tagName === "SELECT" || now.type === "checkbox" || now.type === "radio") {
        now.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    var f = focused && document.getElementById(focused.id);
    if (f && (document.activeElement === null || document.activeElement === document.body)) {
      f.focus();
      try {
        if (focused.start !== null) f.setSelectionRange(focused.start, focused.end);
      } catch (e) {}
    }
    shell = null;
    edited = {};
    box = null;
    note = null;
    if (quick) quick.stop();
  }

  function show(text) {
    // The workbench's output pane: the one beside the token's.
    var input = shell.querySelector("#token");
    var bench = input && input.closest(".workbench");
    var pane = null;
    for (var i = 0; bench && i < bench.children.length && !pane; i++) {
      if (!bench.children[i].contains(input)) pane = bench.children[i];
    }
    if (!pane) return;
    if (!box) {
      box = document.createElement("div");
      box.id = "preview";
      pane.insertBefore(box, pane.firstChild);
    }
    var hint = pane.querySelector(":scope > p.hint");
    var r = inspectToken(text);
    if (hint) hint.hidden = r !== null;
    box.replaceChildren();
    if (r === null) return;
    note = el("p", "note", notes.decoded);
    note.setAttribute("role", "status");
    box.appendChild(note);
    if (r.errs.length) box.appendChild(problems(r.errs, r.large ? "This token is too large" : r.jwe ? "This is a JWE: an encrypted token" : "This token is malformed"));
    if (r.header) box.appendChild(segment("header", r.header));
    if (r.payload) box.appendChild(segment("payload", r.payload));
  }

  var notes = {
    decoded: "Decoded while the tools load. The signature is not verified yet: verification, claims and lint start as soon as they have loaded.",
    checked: "Decoded and checked while the tools load. Lint, signing and the rest start as soon as they have loaded."
  };

  // check has the early checker verify the prerendered fields' token with
  // their key, starting the checker the first time, unless it was asked
  // about these very values last. Until its answer for them arrives, the
  // verdict says the check is under way; an answer for anything else,
  // including a token since emptied, is not shown.
  function check() {
    var token = shell.querySelector("#token");
    var key = shell.querySelector("#key");
    if (!token) return;
    if (inspectToken(token.value) === null) {
      // Blank as app/jot and the live page read it (Go's TrimSpace).
      if (quick) {
        quick.token = null;
        quick.sent++;
      }
      if (rendered()) setVerdict(rendered());
      return;
    }
    if (!quick) quick = startQuick();
    var k = key ? key.value : "";
    if (quick.failed) {
      setVerdict(pending(later));
      return;
    }
    if (quick.token === token.value && quick.key === k) return; // asked already
    quick.token = token.value;
    quick.key = k;
    quick.sent++;
    setVerdict(pending("Checking the signature…"));
    quick.worker.postMessage({ id: quick.sent, token: quick.token, key: quick.key });
  }

  var later = "The signature is verified as soon as the tools have loaded.";

  // pending is a verdict that says why there is none yet.
  function pending(reason) {
    return { state: "unverified", title: (rendered() || {}).title, reason: reason, hint: "" };
  }

  // rendered is the prerendered verdict as it was rendered, read the first
  // time it is asked for once the parser has added it (a paste may come
  // while the rest of the page is still being parsed), and before anything
  // has changed it; null until then.
  function rendered() {
    var v = !verdictShown && shell && shell.querySelector("#verdict");
    if (v) verdictShown = { state: v.dataset.state, title: text(v, ".verdict-title"), reason: text(v, ".verdict-reason"), hint: text(v, "#verdict-hint") };
    return verdictShown;
  }

  // startQuick starts the checker's worker: {worker, loaded, stop,
  // failed, sent (the id of the newest request), token and key (what it
  // was last asked about, token null when nothing is pending)}.
  function startQuick() {
    var q = { sent: 0, failed: false, token: null, key: null };
    var arrived;
    q.loaded = new Promise(function (resolve) {
      arrived = resolve;
      setTimeout(resolve, quickWait);
    });
    // fail gives up on the checker: the page waits for the tools, and
    // says so where the fields hold a token.
    var fail = function () {
      if (q.failed) return;
      q.failed = true;
      arrived();
      if (q.worker) q.worker.terminate();
      if (shell && q.token !== null) setVerdict(pending(later));
    };
    try {
      q.worker = new Worker(new URL("quickcheck.js", script));
    } catch (e) {
      fail();
      q.stop = function () {};
      return q;
    }
    q.stop = function () {
      q.worker.terminate();
      arrived();
    };
    // The page downloads the module (download, above) rather than the
    // worker once its script has arrived and run: the request is under
    // way before the worker exists. The page compiles it as it arrives
    // and hands the compiled module to the worker (web/quickcheck.js); a
    // page that cannot lets the worker fetch the module itself.
    var give = function (module) {
      try {
        q.worker.postMessage({ type: "module", module: module });
      } catch (e) {
        q.worker.postMessage({ type: "module", module: null });
      }
    };
    if (download) {
      WebAssembly.compileStreaming(download).then(give, fail);
    } else {
      give(null);
    }
    q.worker.onerror = function (e) {
      e.preventDefault();
      fail();
    };
    q.worker.onmessage = function (e) {
      var m = e.data || {};
      if (m.type === "loaded") arrived();
      if (m.type === "failed") fail();
      if (m.type !== "verdict" || q.failed || m.id !== q.sent || !shell) return;
      if (m.verdict === null) {
        setVerdict(pending("This is a JWE: it can be decrypted once the tools have loaded."));
        return;
      }
      if (!m.verdict || !m.verdict.state) {
        fail();
        return;
      }
      setVerdict(m.verdict);
      if (note) note.textContent = notes.checked;
    };
    return q;
  }

  // setVerdict fills the prerendered verdict (#verdict, as app/ui/jwtbench
  // renders it) with v: {state, title, reason, hint}.
  function setVerdict(v) {
    var box = shell && shell.querySelector("#verdict");
    if (!box) return;
    rendered(); // kept before the first change
    box.className = "verdict " + v.state;
    box.dataset.state = v.state;
    var title = box.querySelector(".verdict-title");
    var reason = box.querySelector(".verdict-reason");
    if (title) title.textContent = v.title;
    if (reason) reason.textContent = v.reason;
    var hint = box.querySelector("#verdict-hint");
    if (hint && !v.hint) hint.remove();
    if (v.hint) {
      if (!hint) {
        hint = el("p", "verdict-hint", "");
        hint.id = "verdict-hint";
        (reason || box).after(hint);
      }
      hint.textContent = v.hint;
    }
    if (note && v.state === "unverified") note.textContent = notes.decoded;
  }

  function text(root, sel) {
    var e = root.querySelector(sel);
    return e ? e.textContent : "";
  }

  function segment(name, r) {
    var div = el("div", "segment", "");
    var title = name === "header" ? "Header" : "Payload";
    div.appendChild(el("h2", "seg-title seg-" + name, title));
    var pre = el("pre", "json seg-" + name, "");
    pre.id = name;
    if (r.err) pre.classList.add("empty");
    pre.textContent = r.text === undefined ? "(could not be decoded)" : r.text;
    div.appendChild(pre);
    return div;
  }

  function problems(list, title) {
    var div = el("div", "problems", "");
    div.setAttribute("role", "alert");
    div.appendChild(el("strong", "", title));
    var ul = el("ul", "", "");
    list.forEach(function (p) {
      ul.appendChild(el("li", "", p));
    });
    div.appendChild(ul);
    return div;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  return {
    start: function () {
      find();
      if (shell && !quick) quick = startQuick();
      return quick ? quick.loaded : undefined;
    }
  };
}

// inspectToken decodes a pasted token for the preview as app/jot's Inspect
// does, to the same text, and refuses what Inspect refuses: the header and
// payload are decoded as RFC 7515 §7.1 says (base64url without padding,
// RFC 4648 §5, decoded strictly; a UTF-8 JSON object, RFC 8259, with no
// member name twice, RFC 7515 §5.2, nested at most 64 deep) and
// pretty-printed as json.Indent does; the signature is checked to be
// base64url. It returns null when the field is blank, else the problems
// found and each JSON segment as {text} or {err, text}, the text shown in
// its place. It touches no DOM, so that app/jot's tests run it under Node
// against Inspect.
function inspectToken(input) {
  var MAX = 64 << 10; // app/jot's MaxTokenSize, in UTF-8 bytes
  var PEEK = 8 << 10; // the longest header read from a token over MAX
  // Go's unicode.IsSpace, which strings.TrimSpace strips: unlike
  // JavaScript's trim, U+0085 and not U+FEFF.
  var ws = "[\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";
  var space = new RegExp("^" + ws + "|" + ws + "$", "g");
  var trim = function (s) { return s.replace(space, ""); };
  if (trim(input) === "") return null;
  var token = clean(input);
  var errs = [];
  var r = { errs: errs, jwe: false, large: false, header: { err: "empty" }, payload: { err: "empty" } };
  if (token === "") {
    errs.push("the token is empty");
    return r;
  }
  if (new TextEncoder().encode(token).length > MAX) {
    r.large = true;
    errs.push("the token is over 64 KiB");
    var dot = token.indexOf(".");
    if (dot > 0 && dot <= PEEK) r.header = decode(token.slice(0, dot), true);
    return r;
  }
  var parts = token.split(".");
  if (parts.length !== 3 && parts.length !== 5) errs.push("a JWS has 3 segments separated by dots: found " + parts.length);
  r.jwe = parts.length === 5;
  if (r.jwe) errs.push("5 segments: a JWE (RFC 7516) is encrypted, and only its protected header can be read");
  r.header = part("header", parts[0], true);
  if (r.jwe) {
    r.payload = null;
    return r;
  }
  r.payload = part("payload", parts.length > 1 ? parts[1] : "", true);
  if (parts.length > 2) part("signature", parts[2], false);
  return r;

  function part(name, s, json) {
    var d = decode(s, json);
    if (d.err) errs.push(name + ": " + d.err);
    return d;
  }

  function decode(s, json) {
    if (s === "" && json) return { err: "the segment is empty" };
    var bad = /[^A-Za-z0-9_-]/.exec(s);
    if (bad) return { err: "character " + JSON.stringify(bad[0]) + " at " + bad.index + " is outside the base64url alphabet" };
    if (s.length % 4 === 1) return { err: "length " + s.length + " cannot be base64url" };
    var bin = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "==".slice(0, (4 - s.length % 4) % 4));
    var last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(s[s.length - 1]);
    if ((s.length % 4 === 2 && last & 15) || (s.length % 4 === 3 && last & 3)) return { err: "trailing bits are not zero" };
    if (!json) return {};
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var text;
    try {
      // A byte order mark is kept, for JSON.parse to refuse as Go does.
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch (e) {
      return { err: "not valid UTF-8" };
    }
    var v;
    try {
      v = JSON.parse(text);
    } catch (e) {
      return { err: "not JSON: " + e.message, text: text };
    }
    if (v === null || typeof v !== "object" || Array.isArray(v)) return { err: "not a JSON object", text: text };
    var out = indent(text);
    return typeof out === "string" ? { text: out } : { err: out.err, text: text };
  }

  // indent re-indents valid JSON by two spaces, keeping every token as
  // written (numbers and escapes included) and the whitespace after the
  // value, as Go's json.Indent does. It returns {err} for a member name
  // that appears twice in one object, compared once unescaped as Go does
  // (a lone surrogate is U+FFFD), or for nesting deeper than 64.
  function indent(s) {
    var out = "", i = 0, c, want = false;
    var stack = []; // per open object its names, per open array null
    var nl = function () { return "\n" + "  ".repeat(stack.length); };
    while (i < s.length) {
      c = s[i];
      if (c === '"') {
        var j = i + 1;
        while (s[j] !== '"') j += s[j] === "\\" ? 2 : 1;
        var str = s.slice(i, j + 1);
        out += str;
        i = j + 1;
        if (want) {
          want = false;
          var name = str.indexOf("\\") < 0 ? str.slice(1, -1) : new TextDecoder("utf-8", { ignoreBOM: true }).decode(new TextEncoder().encode(JSON.parse(str)));
          var names = stack[stack.length - 1];
          if (names["~" + name]) return { err: "member " + JSON.stringify(name) + " appears twice" };
          names["~" + name] = true;
        }
        continue;
      }
      i++;
      if (c === " " || c === "\t" || c === "\n" || c === "\r") continue;
      if (c === "{" || c === "[") {
        if (stack.length === 64) return { err: "nested more than 64 levels deep" };
        var k = i;
        while (" \t\n\r".indexOf(s[k]) >= 0) k++;
        if (s[k] !== "}" && s[k] !== "]") {
          stack.push(c === "{" ? {} : null);
          want = c === "{";
          out += c + nl();
          continue;
        }
        out += c + s[k]; // empty
        i = k + 1;
      } else if (c === "}" || c === "]") {
        stack.pop();
        out += nl() + c;
      } else {
        if (c === ",") want = stack[stack.length - 1] !== null;
        out += c === "," ? "," + nl() : c === ":" ? ": " : c;
        continue;
      }
      // The outermost value is closed: json.Indent keeps what follows.
      if (!stack.length) return out + s.slice(i);
    }
    return out;
  }

  // clean strips what people paste around a token, as app/jot's Clean does.
  function clean(s) {
    s = trim(s);
    var i = s.indexOf(":");
    if (i > 0 && trim(s.slice(0, i)).toLowerCase() === "authorization") s = trim(s.slice(i + 1));
    s = s.replace(/^["'` \t\r\n]+|["'` \t\r\n]+$/g, "");
    if (s.length > 7 && s.slice(0, 7).toLowerCase() === "bearer ") s = trim(s.slice(7));
    return s.replace(/^["'` \t\r\n]+|["'` \t\r\n]+$/g, "");
  }
}
