// Hono reference worker for the Authlab benchmark (worker/bench). It does what
// the Go worker does on the benchmarked routes, over the same D1 schema
// (app/store/migrations) and the same SIGNING_KEYS secret:
//
//   GET  /api/health     200 once D1 answers
//   POST /api/register   {username,password} -> 201, PBKDF2-SHA256 PHC hash
//   POST /api/login      {username,password} -> 200 {access_token,...}, ES256 JWT with kid
//   GET  /api/protected  Bearer ES256 JWT (RFC 6750) -> 200 with the claims
//
// Keys are parsed and imported once per isolate, as the Go worker keeps its
// parsed keys across requests.
import { Hono } from "hono";
// hono/jwt re-exports sign and verify from here, but not decodeHeader.
import { decodeHeader, sign, verify } from "hono/utils/jwt/jwt";

const AUDIENCE = "authlab";
const ACCESS_TTL = 15 * 60; // seconds, as authserver.Config.AccessTTL
const SALT_SIZE = 16;
const KEY_SIZE = 32;
const MAX_ITERATIONS = 100000; // workerd's WebCrypto PBKDF2 limit
const REALM = "authlab";

let keysPromise;

// signingKeys imports the first key of the SIGNING_KEYS JWK Set: a P-256
// private key with a kid. The result is cached for the isolate's lifetime.
function signingKeys(env) {
  keysPromise ??= importKeys(env.SIGNING_KEYS).catch((err) => {
    keysPromise = undefined;
    throw err;
  });
  return keysPromise;
}

async function importKeys(jwks) {
  if (!jwks) throw new Error("SIGNING_KEYS is not set");
  const jwk = JSON.parse(jwks).keys?.[0];
  if (!jwk || jwk.kty !== "EC" || jwk.crv !== "P-256" || !jwk.d || !jwk.kid) {
    throw new Error("SIGNING_KEYS: the first key must be a P-256 private JWK with a kid");
  }
  const { kty, crv, x, y } = jwk;
  const publicKey = await crypto.subtle.importKey(
    "jwk",
    { kty, crv, x, y },
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["verify"],
  );
  return { kid: jwk.kid, privateJwk: { ...jwk, alg: "ES256" }, publicKey };
}

const b64 = {
  encode: (bytes) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, ""),
  decode: (s) => {
    if (!/^[A-Za-z0-9+/]+$/.test(s)) throw new Error("bad base64");
    return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  },
};

function b64url(bytes) {
  return b64.encode(bytes).replace(/\+/g, "-").replace(/\//g, "_");
}

// pbkdf2 derives KEY_SIZE bytes with PBKDF2-HMAC-SHA256 (RFC 8018 §5.2).
async function pbkdf2(password, salt, iterations, size = KEY_SIZE) {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, size * 8);
  return new Uint8Array(bits);
}

// hashPassword returns "$pbkdf2-sha256$i=N$salt$hash" (unpadded std base64),
// the encoding of app/password.
async function hashPassword(password, iterations) {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_SIZE));
  const sum = await pbkdf2(password, salt, iterations);
  return `$pbkdf2-sha256$i=${iterations}$${b64.encode(salt)}$${b64.encode(sum)}`;
}

// checkPassword reports whether password matches the PHC string encoded.
async function checkPassword(encoded, password) {
  const f = encoded.split("$");
  if (f.length !== 5 || f[0] !== "" || f[1] !== "pbkdf2-sha256" || !f[2].startsWith("i=")) return false;
  const iterations = Number(f[2].slice(2));
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) return false;
  const salt = b64.decode(f[3]);
  const want = b64.decode(f[4]);
  const got = await pbkdf2(password, salt, iterations, want.length);
  let diff = 0;
  for (let i = 0; i < want.length; i++) diff |= got[i] ^ want[i];
  return diff === 0;
}

function iterationsOf(env) {
  const n = Number(env.PBKDF2_ITERATIONS);
  return Number.isInteger(n) && n > 0 && n <= MAX_ITERATIONS ? n : MAX_ITERATIONS;
}

function fail(c, status, error, description, headers = {}) {
  return c.json({ error, error_description: description }, status, headers);
}

async function credentials(c) {
  let body;
  try {
    body = await c.req.json();
  } catch {
    return { err: "the body is not valid JSON" };
  }
  const { username, password } = body ?? {};
  if (typeof username !== "string" || username === "") return { err: "username is required" };
  if (typeof password !== "string" || password === "") return { err: "password is required" };
  return { username, password };
}

const app = new Hono();

app.get("/api/health", async (c) => {
  await c.env.DB.prepare("SELECT 1").first();
  return c.json({ status: "ok", database: "ok", time: Math.floor(Date.now() / 1000) });
});

app.post("/api/register", async (c) => {
  const { username, password, err } = await credentials(c);
  if (err) return fail(c, 400, "invalid_request", err);
  if (!/^[A-Za-z0-9._-]{3,64}$/.test(username)) {
    return fail(c, 400, "invalid_request", "username must have 3 to 64 letters, digits, '.', '_' or '-'");
  }
  if ([...password].length < 8 || new TextEncoder().encode(password).length > 1024) {
    return fail(c, 400, "invalid_request", "password must have 8 characters to 1024 bytes");
  }
  const hash = await hashPassword(password, iterationsOf(c.env));
  const now = Math.floor(Date.now() / 1000);
  try {
    const row = await c.env.DB.prepare(
      "INSERT INTO users (username, password_hash, created_at) VALUES (?, ?, ?) RETURNING id",
    )
      .bind(username, hash, now)
      .first();
    return c.json({ id: String(row.id), username, created_at: now }, 201);
  } catch (e) {
    if (String(e).includes("UNIQUE")) return fail(c, 409, "conflict", "the username is taken");
    throw e;
  }
});

let dummyHash;

app.post("/api/login", async (c) => {
  const { username, password, err } = await credentials(c);
  if (err) return fail(c, 400, "invalid_request", err);
  const user = await c.env.DB.prepare("SELECT id, username, password_hash FROM users WHERE username = ?")
    .bind(username)
    .first();
  if (!user) {
    // Spend the same key derivation as a wrong password.
    dummyHash ??= await hashPassword("not a real password", iterationsOf(c.env));
    await checkPassword(dummyHash, password);
    return fail(c, 401, "invalid_credentials", "invalid username or password");
  }
  if (!(await checkPassword(user.password_hash, password))) {
    return fail(c, 401, "invalid_credentials", "invalid username or password");
  }
  const { privateJwk } = await signingKeys(c.env);
  const now = Math.floor(Date.now() / 1000);
  const token = await sign(
    {
      iss: new URL(c.req.url).origin,
      aud: AUDIENCE,
      sub: String(user.id),
      preferred_username: user.username,
      scope: "profile",
      iat: now,
      exp: now + ACCESS_TTL,
      jti: b64url(crypto.getRandomValues(new Uint8Array(16))),
    },
    privateJwk,
  );
  return c.json({ access_token: token, token_type: "Bearer", expires_in: ACCESS_TTL, scope: "profile" });
});

// challenge answers a failed Bearer check as RFC 6750 §3 describes.
function challenge(c, error, description) {
  let v = `Bearer realm="${REALM}"`;
  if (error) v += `, error="${error}", error_description="${description.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, "'")}"`;
  return fail(c, error === "invalid_request" ? 400 : 401, error ?? "invalid_token", description, { "WWW-Authenticate": v });
}

app.get("/api/protected", async (c) => {
  const values = c.req.header("Authorization");
  if (!values) return challenge(c, undefined, "no Bearer token");
  const [scheme, token] = [values.slice(0, values.indexOf(" ")), values.slice(values.indexOf(" ") + 1)];
  if (values.indexOf(" ") < 0 || scheme.toLowerCase() !== "bearer") return challenge(c, undefined, "the Authorization scheme is not Bearer");
  if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(token)) return challenge(c, "invalid_request", "malformed Bearer token");
  const keys = await signingKeys(c.env);
  let claims;
  try {
    if (decodeHeader(token).kid !== keys.kid) throw new Error("unknown kid");
    claims = await verify(token, keys.publicKey, { alg: "ES256", iss: new URL(c.req.url).origin, aud: AUDIENCE });
    for (const name of ["exp", "iat", "sub", "jti"]) {
      if (claims[name] === undefined) throw new Error(`the token has no ${name}`);
    }
  } catch (e) {
    return challenge(c, "invalid_token", String(e.message ?? e));
  }
  return c.json({ message: "you hold a valid Bearer token", sub: claims.sub, scope: claims.scope, claims });
});

app.notFound((c) => fail(c, 404, "not_found", `no route for ${c.req.method} ${c.req.path}`));
app.onError((err, c) => fail(c, 500, "server_error", String(err.message ?? err)));

export default app;
