-- Tiến độ: the whole schema (SPEC §1–§4).
-- Dates are ISO text (YYYY-MM-DD, Asia/Ho_Chi_Minh calendar days);
-- timestamps are RFC 3339 UTC text in the fixed form YYYY-MM-DDTHH:MM:SSZ,
-- so that text comparison is chronological (used by every as_of query).
-- All text is stored NFC-normalised by the application.

CREATE TABLE units (
    id          TEXT PRIMARY KEY
                CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^a-z0-9-]*'),
    name        TEXT NOT NULL CHECK (length(name) > 0),
    name_key    TEXT NOT NULL,              -- case/diacritic folded, for q=
    kind        TEXT NOT NULL
                CHECK (kind IN ('province', 'department', 'district', 'commune', 'agency')),
    parent_id   TEXT REFERENCES units(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX units_by_kind ON units(kind, parent_id);
CREATE INDEX units_by_parent ON units(parent_id);

CREATE TABLE plans (
    id                  INTEGER PRIMARY KEY,
    number              TEXT NOT NULL,
    title               TEXT NOT NULL,
    issuer_id           TEXT NOT NULL REFERENCES units(id),
    issued_on           TEXT NOT NULL,
    signer              TEXT,
    aggregator_id       TEXT NOT NULL REFERENCES units(id),
    schedule_frequency  TEXT NOT NULL
                        CHECK (schedule_frequency IN ('monthly', 'quarterly', 'half_yearly', 'yearly', 'once')),
    schedule_due_day    INTEGER NOT NULL DEFAULT 15 CHECK (schedule_due_day BETWEEN 1 AND 31),
    schedule_strict     INTEGER NOT NULL DEFAULT 0 CHECK (schedule_strict IN (0, 1)),
    schedule_window     TEXT NOT NULL DEFAULT 'calendar' CHECK (schedule_window IN ('calendar', 'decree_09')),
    schedule_due_on     TEXT,               -- only for frequency = 'once'
    status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    closed_on           TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX plans_by_issuer ON plans(issuer_id);
CREATE INDEX plans_by_aggregator ON plans(aggregator_id);

CREATE TABLE shortcomings (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    code        TEXT,
    title       TEXT NOT NULL,
    causes      TEXT NOT NULL DEFAULT '[]', -- JSON: [{"kind": …, "text": …}]
    UNIQUE (plan_id, position)
);

CREATE TABLE tasks (
    id                  INTEGER PRIMARY KEY,
    shortcoming_id      INTEGER NOT NULL REFERENCES shortcomings(id) ON DELETE CASCADE,
    plan_id             INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    title               TEXT NOT NULL,
    deadline            TEXT NOT NULL,      -- JSON, the structured deadline incl. phrase
    deadline_kind       TEXT NOT NULL,
    due_on              TEXT,               -- original due day (NULL: from_year/continuous)
    indicator_name      TEXT,
    indicator_unit      TEXT,
    indicator_target    REAL,
    indicator_aggregate TEXT CHECK (indicator_aggregate IS NULL OR indicator_aggregate IN ('sum', 'average')),
    UNIQUE (shortcoming_id, position)
);
CREATE INDEX tasks_by_plan ON tasks(plan_id, id);

CREATE TABLE task_assignees (
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('lead', 'coordinating')),
    assignee    TEXT NOT NULL,              -- unit id, or a selector 'kind:district'
    -- After the key columns: SQLite 3.40's integrity_check wrongly reports NULLs in a
    -- WITHOUT ROWID table whose non-key column comes before a key column.
    position    INTEGER NOT NULL,
    PRIMARY KEY (task_id, role, assignee)
) WITHOUT ROWID;
CREATE INDEX task_assignees_by_assignee ON task_assignees(assignee, task_id);

CREATE TABLE deadline_extensions (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    deadline    TEXT NOT NULL,              -- JSON, structured
    due_on      TEXT,
    reason      TEXT NOT NULL,
    granted_by  INTEGER REFERENCES tokens(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX deadline_extensions_by_task ON deadline_extensions(task_id, id);

CREATE TABLE tokens (
    id          INTEGER PRIMARY KEY,
    hash        TEXT NOT NULL UNIQUE,       -- SHA-256 hex of the bearer token
    role        TEXT NOT NULL CHECK (role IN ('reporter', 'aggregator', 'admin')),
    unit_id     TEXT REFERENCES units(id),
    label       TEXT,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT,
    CHECK (role <> 'reporter' OR unit_id IS NOT NULL)
);

CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    task_id         INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id         TEXT NOT NULL REFERENCES units(id),
    period          TEXT NOT NULL,
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    report_date     TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'completed')),
    progress        REAL NOT NULL CHECK (progress BETWEEN 0 AND 100),
    completed_on    TEXT,
    result          TEXT,
    obstacles       TEXT,
    proposals       TEXT,
    indicator_value REAL,
    received_at     TEXT NOT NULL,
    submitted_by    INTEGER REFERENCES tokens(id),
    created_at      TEXT NOT NULL,
    UNIQUE (task_id, unit_id, period, revision)
);
CREATE INDEX reports_by_plan_period ON reports(plan_id, period, unit_id);
CREATE INDEX reports_by_unit ON reports(unit_id, task_id, period);
CREATE INDEX reports_by_task_received ON reports(task_id, unit_id, received_at);

CREATE TABLE period_locks (
    plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    period      TEXT NOT NULL,
    locked_at   TEXT NOT NULL,
    locked_by   INTEGER REFERENCES tokens(id),
    PRIMARY KEY (plan_id, period)
) WITHOUT ROWID;

CREATE TABLE idempotency_keys (
    token_id        INTEGER NOT NULL REFERENCES tokens(id),
    key             TEXT NOT NULL,
    method          TEXT NOT NULL,
    path            TEXT NOT NULL,
    request_hash    TEXT NOT NULL,          -- SHA-256 hex of method, path and body
    response_status INTEGER NOT NULL,
    response_body   BLOB NOT NULL,
    response_type   TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (token_id, key)
) WITHOUT ROWID;
