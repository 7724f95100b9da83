import Foundation

/// A task as compliance sees it: assignees already expanded to unit ids.
public struct ComplianceTask: Sendable, Hashable {
    public var taskId: Int
    public var leadUnits: [String]
    public var coordinatingUnits: [String]
    /// Local day the task was cancelled (nil: never); see `ComplianceEvaluator`.
    public var cancelledOn: CivilDate?
    public init(taskId: Int, leadUnits: [String], coordinatingUnits: [String] = [], cancelledOn: CivilDate? = nil) {
        self.taskId = taskId; self.leadUnits = leadUnits; self.coordinatingUnits = coordinatingUnits
        self.cancelledOn = cancelledOn
    }
}

public struct ComplianceInput: Sendable, Hashable {
    public var planIssuedOn: CivilDate
    public var schedule: ReportSchedule
    public var period: ReportingPeriod
    /// Local day: revisions received after it do not count.
    public var asOf: CivilDate
    public var tasks: [ComplianceTask]
    /// Every revision of the plan's tasks (any period): earlier periods decide which
    /// pairs are no longer expected (already completed).
    public var reports: [ReportFact]
    /// Day the plan was closed (nil while active): a period starting after it
    /// expects nothing — rule 2 rejects its reports, so nobody can be missing.
    public var planClosedOn: CivilDate?

    public init(planIssuedOn: CivilDate, schedule: ReportSchedule, period: ReportingPeriod, asOf: CivilDate,
                tasks: [ComplianceTask], reports: [ReportFact], planClosedOn: CivilDate? = nil) {
        self.planIssuedOn = planIssuedOn; self.schedule = schedule; self.period = period
        self.asOf = asOf; self.tasks = tasks; self.reports = reports; self.planClosedOn = planClosedOn
    }
}

public enum ComplianceOutcome: String, Sendable, Hashable, CaseIterable, Codable {
    case onTime = "on_time"
    case late
    case missing
}

/// A (task, unit) pair.
public struct TaskUnit: Sendable, Hashable, Codable, Comparable {
    public var taskId: Int
    public var unitId: String
    public init(taskId: Int, unitId: String) { self.taskId = taskId; self.unitId = unitId }
    public static func < (a: TaskUnit, b: TaskUnit) -> Bool { (a.taskId, a.unitId) < (b.taskId, b.unitId) }
    enum CodingKeys: String, CodingKey { case taskId = "task_id", unitId = "unit_id" }
}

/// One (task, unit) for the period.
public struct ComplianceEntry: Sendable, Hashable {
    public var taskId: Int
    public var unitId: String
    public var role: AssigneeRole
    public var outcome: ComplianceOutcome
    /// Arrival of the first revision for the period (received by as_of).
    public var firstReceivedAt: Date?
    /// Local days after the due day (0 unless late).
    public var daysLate: Int
    /// Revisions for the period received by as_of.
    public var revisions: Int
}

/// JSON `{"expected":…,"on_time":…,"late":…,"missing":…}`.
public struct ComplianceCounts: Sendable, Hashable, Codable {
    public var expected = 0
    public var onTime = 0
    public var late = 0
    public var missing = 0
    public init(expected: Int = 0, onTime: Int = 0, late: Int = 0, missing: Int = 0) {
        self.expected = expected; self.onTime = onTime; self.late = late; self.missing = missing
    }
    mutating func add(_ o: ComplianceOutcome) {
        expected += 1
        switch o {
        case .onTime: onTime += 1
        case .late: late += 1
        case .missing: missing += 1
        }
    }
    enum CodingKeys: String, CodingKey { case expected, onTime = "on_time", late, missing }
}

/// Coordinating units' reports, counted apart (never missing). JSON `{"reported":…,"on_time":…,"late":…}`.
public struct CoordinatingCounts: Sendable, Hashable, Codable {
    public var reported = 0
    public var onTime = 0
    public var late = 0
    public init(reported: Int = 0, onTime: Int = 0, late: Int = 0) {
        self.reported = reported; self.onTime = onTime; self.late = late
    }
    enum CodingKeys: String, CodingKey { case reported, onTime = "on_time", late }
}

public struct UnitCompliance: Sendable, Hashable {
    public var unitId: String
    public var counts: ComplianceCounts
    public var coordinating: CoordinatingCounts
}

public struct ComplianceResult: Sendable, Hashable {
    public var period: ReportingPeriod
    /// Window and due day (nil only for a `once` schedule without due_on).
    public var info: PeriodInfo?
    public var asOf: CivilDate
    public var totals: ComplianceCounts
    /// Units in order of first appearance (tasks order, leads then coordinating).
    public var perUnit: [UnitCompliance]
    /// Expected lead pairs, in task order then lead order.
    public var entries: [ComplianceEntry]
    /// Missing lead pairs (same order).
    public var missing: [TaskUnit]
    /// Lead pairs not expected because the unit had reported the task completed before the window opened.
    public var excludedCompleted: [TaskUnit]
    /// Lead pairs not expected because the task was cancelled on or before the period's due day.
    public var excludedCancelled: [TaskUnit]
    /// Coordinating units that reported for the period (outcome on_time / late).
    public var coordinating: [ComplianceEntry]
    public var coordinatingTotals: CoordinatingCounts
}

public enum ComplianceEvaluator {
    /// SPEC §3 compliance for one period as of a local day.
    public static func evaluate(_ input: ComplianceInput) -> ComplianceResult {
        var info = input.schedule.info(for: input.period, issuedOn: input.planIssuedOn)
        if let closed = input.planClosedOn, let i = info, i.firstDay > closed { info?.expectsReports = false }
        // Before the window opens no report can be accepted (rule 3), so as of such a day
        // nothing is expected yet — not "missing".
        if let i = info, input.asOf < i.opens { info?.expectsReports = false }
        var result = ComplianceResult(period: input.period, info: info, asOf: input.asOf, totals: ComplianceCounts(),
                                      perUnit: [], entries: [], missing: [], excludedCompleted: [], excludedCancelled: [],
                                      coordinating: [], coordinatingTotals: CoordinatingCounts())
        guard let info, info.expectsReports else { return result }

        // Index revisions received by as_of.
        var byPair: [TaskUnit: [ReportFact]] = [:]
        for f in input.reports where f.receivedOn <= input.asOf {
            byPair[TaskUnit(taskId: f.taskId, unitId: f.unitId), default: []].append(f)
        }

        var unitOrder: [String] = []
        var units: [String: UnitCompliance] = [:]
        func unit(_ id: String) {
            if units[id] == nil {
                unitOrder.append(id)
                units[id] = UnitCompliance(unitId: id, counts: ComplianceCounts(), coordinating: CoordinatingCounts())
            }
        }

        func firstForPeriod(_ facts: [ReportFact]) -> (first: ReportFact?, count: Int) {
            let mine = facts.filter { $0.period == input.period }
            return (mine.min(by: ReportFact.isBefore), mine.count)
        }

        for task in input.tasks {
            // Cancelled (as of as_of) on or before the due day: the report was never owed.
            // A period due before the cancellation keeps its expectation (and its misses).
            if let c = task.cancelledOn, c <= input.asOf, c <= info.dueOn {
                var seen: Set<String> = []
                for u in task.leadUnits where seen.insert(u).inserted {
                    result.excludedCancelled.append(TaskUnit(taskId: task.taskId, unitId: u))
                }
                continue
            }
            var leadSet: Set<String> = []
            for u in task.leadUnits where leadSet.insert(u).inserted {
                let key = TaskUnit(taskId: task.taskId, unitId: u)
                let facts = byPair[key] ?? []
                // Already reported completed before the window opened?
                if let before = ReportFact.latest(facts.filter { $0.receivedOn < info.opens }), before.status == .completed {
                    result.excludedCompleted.append(key)
                    continue
                }
                unit(u)
                let (first, count) = firstForPeriod(facts)
                let entry: ComplianceEntry
                if let first {
                    let t = Timeliness(receivedAt: first.receivedAt, dueOn: info.dueOn)
                    entry = ComplianceEntry(taskId: task.taskId, unitId: u, role: .lead, outcome: t.onTime ? .onTime : .late,
                                            firstReceivedAt: first.receivedAt, daysLate: t.daysLate, revisions: count)
                } else {
                    entry = ComplianceEntry(taskId: task.taskId, unitId: u, role: .lead, outcome: .missing,
                                            firstReceivedAt: nil, daysLate: 0, revisions: 0)
                    result.missing.append(key)
                }
                result.entries.append(entry)
                result.totals.add(entry.outcome)
                units[u]!.counts.add(entry.outcome)
            }
            var coordSet: Set<String> = []
            for u in task.coordinatingUnits where !leadSet.contains(u) && coordSet.insert(u).inserted {
                let (first, count) = firstForPeriod(byPair[TaskUnit(taskId: task.taskId, unitId: u)] ?? [])
                guard let first else { continue }
                unit(u)
                let t = Timeliness(receivedAt: first.receivedAt, dueOn: info.dueOn)
                let entry = ComplianceEntry(taskId: task.taskId, unitId: u, role: .coordinating, outcome: t.onTime ? .onTime : .late,
                                            firstReceivedAt: first.receivedAt, daysLate: t.daysLate, revisions: count)
                result.coordinating.append(entry)
                result.coordinatingTotals.reported += 1
                units[u]!.coordinating.reported += 1
                if t.onTime { result.coordinatingTotals.onTime += 1; units[u]!.coordinating.onTime += 1 }
                else { result.coordinatingTotals.late += 1; units[u]!.coordinating.late += 1 }
            }
        }
        result.perUnit = unitOrder.map { units[$0]! }
        return result
    }
}
