// Periods the aggregator has closed to new reports.

import TiendoSQLite

public enum PeriodLockStore {
    /// Locks (idempotently); returns the lock as stored (the first one wins).
    public static func lock(_ l: PeriodLockRecord, in c: Connection) throws -> PeriodLockRecord {
        try c.run("INSERT INTO period_locks (plan_id, period, locked_at, locked_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  [.integer(l.planID), .text(l.period), .text(l.lockedAt), l.lockedBy.sqlValue])
        return try get(planID: l.planID, period: l.period, in: c) ?? l
    }

    /// Returns whether a lock was removed.
    @discardableResult
    public static func unlock(planID: Int64, period: String, in c: Connection) throws -> Bool {
        try c.run("DELETE FROM period_locks WHERE plan_id = ? AND period = ?", [.integer(planID), .text(period)])
        return c.changes > 0
    }

    public static func get(planID: Int64, period: String, in c: Connection) throws -> PeriodLockRecord? {
        try c.queryOne("SELECT plan_id, period, locked_at, locked_by FROM period_locks WHERE plan_id = ? AND period = ?",
                       [.integer(planID), .text(period)]).map {
            PeriodLockRecord(planID: $0.reqInt("plan_id"), period: $0.req("period"), lockedAt: $0.req("locked_at"), lockedBy: $0.int("locked_by"))
        }
    }

    public static func forPlan(_ planID: Int64, in c: Connection) throws -> [String: PeriodLockRecord] {
        var out: [String: PeriodLockRecord] = [:]
        for r in try c.query("SELECT plan_id, period, locked_at, locked_by FROM period_locks WHERE plan_id = ?", [.integer(planID)]) {
            out[r.req("period")] = PeriodLockRecord(planID: r.reqInt("plan_id"), period: r.req("period"), lockedAt: r.req("locked_at"),
                                                    lockedBy: r.int("locked_by"))
        }
        return out
    }
}
