-- Revision counters that change in the same transaction as the data they
-- cover. A reader reads them inside its snapshot, so an answer computed from
-- that snapshot can be cached under (what, revision) and served to any later
-- reader that sees the same revision — never a stale one, whichever process
-- wrote (the `tiendo` CLI, the sqlite3 shell).
--
-- plan_revisions, one row per plan:
--   revision   bumped by any change to the plan, its shortcomings, tasks,
--              assignees, deadline extensions, period locks or reports;
--   structure  bumped by the same changes except reports and locks: what a
--              plan snapshot (tasks, expanded assignees, extensions) depends on,
--              so a report does not force the snapshot to be rebuilt.
-- An UPDATE that moves a row to another plan bumps both plans.
-- data_revisions: counters for data every answer depends on: 'units' (selector
-- expansion, names) and 'tokens' (who may ask: a revoked token must stop
-- working at once). A reader that finds a counter missing caches nothing; a
-- counter (re)created by a trigger starts at a random value, so one deleted by
-- hand never comes back at a value some cache already holds.

CREATE TABLE plan_revisions (
    plan_id     INTEGER PRIMARY KEY,        -- no FK: a counter may outlive its plan
    revision    INTEGER NOT NULL,
    structure   INTEGER NOT NULL
);

CREATE TABLE data_revisions (
    name        TEXT PRIMARY KEY,
    revision    INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO data_revisions (name, revision) VALUES ('units', 1), ('tokens', 1);


-- plans
CREATE TRIGGER plans_revision_ins AFTER INSERT ON plans BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT NEW.id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;
CREATE TRIGGER plans_revision_upd AFTER UPDATE ON plans BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT OLD.id AS id UNION SELECT NEW.id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;
CREATE TRIGGER plans_revision_del AFTER DELETE ON plans BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT OLD.id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;

-- shortcomings
CREATE TRIGGER shortcomings_revision_ins AFTER INSERT ON shortcomings BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT NEW.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;
CREATE TRIGGER shortcomings_revision_upd AFTER UPDATE ON shortcomings BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT OLD.plan_id AS id UNION SELECT NEW.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;
CREATE TRIGGER shortcomings_revision_del AFTER DELETE ON shortcomings BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT OLD.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;

-- tasks
CREATE TRIGGER tasks_revision_ins AFTER INSERT ON tasks BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT NEW.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;
CREATE TRIGGER tasks_revision_upd AFTER UPDATE ON tasks BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT OLD.plan_id AS id UNION SELECT NEW.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;
CREATE TRIGGER tasks_revision_del AFTER DELETE ON tasks BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT OLD.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;

-- task_assignees
CREATE TRIGGER task_assignees_revision_ins AFTER INSERT ON task_assignees BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT (SELECT plan_id FROM tasks WHERE id = NEW.task_id) AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;
CREATE TRIGGER task_assignees_revision_upd AFTER UPDATE ON task_assignees BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT (SELECT plan_id FROM tasks WHERE id = OLD.task_id) AS id UNION SELECT (SELECT plan_id FROM tasks WHERE id = NEW.task_id) AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;
CREATE TRIGGER task_assignees_revision_del AFTER DELETE ON task_assignees BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT (SELECT plan_id FROM tasks WHERE id = OLD.task_id) AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;

-- deadline_extensions
CREATE TRIGGER deadline_extensions_revision_ins AFTER INSERT ON deadline_extensions BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT (SELECT plan_id FROM tasks WHERE id = NEW.task_id) AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;
CREATE TRIGGER deadline_extensions_revision_upd AFTER UPDATE ON deadline_extensions BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT (SELECT plan_id FROM tasks WHERE id = OLD.task_id) AS id UNION SELECT (SELECT plan_id FROM tasks WHERE id = NEW.task_id) AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;
CREATE TRIGGER deadline_extensions_revision_del AFTER DELETE ON deadline_extensions BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT (SELECT plan_id FROM tasks WHERE id = OLD.task_id) AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1, structure = structure + 1;
END;

-- period_locks (not structure)
CREATE TRIGGER period_locks_revision_ins AFTER INSERT ON period_locks BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT NEW.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER period_locks_revision_upd AFTER UPDATE ON period_locks BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT OLD.plan_id AS id UNION SELECT NEW.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER period_locks_revision_del AFTER DELETE ON period_locks BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT OLD.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;

-- reports (not structure)
CREATE TRIGGER reports_revision_ins AFTER INSERT ON reports BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT NEW.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER reports_revision_upd AFTER UPDATE ON reports BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT OLD.plan_id AS id UNION SELECT NEW.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER reports_revision_del AFTER DELETE ON reports BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT OLD.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;

-- units
CREATE TRIGGER units_revision_ins AFTER INSERT ON units BEGIN
    INSERT INTO data_revisions (name, revision) VALUES ('units', abs(random() % 4503599627370496) + 1)
        ON CONFLICT (name) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER units_revision_upd AFTER UPDATE ON units BEGIN
    INSERT INTO data_revisions (name, revision) VALUES ('units', abs(random() % 4503599627370496) + 1)
        ON CONFLICT (name) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER units_revision_del AFTER DELETE ON units BEGIN
    INSERT INTO data_revisions (name, revision) VALUES ('units', abs(random() % 4503599627370496) + 1)
        ON CONFLICT (name) DO UPDATE SET revision = revision + 1;
END;

-- tokens
CREATE TRIGGER tokens_revision_ins AFTER INSERT ON tokens BEGIN
    INSERT INTO data_revisions (name, revision) VALUES ('tokens', abs(random() % 4503599627370496) + 1)
        ON CONFLICT (name) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER tokens_revision_upd AFTER UPDATE ON tokens BEGIN
    INSERT INTO data_revisions (name, revision) VALUES ('tokens', abs(random() % 4503599627370496) + 1)
        ON CONFLICT (name) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER tokens_revision_del AFTER DELETE ON tokens BEGIN
    INSERT INTO data_revisions (name, revision) VALUES ('tokens', abs(random() % 4503599627370496) + 1)
        ON CONFLICT (name) DO UPDATE SET revision = revision + 1;
END;

-- Existing plans start at revision 1.
INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, 1, 1 FROM plans;
