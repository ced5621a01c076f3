// Writes the JWE fixtures of app/jwe with the npm packages' own encoders,
// so that tokens made outside Go are decrypted in the Go tests:
//
//   ../authjs.json  session cookies from next-auth@4's and @auth/core's encode()
//   ../jose.json    a compact JWE for every alg/enc pair app/jwe accepts,
//                   a nested JWT and a PBES2 token it refuses, made by jose
//
// Regenerate (the versions are pinned by package-lock.json):
//
//   cd app/jwe/testdata/gen && npm ci && node gen.mjs
//
// .npmrc sets legacy-peer-deps: encode() needs none of next-auth@4's peers
// (next, react), so they are not installed.
//
// Every run makes new keys, IVs and timestamps; the Go tests compare only
// what the inputs fix (claims, headers, plaintexts).
import { writeFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as jose from "jose";
import { encode as authjsEncode } from "@auth/core/jwt";

const require = createRequire(import.meta.url);
const nextAuthJWT = require("next-auth/jwt");
const version = (p) => JSON.parse(readFileSync(new URL(`./node_modules/${p}/package.json`, import.meta.url))).version;

const session = {
  name: "Ada Lovelace",
  email: "ada@example.com",
  picture: "https://example.com/ada.png",
  sub: "user-1815",
  role: "admin",
};

// Auth.js / NextAuth session cookies.
const authjs = [];
for (const secret of ["nextauth-secret-for-fixtures-0123456789", "c2VjcmV0IHdpdGggYmFzZTY0IGxvb2s="]) {
  authjs.push({
    package: "next-auth",
    version: version("next-auth"),
    secret,
    cookieName: "next-auth.session-token",
    session,
    token: await nextAuthJWT.encode({ token: session, secret }),
  });
}
for (const cookieName of ["authjs.session-token", "__Secure-authjs.session-token"]) {
  const secret = "authjs-secret-for-fixtures-abcdefghijklmnop";
  authjs.push({
    package: "@auth/core",
    version: version("@auth/core"),
    secret,
    cookieName,
    session,
    token: await authjsEncode({ token: session, secret, salt: cookieName }),
  });
}
writeFileSync(new URL("../authjs.json", import.meta.url), JSON.stringify(authjs, null, 2) + "\n");

// Every alg/enc pair, with keys generated here and written as JWK or PEM.
const encs = ["A128GCM", "A256GCM", "A128CBC-HS256", "A256CBC-HS512"];
const cekBytes = { "A128GCM": 16, "A256GCM": 32, "A128CBC-HS256": 32, "A256CBC-HS512": 64 };
const rsa = await jose.generateKeyPair("RSA-OAEP-256", { modulusLength: 2048, extractable: true });
const ec = await jose.generateKeyPair("ECDH-ES", { crv: "P-256", extractable: true });
const rsaJWK = await jose.exportJWK(rsa.privateKey);
const rsaPEM = await jose.exportPKCS8(rsa.privateKey);
const ecJWK = await jose.exportJWK(ec.privateKey);
const ecPEM = await jose.exportPKCS8(ec.privateKey);
const secret = (n) => crypto.getRandomValues(new Uint8Array(n));
const oct = (bytes) => ({ kty: "oct", k: jose.base64url.encode(bytes) });

const plaintext = JSON.stringify({ iss: "https://issuer.example", sub: "jose-npm", n: 1 });
const tokens = [];
async function add(alg, enc, encKey, key, extra = {}) {
  if (encKey.type === "public") encKey = await jose.importJWK(await jose.exportJWK(encKey), alg);
  const token = await new jose.CompactEncrypt(new TextEncoder().encode(extra.plaintext ?? plaintext))
    .setProtectedHeader({ alg, enc, ...(extra.header ?? {}) })
    .encrypt(encKey);
  tokens.push({ alg, enc, key, token, plaintext: extra.plaintext ?? plaintext, ...(extra.note ? { note: extra.note } : {}) });
}
for (const enc of encs) {
  const cek = secret(cekBytes[enc]);
  await add("dir", enc, cek, { jwk: oct(cek) });
  await add("RSA-OAEP", enc, rsa.publicKey, { pem: rsaPEM });
  await add("RSA-OAEP-256", enc, rsa.publicKey, { jwk: rsaJWK });
  await add("ECDH-ES", enc, ec.publicKey, { jwk: ecJWK });
  await add("ECDH-ES+A128KW", enc, ec.publicKey, { pem: ecPEM });
  await add("ECDH-ES+A256KW", enc, ec.publicKey, { jwk: ecJWK });
  for (const [alg, n] of [["A128KW", 16], ["A256KW", 32], ["A128GCMKW", 16], ["A256GCMKW", 32]]) {
    const kek = secret(n);
    await add(alg, enc, kek, { jwk: oct(kek), hex: Buffer.from(kek).toString("hex") });
  }
}
// A nested JWT (RFC 7519 §5.2): an HS256 JWS encrypted with cty "JWT".
const hmac = new TextEncoder().encode("nested-jws-hmac-secret-32-bytes!!");
const inner = await new jose.SignJWT({ sub: "nested" }).setProtectedHeader({ alg: "HS256" }).sign(hmac);
await add("RSA-OAEP-256", "A256GCM", rsa.publicKey, { jwk: rsaJWK }, { plaintext: inner, header: { cty: "JWT" }, note: "nested" });
// Refused by name: PBES2 with jose's default count.
await add("PBES2-HS256+A128KW", "A128GCM", new TextEncoder().encode("correct horse"), { utf8: "correct horse" }, { note: "refused" });

writeFileSync(new URL("../jose.json", import.meta.url),
  JSON.stringify({ package: "jose", version: version("jose"), tokens }, null, 2) + "\n");
console.log(`wrote ${authjs.length} Auth.js cookies and ${tokens.length} jose tokens`);
