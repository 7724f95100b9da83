-- Editing a plan after it is created (issue 12, part 2).
--
-- 1. A task with reports cannot be deleted (its reports would go with it); it can be
--    cancelled instead. `cancelled_at` is the server's clock at the cancellation; the
--    task stops counting as expected from that local day on (docs/rules.md).
--    Existing tasks are not cancelled (NULL). The UPDATE of a task row already bumps its
--    plan's revision and structure (tasks_revision_upd, 0002), so cached answers follow.
ALTER TABLE tasks ADD COLUMN cancelled_at TEXT;
ALTER TABLE tasks ADD COLUMN cancel_reason TEXT;

-- 2. The audit log: every change to a plan, its shortcomings, tasks, extensions and
--    period locks, written in the same transaction as the change itself; unit edits
--    too (plan_id NULL). No foreign keys: the log must outlive a deleted plan or a
--    deleted token, so it copies who acted (role, unit, label) rather than pointing.
--    `changes` is a JSON object {field: {"from": …, "to": …}}.
CREATE TABLE plan_changes (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER,
    entity      TEXT NOT NULL
                CHECK (entity IN ('plan', 'shortcoming', 'task', 'extension', 'period_lock', 'unit')),
    entity_id   TEXT NOT NULL,
    action      TEXT NOT NULL
                CHECK (action IN ('create', 'update', 'delete', 'cancel', 'restore', 'lock', 'unlock')),
    changes     TEXT NOT NULL DEFAULT '{}',
    token_id    INTEGER,
    role        TEXT,
    unit_id     TEXT,
    label       TEXT,
    changed_at  TEXT NOT NULL
);
CREATE INDEX plan_changes_by_plan ON plan_changes(plan_id, id);

-- The log belongs to a plan: an entry bumps the plan's revision (not its structure, which
-- the log is no part of), so an answer cached from it can never be stale. Every entry is
-- written with a change that bumps the counters already; this keeps the rule of 0002
-- true for the table on its own.
CREATE TRIGGER plan_changes_revision_ins AFTER INSERT ON plan_changes BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT NEW.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER plan_changes_revision_del AFTER DELETE ON plan_changes BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT OLD.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
