-- The read model of reports (issue 11): what summary, compliance, task status, the
-- scorecard, GET /tasks and report validation need, kept current by triggers in the
-- same transaction as each INSERT into `reports`, so every writer of the file (the
-- API's writer, the CLI, the sqlite3 shell) keeps it, and no read has to walk the
-- revision history. Revisions stay immutable in `reports`; these tables only
-- summarise them. Both are rebuilt from `reports` at the end of this file.
--
-- Orders, as the domain's rules use them (TiendoDomain/Report.swift):
--   latest of one (task, unit, period): by (received_at, revision);
--   latest of one (task, unit) across periods: by (period, received_at, revision).
-- Period names of one plan share one frequency (a schedule cannot change once a
-- report exists), and within a frequency their text order is their time order.
--
-- A report row is never updated; it is deleted only with its task, which deletes
-- these rows too (ON DELETE CASCADE).

-- One row per (task, unit, period) that has a report.
CREATE TABLE report_periods (
    task_id             INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    unit_id             TEXT NOT NULL,
    period              TEXT NOT NULL,
    plan_id             INTEGER NOT NULL,
    revisions           INTEGER NOT NULL,   -- how many revisions
    last_revision       INTEGER NOT NULL,   -- max(revision): the next one is this + 1
    first_received_at   TEXT NOT NULL,      -- min(received_at): on time or late (SPEC §3)
    -- the latest revision, by (received_at, revision)
    latest_received_at  TEXT NOT NULL,
    latest_revision     INTEGER NOT NULL,
    latest_report_id    INTEGER NOT NULL,
    latest_status       TEXT NOT NULL,
    latest_progress     REAL NOT NULL,
    latest_completed_on TEXT,
    PRIMARY KEY (task_id, unit_id, period)
) WITHOUT ROWID;
CREATE INDEX report_periods_by_plan ON report_periods(plan_id, period);

-- One row per (task, unit) that has a report.
CREATE TABLE report_pairs (
    task_id             INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    unit_id             TEXT NOT NULL,
    plan_id             INTEGER NOT NULL,
    revisions           INTEGER NOT NULL,   -- how many revisions, any period
    last_report_id      INTEGER NOT NULL,   -- max(id): with `revisions`, the write stamp
    max_received_at     TEXT NOT NULL,      -- an as_of on or after its day needs no history
    first_completed_at  TEXT,               -- min(received_at) of `completed` revisions
    -- the latest revision, by (period, received_at, revision)
    latest_period       TEXT NOT NULL,
    latest_received_at  TEXT NOT NULL,
    latest_revision     INTEGER NOT NULL,
    latest_report_id    INTEGER NOT NULL,
    latest_status       TEXT NOT NULL,
    latest_progress     REAL NOT NULL,
    latest_completed_on TEXT,
    -- the latest revision carrying an indicator_value, same order (NULL: none)
    indicator_period      TEXT,
    indicator_received_at TEXT,
    indicator_revision    INTEGER,
    indicator_value       REAL,
    PRIMARY KEY (task_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX report_pairs_by_plan ON report_pairs(plan_id);

CREATE TRIGGER reports_read_model_ins AFTER INSERT ON reports BEGIN
    INSERT INTO report_periods (task_id, unit_id, period, plan_id, revisions, last_revision, first_received_at,
                                latest_received_at, latest_revision, latest_report_id, latest_status, latest_progress,
                                latest_completed_on)
    VALUES (NEW.task_id, NEW.unit_id, NEW.period, NEW.plan_id, 1, NEW.revision, NEW.received_at,
            NEW.received_at, NEW.revision, NEW.id, NEW.status, NEW.progress, NEW.completed_on)
    ON CONFLICT (task_id, unit_id, period) DO UPDATE SET
        revisions = revisions + 1,
        last_revision = max(last_revision, excluded.last_revision),
        first_received_at = min(first_received_at, excluded.first_received_at),
        latest_report_id = CASE WHEN (excluded.latest_received_at, excluded.latest_revision) > (latest_received_at, latest_revision)
                                THEN excluded.latest_report_id ELSE latest_report_id END,
        latest_status = CASE WHEN (excluded.latest_received_at, excluded.latest_revision) > (latest_received_at, latest_revision)
                             THEN excluded.latest_status ELSE latest_status END,
        latest_progress = CASE WHEN (excluded.latest_received_at, excluded.latest_revision) > (latest_received_at, latest_revision)
                               THEN excluded.latest_progress ELSE latest_progress END,
        latest_completed_on = CASE WHEN (excluded.latest_received_at, excluded.latest_revision) > (latest_received_at, latest_revision)
                                   THEN excluded.latest_completed_on ELSE latest_completed_on END,
        -- last: the comparisons above read the old values (SQLite evaluates every SET on the old row)
        latest_revision = CASE WHEN (excluded.latest_received_at, excluded.latest_revision) > (latest_received_at, latest_revision)
                               THEN excluded.latest_revision ELSE latest_revision END,
        latest_received_at = CASE WHEN (excluded.latest_received_at, excluded.latest_revision) > (latest_received_at, latest_revision)
                                  THEN excluded.latest_received_at ELSE latest_received_at END;

    INSERT INTO report_pairs (task_id, unit_id, plan_id, revisions, last_report_id, max_received_at, first_completed_at,
                              latest_period, latest_received_at, latest_revision, latest_report_id, latest_status,
                              latest_progress, latest_completed_on,
                              indicator_period, indicator_received_at, indicator_revision, indicator_value)
    VALUES (NEW.task_id, NEW.unit_id, NEW.plan_id, 1, NEW.id, NEW.received_at,
            CASE WHEN NEW.status = 'completed' THEN NEW.received_at END,
            NEW.period, NEW.received_at, NEW.revision, NEW.id, NEW.status, NEW.progress, NEW.completed_on,
            CASE WHEN NEW.indicator_value IS NOT NULL THEN NEW.period END,
            CASE WHEN NEW.indicator_value IS NOT NULL THEN NEW.received_at END,
            CASE WHEN NEW.indicator_value IS NOT NULL THEN NEW.revision END,
            NEW.indicator_value)
    ON CONFLICT (task_id, unit_id) DO UPDATE SET
        revisions = revisions + 1,
        last_report_id = max(last_report_id, excluded.last_report_id),
        max_received_at = max(max_received_at, excluded.max_received_at),
        -- min() of SQLite ignores nothing: NULL has to be handled by hand
        first_completed_at = CASE WHEN first_completed_at IS NULL THEN excluded.first_completed_at
                                  WHEN excluded.first_completed_at IS NULL THEN first_completed_at
                                  ELSE min(first_completed_at, excluded.first_completed_at) END,
        latest_report_id = CASE WHEN (excluded.latest_period, excluded.latest_received_at, excluded.latest_revision)
                                     > (latest_period, latest_received_at, latest_revision)
                                THEN excluded.latest_report_id ELSE latest_report_id END,
        latest_status = CASE WHEN (excluded.latest_period, excluded.latest_received_at, excluded.latest_revision)
                                  > (latest_period, latest_received_at, latest_revision)
                             THEN excluded.latest_status ELSE latest_status END,
        latest_progress = CASE WHEN (excluded.latest_period, excluded.latest_received_at, excluded.latest_revision)
                                    > (latest_period, latest_received_at, latest_revision)
                               THEN excluded.latest_progress ELSE latest_progress END,
        latest_completed_on = CASE WHEN (excluded.latest_period, excluded.latest_received_at, excluded.latest_revision)
                                        > (latest_period, latest_received_at, latest_revision)
                                   THEN excluded.latest_completed_on ELSE latest_completed_on END,
        latest_period = CASE WHEN (excluded.latest_period, excluded.latest_received_at, excluded.latest_revision)
                                  > (latest_period, latest_received_at, latest_revision)
                             THEN excluded.latest_period ELSE latest_period END,
        latest_revision = CASE WHEN (excluded.latest_period, excluded.latest_received_at, excluded.latest_revision)
                                    > (latest_period, latest_received_at, latest_revision)
                               THEN excluded.latest_revision ELSE latest_revision END,
        latest_received_at = CASE WHEN (excluded.latest_period, excluded.latest_received_at, excluded.latest_revision)
                                       > (latest_period, latest_received_at, latest_revision)
                                  THEN excluded.latest_received_at ELSE latest_received_at END,
        indicator_value = CASE WHEN excluded.indicator_period IS NOT NULL AND (indicator_period IS NULL
                                    OR (excluded.indicator_period, excluded.indicator_received_at, excluded.indicator_revision)
                                       > (indicator_period, indicator_received_at, indicator_revision))
                               THEN excluded.indicator_value ELSE indicator_value END,
        indicator_revision = CASE WHEN excluded.indicator_period IS NOT NULL AND (indicator_period IS NULL
                                       OR (excluded.indicator_period, excluded.indicator_received_at, excluded.indicator_revision)
                                          > (indicator_period, indicator_received_at, indicator_revision))
                                  THEN excluded.indicator_revision ELSE indicator_revision END,
        indicator_received_at = CASE WHEN excluded.indicator_period IS NOT NULL AND (indicator_period IS NULL
                                          OR (excluded.indicator_period, excluded.indicator_received_at, excluded.indicator_revision)
                                             > (indicator_period, indicator_received_at, indicator_revision))
                                     THEN excluded.indicator_received_at ELSE indicator_received_at END,
        indicator_period = CASE WHEN excluded.indicator_period IS NOT NULL AND (indicator_period IS NULL
                                     OR (excluded.indicator_period, excluded.indicator_received_at, excluded.indicator_revision)
                                        > (indicator_period, indicator_received_at, indicator_revision))
                                THEN excluded.indicator_period ELSE indicator_period END;
END;

-- What the two tables hold, computed from the revisions: the back-fill below, the
-- rebuild of a pair after an UPDATE or DELETE of a report (by hand: the API never
-- does either), and the tests that compare the kept tables with a recomputation.
CREATE VIEW report_periods_computed AS
SELECT task_id, unit_id, period, plan_id, n AS revisions, last_revision, first_received_at,
       received_at AS latest_received_at, revision AS latest_revision, id AS latest_report_id, status AS latest_status,
       progress AS latest_progress, completed_on AS latest_completed_on
FROM (SELECT r.*,
             count(*) OVER w AS n, max(revision) OVER w AS last_revision, min(received_at) OVER w AS first_received_at,
             row_number() OVER (PARTITION BY task_id, unit_id, period ORDER BY received_at DESC, revision DESC) AS k
      FROM reports r WINDOW w AS (PARTITION BY task_id, unit_id, period))
WHERE k = 1;

CREATE VIEW report_pairs_computed AS
SELECT task_id, unit_id, plan_id, n AS revisions, last_id AS last_report_id, max_received_at, first_completed_at,
       period AS latest_period, received_at AS latest_received_at, revision AS latest_revision, id AS latest_report_id,
       status AS latest_status, progress AS latest_progress, completed_on AS latest_completed_on,
       CASE WHEN iv IS NOT NULL THEN ip END AS indicator_period, CASE WHEN iv IS NOT NULL THEN ia END AS indicator_received_at,
       CASE WHEN iv IS NOT NULL THEN ir END AS indicator_revision, iv AS indicator_value
FROM (SELECT r.*,
             count(*) OVER w AS n, max(id) OVER w AS last_id, max(received_at) OVER w AS max_received_at,
             min(CASE WHEN status = 'completed' THEN received_at END) OVER w AS first_completed_at,
             row_number() OVER (PARTITION BY task_id, unit_id ORDER BY period DESC, received_at DESC, revision DESC) AS k,
             -- the latest revision with an indicator value sorts first here (when there is one)
             first_value(indicator_value) OVER wi AS iv, first_value(period) OVER wi AS ip,
             first_value(received_at) OVER wi AS ia, first_value(revision) OVER wi AS ir
      FROM reports r
      WINDOW w AS (PARTITION BY task_id, unit_id),
             wi AS (PARTITION BY task_id, unit_id
                    ORDER BY indicator_value IS NOT NULL DESC, period DESC, received_at DESC, revision DESC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
WHERE k = 1;

-- A report changed or deleted by hand: rebuild the pairs it left and joined from their
-- revisions. Not when its task is being deleted (the rows go with the task).
CREATE TRIGGER reports_read_model_del AFTER DELETE ON reports
WHEN EXISTS (SELECT 1 FROM tasks WHERE id = OLD.task_id) BEGIN
    DELETE FROM report_periods WHERE task_id = OLD.task_id AND unit_id = OLD.unit_id;
    DELETE FROM report_pairs WHERE task_id = OLD.task_id AND unit_id = OLD.unit_id;
    INSERT INTO report_periods SELECT * FROM report_periods_computed WHERE task_id = OLD.task_id AND unit_id = OLD.unit_id;
    INSERT INTO report_pairs SELECT * FROM report_pairs_computed WHERE task_id = OLD.task_id AND unit_id = OLD.unit_id;
END;

CREATE TRIGGER reports_read_model_upd AFTER UPDATE ON reports BEGIN
    DELETE FROM report_periods WHERE (task_id = OLD.task_id AND unit_id = OLD.unit_id) OR (task_id = NEW.task_id AND unit_id = NEW.unit_id);
    DELETE FROM report_pairs WHERE (task_id = OLD.task_id AND unit_id = OLD.unit_id) OR (task_id = NEW.task_id AND unit_id = NEW.unit_id);
    INSERT INTO report_periods SELECT * FROM report_periods_computed
        WHERE (task_id = OLD.task_id AND unit_id = OLD.unit_id) OR (task_id = NEW.task_id AND unit_id = NEW.unit_id);
    INSERT INTO report_pairs SELECT * FROM report_pairs_computed
        WHERE (task_id = OLD.task_id AND unit_id = OLD.unit_id) OR (task_id = NEW.task_id AND unit_id = NEW.unit_id);
END;

-- Back-fill from the reports already stored.
INSERT INTO report_periods SELECT * FROM report_periods_computed;
INSERT INTO report_pairs SELECT * FROM report_pairs_computed;
