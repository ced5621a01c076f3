// WebCrypto helpers of the Hono reference worker: the same algorithms,
// parameters and encodings as the Go worker (app/password, app/apikey,
// app/jot with worker/webcrypto).

export const SALT_SIZE = 16;
export const KEY_SIZE = 32;
export const MAX_ITERATIONS = 100000; // workerd's WebCrypto PBKDF2 limit

const enc = new TextEncoder();

// b64 is unpadded standard base64, the encoding of the PHC strings.
export const b64 = {
  encode: (bytes) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, ""),
  decode: (s) => {
    if (!/^[A-Za-z0-9+/]+$/.test(s)) throw new Error("bad base64");
    return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  },
};

// b64url is unpadded base64url (RFC 4648 §5).
export function b64url(bytes) {
  return b64.encode(bytes).replace(/\+/g, "-").replace(/\//g, "_");
}

// randomToken returns n random bytes, base64url-encoded.
export function randomToken(n) {
  return b64url(crypto.getRandomValues(new Uint8Array(n)));
}

// sha256Hex is the lower-case hex SHA-256 of a string's UTF-8.
export async function sha256Hex(s) {
  const sum = new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(s)));
  let out = "";
  for (const b of sum) out += b.toString(16).padStart(2, "0");
  return out;
}

// equal compares two strings in time that depends on their length only.
export function equal(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// pbkdf2 derives size bytes with PBKDF2-HMAC-SHA256 (RFC 8018 §5.2).
async function pbkdf2(password, salt, iterations, size = KEY_SIZE) {
  const key = await crypto.subtle.importKey("raw", enc.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, size * 8);
  return new Uint8Array(bits);
}

// hashPassword returns "$pbkdf2-sha256$i=N$salt$hash", as app/password.
export async function hashPassword(password, iterations) {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_SIZE));
  const sum = await pbkdf2(password, salt, iterations);
  return `$pbkdf2-sha256$i=${iterations}$${b64.encode(salt)}$${b64.encode(sum)}`;
}

// checkPassword reports whether password matches the PHC string encoded.
export async function checkPassword(encoded, password) {
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

let keysPromise;

// signingKeys imports the first key of the SIGNING_KEYS JWK Set, a P-256
// private key with a kid, for signing and verifying. The CryptoKeys are
// cached for the isolate's lifetime, as the Go worker caches its own.
export function signingKeys(env) {
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
  const { kty, crv, x, y, d } = jwk;
  const alg = { name: "ECDSA", namedCurve: "P-256" };
  const [privateKey, publicKey] = await Promise.all([
    crypto.subtle.importKey("jwk", { kty, crv, x, y, d }, alg, false, ["sign"]),
    crypto.subtle.importKey("jwk", { kty, crv, x, y }, alg, false, ["verify"]),
  ]);
  return { kid: jwk.kid, privateKey, publicKey };
}

function b64urlJSON(v) {
  return b64url(enc.encode(JSON.stringify(v)));
}

// signJWT signs claims as an ES256 JWS (RFC 7515 §5.1) with the header
// the Go worker writes for access tokens: alg, kid and typ "at+jwt"
// (RFC 9068 §2.1).
export async function signJWT(claims, keys) {
  const input = b64urlJSON({ alg: "ES256", kid: keys.kid, typ: "at+jwt" }) + "." + b64urlJSON(claims);
  const sig = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.privateKey, enc.encode(input));
  return input + "." + b64url(new Uint8Array(sig));
}
