-- Import drafts for the /import page: the pasted text of a plan, kept on the
-- server between a preview and its commit, so the preview page need not carry a
-- 150 KB document back to the browser. A draft belongs to one browser session
-- (the session's stored hash), is found by the SHA-256 of a random id the page
-- holds in a hidden field, and expires. New table only: applies to a database
-- with data.

CREATE TABLE IF NOT EXISTS import_drafts (
    hash          TEXT PRIMARY KEY,      -- SHA-256 hex of the draft id in the form
    session_hash  TEXT NOT NULL,         -- sessions.hash of the session that pasted it
    text          TEXT NOT NULL,
    issuer_id     TEXT,                  -- the selects as chosen ('' read from the text)
    aggregator_id TEXT,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS import_drafts_by_session ON import_drafts(session_hash, created_at);
CREATE INDEX IF NOT EXISTS import_drafts_by_expiry ON import_drafts(expires_at);
