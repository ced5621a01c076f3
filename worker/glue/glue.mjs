// The JavaScript half of the worker's glue, whose Go half is glue.go:
// binding.call, with which Go asks for asynchronous work such as a D1
// query or a WebCrypto operation, and the operations behind it. It holds
// no request: worker.mjs, the worker's entry point, starts the Go instance,
// hands it to attach and passes requests in; under Node, worker/glue/gluetest
// attaches the instance of a Go test, so that the packages that call the
// glue are tested through this very code.

// runtime is the object Go reads as globalThis.context: the worker's env
// and ctx, and binding, where the glue and Go put the functions they offer
// each other (see glue.go for how env and ctx are handed over).
export const runtime = { env: undefined, ctx: undefined, binding: { call } };

// go is the running Go instance; exports are its WebAssembly exports,
// among them its linear memory, where the inbox lives.
let go;
let exports;

// attach makes goInstance, a Go from wasm_exec.js that runs instance, the
// one that binding.call answers.
export function attach(goInstance, instance) {
  go = goInstance;
  exports = instance.exports;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// memory is len bytes of Go's memory at ptr, valid until Go runs again.
export function memory(ptr, len) {
  return new Uint8Array(exports.mem.buffer, ptr, len);
}

// inbox is Go's inbox, made at least need bytes long first.
export function inbox(need) {
  const binding = runtime.binding;
  if (need > binding.inboxLen) {
    const grow = binding.grow; // called as a plain function: no this crosses
    grow(Math.max(need, 2 * binding.inboxLen));
  }
  return memory(binding.inbox, binding.inboxLen);
}

// call is binding.call(op, id, ptr, len), with which Go asks for
// asynchronous work (see glue.go): the payload lies in Go's memory at ptr
// and is copied out at once. The work resolves to bytes or a string. The
// result goes back through Go's inbox and the export authlab_settle(id, ok,
// len); a failure as its message, with ok 0.
function call(op, id, ptr, len) {
  const payload = memory(ptr, len).slice();
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
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  const box = inbox(typeof out === "string" ? 3 * out.length : out.length);
  let n = out.length;
  if (typeof out === "string") n = encoder.encodeInto(out, box).written;
  else box.set(out);
  exports.authlab_settle(id, ok, n);
  resumeGo();
}

// resumeGo lets Go run what the last exported call woke, until every
// goroutine waits again. Go copies what it was handed out of the inbox
// meanwhile.
export function resumeGo() {
  if (!go.exited) go._resume();
}

// op numbers the operations of binding.call, by their names in glue.go.
// BEGIN op: written from glue.go by go generate ./worker/glue/...; do not edit.
const op = {
  D1Query: 1, // rows of a statement, as JSON arrays
  D1Run: 2, // run a statement; changes and last_row_id
  ImportKey: 3, // import a JWK into crypto.subtle, keep it by number
  Verify: 4, // ECDSA P-256 SHA-256 verification with a kept key
  Sign: 5, // ECDSA P-256 SHA-256 signature with a kept key
  PBKDF2: 6, // PBKDF2-HMAC-SHA256 key derivation
  D1Prepare: 7, // prepare a statement, keep it by number
  D1Batch: 8, // run statements in one round trip, as one transaction
};
// END op

// ops are the operations of binding.call, by number. Each takes the
// payload, bytes, and resolves to the result, bytes or a string.
const ops = {
  // D1 query. Payload: a statement number from D1Prepare (uint32 LE), then
  // the arguments as a JSON array. Result: the rows of
  // raw({ columnNames: true }) as JSON, column names first; BLOBs as
  // {"b64": base64}.
  [op.D1Query]: async (p) => {
    const rows = await d1Bound(p).raw({ columnNames: true });
    return JSON.stringify(rows, hasBlob(rows) ? blobsToJSON : undefined);
  },
  // D1 run. Payload as for a query. Result: [changes, last_row_id] as JSON.
  [op.D1Run]: async (p) => {
    const { meta } = await d1Bound(p).run();
    return JSON.stringify([meta.changes ?? 0, meta.last_row_id ?? 0]);
  },
  // D1 batch: statements in one round trip, as one transaction. Payload:
  // the binding's name, NUL, the statement count (uint32 LE), then per
  // statement its number from D1Prepare and the length of its arguments
  // (uint32 LE each), and the arguments as a JSON array. Result: per
  // statement, the length of its rows' JSON (uint32 LE) and the rows as
  // D1Query gives them.
  [op.D1Batch]: async (p) => {
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
  // statement's number, for D1Query, D1Run and D1Batch.
  [op.D1Prepare]: async (p) => {
    const text = decoder.decode(p);
    const nul = text.indexOf("\0");
    d1Statements.push(runtime.env[text.slice(0, nul)].prepare(text.slice(nul + 1)));
    return String(d1Statements.length - 1);
  },
  // Import a key. Payload: JSON {jwk, alg, usages, params}: alg for
  // importKey, params for sign and verify. Result: the key's number.
  [op.ImportKey]: async (p) => {
    const { jwk, alg, usages, params } = JSON.parse(decoder.decode(p));
    const key = await crypto.subtle.importKey("jwk", jwk, alg, false, usages);
    cryptoKeys.push({ key, params });
    return String(cryptoKeys.length - 1);
  },
  // Verify. Payload: key number and signature length (uint32 LE each), the
  // signature, the signed data. Result: one byte, 1 when it verifies.
  [op.Verify]: async (p) => {
    const v = new DataView(p.buffer);
    const { key, params } = cryptoKeys[v.getUint32(0, true)];
    const end = 8 + v.getUint32(4, true);
    const ok = await crypto.subtle.verify(params, key, p.subarray(8, end), p.subarray(end));
    return new Uint8Array([ok ? 1 : 0]);
  },
  // Sign. Payload: key number (uint32 LE), the data. Result: the signature.
  [op.Sign]: async (p) => {
    const { key, params } = cryptoKeys[new DataView(p.buffer).getUint32(0, true)];
    return new Uint8Array(await crypto.subtle.sign(params, key, p.subarray(4)));
  },
  // PBKDF2-HMAC-SHA256. Payload: iterations, key length in bytes and salt
  // length (uint32 LE each), the salt, the password. Result: the key.
  [op.PBKDF2]: async (p) => {
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

// d1Statements are the prepared statements of D1Prepare, by number.
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
