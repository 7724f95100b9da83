// The revision counters of migrations/0002_plan_revisions.sql. Triggers bump
// them in the same transaction as every change, so a value read inside a read
// snapshot names exactly the data that snapshot sees: answers computed from it
// may be cached under it, whichever process wrote.

import TiendoSQLite

/// What a plan's computed answers (task status, summary, compliance) depend on.
public struct PlanRevision: Hashable, Sendable, CustomStringConvertible {
    /// Bumped by any change to the plan, its tasks, assignees, extensions, locks or reports.
    public var plan: Int64
    /// Bumped by any change to units (selector expansion, unit names).
    public var units: Int64
    public init(plan: Int64, units: Int64) { self.plan = plan; self.units = units }
    public var description: String { "\(plan).\(units)" }
}

public enum RevisionStore {
    static let unitsSQL = "SELECT revision FROM data_revisions WHERE name = 'units'"

    /// The units counter.
    public static func units(in c: Connection) throws -> Int64 {
        try c.scalar(unitsSQL).int64Value ?? 0
    }

    /// The tokens counter: bumped by every token created, revoked or deleted.
    public static func tokens(in c: Connection) throws -> Int64 {
        try c.scalar("SELECT revision FROM data_revisions WHERE name = 'tokens'").int64Value ?? 0
    }

    /// The plan's revision, nil when there is no such plan.
    public static func plan(_ planID: Int64, in c: Connection) throws -> PlanRevision? {
        var out: PlanRevision?
        try c.forEach("""
            SELECT coalesce((SELECT revision FROM plan_revisions WHERE plan_id = p.id), 0), (\(unitsSQL))
            FROM plans p WHERE p.id = ?
            """, [.integer(planID)]) { row in
            out = PlanRevision(plan: row.statement.int64(0), units: row.statement.int64(1))
        }
        return out
    }

    /// A task's plan and that plan's revision, nil when there is no such task.
    public static func task(_ taskID: Int64, in c: Connection) throws -> (planID: Int64, revision: PlanRevision)? {
        var out: (Int64, PlanRevision)?
        try c.forEach("""
            SELECT t.plan_id, coalesce((SELECT revision FROM plan_revisions WHERE plan_id = t.plan_id), 0), (\(unitsSQL))
            FROM tasks t WHERE t.id = ?
            """, [.integer(taskID)]) { row in
            out = (row.statement.int64(0), PlanRevision(plan: row.statement.int64(1), units: row.statement.int64(2)))
        }
        return out
    }
}
