// PATCH /tasks/{id} (fields, cancellation), DELETE /tasks/{id},
// POST /shortcomings/{id}/tasks. Each edit reads the stored task, checks and writes
// inside one writer transaction, and logs what changed in the same transaction.

import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension APIContext {
    /// Only the fields sent change. The deadline may change only while the task has no
    /// reports (afterwards: POST /tasks/{id}/extensions). `"status": "cancelled"` with a
    /// `cancel_reason` cancels it; `"status": "active"` restores a cancelled task.
    func patchTask(_ context: RequestContext, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let id = try pathInt(params, "id", what: "task")
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        // A plan's issued_on never changes and units are never deleted: both may be read
        // before the write without racing it.
        guard let (issuedOn, units) = try store.read({ c -> (CivilDate, UnitDirectory)? in
            guard let t = try TaskStore.get(id, in: c), let p = try PlanStore.get(t.planID, in: c) else { return nil }
            return (p.issuedOn, try unitDirectory(c))
        }) else { throw Problem.notFound("task", String(id)) }
        var issues = IssueSet()
        let fields = readTaskFields(body, path: "", units: units, issuedOn: issuedOn, partial: true, list: list, issues: &issues)
        let status = body.oneOf("status", ["active", "cancelled"])
        let reason = body.string("cancel_reason", maxLength: 5000)
        if status == "cancelled", reason == nil, !list.items.contains(where: { $0.field == "cancel_reason" }) {
            list.add("cancel_reason", "required", "cancel_reason is required to cancel a task.")
        }
        if reason != nil, status != "cancelled" {
            list.add("cancel_reason", "invalid_value", "cancel_reason goes with \"status\": \"cancelled\".")
        }
        for k in ["id", "plan_id", "shortcoming_id", "cancelled_at"] where body.has(k) {
            _ = body.raw(k)
            list.add(k, "read_only", "\(k) cannot be changed.")
        }
        body.finish()
        var all = IssueSet()
        all.add(contentsOf: list)
        for (i, st) in zip(issues.issues, issues.statuses) { all.add(i, status: st) }
        guard all.isEmpty else { throw all.problem }
        let ifMatch = ifMatchHeader(req), now = nowText, frozen = fields
        edit(respond, { c -> (TaskRecord, String?) in
            guard let old = try TaskStore.get(id, in: c) else { throw Problem.notFound("task", String(id)) }
            try checkIfMatch(ifMatch, planID: old.planID, c)
            var t = old
            if let v = frozen.title { t.title = v }
            if let v = frozen.lead { t.lead = v }
            if let v = frozen.coordinating { t.coordinating = v }
            if frozen.indicatorGiven { t.indicator = frozen.indicator }
            if let d = frozen.deadline, encodeDeadline(d) != old.deadlineJSON {
                if try TaskStore.reportCount(id, in: c) > 0 {
                    throw Problem.conflict("deadline_needs_extension",
                                           "Task \(id) has reports: its deadline can no longer be edited. Grant an extension with POST /api/v1/tasks/\(id)/extensions (new deadline and reason).")
                }
                t.deadlineJSON = encodeDeadline(d); t.deadlineKind = d.kind; t.dueOn = d.dueOn
            }
            var action = "update"
            if status == "cancelled" {
                if old.cancelledAt == nil { t.cancelledAt = now; action = "cancel" }
                t.cancelReason = reason
            } else if status == "active", old.cancelledAt != nil {
                t.cancelledAt = nil; t.cancelReason = nil; action = "restore"
            }
            let diff = Audited.diff(Audited.task(old), Audited.task(t))
            if !diff.isEmpty {
                try TaskStore.update(t, previous: old, in: c)
                try logChange(c, plan: t.planID, entity: "task", id: String(id), action: action, diff: diff, by: principal, at: now)
            }
            return (t, try planEntityTag(t.planID, c))
        }, answer: { t, tag in jsonResponse(200, taskBaseJSON(t), headers: etagHeader(tag)) })
    }

    /// 204; 409 `task_has_reports` once reports exist (cancel it instead).
    func deleteTask(_ context: RequestContext, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let id = try pathInt(params, "id", what: "task")
        let ifMatch = ifMatchHeader(req), now = nowText
        edit(respond, { c -> String? in
            guard let old = try TaskStore.get(id, in: c) else { throw Problem.notFound("task", String(id)) }
            try checkIfMatch(ifMatch, planID: old.planID, c)
            if try TaskStore.reportCount(id, in: c) > 0 {
                throw Problem.conflict("task_has_reports",
                                       "Task \(id) has reports and cannot be deleted; cancel it instead (PATCH with \"status\": \"cancelled\" and a cancel_reason).")
            }
            try TaskStore.delete(id, in: c)
            try logChange(c, plan: old.planID, entity: "task", id: String(id), action: "delete", diff: .deleted(Audited.task(old)),
                          by: principal, at: now)
            return try planEntityTag(old.planID, c)
        }, answer: noContent)
    }

    /// A new task at the end of a shortcoming, checked as POST /plans checks its tasks.
    func addTask(_ context: RequestContext, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let scID = try pathInt(params, "id", what: "shortcoming")
        let body = try jsonBody(req)
        guard let (issuedOn, units) = try store.read({ c -> (CivilDate, UnitDirectory)? in
            guard let s = try PlanStore.shortcoming(scID, in: c), let p = try PlanStore.get(s.planID, in: c) else { return nil }
            return (p.issuedOn, try unitDirectory(c))
        }) else { throw Problem.notFound("shortcoming", String(scID)) }
        let list = IssueList()
        var issues = IssueSet()
        let task = readNewTask(body, path: "", units: units, issuedOn: issuedOn, list: list, issues: &issues)
        var all = IssueSet()
        all.add(contentsOf: list)
        for (i, st) in zip(issues.issues, issues.statuses) { all.add(i, status: st) }
        guard all.isEmpty, let task else { throw all.problem }
        let ifMatch = ifMatchHeader(req), now = nowText
        edit(respond, { c -> (TaskRecord, String?) in
            guard let s = try PlanStore.shortcoming(scID, in: c) else { throw Problem.notFound("shortcoming", String(scID)) }
            try checkIfMatch(ifMatch, planID: s.planID, c)
            try checkTaskRoom(planID: s.planID, adding: 1, c)
            var t = task
            t.shortcomingID = scID; t.planID = s.planID
            t.position = try TaskStore.nextPosition(in: scID, in: c)
            t.id = try TaskStore.insert(t, in: c)
            try logChange(c, plan: t.planID, entity: "task", id: String(t.id), action: "create", diff: .created(Audited.task(t)),
                          by: principal, at: now)
            return (t, try planEntityTag(t.planID, c))
        }, answer: { t, tag in
            jsonResponse(201, taskBaseJSON(t), headers: [("Location", "\(apiBase)/tasks/\(t.id)")] + etagHeader(tag))
        })
    }
}
