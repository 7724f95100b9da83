// POST /plans (a whole tree, validated as a whole), GET /plans, GET/PATCH /plans/{id},
// POST /deadlines/parse

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// A PATCH's decision: the plan as read and as it will be stored (the audit log diffs them).
struct PlanUpdate: Sendable {
    var existing: PlanRecord
    var updated: PlanRecord
}

extension APIContext {
    /// Reads a deadline given as a phrase or in structured form; violations are
    /// reported under `path` (e.g. `shortcomings[0].tasks[2].deadline`).
    func readDeadline(_ value: JSON, path: String, issues: IssueSet) -> (Deadline?, IssueSet) {
        var issues = issues
        func rebase(_ v: RuleViolation) -> RuleViolation {
            var v = v
            if v.field.hasPrefix("deadline") { v.field = path + v.field.dropFirst("deadline".count) } else { v.field = path }
            return v
        }
        switch value {
        case .string(let phrase):
            guard phrase.count <= 500 else {
                issues.add(Issue(path, "too_long", "The deadline phrase is longer than 500 characters."))
                return (nil, issues)
            }
            switch DeadlineParser.parse(VietnameseText.nfc(phrase)) {
            case .success(let d): return (d, issues)
            case .failure(let e): issues.add(rebase(e.violation(field: "deadline"))); return (nil, issues)
            }
        case .object:
            let list = IssueList()
            guard let r = ObjectReader.make(value, path: path, issues: list) else { return (nil, issues) }
            let kindText = r.string("kind", required: true, maxLength: 32)
            let year = r.int("year", range: 1...9999)
            let month = r.int("month", range: -1_000_000...1_000_000)
            let quarter = r.int("quarter", range: -1_000_000...1_000_000)
            let half = r.int("half", range: -1_000_000...1_000_000)
            let date = r.date("date")
            let strict = r.bool("strict") ?? false
            let phrase = r.string("phrase", maxLength: 500)
            let time = r.string("time", maxLength: 5)
            _ = r.raw("due_on"); _ = r.raw("first_review_on")  // computed; accepted on round-trips, ignored
            r.finish()
            issues.add(contentsOf: list)
            guard list.isEmpty, let kindText else { return (nil, issues) }
            guard let kind = DeadlineKind(rawValue: kindText) else {
                issues.add(Issue("\(path).kind", "deadline_kind_unknown",
                                 "kind must be one of \(DeadlineKind.allCases.map(\.rawValue).joined(separator: ", "))."))
                return (nil, issues)
            }
            do {
                let d = try Deadline(kind: kind, year: year.map(Int.init), month: month.map(Int.init), quarter: quarter.map(Int.init),
                                     half: half.map(Int.init), date: date, strict: strict, phrase: phrase, time: time)
                return (d, issues)
            } catch {
                issues.add(rebase(error))
                return (nil, issues)
            }
        default:
            issues.add(Issue(path, "invalid_type", "deadline must be a phrase (string) or a structured deadline (object)."))
            return (nil, issues)
        }
    }

    func readSchedule(_ r: ObjectReader?, issuedOn: CivilDate?, issues: inout IssueSet) -> ReportSchedule? {
        guard let r else { return ReportSchedule.quarterly15 }
        let freq = r.oneOf("frequency", Frequency.allCases.map(\.rawValue), required: true)
        let dueDay = r.int("due_day", range: 1...31)
        let strict = r.bool("strict")
        let window = r.oneOf("window", ReportWindow.allCases.map(\.rawValue))
        let dueOn = r.date("due_on")
        let workingDays = r.oneOf("working_days", WorkingDayRule.allCases.map(\.rawValue))
        var dueTime: TimeOfDay?
        if let t = r.string("due_time", maxLength: 16) {
            if let v = TimeOfDay(t) { dueTime = v }
            else { issues.add(Issue(r.field("due_time"), "schedule_due_time_malformed", "due_time must be HH:MM, 00:00–23:59.")) }
        }
        r.finish()
        guard let freq, let f = Frequency(rawValue: freq) else { return nil }
        var s = ReportSchedule(frequency: f, dueDay: Int(dueDay ?? 15), strict: strict ?? false, onceDueOn: dueOn,
                               window: window.flatMap(ReportWindow.init(rawValue:)) ?? .calendar)
        s.workingDays = workingDays.flatMap(WorkingDayRule.init(rawValue:)) ?? .none
        s.onceDueTime = dueTime
        let violations = issuedOn.map { s.validate(issuedOn: $0) } ?? s.validate()
        for v in violations { issues.add(v) }
        return violations.isEmpty ? s : nil
    }

    func createPlan(_ context: RequestContext, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let (req, principal) = (context.request, context.principal)
        try requireManager(principal)
        try storePlan(req, by: principal, respond)
    }

    /// POST /plans after authorisation: validates the body as a whole and writes it durably
    /// (also the commit path of POST /plans/import and `tiendo import --commit`).
    func storePlan(_ req: HTTPRequest, by principal: Principal, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        // The units the body is checked against, and the stamp the writer re-checks them by.
        let (units, unitsStamp) = try store.read { c -> (UnitDirectory, WriteStamp) in
            var stamp = WriteStamp()
            try stamp.addUnits(in: c)
            return (try unitDirectory(c), stamp)
        }
        var issues = IssueSet()

        let number = body.string("number", required: true, maxLength: 100)
        let title = body.string("title", required: true, maxLength: 2000)
        let issuer = body.string("issuer_id", required: true, maxLength: 64)
        let issuedOn = body.date("issued_on", required: true)
        let signer = body.string("signer", maxLength: 200)
        let aggregator = body.string("aggregator_id", required: true, maxLength: 64)
        for (f, v) in [("issuer_id", issuer), ("aggregator_id", aggregator)] {
            if let v, units.byID[v] == nil { list.add(f, "unit_not_found", "No unit \(v).") }
        }
        if let issuedOn, issuedOn > today {
            list.add("issued_on", "issued_on_in_future", "issued_on \(issuedOn) is after today (\(today)).")
        }
        var scheduleIssues = IssueSet()
        let schedule = schedulePhrase(body, issuedOn: issuedOn, issues: &scheduleIssues)
            ?? readSchedule(body.object("schedule"), issuedOn: issuedOn, issues: &scheduleIssues)
        let rawShortcomings = body.array("shortcomings", required: true, maxCount: 1000) ?? []
        var shortcomings: [ShortcomingRecord] = []
        var taskCount = 0
        for (si, sv) in rawShortcomings.enumerated() {
            if let sc = readNewShortcoming(sv, path: "shortcomings[\(si)]", units: units, issuedOn: issuedOn, list: list,
                                           issues: &issues, taskCount: &taskCount) {
                shortcomings.append(sc)
            }
        }
        if taskCount > 5000 { list.add("shortcomings", "too_many", "A plan may have at most 5000 tasks.") }
        body.finish()
        var all = IssueSet()
        all.add(contentsOf: list)
        for (i, st) in zip(scheduleIssues.issues, scheduleIssues.statuses) { all.add(i, status: st) }
        for (i, st) in zip(issues.issues, issues.statuses) { all.add(i, status: st) }
        guard all.isEmpty, let number, let title, let issuer, let issuedOn, let aggregator, let schedule else {
            throw all.problem
        }
        let now = nowText
        let plan = PlanRecord(number: number, title: title, issuerID: issuer, issuedOn: issuedOn, signer: signer,
                              aggregatorID: aggregator, schedule: schedule, createdAt: now, updatedAt: now)
        let tree = shortcomings
        // Every unit the plan names, for the writer to check again if units changed since.
        var named = Set([issuer, aggregator])
        for sc in tree { for t in sc.tasks { for a in t.lead + t.coordinating where !a.hasPrefix("kind:") { named.insert(a) } } }
        let referenced = named.sorted()
        let change = Change<Stamped<Bool>, (PlanRecord, [ShortcomingRecord])>.stamped(decide: { c -> Bool in
            let missing = try referenced.filter { try !UnitStore.exists($0, in: c) }
            guard missing.isEmpty else {
                throw Problem.validation(missing.map { Issue("", "unit_not_found", "No unit \($0).") })
            }
            return true
        }, stamp: { _, c in
            var stamp = WriteStamp()
            try stamp.addUnits(in: c)
            return stamp
        }, apply: { _, c in
            let (p, t) = try PlanStore.insert(plan, shortcomings: tree, in: c)
            // One entry for the plan as created; its tree is in the plan itself.
            try logChange(c, plan: p.id, entity: "plan", id: String(p.id), action: "create", diff: .created(Audited.plan(p)),
                          by: principal, at: now)
            return (p, t)
        })
        store.submit(change, decided: Stamped(decision: true, stamp: unitsStamp)) { result in
            switch result {
            case .success(let (p, t)):
                respond(jsonResponse(201, planJSON(p, tree: t), headers: [("Location", "\(apiBase)/plans/\(p.id)")]))
            case .failure(let e):
                respond(self.failure(e))
            }
        }
    }

    func loadPlan(_ params: RouteParameters, _ principal: Principal, _ c: Connection) throws -> PlanSnapshot {
        try loadPlanRevision(params, principal, c).0
    }

    /// The plan of the path's `{id}` (cached per revision), checked visible to `principal`.
    func loadPlanRevision(_ params: RouteParameters, _ principal: Principal, _ c: Connection) throws -> (PlanSnapshot, PlanRevision) {
        let id = try pathInt(params, "id", what: "plan")
        guard let (snap, revision) = try planSnapshot(id, c) else { throw Problem.notFound("plan", String(id)) }
        try requireVisible(snap, principal)
        return (snap, revision)
    }

    func listPlans(_ context: RequestContext) throws -> HTTPResponse {
        let (req, principal) = (context.request, context.principal)
        let paging = try Paging(req)
        let status = try queryString(req, "status", maxLength: 16)
        if let status, PlanStatus(rawValue: status) == nil { throw Problem.invalidQuery("status", "status must be active or closed.") }
        let page: Page<PlanRecord> = try store.read { c in
            if principal.isReporter {
                let visible = try PlanStore.all(in: c).filter { p in
                    guard status == nil || p.status.rawValue == status else { return false }
                    return try planSnapshot(p.id, c)?.0.involves(principal.unitID ?? "") ?? false
                }
                return Page(items: Array(visible.dropFirst(paging.offset).prefix(paging.limit)), total: visible.count)
            }
            return try PlanStore.list(status: status, limit: paging.limit, offset: paging.offset, in: c)
        }
        return try listResponse(req, items: page.items.map { planJSON($0) }, total: page.total, paging: paging,
                                columns: ExportColumns.plans, name: "plans")
    }

    func getPlan(_ context: RequestContext) throws -> HTTPResponse {
        let (params, principal) = (context.parameters, context.principal)
        let (plan, tree, tag) = try store.read { c in
            let snap = try loadPlan(params, principal, c)
            return (snap.plan, try PlanStore.tree(snap.plan.id, in: c), try planEntityTag(snap.plan.id, c))
        }
        return jsonResponse(200, planJSON(plan, tree: tree), headers: tag.map { [("ETag", $0)] } ?? [])
    }

    /// PATCH /plans/{id}: only the fields sent change. The read of the stored plan, the
    /// checks that depend on it and the UPDATE all run inside one writer transaction, so
    /// two concurrent PATCHes of different fields both survive (no read-modify-write
    /// across transactions). `If-Match` with the plan's ETag makes the change conditional:
    /// 412 `precondition_failed` when the plan changed since that tag was read.
    func patchPlan(_ context: RequestContext, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let id = try pathInt(params, "id", what: "plan")
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        var patch = PlanPatch()
        patch.number = body.string("number", maxLength: 100)
        patch.title = body.string("title", maxLength: 2000)
        patch.signer = body.string("signer", maxLength: 200)
        patch.signerGiven = body.has("signer")
        patch.aggregatorID = body.string("aggregator_id", maxLength: 64)
        patch.status = body.oneOf("status", PlanStatus.self)
        patch.closedOn = body.date("closed_on")
        var scheduleIssues = IssueSet()
        if let phrased = schedulePhrase(body, issuedOn: nil, issues: &scheduleIssues) {
            patch.schedule = phrased
        } else if let r = body.object("schedule") {
            patch.schedule = readSchedule(r, issuedOn: nil, issues: &scheduleIssues)
        }
        for k in ["id", "issuer_id", "issued_on", "shortcomings", "created_at", "updated_at"] where body.has(k) {
            _ = body.raw(k)
            list.add(k, "read_only", "\(k) cannot be changed.")
        }
        body.finish()
        var shapeIssues = IssueSet()
        shapeIssues.add(contentsOf: list)
        for (i, st) in zip(scheduleIssues.issues, scheduleIssues.statuses) { shapeIssues.add(i, status: st) }
        guard shapeIssues.isEmpty else { throw shapeIssues.problem }
        let ifMatch = ifMatchHeader(req)
        let today = self.today, now = nowText, frozen = patch
        // The write pipeline: decided on a snapshot, and decided again in the writer when the
        // plan (its structure revision: any PATCH bumps it), the units or whether it has reports
        // changed in between — so the patch is applied to the plan as stored, and If-Match is
        // checked against the tag as it is when the write lands.
        let change = Change<Stamped<PlanUpdate>, (PlanRecord, [ShortcomingRecord], String?)>.stamped(decide: { c -> PlanUpdate in
            guard let existing = try PlanStore.get(id, in: c) else { throw Problem.notFound("plan", String(id)) }
            if let ifMatch {
                let tag = try planEntityTag(id, c)
                guard let tag, entityTagMatches(ifMatch, tag, weak: false) else { throw Problem.preconditionFailed(planID: id) }
            }
            var issues = IssueSet()
            if let a = frozen.aggregatorID, try !UnitStore.exists(a, in: c) {
                issues.add(Issue("aggregator_id", "unit_not_found", "No unit \(a)."))
            }
            var p = frozen.apply(to: existing, today: today, issues: &issues)
            guard issues.isEmpty else { throw issues.problem }
            if frozen.schedule != nil && p.schedule != existing.schedule, try PlanStore.reportCount(id, in: c) > 0 {
                throw Problem.conflict("plan_has_reports", "The schedule cannot change once reports have been received.")
            }
            p.updatedAt = now
            return PlanUpdate(existing: existing, updated: p)
        }, stamp: { _, c in
            var stamp = WriteStamp()
            try stamp.addPlan(id, in: c)
            try stamp.addUnits(in: c)
            stamp.add(try PlanStore.hasReports(id, in: c) ? "1" : "0")
            return stamp
        }, apply: { u, c in
            let p = u.updated
            let diff = Audited.diff(Audited.plan(u.existing), Audited.plan(p))
            try PlanStore.update(p, in: c)
            if !diff.isEmpty {
                try logChange(c, plan: id, entity: "plan", id: String(id), action: "update", diff: diff, by: principal, at: now)
            }
            return (p, try PlanStore.tree(id, in: c), try planEntityTag(id, c))
        })
        store.submit(change) { result in
            switch result {
            case .success(let (plan, tree, tag)):
                respond(jsonResponse(200, planJSON(plan, tree: tree), headers: tag.map { [("ETag", $0)] } ?? []))
            case .failure(let e):
                respond(self.failure(e))
            }
        }
    }

    func parseDeadline(_ context: RequestContext) throws -> HTTPResponse {
        let req = context.request
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        let phrase = body.string("phrase", required: true, maxLength: 500)
        let issuedOn = body.date("issued_on")
        body.finish()
        guard list.isEmpty, let phrase else { throw Problem.validation(list.items) }
        let (d, issues) = readDeadline(.string(phrase), path: "phrase", issues: IssueSet())
        guard let d else {
            var p = issues.problem
            if !(p.detail ?? "").contains("Accepted forms:") { // the parser's message usually names them already
                p.detail = (p.detail ?? "") + " Accepted forms: " + DeadlineParser.acceptedForms.joined(separator: "; ")
            }
            throw p
        }
        if let issuedOn, let v = d.validate(issuedOn: issuedOn, field: "phrase") {
            var s = IssueSet(); s.add(v); throw s.problem
        }
        return jsonResponse(200, deadlineJSON(d))
    }
}
