// Extension requests (migration 0013): a unit asks for a later deadline; the
// aggregator grants (an extension is written in the same transaction) or
// declines. At most one pending request per (task, unit).

import TiendoDomain
import TiendoSQLite

public struct ExtensionRequestRecord: Sendable, Equatable {
    public var id: Int64
    public var taskID: Int64
    public var planID: Int64
    public var unitID: String
    /// The deadline asked for, structured (JSON), and its due day.
    public var deadlineJSON: String
    public var dueOn: CivilDate?
    public var reason: String
    public var requestedBy: Int64?
    public var createdAt: String
    /// `pending`, `granted` or `declined`.
    public var state: String
    public var decidedBy: Int64?
    public var decidedAt: String?
    public var decisionComment: String?
    /// The extension a grant wrote.
    public var extensionID: Int64?

    public init(id: Int64 = 0, taskID: Int64, planID: Int64, unitID: String, deadlineJSON: String, dueOn: CivilDate?, reason: String,
                requestedBy: Int64?, createdAt: String, state: String = "pending", decidedBy: Int64? = nil, decidedAt: String? = nil,
                decisionComment: String? = nil, extensionID: Int64? = nil) {
        self.id = id; self.taskID = taskID; self.planID = planID; self.unitID = unitID; self.deadlineJSON = deadlineJSON
        self.dueOn = dueOn; self.reason = reason; self.requestedBy = requestedBy; self.createdAt = createdAt; self.state = state
        self.decidedBy = decidedBy; self.decidedAt = decidedAt; self.decisionComment = decisionComment; self.extensionID = extensionID
    }
}

public enum ExtensionRequestStore {
    static let columns = """
        id, task_id, plan_id, unit_id, deadline, due_on, reason, requested_by, created_at, state, decided_by, decided_at,
        decision_comment, extension_id
        """

    static func record(_ r: Row) -> ExtensionRequestRecord {
        ExtensionRequestRecord(id: r.reqInt("id"), taskID: r.reqInt("task_id"), planID: r.reqInt("plan_id"), unitID: r.req("unit_id"),
                               deadlineJSON: r.req("deadline"), dueOn: r.date("due_on"), reason: r.req("reason"),
                               requestedBy: r.int("requested_by"), createdAt: r.req("created_at"), state: r.req("state"),
                               decidedBy: r.int("decided_by"), decidedAt: r.string("decided_at"),
                               decisionComment: r.string("decision_comment"), extensionID: r.int("extension_id"))
    }

    public static func insert(_ e: ExtensionRequestRecord, in c: Connection) throws -> ExtensionRequestRecord {
        var out = e
        out.reason = nfc(e.reason)
        try c.run("""
            INSERT INTO extension_requests (task_id, plan_id, unit_id, deadline, due_on, reason, requested_by, created_at, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')
            """, [.integer(e.taskID), .integer(e.planID), .text(e.unitID), .text(e.deadlineJSON), e.dueOn.sqlValue,
                  .text(out.reason), e.requestedBy.sqlValue, .text(e.createdAt)])
        out.id = c.lastInsertRowID
        out.state = "pending"
        return out
    }

    public static func get(_ id: Int64, in c: Connection) throws -> ExtensionRequestRecord? {
        try c.queryOne("SELECT \(columns) FROM extension_requests WHERE id = ?", [.integer(id)]).map(record)
    }

    /// The pending request of (task, unit), if any.
    public static func pending(taskID: Int64, unitID: String, in c: Connection) throws -> ExtensionRequestRecord? {
        try c.queryOne("SELECT \(columns) FROM extension_requests WHERE task_id = ? AND unit_id = ? AND state = 'pending'",
                       [.integer(taskID), .text(unitID)]).map(record)
    }

    /// A task's requests, newest first; `unitID` narrows to one unit's.
    public static func forTask(_ taskID: Int64, unitID: String?, in c: Connection) throws -> [ExtensionRequestRecord] {
        try c.query("SELECT \(columns) FROM extension_requests WHERE task_id = ?1 AND (?2 IS NULL OR unit_id = ?2) ORDER BY id DESC",
                    [.integer(taskID), unitID.sqlValue]).map(record)
    }

    /// A plan's requests in `state` (nil: all), oldest first (the order they are to be answered).
    public static func forPlan(_ planID: Int64, state: String?, in c: Connection) throws -> [ExtensionRequestRecord] {
        try c.query("SELECT \(columns) FROM extension_requests WHERE plan_id = ?1 AND (?2 IS NULL OR state = ?2) ORDER BY id",
                    [.integer(planID), state.sqlValue]).map(record)
    }

    /// Records the decision on a pending request; false when it was no longer pending.
    public static func decide(_ id: Int64, state: String, comment: String?, by token: Int64?, at: String, extensionID: Int64?,
                              in c: Connection) throws -> Bool {
        try c.run("""
            UPDATE extension_requests SET state = ?, decision_comment = ?, decided_by = ?, decided_at = ?, extension_id = ?
            WHERE id = ? AND state = 'pending'
            """, [.text(state), comment.map(nfc).sqlValue, token.sqlValue, .text(at), extensionID.sqlValue, .integer(id)])
        return c.changes == 1
    }
}
