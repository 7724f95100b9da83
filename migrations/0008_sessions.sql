-- Browser sessions for the HTML pages (/login). A person pastes their API token
-- once; the server keeps a random session secret in an HttpOnly cookie and stores
-- only its SHA-256 here, with an expiry. A session acts as the token it was opened
-- with, so revoking the token ends its sessions too (the lookup joins tokens).
-- Logging out stamps revoked_at. New table only: applies to a database with data.

CREATE TABLE IF NOT EXISTS sessions (
    id          INTEGER PRIMARY KEY,
    hash        TEXT NOT NULL UNIQUE,       -- SHA-256 hex of the cookie's secret
    token_id    INTEGER NOT NULL REFERENCES tokens(id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX IF NOT EXISTS sessions_by_token ON sessions(token_id);
