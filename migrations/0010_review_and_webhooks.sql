-- Issue 14, review and webhooks. Only new tables and triggers: applies to a
-- database with data and changes none of it.

-- Reviews of report revisions (accept / return, SPEC §4 second wave). Every
-- review is kept; the latest review of the latest revision of (task, unit,
-- period) is the pair's review state, so a new revision clears a return.
CREATE TABLE report_reviews (
    id               INTEGER PRIMARY KEY,
    report_id        INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    plan_id          INTEGER NOT NULL,
    task_id          INTEGER NOT NULL,
    unit_id          TEXT NOT NULL,
    period           TEXT NOT NULL,
    revision         INTEGER NOT NULL,
    decision         TEXT NOT NULL CHECK (decision IN ('accepted', 'returned')),
    comment          TEXT,
    reviewed_by      INTEGER REFERENCES tokens(id),
    reviewer_role    TEXT,
    reviewer_unit_id TEXT,
    created_at       TEXT NOT NULL
);
CREATE INDEX report_reviews_by_report ON report_reviews(report_id, id);
CREATE INDEX report_reviews_by_plan ON report_reviews(plan_id, period);

-- Compliance and summary answers are cached under the plan's revision: a review
-- changes them, so it bumps the revision as a report does (not the structure).
CREATE TRIGGER report_reviews_revision_ins AFTER INSERT ON report_reviews BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT NEW.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER report_reviews_revision_del AFTER DELETE ON report_reviews BEGIN
    INSERT INTO plan_revisions (plan_id, revision, structure) SELECT id, abs(random() % 4503599627370496) + 1, abs(random() % 4503599627370496) + 1 FROM (SELECT OLD.plan_id AS id) WHERE id IS NOT NULL
        ON CONFLICT (plan_id) DO UPDATE SET revision = revision + 1;
END;

-- Webhook endpoints. The secret is kept as given: signing needs the key itself
-- (a hash would not do); it is never answered by the API.
CREATE TABLE webhooks (
    id          INTEGER PRIMARY KEY,
    url         TEXT NOT NULL,
    events      TEXT NOT NULL,              -- JSON array of event types
    secret      TEXT NOT NULL,
    description TEXT,
    created_by  INTEGER REFERENCES tokens(id),
    created_at  TEXT NOT NULL,
    deleted_at  TEXT
);

-- The outbox: one row per event, written in the transaction of the change that
-- caused it. `uid` is the stable id receivers see; `natural_key` makes each
-- event (a report's creation, a period falling due…) impossible to raise twice.
CREATE TABLE webhook_events (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL,
    natural_key TEXT NOT NULL UNIQUE,
    data        TEXT NOT NULL,              -- JSON object
    created_at  TEXT NOT NULL
);

-- One delivery per (endpoint, event), created with the event by the trigger
-- below, so an event committed is an event owed to every endpoint listening.
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    webhook_id      INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event_id        INTEGER NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_status     INTEGER,
    last_error      TEXT,
    delivered_at    TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at);

-- Every attempt, successful or not.
CREATE TABLE webhook_attempts (
    id           INTEGER PRIMARY KEY,
    delivery_id  INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    attempted_at TEXT NOT NULL,
    status_code  INTEGER,
    error        TEXT,
    duration_ms  INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts(delivery_id, id);

CREATE TRIGGER webhook_events_fan_out AFTER INSERT ON webhook_events BEGIN
    INSERT INTO webhook_deliveries (webhook_id, event_id, next_attempt_at, created_at)
    SELECT w.id, NEW.id, NEW.created_at, NEW.created_at FROM webhooks w
    WHERE w.deleted_at IS NULL AND EXISTS (SELECT 1 FROM json_each(w.events) WHERE value = NEW.type);
END;

-- The time-based event scheduler's progress ('last_day': the last local day it
-- raised events for), so a restart neither repeats nor skips a day.
CREATE TABLE scheduler_state (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
