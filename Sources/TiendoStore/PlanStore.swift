// Plans with their shortcomings, tasks and assignees, written as one tree.

import Foundation
import TiendoDomain
import TiendoSQLite

public enum PlanStore {
    static let columns = """
        id, number, title, issuer_id, issued_on, signer, aggregator_id, schedule_frequency, schedule_due_day,
        schedule_strict, schedule_window, schedule_due_on, status, closed_on, created_at, updated_at, schedule_working_days,
        schedule_due_time
        """

    static func record(_ r: Row) throws -> PlanRecord {
        var schedule = ReportSchedule(
            frequency: Frequency(rawValue: r.req("schedule_frequency")) ?? .quarterly,
            dueDay: Int(r.int("schedule_due_day") ?? 15),
            strict: r.bool("schedule_strict") ?? false,
            onceDueOn: r.date("schedule_due_on"),
            window: ReportWindow(rawValue: r.req("schedule_window")) ?? .calendar,
            workingDays: WorkingDayRule(rawValue: r.string("schedule_working_days") ?? "none") ?? .none)
        schedule.onceDueTime = r.string("schedule_due_time").flatMap(TimeOfDay.init)
        return PlanRecord(id: r.reqInt("id"), number: r.req("number"), title: r.req("title"), issuerID: r.req("issuer_id"),
                          issuedOn: r.date("issued_on") ?? CivilDate(daysSinceEpoch: 0), signer: r.string("signer"),
                          aggregatorID: r.req("aggregator_id"), schedule: schedule, status: try r.value("status", of: "plans"),
                          closedOn: r.date("closed_on"), createdAt: r.req("created_at"), updatedAt: r.req("updated_at"))
    }

    /// Inserts the plan and its whole tree; returns the stored tree with ids.
    /// Call inside a transaction (or `Database.write`) so a failure stores nothing.
    public static func insert(_ p: PlanRecord, shortcomings: [ShortcomingRecord], in c: Connection) throws
        -> (PlanRecord, [ShortcomingRecord]) {
        try c.run("""
            INSERT INTO plans (number, title, issuer_id, issued_on, signer, aggregator_id, schedule_frequency,
                schedule_due_day, schedule_strict, schedule_window, schedule_due_on, status, closed_on, created_at, updated_at,
                schedule_working_days, schedule_due_time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(nfc(p.number)), .text(nfc(p.title)), .text(p.issuerID), p.issuedOn.sqlValue, p.signer.map(nfc).sqlValue,
                  .text(p.aggregatorID), .text(p.schedule.frequency.rawValue), .integer(Int64(p.schedule.dueDay)),
                  .integer(p.schedule.strict ? 1 : 0), .text(p.schedule.window.rawValue), p.schedule.onceDueOn.sqlValue,
                  .text(p.status.rawValue), p.closedOn.sqlValue, .text(p.createdAt), .text(p.updatedAt), .text(p.schedule.workingDays.rawValue),
                  p.schedule.onceDueTime.map { .text($0.description) } ?? .null])
        var plan = p
        plan.id = c.lastInsertRowID
        var stored: [ShortcomingRecord] = []
        for (si, s) in shortcomings.enumerated() {
            stored.append(try insertShortcoming(s, planID: plan.id, position: si, in: c))
        }
        return (plan, stored)
    }

    static func causesText(_ causes: [CauseRecord]) throws -> String {
        String(decoding: try JSONEncoder().encode(causes.map { CauseRecord(kind: $0.kind, text: nfc($0.text)) }), as: UTF8.self)
    }

    /// Inserts one shortcoming with its tasks at `position` (nil: after the plan's last one);
    /// returns it with ids.
    public static func insertShortcoming(_ s: ShortcomingRecord, planID: Int64, position: Int? = nil, in c: Connection) throws
        -> ShortcomingRecord {
        var sc = s
        sc.planID = planID
        if let position { sc.position = position } else {
            sc.position = Int(try c.scalar("SELECT coalesce(max(position) + 1, 0) FROM shortcomings WHERE plan_id = ?",
                                           [.integer(planID)]).int64Value ?? 0)
        }
        try c.run("INSERT INTO shortcomings (plan_id, position, code, title, causes) VALUES (?, ?, ?, ?, ?)",
                  [.integer(planID), .integer(Int64(sc.position)), s.code.map(nfc).sqlValue, .text(nfc(s.title)), .text(try causesText(s.causes))])
        sc.id = c.lastInsertRowID
        sc.tasks = []
        for (ti, t) in s.tasks.enumerated() {
            var task = t
            task.shortcomingID = sc.id
            task.planID = planID
            task.position = ti
            task.id = try TaskStore.insert(task, in: c)
            sc.tasks.append(task)
        }
        return sc
    }

    /// Writes a shortcoming's code, title and causes.
    public static func updateShortcoming(_ s: ShortcomingRecord, in c: Connection) throws {
        try c.run("UPDATE shortcomings SET code = ?, title = ?, causes = ? WHERE id = ?",
                  [s.code.map(nfc).sqlValue, .text(nfc(s.title)), .text(try causesText(s.causes)), .integer(s.id)])
    }

    /// Deletes a shortcoming and its tasks (ON DELETE CASCADE).
    public static func deleteShortcoming(_ id: Int64, in c: Connection) throws {
        try c.run("DELETE FROM shortcomings WHERE id = ?", [.integer(id)])
    }

    public static func shortcomingReportCount(_ id: Int64, in c: Connection) throws -> Int {
        Int(try c.scalar("SELECT count(*) FROM reports r JOIN tasks t ON t.id = r.task_id WHERE t.shortcoming_id = ?",
                         [.integer(id)]).int64Value ?? 0)
    }

    /// Deletes a plan and everything under it (shortcomings, tasks, extensions, locks:
    /// ON DELETE CASCADE). The audit log stays.
    public static func delete(_ id: Int64, in c: Connection) throws {
        try c.run("DELETE FROM plans WHERE id = ?", [.integer(id)])
    }

    public static func get(_ id: Int64, in c: Connection) throws -> PlanRecord? {
        try withCalendar(try c.queryOne("SELECT \(columns) FROM plans WHERE id = ?", [.integer(id)]).map(record).map { [$0] } ?? [], c).first
    }

    /// Attaches the working-day calendar to the schedules that move due days (`working_days: next`).
    static func withCalendar(_ plans: [PlanRecord], _ c: Connection) throws -> [PlanRecord] {
        guard plans.contains(where: { $0.schedule.workingDays == .next }) else { return plans }
        let calendar = try HolidayStore.calendar(in: c)
        return plans.map { p in
            var p = p
            if p.schedule.workingDays == .next { p.schedule.calendar = calendar }
            return p
        }
    }

    /// One shortcoming, without its tasks (`tasks` is empty).
    public static func shortcoming(_ id: Int64, in c: Connection) throws -> ShortcomingRecord? {
        try c.queryOne("SELECT id, plan_id, position, code, title, causes FROM shortcomings WHERE id = ?", [.integer(id)]).map { r in
            let causes = (try? JSONDecoder().decode([CauseRecord].self, from: Data(r.req("causes").utf8))) ?? []
            return ShortcomingRecord(id: r.reqInt("id"), planID: r.reqInt("plan_id"), position: Int(r.reqInt("position")),
                                     code: r.string("code"), title: r.req("title"), causes: causes, tasks: [])
        }
    }

    /// The plan's shortcomings (in order) with their tasks.
    public static func tree(_ planID: Int64, in c: Connection) throws -> [ShortcomingRecord] {
        let tasks = try TaskStore.forPlan(planID, in: c)
        var byShortcoming: [Int64: [TaskRecord]] = [:]
        for t in tasks { byShortcoming[t.shortcomingID, default: []].append(t) }
        return try c.query("SELECT id, plan_id, position, code, title, causes FROM shortcomings WHERE plan_id = ? ORDER BY position",
                           [.integer(planID)]).map { r in
            let causes = (try? JSONDecoder().decode([CauseRecord].self, from: Data(r.req("causes").utf8))) ?? []
            let id = r.reqInt("id")
            return ShortcomingRecord(id: id, planID: planID, position: Int(r.reqInt("position")), code: r.string("code"),
                                     title: r.req("title"), causes: causes, tasks: byShortcoming[id] ?? [])
        }
    }

    /// Plans, newest first; optionally only those a unit takes part in (as
    /// issuer, aggregator or assignee — `selectors` are the `kind:…` selectors
    /// that cover the unit).
    public static func list(status: String?, limit: Int, offset: Int, in c: Connection) throws -> Page<PlanRecord> {
        let filter = "WHERE (?1 IS NULL OR status = ?1)"
        let total = try c.scalar("SELECT count(*) FROM plans \(filter)", [status.sqlValue]).int64Value ?? 0
        let rows = try c.query("SELECT \(columns) FROM plans \(filter) ORDER BY id LIMIT ?2 OFFSET ?3",
                               [status.sqlValue, .integer(Int64(limit)), .integer(Int64(offset))])
        return Page(items: try withCalendar(try rows.map(record), c), total: Int(total))
    }

    public static func all(in c: Connection) throws -> [PlanRecord] {
        try withCalendar(try c.query("SELECT \(columns) FROM plans ORDER BY id").map(record), c)
    }

    /// Writes the mutable fields of a plan (number, title, signer, aggregator, status, closed_on, schedule).
    public static func update(_ p: PlanRecord, in c: Connection) throws {
        try c.run("""
            UPDATE plans SET number = ?, title = ?, signer = ?, aggregator_id = ?, status = ?, closed_on = ?,
                schedule_frequency = ?, schedule_due_day = ?, schedule_strict = ?, schedule_window = ?, schedule_due_on = ?,
                schedule_working_days = ?, schedule_due_time = ?, updated_at = ?
            WHERE id = ?
            """, [.text(nfc(p.number)), .text(nfc(p.title)), p.signer.map(nfc).sqlValue, .text(p.aggregatorID), .text(p.status.rawValue), p.closedOn.sqlValue,
                  .text(p.schedule.frequency.rawValue), .integer(Int64(p.schedule.dueDay)), .integer(p.schedule.strict ? 1 : 0),
                  .text(p.schedule.window.rawValue), p.schedule.onceDueOn.sqlValue, .text(p.schedule.workingDays.rawValue),
                  p.schedule.onceDueTime.map { .text($0.description) } ?? .null, .text(p.updatedAt), .integer(p.id)])
    }

    public static func reportCount(_ planID: Int64, in c: Connection) throws -> Int {
        Int(try c.scalar("SELECT count(*) FROM reports WHERE plan_id = ?", [.integer(planID)]).int64Value ?? 0)
    }

    /// Whether any report was ever received on the plan (stops at the first one).
    public static func hasReports(_ planID: Int64, in c: Connection) throws -> Bool {
        try c.scalar("SELECT EXISTS (SELECT 1 FROM reports WHERE plan_id = ?)", [.integer(planID)]).int64Value == 1
    }
}
