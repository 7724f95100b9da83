-- Tokens may carry an expiry (issue 15: token management without a shell). Existing tokens
-- keep NULL: they never expire. An RFC 3339 UTC timestamp, compared by the server's clock.
ALTER TABLE tokens ADD COLUMN expires_at TEXT;
