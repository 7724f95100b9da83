// Reads the shortcomings and tasks of a request body with the rules of POST /plans.
// Shared by POST /plans (the whole tree), POST /plans/{id}/shortcomings, POST
// /shortcomings/{id}/tasks and PATCH /tasks/{id} (fields optional), so a task is
// checked the same way whichever route brings it.

import TiendoDomain
import TiendoHTTP
import TiendoStore

/// The task fields a body gave (nil: not given). `indicatorGiven` with a nil indicator
/// means an explicit null (PATCH: remove it).
struct TaskFields: Sendable {
    var title: String?
    var lead: [String]?
    var coordinating: [String]?
    var deadline: Deadline?
    var deadlineGiven = false
    var indicator: IndicatorRecord?
    var indicatorGiven = false
}

extension APIContext {
    /// Reads the fields of one task object. `partial` (PATCH): nothing is required.
    /// Unit ids are checked against `units`; deadlines against `issuedOn` when known.
    /// Does not call `finish()`: the caller may read more fields first.
    func readTaskFields(_ t: ObjectReader, path tp: String, units: UnitDirectory, issuedOn: CivilDate?, partial: Bool,
                        list: IssueList, issues: inout IssueSet) -> TaskFields {
        var out = TaskFields()
        func field(_ k: String) -> String { tp.isEmpty ? k : "\(tp).\(k)" }
        out.title = t.string("title", required: !partial, maxLength: 20_000)
        let leadGiven = t.has("lead") && t.object["lead"] != .null
        let lead = t.stringArray("lead", required: !partial, maxCount: 200)
        let coordinating = t.stringArray("coordinating", maxCount: 200)
        if leadGiven, let lead, lead.isEmpty, t.raw("lead")?.arrayValue?.isEmpty == true {
            list.add(field("lead"), "required", "A task needs at least one lead unit.")
        }
        if partial, t.has("lead"), t.object["lead"] == .null {
            list.add(field("lead"), "required", "A task needs at least one lead unit.")
        }
        for (role, names) in [("lead", lead), ("coordinating", coordinating)] {
            guard let names else { continue }
            for (ai, a) in names.enumerated() {
                switch Assignee.parse(a, field: "\(field(role))[\(ai)]") {
                case .failure(let v): issues.add(v)
                case .success(.unit(let id)):
                    if units.byID[id] == nil { list.add("\(field(role))[\(ai)]", "unit_not_found", "No unit \(id).") }
                case .success(.kind): break
                }
            }
            if Set(names).count != names.count { list.add(field(role), "duplicate_assignee", "An assignee is listed twice.") }
        }
        out.lead = lead
        out.coordinating = t.has("coordinating") ? (coordinating ?? (t.object["coordinating"] == .null ? [] : nil)) : nil
        out.deadlineGiven = t.has("deadline")
        if let dv = t.raw("deadline", required: !partial) {
            var local = IssueSet()
            (out.deadline, local) = readDeadline(dv, path: field("deadline"), issues: local)
            for (i, st) in zip(local.issues, local.statuses) { issues.add(i, status: st) }
            if let d = out.deadline, let issuedOn, let v = d.validate(issuedOn: issuedOn, field: field("deadline")) { issues.add(v) }
        } else if partial, out.deadlineGiven {
            list.add(field("deadline"), "required", "A task needs a deadline; it cannot be removed.")
        }
        out.indicatorGiven = t.has("indicator")
        if let ir = t.object("indicator") {
            let name = ir.string("name", required: true, maxLength: 500)
            let unit = ir.string("unit", maxLength: 64)
            let target = ir.double("target")
            let aggregate = ir.oneOf("aggregate", ["sum", "average"]) ?? "sum"
            ir.finish()
            if let name { out.indicator = IndicatorRecord(name: name, unit: unit, target: target, aggregate: aggregate) }
        }
        return out
    }

    /// One new task (every required field present), or nil with its problems recorded.
    func readNewTask(_ tv: JSON, path tp: String, units: UnitDirectory, issuedOn: CivilDate?, list: IssueList,
                     issues: inout IssueSet) -> TaskRecord? {
        guard let t = ObjectReader.make(tv, path: tp, issues: list) else { return nil }
        let f = readTaskFields(t, path: tp, units: units, issuedOn: issuedOn, partial: false, list: list, issues: &issues)
        t.finish()
        guard let title = f.title, let deadline = f.deadline else { return nil }
        return TaskRecord(title: title, deadlineJSON: encodeDeadline(deadline), deadlineKind: deadline.kind,
                          dueOn: deadline.dueOn, indicator: f.indicator, lead: f.lead ?? [], coordinating: f.coordinating ?? [])
    }

    /// Causes `[{kind, text}]` at `path`.
    func readCauses(_ values: [JSON], path: String, list: IssueList) -> [CauseRecord] {
        var causes: [CauseRecord] = []
        for (ci, cv) in values.enumerated() {
            guard let c = ObjectReader.make(cv, path: "\(path)[\(ci)]", issues: list) else { continue }
            let kind = c.oneOf("kind", ["objective", "subjective", "unspecified"]) ?? "unspecified"
            let text = c.string("text", required: true, maxLength: 20_000)
            c.finish()
            if let text { causes.append(CauseRecord(kind: kind, text: text)) }
        }
        return causes
    }

    /// One new shortcoming with its tasks, or nil with its problems recorded.
    /// `taskCount` grows by the number of tasks seen (the caller bounds the total).
    func readNewShortcoming(_ sv: JSON, path sp: String, units: UnitDirectory, issuedOn: CivilDate?, list: IssueList,
                            issues: inout IssueSet, taskCount: inout Int) -> ShortcomingRecord? {
        guard let s = ObjectReader.make(sv, path: sp, issues: list) else { return nil }
        let code = s.string("code", maxLength: 64)
        let title = s.string("title", required: true, maxLength: 5000)
        let causes = readCauses(s.array("causes", maxCount: 200) ?? [], path: s.field("causes"), list: list)
        var tasks: [TaskRecord] = []
        for (ti, tv) in (s.array("tasks", required: true, maxCount: 1000) ?? []).enumerated() {
            taskCount += 1
            if let t = readNewTask(tv, path: "\(s.field("tasks"))[\(ti)]", units: units, issuedOn: issuedOn, list: list, issues: &issues) {
                tasks.append(t)
            }
        }
        s.finish()
        guard let title else { return nil }
        return ShortcomingRecord(code: code, title: title, causes: causes, tasks: tasks)
    }
}
