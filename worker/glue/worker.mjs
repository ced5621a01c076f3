// Authlab worker entry point. One Go instance serves every request of its
// isolate: it is started on the first request and reused, so parsed keys,
// prepared state and the database handle live across requests. Each request
// hands its own env and ctx to the instance as it is dispatched, and crosses
// into Go in one call (see worker/jsserve).
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
// startTiming is the Server-Timing value of the instance's start: how long
// new WebAssembly.Instance took, and the Go program until it serves.
let startTiming = "";

function start() {
  const go = new Go();
  let ready;
  const readyPromise = new Promise((resolve) => (ready = resolve));
  const t0 = performance.now();
  const instance = new WebAssembly.Instance(mod, {
    ...go.importObject,
    workers: { ready: () => ready() },
  });
  const t1 = performance.now();
  const exited = go.run(instance, runtime);
  const ms = (d) => d.toFixed(2);
  readyPromise.then(() => (startTiming = `wasm-instantiate;dur=${ms(t1 - t0)}, go-start;dur=${ms(performance.now() - t1)}`));
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

// Bodies larger than this are refused before they reach Go.
const maxBody = 1 << 20;

function tooLarge() {
  return new Response(
    JSON.stringify({ error: "request_too_large", error_description: "request body too large: at most 1 MiB" }),
    { status: 413, headers: { "content-type": "application/json" } },
  );
}

// serve hands one request to Go: the headers as one string and the body as
// one byte array, so the request crosses into Go in a single call.
async function serve(req, env, ctx) {
  let body = null;
  if (req.body !== null) {
    if (Number(req.headers.get("content-length") || 0) > maxBody) return tooLarge();
    const buf = await req.arrayBuffer();
    if (buf.byteLength > maxBody) return tooLarge();
    body = new Uint8Array(buf);
  }
  let head = "";
  for (const [name, value] of req.headers) head += name + ": " + value + "\n";
  const [status, outHead, outBody] = await new Promise((resolve) => {
    // Go reads env and ctx synchronously when the request enters it, so
    // they are this request's even when requests interleave.
    runtime.env = env;
    runtime.ctx = ctx;
    runtime.binding.serve(req.method, req.url, head, body, resolve);
  });
  const headers = new Headers();
  for (const line of outHead.split("\n")) {
    const i = line.indexOf(": ");
    if (i > 0) headers.append(line.slice(0, i), line.slice(i + 2));
  }
  const empty = status === 204 || status === 304 || req.method === "HEAD";
  return new Response(empty ? null : outBody, { status, headers });
}

// precompressed serves app.wasm from its brotli or gzip twin, written at
// build time at the highest level, with Content-Encoding set and the body
// passed through untouched. It returns undefined when there is no twin.
async function precompressed(req, env, path) {
  const accept = req.headers.get("accept-encoding") || "";
  for (const [enc, ext] of [["br", ".br"], ["gzip", ".gz"]]) {
    if (!accept.includes(enc)) continue;
    const twin = await env.ASSETS.fetch(new URL(path + ext, req.url), { headers: { "if-none-match": req.headers.get("if-none-match") || "" } });
    if (twin.status === 304) return new Response(null, { status: 304, headers: twin.headers });
    if (!twin.ok) continue;
    const headers = new Headers(twin.headers);
    headers.set("content-type", "application/wasm");
    headers.set("content-encoding", enc);
    headers.set("vary", "accept-encoding");
    headers.set("cache-control", "public, max-age=0, must-revalidate");
    return new Response(twin.body, { status: 200, headers, encodeBody: "manual" });
  }
  return undefined;
}

export default {
  async fetch(req, env, ctx) {
    const path = new URL(req.url).pathname;
    if (env.ASSETS && path.endsWith("/web/app.wasm") && (req.method === "GET" || req.method === "HEAD")) {
      const res = await precompressed(req, env, path);
      return res || env.ASSETS.fetch(req);
    }
    if (env.ASSETS && shared.has(path) && wantsPage(req)) {
      return env.ASSETS.fetch(req);
    }
    runtime.env = env;
    runtime.ctx = ctx;
    const cold = starting === undefined;
    try {
      if (cold) starting = start();
      await starting;
    } catch (err) {
      return fail(err);
    }
    const res = await serve(req, env, ctx);
    // With SERVER_TIMING set, the response that started the instance tells
    // how long that took (W3C Server Timing).
    if (cold && env.SERVER_TIMING && startTiming) res.headers.append("Server-Timing", startTiming);
    return res;
  },
};
