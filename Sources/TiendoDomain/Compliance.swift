import Foundation

/// A task as compliance sees it: assignees already expanded to unit ids.
public struct ComplianceTask: Sendable, Hashable {
    public var taskId: Int
    public var leadUnits: [String]
    public var coordinatingUnits: [String]
    /// Local day the task was cancelled (nil: never); see `ComplianceEvaluator`.
    public var cancelledOn: CivilDate?
    /// Whether `leadUnits` has no repeats and `coordinatingUnits` none either and none of the
    /// leads (`distinct(…)` makes such a task): the evaluator then skips its per-task sets.
    public private(set) var assigneesDistinct = false
    public init(taskId: Int, leadUnits: [String], coordinatingUnits: [String] = [], cancelledOn: CivilDate? = nil) {
        self.taskId = taskId; self.leadUnits = leadUnits; self.coordinatingUnits = coordinatingUnits
        self.cancelledOn = cancelledOn
    }

    /// The same task as compliance reads it: leads without repeats, coordinating units without
    /// repeats or leads, both in first-appearance order. Built once per plan structure.
    public func distinct() -> ComplianceTask {
        var leads: [String] = [], coordinating: [String] = []
        var seen: Set<String> = []
        for u in leadUnits where seen.insert(u).inserted { leads.append(u) }
        for u in coordinatingUnits where seen.insert(u).inserted { coordinating.append(u) }
        var t = ComplianceTask(taskId: taskId, leadUnits: leads, coordinatingUnits: coordinating, cancelledOn: cancelledOn)
        t.assigneesDistinct = true
        return t
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
    /// Expected, not received, and the due day has not passed as of the day asked
    /// (before working-day rules existed this counted as `missing`).
    case pending
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
    public var pending = 0
    public init(expected: Int = 0, onTime: Int = 0, late: Int = 0, missing: Int = 0, pending: Int = 0) {
        self.expected = expected; self.onTime = onTime; self.late = late; self.missing = missing; self.pending = pending
    }
    mutating func add(_ o: ComplianceOutcome) {
        expected += 1
        switch o {
        case .onTime: onTime += 1
        case .late: late += 1
        case .missing: missing += 1
        case .pending: pending += 1
        }
    }
    enum CodingKeys: String, CodingKey { case expected, onTime = "on_time", late, missing, pending }
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
    /// Missing lead pairs (due day passed, nothing received; same order).
    public var missing: [TaskUnit]
    /// Pending lead pairs (nothing received yet, due day not passed; same order).
    public var pending: [TaskUnit] = []
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

        // Revisions received by as_of, by (task, unit): sorted, not hashed (FactsByPair).
        let byPair = FactsByPair(input.reports.filter { $0.receivedOn <= input.asOf })

        // Units in order of first appearance, found by position (one hash per entry).
        var units: [UnitCompliance] = []
        var unitIndex: [String: Int] = [:]
        func unit(_ id: String) -> Int {
            if let i = unitIndex[id] { return i }
            unitIndex[id] = units.count
            units.append(UnitCompliance(unitId: id, counts: ComplianceCounts(), coordinating: CoordinatingCounts()))
            return units.count - 1
        }

        /// The pair's first revision for the period (the first minimal by arrival) and how many.
        func firstForPeriod(_ facts: ArraySlice<ReportFact>) -> (first: ReportFact?, count: Int) {
            var first: ReportFact?, count = 0
            for f in facts where f.period == input.period {
                count += 1
                if first == nil || ReportFact.isBefore(f, first!) { first = f }
            }
            return (first, count)
        }

        /// The pair's latest revision received before the window opened (ReportFact.latest of those).
        func latestBeforeWindow(_ facts: ArraySlice<ReportFact>) -> ReportFact? {
            var best: ReportFact?
            for f in facts where f.receivedOn < info.opens {
                if best == nil || ReportFact.isOlder(best!, f) { best = f }
            }
            return best
        }

        var slotsOf: [String] = [], slots: [Int] = []
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
            // Most tasks name the same leads (every district): their positions among the units
            // carry over from the task before, and each unit id is hashed once, not per task.
            if task.leadUnits != slotsOf {
                slotsOf = task.leadUnits
                slots = [Int](repeating: -1, count: task.leadUnits.count)
            }
            let pairs = byPair.task(task.taskId)
            var leadSet: Set<String> = []
            for (k, u) in task.leadUnits.enumerated() where task.assigneesDistinct || leadSet.insert(u).inserted {
                let key = TaskUnit(taskId: task.taskId, unitId: u)
                let facts = pairs.facts(u)
                // Already reported completed before the window opened?
                if let before = latestBeforeWindow(facts), before.status == .completed {
                    result.excludedCompleted.append(key)
                    continue
                }
                let ui = slots[k] >= 0 ? slots[k] : unit(u)
                slots[k] = ui
                let (first, count) = firstForPeriod(facts)
                let entry: ComplianceEntry
                if let first {
                    let t = Timeliness(receivedAt: first.receivedAt, dueOn: info.dueOn, dueTime: info.dueTime)
                    entry = ComplianceEntry(taskId: task.taskId, unitId: u, role: .lead, outcome: t.onTime ? .onTime : .late,
                                            firstReceivedAt: first.receivedAt, daysLate: t.daysLate, revisions: count)
                } else {
                    // The due day is the last on-time day: only after it has passed is the report missing.
                    let outcome: ComplianceOutcome = input.asOf <= info.dueOn ? .pending : .missing
                    entry = ComplianceEntry(taskId: task.taskId, unitId: u, role: .lead, outcome: outcome,
                                            firstReceivedAt: nil, daysLate: 0, revisions: 0)
                    if outcome == .missing { result.missing.append(key) } else { result.pending.append(key) }
                }
                result.entries.append(entry)
                result.totals.add(entry.outcome)
                units[ui].counts.add(entry.outcome)
            }
            var coordSet: Set<String> = []
            for u in task.coordinatingUnits where task.assigneesDistinct || (!leadSet.contains(u) && coordSet.insert(u).inserted) {
                let (first, count) = firstForPeriod(pairs.facts(u))
                guard let first else { continue }
                let ui = unit(u)
                let t = Timeliness(receivedAt: first.receivedAt, dueOn: info.dueOn, dueTime: info.dueTime)
                let entry = ComplianceEntry(taskId: task.taskId, unitId: u, role: .coordinating, outcome: t.onTime ? .onTime : .late,
                                            firstReceivedAt: first.receivedAt, daysLate: t.daysLate, revisions: count)
                result.coordinating.append(entry)
                result.coordinatingTotals.reported += 1
                units[ui].coordinating.reported += 1
                if t.onTime { result.coordinatingTotals.onTime += 1; units[ui].coordinating.onTime += 1 }
                else { result.coordinatingTotals.late += 1; units[ui].coordinating.late += 1 }
            }
        }
        result.perUnit = units
        return result
    }
}

/// Revisions grouped by (task, unit) without a hash per revision: sorted by task, then unit,
/// keeping their given order within a pair (the rules take the first of equals), each task's
/// run found once and each unit's by binary search within it. The read model gives them
/// nearly sorted already; compliance used to hash every revision and every lead.
struct FactsByPair {
    private let facts: [ReportFact]
    private let runs: [Int: Range<Int>]

    init(_ given: [ReportFact]) {
        func precedes(_ a: ReportFact, _ b: ReportFact) -> Bool {
            a.taskId != b.taskId ? a.taskId < b.taskId : a.unitId < b.unitId
        }
        if given.indices.dropFirst().allSatisfy({ !precedes(given[$0], given[$0 - 1]) }) {
            facts = given
        } else {
            // Stable: ties broken by the given position.
            facts = given.indices.sorted { i, j in
                precedes(given[i], given[j]) || (!precedes(given[j], given[i]) && i < j)
            }.map { given[$0] }
        }
        var runs: [Int: Range<Int>] = [:]
        var start = 0
        for i in facts.indices where i + 1 == facts.count || facts[i + 1].taskId != facts[i].taskId {
            runs[facts[i].taskId] = start..<(i + 1)
            start = i + 1
        }
        self.runs = runs
    }

    /// One task's revisions.
    func task(_ id: Int) -> TaskFacts { TaskFacts(facts: facts[runs[id] ?? 0..<0]) }

    struct TaskFacts {
        let facts: ArraySlice<ReportFact>

        /// The unit's revisions, in their given order (empty when none).
        func facts(_ unit: String) -> ArraySlice<ReportFact> {
            // The first position whose unit is not below `unit`, then the run of equals.
            var lo = facts.startIndex, hi = facts.endIndex
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                if facts[mid].unitId < unit { lo = mid + 1 } else { hi = mid }
            }
            var end = lo
            while end < facts.endIndex, facts[end].unitId == unit { end += 1 }
            return facts[lo..<end]
        }
    }
}
