// POST /plans/{id}/shortcomings, PATCH/DELETE /shortcomings/{id}, DELETE /plans/{id}.

import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

func shortcomingJSON(_ s: ShortcomingRecord) -> JSON {
    .obj([("id", .int(s.id)), ("plan_id", .int(s.planID)), ("code", .str(s.code)), ("title", .string(s.title)),
          ("causes", .array(s.causes.map { .obj([("kind", .string($0.kind)), ("text", .string($0.text))]) })),
          ("tasks", .array(s.tasks.map { taskBaseJSON($0) }))])
}

extension APIContext {
    /// A new shortcoming (with its tasks) at the end of a plan, checked as POST /plans checks one.
    func addShortcoming(_ context: RequestContext, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let planID = try pathInt(params, "id", what: "plan")
        let body = try jsonBody(req)
        guard let (issuedOn, units) = try store.read({ c -> (CivilDate, UnitDirectory)? in
            guard let p = try PlanStore.get(planID, in: c) else { return nil }
            return (p.issuedOn, try unitDirectory(c))
        }) else { throw Problem.notFound("plan", String(planID)) }
        let list = IssueList()
        var issues = IssueSet()
        var taskCount = 0
        let sc = readNewShortcoming(body, path: "", units: units, issuedOn: issuedOn, list: list, issues: &issues, taskCount: &taskCount)
        var all = IssueSet()
        all.add(contentsOf: list)
        for (i, st) in zip(issues.issues, issues.statuses) { all.add(i, status: st) }
        guard all.isEmpty, let sc else { throw all.problem }
        let ifMatch = ifMatchHeader(req), now = nowText
        edit(respond, { c -> (ShortcomingRecord, String?) in
            guard try PlanStore.get(planID, in: c) != nil else { throw Problem.notFound("plan", String(planID)) }
            try checkIfMatch(ifMatch, planID: planID, c)
            try checkTaskRoom(planID: planID, adding: sc.tasks.count, c)
            let stored = try PlanStore.insertShortcoming(sc, planID: planID, in: c)
            try logChange(c, plan: planID, entity: "shortcoming", id: String(stored.id), action: "create",
                          diff: .created(Audited.shortcoming(stored)), by: principal, at: now)
            for t in stored.tasks {
                try logChange(c, plan: planID, entity: "task", id: String(t.id), action: "create", diff: .created(Audited.task(t)),
                              by: principal, at: now)
            }
            return (stored, try planEntityTag(planID, c))
        }, answer: { s, tag in
            jsonResponse(201, shortcomingJSON(s), headers: [("Location", "\(apiBase)/plans/\(s.planID)")] + etagHeader(tag))
        })
    }

    /// code (null clears it), title, causes (the whole list). Allowed with reports: these
    /// describe the shortcoming, they decide no date.
    func patchShortcoming(_ context: RequestContext, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let id = try pathInt(params, "id", what: "shortcoming")
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        let codeGiven = body.has("code")
        let code = body.string("code", maxLength: 64)
        let title = body.string("title", maxLength: 5000)
        let causes = body.array("causes", maxCount: 200).map { readCauses($0, path: "causes", list: list) }
        for k in ["id", "plan_id", "tasks"] where body.has(k) {
            _ = body.raw(k)
            list.add(k, "read_only", k == "tasks" ? "Add tasks with POST /api/v1/shortcomings/\(id)/tasks; edit them with PATCH /api/v1/tasks/{id}."
                                                  : "\(k) cannot be changed.")
        }
        body.finish()
        guard list.isEmpty else { throw Problem.validation(list.items) }
        let ifMatch = ifMatchHeader(req), now = nowText
        edit(respond, { c -> (ShortcomingRecord, String?) in
            guard let old = try PlanStore.shortcoming(id, in: c) else { throw Problem.notFound("shortcoming", String(id)) }
            try checkIfMatch(ifMatch, planID: old.planID, c)
            var s = old
            if codeGiven { s.code = code }
            if let title { s.title = title }
            if let causes { s.causes = causes }
            let diff = Audited.diff(Audited.shortcoming(old), Audited.shortcoming(s))
            if !diff.isEmpty {
                try PlanStore.updateShortcoming(s, in: c)
                try logChange(c, plan: s.planID, entity: "shortcoming", id: String(id), action: "update", diff: diff, by: principal, at: now)
            }
            s.tasks = try TaskStore.forPlan(s.planID, in: c).filter { $0.shortcomingID == id }
            return (s, try planEntityTag(s.planID, c))
        }, answer: { s, tag in jsonResponse(200, shortcomingJSON(s), headers: etagHeader(tag)) })
    }

    /// 204 with its tasks; 409 `shortcoming_has_reports` once any of its tasks has a report.
    func deleteShortcoming(_ context: RequestContext, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let id = try pathInt(params, "id", what: "shortcoming")
        let ifMatch = ifMatchHeader(req), now = nowText
        edit(respond, { c -> String? in
            guard let old = try PlanStore.shortcoming(id, in: c) else { throw Problem.notFound("shortcoming", String(id)) }
            try checkIfMatch(ifMatch, planID: old.planID, c)
            if try PlanStore.shortcomingReportCount(id, in: c) > 0 {
                throw Problem.conflict("shortcoming_has_reports",
                                       "A task of shortcoming \(id) has reports, so it cannot be deleted; cancel those tasks instead.")
            }
            let tasks = try TaskStore.forPlan(old.planID, in: c).filter { $0.shortcomingID == id }
            try PlanStore.deleteShortcoming(id, in: c)
            for t in tasks {
                try logChange(c, plan: old.planID, entity: "task", id: String(t.id), action: "delete", diff: .deleted(Audited.task(t)),
                              by: principal, at: now)
            }
            try logChange(c, plan: old.planID, entity: "shortcoming", id: String(id), action: "delete",
                          diff: .deleted(Audited.shortcoming(old)), by: principal, at: now)
            return try planEntityTag(old.planID, c)
        }, answer: noContent)
    }

    /// 204 with everything under it; 409 `plan_has_reports` once it has a report. The audit
    /// log of the plan stays readable (GET /plans/{id}/changes, managers only).
    func deletePlan(_ context: RequestContext, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let id = try pathInt(params, "id", what: "plan")
        let ifMatch = ifMatchHeader(req), now = nowText
        edit(respond, { c -> String? in
            guard let old = try PlanStore.get(id, in: c) else { throw Problem.notFound("plan", String(id)) }
            try checkIfMatch(ifMatch, planID: id, c)
            if try PlanStore.reportCount(id, in: c) > 0 {
                throw Problem.conflict("plan_has_reports", "Plan \(id) has reports and cannot be deleted; close it instead (PATCH with \"status\": \"closed\").")
            }
            try PlanStore.delete(id, in: c)
            try logChange(c, plan: id, entity: "plan", id: String(id), action: "delete", diff: .deleted(Audited.plan(old)),
                          by: principal, at: now)
            return nil
        }, answer: noContent)
    }
}
