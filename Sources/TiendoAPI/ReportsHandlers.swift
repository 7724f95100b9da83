// POST /reports, POST /reports/batch (all or nothing), GET /reports,
// GET /reports/{id}, GET /reports/{id}/revisions.
//
// Every rule of SPEC §3 is the domain's `ReportValidator`; this layer reads
// the JSON (types, unknown fields), gathers the context and validates in a
// reader's snapshot on the request's thread, and hands the serial writer only
// the rows to insert plus a stamp of what the validation read that another
// write can change (rule 7's history of the task and unit, the period's lock,
// the plan's status and schedule). The writer re-reads the stamp in one indexed
// query; if it still holds, the validation would decide the same in the writer,
// so it only numbers the revisions and inserts. If not, it validates again
// itself, as it always did. Idempotency-Key answers are remembered in the same
// commit as the rows.
//
// The stamp also carries the task's plan and the plan's structure and units
// revisions (migration 0002), so assignees, tasks or units changed by any
// writer of the file — the API never changes them after the plan is made —
// send the report back through the full validation. The writer checks the
// caller's token is still live; `now` is fixed per request.

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

/// What the pipeline decided for a POST /reports: rows validated on a snapshot (numbered in the
/// writer), rows the writer validated and inserted itself, or the key's first answer.
enum ReportDecision: Sendable {
    case prepared(PreparedReports)
    case stored([ReportRecord], plans: [Int64: PlanRecord])
    case replay(IdempotencyRecord)
    /// Not validated on a snapshot (a batch naming one (task, unit) twice): the writer decides.
    case undecided
}

enum ReportOutcome: Sendable {
    /// Stored; the body is built after the COMMIT, off the writer.
    case created([ReportRecord], plans: [Int64: PlanRecord])
    /// Stored with an Idempotency-Key: the body was built in the write, to be remembered with it.
    case createdBody([UInt8], location: String?)
    case replay(IdempotencyRecord)
}

/// What the request's thread read and decided before the writer.
struct ReadPhase {
    let principal: Principal
    let now: Date
    let items: [ReportItem]
    let idempotency: IdempotencyContext?
    /// The key's first answer, to replay without the writer.
    var replay: IdempotencyRecord? = nil
    /// Validated with their stamps; nil: the writer validates (a batch naming one (task, unit) twice).
    var prepared: PreparedReports? = nil
}

/// A report ready to insert: the record (without id and revision) and the stamp of what its
/// validation read (nil once inserted).
struct PreparedReport: Sendable {
    var record: ReportRecord
    var stamp: ReportStore.WriteState?
}

struct PreparedReports: Sendable {
    var reports: [PreparedReport]
    /// The plans the reports belong to, as validated (for the answer's due_on / on_time).
    var plans: [Int64: PlanRecord]
}

struct ReportPair: Hashable {
    let task: Int64
    let unit: String
}

/// An Idempotency-Key and the request it came with.
struct IdempotencyContext: Sendable {
    let key: String
    let requestHash: String
    let method: String
    let path: String

    /// 422 `idempotency_key_reused` when `rec` answered a different request.
    func check(_ rec: IdempotencyRecord) throws {
        guard rec.requestHash == requestHash else {
            throw Problem(status: 422, code: "idempotency_key_reused", title: "Idempotency-Key reused",
                          detail: "This Idempotency-Key was used with a different request.",
                          errors: [FieldError(field: "Idempotency-Key", code: "idempotency_key_reused",
                                              message: "Send a new key for a different body.")])
        }
    }
}

func createdResponse(_ body: [UInt8], location: String?) -> HTTPResponse {
    var r = HTTPResponse.json(201, body)
    if let location { r.headers.set("Location", location) }
    return r
}

/// The first answer to a key, replayed whole: a single report's 201 carried its Location.
func replayResponse(_ rec: IdempotencyRecord) -> HTTPResponse {
    var r = HTTPResponse(status: rec.responseStatus, headers: ["Content-Type": rec.responseType], body: rec.responseBody)
    r.headers.set("Idempotent-Replayed", "true")
    if rec.responseStatus == 201, rec.path == "\(apiBase)/reports" || rec.path.hasSuffix("/revisions"),
       let id = (try? JSONParser.parse(rec.responseBody))?["id"]?.intValue {
        r.headers.set("Location", "\(apiBase)/reports/\(id)")
    }
    return r
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
                    if !CivilDate(localDayOf: d).isInServiceRange {
                        list.add(r.field("received_at"), "date_out_of_range", CivilDate.outOfRangeMessage("received_at"))
                    } else {
                        if d > now { list.add(r.field("received_at"), "received_at_in_future", "received_at \(s) is after the server's clock.") }
                        item.receivedAt = d
                    }
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

    /// `keyBody`: what an Idempotency-Key is compared on when it is not the body itself (a
    /// partial revision's own fields, not the report built from them).
    func postReports(_ req: HTTPRequest, batch: Bool, keyBody: JSON? = nil, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        // 1. On this thread: the body and the Idempotency-Key (parsed outside any read: a 1 MB
        //    batch must not hold a pooled reader while it is parsed), then, in one reader
        //    snapshot, the token, the key's earlier answer and the validation. An invalid request
        //    never reaches the writer, and a valid one reaches it with its rows built and a
        //    stamp of what the validation read that other writes can change. A batch naming one
        //    (task, unit) twice is validated item after item against the rows of the items
        //    before it, which only the writer can do: it goes there whole, as before.
        //    Checks run in the same order as ever: 401, then the body (400/415/422), then the key.
        let request: ReadPhase
        do {
            request = try {
                // A token seen live recently is checked inside the validation's snapshot (one
                // read transaction per POST); any other is checked first, in a read of its own,
                // so the body of a request with an unknown token is never parsed.
                if !hasRecentlyLiveToken(req) { _ = try authenticate(req) }
                let now = self.now
                let parsed = Result { try parseReportsBody(req, batch: batch, now: now, keyBody: keyBody) }
                if case .success(let body) = parsed, hasRepeatedTaskUnit(body.items) {
                    let principal = try authenticate(req)
                    return ReadPhase(principal: principal, now: now, items: body.items, idempotency: body.idempotency)
                }
                return try store.readForWrite { c -> ReadPhase in
                    // Checked again here, even after the check above (then a cache hit): nested in
                    // this read, `authenticate` shares the snapshot whose tokens revision the stamp
                    // carries, so a token changed in between is seen as changed. 401 before the
                    // body's errors.
                    let principal = try authenticate(req)
                    let body = try parsed.get()
                    var phase = ReadPhase(principal: principal, now: now, items: body.items, idempotency: body.idempotency)
                    if let idem = body.idempotency, let rec = try IdempotencyStore.get(tokenID: principal.tokenID, key: idem.key, in: c) {
                        try idem.check(rec)
                        phase.replay = rec
                        return phase
                    }
                    phase.prepared = try self.validateReports(body.items, principal: principal, now: now, c, insert: false)
                    return phase
                }
            }()
        } catch let p as Problem {
            throw p
        } catch {
            respond(failure(error))
            return
        }
        if let rec = request.replay {
            respond(replayResponse(rec))
            return
        }
        let principal = request.principal, now = request.now, frozen = request.items, idempotency = request.idempotency
        let prepared = request.prepared

        if prepared != nil { ReportWriteTestHook.run(store) }

        // 2. The store's write pipeline: in the writer, the key again (a request with the same
        //    key may have committed since), then, when every stamp still holds, only the revision
        //    numbers and the INSERTs. Otherwise the whole validation again, there, against the
        //    current rows.
        let change = Change<ReportDecision, ReportOutcome>(decide: { c in
            if let rec = try Self.earlierAnswer(idempotency, principal, c) { return .replay(rec) }
            // Nothing is stored for a token that is no longer live, or no longer what the
            // request was authenticated as (its role or unit changed by another writer).
            guard try TokenStore.stillGrants(principal.tokenID, role: principal.role.rawValue, unitID: principal.unitID, in: c) else {
                throw Problem.unauthorized("The token is unknown or revoked.")
            }
            if prepared != nil { ReportWriteTestHook.noteRevalidation(self.store) }
            let full = try self.validateReports(frozen, principal: principal, now: now, c, insert: true)
            return .stored(full.reports.map(\.record), plans: full.plans)
        }, recheck: { decision, c in
            if let rec = try Self.earlierAnswer(idempotency, principal, c) { return .replay(rec) }
            // The stamps include the token being live and the tokens revision: a token revoked or
            // changed since validation (by any process) sends the write to the slow path, which
            // refuses it.
            guard case .prepared(var p) = decision, let revisions = try Self.currentRevisions(p, tokenID: principal.tokenID, c) else {
                return nil
            }
            for (k, revision) in revisions.enumerated() { p.reports[k].record.revision = revision }
            return .prepared(p)
        }, apply: { decision, c in
            let stored: [ReportRecord]
            let plans: [Int64: PlanRecord]
            switch decision {
            case .replay(let rec): return .replay(rec)
            case .undecided: throw Problem.internalError()  // recheck and decide never leave it undecided
            case .stored(let s, let p): (stored, plans) = (s, p)
            case .prepared(let p):
                stored = try p.reports.map { try ReportStore.insert($0.record, revision: $0.record.revision, normalized: true, in: c) }
                plans = p.plans
            }
            // The outbox row commits with the report or not at all (docs/webhooks.md).
            try WebhookStore.recordReportEvents(stored.map(\.id), now: Timestamp.format(now), in: c)
            guard let idem = idempotency else { return .created(stored, plans: plans) }
            let (body, location) = self.createdBody(stored, plans: plans, batch: batch)
            try IdempotencyStore.put(IdempotencyRecord(tokenID: principal.tokenID, key: idem.key, method: idem.method, path: idem.path,
                                                       requestHash: idem.requestHash, responseStatus: 201, responseBody: body,
                                                       responseType: "application/json; charset=utf-8",
                                                       createdAt: Timestamp.format(now)), in: c)
            return .createdBody(body, location: location)
        })
        store.submit(change, decided: prepared.map { .prepared($0) } ?? .undecided) { result in
            switch result {
            case .success(.created(let stored, let plans)):
                let (body, location) = self.createdBody(stored, plans: plans, batch: batch)
                respond(createdResponse(body, location: location))
            case .success(.createdBody(let body, let location)):
                respond(createdResponse(body, location: location))
            case .success(.replay(let rec)):
                respond(replayResponse(rec))
            case .failure(let e):
                respond(self.failure(e))
            }
        }
    }

    /// The first answer to the request's Idempotency-Key, if one was stored (422 when it
    /// answered a different request).
    static func earlierAnswer(_ idem: IdempotencyContext?, _ principal: Principal, _ c: Connection) throws -> IdempotencyRecord? {
        guard let idem, let rec = try IdempotencyStore.get(tokenID: principal.tokenID, key: idem.key, in: c) else { return nil }
        try idem.check(rec)
        return rec
    }

    /// The body's items (types checked, rules not yet) and its Idempotency-Key: no database.
    /// Errors in the order clients see them: the body (400/415/422), then the key.
    func parseReportsBody(_ req: HTTPRequest, batch: Bool, now: Date, keyBody: JSON? = nil) throws -> (items: [ReportItem], idempotency: IdempotencyContext?) {
        let json = try jsonBody(req)
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
        // Only a keyed request is ever compared with an earlier one.
        let idempotency = key.map { k in
            IdempotencyContext(key: k, requestHash: SHA256.hex(Array("\(req.method) \(req.path)\n".utf8) + (keyBody ?? json).canonical()),
                               method: req.method.rawValue, path: req.path)
        }
        return (items, idempotency)
    }

    /// Validates and inserts every item in the writer; throws one problem listing every issue (nothing kept).
    func insertReports(_ items: [ReportItem], principal: Principal, now: Date, _ c: Connection) throws -> [ReportRecord] {
        try validateReports(items, principal: principal, now: now, c, insert: true).reports.map(\.record)
    }

    /// The 201 body (one report, or `{count, reports}`) and, for one report, its Location.
    func createdBody(_ stored: [ReportRecord], plans: [Int64: PlanRecord], batch: Bool) -> (body: [UInt8], location: String?) {
        let views = stored.map { reportJSON($0, schedule: plans[$0.planID]?.schedule, issuedOn: plans[$0.planID]?.issuedOn) }
        let body: JSON = batch ? .obj([("count", .num(views.count)), ("reports", .array(views))]) : views[0]
        return (body.serialized(), batch ? nil : "\(apiBase)/reports/\(stored[0].id)")
    }

    /// The revision each prepared report gets now, or nil when a stamp no longer holds (a
    /// report of the same task and unit arrived, the period was locked, the plan changed):
    /// then the caller validates again. Checks every item before anything is inserted, so a
    /// batch is taken whole or not at all. Items of a prepared batch name distinct (task, unit)
    /// pairs, so inserting one cannot move another's revision or stamp.
    static func currentRevisions(_ prepared: PreparedReports, tokenID: Int64, _ c: Connection) throws -> [Int]? {
        var revisions: [Int] = []
        revisions.reserveCapacity(prepared.reports.count)
        for p in prepared.reports {
            let r = p.record
            guard let stamp = p.stamp,
                  let now = try ReportStore.writeState(taskID: r.taskID, unitID: r.unitID, planID: r.planID, period: r.period.description,
                                                       tokenID: tokenID, in: c),
                  now.validatesLike(stamp) else { return nil }
            revisions.append(now.lastRevision + 1)
        }
        return revisions
    }

    /// Whether two items of a batch name the same (task, unit).
    func hasRepeatedTaskUnit(_ items: [ReportItem]) -> Bool {
        guard items.count > 1 else { return false }
        var seen: Set<ReportPair> = []
        for i in items {
            guard let t = i.taskID, let u = i.unitID else { continue }
            if !seen.insert(ReportPair(task: t, unit: u)).inserted { return true }
        }
        return false
    }

    /// Validates every item (SPEC §3, all issues at once) against what `c` sees; throws one
    /// problem listing every issue. With `insert`, each valid item is inserted before the next
    /// is validated (the writer's path: a later item of the same task and unit sees it), and
    /// the records come back stored; without, nothing is written and each record comes back
    /// with the stamp of what its validation read.
    func validateReports(_ items: [ReportItem], principal: Principal, now: Date, _ c: Connection, insert: Bool) throws -> PreparedReports {
        var issues = IssueSet()
        var out: [PreparedReport] = []
        var plans: [Int64: PlanRecord] = [:]
        var locks: [Int64: Set<ReportingPeriod>] = [:]
        var directory: UnitDirectory? = nil
        let today = VietnamTime.localDate(of: now)
        let nowText = Timestamp.format(now)
        for item in items {
            let prefix = item.path
            var itemIssues = IssueSet()
            for i in item.issues { itemIssues.add(i) }
            guard let taskID = item.taskID, let unitID = item.unitID else {
                // No task or unit to judge by: still name every other missing or malformed field.
                for violation in ReportFieldChecks.violations(period: item.period, reportDate: item.reportDate, status: item.status,
                                                              progress: item.progress, completedOn: item.completedOn,
                                                              indicatorValue: item.indicatorValue)
                where !item.badFields.contains(violation.field) {
                    itemIssues.add(violation, prefix: prefix)
                }
                for (i, s) in zip(itemIssues.issues, itemIssues.statuses) { issues.add(i, status: s) }
                continue
            }
            // The task's plan and the unit's role in it (lead, coordinating, or none).
            let planID: Int64
            let role: AssigneeRole?
            if insert {
                // The writer reads its own connection, uncached: the revisions it sees may count
                // writes of its batch that can still roll back, so nothing it builds is shared.
                guard let task = try TaskStore.get(taskID, in: c) else {
                    itemIssues.add(Issue(prefix.isEmpty ? "task_id" : "\(prefix).task_id", "task_not_found", "No task \(taskID)."))
                    for (i, s) in zip(itemIssues.issues, itemIssues.statuses) { issues.add(i, status: s) }
                    continue
                }
                if directory == nil {
                    // What readers cached for the units revision this transaction sees is the same
                    // data (counters only grow, so a revision counting this batch's uncommitted
                    // writes cannot be cached yet); otherwise load it, and keep it to ourselves.
                    let revision = try RevisionStore.units(in: c)
                    directory = try revision.flatMap { caches.units.value($0) } ?? UnitDirectory.load(c)
                }
                planID = task.planID
                if plans[planID] == nil { plans[planID] = try PlanStore.get(planID, in: c) }
                guard let plan = plans[planID], let units = directory else { continue }
                role = PlanSnapshot(plan: plan, tasks: [], units: units, extensions: [:]).role(of: unitID, in: task)
            } else {
                // A reader: the plan snapshot cached for the revision this snapshot reads.
                guard let (pid, revision) = try RevisionStore.task(taskID, in: c),
                      case let snap = try planSnapshot(pid, revision: revision, c), let task = snap.task(taskID) else {
                    itemIssues.add(Issue(prefix.isEmpty ? "task_id" : "\(prefix).task_id", "task_not_found", "No task \(taskID)."))
                    for (i, s) in zip(itemIssues.issues, itemIssues.statuses) { issues.add(i, status: s) }
                    continue
                }
                planID = pid
                role = snap.role(of: unitID, in: task)
                plans[planID] = snap.plan
            }
            guard let plan = plans[planID] else { continue }
            if locks[planID] == nil {
                locks[planID] = Set(try PeriodLockStore.forPlan(planID, in: c).keys)
            }
            let facts = try ReportStore.facts(ofTask: taskID, unit: unitID, in: c)
            let ctx = ReportContext(taskId: Int(taskID), planIssuedOn: plan.issuedOn, planStatus: plan.status,
                                    planClosedOn: plan.closedOn, schedule: plan.schedule, today: today,
                                    lockedPeriods: locks[planID] ?? [], unitTaskReports: facts,
                                    unitRole: role, callerRole: principal.role,
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
            var record = ReportRecord(taskID: taskID, planID: plan.id, unitID: unitID, period: period, reportDate: reportDate,
                                      status: status, progress: progress, completedOn: v.completedOn, result: item.result,
                                      obstacles: item.obstacles, proposals: item.proposals, indicatorValue: item.indicatorValue,
                                      receivedAt: item.receivedAt.map(Timestamp.format) ?? nowText, submittedBy: principal.tokenID,
                                      createdAt: nowText)
            record.unchanged = v.carriedForward
            if insert {
                out.append(PreparedReport(record: try ReportStore.insert(record, in: c), stamp: nil))
            } else {
                // What the rules above read that another write can change, read in the same snapshot
                // (never nil here: the plan was just read; without a stamp the writer validates again).
                let stamp = try ReportStore.writeState(taskID: taskID, unitID: unitID, planID: plan.id, period: record.period.description,
                                                       tokenID: principal.tokenID, in: c)
                // Normalised here, on the request's thread, so the serial writer only inserts.
                var normalized = record
                normalized.normalizeText()
                out.append(PreparedReport(record: normalized, stamp: stamp))
            }
        }
        guard issues.isEmpty else { throw issues.problem }
        return PreparedReports(reports: out, plans: plans)
    }

    // MARK: reads

    /// Plan ids a reporter may read (nil: any).
    func visiblePlanIDs(_ p: Principal, _ c: Connection) throws -> [Int64]? {
        guard p.isReporter else { return nil }
        // Plan snapshots cached under the revisions this snapshot reads (not one load per plan per request).
        return try PlanStore.all(in: c).filter { plan in
            try planSnapshot(plan.id, c)?.0.involves(p.unitID ?? "") ?? false
        }.map(\.id)
    }

    func listReports(_ context: RequestContext) throws -> HTTPResponse {
        let (req, principal) = (context.request, context.principal)
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
        guard let r = try ReportStore.get(id, in: c), let snap = try planSnapshot(r.planID, c)?.0 else {
            throw Problem.notFound("report", String(id))
        }
        try requireVisible(snap, principal)
        return (r, snap.plan)
    }

    func getReport(_ context: RequestContext) throws -> HTTPResponse {
        let (params, principal) = (context.parameters, context.principal)
        let (r, plan, reviews, isLatest) = try store.read { c in
            let (r, plan) = try loadReport(params, principal, c)
            return (r, plan, try ReviewStore.forReports([r.id], in: c)[r.id] ?? [], try ReportStore.isLatestRevision(r, in: c))
        }
        return jsonResponse(200, withReviews(reportJSON(r, schedule: plan.schedule, issuedOn: plan.issuedOn), reviews, isLatest: isLatest))
    }

    func reportRevisions(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        let paging = try Paging(req)
        let (revs, plan, reviews) = try store.read { c -> ([ReportRecord], PlanRecord, [Int64: [ReviewRecord]]) in
            let (r, plan) = try loadReport(params, principal, c)
            let revs = try ReportStore.revisions(taskID: r.taskID, unitID: r.unitID, period: r.period.description, in: c)
            return (revs, plan, try ReviewStore.forReports(revs.map(\.id), in: c))
        }
        // A list like the others: limit/offset, `next`, Link and X-Total-Count (SPEC §4).
        let latestID = revs.last?.id
        let items = revs.dropFirst(paging.offset).prefix(paging.limit).map {
            withReviews(reportJSON($0, schedule: plan.schedule, issuedOn: plan.issuedOn), reviews[$0.id] ?? [], isLatest: $0.id == latestID)
        }
        return try listResponse(req, items: Array(items), total: revs.count, paging: paging, columns: reportCSVColumns, name: "revisions")
    }
}

/// Test seam: for one store, runs a closure on the request's thread after a POST's validation
/// in the reader succeeded and before its write is queued, so tests can make another write
/// land in between (the race the stamp is for). Never set outside tests; unset, it costs one
/// uncontended lock.
enum ReportWriteTestHook {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var hooks: [ObjectIdentifier: @Sendable () -> Void] = [:]

    static func set(_ store: Store, _ hook: (@Sendable () -> Void)?) {
        lock.lock(); defer { lock.unlock() }
        hooks[ObjectIdentifier(store)] = hook
    }

    static func run(_ store: Store) {
        lock.lock()
        let hook = hooks.isEmpty ? nil : hooks[ObjectIdentifier(store)]
        lock.unlock()
        hook?()
    }

    /// Writes the writer validated again because a stamp no longer held, per store: the fast
    /// path is the point of the stamp, so tests check it is taken when nothing changed.
    nonisolated(unsafe) private static var revalidations: [ObjectIdentifier: Int] = [:]

    static func noteRevalidation(_ store: Store) {
        lock.lock(); defer { lock.unlock() }
        revalidations[ObjectIdentifier(store), default: 0] += 1
    }

    static func revalidationCount(_ store: Store) -> Int {
        lock.lock(); defer { lock.unlock() }
        return revalidations[ObjectIdentifier(store)] ?? 0
    }
}
