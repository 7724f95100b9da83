-- Compliance, task status and the summary read, per plan, nine columns of every
-- revision (ReportStore.facts). With the old (plan_id, period, unit_id) index each row
-- cost a lookup in the table, whose pages hold a plan's reports scattered among
-- every other plan's (reports arrive quarter by quarter for all plans at once).
-- The same index carrying those columns answers the query from the index alone.
-- It keeps the old key as its prefix, so it serves every query the old one did.

DROP INDEX reports_by_plan_period;
CREATE INDEX reports_by_plan_period ON reports(
    plan_id, period, unit_id, task_id, revision, received_at, status, progress, completed_on, indicator_value
);
