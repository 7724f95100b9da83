// Read-model queries only the pages make: one unit's own rows on a plan's tasks,
// for a scorecard or a clerk's agenda that needs that unit's compliance and not
// every unit's (probing the primary keys (task_id, unit_id, …) once per task);
// one task's rows and the plan's report marks, for evaluating only the tasks
// whose reports changed.

import TiendoSQLite

public enum PageReads {
    /// SQLite's default bound on parameters is 32766; a plan's tasks are sent in chunks well below it.
    static let chunk = 500

    /// Every period row of `unitID` on `tasks` (the unit's own reports, any period).
    public static func periods(ofUnit unitID: String, tasks: [Int64], in c: Connection) throws -> [PeriodState] {
        var out: [PeriodState] = []
        for start in stride(from: 0, to: tasks.count, by: chunk) {
            let ids = tasks[start..<min(start + chunk, tasks.count)]
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            try c.forEach("SELECT \(ReadModelStore.periodColumns) FROM report_periods WHERE unit_id = ? AND task_id IN (\(marks))",
                          [.text(unitID)] + ids.map { .integer($0) }) { out.append(ReadModelStore.periodState($0.statement)) }
        }
        return out
    }

    /// When `unitID` first reported each of `tasks` completed (tasks it never did are absent).
    public static func firstCompleted(ofUnit unitID: String, tasks: [Int64], in c: Connection) throws -> [Int64: String] {
        var out: [Int64: String] = [:]
        for start in stride(from: 0, to: tasks.count, by: chunk) {
            let ids = tasks[start..<min(start + chunk, tasks.count)]
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            try c.forEach("""
                SELECT task_id, first_completed_at FROM report_pairs
                WHERE unit_id = ? AND task_id IN (\(marks)) AND first_completed_at IS NOT NULL
                """, [.text(unitID)] + ids.map { .integer($0) }) { row in
                out[row.statement.int64(0)] = row.statement.string(1)
            }
        }
        return out
    }

    /// Each task's report mark in a plan (migration 0012): it changes with any report of the
    /// task. A task without a row never had a report.
    public static func taskMarks(ofPlan planID: Int64, in c: Connection) throws -> [Int64: Int64] {
        var out: [Int64: Int64] = [:]
        try c.forEach("SELECT task_id, mark FROM report_marks WHERE plan_id = ?", [.integer(planID)]) { row in
            out[row.statement.int64(0)] = row.statement.int64(1)
        }
        return out
    }

    /// Every period row of one task (every unit, every period).
    public static func periods(ofTask taskID: Int64, in c: Connection) throws -> [PeriodState] {
        try ReadModelStore.periods("SELECT \(ReadModelStore.periodColumns) FROM report_periods WHERE task_id = ?", [.integer(taskID)], in: c)
    }
}
