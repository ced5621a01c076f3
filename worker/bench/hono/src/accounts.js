// Accounts of the Hono reference worker: POST /api/register and
// POST /api/login, with the Go worker's login throttle (authserver
// throttledLogin), access token claims and refresh token insert.
import { checkPassword, hashPassword, MAX_ITERATIONS, randomToken, sha256Hex, signingKeys, signJWT } from "./crypto.js";
import { fail, send } from "./respond.js";

export const AUDIENCE = "authlab";
export const ACCESS_TTL = 15 * 60; // seconds, as authserver.Config.AccessTTL
const REFRESH_TTL = 30 * 24 * 3600;
const LOGIN_WINDOW = 15 * 60;
const FAILURES_PER_ACCOUNT = 5;
const FAILURES_PER_CLIENT = 50;

function iterationsOf(env) {
  const n = Number(env.PBKDF2_ITERATIONS);
  return Number.isInteger(n) && n > 0 && n <= MAX_ITERATIONS ? n : MAX_ITERATIONS;
}

async function credentials(c) {
  const ct = c.req.header("Content-Type");
  if (ct && ct.split(";")[0].trim().toLowerCase() !== "application/json") {
    return { status: 415, code: "unsupported_media_type", err: "send the body as JSON with Content-Type: application/json" };
  }
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

function badCredentials(c, { status = 400, code = "invalid_request", err }) {
  return fail(c, status, code, err);
}

export async function register(c) {
  const cr = await credentials(c);
  if (cr.err) return badCredentials(c, cr);
  const { username, password } = cr;
  if (!/^[A-Za-z0-9._-]{3,64}$/.test(username)) {
    return fail(c, 400, "invalid_request", "username must have 3 to 64 letters, digits, '.', '_' or '-'");
  }
  if ([...password].length < 8 || new TextEncoder().encode(password).length > 1024) {
    return fail(c, 400, "invalid_request", "password must have 8 characters to 1024 bytes");
  }
  const hash = await hashPassword(password, iterationsOf(c.env));
  const now = Math.floor(Date.now() / 1000);
  const row = await c.env.DB.prepare(
    "INSERT INTO users(username, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT(username) DO NOTHING RETURNING id",
  )
    .bind(username, hash, now)
    .first();
  if (!row) return fail(c, 409, "conflict", `username "${username}" is taken`);
  return send(c, 201, { created_at: now, id: String(row.id), username });
}

let dummyHash;

// login checks both failure counters, the password, resets the account's
// counter, and issues an access and a refresh token.
export async function login(c) {
  const cr = await credentials(c);
  if (cr.err) return badCredentials(c, cr);
  const { username, password } = cr;
  const db = c.env.DB;
  const client = c.req.header("CF-Connecting-IP") || "unknown";
  const pairKey = `login:${username.toLowerCase()}|${client}`;
  const clientKey = `login-client:${client}`;
  const now = Math.floor(Date.now() / 1000);
  const start = now - (now % LOGIN_WINDOW);
  for (const [key, limit] of [
    [pairKey, FAILURES_PER_ACCOUNT],
    [clientKey, FAILURES_PER_CLIENT],
  ]) {
    const n = await db
      .prepare("SELECT coalesce(max(count), 0) FROM throttle WHERE window_start = ? AND key IN (?)")
      .bind(start, key)
      .raw();
    if (n[0][0] >= limit) {
      const retry = Math.max(start + LOGIN_WINDOW - now, 1);
      return fail(c, 429, "too_many_requests", `too many requests: ${n[0][0]} failed logins; try again in ${retry} s`, {
        "Retry-After": String(retry),
      });
    }
  }
  const user = await db.prepare("SELECT id, username, password_hash, created_at FROM users WHERE username = ?").bind(username).first();
  let ok;
  if (!user) {
    // Spend the same key derivation as a wrong password.
    dummyHash ??= await hashPassword("not a real password", iterationsOf(c.env));
    await checkPassword(dummyHash, password);
    ok = false;
  } else {
    ok = await checkPassword(user.password_hash, password);
  }
  if (!ok) {
    for (const key of [pairKey, clientKey]) {
      await db
        .prepare(
          `INSERT INTO throttle(key, count, window_start) VALUES (?, 1, ?)
           ON CONFLICT(key) DO UPDATE SET
             count = CASE WHEN throttle.window_start = excluded.window_start THEN throttle.count + 1 ELSE 1 END,
             window_start = excluded.window_start
           RETURNING count, window_start`,
        )
        .bind(key, start)
        .first();
    }
    return fail(c, 401, "invalid_credentials", "invalid username or password");
  }
  await db.prepare("DELETE FROM throttle WHERE key = ?").bind(pairKey).run();
  const keys = await signingKeys(c.env);
  const accessToken = await signJWT(
    {
      aud: AUDIENCE,
      exp: now + ACCESS_TTL,
      iat: now,
      iss: new URL(c.req.url).origin,
      jti: randomToken(16),
      preferred_username: user.username,
      scope: "profile",
      sub: String(user.id),
    },
    keys,
  );
  const refresh = randomToken(32);
  await db
    .prepare(
      `INSERT INTO refresh_tokens(token_hash, family, user_id, client_id, scope, created_at, expires_at, access_jti)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(await sha256Hex(refresh), randomToken(16), user.id, "", "profile", now, now + REFRESH_TTL, "")
    .run();
  return send(c, 200, { access_token: accessToken, token_type: "Bearer", expires_in: ACCESS_TTL, scope: "profile", refresh_token: refresh });
}
