// Periods the aggregator has closed to new reports.

import TiendoDomain
import TiendoSQLite

public enum PeriodLockStore {
    /// Locks (idempotently); returns the lock as stored (the first one wins).
    public static func lock(_ l: PeriodLockRecord, in c: Connection) throws -> PeriodLockRecord {
        try c.run("INSERT INTO period_locks (plan_id, period, locked_at, locked_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  [.integer(l.planID), .text(l.period.description), .text(l.lockedAt), l.lockedBy.sqlValue])
        return try get(planID: l.planID, period: l.period, in: c) ?? l
    }

    /// Returns whether a lock was removed.
    @discardableResult
    public static func unlock(planID: Int64, period: ReportingPeriod, in c: Connection) throws -> Bool {
        try c.run("DELETE FROM period_locks WHERE plan_id = ? AND period = ?", [.integer(planID), .text(period.description)])
        return c.changes > 0
    }

    public static func get(planID: Int64, period: ReportingPeriod, in c: Connection) throws -> PeriodLockRecord? {
        try c.queryOne("SELECT plan_id, period, locked_at, locked_by FROM period_locks WHERE plan_id = ? AND period = ?",
                       [.integer(planID), .text(period.description)]).map(record)
    }

    /// The plan's locks by period.
    public static func forPlan(_ planID: Int64, in c: Connection) throws -> [ReportingPeriod: PeriodLockRecord] {
        var out: [ReportingPeriod: PeriodLockRecord] = [:]
        for r in try c.query("SELECT plan_id, period, locked_at, locked_by FROM period_locks WHERE plan_id = ?", [.integer(planID)]) {
            let lock = try record(r)
            out[lock.period] = lock
        }
        return out
    }

    /// A row as the record; a period the domain cannot read is `UnknownStoredValue`.
    static func record(_ r: Row) throws -> PeriodLockRecord {
        let text = r.req("period")
        guard let period = ReportingPeriod(text) else { throw UnknownStoredValue(table: "period_locks", column: "period", value: text) }
        return PeriodLockRecord(planID: r.reqInt("plan_id"), period: period, lockedAt: r.req("locked_at"), lockedBy: r.int("locked_by"))
    }
}
