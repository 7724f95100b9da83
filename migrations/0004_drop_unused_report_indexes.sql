-- Every report is written once and read many times, but it is written by the one
-- serial writer, so each index on `reports` is paid on the path every POST waits
-- on: a B-tree insert, and a WAL page (4 KiB) more per report, written again at
-- the checkpoint. Two indexes were paid for and not needed:
--   reports_by_task_received (task_id, unit_id, received_at): its prefix is the
--     UNIQUE (task_id, unit_id, period, revision) index's, which serves the same
--     queries: rule 7's history of one (task, unit), one task's revisions.
--   reports_by_unit (unit_id, task_id, period): no query leads with unit_id
--     alone (GET /reports filters scan in id order whatever the filter), and the
--     (task, unit) probes are served by the UNIQUE index.
-- Bytes written per POST /reports fell from 16.6 KiB to 11.6 KiB and the POST
-- rate rose by about a quarter (docs/performance.md).

DROP INDEX IF EXISTS reports_by_task_received;
DROP INDEX IF EXISTS reports_by_unit;
