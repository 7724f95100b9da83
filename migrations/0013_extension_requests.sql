-- Issue 13, extension requests (đề nghị gia hạn): a unit assigned to a task asks
-- the aggregator for a later deadline; the aggregator grants or declines it. A
-- grant writes the extension itself (deadline_extensions) in the same
-- transaction and points at it. Only a new table and its indexes: applies to a
-- database with data and changes none of it.
CREATE TABLE extension_requests (
    id               INTEGER PRIMARY KEY,
    task_id          INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    plan_id          INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id          TEXT NOT NULL,
    deadline         TEXT NOT NULL,              -- JSON, structured, as asked
    due_on           TEXT,
    reason           TEXT NOT NULL,
    requested_by     INTEGER REFERENCES tokens(id),
    created_at       TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'granted', 'declined')),
    decided_by       INTEGER REFERENCES tokens(id),
    decided_at       TEXT,
    decision_comment TEXT,
    extension_id     INTEGER REFERENCES deadline_extensions(id) ON DELETE SET NULL
);
-- One pending request per task and unit: a second one is refused (409), and the
-- index makes that hold even for two requests racing.
CREATE UNIQUE INDEX extension_requests_one_pending ON extension_requests(task_id, unit_id) WHERE state = 'pending';
CREATE INDEX extension_requests_by_task ON extension_requests(task_id, id);
CREATE INDEX extension_requests_by_plan ON extension_requests(plan_id, state, id);
