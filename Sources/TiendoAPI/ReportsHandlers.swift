// POST /reports, POST /reports/batch (all or nothing), GET /reports,
// GET /reports/{id}, GET /reports/{id}/revisions.
//
// Every rule of SPEC §3 is the domain's `ReportValidator`; this layer reads
// the JSON (types, unknown fields), gathers the context inside the write (so
// locks, revisions and rule 7's baseline are read by the same serial writer
// that inserts), and remembers Idempotency-Key answers in the same commit.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// One report as read from JSON (types checked, rules not yet).
struct ReportItem: Sendable {
    var path: String
    var taskID: Int64?
    var unitID: String?
    var period: String?
    var reportDate: String?
    var status: String?
    var progress: Double?
    var completedOn: String?
    var result: String?
    var obstacles: String?
    var proposals: String?
    var indicatorValue: Double?
    var receivedAtGiven: Bool
    var receivedAt: Date?
    /// Type-level issues (wrong JSON types, unknown fields).
    var issues: [Issue]
    /// Fields present but of the wrong type (their *_missing rule violations are noise).
    var badFields: Set<String>
}

enum ReportOutcome: Sendable {
    case created(status: Int, body: [UInt8], location: String?)
    case replay(IdempotencyRecord)
}

extension APIContext {
    func readReportItem(_ value: JSON, path: String, now: Date) -> ReportItem {
        let list = IssueList()
        var item = ReportItem(path: path, receivedAtGiven: false, issues: [], badFields: [])
        guard let r = ObjectReader.make(value, path: path, issues: list) else {
            item.issues = list.items
            return item
        }
        func wrongType(_ key: String) -> Bool {
            if let v = r.object[key], v != .null { return true }
            return false
        }
        item.taskID = r.int("task_id", required: true, range: 1...Int64(Int32.max))
        item.unitID = r.string("unit_id", required: true, maxLength: 64)
        item.period = r.string("period", maxLength: 32)
        item.reportDate = r.string("report_date", maxLength: 32)
        item.status = r.string("status", maxLength: 32)
        if let v = r.raw("progress") {
            if let d = v.doubleValue { item.progress = d } else { list.add(r.field("progress"), "invalid_type", "progress must be a number, got \(v.typeName).") }
        }
        item.completedOn = r.string("completed_on", maxLength: 32)
        item.result = r.string("result", maxLength: 20_000, allowEmpty: true)
        item.obstacles = r.string("obstacles", maxLength: 20_000, allowEmpty: true)
        item.proposals = r.string("proposals", maxLength: 20_000, allowEmpty: true)
        if let v = r.raw("indicator_value") {
            if let d = v.doubleValue {
                if !d.isFinite || abs(d) > 1e15 { list.add(r.field("indicator_value"), "out_of_range", "indicator_value must be a finite number within ±1e15.") }
                else { item.indicatorValue = d }
            } else { list.add(r.field("indicator_value"), "invalid_type", "indicator_value must be a number, got \(v.typeName).") }
        }
        // Explicit null counts as absent (as for every other field): a form that sends
        // every key must not make a reporter's report a forbidden back-fill.
        if r.has("received_at"), r.object["received_at"] != .null {
            item.receivedAtGiven = true
            if let s = r.string("received_at", maxLength: 64) {
                if let d = Timestamp.parse(s) {
                    if d > now { list.add(r.field("received_at"), "received_at_in_future", "received_at \(s) is after the server's clock.") }
                    item.receivedAt = d
                } else {
                    list.add(r.field("received_at"), "invalid_timestamp", "received_at must be RFC 3339, e.g. 2022-06-14T09:10:00+07:00.")
                }
            }
        }
        _ = r.raw("received_at") // known key, even when null
        for k in ["period", "report_date", "status", "completed_on", "unit_id", "task_id", "progress"] where wrongType(k) {
            if list.items.contains(where: { $0.field == r.field(k) }) { item.badFields.insert(k) }
        }
        r.finish()
        item.issues = list.items
        return item
    }

    func postReports(_ req: HTTPRequest, batch: Bool, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let principal = try authenticate(req)
        let json = try jsonBody(req)
        let now = self.now
        var items: [ReportItem] = []
        if batch {
            let list = IssueList()
            guard let body = ObjectReader.make(json, path: "", issues: list) else { throw Problem.validation(list.items) }
            let raw = body.array("reports", required: true, maxCount: 1000) ?? []
            body.finish()
            if raw.isEmpty, list.isEmpty { list.add("reports", "required", "reports must hold at least one report.") }
            guard list.isEmpty else { throw Problem.validation(list.items) }
            items = raw.enumerated().map { readReportItem($0.element, path: "reports[\($0.offset)]", now: now) }
        } else {
            items = [readReportItem(json, path: "", now: now)]
        }
        var key: String? = nil
        if let k = req.headers["Idempotency-Key"] {
            guard !k.isEmpty, k.utf8.count <= 255, k.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
                throw Problem(status: 400, code: "invalid_idempotency_key", title: "Invalid Idempotency-Key",
                              detail: "Idempotency-Key must be 1–255 visible ASCII characters.")
            }
            key = k
        }
        let requestHash = SHA256.hex(Array("\(req.method) \(req.path)\n".utf8) + json.canonical())
        let method = req.method, path = req.path
        let frozen = items
        let idemKey = key
        store.write({ c -> ReportOutcome in
            if let key = idemKey, let rec = try IdempotencyStore.get(tokenID: principal.tokenID, key: key, in: c) {
                guard rec.requestHash == requestHash else {
                    throw Problem(status: 422, code: "idempotency_key_reused", title: "Idempotency-Key reused",
                                  detail: "This Idempotency-Key was used with a different request.",
                                  errors: [FieldError(field: "Idempotency-Key", code: "idempotency_key_reused",
                                                      message: "Send a new key for a different body.")])
                }
                return .replay(rec)
            }
            let stored = try self.insertReports(frozen, principal: principal, now: now, c)
            var plans: [Int64: PlanRecord] = [:]
            for r in stored where plans[r.planID] == nil { plans[r.planID] = try PlanStore.get(r.planID, in: c) }
            let views = stored.map { reportJSON($0, schedule: plans[$0.planID]?.schedule, issuedOn: plans[$0.planID]?.issuedOn) }
            let body: JSON = batch ? .obj([("count", .num(views.count)), ("reports", .array(views))]) : views[0]
            let bytes = body.serialized()
            let location = batch ? nil : "\(apiBase)/reports/\(stored[0].id)"
            if let key = idemKey {
                try IdempotencyStore.put(IdempotencyRecord(tokenID: principal.tokenID, key: key, method: method, path: path,
                                                           requestHash: requestHash, responseStatus: 201, responseBody: bytes,
                                                           responseType: "application/json; charset=utf-8",
                                                           createdAt: Timestamp.format(now)), in: c)
            }
            return .created(status: 201, body: bytes, location: location)
        }, completion: { result in
            switch result {
            case .success(.created(let status, let body, let location)):
                var r = HTTPResponse.json(status, body)
                if let location { r.headers.set("Location", location) }
                respond(r)
            case .success(.replay(let rec)):
                var r = HTTPResponse(status: rec.responseStatus, headers: ["Content-Type": rec.responseType], body: rec.responseBody)
                r.headers.set("Idempotent-Replayed", "true")
                // Replay the first answer whole: a single report's 201 carried its Location.
                if rec.responseStatus == 201, rec.path == "\(apiBase)/reports",
                   let id = (try? JSONParser.parse(rec.responseBody))?["id"]?.intValue {
                    r.headers.set("Location", "\(apiBase)/reports/\(id)")
                }
                respond(r)
            case .failure(let e):
                respond(self.failure(e))
            }
        })
    }

    /// Validates and inserts every item; throws one problem listing every issue (nothing kept).
    func insertReports(_ items: [ReportItem], principal: Principal, now: Date, _ c: Connection) throws -> [ReportRecord] {
        var issues = IssueSet()
        var stored: [ReportRecord] = []
        var snapshots: [Int64: PlanSnapshot] = [:]
        var locks: [Int64: Set<ReportingPeriod>] = [:]
        let units = try unitDirectory(c)
        let today = VietnamTime.localDate(of: now)
        let nowText = Timestamp.format(now)
        for item in items {
            let prefix = item.path
            var itemIssues = IssueSet()
            for i in item.issues { itemIssues.add(i) }
            guard let taskID = item.taskID, let unitID = item.unitID else { for (i, s) in zip(itemIssues.issues, itemIssues.statuses) { issues.add(i, status: s) }; continue }
            guard let task = try TaskStore.get(taskID, in: c) else {
                itemIssues.add(Issue(prefix.isEmpty ? "task_id" : "\(prefix).task_id", "task_not_found", "No task \(taskID)."))
                for (i, s) in zip(itemIssues.issues, itemIssues.statuses) { issues.add(i, status: s) }
                continue
            }
            if snapshots[task.planID] == nil {
                // Only the plan and the item's own task are needed (role(of:in:) reads `task`), not the plan's other tasks.
                snapshots[task.planID] = try PlanStore.get(task.planID, in: c).map {
                    PlanSnapshot(plan: $0, tasks: [], units: units, extensions: [:])
                }
                locks[task.planID] = Set(try PeriodLockStore.forPlan(task.planID, in: c).keys.compactMap(ReportingPeriod.init))
            }
            guard let snap = snapshots[task.planID] else { continue }
            let plan = snap.plan
            let facts = try ReportStore.forTaskAndUnit(taskID, unitID: unitID, in: c).compactMap(fact)
            let ctx = ReportContext(taskId: Int(taskID), planIssuedOn: plan.issuedOn, planStatus: PlanStatus(rawValue: plan.status) ?? .active,
                                    planClosedOn: plan.closedOn, schedule: plan.schedule, today: today,
                                    lockedPeriods: locks[task.planID] ?? [], unitTaskReports: facts,
                                    unitRole: snap.role(of: unitID, in: task), callerRole: principal.role,
                                    callerUnitId: principal.unitID)
            let submission = ReportSubmission(unitId: unitID, period: item.period, reportDate: item.reportDate, status: item.status,
                                              progress: item.progress, completedOn: item.completedOn, obstacles: item.obstacles,
                                              indicatorValue: item.indicatorValue, receivedAtExplicit: item.receivedAtGiven)
            let v = ReportValidator.validate(submission, ctx)
            for violation in v.violations {
                // A field of the wrong type is reported once, not again as absent.
                if item.badFields.contains(violation.field),
                   violation.code.hasSuffix("_missing") || violation.code.hasSuffix("_required") { continue }
                itemIssues.add(violation, prefix: prefix)
            }
            // A back-filled paper report cannot have arrived before the date printed on
            // it (nor, therefore, before the plan): it would count in as_of views of a
            // time it did not exist and be "on time" for any period.
            if let at = item.receivedAt, item.receivedAtGiven, let rd = v.reportDate, VietnamTime.localDate(of: at) < rd {
                itemIssues.add(RuleViolation(code: "received_at_before_report_date", field: "received_at",
                                             message: "received_at \(Timestamp.format(at)) (local day \(VietnamTime.localDate(of: at))) is before report_date \(rd)",
                                             httpStatus: 422), prefix: prefix)
            }
            guard itemIssues.isEmpty, let period = v.period, let reportDate = v.reportDate, let status = v.status, let progress = v.progress else {
                for (i, s) in zip(itemIssues.issues, itemIssues.statuses) { issues.add(i, status: s) }
                continue
            }
            let record = ReportRecord(taskID: taskID, planID: plan.id, unitID: unitID, period: period.description, reportDate: reportDate,
                                      status: status.rawValue, progress: progress, completedOn: v.completedOn, result: item.result,
                                      obstacles: item.obstacles, proposals: item.proposals, indicatorValue: item.indicatorValue,
                                      receivedAt: Timestamp.format(item.receivedAt ?? now), submittedBy: principal.tokenID,
                                      createdAt: nowText)
            stored.append(try ReportStore.insert(record, in: c))
        }
        guard issues.isEmpty else { throw issues.problem }
        return stored
    }

    // MARK: reads

    /// Plan ids a reporter may read (nil: any).
    func visiblePlanIDs(_ p: Principal, _ c: Connection) throws -> [Int64]? {
        guard p.isReporter else { return nil }
        let units = try unitDirectory(c)
        return try PlanStore.all(in: c).filter { plan in
            try PlanSnapshot.load(plan.id, c, units: units)?.involves(p.unitID ?? "") ?? false
        }.map(\.id)
    }

    func listReports(_ req: HTTPRequest) throws -> HTTPResponse {
        let principal = try authenticate(req)
        let paging = try Paging(req)
        var filter = ReportFilter(planID: try queryInt(req, "plan_id"), taskID: try queryInt(req, "task_id"),
                                  unitID: try queryString(req, "unit_id", maxLength: 64), period: try queryPeriod(req))
        if let l = req.query["latest"] {
            guard l == "true" || l == "false" else { throw Problem.invalidQuery("latest", "latest must be true or false.") }
            filter.latestOnly = l == "true"
        }
        let (page, plans): (Page<ReportRecord>, [Int64: PlanRecord]) = try store.read { c in
            filter.planIDs = try visiblePlanIDs(principal, c)
            let page = try ReportStore.list(filter, limit: paging.limit, offset: paging.offset, in: c)
            var plans: [Int64: PlanRecord] = [:]
            for r in page.items where plans[r.planID] == nil { plans[r.planID] = try PlanStore.get(r.planID, in: c) }
            return (page, plans)
        }
        let items = page.items.map { reportJSON($0, schedule: plans[$0.planID]?.schedule, issuedOn: plans[$0.planID]?.issuedOn) }
        return try listResponse(req, items: items, total: page.total, paging: paging, columns: reportCSVColumns, name: "reports")
    }

    /// `period=` of GET /reports: a malformed name is a 400 `period_malformed` (as on
    /// the compliance query), never a silently empty list.
    func queryPeriod(_ req: HTTPRequest) throws -> String? {
        guard let text = try queryString(req, "period", maxLength: 32) else { return nil }
        guard let p = ReportingPeriod(text) else {
            let message = "period \"\(text)\" is not one of YYYY-Mmm, YYYY-Qn, YYYY-Hn, YYYY, once (e.g. 2022-M06, 2022-Q2, 2022-H1, 2022)"
            throw Problem(status: 400, code: "period_malformed", title: "Invalid query parameter", detail: message,
                          errors: [FieldError(field: "period", code: "period_malformed", message: message)])
        }
        return p.description
    }

    func loadReport(_ params: RouteParameters, _ principal: Principal, _ c: Connection) throws -> (ReportRecord, PlanRecord) {
        let id = try pathInt(params, "id", what: "report")
        guard let r = try ReportStore.get(id, in: c), let snap = try PlanSnapshot.load(r.planID, c, units: unitDirectory(c)) else {
            throw Problem.notFound("report", String(id))
        }
        try requireVisible(snap, principal)
        return (r, snap.plan)
    }

    func getReport(_ req: HTTPRequest, _ params: RouteParameters) throws -> HTTPResponse {
        let principal = try authenticate(req)
        let (r, plan) = try store.read { try loadReport(params, principal, $0) }
        return jsonResponse(200, reportJSON(r, schedule: plan.schedule, issuedOn: plan.issuedOn))
    }

    func reportRevisions(_ req: HTTPRequest, _ params: RouteParameters) throws -> HTTPResponse {
        let principal = try authenticate(req)
        let paging = try Paging(req)
        let (revs, plan) = try store.read { c -> ([ReportRecord], PlanRecord) in
            let (r, plan) = try loadReport(params, principal, c)
            return (try ReportStore.revisions(taskID: r.taskID, unitID: r.unitID, period: r.period, in: c), plan)
        }
        // A list like the others: limit/offset, `next`, Link and X-Total-Count (SPEC §4).
        let items = revs.dropFirst(paging.offset).prefix(paging.limit).map { reportJSON($0, schedule: plan.schedule, issuedOn: plan.issuedOn) }
        return try listResponse(req, items: Array(items), total: revs.count, paging: paging, columns: reportCSVColumns, name: "revisions")
    }
}
