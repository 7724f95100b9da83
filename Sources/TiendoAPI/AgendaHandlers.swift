// GET /units/{id}/agenda?as_of= — what a unit must report: every (plan, task, period)
// open for it, soonest first (TiendoDomain.Agenda decides which).

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension APIContext {
    /// The plan as the agenda and the chase list see it, from `c`'s snapshot.
    func agendaPlan(_ snap: PlanSnapshot, asOf: CivilDate, _ c: Connection) throws -> AgendaPlan {
        let plan = snap.plan
        let facts = try ReportStore.facts(ofPlan: plan.id, receivedBefore: Timestamp.endOfLocalDay(asOf), in: c)
        let locks = Set(try PeriodLockStore.forPlan(plan.id, in: c).keys)
        let tasks = snap.tasks.map { ComplianceTask(taskId: Int($0.id), leadUnits: snap.lead($0), coordinatingUnits: snap.coordinating($0)) }
        var p = AgendaPlan(planId: Int(plan.id), issuedOn: plan.issuedOn, schedule: plan.schedule,
                           closedOn: plan.status == .closed ? (plan.closedOn ?? asOf) : nil,
                           tasks: tasks, reports: facts, lockedPeriods: locks)
        p.returned = try returnedReports(planID: plan.id, asOf: asOf, c)
        return p
    }

    /// 403 `token_unit_mismatch` when a reporter asks about another unit.
    func requireOwnUnit(_ principal: Principal, _ unitID: String) throws {
        if principal.isReporter, principal.unitID != unitID {
            throw Problem.forbidden("token_unit_mismatch", "Your token is for unit \(principal.unitID ?? ""), not \(unitID).")
        }
    }

    func agenda(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        let unitID = params["id"] ?? ""
        let asOf = try asOf(req)
        let csv = try wantsCSV(req)
        try requireOwnUnit(principal, unitID)
        var rows: [(AgendaItem, PlanSnapshot)] = []
        try store.read { c in
            guard try UnitStore.exists(unitID, in: c) else { throw Problem.notFound("unit", unitID) }
            for plan in try PlanStore.all(in: c) {
                guard let (snap, _) = try planSnapshot(plan.id, c), snap.involves(unitID) else { continue }
                let p = try agendaPlan(snap, asOf: asOf, c)
                rows += Agenda.items(unitId: unitID, plan: p, asOf: asOf).map { ($0, snap) }
            }
        }
        rows.sort { ($0.0.dueOn, $0.0.planId, $0.0.taskId) < ($1.0.dueOn, $1.0.planId, $1.0.taskId) }
        let items: [JSON] = rows.map { item, snap in
            .obj([("plan_id", .num(item.planId)), ("plan_number", .string(snap.plan.number)), ("task_id", .num(item.taskId)),
                  ("task_title", .str(snap.task(Int64(item.taskId))?.title)), ("period", .string(item.period.description)),
                  ("due_on", item.dueOn.json), ("nominal_due_on", item.nominalDueOn.json), ("days_left", .num(item.daysLeft)),
                  ("received", .bool(item.received)), ("first_received_at", .str(item.firstReceivedAt.map(Timestamp.format))),
                  ("returned", .bool(item.returned))])
        }
        if csv {
            return csvResponse(csvTable(items, columns: ["plan_id", "plan_number", "task_id", "task_title", "period", "due_on",
                                                         "nominal_due_on", "days_left", "received", "first_received_at", "returned"]),
                               filename: "agenda-\(unitID)-\(asOf).csv")
        }
        let owed = rows.filter { !$0.0.received || $0.0.returned }
        return jsonResponse(200, .obj([("unit_id", .string(unitID)), ("as_of", asOf.json), ("items", .array(items)),
                                       ("total", .num(items.count)), ("owed", .num(owed.count)),
                                       ("overdue", .num(owed.filter { $0.0.daysLeft < 0 }.count))]))
    }
}
