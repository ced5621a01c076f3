// The token endpoint of the Hono reference worker: client_credentials for
// the built-in confidential client authlab-demo with client_secret_basic
// (RFC 6749 §2.3.1, §4.4), as authserver's token endpoint.
import { ACCESS_TTL, AUDIENCE } from "./accounts.js";
import { equal, randomToken, sha256Hex, signingKeys, signJWT } from "./crypto.js";
import { send } from "./respond.js";

const DEMO_CLIENT = "authlab-demo";
const DEFAULT_DEMO_SECRET = "authlab-demo-secret";

let demoSecretHash;

// expectedSecretHash is the SHA-256 of the demo client's configured secret,
// computed once per isolate, as the Go worker computes it once.
function expectedSecretHash(env) {
  demoSecretHash ??= sha256Hex(env.OAUTH_DEMO_SECRET || DEFAULT_DEMO_SECRET);
  return demoSecretHash;
}

function oauthError(c, code, description, headers = {}) {
  const status = code === "invalid_client" ? 401 : 400;
  return send(c, status, { error: code, error_description: description }, { Pragma: "no-cache", ...headers });
}

function invalidClient(c, description) {
  return oauthError(c, "invalid_client", description, { "WWW-Authenticate": 'Basic realm="authlab", charset="UTF-8"' });
}

// formDecode undoes application/x-www-form-urlencoded.
function formDecode(s) {
  return decodeURIComponent(s.replace(/\+/g, " "));
}

export async function token(c) {
  const ct = (c.req.header("Content-Type") || "").split(";")[0].trim().toLowerCase();
  if (ct !== "application/x-www-form-urlencoded") {
    return oauthError(c, "invalid_request", "send the parameters as application/x-www-form-urlencoded (RFC 6749 §4.1.3)");
  }
  const form = new URLSearchParams(await c.req.text());
  for (const name of new Set(form.keys())) {
    if (form.getAll(name).length > 1) return oauthError(c, "invalid_request", `the parameter ${name} appears more than once`);
  }
  let id = form.get("client_id") || "";
  let secret = form.get("client_secret") || "";
  const auth = c.req.header("Authorization");
  if (auth) {
    const sp = auth.indexOf(" ");
    const scheme = sp < 0 ? auth : auth.slice(0, sp);
    if (scheme.toLowerCase() !== "basic") return invalidClient(c, `the token endpoint takes Basic client authentication, not ${scheme}`);
    if (secret) return oauthError(c, "invalid_request", "use one client authentication method, not Basic and client_secret together");
    let user, pass;
    try {
      const raw = atob(auth.slice(sp + 1).trim());
      const colon = raw.indexOf(":");
      if (colon < 0) throw new Error("no colon");
      user = formDecode(raw.slice(0, colon));
      pass = formDecode(raw.slice(colon + 1));
    } catch {
      return invalidClient(c, "the Basic credentials are not base64 of client_id:client_secret");
    }
    if (id && id !== user) return oauthError(c, "invalid_request", "client_id in the body differs from the Basic user");
    id = user;
    secret = pass;
  }
  if (id !== DEMO_CLIENT) return invalidClient(c, `unknown or expired client_id "${id}"`);
  if (!secret) return invalidClient(c, `${id} is confidential: authenticate with client_secret_basic or client_secret_post`);
  const [got, want] = await Promise.all([sha256Hex(secret), expectedSecretHash(c.env)]);
  if (!equal(got, want)) return invalidClient(c, `wrong client_secret for ${id}`);
  const grant = form.get("grant_type") || "";
  if (grant !== "client_credentials") {
    return oauthError(c, grant ? "unsupported_grant_type" : "invalid_request", grant ? `grant_type "${grant}" is not supported here` : "grant_type is missing");
  }
  const asked = (form.get("scope") || "").split(" ").filter(Boolean);
  const other = asked.find((s) => s !== "api");
  if (other) return oauthError(c, "invalid_scope", `client_credentials grants only the api scope, not "${other}"`);
  const now = Math.floor(Date.now() / 1000);
  const accessToken = await signJWT(
    {
      aud: AUDIENCE,
      client_id: id,
      exp: now + ACCESS_TTL,
      iat: now,
      iss: new URL(c.req.url).origin,
      jti: randomToken(16),
      scope: "api",
      sub: id,
    },
    await signingKeys(c.env),
  );
  return send(c, 200, { access_token: accessToken, token_type: "Bearer", expires_in: ACCESS_TTL, scope: "api" }, { Pragma: "no-cache" });
}
