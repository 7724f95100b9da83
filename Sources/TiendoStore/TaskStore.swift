// Tasks, their assignees and deadline extensions.

import TiendoDomain
import TiendoSQLite

public enum TaskStore {
    static let columns = """
        id, shortcoming_id, plan_id, position, title, deadline, deadline_kind, due_on,
        indicator_name, indicator_unit, indicator_target, indicator_aggregate, cancelled_at, cancel_reason
        """

    static func record(_ r: Row, assignees: [Int64: (lead: [String], coordinating: [String])]) throws -> TaskRecord {
        let id = r.reqInt("id")
        var indicator: IndicatorRecord? = nil
        if let name = r.string("indicator_name") {
            indicator = IndicatorRecord(name: name, unit: r.string("indicator_unit"), target: r.double("indicator_target"),
                                        aggregate: r.string("indicator_aggregate") ?? "sum")
        }
        let a = assignees[id] ?? ([], [])
        return TaskRecord(id: id, shortcomingID: r.reqInt("shortcoming_id"), planID: r.reqInt("plan_id"),
                          position: Int(r.reqInt("position")), title: r.req("title"), deadlineJSON: r.req("deadline"),
                          deadlineKind: try r.value("deadline_kind", of: "tasks"), dueOn: r.date("due_on"), indicator: indicator,
                          lead: a.lead, coordinating: a.coordinating,
                          cancelledAt: r.string("cancelled_at"), cancelReason: r.string("cancel_reason"))
    }

    /// Inserts the task row and its assignees; returns the new id.
    public static func insert(_ t: TaskRecord, in c: Connection) throws -> Int64 {
        try c.run("""
            INSERT INTO tasks (shortcoming_id, plan_id, position, title, deadline, deadline_kind, due_on,
                indicator_name, indicator_unit, indicator_target, indicator_aggregate)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(t.shortcomingID), .integer(t.planID), .integer(Int64(t.position)), .text(nfc(t.title)),
                  .text(t.deadlineJSON), .text(t.deadlineKind.rawValue), t.dueOn.sqlValue, t.indicator.map { nfc($0.name) }.sqlValue,
                  t.indicator?.unit.map(nfc).sqlValue ?? .null, t.indicator?.target.sqlValue ?? .null,
                  t.indicator?.aggregate.sqlValue ?? .null])
        let id = c.lastInsertRowID
        try insertAssignees(id, role: "lead", t.lead, in: c)
        try insertAssignees(id, role: "coordinating", t.coordinating, in: c)
        return id
    }

    static func insertAssignees(_ taskID: Int64, role: String, _ list: [String], in c: Connection) throws {
        for (i, a) in list.enumerated() {
            try c.run("INSERT INTO task_assignees (task_id, role, position, assignee) VALUES (?, ?, ?, ?)",
                      [.integer(taskID), .text(role), .integer(Int64(i)), .text(a)])
        }
    }

    /// Writes the editable fields of a stored task (title, deadline, indicator, cancellation)
    /// and replaces an assignee list only when it changed.
    public static func update(_ t: TaskRecord, previous: TaskRecord, in c: Connection) throws {
        try c.run("""
            UPDATE tasks SET title = ?, deadline = ?, deadline_kind = ?, due_on = ?, indicator_name = ?, indicator_unit = ?,
                indicator_target = ?, indicator_aggregate = ?, cancelled_at = ?, cancel_reason = ?
            WHERE id = ?
            """, [.text(nfc(t.title)), .text(t.deadlineJSON), .text(t.deadlineKind.rawValue), t.dueOn.sqlValue,
                  t.indicator.map { nfc($0.name) }.sqlValue, t.indicator?.unit.map(nfc).sqlValue ?? .null,
                  t.indicator?.target.sqlValue ?? .null, t.indicator?.aggregate.sqlValue ?? .null,
                  t.cancelledAt.sqlValue, t.cancelReason.map(nfc).sqlValue, .integer(t.id)])
        for (role, new, old) in [("lead", t.lead, previous.lead), ("coordinating", t.coordinating, previous.coordinating)] where new != old {
            try c.run("DELETE FROM task_assignees WHERE task_id = ? AND role = ?", [.integer(t.id), .text(role)])
            try insertAssignees(t.id, role: role, new, in: c)
        }
    }

    /// Deletes a task (its assignees and extensions go with it: ON DELETE CASCADE).
    public static func delete(_ id: Int64, in c: Connection) throws {
        try c.run("DELETE FROM tasks WHERE id = ?", [.integer(id)])
    }

    /// How many tasks the plan has (POST /plans allows at most 5000).
    public static func count(inPlan planID: Int64, in c: Connection) throws -> Int {
        Int(try c.scalar("SELECT count(*) FROM tasks WHERE plan_id = ?", [.integer(planID)]).int64Value ?? 0)
    }

    public static func reportCount(_ taskID: Int64, in c: Connection) throws -> Int {
        Int(try c.scalar("SELECT count(*) FROM reports WHERE task_id = ?", [.integer(taskID)]).int64Value ?? 0)
    }

    /// The position after the shortcoming's last task.
    public static func nextPosition(in shortcomingID: Int64, in c: Connection) throws -> Int {
        Int(try c.scalar("SELECT coalesce(max(position) + 1, 0) FROM tasks WHERE shortcoming_id = ?", [.integer(shortcomingID)]).int64Value ?? 0)
    }

    static func assignees(where clause: String, _ args: [SQLValue], in c: Connection) throws
        -> [Int64: (lead: [String], coordinating: [String])] {
        var out: [Int64: (lead: [String], coordinating: [String])] = [:]
        for r in try c.query("SELECT a.task_id, a.role, a.assignee FROM task_assignees a \(clause) ORDER BY a.task_id, a.role, a.position", args) {
            let id = r.reqInt("task_id")
            var e = out[id] ?? ([], [])
            if r.req("role") == "lead" { e.lead.append(r.req("assignee")) } else { e.coordinating.append(r.req("assignee")) }
            out[id] = e
        }
        return out
    }

    public static func get(_ id: Int64, in c: Connection) throws -> TaskRecord? {
        guard let row = try c.queryOne("SELECT \(columns) FROM tasks WHERE id = ?", [.integer(id)]) else { return nil }
        return try record(row, assignees: try assignees(where: "WHERE a.task_id = ?", [.integer(id)], in: c))
    }

    /// The plan's tasks in document order.
    public static func forPlan(_ planID: Int64, in c: Connection) throws -> [TaskRecord] {
        let a = try assignees(where: "JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = ?", [.integer(planID)], in: c)
        return try c.query("""
            SELECT t.id, t.shortcoming_id, t.plan_id, t.position, t.title, t.deadline, t.deadline_kind, t.due_on,
                   t.indicator_name, t.indicator_unit, t.indicator_target, t.indicator_aggregate, t.cancelled_at, t.cancel_reason
            FROM tasks t JOIN shortcomings s ON s.id = t.shortcoming_id
            WHERE t.plan_id = ? ORDER BY s.position, t.position
            """, [.integer(planID)]).map { try record($0, assignees: a) }
    }

    /// Every task of every plan (ordered by plan, then document order).
    public static func all(in c: Connection) throws -> [TaskRecord] {
        let a = try assignees(where: "", [], in: c)
        return try c.query("""
            SELECT t.id, t.shortcoming_id, t.plan_id, t.position, t.title, t.deadline, t.deadline_kind, t.due_on,
                   t.indicator_name, t.indicator_unit, t.indicator_target, t.indicator_aggregate, t.cancelled_at, t.cancel_reason
            FROM tasks t JOIN shortcomings s ON s.id = t.shortcoming_id
            ORDER BY t.plan_id, s.position, t.position
            """).map { try record($0, assignees: a) }
    }

    /// Shortcoming code/title of a task, for answers.
    public static func shortcoming(of taskID: Int64, in c: Connection) throws -> (id: Int64, code: String?, title: String)? {
        try c.queryOne("SELECT s.id, s.code, s.title FROM shortcomings s JOIN tasks t ON t.shortcoming_id = s.id WHERE t.id = ?",
                       [.integer(taskID)]).map { ($0.reqInt("id"), $0.string("code"), $0.req("title")) }
    }

    // MARK: extensions

    public static func addExtension(_ e: ExtensionRecord, in c: Connection) throws -> ExtensionRecord {
        try c.run("INSERT INTO deadline_extensions (task_id, deadline, due_on, reason, granted_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                  [.integer(e.taskID), .text(e.deadlineJSON), e.dueOn.sqlValue, .text(nfc(e.reason)), e.grantedBy.sqlValue, .text(e.createdAt)])
        var out = e
        out.id = c.lastInsertRowID
        return out
    }

    static func extensionRecord(_ r: Row) -> ExtensionRecord {
        ExtensionRecord(id: r.reqInt("id"), taskID: r.reqInt("task_id"), deadlineJSON: r.req("deadline"), dueOn: r.date("due_on"),
                        reason: r.req("reason"), grantedBy: r.int("granted_by"), createdAt: r.req("created_at"))
    }

    /// A task's extensions, oldest first.
    public static func extensions(of taskID: Int64, in c: Connection) throws -> [ExtensionRecord] {
        try c.query("SELECT id, task_id, deadline, due_on, reason, granted_by, created_at FROM deadline_extensions WHERE task_id = ? ORDER BY id",
                    [.integer(taskID)]).map(extensionRecord)
    }

    /// Extensions of every task of a plan, by task id (oldest first).
    public static func extensions(ofPlan planID: Int64, in c: Connection) throws -> [Int64: [ExtensionRecord]] {
        var out: [Int64: [ExtensionRecord]] = [:]
        for r in try c.query("""
            SELECT e.id, e.task_id, e.deadline, e.due_on, e.reason, e.granted_by, e.created_at
            FROM deadline_extensions e JOIN tasks t ON t.id = e.task_id WHERE t.plan_id = ? ORDER BY e.id
            """, [.integer(planID)]) {
            let e = extensionRecord(r)
            out[e.taskID, default: []].append(e)
        }
        return out
    }
}
