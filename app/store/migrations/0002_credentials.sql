-- Refresh tokens rotate within a family; presenting a used one revokes the
-- family (RFC 9700 §4.14.2). Only a SHA-256 of each token is stored.
CREATE TABLE refresh_tokens (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  token_hash TEXT NOT NULL UNIQUE,
  family     TEXT NOT NULL,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  client_id  TEXT NOT NULL DEFAULT '',
  scope      TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER,
  revoked_at INTEGER,
  -- the access token issued with this one, so that reusing the code that
  -- started the family can revoke it too (RFC 6749 §4.1.2)
  access_jti TEXT NOT NULL DEFAULT ''
);
CREATE INDEX refresh_tokens_family ON refresh_tokens(family);

-- Failed-login counters in fixed windows, keyed by client and by
-- account-and-client.
CREATE TABLE throttle (
  key          TEXT PRIMARY KEY,
  count        INTEGER NOT NULL,
  window_start INTEGER NOT NULL
);

-- API keys: the prefix finds the key, the hash checks it.
CREATE TABLE api_keys (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  prefix       TEXT NOT NULL UNIQUE,
  secret_hash  TEXT NOT NULL,
  name         TEXT NOT NULL DEFAULT '',
  daily_quota  INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  use_count    INTEGER NOT NULL DEFAULT 0,
  revoked_at   INTEGER
);
CREATE INDEX api_keys_user ON api_keys(user_id);

-- Requests per key per UTC day, incremented atomically.
CREATE TABLE api_key_usage (
  key_id INTEGER NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
  day    INTEGER NOT NULL,
  count  INTEGER NOT NULL,
  PRIMARY KEY (key_id, day)
);

-- Cookie sessions, stored as a SHA-256 of the session id.
CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
