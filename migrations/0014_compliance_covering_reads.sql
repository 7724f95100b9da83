-- Compliance's reads without a table probe per row (issue 11). A computed compliance
-- read the period's first arrivals through report_periods_by_plan, which held only
-- keys: one primary-key probe per (task, unit) of the period (1,157 on plan 1 of the
-- province data, a third of the answer). And it walked every report_pairs row of the
-- plan to find the few pairs completed before the window opened and the plan's latest
-- arrival. Now:
--   * plan_report_counts (0011) gets max_received_at: the plan's latest arrival, one row.
--   * report_periods gets a covering index (plan_id, period, task_id, unit_id,
--     first_received_at): one range scan. It replaces report_periods_by_plan, whose key
--     is its prefix (every query that used it uses this one).
--   * report_pairs gets (plan_id, first_completed_at): the pairs completed before a day
--     are one range; it replaces report_pairs_by_plan (same prefix).
--
-- SQLite rewrites an index on UPDATE when a column of the SET list is in it, whatever the
-- value. The 0006 trigger set first_received_at and first_completed_at on every
-- re-submission (to min(old, new)), so both indexes would be rewritten on every POST
-- (EXPLAIN shows IdxDelete + IdxInsert; +17% of SQLite's instructions per insert). The
-- trigger is re-created without them in its UPSERTs (the rest is 0006's, unchanged); each
-- moves in its own statement, which writes only when the value changes: a back-filled
-- revision older than the period's first arrival, or a pair's first `completed`.
--
-- Applies to a database with data: the new column is back-filled from report_pairs, the
-- indexes are built from the rows.

-- The plan's latest received_at of any revision (max of its report_pairs.max_received_at);
-- NULL only for a plan whose rows were all deleted. Kept on each report by
-- reports_read_model_ins below, and by these two for rows written or deleted other than
-- through it (the rebuild in 0006's UPDATE / DELETE triggers, a task deleted with its rows).
ALTER TABLE plan_report_counts ADD COLUMN max_received_at TEXT;

UPDATE plan_report_counts SET max_received_at = (SELECT max(max_received_at) FROM report_pairs WHERE plan_id = plan_report_counts.plan_id);

CREATE TRIGGER report_pairs_plan_max_ins AFTER INSERT ON report_pairs BEGIN
    UPDATE plan_report_counts SET max_received_at = NEW.max_received_at
    WHERE plan_id = NEW.plan_id AND (max_received_at IS NULL OR max_received_at < NEW.max_received_at);
END;

-- Only the row that held the maximum makes the plan's value be computed again.
CREATE TRIGGER report_pairs_plan_max_del AFTER DELETE ON report_pairs
WHEN OLD.max_received_at >= (SELECT max_received_at FROM plan_report_counts WHERE plan_id = OLD.plan_id) BEGIN
    UPDATE plan_report_counts SET max_received_at = (SELECT max(max_received_at) FROM report_pairs WHERE plan_id = OLD.plan_id)
    WHERE plan_id = OLD.plan_id;
END;

DROP TRIGGER reports_read_model_ins;
CREATE TRIGGER reports_read_model_ins AFTER INSERT ON reports BEGIN
    INSERT INTO report_periods (task_id, unit_id, period, plan_id, revisions, last_revision, first_received_at,
                                latest_received_at, latest_revision, latest_report_id, latest_status, latest_progress,
                                latest_completed_on)
    VALUES (NEW.task_id, NEW.unit_id, NEW.period, NEW.plan_id, 1, NEW.revision, NEW.received_at,
            NEW.received_at, NEW.revision, NEW.id, NEW.status, NEW.progress, NEW.completed_on)
    ON CONFLICT (task_id, unit_id, period) DO UPDATE SET
        revisions = revisions + 1,
        last_revision = max(last_revision, excluded.last_revision),
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

    -- A back-filled revision received before its period's first arrival moves it. Only a revision
    -- received before the plan's latest arrival so far can be one (that row of plan_report_counts
    -- is moved by the last statement here): for any other the key is NULL and SQLite skips the
    -- period row's lookup, so the POSTs of the day read one row of a one-page table instead.
    UPDATE report_periods SET first_received_at = NEW.received_at
    WHERE task_id = (CASE WHEN NEW.received_at < (SELECT max_received_at FROM plan_report_counts WHERE plan_id = NEW.plan_id)
                          THEN NEW.task_id END)
      AND unit_id = NEW.unit_id AND period = NEW.period AND first_received_at > NEW.received_at;

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

    -- Only a `completed` revision can move the pair's first completion (the constant test on
    -- NEW.status is made once, before any row is looked up).
    UPDATE report_pairs SET first_completed_at = NEW.received_at
    WHERE NEW.status = 'completed' AND task_id = NEW.task_id AND unit_id = NEW.unit_id
      AND (first_completed_at IS NULL OR first_completed_at > NEW.received_at);

    -- The plan's latest arrival (its row exists: the report_periods UPSERT above made it).
    UPDATE plan_report_counts SET max_received_at = NEW.received_at
    WHERE plan_id = NEW.plan_id AND (max_received_at IS NULL OR max_received_at < NEW.received_at);
END;

DROP INDEX report_periods_by_plan;
CREATE INDEX report_periods_by_plan_first ON report_periods(plan_id, period, task_id, unit_id, first_received_at);

DROP INDEX report_pairs_by_plan;
CREATE INDEX report_pairs_by_plan_completed ON report_pairs(plan_id, first_completed_at);
