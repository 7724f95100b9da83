// A plan day assembled task by task. A report changes one task's status and that
// task's compliance; the plan-level caches (PlanDay.swift) are keyed by the plan's
// revision, which every report bumps, so without parts the first view after any
// report evaluated all of the plan again (60 tasks × 27 districts: 4 ms for the
// statuses, 4–5 ms per period). Here each task's view and per-period compliance is
// kept under the task's report mark (migration 0012, changed by any report of the
// task in the same transaction), so that view evaluates the one task that changed
// and appends the rest from the cache (ComplianceResult.append).

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// One task of a plan as of a day, as its inputs stood: the plan's structure and the
/// units (selectors, names), and the task's report mark.
struct TaskPartKey: Hashable, Sendable {
    let plan: Int64
    let structure: Int64
    let units: Int64
    let task: Int64
    let mark: Int64
    let asOf: CivilDate
}

struct TaskRowsKey: Hashable, Sendable {
    let task: Int64
    let mark: Int64
}

struct TaskRows: Sendable {
    let byUnit: [String: [PeriodState]]
    let completed: [String: String]
    var count: Int { byUnit.values.reduce(0) { $0 + $1.count } }
}

struct TaskPeriodKey: Hashable, Sendable {
    let part: TaskPartKey
    let period: ReportingPeriod
}

extension PageContext {
    /// Past this share of tasks to evaluate, one read of the whole plan costs less than a read per task.
    static let staleShareForPlanRead = 4

    /// The part keys of every task of the plan, in task order; nil without the read model
    /// (every read is then the history's) or when a revision counter is missing.
    func partKeys(_ snap: PlanSnapshot, _ revision: PlanRevision, asOf: CivilDate, _ c: Connection) throws -> [TaskPartKey]? {
        guard api.readModel, revision.isCacheable else { return nil }
        let marks = try PageReads.taskMarks(ofPlan: snap.plan.id, in: c)
        return snap.tasks.map {
            TaskPartKey(plan: snap.plan.id, structure: revision.structure, units: revision.units, task: $0.id, mark: marks[$0.id] ?? 0,
                        asOf: asOf)
        }
    }

    /// Every task's view: the kept ones, and the others evaluated from their read-model rows as
    /// the summary reads them. nil when a task's rows do not answer for the day (an as_of before
    /// its latest report): the caller reads the plan's history instead.
    func taskViews(_ snap: PlanSnapshot, keys: [TaskPartKey], asOf: CivilDate, _ c: Connection) throws -> [TaskView]? {
        var views = keys.map { taskViewParts.value($0) }
        let stale = views.indices.filter { views[$0] == nil }
        guard !stale.isEmpty else { return views.map { $0! } }
        var facts: [ReportFact] = []
        if stale.count * Self.staleShareForPlanRead > keys.count {
            facts = try api.statusFacts(plan: snap.plan.id, asOf: asOf, c).facts
        } else {
            for i in stale {
                let pairs = try ReadModelStore.pairs(ofTask: keys[i].task, in: c)
                guard api.readModelAnswers(pairs, asOf: asOf) else { return nil }
                facts += pairs.compactMap(\.latestFact)
            }
        }
        let fresh = snap.statuses(asOf: asOf, facts: facts, only: stale.map { snap.tasks[$0] })
        for (i, v) in zip(stale, fresh) {
            views[i] = v
            taskViewParts.insert(keys[i], v)
        }
        return views.map { $0! }
    }

    /// The period's compliance as the API computes it (`complianceResult` over `complianceFacts`),
    /// from each task's part: kept ones as they are, the others evaluated from their own rows.
    func taskCompliance(_ day: PlanDay, keys: [TaskPartKey], _ info: PeriodInfo, _ c: Connection) throws -> ComplianceResult {
        let parts = try complianceParts(day, keys: keys, info, c)
        var whole = evaluateCompliance(day.snap, period: info.period, asOf: day.asOf, tasks: [], facts: [])
        whole.entries.reserveCapacity(parts.reduce(0) { $0 + $1.entries.count })
        whole.append(contentsOf: parts)
        return whole
    }

    /// A period's counts only (the plan page's period table): the parts' totals summed, nothing assembled.
    func complianceTotals(_ day: PlanDay, _ info: PeriodInfo, _ c: Connection) throws -> ComplianceCounts {
        if let key = day.key, let whole = periodResults.value(PeriodKey(day: key, period: info.period)) { return whole.totals }
        guard let keys = day.parts else { return try compliance(day, info, c).totals }
        var t = ComplianceCounts()
        for p in try complianceParts(day, keys: keys, info, c) {
            t.expected += p.totals.expected; t.onTime += p.totals.onTime; t.late += p.totals.late
            t.missing += p.totals.missing; t.pending += p.totals.pending
        }
        return t
    }

    /// Each task's compliance for the period, in task order.
    func complianceParts(_ day: PlanDay, keys: [TaskPartKey], _ info: PeriodInfo, _ c: Connection) throws -> [ComplianceResult] {
        let snap = day.snap, period = info.period
        var parts = keys.map { taskComplianceParts.value(TaskPeriodKey(part: $0, period: period)) }
        let stale = parts.indices.filter { parts[$0] == nil }
        if !stale.isEmpty {
            var factsByTask: [Int: [ReportFact]] = [:]
            if stale.count * Self.staleShareForPlanRead > keys.count {
                for f in try api.complianceFacts(snap, period: period, asOf: day.asOf, c) { factsByTask[f.taskId, default: []].append(f) }
            } else {
                for i in stale {
                    let task = keys[i].task
                    let (byUnit, completed) = try taskRows(keys[i], c)
                    for (unit, rows) in byUnit {
                        factsByTask[Int(task), default: []] += try api.complianceFacts(
                            unitRows: rows, completedAt: completed[unit].map { [task: $0] } ?? [:], period: period, info: info, c)
                    }
                }
            }
            for i in stale {
                let t = snap.tasks[i]
                let task = ComplianceTask(taskId: Int(t.id), leadUnits: snap.lead(t), coordinatingUnits: snap.coordinating(t),
                                          cancelledOn: t.cancelledOn)
                let part = evaluateCompliance(snap, period: period, asOf: day.asOf, tasks: [task], facts: factsByTask[Int(t.id)] ?? [])
                parts[i] = part
                taskComplianceParts.insert(TaskPeriodKey(part: keys[i], period: period), part)
            }
        }
        return parts.map { $0! }
    }

    /// A task's read-model rows by unit and when each unit first reported it completed, kept under
    /// its mark: a page over many periods reads them once.
    func taskRows(_ key: TaskPartKey, _ c: Connection) throws -> (byUnit: [String: [PeriodState]], completed: [String: String]) {
        let rows = try taskRowParts.value(TaskRowsKey(task: key.task, mark: key.mark)) {
            var completed: [String: String] = [:]
            for p in try ReadModelStore.pairs(ofTask: key.task, in: c) { if let at = p.firstCompletedAt { completed[p.unitID] = at } }
            var byUnit: [String: [PeriodState]] = [:]
            for r in try PageReads.periods(ofTask: key.task, in: c) { byUnit[r.unitID, default: []].append(r) }
            return TaskRows(byUnit: byUnit, completed: completed)
        }
        return (rows.byUnit, rows.completed)
    }

    /// The input `complianceResult` builds for the plan, over `tasks` and `facts` only.
    func evaluateCompliance(_ snap: PlanSnapshot, period: ReportingPeriod, asOf: CivilDate, tasks: [ComplianceTask],
                            facts: [ReportFact]) -> ComplianceResult {
        let plan = snap.plan
        return ComplianceEvaluator.evaluate(ComplianceInput(
            planIssuedOn: plan.issuedOn, schedule: plan.schedule, period: period, asOf: asOf, tasks: tasks, reports: facts,
            planClosedOn: plan.status == .closed ? (plan.closedOn ?? asOf) : nil))
    }
}
