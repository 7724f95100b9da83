// POST /plans (a whole tree, validated as a whole), GET /plans, GET/PATCH /plans/{id},
// POST /deadlines/parse

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

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
                                     half: half.map(Int.init), date: date, strict: strict, phrase: phrase)
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
        r.finish()
        guard let freq, let f = Frequency(rawValue: freq) else { return nil }
        var s = ReportSchedule(frequency: f, dueDay: Int(dueDay ?? 15), strict: strict ?? false, onceDueOn: dueOn,
                               window: window.flatMap(ReportWindow.init(rawValue:)) ?? .calendar)
        s.workingDays = workingDays.flatMap(WorkingDayRule.init(rawValue:)) ?? .none
        let violations = issuedOn.map { s.validate(issuedOn: $0) } ?? s.validate()
        for v in violations { issues.add(v) }
        return violations.isEmpty ? s : nil
    }

    func createPlan(_ req: HTTPRequest, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let principal = try authenticate(req)
        try requireManager(principal)
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        let units = try store.read { try unitDirectory($0) }
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
        let schedule = readSchedule(body.object("schedule"), issuedOn: issuedOn, issues: &scheduleIssues)
        let rawShortcomings = body.array("shortcomings", required: true, maxCount: 1000) ?? []
        var shortcomings: [ShortcomingRecord] = []
        var taskCount = 0
        for (si, sv) in rawShortcomings.enumerated() {
            let sp = "shortcomings[\(si)]"
            guard let s = ObjectReader.make(sv, path: sp, issues: list) else { continue }
            let code = s.string("code", maxLength: 64)
            let stitle = s.string("title", required: true, maxLength: 5000)
            var causes: [CauseRecord] = []
            for (ci, cv) in (s.array("causes", maxCount: 200) ?? []).enumerated() {
                guard let c = ObjectReader.make(cv, path: "\(sp).causes[\(ci)]", issues: list) else { continue }
                let kind = c.oneOf("kind", ["objective", "subjective", "unspecified"]) ?? "unspecified"
                let text = c.string("text", required: true, maxLength: 20_000)
                c.finish()
                if let text { causes.append(CauseRecord(kind: kind, text: text)) }
            }
            var tasks: [TaskRecord] = []
            for (ti, tv) in (s.array("tasks", required: true, maxCount: 1000) ?? []).enumerated() {
                let tp = "\(sp).tasks[\(ti)]"
                taskCount += 1
                guard let t = ObjectReader.make(tv, path: tp, issues: list) else { continue }
                let ttitle = t.string("title", required: true, maxLength: 20_000)
                let lead = t.stringArray("lead", required: true, maxCount: 200) ?? []
                let coordinating = t.stringArray("coordinating", maxCount: 200) ?? []
                if t.has("lead"), lead.isEmpty, t.raw("lead")?.arrayValue?.isEmpty == true {
                    list.add("\(tp).lead", "required", "A task needs at least one lead unit.")
                }
                for (role, names) in [("lead", lead), ("coordinating", coordinating)] {
                    for (ai, a) in names.enumerated() {
                        switch Assignee.parse(a, field: "\(tp).\(role)[\(ai)]") {
                        case .failure(let v): issues.add(v)
                        case .success(.unit(let id)):
                            if units.byID[id] == nil { list.add("\(tp).\(role)[\(ai)]", "unit_not_found", "No unit \(id).") }
                        case .success(.kind): break
                        }
                    }
                    if Set(names).count != names.count { list.add("\(tp).\(role)", "duplicate_assignee", "An assignee is listed twice.") }
                }
                var deadline: Deadline? = nil
                if let dv = t.raw("deadline", required: true) {
                    var local = IssueSet()
                    (deadline, local) = readDeadline(dv, path: "\(tp).deadline", issues: local)
                    for (i, st) in zip(local.issues, local.statuses) { issues.add(i, status: st) }
                    if let d = deadline, let issuedOn, let v = d.validate(issuedOn: issuedOn, field: "\(tp).deadline") { issues.add(v) }
                }
                var indicator: IndicatorRecord? = nil
                if let ir = t.object("indicator") {
                    let name = ir.string("name", required: true, maxLength: 500)
                    let unit = ir.string("unit", maxLength: 64)
                    let target = ir.double("target")
                    let aggregate = ir.oneOf("aggregate", ["sum", "average"]) ?? "sum"
                    ir.finish()
                    if let name { indicator = IndicatorRecord(name: name, unit: unit, target: target, aggregate: aggregate) }
                }
                t.finish()
                if let ttitle, let deadline {
                    tasks.append(TaskRecord(title: ttitle, deadlineJSON: encodeDeadline(deadline), deadlineKind: deadline.kind.rawValue,
                                            dueOn: deadline.dueOn, indicator: indicator, lead: lead, coordinating: coordinating))
                }
            }
            s.finish()
            if let stitle { shortcomings.append(ShortcomingRecord(code: code, title: stitle, causes: causes, tasks: tasks)) }
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
        store.write({ c in try PlanStore.insert(plan, shortcomings: tree, in: c) }, completion: { result in
            switch result {
            case .success(let (p, t)):
                respond(jsonResponse(201, planJSON(p, tree: t), headers: [("Location", "\(apiBase)/plans/\(p.id)")]))
            case .failure(let e):
                respond(self.failure(e))
            }
        })
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

    func listPlans(_ req: HTTPRequest) throws -> HTTPResponse {
        let principal = try authenticate(req)
        let paging = try Paging(req)
        let status = try queryString(req, "status", maxLength: 16)
        if let status, PlanStatus(rawValue: status) == nil { throw Problem.invalidQuery("status", "status must be active or closed.") }
        let page: Page<PlanRecord> = try store.read { c in
            if principal.isReporter {
                let visible = try PlanStore.all(in: c).filter { p in
                    guard status == nil || p.status == status else { return false }
                    return try planSnapshot(p.id, c)?.0.involves(principal.unitID ?? "") ?? false
                }
                return Page(items: Array(visible.dropFirst(paging.offset).prefix(paging.limit)), total: visible.count)
            }
            return try PlanStore.list(status: status, limit: paging.limit, offset: paging.offset, in: c)
        }
        return try listResponse(req, items: page.items.map { planJSON($0) }, total: page.total, paging: paging,
                                columns: ["id", "number", "title", "issuer_id", "issued_on", "signer", "aggregator_id",
                                          "schedule.frequency", "schedule.due_day", "schedule.strict", "schedule.window",
                                          "status", "closed_on"], name: "plans")
    }

    func getPlan(_ req: HTTPRequest, _ params: RouteParameters) throws -> HTTPResponse {
        let principal = try authenticate(req)
        let (plan, tree) = try store.read { c in
            let snap = try loadPlan(params, principal, c)
            return (snap.plan, try PlanStore.tree(snap.plan.id, in: c))
        }
        return jsonResponse(200, planJSON(plan, tree: tree))
    }

    func patchPlan(_ req: HTTPRequest, _ params: RouteParameters) throws -> HTTPResponse {
        let principal = try authenticate(req)
        try requireManager(principal)
        let id = try pathInt(params, "id", what: "plan")
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        let number = body.string("number", maxLength: 100)
        let title = body.string("title", maxLength: 2000)
        let signer = body.string("signer", maxLength: 200)
        let signerGiven = body.has("signer")
        let aggregator = body.string("aggregator_id", maxLength: 64)
        let status = body.oneOf("status", PlanStatus.allCases.map(\.rawValue))
        let closedOn = body.date("closed_on")
        let scheduleReader = body.object("schedule")
        for k in ["id", "issuer_id", "issued_on", "shortcomings", "created_at", "updated_at"] where body.has(k) {
            _ = body.raw(k)
            list.add(k, "read_only", "\(k) cannot be changed.")
        }
        body.finish()
        let units = try store.read { try unitDirectory($0) }
        if let aggregator, units.byID[aggregator] == nil { list.add("aggregator_id", "unit_not_found", "No unit \(aggregator).") }
        guard let existing = try store.read({ try PlanStore.get(id, in: $0) }) else { throw Problem.notFound("plan", String(id)) }
        var issues = IssueSet()
        var schedule: ReportSchedule? = nil
        if let scheduleReader {
            schedule = readSchedule(scheduleReader, issuedOn: existing.issuedOn, issues: &issues)
        }
        var all = IssueSet()
        all.add(contentsOf: list)
        for (i, st) in zip(issues.issues, issues.statuses) { all.add(i, status: st) }
        var p = existing
        if let number { p.number = number }
        if let title { p.title = title }
        if signerGiven { p.signer = signer }
        if let aggregator { p.aggregatorID = aggregator }
        if let schedule { p.schedule = schedule }
        if let status {
            p.status = status
            if status == "active" { p.closedOn = nil }
            else if existing.status != "closed" || closedOn != nil { p.closedOn = closedOn ?? today }
        } else if let closedOn {
            if p.status == "closed" { p.closedOn = closedOn }
            else { all.add(Issue("closed_on", "plan_not_closed", "closed_on is only for a closed plan; send \"status\": \"closed\".")) }
        }
        if let c = p.closedOn, c < p.issuedOn {
            all.add(Issue("closed_on", "closed_before_issued", "closed_on \(c) is before issued_on \(p.issuedOn)."))
        }
        if let c = p.closedOn, c > today, status != nil || closedOn != nil {
            all.add(Issue("closed_on", "closed_on_in_future", "closed_on \(c) is after today (\(today))."))
        }
        guard all.isEmpty else { throw all.problem }
        p.updatedAt = nowText
        let updated = p
        let changeSchedule = schedule != nil && schedule != existing.schedule
        try store.write { c in
            if changeSchedule, try PlanStore.reportCount(id, in: c) > 0 {
                throw Problem.conflict("plan_has_reports", "The schedule cannot change once reports have been received.")
            }
            try PlanStore.update(updated, in: c)
        }
        let tree = try store.read { try PlanStore.tree(id, in: $0) }
        return jsonResponse(200, planJSON(updated, tree: tree))
    }

    func parseDeadline(_ req: HTTPRequest) throws -> HTTPResponse {
        _ = try authenticate(req)
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
