// Hono reference worker for the Authlab benchmark (worker/bench). It does what
// the Go worker does on the benchmarked routes, with the same algorithms and
// parameters, over the same D1 schema (app/store/migrations) and the same
// SIGNING_KEYS secret:
//
//   GET  /api/health     200 once D1 answers
//   POST /api/register   {username,password} -> 201, PBKDF2-SHA256 PHC hash
//   POST /api/login      throttle counters, PBKDF2 check, ES256 access token, refresh token
//   GET  /api/protected  Bearer ES256 JWT (RFC 6750) -> 200 with the claims
//   POST /api/keys       Bearer -> 201 with a new API key and its quota
//   GET  /api/data       X-API-Key -> 200 with RateLimit headers, atomic quota in D1
//   POST /oauth/token    client_credentials, client_secret_basic -> ES256 access token
//
// Keys are parsed and imported once per isolate, as the Go worker keeps its
// imported CryptoKeys across requests. Verification uses hono/jwt's verify.
import { Hono } from "hono";
// hono/jwt re-exports sign and verify from here, but not decodeHeader.
import { decodeHeader, verify } from "hono/utils/jwt/jwt";
import { AUDIENCE, login, register } from "./accounts.js";
import { createKey, data } from "./apikeys.js";
import { signingKeys } from "./crypto.js";
import { token } from "./oauth.js";
import { challenge, fail, send } from "./respond.js";

// bearer wraps a handler with RFC 6750 §2.1 Bearer authentication and hands
// it the verified claims, as authserver's bearer.
function bearer(next) {
  return async (c) => {
    const values = c.req.header("Authorization");
    if (!values) return challenge(c, undefined, "no Bearer token");
    const sp = values.indexOf(" ");
    if (sp < 0 || values.slice(0, sp).toLowerCase() !== "bearer") return challenge(c, undefined, "the Authorization scheme is not Bearer");
    const raw = values.slice(sp + 1);
    if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(raw)) return challenge(c, "invalid_request", "malformed Bearer token");
    const keys = await signingKeys(c.env);
    let claims;
    try {
      if (decodeHeader(raw).kid !== keys.kid) throw new Error("unknown kid");
      claims = await verify(raw, keys.publicKey, { alg: "ES256", typ: "at+jwt", iss: new URL(c.req.url).origin, aud: AUDIENCE });
      for (const name of ["exp", "iat", "sub", "jti"]) {
        if (claims[name] === undefined) throw new Error(`the token has no ${name}`);
      }
    } catch (e) {
      return challenge(c, "invalid_token", "invalid token: " + String(e.message ?? e));
    }
    return next(c, claims);
  };
}

const app = new Hono();

app.get("/api/health", async (c) => {
  await c.env.DB.prepare("SELECT 1").first();
  return send(c, 200, { database: "ok", status: "ok", time: Math.floor(Date.now() / 1000) });
});
app.post("/api/register", register);
app.post("/api/login", login);
app.get(
  "/api/protected",
  bearer((c, claims) => send(c, 200, { claims, message: "you hold a valid Bearer token", scope: claims.scope, sub: claims.sub })),
);
app.post("/api/keys", bearer(createKey));
app.get("/api/data", data);
app.post("/oauth/token", token);

app.notFound((c) => fail(c, 404, "not_found", `no route for ${c.req.method} ${c.req.path}`));
app.onError((err, c) => fail(c, 500, "server_error", String(err.message ?? err)));

export default app;
