// Verifies a token with the jose library against a JWKS URL, as an
// independent JOSE implementation would. Prints the verified payload.
import { createRemoteJWKSet, jwtVerify } from "jose";

const [jwksURL, token, issuer] = process.argv.slice(2);
const jwks = createRemoteJWKSet(new URL(jwksURL));
try {
  const { payload, protectedHeader } = await jwtVerify(token, jwks, {
    issuer,
    audience: "authlab",
    algorithms: ["ES256", "EdDSA"],
    typ: "at+jwt",
  });
  console.log(JSON.stringify({ payload, protectedHeader }));
} catch (err) {
  console.error(err.code || err.name, err.message);
  process.exit(1);
}
