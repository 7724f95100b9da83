// One plan evaluated as of one day, from one snapshot: the API's cached plan
// snapshot, the report facts received by that day, every task's status
// (PlanSnapshot.statuses — the summary's own evaluation) and the period locks.
// Kept per plan revision (bumped by any report, lock or change) and day, so a
// page listing many plans costs a lookup per plan until someone reports.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

struct PlanDayKey: Hashable, Sendable {
    let plan: Int64
    let revision: PlanRevision
    let asOf: CivilDate
}

struct PeriodKey: Hashable, Sendable {
    let day: PlanDayKey
    let period: ReportingPeriod
}

struct PlanDay: Sendable {
    /// The cache key it was computed for (nil: a counter was missing, nothing is cached).
    let key: PlanDayKey?
    let snap: PlanSnapshot
    let asOf: CivilDate
    let views: [TaskView]
    let locks: [ReportingPeriod: PeriodLockRecord]
    /// Each task's part key, when the day was assembled from parts (PlanDayParts.swift).
    let parts: [TaskPartKey]?

    var plan: PlanRecord { snap.plan }
    var buckets: BucketCounts { TaskStatusEvaluator.buckets(views.map(\.result)) }
    var averageProgress: Double {
        views.isEmpty ? 0 : views.map(\.result.progress).reduce(0, +) / Double(views.count)
    }
    var completionRate: Double {
        views.isEmpty ? 0 : Double(views.filter { $0.result.status == .completed }.count) * 100 / Double(views.count)
    }
    func unitName(_ id: String) -> String { snap.units.byID[id]?.name ?? id }
}

extension PageContext {
    /// The plan as of `asOf`, after the API's visibility rule (403 `plan_forbidden` for a reporter outside it).
    func planDay(_ planID: Int64, asOf: CivilDate, _ viewer: PageViewer, _ c: Connection) throws -> PlanDay {
        guard let (snap, revision) = try api.planSnapshot(planID, c) else { throw Problem.notFound("plan", String(planID)) }
        try api.requireVisible(snap, viewer.principal)
        func load() throws -> PlanDay {
            let key = revision.isCacheable ? PlanDayKey(plan: planID, revision: revision, asOf: asOf) : nil
            let locks = try PeriodLockStore.forPlan(planID, in: c)
            // Task by task: only the tasks whose reports changed are evaluated again.
            if let parts = try partKeys(snap, revision, asOf: asOf, c), let views = try taskViews(snap, keys: parts, asOf: asOf, c) {
                return PlanDay(key: key, snap: snap, asOf: asOf, views: views, locks: locks, parts: parts)
            }
            // What the summary reads: the read model's latest revision per (task, unit) when it
            // answers for this day, else the history (an as_of in the past).
            let facts = try api.statusFacts(plan: planID, asOf: asOf, c).facts
            return PlanDay(key: key, snap: snap, asOf: asOf, views: snap.statuses(asOf: asOf, facts: facts), locks: locks, parts: nil)
        }
        guard revision.isCacheable else { return try load() }
        return try planViews.value(PlanDayKey(plan: planID, revision: revision, asOf: asOf), orCompute: load)
    }

    /// The plans the viewer may read (a reporter: those its unit takes part in), newest first.
    func visiblePlans(_ viewer: PageViewer, _ c: Connection) throws -> [PlanRecord] {
        try PlanStore.all(in: c).filter { plan in
            guard viewer.principal.isReporter else { return true }
            return try api.planSnapshot(plan.id, c)?.0.involves(viewer.principal.unitID ?? "") ?? false
        }.sorted { ($0.issuedOn, $0.id) > ($1.issuedOn, $1.id) }
    }

    /// Compliance of one period as the API computes it (`complianceResult` over the same facts
    /// GET /compliance reads: the read model's period rows), kept with the plan day.
    func compliance(_ day: PlanDay, _ info: PeriodInfo, _ c: Connection) throws -> ComplianceResult {
        let compute = {
            if let parts = day.parts { return try self.taskCompliance(day, keys: parts, info, c) }
            return self.api.complianceResult(day.snap, period: info.period, asOf: day.asOf,
                                             facts: try self.api.complianceFacts(day.snap, period: info.period, asOf: day.asOf, c))
        }
        guard let key = day.key else { return try compute() }
        return try periodResults.value(PeriodKey(day: key, period: info.period), orCompute: compute)
    }

    /// The plan day as the scorecard reads it (`scorecardPlans(evaluate:)`), from the caches.
    func evaluation(_ planID: Int64, asOf: CivilDate, _ viewer: PageViewer, _ c: Connection) throws -> APIContext.PlanEvaluation {
        let day = try planDay(planID, asOf: asOf, viewer, c)
        return APIContext.PlanEvaluation(snap: day.snap, views: day.views, compliance: { try self.compliance(day, $0, c) })
    }

    /// The periods to show for a plan as of a day: those whose window has opened, plus the next one.
    func periods(_ day: PlanDay) -> [PeriodInfo] {
        let plan = day.plan
        let through = plan.status == .closed ? min(plan.closedOn ?? day.asOf, day.asOf) : day.asOf
        var list = plan.schedule.periods(issuedOn: plan.issuedOn, through: through)
        if plan.status != .closed, plan.schedule.frequency != .once, let last = list.last?.period.next,
           let i = plan.schedule.info(for: last, issuedOn: plan.issuedOn) { list.append(i) }
        return list
    }
}
