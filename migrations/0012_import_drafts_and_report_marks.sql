-- Two things the pages need: import drafts, and per-task report marks (below).

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

-- Report marks for the pages' caches: one row per task that ever had a report,
-- `mark` changing in the same transaction as any report of the task (insert,
-- update, delete). A page keeps each task's evaluated status and its compliance
-- per period under (task, mark), so after a report only that task is evaluated
-- again, not the whole plan. A new row starts at a random value (as
-- plan_revisions' counters do), so a row deleted by hand never comes back at a
-- value some cache already holds. Filled from the existing reports.

CREATE TABLE IF NOT EXISTS report_marks (
    task_id  INTEGER PRIMARY KEY,
    plan_id  INTEGER NOT NULL,
    mark     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS report_marks_by_plan ON report_marks(plan_id, task_id, mark);
INSERT OR IGNORE INTO report_marks (task_id, plan_id, mark)
    SELECT task_id, plan_id, abs(random() % 4503599627370496) + 1 FROM reports GROUP BY task_id;

CREATE TRIGGER IF NOT EXISTS reports_mark_ins AFTER INSERT ON reports BEGIN
    INSERT INTO report_marks (task_id, plan_id, mark) VALUES (NEW.task_id, NEW.plan_id, abs(random() % 4503599627370496) + 1)
        ON CONFLICT (task_id) DO UPDATE SET mark = mark + 1, plan_id = excluded.plan_id;
END;
CREATE TRIGGER IF NOT EXISTS reports_mark_upd AFTER UPDATE ON reports BEGIN
    INSERT INTO report_marks (task_id, plan_id, mark) VALUES (OLD.task_id, OLD.plan_id, abs(random() % 4503599627370496) + 1)
        ON CONFLICT (task_id) DO UPDATE SET mark = mark + 1;
    INSERT INTO report_marks (task_id, plan_id, mark) VALUES (NEW.task_id, NEW.plan_id, abs(random() % 4503599627370496) + 1)
        ON CONFLICT (task_id) DO UPDATE SET mark = mark + 1, plan_id = excluded.plan_id;
END;
CREATE TRIGGER IF NOT EXISTS reports_mark_del AFTER DELETE ON reports BEGIN
    INSERT INTO report_marks (task_id, plan_id, mark) VALUES (OLD.task_id, OLD.plan_id, abs(random() % 4503599627370496) + 1)
        ON CONFLICT (task_id) DO UPDATE SET mark = mark + 1;
END;
