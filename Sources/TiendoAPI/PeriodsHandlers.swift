// GET /plans/{id}/periods, PUT/DELETE /plans/{id}/periods/{period}/lock

import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

func periodJSON(_ i: PeriodInfo, lock: PeriodLockRecord?, today: CivilDate) -> JSON {
    .obj([("period", .string(i.period.description)), ("first_day", i.firstDay.json), ("last_day", i.lastDay.json),
          ("window_opens", i.opens.json), ("window_closes", i.closes.json), ("due_on", i.dueOn.json),
          ("expects_reports", .bool(i.expectsReports)), ("locked", .bool(lock != nil)), ("locked_at", .str(lock?.lockedAt)),
          ("open_for_reports", .bool(lock == nil && today >= i.opens))])
}

extension APIContext {
    /// The plan's periods up to today (or its closing day), plus the next one.
    func periods(of plan: PlanRecord) -> [PeriodInfo] {
        let through = plan.status == "closed" ? (plan.closedOn ?? today) : today
        var list = plan.schedule.periods(issuedOn: plan.issuedOn, through: through)
        if plan.status != "closed", plan.schedule.frequency != .once, let last = list.last?.period.next,
           let i = plan.schedule.info(for: last, issuedOn: plan.issuedOn) {
            list.append(i)
        }
        return list
    }

    func listPeriods(_ req: HTTPRequest, _ params: RouteParameters) throws -> HTTPResponse {
        let principal = try authenticate(req)
        let (plan, locks) = try store.read { c in
            let snap = try loadPlan(params, principal, c)
            return (snap.plan, try PeriodLockStore.forPlan(snap.plan.id, in: c))
        }
        var infos = periods(of: plan)
        // Locked periods outside the listed range are shown too.
        for (name, _) in locks where !infos.contains(where: { $0.period.description == name }) {
            if let p = ReportingPeriod(name), let i = plan.schedule.info(for: p, issuedOn: plan.issuedOn) { infos.append(i) }
        }
        infos.sort { $0.period < $1.period }
        let today = self.today
        let items = infos.map { periodJSON($0, lock: locks[$0.period.description], today: today) }
        if try wantsCSV(req) {
            return csvResponse(csvTable(items, columns: ["period", "first_day", "last_day", "window_opens", "window_closes", "due_on",
                                                         "expects_reports", "locked", "locked_at"]), filename: "periods.csv")
        }
        return jsonResponse(200, .obj([("plan_id", .int(plan.id)), ("schedule", scheduleJSON(plan.schedule)),
                                       ("items", .array(items)), ("total", .num(items.count))]))
    }

    func lockTarget(_ req: HTTPRequest, _ params: RouteParameters) throws -> (Principal, PlanRecord, ReportingPeriod, PeriodInfo) {
        let principal = try authenticate(req)
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

    func lockPeriod(_ req: HTTPRequest, _ params: RouteParameters) throws -> HTTPResponse {
        let (principal, plan, period, info) = try lockTarget(req, params)
        let rec = PeriodLockRecord(planID: plan.id, period: period.description, lockedAt: nowText, lockedBy: principal.tokenID)
        let stored = try store.write { c in
            let wasLocked = try PeriodLockStore.get(planID: plan.id, period: rec.period, in: c) != nil
            let lock = try PeriodLockStore.lock(rec, in: c)
            if !wasLocked {
                var diff = ChangeDiff()
                diff.note("locked", .bool(false), .bool(true))
                try logChange(c, plan: plan.id, entity: "period_lock", id: rec.period, action: "lock", diff: diff, by: principal, at: rec.lockedAt)
            }
            return lock
        }
        guard case .object(var o) = periodJSON(info, lock: stored, today: today) else { return jsonResponse(200, .null) }
        o["plan_id"] = .int(plan.id)
        return jsonResponse(200, .object(o))
    }

    func unlockPeriod(_ req: HTTPRequest, _ params: RouteParameters) throws -> HTTPResponse {
        let (principal, plan, period, info) = try lockTarget(req, params)
        let now = nowText
        _ = try store.write { c in
            let r = try PeriodLockStore.unlock(planID: plan.id, period: period.description, in: c)
            if r {
                var diff = ChangeDiff()
                diff.note("locked", .bool(true), .bool(false))
                try logChange(c, plan: plan.id, entity: "period_lock", id: period.description, action: "unlock", diff: diff, by: principal, at: now)
            }
            return r
        }
        guard case .object(var o) = periodJSON(info, lock: nil, today: today) else { return jsonResponse(200, .null) }
        o["plan_id"] = .int(plan.id)
        return jsonResponse(200, .object(o))
    }
}
