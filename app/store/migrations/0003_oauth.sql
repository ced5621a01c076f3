-- Clients registered dynamically (RFC 7591). Built-in clients are in code.
CREATE TABLE oauth_clients (
  client_id     TEXT PRIMARY KEY,
  secret_hash   TEXT NOT NULL DEFAULT '',
  name          TEXT NOT NULL DEFAULT '',
  redirect_uris TEXT NOT NULL,
  grant_types   TEXT NOT NULL,
  auth_method   TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL
);
CREATE INDEX oauth_clients_by ON oauth_clients(registered_by, expires_at);

-- Authorization codes (RFC 6749 §4.1.2), stored as a hash, single-use.
CREATE TABLE oauth_codes (
  code_hash      TEXT PRIMARY KEY,
  client_id      TEXT NOT NULL,
  redirect_uri   TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  scope          TEXT NOT NULL,
  nonce          TEXT NOT NULL DEFAULT '',
  family         TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  used_at        INTEGER
);

-- Access tokens revoked before they expire (RFC 7009), by jti.
CREATE TABLE revoked_access (
  jti        TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
