// API keys of the Hono reference worker: POST /api/keys and GET /api/data,
// with the Go worker's key format (app/apikey), prefix lookup, SHA-256
// check and atomic quota upsert (app/store UseAPIKey).
import { equal, randomToken, sha256Hex } from "./crypto.js";
import { fail, send } from "./respond.js";

const MAX_DAILY_QUOTA = 100000;
const DEFAULT_QUOTA = 100;

// createKey makes "alk_<8 base64url>_<43 base64url>" from 6 and 32 random
// bytes, and stores its prefix and SHA-256.
export async function createKey(c, claims) {
  let req = {};
  if (c.req.header("Content-Length") !== "0") {
    try {
      req = (await c.req.json()) ?? {};
    } catch {
      return fail(c, 400, "invalid_request", "the body is not valid JSON");
    }
  }
  const quota = req.daily_quota ?? DEFAULT_QUOTA;
  if (!Number.isInteger(quota) || quota < 1 || quota > MAX_DAILY_QUOTA) {
    return fail(c, 400, "invalid_request", `invalid request: daily_quota must be between 1 and ${MAX_DAILY_QUOTA}`);
  }
  const name = typeof req.name === "string" ? req.name : "";
  const prefix = randomToken(6);
  const plain = `alk_${prefix}_${randomToken(32)}`;
  const now = Math.floor(Date.now() / 1000);
  const row = await c.env.DB.prepare(
    `INSERT INTO api_keys(user_id, prefix, secret_hash, name, daily_quota, created_at)
     VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
  )
    .bind(Number(claims.sub), prefix, await sha256Hex(plain), name, quota, now)
    .first();
  return send(c, 201, {
    created_at: now,
    daily_quota: quota,
    id: String(row.id),
    key: plain,
    last_used_at: null,
    name,
    note: "This is the only time the key is shown. Only a SHA-256 hash of it is stored.",
    prefix,
    revoked: false,
    use_count: 0,
  });
}

// Base64url characters whose last 2 bits are zero: the last character of
// 32 bytes in 43 characters (strict decoding, as Go's Strict()).
const lastOf32 = /[AEIMQUYcgkosw048]$/;
const keyFormat = /^alk_([A-Za-z0-9_-]{8})_([A-Za-z0-9_-]{43})$/;

const queryKeyWarning =
  '299 authlab "API key sent in the query string: URLs end up in server and proxy logs, browser history and Referer headers. Send it in the X-API-Key header."';

function invalidKey(c, description) {
  return fail(c, 401, "invalid_api_key", "invalid API key: " + description, {
    "WWW-Authenticate": 'ApiKey realm="authlab", header="X-API-Key"',
  });
}

// data serves a resource behind an API key with a daily quota, reporting
// it in the RateLimit headers.
export async function data(c) {
  const headers = {};
  let plain = c.req.header("X-API-Key");
  if (!plain) {
    plain = c.req.query("api_key");
    if (plain) headers.Warning = queryKeyWarning;
  }
  if (!plain) return invalidKey(c, "send the key in the X-API-Key header");
  const m = keyFormat.exec(plain);
  if (!m || !lastOf32.test(m[2])) return invalidKey(c, "API key is malformed");
  const db = c.env.DB;
  const k = await db
    .prepare(
      `SELECT id, user_id, prefix, secret_hash, name, daily_quota, created_at, last_used_at, use_count, revoked_at
       FROM api_keys WHERE prefix = ? AND revoked_at IS NULL`,
    )
    .bind(m[1])
    .first();
  if (!k || !equal(await sha256Hex(plain), k.secret_hash)) return invalidKey(c, "unknown or revoked key");
  const nowMs = Date.now();
  const now = Math.floor(nowMs / 1000);
  const day = Math.floor(now / 86400);
  const used = await db
    .prepare(
      `INSERT INTO api_key_usage(key_id, day, count) VALUES (?, ?, 1)
       ON CONFLICT(key_id, day) DO UPDATE SET count = count + 1 WHERE count < ?
       RETURNING count`,
    )
    .bind(k.id, day, k.daily_quota)
    .first();
  const count = used ? used.count : k.daily_quota;
  if (used) {
    await db.prepare("UPDATE api_keys SET last_used_at = ?, use_count = use_count + 1 WHERE id = ?").bind(now, k.id).run();
  }
  const reset = (day + 1) * 86400 - now;
  headers["RateLimit-Limit"] = String(k.daily_quota);
  headers["RateLimit-Remaining"] = String(Math.max(k.daily_quota - count, 0));
  headers["RateLimit-Reset"] = String(reset);
  if (!used) {
    headers["Retry-After"] = String(reset);
    return fail(
      c,
      429,
      "too_many_requests",
      `too many requests: the key's daily quota of ${k.daily_quota} requests is used up; it resets at 00:00 UTC`,
      headers,
    );
  }
  return send(c, 200, { key: k.prefix, message: "you hold a valid API key", remaining: k.daily_quota - count, used: count }, headers);
}
