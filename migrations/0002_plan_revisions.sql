-- Revision counters that change in the same transaction as the data they
-- cover. A reader reads them inside its snapshot, so an answer computed from
-- that snapshot can be cached under (what, revision) and served to any later
-- reader that sees the same revision — never a stale one, whichever process
-- wrote (the `tiendo` CLI included).
--
-- plan_revisions: one row per plan, bumped by any change to the plan, its
-- shortcomings, tasks, assignees, deadline extensions, period locks or reports.
-- data_revisions: counters for data every answer depends on: 'units' (selector
-- expansion, names) and 'tokens' (who may ask: a revoked token must stop
-- working at once, even when revoked by `tiendo token revoke` in another process).

CREATE TABLE plan_revisions (
    plan_id     INTEGER PRIMARY KEY,        -- no FK: a counter may outlive its plan
    revision    INTEGER NOT NULL
);

CREATE TABLE data_revisions (
    name        TEXT PRIMARY KEY,
    revision    INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO data_revisions (name, revision) VALUES ('units', 1), ('tokens', 1);

-- plans
CREATE TRIGGER plans_revision_ins AFTER INSERT ON plans BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (NEW.id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER plans_revision_upd AFTER UPDATE ON plans BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (NEW.id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER plans_revision_del AFTER DELETE ON plans BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (OLD.id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;

-- shortcomings
CREATE TRIGGER shortcomings_revision_ins AFTER INSERT ON shortcomings BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (NEW.plan_id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER shortcomings_revision_upd AFTER UPDATE ON shortcomings BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (NEW.plan_id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER shortcomings_revision_del AFTER DELETE ON shortcomings BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (OLD.plan_id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;

-- tasks
CREATE TRIGGER tasks_revision_ins AFTER INSERT ON tasks BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (NEW.plan_id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER tasks_revision_upd AFTER UPDATE ON tasks BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (NEW.plan_id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER tasks_revision_del AFTER DELETE ON tasks BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (OLD.plan_id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;

-- task_assignees and deadline_extensions reach their plan through the task.
CREATE TRIGGER task_assignees_revision_ins AFTER INSERT ON task_assignees BEGIN
    INSERT INTO plan_revisions (plan_id, revision) SELECT plan_id, 1 FROM tasks WHERE id = NEW.task_id
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER task_assignees_revision_upd AFTER UPDATE ON task_assignees BEGIN
    INSERT INTO plan_revisions (plan_id, revision) SELECT plan_id, 1 FROM tasks WHERE id = NEW.task_id
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER task_assignees_revision_del AFTER DELETE ON task_assignees BEGIN
    INSERT INTO plan_revisions (plan_id, revision) SELECT plan_id, 1 FROM tasks WHERE id = OLD.task_id
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER deadline_extensions_revision_ins AFTER INSERT ON deadline_extensions BEGIN
    INSERT INTO plan_revisions (plan_id, revision) SELECT plan_id, 1 FROM tasks WHERE id = NEW.task_id
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER deadline_extensions_revision_upd AFTER UPDATE ON deadline_extensions BEGIN
    INSERT INTO plan_revisions (plan_id, revision) SELECT plan_id, 1 FROM tasks WHERE id = NEW.task_id
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER deadline_extensions_revision_del AFTER DELETE ON deadline_extensions BEGIN
    INSERT INTO plan_revisions (plan_id, revision) SELECT plan_id, 1 FROM tasks WHERE id = OLD.task_id
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;

-- period_locks
CREATE TRIGGER period_locks_revision_ins AFTER INSERT ON period_locks BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (NEW.plan_id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER period_locks_revision_upd AFTER UPDATE ON period_locks BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (NEW.plan_id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER period_locks_revision_del AFTER DELETE ON period_locks BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (OLD.plan_id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;

-- reports
CREATE TRIGGER reports_revision_ins AFTER INSERT ON reports BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (NEW.plan_id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER reports_revision_upd AFTER UPDATE ON reports BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (NEW.plan_id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER reports_revision_del AFTER DELETE ON reports BEGIN
    INSERT INTO plan_revisions (plan_id, revision) VALUES (OLD.plan_id, 1)
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;

-- units: every plan's expansions (kind:district) and names depend on them.
CREATE TRIGGER units_revision_ins AFTER INSERT ON units BEGIN
    UPDATE data_revisions SET revision = revision + 1 WHERE name = 'units';
END;
CREATE TRIGGER units_revision_upd AFTER UPDATE ON units BEGIN
    UPDATE data_revisions SET revision = revision + 1 WHERE name = 'units';
END;
CREATE TRIGGER units_revision_del AFTER DELETE ON units BEGIN
    UPDATE data_revisions SET revision = revision + 1 WHERE name = 'units';
END;

-- tokens
CREATE TRIGGER tokens_revision_ins AFTER INSERT ON tokens BEGIN
    UPDATE data_revisions SET revision = revision + 1 WHERE name = 'tokens';
END;
CREATE TRIGGER tokens_revision_upd AFTER UPDATE ON tokens BEGIN
    UPDATE data_revisions SET revision = revision + 1 WHERE name = 'tokens';
END;
CREATE TRIGGER tokens_revision_del AFTER DELETE ON tokens BEGIN
    UPDATE data_revisions SET revision = revision + 1 WHERE name = 'tokens';
END;

-- Existing plans start at revision 1.
INSERT INTO plan_revisions (plan_id, revision) SELECT id, 1 FROM plans;
