// GET /plans/{id}/periods, PUT/DELETE /plans/{id}/periods/{period}/lock

import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

func periodJSON(_ i: PeriodInfo, lock: PeriodLockRecord?, today: CivilDate) -> JSON {
    .obj([("period", .string(i.period.description)), ("first_day", i.firstDay.json), ("last_day", i.lastDay.json),
          ("window_opens", i.opens.json), ("window_closes", i.closes.json), ("due_on", i.dueOn.json),
          ("nominal_due_on", i.nominalDueOn.json), ("due_time", .str(i.dueTime?.description)), ("expects_reports", .bool(i.expectsReports)), ("locked", .bool(lock != nil)), ("locked_at", .str(lock?.lockedAt)),
          ("open_for_reports", .bool(lock == nil && today >= i.opens))])
}

extension APIContext {
    /// The plan's periods up to today (or its closing day), plus the next one.
    func periods(of plan: PlanRecord) -> [PeriodInfo] {
        let through = plan.status == .closed ? (plan.closedOn ?? today) : today
        var list = plan.schedule.periods(issuedOn: plan.issuedOn, through: through)
        if plan.status != .closed, plan.schedule.frequency != .once, let last = list.last?.period.next,
           let i = plan.schedule.info(for: last, issuedOn: plan.issuedOn) {
            list.append(i)
        }
        return list
    }

    func listPeriods(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        let (plan, locks) = try store.read { c in
            let snap = try loadPlan(params, principal, c)
            return (snap.plan, try PeriodLockStore.forPlan(snap.plan.id, in: c))
        }
        var infos = periods(of: plan)
        // Locked periods outside the listed range are shown too.
        for (p, _) in locks where !infos.contains(where: { $0.period == p }) {
            if let i = plan.schedule.info(for: p, issuedOn: plan.issuedOn) { infos.append(i) }
        }
        infos.sort { $0.period < $1.period }
        let today = self.today
        let items = infos.map { periodJSON($0, lock: locks[$0.period], today: today) }
        let export = try ExportOptions(req)
        if export.isTable {
            return try exportResponse(export, items: items, columns: ExportColumns.periods,
                                      name: "periods-plan-\(plan.id)", sheet: "periods")
        }
        return jsonResponse(200, .obj([("plan_id", .int(plan.id)), ("schedule", scheduleJSON(plan.schedule)),
                                       ("items", .array(items)), ("total", .num(items.count))]))
    }

    func lockTarget(_ context: RequestContext) throws -> (Principal, PlanRecord, ReportingPeriod, PeriodInfo) {
        let (params, principal) = (context.parameters, context.principal)
        try requireManager(principal)
        let plan = try store.read { try loadPlan(params, principal, $0).plan }
        let text = params["period"] ?? ""
        switch plan.schedule.parsePeriod(text) {
        case .failure(let v):
            var s = IssueSet(); s.add(v); throw s.problem
        case .success(let p):
            guard let info = plan.schedule.info(for: p, issuedOn: plan.issuedOn) else {
                throw Problem.validation([Issue("period", "period_malformed", "Period \(text) has no dates under this schedule.")])
            }
            return (principal, plan, p, info)
        }
    }

    func lockPeriod(_ context: RequestContext) throws -> HTTPResponse {
        let (principal, plan, period, info) = try lockTarget(context)
        let rec = PeriodLockRecord(planID: plan.id, period: period, lockedAt: nowText, lockedBy: principal.tokenID)
        let stored = try store.submit(planChange(plan.id) { c in
            let wasLocked = try PeriodLockStore.get(planID: plan.id, period: rec.period, in: c) != nil
            let lock = try PeriodLockStore.lock(rec, in: c)
            if !wasLocked {
                var diff = ChangeDiff()
                diff.note("locked", .bool(false), .bool(true))
                try logChange(c, plan: plan.id, entity: "period_lock", id: rec.period.description, action: "lock", diff: diff, by: principal, at: rec.lockedAt)
            }
            return lock
        })
        guard case .object(var o) = periodJSON(info, lock: stored, today: today) else { return jsonResponse(200, .null) }
        o["plan_id"] = .int(plan.id)
        return jsonResponse(200, .object(o))
    }

    func unlockPeriod(_ context: RequestContext) throws -> HTTPResponse {
        let (principal, plan, period, info) = try lockTarget(context)
        let now = nowText
        _ = try store.submit(planChange(plan.id) { c in
            let r = try PeriodLockStore.unlock(planID: plan.id, period: period, in: c)
            if r {
                var diff = ChangeDiff()
                diff.note("locked", .bool(true), .bool(false))
                try logChange(c, plan: plan.id, entity: "period_lock", id: period.description, action: "unlock", diff: diff, by: principal, at: now)
            }
            return r
        })
        guard case .object(var o) = periodJSON(info, lock: nil, today: today) else { return jsonResponse(200, .null) }
        o["plan_id"] = .int(plan.id)
        return jsonResponse(200, .object(o))
    }
}

extension APIContext {
    /// A change to a plan decided on a snapshot (the plan exists, as `lockTarget` read it) and
    /// re-checked in the writer by the plan's stamp: a plan deleted or its schedule changed in
    /// between is 404 there, not a lock on a period it no longer has.
    func planChange<O: Sendable>(_ planID: Int64, _ apply: @escaping @Sendable (Connection) throws -> O) -> Change<Stamped<Bool>, O> {
        .stamped(decide: { c in
            guard try PlanStore.get(planID, in: c) != nil else { throw Problem.notFound("plan", String(planID)) }
            return true
        }, stamp: { _, c in
            var stamp = WriteStamp()
            try stamp.addPlan(planID, in: c)
            return stamp
        }, apply: { _, c in try apply(c) })
    }
}
