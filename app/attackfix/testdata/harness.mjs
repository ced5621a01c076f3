// Runs the JavaScript fixes, written next to this file, on the cases read
// as JSON from stdin, and prints what each verifier answered.
import { errors, importSPKI } from "jose";
import { verify } from "./pinned.mjs";
import { newSecret, verifyHS256 } from "./secret.mjs";
import { verifyAccessToken } from "./typed.mjs";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const req = JSON.parse(input);
const keys = {
  ec: await importSPKI(req.public_key_pem, "ES256"),
  strong: new Uint8Array(Buffer.from(req.strong_secret, "base64")),
  weak: new TextEncoder().encode(req.weak_secret),
};
const verifiers = { pinned: verify, typed: verifyAccessToken, secret: verifyHS256 };
const results = [];
for (const c of req.cases) {
  try {
    await verifiers[c.fix](c.token, keys[c.key], req.issuer, req.audience);
    results.push({ accepted: true, error: "" });
  } catch (e) {
    // A verifier's refusal; anything else is a broken fix.
    if (!(e instanceof errors.JOSEError) && !/at least 32 bytes/.test(e.message)) throw e;
    results.push({ accepted: false, error: `${e.code || e.name}: ${e.message}` });
  }
}
const [a, b] = [newSecret(), newSecret()];
console.log(JSON.stringify({ results, secret_length: a.length, secrets_differ: Buffer.compare(a, b) !== 0 }));
