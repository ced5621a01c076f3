-- When the user authenticated for a grant, which every ID token of the
-- grant reports as auth_time, refreshes included (OpenID Connect Core
-- §12.2). 0 for grants made before it was recorded.
ALTER TABLE oauth_codes ADD COLUMN auth_time INTEGER NOT NULL DEFAULT 0;
ALTER TABLE refresh_tokens ADD COLUMN auth_time INTEGER NOT NULL DEFAULT 0;
