-- Issue 14, the reporting cycle: working days, unit contacts, calendar feeds.
-- Applies to a database with data: only new tables and added columns, every new
-- column with a default that keeps today's behaviour.

-- The working-day calendar (Bộ luật Lao động 2019 Điều 112 public holidays, and
-- the days off and swaps the government announces each year). Weekends are not
-- listed: Saturday and Sunday are off unless a 'working_day' row says a swapped
-- Saturday is worked. source: 'decision' = from the published notice of that
-- year; 'computed' = lunar dates converted and compensatory days derived by the
-- Labour Code's rule, to be checked when the year's notice is published
-- (docs/rules.md, "Working days"). PUT /api/v1/holidays/{year} replaces a year.
CREATE TABLE holidays (
    day     TEXT PRIMARY KEY CHECK (length(day) = 10 AND day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    kind    TEXT NOT NULL CHECK (kind IN ('day_off', 'working_day')),
    name    TEXT NOT NULL CHECK (length(name) > 0),
    source  TEXT NOT NULL DEFAULT 'decision' CHECK (source IN ('decision', 'computed'))
) WITHOUT ROWID;

INSERT INTO holidays (day, kind, name, source) VALUES
    ('2022-01-01', 'day_off', 'Tết Dương lịch', 'decision'),
    ('2022-01-03', 'day_off', 'Nghỉ bù Tết Dương lịch', 'decision'),
    ('2022-01-31', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2022-02-01', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2022-02-02', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2022-02-03', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2022-02-04', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2022-04-10', 'day_off', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'decision'),
    ('2022-04-11', 'day_off', 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'decision'),
    ('2022-04-30', 'day_off', 'Ngày Chiến thắng (30/4)', 'decision'),
    ('2022-05-01', 'day_off', 'Ngày Quốc tế Lao động (1/5)', 'decision'),
    ('2022-05-02', 'day_off', 'Nghỉ bù ngày Chiến thắng (30/4)', 'decision'),
    ('2022-05-03', 'day_off', 'Nghỉ bù ngày Quốc tế Lao động (1/5)', 'decision'),
    ('2022-09-01', 'day_off', 'Quốc khánh (2/9)', 'decision'),
    ('2022-09-02', 'day_off', 'Quốc khánh (2/9)', 'decision'),
    ('2023-01-01', 'day_off', 'Tết Dương lịch', 'decision'),
    ('2023-01-02', 'day_off', 'Nghỉ bù Tết Dương lịch', 'decision'),
    ('2023-01-20', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2023-01-21', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2023-01-22', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2023-01-23', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2023-01-24', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2023-01-25', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2023-01-26', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2023-04-29', 'day_off', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'decision'),
    ('2023-04-30', 'day_off', 'Ngày Chiến thắng (30/4)', 'decision'),
    ('2023-05-01', 'day_off', 'Ngày Quốc tế Lao động (1/5)', 'decision'),
    ('2023-05-02', 'day_off', 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'decision'),
    ('2023-05-03', 'day_off', 'Nghỉ bù ngày Chiến thắng (30/4)', 'decision'),
    ('2023-09-01', 'day_off', 'Quốc khánh (2/9)', 'decision'),
    ('2023-09-02', 'day_off', 'Quốc khánh (2/9)', 'decision'),
    ('2023-09-04', 'day_off', 'Nghỉ bù Quốc khánh (2/9)', 'decision'),
    ('2024-01-01', 'day_off', 'Tết Dương lịch', 'decision'),
    ('2024-02-08', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2024-02-09', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2024-02-10', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2024-02-11', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2024-02-12', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2024-02-13', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2024-02-14', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2024-04-18', 'day_off', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'decision'),
    ('2024-04-29', 'day_off', 'Nghỉ hoán đổi (làm bù thứ Bảy 04/5/2024)', 'decision'),
    ('2024-04-30', 'day_off', 'Ngày Chiến thắng (30/4)', 'decision'),
    ('2024-05-01', 'day_off', 'Ngày Quốc tế Lao động (1/5)', 'decision'),
    ('2024-05-04', 'working_day', 'Làm bù cho thứ Hai 29/4/2024', 'decision'),
    ('2024-09-02', 'day_off', 'Quốc khánh (2/9)', 'decision'),
    ('2024-09-03', 'day_off', 'Quốc khánh (2/9)', 'decision'),
    ('2025-01-01', 'day_off', 'Tết Dương lịch', 'decision'),
    ('2025-01-27', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2025-01-28', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2025-01-29', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2025-01-30', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2025-01-31', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2025-04-07', 'day_off', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'decision'),
    ('2025-04-26', 'working_day', 'Làm bù cho thứ Sáu 02/5/2025', 'decision'),
    ('2025-04-30', 'day_off', 'Ngày Chiến thắng (30/4)', 'decision'),
    ('2025-05-01', 'day_off', 'Ngày Quốc tế Lao động (1/5)', 'decision'),
    ('2025-05-02', 'day_off', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)', 'decision'),
    ('2025-09-01', 'day_off', 'Quốc khánh (2/9)', 'decision'),
    ('2025-09-02', 'day_off', 'Quốc khánh (2/9)', 'decision'),
    ('2026-01-01', 'day_off', 'Tết Dương lịch', 'decision'),
    ('2026-01-02', 'day_off', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)', 'decision'),
    ('2026-01-10', 'working_day', 'Làm bù cho thứ Sáu 02/01/2026', 'decision'),
    ('2026-02-16', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2026-02-17', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2026-02-18', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2026-02-19', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2026-02-20', 'day_off', 'Tết Nguyên đán', 'decision'),
    ('2026-04-26', 'day_off', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'decision'),
    ('2026-04-27', 'day_off', 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'decision'),
    ('2026-04-30', 'day_off', 'Ngày Chiến thắng (30/4)', 'decision'),
    ('2026-05-01', 'day_off', 'Ngày Quốc tế Lao động (1/5)', 'decision'),
    ('2026-08-22', 'working_day', 'Làm bù cho thứ Hai 31/8/2026', 'decision'),
    ('2026-08-31', 'day_off', 'Nghỉ hoán đổi (làm bù thứ Bảy 22/8/2026)', 'decision'),
    ('2026-09-01', 'day_off', 'Quốc khánh (2/9)', 'decision'),
    ('2026-09-02', 'day_off', 'Quốc khánh (2/9)', 'decision'),
    ('2026-11-24', 'day_off', 'Ngày Văn hóa Việt Nam (24/11)', 'computed'),
    ('2027-01-01', 'day_off', 'Tết Dương lịch', 'computed'),
    ('2027-02-04', 'day_off', 'Tết Nguyên đán', 'computed'),
    ('2027-02-05', 'day_off', 'Tết Nguyên đán', 'computed'),
    ('2027-02-06', 'day_off', 'Tết Nguyên đán', 'computed'),
    ('2027-02-07', 'day_off', 'Tết Nguyên đán', 'computed'),
    ('2027-02-08', 'day_off', 'Tết Nguyên đán', 'computed'),
    ('2027-02-09', 'day_off', 'Tết Nguyên đán', 'computed'),
    ('2027-02-10', 'day_off', 'Tết Nguyên đán', 'computed'),
    ('2027-04-16', 'day_off', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'computed'),
    ('2027-04-30', 'day_off', 'Ngày Chiến thắng (30/4)', 'computed'),
    ('2027-05-01', 'day_off', 'Ngày Quốc tế Lao động (1/5)', 'computed'),
    ('2027-05-03', 'day_off', 'Nghỉ bù ngày Quốc tế Lao động (1/5)', 'computed'),
    ('2027-09-02', 'day_off', 'Quốc khánh (2/9)', 'computed'),
    ('2027-09-03', 'day_off', 'Quốc khánh (2/9)', 'computed'),
    ('2027-11-24', 'day_off', 'Ngày Văn hóa Việt Nam (24/11)', 'computed');

-- A plan whose schedule says working_days = 'next' computes its due days from
-- this table, and cached plan snapshots are keyed by plan revision: any change
-- here moves every plan's revision (a handful of rows a year, a few plans).
CREATE TRIGGER holidays_revision_ins AFTER INSERT ON holidays BEGIN
    UPDATE plan_revisions SET revision = revision + 1, structure = structure + 1;
END;
CREATE TRIGGER holidays_revision_upd AFTER UPDATE ON holidays BEGIN
    UPDATE plan_revisions SET revision = revision + 1, structure = structure + 1;
END;
CREATE TRIGGER holidays_revision_del AFTER DELETE ON holidays BEGIN
    UPDATE plan_revisions SET revision = revision + 1, structure = structure + 1;
END;

-- 'none': due days stay where the plan puts them (the behaviour before);
-- 'next': a due day on a weekend or day off moves to the next working day.
ALTER TABLE plans ADD COLUMN schedule_working_days TEXT NOT NULL DEFAULT 'none'
    CHECK (schedule_working_days IN ('none', 'next'));

-- A 'once' report due by a time of day ("trước 14 giờ, ngày 05/12/2017"): HH:MM local.
ALTER TABLE plans ADD COLUMN schedule_due_time TEXT
    CHECK (schedule_due_time IS NULL OR (length(schedule_due_time) = 5 AND schedule_due_time GLOB '[0-2][0-9]:[0-5][0-9]'));

-- Who to call when a report is owed (GET /plans/{id}/reminders).
ALTER TABLE units ADD COLUMN contact_name TEXT;
ALTER TABLE units ADD COLUMN phone TEXT;
ALTER TABLE units ADD COLUMN email TEXT;

-- "Nothing new this period" (status "unchanged" in a POST): the row stores the
-- status, progress and completed_on carried forward from the unit's previous
-- report on the task, and this flag says they were carried, not re-reported.
ALTER TABLE reports ADD COLUMN unchanged INTEGER NOT NULL DEFAULT 0 CHECK (unchanged IN (0, 1));

-- One iCalendar feed per unit; the URL's secret is stored only as its SHA-256.
CREATE TABLE calendar_feeds (
    unit_id     TEXT PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES tokens(id)
) WITHOUT ROWID;
