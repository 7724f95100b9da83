// The revision counters of migrations/0002_plan_revisions.sql. Triggers bump
// them in the same transaction as every change, so a value read inside a read
// snapshot names exactly the data that snapshot sees: answers computed from it
// may be cached under it, whichever process wrote.

import TiendoSQLite

/// What a plan's computed answers (task status, summary, compliance) depend on.
/// A counter row found missing reads as -1: nothing computed then may be cached.
public struct PlanRevision: Hashable, Sendable, CustomStringConvertible {
    /// Bumped by any change to the plan, its tasks, assignees, extensions, locks or reports.
    public var plan: Int64
    /// Bumped by the same changes except reports and locks (what a plan snapshot holds).
    public var structure: Int64
    /// Bumped by any change to units (selector expansion, unit names).
    public var units: Int64
    public init(plan: Int64, structure: Int64, units: Int64) { self.plan = plan; self.structure = structure; self.units = units }
    public var description: String { "\(plan).\(units)" }
    /// False when a counter was missing: the answer must be computed and not kept.
    public var isCacheable: Bool { plan >= 0 && structure >= 0 && units >= 0 }
}

public enum RevisionStore {
    static let unitsSQL = "coalesce((SELECT \(integer("revision")) FROM data_revisions WHERE name = 'units'), -1)"

    /// `column` when it holds an integer, else NULL: a counter edited by hand into text, or
    /// pushed past 2^63 (SQLite then stores a REAL that `+ 1` never changes), counts as missing.
    static func integer(_ column: String) -> String { "CASE WHEN typeof(\(column)) = 'integer' THEN \(column) END" }

    /// The units counter; nil when its row is missing (then cache nothing that depends on units).
    public static func units(in c: Connection) throws -> Int64? { try counter("units", in: c) }

    /// The tokens counter: bumped by every token created, revoked or deleted; nil when missing.
    public static func tokens(in c: Connection) throws -> Int64? { try counter("tokens", in: c) }

    static func counter(_ name: String, in c: Connection) throws -> Int64? {
        try c.scalar("SELECT \(integer("revision")) FROM data_revisions WHERE name = ?", [.text(name)]).int64Value
    }

    /// The plan's revision, nil when there is no such plan.
    public static func plan(_ planID: Int64, in c: Connection) throws -> PlanRevision? {
        var out: PlanRevision?
        try c.forEach("""
            SELECT coalesce(\(integer("r.revision")), -1), coalesce(\(integer("r.structure")), -1), \(unitsSQL)
            FROM plans p LEFT JOIN plan_revisions r ON r.plan_id = p.id WHERE p.id = ?
            """, [.integer(planID)]) { row in
            let st = row.statement
            out = PlanRevision(plan: st.int64(0), structure: st.int64(1), units: st.int64(2))
        }
        return out
    }

    /// A task's plan and that plan's revision, nil when there is no such task.
    public static func task(_ taskID: Int64, in c: Connection) throws -> (planID: Int64, revision: PlanRevision)? {
        var out: (Int64, PlanRevision)?
        try c.forEach("""
            SELECT t.plan_id, coalesce(\(integer("r.revision")), -1), coalesce(\(integer("r.structure")), -1), \(unitsSQL)
            FROM tasks t LEFT JOIN plan_revisions r ON r.plan_id = t.plan_id WHERE t.id = ?
            """, [.integer(taskID)]) { row in
            let st = row.statement
            out = (st.int64(0), PlanRevision(plan: st.int64(1), structure: st.int64(2), units: st.int64(3)))
        }
        return out
    }
}
