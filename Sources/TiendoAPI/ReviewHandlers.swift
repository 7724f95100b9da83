// POST /reports/{id}/review: the plan's aggregator (or an admin) accepts or
// returns a report revision with a comment. Only the latest revision of its
// (task, unit, period) can be reviewed (409 `report_not_latest` otherwise: the
// unit has already sent a newer one, which is what must be reviewed). A
// revision may be reviewed again; every review is kept and the latest one
// counts. A return changes nothing about timeliness: compliance keeps reading
// the first receipt. The review, and the report.returned event, are written in
// one writer transaction. A return in a locked period is 409 `period_locked`:
// the unit could not send the correction it asks for.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension APIContext {
    /// 403 unless the caller is an admin or an aggregator of the plan (an aggregator token
    /// without a unit acts for every plan; one with a unit only for plans it aggregates).
    func requirePlanAggregator(_ p: Principal, _ plan: PlanRecord) throws {
        try requireManager(p)
        if p.role == .aggregator, let unit = p.unitID, unit != plan.aggregatorID {
            throw Problem.forbidden("not_plan_aggregator",
                                    "Only the plan's aggregator (\(plan.aggregatorID)) or an admin may review its reports; your token is \(unit)'s.")
        }
    }

    func reviewReport(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        let decision = body.oneOf("decision", ReviewDecision.allCases.map(\.rawValue), required: true).flatMap(ReviewDecision.init)
        let comment = body.string("comment", maxLength: 5_000, allowEmpty: true).map(VietnameseText.nfc)
        body.finish()
        // A return without a reason leaves the unit guessing what to fix.
        if decision == .returned, (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
           !list.items.contains(where: { $0.field == "comment" }) {
            list.add("comment", "review_comment_required", "A returned report needs a comment saying what to correct.")
        }
        let id = try pathInt(params, "id", what: "report")
        guard list.isEmpty, let decision else { throw Problem.validation(list.items) }
        let (stored, report, plan) = try recordReview(reportID: id, decision: decision, comment: comment, principal: principal)
        var view = reportJSON(report, schedule: plan.schedule, issuedOn: plan.issuedOn)
        view = withReviews(view, [stored], isLatest: true)
        return jsonResponse(201, .obj([("review", reviewJSON(stored)), ("report", view)]),
                            headers: [("Location", "\(apiBase)/reports/\(report.id)")])
    }

    /// Writes `principal`'s review of report `id` in one writer transaction, after the checks
    /// that need the stored report (the plan's aggregator, the latest revision, a lock): the
    /// API's route and the task page's form both come here. `taskID`: the report must be one of
    /// this task's (the page reviews only the task it shows), else 404.
    func recordReview(reportID id: Int64, ofTask taskID: Int64? = nil, decision: ReviewDecision, comment: String?,
                      principal: Principal) throws -> (ReviewRecord, ReportRecord, PlanRecord) {
        let now = nowText
        return try store.submitInWriter { c -> (ReviewRecord, ReportRecord, PlanRecord) in
            guard let r = try ReportStore.get(id, in: c), taskID == nil || r.taskID == taskID,
                  let plan = try PlanStore.get(r.planID, in: c) else {
                throw Problem.notFound("report", String(id))
            }
            try self.requirePlanAggregator(principal, plan)
            guard try ReportStore.isLatestRevision(r, in: c) else {
                throw Problem.conflict("report_not_latest",
                                       "Report \(id) is revision \(r.revision), not the latest of its task, unit and period: review the latest one.")
            }
            // The unit could not send the correction a return asks for (rule 4): unlock first.
            if decision == .returned, try PeriodLockStore.get(planID: r.planID, period: r.period, in: c) != nil {
                throw Problem(status: 409, code: "period_locked", title: "Conflict",
                              detail: "Period \(r.period) is locked: the unit could not send a correction. Unlock it to return this report.",
                              errors: [FieldError(field: "decision", code: "period_locked", message: "the aggregator has locked period \(r.period)")])
            }
            let review = try ReviewStore.insert(ReviewRecord(reportID: r.id, planID: r.planID, taskID: r.taskID, unitID: r.unitID,
                                                             period: r.period.description, revision: r.revision, decision: decision,
                                                             comment: comment, reviewedBy: principal.tokenID,
                                                             reviewerRole: principal.role.rawValue, reviewerUnitID: principal.unitID,
                                                             createdAt: now), in: c)
            if decision == .returned { try WebhookStore.recordReturnEvent(review, in: c) }
            return (review, r, plan)
        }
    }
}

func reviewJSON(_ r: ReviewRecord) -> JSON {
    .obj([("id", .int(r.id)), ("report_id", .int(r.reportID)), ("revision", .num(r.revision)), ("decision", .string(r.decision.rawValue)),
          ("comment", .str(r.comment)),
          ("reviewer", .obj([("token_id", r.reviewedBy.map { .int($0) } ?? .null), ("role", .str(r.reviewerRole)),
                             ("unit_id", .str(r.reviewerUnitID))])),
          ("reviewed_at", .string(r.createdAt))])
}

/// A report view with its reviews (oldest first) and `review_status`: the latest review's
/// decision, `awaiting_review` for the latest revision with none, `superseded` for an
/// older revision nobody reviewed.
func withReviews(_ view: JSON, _ reviews: [ReviewRecord], isLatest: Bool) -> JSON {
    guard var o = view.objectValue else { return view }
    let status = reviews.last?.decision.rawValue ?? (isLatest ? "awaiting_review" : "superseded")
    o["review_status"] = .string(status)
    o["reviews"] = .array(reviews.map(reviewJSON))
    return .object(o)
}
