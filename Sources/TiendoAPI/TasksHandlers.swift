// GET /tasks?plan_id=&unit_id=&status=&as_of=, GET /tasks/{id}, POST /tasks/{id}/extensions

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// An extension as decided: what to store, in which plan, and the deadline it grants.
struct ExtensionDecision: Sendable {
    var record: ExtensionRecord
    var planID: Int64
    var deadline: Deadline
}

/// A task evaluated as of a day.
struct TaskView {
    let task: TaskRecord
    let shortcoming: ShortcomingRecord?
    let result: TaskStatusResult
    let lead: [String]
    let coordinating: [String]
    /// Each assignee's latest report (empty when evaluated from facts: `statuses(asOf:facts:)`).
    let latest: [(unit: String, role: AssigneeRole, report: ReportRecord?)]
    let extensions: [ExtensionRecord]
}

extension PlanSnapshot {
    /// Evaluates the plan's tasks (or `only` these) as of `asOf` from `reports`
    /// (revisions of those tasks; the ones received after `asOf` are ignored).
    func evaluate(asOf: CivilDate, reports: [ReportRecord], only: [TaskRecord]? = nil) -> [TaskView] {
        let cutoff = Timestamp.endOfLocalDay(asOf)
        // task → unit → revisions, built once: each task looks up its units directly.
        var byTask: [Int64: [String: [ReportRecord]]] = [:]
        for r in reports where r.receivedAt < cutoff { byTask[r.taskID, default: [:]][r.unitID, default: []].append(r) }
        return (only ?? tasks).map { t in
            let mine = byTask[t.id] ?? [:]
            let lead = self.lead(t), coord = self.coordinating(t)
            var facts: [ReportFact] = []
            for u in lead { for r in mine[u] ?? [] { if let f = fact(r) { facts.append(f) } } }
            var input = TaskStatusInput(taskId: Int(t.id), deadline: deadline(t), extensions: domainExtensions(t),
                                        leadUnits: lead, reports: facts, cancelledOn: t.cancelledOn)
            input.workingDays = plan.schedule.workingDays
            input.calendar = plan.schedule.calendar
            let result = TaskStatusEvaluator.evaluate(input, asOf: asOf)
            func latest(_ u: String) -> ReportRecord? { mine[u]?.max(by: reportIsOlder) }
            var rows: [(unit: String, role: AssigneeRole, report: ReportRecord?)] = lead.map { ($0, .lead, latest($0)) }
            rows += coord.filter { !lead.contains($0) }.map { ($0, .coordinating, latest($0)) }
            let ext = (extensions[t.id] ?? []).filter { $0.createdAt < cutoff }
            return TaskView(task: t, shortcoming: shortcomings[t.shortcomingID], result: result, lead: lead, coordinating: coord,
                            latest: rows, extensions: ext)
        }
    }

    /// The status of every task as of `asOf` from `facts` (the plan's revisions received by
    /// then: `ReportStore.facts`), for the aggregates, which print no report: the views'
    /// `latest` rows stay empty. `only`: just these tasks (the facts need cover only them).
    func statuses(asOf: CivilDate, facts: [ReportFact], only: [TaskRecord]? = nil) -> [TaskView] {
        let cutoff = Timestamp.endOfLocalDay(asOf)
        let byTask = FactsByTask(facts)
        let list = only ?? tasks
        // The positions are per index of the plan's `tasks`: only used when `list` is that array.
        let positions = only == nil ? leadPositions : []
        return list.indices.map { i in
            let t = list[i]
            let lead = self.lead(t)
            var input = TaskStatusInput(taskId: Int(t.id), deadline: deadline(t), extensions: domainExtensions(t),
                                        leadUnits: lead, reports: byTask[Int(t.id)], cancelledOn: t.cancelledOn)
            // Worked out with the snapshot from the same lead list (`lead(t)` is `leads[t.id]` for the plan's tasks).
            if i < positions.count, positions[i].units.count <= lead.count { input.leadPositions = positions[i] }
            input.workingDays = plan.schedule.workingDays
            input.calendar = plan.schedule.calendar
            return TaskView(task: t, shortcoming: shortcomings[t.shortcomingID], result: TaskStatusEvaluator.evaluate(input, asOf: asOf),
                            lead: lead, coordinating: coordinating(t), latest: [],
                            extensions: (extensions[t.id] ?? []).filter { $0.createdAt < cutoff })
        }
    }
}

/// Facts by task. The read model gives them in task order: then one range per task, not an
/// array grown fact by fact under a hash per fact.
struct FactsByTask {
    private let facts: [ReportFact]
    private var ranges: [Int: Range<Int>] = [:]
    private var lists: [Int: [ReportFact]] = [:]

    init(_ facts: [ReportFact]) {
        self.facts = facts
        if facts.indices.dropFirst().allSatisfy({ facts[$0 - 1].taskId <= facts[$0].taskId }) {
            var start = 0
            for i in facts.indices where i + 1 == facts.count || facts[i + 1].taskId != facts[i].taskId {
                ranges[facts[i].taskId] = start..<(i + 1)
                start = i + 1
            }
        } else {
            for f in facts { lists[f.taskId, default: []].append(f) }
        }
    }

    subscript(task: Int) -> [ReportFact] {
        if let r = ranges[task] { return Array(facts[r]) }
        return lists[task] ?? []
    }
}

func extensionJSON(_ e: ExtensionRecord) -> JSON {
    let deadline: JSON = (try? JSONParser.parse(Array(e.deadlineJSON.utf8))) ?? .null
    let grantedOn = Timestamp.parse(e.createdAt).map { VietnamTime.localDate(of: $0) }
    return .obj([("id", .int(e.id)), ("task_id", .int(e.taskID)), ("deadline", deadline), ("due_on", e.dueOn.json),
                 ("reason", .string(e.reason)), ("granted_on", grantedOn.json), ("created_at", .string(e.createdAt))])
}

func taskViewJSON(_ v: TaskView, plan: PlanRecord, detailed: Bool) -> JSON {
    guard case .object(var o) = taskBaseJSON(v.task) else { return .null }
    let r = v.result
    if let s = v.shortcoming {
        o["shortcoming"] = .obj([("id", .int(s.id)), ("code", .str(s.code)), ("title", .string(s.title))])
    }
    o["as_of"] = r.asOf.json
    o["status"] = .string(r.status.rawValue)
    o["progress"] = .num(r.progress)
    o["due_on"] = r.dueOn.json
    o["original_due_on"] = r.originalDueOn.json
    o["completed_on"] = r.completedOn.json
    o["completed_late"] = r.completedLate.map { .bool($0) } ?? .null
    // A cancelled task is in no bucket (docs/rules.md, cancellation).
    o["bucket"] = r.counts ? .string(r.bucket.rawValue) : .null
    o["bucket_against_original"] = r.counts ? .string(r.bucketAgainstOriginal.rawValue) : .null
    o["days_overdue"] = .num(r.daysOverdue)
    o["lead_units"] = .array(v.lead.map { .string($0) })
    o["coordinating_units"] = .array(v.coordinating.map { .string($0) })
    o["extensions"] = .array(v.extensions.map(extensionJSON))
    if detailed {
        o["latest_reports"] = .array(v.latest.map { row in
            .obj([("unit_id", .string(row.unit)), ("role", .string(row.role.rawValue)),
                  ("report", row.report.map { reportJSON($0, schedule: plan.schedule, issuedOn: plan.issuedOn) } ?? .null)])
        })
    }
    return .object(o)
}

let taskCSVColumns = ["id", "plan_id", "shortcoming.code", "title", "deadline.kind", "deadline.phrase", "due_on", "original_due_on",
                      "status", "progress", "completed_on", "bucket", "days_overdue", "as_of", "lead_units"]

extension APIContext {
    func asOf(_ req: HTTPRequest) throws -> CivilDate { try queryDate(req, "as_of") ?? today }

    func listTasks(_ context: RequestContext) throws -> HTTPResponse {
        let (req, principal) = (context.request, context.principal)
        let paging = try Paging(req)
        let planID = try queryInt(req, "plan_id")
        let unitID = try queryString(req, "unit_id", maxLength: 64)
        let status = try queryString(req, "status", maxLength: 32)
        // SPEC §2 names `completed_late` (completed after due_on) beside the statuses; a task
        // keeps status `completed` with `completed_late: true`, and the filter accepts both.
        if let status, TaskStatus(rawValue: status) == nil, status != "completed_late" {
            throw Problem.invalidQuery("status", "status must be one of \(TaskStatus.allCases.map(\.rawValue).joined(separator: ", ")), completed_late.")
        }
        let asOf = try asOf(req)
        let cutoff = Timestamp.endOfLocalDay(asOf)
        var items: [JSON] = []
        var total = 0
        try store.read { c in try computeGate.run {
            let plans: [PlanRecord]
            if let planID {
                guard let p = try PlanStore.get(planID, in: c) else { throw Problem.notFound("plan", String(planID)) }
                plans = [p]
            } else {
                plans = try PlanStore.all(in: c)
            }
            var all: [JSON] = []
            for p in plans {
                guard let (snap, _) = try planSnapshot(p.id, c) else { continue }
                if principal.isReporter, !snap.involves(principal.unitID ?? "") {
                    if planID != nil { try requireVisible(snap, principal) }
                    continue
                }
                let latest = readModel ? try latestRecords(ReadModelStore.pairs(ofPlan: p.id, in: c), asOf: asOf, c) : nil
                let views = snap.evaluate(asOf: asOf, reports: try latest ?? ReportStore.forPlan(p.id, receivedBefore: cutoff, in: c))
                for v in views {
                    if let unitID, !(v.lead.contains(unitID) || v.coordinating.contains(unitID)) { continue }
                    if status == "completed_late" {
                        if !(v.result.status == .completed && v.result.completedLate == true) { continue }
                    } else if let status, v.result.status.rawValue != status { continue }
                    // SPEC §4: the list, too, carries the latest report per assignee.
                    all.append(taskViewJSON(v, plan: p, detailed: true))
                }
            }
            total = all.count
            items = Array(all.dropFirst(paging.offset).prefix(paging.limit))
        } }
        return try listResponse(req, items: items, total: total, paging: paging, columns: taskCSVColumns, name: "tasks",
                                extra: [("as_of", asOf.json)])
    }

    /// The snapshot of task `id`'s plan as `c` sees it, with its revision, once `principal` may see
    /// the plan; 404 when there is no such task.
    func visibleTaskPlan(_ id: Int64, _ principal: Principal, _ c: Connection) throws -> (PlanSnapshot, PlanRevision) {
        guard let (planID, revision) = try RevisionStore.task(id, in: c) else { throw Problem.notFound("task", String(id)) }
        let snap = try planSnapshot(planID, revision: revision, c)
        try requireVisible(snap, principal)
        return (snap, revision)
    }

    /// The task as of `asOf`, from the cached snapshot of its plan and the task's own reports.
    func taskView(_ id: Int64, asOf: CivilDate, principal: Principal, _ c: Connection) throws -> (TaskView, PlanRecord) {
        try taskView(id, in: visibleTaskPlan(id, principal, c).0, asOf: asOf, c)
    }

    /// The same, in `snap`, its plan's snapshot already read on `c`.
    func taskView(_ id: Int64, in snap: PlanSnapshot, asOf: CivilDate, _ c: Connection) throws -> (TaskView, PlanRecord) {
        guard let t = snap.task(id) else { throw Problem.notFound("task", String(id)) }
        // Each unit's latest revision is all the evaluation reads when the read model answers.
        let latest = readModel ? try latestRecords(ReadModelStore.pairs(ofTask: id, in: c), asOf: asOf, c) : nil
        let reports = try latest ?? ReportStore.forTask(id, receivedBefore: Timestamp.endOfLocalDay(asOf), in: c)
        return (snap.evaluate(asOf: asOf, reports: reports, only: [t])[0], snap.plan)
    }

    func getTask(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        let id = try pathInt(params, "id", what: "task")
        let asOf = try asOf(req)
        return try computedAnswer(req, principal) { c in
            // The answer depends only on the task's plan revision and the day; visibility on the caller.
            let (snap, revision) = try visibleTaskPlan(id, principal, c)
            let key = AnswerKey(route: .task, plan: snap.plan.id, id: id, asOf: asOf, variant: "json", revision: revision)
            return (key, {
                let (view, plan) = try self.taskView(id, in: snap, asOf: asOf, c)
                return jsonResponse(200, taskViewJSON(view, plan: plan, detailed: true))
            })
        }
    }

    func addExtension(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let id = try pathInt(params, "id", what: "task")
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        let reason = body.string("reason", required: true, maxLength: 5000)
        let rawDeadline = body.raw("deadline", required: true)
        body.finish()
        let bodyIssues = list.items, now = nowText
        // Decided on a snapshot, re-checked in the writer against the plan's structure revision
        // (bumped by every extension and task change) and its status: a concurrent extension or
        // closing sends it back through the validation there.
        let change = Change<Stamped<ExtensionDecision>, ExtensionRecord>.stamped(decide: { c -> ExtensionDecision in
            try self.decideExtension(taskID: id, rawDeadline: rawDeadline, reason: reason, bodyIssues: bodyIssues,
                                     principal: principal, now: now, c)
        }, stamp: { d, c in
            var stamp = WriteStamp()
            stamp.add(try TaskStore.get(d.record.taskID, in: c).map { String($0.planID) })
            try stamp.addPlan(d.planID, in: c)
            return stamp
        }, apply: { d, c in
            try self.applyExtension(d, principal: principal, c)
        })
        let stored = try store.submit(change)
        let (view, p) = try store.read { try taskView(id, asOf: today, principal: principal, $0) }
        guard case .object(var o) = extensionJSON(stored) else { return jsonResponse(201, .null) }
        o["task"] = taskViewJSON(view, plan: p, detailed: false)
        return jsonResponse(201, .object(o), headers: [("Location", "\(apiBase)/tasks/\(id)")])
    }
}
