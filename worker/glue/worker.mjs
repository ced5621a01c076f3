// Authlab worker entry point. One Go instance serves every request of its
// isolate: it is started on the first request and reused, so parsed keys,
// prepared state and the database handle live across requests. Each request
// hands its own env and ctx to the instance before it is dispatched.
import "./wasm_exec.js";
import { connect } from "cloudflare:sockets";
import mod from "./app.wasm";

globalThis.tryCatch = (fn) => {
  try {
    return { result: fn() };
  } catch (e) {
    return { error: e };
  }
};

// runtime is the object Go reads as globalThis.context (see wasm_exec.js).
const runtime = { env: undefined, ctx: undefined, connect, binding: {} };
let starting;

function start() {
  const go = new Go();
  let ready;
  const readyPromise = new Promise((resolve) => (ready = resolve));
  const instance = new WebAssembly.Instance(mod, {
    ...go.importObject,
    workers: { ready: () => ready() },
  });
  const exited = go.run(instance, runtime);
  // If the Go program ever exits, the next request starts a new instance.
  const started = Promise.race([readyPromise, exited.then(() => Promise.reject(new Error("Go instance exited during start-up")))]);
  exited.finally(() => {
    if (starting === started) starting = undefined;
  });
  return started;
}

function fail(err) {
  starting = undefined;
  return new Response(
    JSON.stringify({ error: "server_error", error_description: "worker start-up failed: " + err }),
    { status: 500, headers: { "content-type": "application/json" } },
  );
}

// Paths that are both a page and an API endpoint: a browser navigation
// without credentials gets the page, everything else the API.
const shared = new Set(["/bearer"]);

function wantsPage(req) {
  return (
    req.method === "GET" &&
    !req.headers.has("authorization") &&
    (req.headers.get("accept") || "").includes("text/html")
  );
}

export default {
  async fetch(req, env, ctx) {
    if (env.ASSETS && shared.has(new URL(req.url).pathname) && wantsPage(req)) {
      return env.ASSETS.fetch(req);
    }
    runtime.env = env;
    runtime.ctx = ctx;
    try {
      if (starting === undefined) starting = start();
      await starting;
    } catch (err) {
      return fail(err);
    }
    // Go reads env and ctx synchronously when the request enters it.
    runtime.env = env;
    runtime.ctx = ctx;
    return runtime.binding.handleRequest(req);
  },
};
