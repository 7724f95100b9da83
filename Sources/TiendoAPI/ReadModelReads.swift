// What the computed routes read of reports: the read model (migration 0006) —
// O(tasks × assignees) rows — or, for an as_of before the last report's day, the
// revision history. Compliance never needs the history: a period's first arrival
// and the "completed before the window opened" exemption are exact from the period
// rows for any as_of. Task status needs each lead's latest revision received by
// as_of, which the (task, unit) rows give only when nothing arrived after as_of's
// day; older views of the past read the history, as they always did.

import Foundation
import TiendoDomain
import TiendoSQLite
import TiendoStore

/// The facts a status or summary evaluation reads.
struct StatusFacts {
    /// Revisions that decide statuses (every unit's latest, or the whole history).
    var facts: [ReportFact]
    /// Revisions carrying an indicator value (each unit's latest such one, or every such one).
    var indicators: [ReportFact]
    /// Whether they came from the read model.
    var fromReadModel: Bool
}

extension PlanSnapshot {
    /// The plan's task ids: its read-model rows are found by them (ReadModelFacts.swift).
    var taskIDs: [Int64] { tasks.map(\.id) }
}

extension APIContext {
    /// Whether the read model answers for the plan as of `asOf` (every revision arrived by the end
    /// of that day): then the review counts read it too (ReviewCounts).
    func readModelAnswers(plan planID: Int64, asOf: CivilDate, _ c: Connection) throws -> Bool {
        try readModel && ReadModelStore.allReceived(ofPlan: planID, before: Timestamp.endOfLocalDay(asOf), in: c)
    }

    /// Whether `pairs` hold every revision received by the end of `asOf` and no later one.
    func readModelAnswers(_ pairs: [PairState], asOf: CivilDate) -> Bool {
        guard readModel else { return false }
        let cutoff = Timestamp.endOfLocalDay(asOf)
        return pairs.allSatisfy { $0.maxReceivedAt < cutoff }
    }

    /// What task statuses and the indicator roll-up of a plan read as of `asOf`.
    func statusFacts(plan planID: Int64, asOf: CivilDate, _ c: Connection) throws -> StatusFacts {
        try statusFacts(plan: planID, taskIDs: nil, asOf: asOf, c)
    }

    /// The same for `snap`'s plan, its rows found by the snapshot's task ids (primary-key ranges).
    func statusFacts(_ snap: PlanSnapshot, asOf: CivilDate, _ c: Connection) throws -> StatusFacts {
        try statusFacts(plan: snap.plan.id, taskIDs: snap.taskIDs, asOf: asOf, c)
    }

    private func statusFacts(plan planID: Int64, taskIDs: [Int64]?, asOf: CivilDate, _ c: Connection) throws -> StatusFacts {
        // Every revision received by the end of `asOf` and no later one: the read model's rows are exact.
        if try readModelAnswers(plan: planID, asOf: asOf, c) {
            let read = try ReadModelStore.pairFacts(ofPlan: planID, taskIDs: taskIDs, in: c)
            return StatusFacts(facts: read.latest, indicators: read.indicators, fromReadModel: true)
        }
        let facts = try ReportStore.facts(ofPlan: planID, receivedBefore: Timestamp.endOfLocalDay(asOf), in: c)
        return StatusFacts(facts: facts, indicators: facts.filter { $0.indicatorValue != nil }, fromReadModel: false)
    }

    /// The revisions GET /tasks shows for `pairs` as of `asOf`: each (task, unit)'s latest record
    /// when the read model answers, else nil (the caller reads the history).
    func latestRecords(_ pairs: [PairState], asOf: CivilDate, _ c: Connection) throws -> [ReportRecord]? {
        guard readModelAnswers(pairs, asOf: asOf) else { return nil }
        return try ReportStore.records(ids: pairs.map(\.latestReportID), in: c)
    }

    /// The facts compliance for `period` of a plan reads: each (task, unit)'s first arrival in the
    /// period, and, for the pairs that reported `completed` before the window opened, their latest
    /// revision received before it (the exemption). Exact for any as_of (the evaluator drops
    /// arrivals after as_of; as of a day before the window opens nothing is expected).
    func complianceFacts(_ snap: PlanSnapshot, period: ReportingPeriod, asOf: CivilDate, _ c: Connection) throws -> [ReportFact] {
        try complianceRead(snap, period: period, asOf: asOf, c).facts
    }

    /// `complianceFacts`, and whether the read model answers as of `asOf` (every revision of the
    /// plan arrived by the end of that day: the review counts may read it), from one pass over
    /// the plan's (task, unit) rows.
    func complianceRead(_ snap: PlanSnapshot, period: ReportingPeriod, asOf: CivilDate, _ c: Connection)
        throws -> (facts: [ReportFact], readModelAnswers: Bool) {
        guard readModel else {
            return (try ReportStore.facts(ofPlan: snap.plan.id, receivedBefore: Timestamp.endOfLocalDay(asOf), in: c), false)
        }
        // About one row per (task, assignee), and the exempted pairs appended after them.
        var facts = try ReadModelStore.firstFacts(ofPlan: snap.plan.id, period: period.description, capacity: snap.tasks.count * 32, in: c)
        let answers = try readModelAnswers(plan: snap.plan.id, asOf: asOf, c)
        guard let info = snap.plan.schedule.info(for: period, issuedOn: snap.plan.issuedOn) else { return (facts, answers) }
        let opens = Timestamp.endOfLocalDay(info.opens.adding(days: -1))
        let scan = try ReadModelStore.exemptionScan(ofPlan: snap.plan.id, completedBefore: opens, in: c)
        facts += scan.facts
        for (task, unit) in scan.pending {
            let rows = try ReadModelStore.periods(ofTask: task, unit: unit, in: c)
            if let f = try ReadModelStore.latest(of: rows, receivedBefore: opens, in: c) { facts.append(f) }
        }
        return (facts, answers)
    }

    /// The same for one unit's (task, unit) rows (the scorecard): `rows` are every period row of
    /// the unit's pairs in the plan.
    func complianceFacts(unitRows rows: [PeriodState], completedAt: [Int64: String], period: ReportingPeriod, info: PeriodInfo,
                         _ c: Connection) throws -> [ReportFact] {
        let name = period.description
        var facts = rows.filter { $0.period == name }.compactMap(\.firstFact)
        let opens = Timestamp.endOfLocalDay(info.opens.adding(days: -1))
        var byTask: [Int64: [PeriodState]] = [:]
        for s in rows { if let at = completedAt[s.taskID], at < opens { byTask[s.taskID, default: []].append(s) } }
        for group in byTask.values {
            if let f = try ReadModelStore.latest(of: group, receivedBefore: opens, in: c) { facts.append(f) }
        }
        return facts
    }
}
