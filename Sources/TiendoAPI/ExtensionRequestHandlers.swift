// Extension requests (đề nghị gia hạn, issue 13). A reporter of a unit assigned
// to a task asks for a later deadline with a reason; the plan's aggregator (or
// an admin) grants or declines it. A grant writes the extension through the
// same decide/apply path as POST /tasks/{id}/extensions, in the same writer
// transaction as the request's new state: a request is never granted without
// its extension, nor an extension written for a request still pending.
// At most one pending request per (task, unit): a second is 409
// `extension_request_pending` (a unique partial index holds it under races).

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

enum ExtensionRequestState: String, CaseIterable {
    case pending, granted, declined
}

enum ExtensionRequestDecision: String, CaseIterable {
    case granted, declined
}

func extensionRequestJSON(_ r: ExtensionRequestRecord) -> JSON {
    let deadline: JSON = (try? JSONParser.parse(Array(r.deadlineJSON.utf8))) ?? .null
    return .obj([("id", .int(r.id)), ("task_id", .int(r.taskID)), ("plan_id", .int(r.planID)), ("unit_id", .string(r.unitID)),
                 ("deadline", deadline), ("due_on", r.dueOn.json), ("reason", .string(r.reason)), ("state", .string(r.state)),
                 ("requested_at", .string(r.createdAt)), ("decided_at", .str(r.decidedAt)),
                 ("decision_comment", .str(r.decisionComment)), ("extension_id", r.extensionID.map { .int($0) } ?? .null)])
}

let extensionRequestCSVColumns = ["id", "task_id", "plan_id", "unit_id", "due_on", "reason", "state", "requested_at",
                                  "decided_at", "decision_comment", "extension_id"]

extension APIContext {
    /// What a request body says, read and bounded (no store access).
    struct ExtensionRequestInput: Sendable {
        var deadline: JSON?
        var reason: String?
        var issues: IssueSet
    }

    /// Validates and stores a request for `taskID` by `principal`'s unit, in the writer (the
    /// pending check reads what it writes). Every violation at once; nothing stored on refusal.
    func fileExtensionRequest(taskID: Int64, _ input: ExtensionRequestInput, principal: Principal) throws -> ExtensionRequestRecord {
        guard principal.isReporter, let unit = principal.unitID else {
            throw Problem.forbidden("role_forbidden",
                                    "Only a reporter of a unit assigned to the task may request an extension; the aggregator grants one with POST /tasks/{id}/extensions.")
        }
        let now = nowText
        return try store.submitInWriter { c -> ExtensionRequestRecord in
            let (snap, _) = try self.visibleTaskPlan(taskID, principal, c)
            guard let task = snap.task(taskID) else { throw Problem.notFound("task", String(taskID)) }
            var issues = input.issues
            if snap.role(of: unit, in: task) == nil {
                issues.add(Issue("unit_id", "unit_not_assignee", "unit \(unit) is neither a lead nor a coordinating unit of this task"), status: 403)
            }
            if let open = try ExtensionRequestStore.pending(taskID: taskID, unitID: unit, in: c) {
                issues.add(Issue("", "extension_request_pending",
                                 "Unit \(unit) already has a pending extension request (\(open.id)) for task \(taskID); wait for the aggregator's answer."),
                           status: 409)
            }
            // The deadline is read and checked exactly as an extension's would be (later than the one in force).
            var decision: ExtensionDecision? = nil
            if let asked = input.deadline {
                do {
                    decision = try self.decideExtension(taskID: taskID, rawDeadline: asked, reason: input.reason ?? "",
                                                        bodyIssues: [], principal: principal, now: now, c)
                } catch let p as Problem where !p.errors.isEmpty {
                    for e in p.errors { issues.add(Issue(e.field, e.code, e.message), status: p.status.code) }
                }
            } else if issues.isEmpty {
                issues.add(Issue("deadline", "required", "deadline is required."))
            }
            guard issues.isEmpty, let decision, let reason = input.reason else { throw issues.problem }
            return try ExtensionRequestStore.insert(ExtensionRequestRecord(
                taskID: taskID, planID: snap.plan.id, unitID: unit, deadlineJSON: decision.record.deadlineJSON, dueOn: decision.record.dueOn,
                reason: reason, requestedBy: principal.tokenID, createdAt: now), in: c)
        }
    }

    /// Grants (writing the extension) or declines a pending request, in one writer transaction.
    func decideExtensionRequest(_ id: Int64, decision: ExtensionRequestDecision, comment: String?, deadline: JSON?,
                                principal: Principal) throws -> (ExtensionRequestRecord, ExtensionRecord?) {
        let now = nowText
        return try store.submitInWriter { c -> (ExtensionRequestRecord, ExtensionRecord?) in
            guard let r = try ExtensionRequestStore.get(id, in: c), let plan = try PlanStore.get(r.planID, in: c) else {
                throw Problem.notFound("extension request", String(id))
            }
            try self.requirePlanAggregator(principal, plan)
            guard r.state == ExtensionRequestState.pending.rawValue else {
                throw Problem.conflict("extension_request_decided",
                                       "Extension request \(id) was already \(r.state) at \(r.decidedAt ?? "?"); the unit may send a new one.")
            }
            var granted: ExtensionRecord? = nil
            if decision == .granted {
                let asked: JSON = (try? JSONParser.parse(Array(r.deadlineJSON.utf8))) ?? .null
                let blank = (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                let d = try self.decideExtension(taskID: r.taskID, rawDeadline: deadline ?? asked, reason: blank ? r.reason : comment,
                                                 bodyIssues: [], principal: principal, now: now, c)
                granted = try self.applyExtension(d, principal: principal, c)
            }
            guard try ExtensionRequestStore.decide(id, state: decision.rawValue, comment: comment, by: principal.tokenID, at: now,
                                                   extensionID: granted?.id, in: c),
                  let after = try ExtensionRequestStore.get(id, in: c) else {
                throw Problem.conflict("extension_request_decided", "Extension request \(id) is no longer pending.")
            }
            return (after, granted)
        }
    }

    /// What is wrong with a decision's own fields (the API and the plan page's buttons both ask):
    /// a refusal without a reason leaves the unit guessing; a deadline only makes sense when granting.
    static func decisionIssues(_ decision: ExtensionRequestDecision?, comment: String?, deadline: JSON?) -> [Issue] {
        guard decision == .declined else { return [] }
        var out: [Issue] = []
        if (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            out.append(Issue("comment", "decision_comment_required", "Declining an extension request needs a comment saying why."))
        }
        if let d = deadline, d != .null {
            out.append(Issue("deadline", "deadline_not_allowed", "A deadline is given only when granting (a different deadline than the one asked)."))
        }
        return out
    }

    // MARK: HTTP

    func postExtensionRequest(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        let id = try pathInt(params, "id", what: "task")
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        let reason = body.string("reason", required: true, maxLength: 5000).map(VietnameseText.nfc)
        let deadline = body.raw("deadline", required: true)
        let unit = body.string("unit_id", maxLength: 64)
        body.finish()
        var issues = IssueSet()
        for i in list.items { issues.add(i) }
        if let unit, unit != principal.unitID {
            issues.add(Issue("unit_id", "token_unit_mismatch", "Your token is \(principal.unitID ?? "not a unit's"); it may not ask for \(unit)."),
                       status: 403)
        }
        let stored = try fileExtensionRequest(taskID: id, ExtensionRequestInput(deadline: deadline, reason: reason, issues: issues),
                                              principal: principal)
        return jsonResponse(201, extensionRequestJSON(stored), headers: [("Location", "\(apiBase)/tasks/\(id)/extension-requests")])
    }

    func listTaskExtensionRequests(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        let id = try pathInt(params, "id", what: "task")
        let paging = try Paging(req)
        let all: [ExtensionRequestRecord] = try store.read { c in
            _ = try visibleTaskPlan(id, principal, c)
            // A unit sees its own requests; the aggregator and admins every unit's.
            return try ExtensionRequestStore.forTask(id, unitID: principal.isReporter ? (principal.unitID ?? "") : nil, in: c)
        }
        return try extensionRequestList(req, all, paging, extra: [("task_id", .int(id))])
    }

    func listPlanExtensionRequests(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let id = try pathInt(params, "id", what: "plan")
        var state: String? = nil
        if let s = req.query["state"], !s.isEmpty {
            guard ExtensionRequestState(rawValue: s) != nil else {
                throw Problem.invalidQuery("state", "state must be one of pending, granted, declined.")
            }
            state = s
        }
        let paging = try Paging(req)
        let all: [ExtensionRequestRecord] = try store.read { c in
            guard try PlanStore.get(id, in: c) != nil else { throw Problem.notFound("plan", String(id)) }
            return try ExtensionRequestStore.forPlan(id, state: state, in: c)
        }
        return try extensionRequestList(req, all, paging, extra: [("plan_id", .int(id))])
    }

    /// One page of `all`, as JSON or a table (the task's and the plan's lists).
    private func extensionRequestList(_ req: HTTPRequest, _ all: [ExtensionRequestRecord], _ paging: Paging,
                                      extra: [(String, JSON)]) throws -> HTTPResponse {
        let items = all.dropFirst(paging.offset).prefix(paging.limit).map(extensionRequestJSON)
        return try listResponse(req, items: Array(items), total: all.count, paging: paging, columns: extensionRequestCSVColumns,
                                name: "extension-requests", extra: extra)
    }

    func postExtensionRequestDecision(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let id = try pathInt(params, "id", what: "extension request")
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        let decision = body.oneOf("decision", ExtensionRequestDecision.allCases.map(\.rawValue), required: true)
            .flatMap(ExtensionRequestDecision.init)
        let comment = body.string("comment", maxLength: 5000, allowEmpty: true).map(VietnameseText.nfc)
        let deadline = body.raw("deadline")
        body.finish()
        if !list.items.contains(where: { $0.field == "comment" }) {
            for i in Self.decisionIssues(decision, comment: comment, deadline: deadline) { list.add(i.field, i.code, i.message) }
        }
        guard list.isEmpty, let decision else { throw Problem.validation(list.items) }
        let (request, ext) = try decideExtensionRequest(id, decision: decision, comment: comment,
                                                        deadline: deadline == .null ? nil : deadline, principal: principal)
        var pairs: [(String, JSON)] = [("request", extensionRequestJSON(request)), ("extension", ext.map(extensionJSON) ?? .null)]
        if ext != nil {
            let (view, plan) = try store.read { try taskView(request.taskID, asOf: today, principal: principal, $0) }
            pairs.append(("task", taskViewJSON(view, plan: plan, detailed: false)))
        }
        return jsonResponse(200, .obj(pairs))
    }
}
