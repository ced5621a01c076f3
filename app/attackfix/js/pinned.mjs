import { jwtVerify } from "jose";

// verify accepts only an ES256 token signed with publicKey, which comes
// from the API's configuration and never from the token: alg, kid, jku,
// x5u and jwk choose nothing (RFC 8725 §3.1, §3.10). The issuer, the
// audience and an exp in the future are required (§3.8, §3.9).
export async function verify(raw, publicKey, issuer, audience) {
  const { payload } = await jwtVerify(raw, publicKey, {
    algorithms: ["ES256"],
    issuer,
    audience,
    requiredClaims: ["exp"],
  });
  return payload;
}
