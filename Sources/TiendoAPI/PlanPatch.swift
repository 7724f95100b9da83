// The fields of a PATCH /plans/{id} body, read before the write and applied to the
// plan as stored inside the writer's transaction (so a concurrent PATCH of other
// fields is never overwritten with what this request happened to read).

import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

struct PlanPatch: Sendable {
    var number: String?
    var title: String?
    var signer: String?
    var signerGiven = false
    var aggregatorID: String?
    var status: PlanStatus?
    var closedOn: CivilDate?
    var schedule: ReportSchedule?

    /// `existing` with the sent fields applied; rule violations go to `issues`.
    func apply(to existing: PlanRecord, today: CivilDate, issues: inout IssueSet) -> PlanRecord {
        var p = existing
        if let number { p.number = number }
        if let title { p.title = title }
        if signerGiven { p.signer = signer }
        if let aggregatorID { p.aggregatorID = aggregatorID }
        if let schedule {
            for v in schedule.validate(issuedOn: existing.issuedOn) { issues.add(v) }
            p.schedule = schedule
        }
        if let status {
            p.status = status
            if status == .active { p.closedOn = nil }
            else if existing.status != .closed || closedOn != nil { p.closedOn = closedOn ?? today }
        } else if let closedOn {
            if p.status == .closed { p.closedOn = closedOn }
            else { issues.add(Issue("closed_on", "plan_not_closed", "closed_on is only for a closed plan; send \"status\": \"closed\".")) }
        }
        if let c = p.closedOn, c < p.issuedOn {
            issues.add(Issue("closed_on", "closed_before_issued", "closed_on \(c) is before issued_on \(p.issuedOn)."))
        }
        if let c = p.closedOn, c > today, status != nil || closedOn != nil {
            issues.add(Issue("closed_on", "closed_on_in_future", "closed_on \(c) is after today (\(today))."))
        }
        return p
    }
}

/// A plan's entity tag: its structure revision (bumped by any change to the plan, its
/// shortcomings, tasks or extensions, not by reports). nil when the counter is missing;
/// then no tag is sent and any `If-Match` fails.
func planEntityTag(_ planID: Int64, _ c: Connection) throws -> String? {
    guard let r = try RevisionStore.plan(planID, in: c), r.structure >= 0 else { return nil }
    return "\"p\(planID)-\(r.structure)\""
}

extension Problem {
    static func preconditionFailed(planID: Int64) -> Problem {
        Problem(status: 412, code: "precondition_failed", title: "Precondition failed",
                detail: "Plan \(planID) has changed since that ETag was read; GET it again and re-apply your change.")
    }
}

/// The request's `If-Match`, nil when absent or empty: an empty field names no tag and
/// no condition (RFC 9110 §13.1.1 defines no meaning for it), so it is not a 412.
func ifMatchHeader(_ req: HTTPRequest) -> String? {
    guard let v = req.headers["If-Match"], v.contains(where: { $0 != " " && $0 != "\t" }) else { return nil }
    return v
}
