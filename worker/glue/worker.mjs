// Authlab worker entry point. One Go instance serves every request of its
// isolate: it is started on the first request and reused, so parsed keys,
// prepared state and the database handle live across requests. Each request
// hands its own env and ctx to the instance as it is dispatched, and crosses
// into Go through a buffer in Go's memory and a call that carries numbers
// only (see glue.go and worker/jsserve).
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
const runtime = { env: undefined, ctx: undefined, connect, binding: { respond, call } };
let starting;
// go is the running Go instance; exports are its WebAssembly exports,
// among them its linear memory, where the inbox and the responses live.
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
    workers: { ready: () => ready() },
  });
  const t1 = performance.now();
  exports = instance.exports;
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
  const out = new Uint8Array(exports.mem.buffer, ptr, headLen + bodyLen);
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
  const binding = runtime.binding;
  const bodyLen = body === null ? 0 : body.length;
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  const need = 3 * head.length + bodyLen;
  if (need > binding.inboxLen) {
    const grow = binding.grow;
    grow(Math.max(need, 2 * binding.inboxLen));
  }
  const inbox = new Uint8Array(exports.mem.buffer, binding.inbox, binding.inboxLen);
  const headLen = encoder.encodeInto(head, inbox).written;
  if (body !== null) inbox.set(body, headLen);
  const id = ++lastId;
  const [status, outHead, outBody] = await new Promise((settle) => {
    pending.set(id, settle);
    // Go reads env and ctx synchronously when the request enters it, so
    // they are this request's even when requests interleave.
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

// call is binding.call(op, id, ptr, len), with which Go asks for
// asynchronous work (see glue.go): the payload lies in Go's memory at ptr
// and is copied out at once. The work resolves to bytes or a string. The result goes back through Go's inbox and
// the export authlab_settle(id, ok, len); a failure as its message, with
// ok 0.
function call(op, id, ptr, len) {
  const payload = new Uint8Array(exports.mem.buffer, ptr, len).slice();
  let work;
  try {
    work = ops[op](payload);
  } catch (err) {
    work = Promise.reject(err);
  }
  work.then(
    (out) => settle(id, 1, out),
    (err) => settle(id, 0, String((err && err.message) || err)),
  );
}

// settle hands Go the result of call id: bytes, or a string that is
// encoded straight into the inbox.
function settle(id, ok, out) {
  const binding = runtime.binding;
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  const need = typeof out === "string" ? 3 * out.length : out.length;
  if (need > binding.inboxLen) {
    const grow = binding.grow; // called as a plain function: no this crosses
    grow(Math.max(need, 2 * binding.inboxLen));
  }
  const inbox = new Uint8Array(exports.mem.buffer, binding.inbox, binding.inboxLen);
  let n = out.length;
  if (typeof out === "string") n = encoder.encodeInto(out, inbox).written;
  else inbox.set(out);
  exports.authlab_settle(id, ok, n);
  resumeGo();
}

// resumeGo lets Go run what the last exported call woke, until every
// goroutine waits again. Go copies what it was handed out of the inbox
// meanwhile.
function resumeGo() {
  if (!go.exited) go._resume();
}

// ops are the operations of binding.call, by number, as in glue.go. Each
// takes the payload, bytes, and resolves to the result, bytes or a string.
const ops = {
  // D1 query. Payload: a statement number from op 7 (uint32 LE), then the
  // arguments as a JSON array. Result: the rows of raw({ columnNames: true })
  // as JSON, column names first; BLOBs as {"b64": base64}.
  1: async (p) => {
    const rows = await d1Bound(p).raw({ columnNames: true });
    return JSON.stringify(rows, hasBlob(rows) ? blobsToJSON : undefined);
  },
  // D1 run. Payload as for a query. Result: [changes, last_row_id] as JSON.
  2: async (p) => {
    const { meta } = await d1Bound(p).run();
    return JSON.stringify([meta.changes ?? 0, meta.last_row_id ?? 0]);
  },
  // D1 batch: statements in one round trip, as one transaction. Payload:
  // the binding's name, NUL, the statement count (uint32 LE), then per
  // statement its number from op 7 and the length of its arguments
  // (uint32 LE each), and the arguments as a JSON array. Result: per
  // statement, the length of its rows' JSON (uint32 LE) and the rows as
  // op 1 gives them.
  8: async (p) => {
    const nul = p.indexOf(0);
    const v = new DataView(p.buffer, nul + 1);
    const stmts = [];
    for (let i = 0, at = 4; i < v.getUint32(0, true); i++) {
      const end = at + 8 + v.getUint32(at + 4, true);
      stmts.push(d1Bind(d1Statements[v.getUint32(at, true)], p.subarray(nul + 1 + at + 8, nul + 1 + end)));
      at = end;
    }
    const results = await runtime.env[decoder.decode(p.subarray(0, nul))].batch(stmts);
    const texts = results.map(({ results: objects }) => {
      const cols = objects.length > 0 ? Object.keys(objects[0]) : [];
      const rows = [cols, ...objects.map((o) => cols.map((c) => o[c]))];
      return encoder.encode(JSON.stringify(objects.length > 0 ? rows : [], hasBlob(rows) ? blobsToJSON : undefined));
    });
    const out = new Uint8Array(texts.reduce((n, t) => n + 4 + t.length, 0));
    const w = new DataView(out.buffer);
    let at = 0;
    for (const t of texts) {
      w.setUint32(at, t.length, true);
      out.set(t, at + 4);
      at += 4 + t.length;
    }
    return out;
  },
  // D1 prepare. Payload: the binding's name, NUL, the SQL. Result: the
  // statement's number, for ops 1 and 2.
  7: async (p) => {
    const text = decoder.decode(p);
    const nul = text.indexOf("\0");
    d1Statements.push(runtime.env[text.slice(0, nul)].prepare(text.slice(nul + 1)));
    return String(d1Statements.length - 1);
  },
  // Import a key. Payload: JSON {jwk, alg, usages, params}: alg for
  // importKey, params for sign and verify. Result: the key's number.
  3: async (p) => {
    const { jwk, alg, usages, params } = JSON.parse(decoder.decode(p));
    const key = await crypto.subtle.importKey("jwk", jwk, alg, false, usages);
    cryptoKeys.push({ key, params });
    return String(cryptoKeys.length - 1);
  },
  // Verify. Payload: key number and signature length (uint32 LE each), the
  // signature, the signed data. Result: one byte, 1 when it verifies.
  4: async (p) => {
    const v = new DataView(p.buffer);
    const { key, params } = cryptoKeys[v.getUint32(0, true)];
    const end = 8 + v.getUint32(4, true);
    const ok = await crypto.subtle.verify(params, key, p.subarray(8, end), p.subarray(end));
    return new Uint8Array([ok ? 1 : 0]);
  },
  // Sign. Payload: key number (uint32 LE), the data. Result: the signature.
  5: async (p) => {
    const { key, params } = cryptoKeys[new DataView(p.buffer).getUint32(0, true)];
    return new Uint8Array(await crypto.subtle.sign(params, key, p.subarray(4)));
  },
  // PBKDF2-HMAC-SHA256. Payload: iterations, key length in bytes and salt
  // length (uint32 LE each), the salt, the password. Result: the key.
  6: async (p) => {
    const v = new DataView(p.buffer);
    const saltEnd = 12 + v.getUint32(8, true);
    const password = await crypto.subtle.importKey("raw", p.subarray(saltEnd), "PBKDF2", false, ["deriveBits"]);
    const params = { name: "PBKDF2", hash: "SHA-256", salt: p.subarray(12, saltEnd), iterations: v.getUint32(0, true) };
    return new Uint8Array(await crypto.subtle.deriveBits(params, password, 8 * v.getUint32(4, true)));
  },
};

// cryptoKeys are the CryptoKeys Go imported, by number, with their
// sign and verify parameters.
const cryptoKeys = [];

// d1Statements are the prepared statements of op 7, by number.
const d1Statements = [];

function d1Bound(p) {
  return d1Bind(d1Statements[new DataView(p.buffer).getUint32(0, true)], p.subarray(4));
}

// d1Bind binds a statement to arguments, a JSON array.
function d1Bind(stmt, json) {
  const args = JSON.parse(decoder.decode(json));
  return stmt.bind(...(args.some((a) => a !== null && typeof a === "object") ? args.map(blobFromJSON) : args));
}

function hasBlob(rows) {
  for (const row of rows) for (const v of row) if (v instanceof ArrayBuffer) return true;
  return false;
}

function blobsToJSON(_, v) {
  return v instanceof ArrayBuffer ? { b64: btoa(String.fromCharCode(...new Uint8Array(v))) } : v;
}

function blobFromJSON(v) {
  return v !== null && typeof v === "object" ? Uint8Array.from(atob(v.b64), (c) => c.charCodeAt(0)) : v;
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

export default {
  async fetch(req, env, ctx) {
    const path = pathOf(req.url);
    if (env.ASSETS && path.endsWith("/web/app.wasm") && (req.method === "GET" || req.method === "HEAD")) {
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
    const res = await serve(req, env, ctx);
    // With SERVER_TIMING set, the response that started the instance tells
    // how long that took (W3C Server Timing).
    if (cold && env.SERVER_TIMING && startTiming) res.headers.append("Server-Timing", startTiming);
    return res;
  },
};
