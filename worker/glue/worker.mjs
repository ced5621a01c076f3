// Authlab worker entry point. One Go instance serves every request of its
// isolate: it is started on the first request and reused, so parsed keys,
// prepared state and the database handle live across requests. Each request
// hands its own env and ctx to the instance as it is dispatched (glue.go
// says why that stays correct when requests interleave), and crosses into
// Go through a buffer in Go's memory and a call that carries numbers only
// (see worker/jsserve).
import "./wasm_exec.js";
import { connect } from "cloudflare:sockets";
import mod from "./app.wasm";
import { attach, inbox, memory, resumeGo, runtime } from "./glue.mjs";
import { encodings } from "./encoding.mjs";

globalThis.tryCatch = (fn) => {
  try {
    return { result: fn() };
  } catch (e) {
    return { error: e };
  }
};

// runtime, from glue.mjs, is the object Go reads as globalThis.context
// (see wasm_exec.js); respond is how Go answers a request.
runtime.connect = connect;
runtime.binding.respond = respond;
let starting;
// go is the running Go instance; exports are its WebAssembly exports.
let go;
let exports;
// startTiming is the Server-Timing value of the instance's start: how long
// new WebAssembly.Instance took, and the Go program until it serves.
let startTiming = "";

function start() {
  go = new Go();
  let ready;
  const readyPromise = new Promise((resolve) => (ready = resolve));
  const t0 = performance.now();
  const instance = new WebAssembly.Instance(mod, {
    ...go.importObject,
    authlab: { ready: () => ready() },
  });
  const t1 = performance.now();
  exports = instance.exports;
  attach(go, instance);
  const exited = go.run(instance, runtime);
  const ms = (d) => d.toFixed(2);
  readyPromise.then(() => (startTiming = `wasm-instantiate;dur=${ms(t1 - t0)}, go-start;dur=${ms(performance.now() - t1)}`));
  // If the Go program ever exits, the next request starts a new instance.
  const started = Promise.race([readyPromise, exited.then(() => Promise.reject(new Error("Go instance exited during start-up")))]);
  exited.finally(() => {
    if (starting === started) {
      starting = undefined;
      for (const settle of pending.values()) settle([500, "content-type: application/json\n", exitedBody]);
      pending.clear();
    }
  });
  return started;
}

const exitedBody = new TextEncoder().encode(JSON.stringify({ error: "server_error", error_description: "the Go instance exited" }));

function fail(err) {
  starting = undefined;
  return new Response(
    JSON.stringify({ error: "server_error", error_description: "worker start-up failed: " + err }),
    { status: 500, headers: { "content-type": "application/json" } },
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

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// pending maps a request id to the function that settles its response.
const pending = new Map();
let lastId = 0;

// respond is what Go calls, once per request (see worker/jsserve): the
// response head and body lie in Go's memory at ptr, and are copied out
// before Go goes on.
function respond(id, status, ptr, headLen, bodyLen) {
  const settle = pending.get(id);
  if (settle === undefined) return;
  pending.delete(id);
  const out = memory(ptr, headLen + bodyLen);
  settle([status, decoder.decode(out.subarray(0, headLen)), bodyLen > 0 ? out.slice(headLen) : null]);
}

// serve hands one request to Go: it writes the head ("METHOD URL" and the
// header lines) and the body into Go's inbox and calls the export
// authlab_serve with their lengths, so the request crosses into Go in a
// call that carries numbers only.
async function serve(req, env, ctx) {
  let body = null;
  if (req.body !== null) {
    if (Number(req.headers.get("content-length") || 0) > maxBody) return tooLarge();
    const buf = await req.arrayBuffer();
    if (buf.byteLength > maxBody) return tooLarge();
    body = new Uint8Array(buf);
  }
  let head = req.method + " " + req.url + "\n";
  req.headers.forEach((value, name) => (head += name + ": " + value + "\n"));
  const bodyLen = body === null ? 0 : body.length;
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  const box = inbox(3 * head.length + bodyLen);
  const headLen = encoder.encodeInto(head, box).written;
  if (body !== null) box.set(body, headLen);
  const id = ++lastId;
  const [status, outHead, outBody] = await new Promise((settle) => {
    pending.set(id, settle);
    // env and ctx are this request's until its goroutine in Go first
    // waits; see glue.go for why later readers may take another's.
    runtime.env = env;
    runtime.ctx = ctx;
    exports.authlab_serve(id, headLen, bodyLen);
    resumeGo();
  });
  // The runtime reads a record of headers faster than a list of pairs; a
  // name that repeats, such as Set-Cookie, needs the pairs.
  let headers = Object.create(null);
  let pairs = null;
  for (const line of outHead.split("\n")) {
    const i = line.indexOf(": ");
    if (i <= 0) continue;
    const name = line.slice(0, i);
    const value = line.slice(i + 2);
    if (pairs !== null) pairs.push([name, value]);
    else if (name in headers) (pairs = Object.entries(headers)).push([name, value]);
    else headers[name] = value;
  }
  if (pairs !== null) headers = pairs;
  const empty = status === 204 || status === 304 || req.method === "HEAD";
  return new Response(empty ? null : outBody, { status, headers });
}

// precompressed serves the site's modules (siteModule) from
// their brotli or gzip twins, written at build time at the highest level,
// with Content-Encoding set and the body passed through untouched. It
// returns undefined when there is no twin.
async function precompressed(req, env, path) {
  for (const [enc, ext] of encodings(req.headers.get("accept-encoding"))) {
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

// pathOf is new URL(url).pathname for the runtime's request URLs, which
// are serialized already, without parsing the URL again.
function pathOf(url) {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  let end = url.length;
  for (const c of "?#") {
    const i = url.indexOf(c, start);
    if (i >= 0 && i < end) end = i;
  }
  return url.slice(start, end);
}

// siteModule reports whether path is one of the site's modules, app.wasm,
// quickcheck.wasm and crack.wasm, under any base path.
function siteModule(path) {
  return path.endsWith(".wasm") && (path.endsWith("/web/app.wasm") || path.endsWith("/web/quickcheck.wasm") || path.endsWith("/web/crack.wasm"));
}

export default {
  async fetch(req, env, ctx) {
    const path = pathOf(req.url);
    if (env.ASSETS && siteModule(path) && (req.method === "GET" || req.method === "HEAD")) {
      const res = await precompressed(req, env, path);
      return res || env.ASSETS.fetch(req);
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
    let res = await serve(req, env, ctx);
    // A browser that navigated to a path nobody serves gets the site's
    // 404 page; the Go server says when (authserver.NotFoundPageHeader).
    if (res.status === 404 && env.ASSETS && res.headers.has("authlab-not-found-page")) {
      const page = await env.ASSETS.fetch(new URL("/404.html", req.url));
      if (page.ok) res = new Response(page.body, { status: 404, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
    }
    // With SERVER_TIMING set, the response that started the instance tells
    // how long that took (W3C Server Timing).
    if (cold && env.SERVER_TIMING && startTiming) res.headers.append("Server-Timing", startTiming);
    return res;
  },
};
