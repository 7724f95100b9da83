// The audit log of plan edits (migrations/0007): who changed what, when, from what to
// what. Written by the same write closure as the change, so a change is never stored
// without its entry, nor an entry without its change.

import TiendoSQLite

public struct PlanChangeRecord: Sendable, Equatable {
    public var id: Int64
    /// nil for a change that belongs to no plan (a unit).
    public var planID: Int64?
    /// `plan`, `shortcoming`, `task`, `extension`, `period_lock`, `unit`.
    public var entity: String
    public var entityID: String
    /// `create`, `update`, `delete`, `cancel`, `restore`, `lock`, `unlock`.
    public var action: String
    /// JSON object text: {field: {"from": …, "to": …}}.
    public var changes: String
    public var tokenID: Int64?
    public var role: String?
    public var unitID: String?
    public var label: String?
    /// Server clock, RFC 3339 UTC.
    public var changedAt: String
    public init(id: Int64 = 0, planID: Int64?, entity: String, entityID: String, action: String, changes: String,
                tokenID: Int64?, role: String?, unitID: String?, label: String?, changedAt: String) {
        self.id = id; self.planID = planID; self.entity = entity; self.entityID = entityID; self.action = action
        self.changes = changes; self.tokenID = tokenID; self.role = role; self.unitID = unitID; self.label = label
        self.changedAt = changedAt
    }
}

public enum PlanChangeStore {
    static let columns = "id, plan_id, entity, entity_id, action, changes, token_id, role, unit_id, label, changed_at"

    static func record(_ r: Row) -> PlanChangeRecord {
        PlanChangeRecord(id: r.reqInt("id"), planID: r.int("plan_id"), entity: r.req("entity"), entityID: r.req("entity_id"),
                         action: r.req("action"), changes: r.req("changes"), tokenID: r.int("token_id"), role: r.string("role"),
                         unitID: r.string("unit_id"), label: r.string("label"), changedAt: r.req("changed_at"))
    }

    public static func insert(_ e: PlanChangeRecord, in c: Connection) throws {
        try c.run("""
            INSERT INTO plan_changes (plan_id, entity, entity_id, action, changes, token_id, role, unit_id, label, changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [e.planID.sqlValue, .text(e.entity), .text(e.entityID), .text(e.action), .text(e.changes), e.tokenID.sqlValue,
                  e.role.sqlValue, e.unitID.sqlValue, e.label.sqlValue, .text(e.changedAt)])
    }

    /// A plan's entries, newest first (filtered to one entity kind and id when given).
    public static func list(planID: Int64, entity: String?, entityID: String?, limit: Int, offset: Int,
                            in c: Connection) throws -> Page<PlanChangeRecord> {
        let filter = "WHERE plan_id = ?1 AND (?2 IS NULL OR entity = ?2) AND (?3 IS NULL OR entity_id = ?3)"
        let args: [SQLValue] = [.integer(planID), entity.sqlValue, entityID.sqlValue]
        let total = try c.scalar("SELECT count(*) FROM plan_changes \(filter)", args).int64Value ?? 0
        let rows = try c.query("SELECT \(columns) FROM plan_changes \(filter) ORDER BY id DESC LIMIT ?4 OFFSET ?5",
                               args + [.integer(Int64(limit)), .integer(Int64(offset))])
        return Page(items: rows.map(record), total: Int(total))
    }
}
