import Foundation

/// One (plan, task, period) a unit must report, as of a day.
public struct AgendaItem: Sendable, Hashable {
    public var planId: Int
    public var taskId: Int
    public var period: ReportingPeriod
    public var dueOn: CivilDate
    public var nominalDueOn: CivilDate
    /// `dueOn − asOf` in days: 0 on the due day, negative once late.
    public var daysLeft: Int
    /// A report for the period had arrived by the as-of day.
    public var received: Bool
    public var firstReceivedAt: Date?
    /// The aggregator returned the latest revision and no new one has come: owed again.
    public var returned: Bool = false
}

/// What the agenda and the chase list need about one plan.
public struct AgendaPlan: Sendable {
    public var planId: Int
    public var issuedOn: CivilDate
    public var schedule: ReportSchedule
    public var closedOn: CivilDate?
    public var tasks: [ComplianceTask]
    public var reports: [ReportFact]
    /// Periods the aggregator has locked: nothing more can be sent for them.
    public var lockedPeriods: Set<ReportingPeriod>
    /// (task, unit, period) whose latest revision was returned by review as of the day asked.
    public var returned: Set<ReturnedReport> = []

    public init(planId: Int, issuedOn: CivilDate, schedule: ReportSchedule, closedOn: CivilDate?, tasks: [ComplianceTask],
                reports: [ReportFact], lockedPeriods: Set<ReportingPeriod>) {
        self.planId = planId; self.issuedOn = issuedOn; self.schedule = schedule; self.closedOn = closedOn
        self.tasks = tasks; self.reports = reports; self.lockedPeriods = lockedPeriods
    }

    /// Periods whose window has opened by `asOf` (and, for a closed plan, that started by its closing day).
    public func openedPeriods(asOf: CivilDate) -> [PeriodInfo] {
        let through = closedOn.map { Swift.min($0, asOf) } ?? asOf
        var list = schedule.periods(issuedOn: issuedOn, through: through)
        // A decree_09 window opens in the month before the period starts.
        if closedOn == nil, schedule.frequency != .once, let next = list.last?.period.next,
           let i = schedule.info(for: next, issuedOn: issuedOn), i.opens <= asOf {
            list.append(i)
        }
        return list.filter { $0.expectsReports && $0.opens <= asOf }
    }

    /// The period a chase list is about when none is named: the earliest opened period
    /// not yet due (what units are reporting now), else the latest one already due.
    public func periodToChase(asOf: CivilDate) -> ReportingPeriod? {
        let opened = openedPeriods(asOf: asOf)
        return (opened.first { $0.dueOn >= asOf } ?? opened.last)?.period
    }
}

/// A (task, unit, period) whose report was returned (*trả lại*).
public struct ReturnedReport: Sendable, Hashable {
    public var taskId: Int
    public var unitId: String
    public var period: ReportingPeriod
    public init(taskId: Int, unitId: String, period: ReportingPeriod) { self.taskId = taskId; self.unitId = unitId; self.period = period }
}

public enum Agenda {
    /// The items of `unitId` in one plan as of `asOf`: every expected (task, period) of an
    /// opened, unlocked period that is either still current (due day not passed) or still
    /// owed (nothing received). Compliance decides what is expected, so a task the unit had
    /// reported completed before a period's window opened is not asked for again.
    public static func items(unitId: String, plan: AgendaPlan, asOf: CivilDate) -> [AgendaItem] {
        var out: [AgendaItem] = []
        let mine = plan.tasks.filter { $0.leadUnits.contains(unitId) }
        guard !mine.isEmpty else { return [] }
        for info in plan.openedPeriods(asOf: asOf) where !plan.lockedPeriods.contains(info.period) {
            let r = ComplianceEvaluator.evaluate(ComplianceInput(
                planIssuedOn: plan.issuedOn, schedule: plan.schedule, period: info.period, asOf: asOf,
                tasks: mine, reports: plan.reports, planClosedOn: plan.closedOn))
            guard let due = r.info else { continue }
            for e in r.entries where e.unitId == unitId {
                let received = e.outcome == .onTime || e.outcome == .late
                let returned = plan.returned.contains(ReturnedReport(taskId: e.taskId, unitId: unitId, period: info.period))
                // A returned report is owed again (a new revision), whatever its due day.
                if received && due.dueOn < asOf && !returned { continue }
                out.append(AgendaItem(planId: plan.planId, taskId: e.taskId, period: info.period, dueOn: due.dueOn,
                                      nominalDueOn: due.nominalDueOn, daysLeft: asOf.days(until: due.dueOn),
                                      received: received, firstReceivedAt: e.firstReceivedAt, returned: returned))
            }
        }
        return out
    }

    /// Agenda order: soonest (most overdue) first, then plan, task.
    public static func sorted(_ items: [AgendaItem]) -> [AgendaItem] {
        items.sorted { ($0.dueOn, $0.planId, $0.taskId) < ($1.dueOn, $1.planId, $1.taskId) }
    }
}
