// GET /plans/{id}/reminders?period=&as_of= — the chase list: for one period, every
// expected (task, lead unit) not yet received — or received and returned by the
// aggregator, so owed again — with days left (negative: late) and whom to call.
// Aggregators and admins only (it carries the units' contacts).

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension APIContext {
    func reminders(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let asOf = try asOf(req)
        let periodText = try queryString(req, "period", maxLength: 32)
        let csv = try wantsCSV(req)
        return try store.read { c in
            let snap = try loadPlan(params, principal, c)
            let plan = try agendaPlan(snap, asOf: asOf, c)
            let period: ReportingPeriod
            if let periodText {
                switch snap.plan.schedule.parsePeriod(periodText) {
                case .success(let p): period = p
                case .failure(let v):
                    throw Problem(status: 400, code: v.code, title: "Invalid query parameter", detail: v.message,
                                  errors: [FieldError(field: "period", code: v.code, message: v.message)])
                }
            } else {
                guard let p = plan.periodToChase(asOf: asOf) else {
                    throw Problem.invalidQuery("period", "No period of the plan is open as of \(asOf); give period=.")
                }
                period = p
            }
            let r = complianceResult(snap, period: period, asOf: asOf, facts: plan.reports)
            // A returned report is owed again until a new revision comes: the clerk must be called.
            let review = try ReviewCounts.load(snap.plan.id, period: period.description, asOf: asOf, entries: r.entries, c,
                                               readModel: readModel)
            let owed = r.entries.compactMap { e -> (ComplianceEntry, String)? in
                if e.outcome == .missing || e.outcome == .pending { return (e, e.outcome.rawValue) }
                return review.isReturned(e.taskId, e.unitId) ? (e, "returned") : nil
            }
            var items: [JSON] = []
            var byUnit: [(String, [JSON])] = []
            for (e, status) in owed {
                let unit = snap.units.byID[e.unitId]
                let daysLeft = r.info.map { asOf.days(until: $0.dueOn) } ?? 0
                let task: JSON = .obj([("task_id", .num(e.taskId)), ("task_title", .str(snap.task(Int64(e.taskId))?.title)),
                                       ("status", .string(status)), ("days_left", .num(daysLeft)),
                                       ("days_late", .num(max(0, -daysLeft)))])
                items.append(.obj([("unit_id", .string(e.unitId)), ("unit_name", .str(unit?.name)),
                                   ("contact_name", .str(unit?.contact.name)), ("phone", .str(unit?.contact.phone)),
                                   ("email", .str(unit?.contact.email)), ("task_id", .num(e.taskId)),
                                   ("task_title", .str(snap.task(Int64(e.taskId))?.title)), ("period", .string(period.description)),
                                   ("due_on", r.info?.dueOn.json ?? .null), ("status", .string(status)),
                                   ("days_left", .num(daysLeft)), ("days_late", .num(max(0, -daysLeft)))]))
                if let i = byUnit.firstIndex(where: { $0.0 == e.unitId }) { byUnit[i].1.append(task) } else { byUnit.append((e.unitId, [task])) }
            }
            if csv {
                return csvResponse(csvTable(items, columns: ["unit_id", "unit_name", "contact_name", "phone", "email", "task_id",
                                                             "task_title", "period", "due_on", "status", "days_left", "days_late"]),
                                   filename: "reminders-plan-\(snap.plan.id)-\(period)-\(asOf).csv")
            }
            let units: [JSON] = byUnit.map { id, tasks in
                let u = snap.units.byID[id]
                return .obj([("unit_id", .string(id)), ("name", .str(u?.name)), ("contact_name", .str(u?.contact.name)),
                             ("phone", .str(u?.contact.phone)), ("email", .str(u?.contact.email)), ("owed", .num(tasks.count)),
                             ("tasks", .array(tasks))])
            }
            var pairs: [(String, JSON)] = [("plan_id", .int(snap.plan.id)), ("period", .string(period.description)), ("as_of", asOf.json)]
            if let i = r.info {
                pairs += [("due_on", i.dueOn.json), ("nominal_due_on", i.nominalDueOn.json), ("days_left", .num(asOf.days(until: i.dueOn)))]
            }
            pairs += [("locked", .bool(plan.lockedPeriods.contains(period))), ("pending", .num(r.totals.pending)),
                      ("missing", .num(r.totals.missing)), ("returned", .num(review.returned.count)), ("units", .array(units)), ("items", .array(items)), ("total", .num(items.count))]
            return jsonResponse(200, .obj(pairs))
        }
    }
}
