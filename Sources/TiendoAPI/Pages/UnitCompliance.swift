// One unit's compliance in a period, for the pages that show a single unit (the
// scorecard, a clerk's agenda). The domain's ComplianceEvaluator decides each
// (task, unit) pair from that pair's own reports, so evaluating it over the
// unit's tasks only — each with the unit as its one assignee — and the unit's own
// read-model rows gives exactly that unit's entries and counts of the full
// evaluation, at a 27th of its cost on a plan led by every district.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

struct UnitPeriodKey: Hashable, Sendable {
    let day: PlanDayKey
    let unit: String
    let period: ReportingPeriod
}

/// The unit's read-model rows on one plan, read on first use and at most once per request.
/// The unit's tasks are found on first use too: a page served from the cache needs neither.
final class UnitRows {
    let unit: String
    private let tasks: () -> [Int64]
    private var loaded: (rows: [PeriodState], completed: [Int64: String])?

    init(unit: String, tasks: @escaping () -> [Int64]) { self.unit = unit; self.tasks = tasks }

    func get(_ c: Connection) throws -> (rows: [PeriodState], completed: [Int64: String]) {
        if let loaded { return loaded }
        let ids = tasks()
        let l = (try PageReads.periods(ofUnit: unit, tasks: ids, in: c), try PageReads.firstCompleted(ofUnit: unit, tasks: ids, in: c))
        loaded = l
        return l
    }
}

extension PageContext {
    /// The plan's tasks with `unit` as their one lead or coordinating assignee (tasks it has no part in dropped).
    func unitTasks(_ day: PlanDay, unit: String) -> [ComplianceTask] {
        day.snap.tasks.compactMap { t in
            let lead = day.snap.lead(t).contains(unit), coordinating = day.snap.coordinating(t).contains(unit)
            guard lead || coordinating else { return nil }
            return ComplianceTask(taskId: Int(t.id), leadUnits: lead ? [unit] : [], coordinatingUnits: coordinating ? [unit] : [],
                                  cancelledOn: t.cancelledOn)
        }
    }

    /// `unit`'s compliance for `info`'s period as of the plan day: the full evaluation's entries and
    /// counts for that unit (its `perUnit` holds the unit alone). Kept per plan day, unit and period.
    func unitCompliance(_ day: PlanDay, unit: String, _ info: PeriodInfo, rows: UnitRows, _ c: Connection) throws -> ComplianceResult {
        // Without the read model every compliance reads the history: the full evaluation, cached per period.
        guard api.readModel else { return try compliance(day, info, c) }
        let compute = { () throws -> ComplianceResult in
            let tasks = self.unitTasks(day, unit: rows.unit)
            let (unitRows, completed) = try rows.get(c)
            let facts = try self.api.complianceFacts(unitRows: unitRows, completedAt: completed, period: info.period, info: info, c)
            return self.evaluateCompliance(day.snap, period: info.period, asOf: day.asOf, tasks: tasks, facts: facts)
        }
        guard let key = day.key else { return try compute() }
        return try unitResults.value(UnitPeriodKey(day: key, unit: unit, period: info.period), orCompute: compute)
    }

    /// The plan day as the scorecard of `unit` reads it (`scorecardPlans(evaluate:)`): statuses from
    /// the cached plan day, compliance of the unit alone.
    func unitEvaluation(_ planID: Int64, unit: String, asOf: CivilDate, _ viewer: PageViewer, _ c: Connection) throws -> APIContext.PlanEvaluation {
        let day = try planDay(planID, asOf: asOf, viewer, c)
        let rows = UnitRows(unit: unit) { self.unitTasks(day, unit: unit).map { Int64($0.taskId) } }
        return APIContext.PlanEvaluation(snap: day.snap, views: day.views,
                                         compliance: { try self.unitCompliance(day, unit: unit, $0, rows: rows, c) })
    }
}
