import { jwtVerify } from "jose";

// newSecret makes an HS256 secret: 32 random bytes, as long as the hash
// (RFC 7518 §3.2), which no word list holds (RFC 8725 §3.5).
export function newSecret() {
  return crypto.getRandomValues(new Uint8Array(32));
}

// verifyHS256 accepts only an HS256 token signed with secret, and refuses
// to use a secret shorter than the hash.
export async function verifyHS256(raw, secret, issuer, audience) {
  if (secret.length < 32) throw new Error("an HS256 secret must be at least 32 bytes");
  const { payload } = await jwtVerify(raw, secret, {
    algorithms: ["HS256"],
    issuer,
    audience,
    requiredClaims: ["exp"],
  });
  return payload;
}
