import { jwtVerify } from "jose";

// verifyAccessToken accepts only an access token (RFC 9068 §2.1): an ID
// token or a refresh token of the same issuer and key has another typ
// and is refused (RFC 8725 §3.11).
export async function verifyAccessToken(raw, publicKey, issuer, audience) {
  const { payload } = await jwtVerify(raw, publicKey, {
    algorithms: ["ES256"],
    typ: "at+jwt",
    issuer,
    audience,
    requiredClaims: ["exp"],
  });
  return payload;
}
