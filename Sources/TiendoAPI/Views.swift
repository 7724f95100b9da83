// Conversions from stored rows to domain values, and the JSON views of
// stored records shared by several routes.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

// MARK: domain conversions

func decodeDeadline(_ json: String) -> Deadline? {
    try? JSONDecoder().decode(Deadline.self, from: Data(json.utf8))
}

func encodeDeadline(_ d: Deadline) -> String {
    deadlineJSON(d).text
}

func deadlineJSON(_ d: Deadline) -> JSON {
    var pairs: [(String, JSON)] = [("kind", .string(d.kind.rawValue))]
    if let y = d.year { pairs.append(("year", .num(y))) }
    if let m = d.month { pairs.append(("month", .num(m))) }
    if let q = d.quarter { pairs.append(("quarter", .num(q))) }
    if let h = d.half { pairs.append(("half", .num(h))) }
    if let date = d.date { pairs.append(("date", date.json)); pairs.append(("strict", .bool(d.strict))) }
    if let time = d.time { pairs.append(("time", .string(time))) }
    pairs.append(("phrase", .str(d.phrase)))
    pairs.append(("due_on", d.dueOn.json))
    pairs.append(("first_review_on", d.firstReviewOn.json))
    return .obj(pairs)
}

/// The order of `ReportFact.isOlder` on stored rows: period, then arrival, then revision.
func reportIsOlder(_ a: ReportRecord, _ b: ReportRecord) -> Bool {
    if a.period != b.period { return a.period < b.period }
    return (a.receivedAt, a.revision, a.id) < (b.receivedAt, b.revision, b.id)
}

func fact(_ r: ReportRecord) -> ReportFact? {
    guard let at = Timestamp.parse(r.receivedAt) else { return nil }
    return ReportFact(taskId: Int(r.taskID), unitId: r.unitID, period: r.period, revision: r.revision, receivedAt: at,
                      status: r.status, progress: r.progress, completedOn: r.completedOn, indicatorValue: r.indicatorValue)
}

// MARK: JSON views

func unitJSON(_ u: UnitRecord) -> JSON {
    .obj([("id", .string(u.id)), ("name", .string(u.name)), ("kind", .string(u.kind.rawValue)), ("parent_id", .str(u.parentID)),
          ("created_at", .string(u.createdAt)), ("contact_name", .str(u.contact.name)), ("phone", .str(u.contact.phone)),
          ("email", .str(u.contact.email))])
}

func scheduleJSON(_ s: ReportSchedule) -> JSON {
    var pairs: [(String, JSON)] = [("frequency", .string(s.frequency.rawValue)), ("due_day", .num(s.dueDay)),
                                   ("strict", .bool(s.strict)), ("window", .string(s.window.rawValue)),
                                   ("working_days", .string(s.workingDays.rawValue))]
    if s.frequency == .once {
        pairs.append(("due_on", s.onceDueOn.json))
        pairs.append(("due_time", .str(s.onceDueTime?.description)))
    }
    return .obj(pairs)
}

func planJSON(_ p: PlanRecord, tree: [ShortcomingRecord]? = nil) -> JSON {
    var pairs: [(String, JSON)] = [
        ("id", .int(p.id)), ("number", .string(p.number)), ("title", .string(p.title)), ("issuer_id", .string(p.issuerID)),
        ("issued_on", p.issuedOn.json), ("signer", .str(p.signer)), ("aggregator_id", .string(p.aggregatorID)),
        ("schedule", scheduleJSON(p.schedule)), ("status", .string(p.status.rawValue)), ("closed_on", p.closedOn.json),
        ("created_at", .string(p.createdAt)), ("updated_at", .string(p.updatedAt)),
    ]
    if let tree {
        pairs.append(("shortcomings", .array(tree.map { s in
            .obj([("id", .int(s.id)), ("code", .str(s.code)), ("title", .string(s.title)),
                  ("causes", .array(s.causes.map { .obj([("kind", .string($0.kind)), ("text", .string($0.text))]) })),
                  ("tasks", .array(s.tasks.map { taskBaseJSON($0) }))])
        })))
    }
    return .obj(pairs)
}

func indicatorJSON(_ i: IndicatorRecord?) -> JSON {
    guard let i else { return .null }
    return .obj([("name", .string(i.name)), ("unit", .str(i.unit)), ("target", .num(i.target)), ("aggregate", .string(i.aggregate))])
}

func taskBaseJSON(_ t: TaskRecord) -> JSON {
    let deadline: JSON = (try? JSONParser.parse(Array(t.deadlineJSON.utf8))) ?? .null
    return .obj([("id", .int(t.id)), ("plan_id", .int(t.planID)), ("shortcoming_id", .int(t.shortcomingID)),
                 ("title", .string(t.title)), ("lead", .array(t.lead.map { .string($0) })),
                 ("coordinating", .array(t.coordinating.map { .string($0) })), ("deadline", deadline),
                 ("indicator", indicatorJSON(t.indicator)), ("cancelled_at", .str(t.cancelledAt)),
                 ("cancel_reason", .str(t.cancelReason))])
}

/// A stored report with its period's due day and timeliness.
func reportJSON(_ r: ReportRecord, schedule: ReportSchedule?, issuedOn: CivilDate?) -> JSON {
    var dueOn: CivilDate? = nil
    var dueTime: TimeOfDay? = nil
    if let s = schedule, let issued = issuedOn, let info = s.info(for: r.period, issuedOn: issued) {
        dueOn = info.dueOn
        dueTime = info.dueTime
    }
    var onTime: JSON = .null, daysLate: JSON = .null
    if let d = dueOn, let at = Timestamp.parse(r.receivedAt) {
        let t = Timeliness(receivedAt: at, dueOn: d, dueTime: dueTime)
        onTime = .bool(t.onTime); daysLate = .num(t.daysLate)
    }
    return .obj([
        ("id", .int(r.id)), ("task_id", .int(r.taskID)), ("plan_id", .int(r.planID)), ("unit_id", .string(r.unitID)),
        ("period", .string(r.period.description)), ("revision", .num(r.revision)), ("report_date", r.reportDate.json),
        ("status", .string(r.status.rawValue)), ("progress", .num(r.progress)), ("completed_on", r.completedOn.json),
        ("result", .str(r.result)), ("obstacles", .str(r.obstacles)), ("proposals", .str(r.proposals)),
        ("indicator_value", .num(r.indicatorValue)), ("received_at", .string(r.receivedAt)), ("due_on", dueOn.json),
        ("on_time", onTime), ("days_late", daysLate), ("created_at", .string(r.createdAt)), ("unchanged", .bool(r.unchanged)),
    ])
}

let reportCSVColumns = ["id", "task_id", "plan_id", "unit_id", "period", "revision", "report_date", "status", "progress",
                        "completed_on", "result", "obstacles", "proposals", "indicator_value", "received_at", "due_on",
                        "on_time", "days_late", "unchanged"]
