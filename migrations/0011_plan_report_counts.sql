-- How many (task, unit, period) rows of the read model (report_periods, migration 0006)
-- each plan has: the summary's "awaiting review" count starts from it. Counting the
-- plan's rows of report_periods_by_plan on every computed summary walked ~9,000 index
-- entries on a plan of 60 tasks × 27 districts with two years of quarters (a tenth of
-- the summary's CPU); this row is kept by triggers on report_periods itself, so every
-- writer of the file keeps it, and it changes only when a (task, unit, period) gets its
-- first report (a re-submission updates report_periods and fires no INSERT trigger).

CREATE TABLE plan_report_counts (
    plan_id INTEGER PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
    periods INTEGER NOT NULL            -- rows of report_periods with this plan_id
);

CREATE TRIGGER report_periods_count_ins AFTER INSERT ON report_periods BEGIN
    INSERT INTO plan_report_counts (plan_id, periods) VALUES (NEW.plan_id, 1)
    ON CONFLICT (plan_id) DO UPDATE SET periods = periods + 1;
END;

CREATE TRIGGER report_periods_count_del AFTER DELETE ON report_periods BEGIN
    UPDATE plan_report_counts SET periods = periods - 1 WHERE plan_id = OLD.plan_id;
END;

CREATE TRIGGER report_periods_count_move AFTER UPDATE OF plan_id ON report_periods
WHEN OLD.plan_id IS NOT NEW.plan_id BEGIN
    UPDATE plan_report_counts SET periods = periods - 1 WHERE plan_id = OLD.plan_id;
    INSERT INTO plan_report_counts (plan_id, periods) VALUES (NEW.plan_id, 1)
    ON CONFLICT (plan_id) DO UPDATE SET periods = periods + 1;
END;

-- The counts of the data already there.
INSERT INTO plan_report_counts (plan_id, periods)
SELECT s.plan_id, count(*) FROM report_periods s JOIN plans p ON p.id = s.plan_id GROUP BY s.plan_id;
