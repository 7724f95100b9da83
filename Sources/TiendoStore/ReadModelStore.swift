// The read model of reports (migration 0006): per (task, unit, period) and per
// (task, unit), the state reads need, kept by triggers in the same transaction as
// each report. Reads of aggregates go here, never over the revision history.

import Foundation
import TiendoDomain
import TiendoSQLite

/// One (task, unit, period): how many revisions, the first arrival, the latest revision.
public struct PeriodState: Sendable, Equatable {
    public var taskID: Int64
    public var unitID: String
    public var period: String
    public var planID: Int64
    public var revisions: Int
    public var lastRevision: Int
    public var firstReceivedAt: String
    public var latestReceivedAt: String
    public var latestRevision: Int
    public var latestReportID: Int64
    public var latestStatus: String
    public var latestProgress: Double
    public var latestCompletedOn: CivilDate?

    /// The latest revision as the rules read it (nil for a row that does not parse; none is written so).
    public var latestFact: ReportFact? {
        ReportFact.stored(taskID: taskID, unitID: unitID, period: period, receivedAt: latestReceivedAt, revision: latestRevision,
                          status: latestStatus, progress: latestProgress, completedOn: latestCompletedOn)
    }

    /// The first arrival for the period, as compliance reads it (on time or late); status and
    /// progress are the latest's, which compliance does not read for the period itself.
    public var firstFact: ReportFact? {
        guard var f = latestFact, let at = RFC3339.parse(firstReceivedAt) else { return nil }
        f.receivedAt = at
        f.revision = 0
        return f
    }
}

/// One (task, unit), across periods.
public struct PairState: Sendable, Equatable {
    public var taskID: Int64
    public var unitID: String
    public var planID: Int64
    public var revisions: Int
    public var lastReportID: Int64
    public var maxReceivedAt: String
    public var firstCompletedAt: String?
    public var latestPeriod: String
    public var latestReceivedAt: String
    public var latestRevision: Int
    public var latestReportID: Int64
    public var latestStatus: String
    public var latestProgress: Double
    public var latestCompletedOn: CivilDate?
    public var indicatorPeriod: String?
    public var indicatorReceivedAt: String?
    public var indicatorRevision: Int?
    public var indicatorValue: Double?

    /// The latest revision (period, then arrival, then revision) as the rules read it.
    public var latestFact: ReportFact? {
        ReportFact.stored(taskID: taskID, unitID: unitID, period: latestPeriod, receivedAt: latestReceivedAt, revision: latestRevision,
                          status: latestStatus, progress: latestProgress, completedOn: latestCompletedOn)
    }

    /// The latest revision carrying an indicator value (nil when none did).
    public var indicatorFact: ReportFact? {
        guard let ip = indicatorPeriod, let p = ReportingPeriod(ip), let t = indicatorReceivedAt, let at = RFC3339.parse(t),
              let rev = indicatorRevision, let v = indicatorValue else { return nil }
        return ReportFact(taskId: Int(taskID), unitId: unitID, period: p, revision: rev, receivedAt: at, status: .inProgress,
                          progress: 0, indicatorValue: v)
    }
}

public enum ReadModelStore {
    static let periodColumns = """
        task_id, unit_id, period, plan_id, revisions, last_revision, first_received_at, latest_received_at, latest_revision,
        latest_report_id, latest_status, latest_progress, latest_completed_on
        """
    static let pairColumns = """
        task_id, unit_id, plan_id, revisions, last_report_id, max_received_at, first_completed_at, latest_period,
        latest_received_at, latest_revision, latest_report_id, latest_status, latest_progress, latest_completed_on,
        indicator_period, indicator_received_at, indicator_revision, indicator_value
        """

    static func periodState(_ st: Statement) -> PeriodState {
        PeriodState(taskID: st.int64(0), unitID: st.string(1), period: st.string(2), planID: st.int64(3),
                    revisions: Int(st.int64(4)), lastRevision: Int(st.int64(5)), firstReceivedAt: st.string(6),
                    latestReceivedAt: st.string(7), latestRevision: Int(st.int64(8)), latestReportID: st.int64(9),
                    latestStatus: st.string(10), latestProgress: st.double(11),
                    latestCompletedOn: st.isNull(12) ? nil : st.withText(12) { CivilDate(utf8: $0) })
    }

    static func pairState(_ st: Statement) -> PairState {
        PairState(taskID: st.int64(0), unitID: st.string(1), planID: st.int64(2), revisions: Int(st.int64(3)),
                  lastReportID: st.int64(4), maxReceivedAt: st.string(5), firstCompletedAt: st.isNull(6) ? nil : st.string(6),
                  latestPeriod: st.string(7), latestReceivedAt: st.string(8), latestRevision: Int(st.int64(9)),
                  latestReportID: st.int64(10), latestStatus: st.string(11), latestProgress: st.double(12),
                  latestCompletedOn: st.isNull(13) ? nil : st.withText(13) { CivilDate(utf8: $0) },
                  indicatorPeriod: st.isNull(14) ? nil : st.string(14), indicatorReceivedAt: st.isNull(15) ? nil : st.string(15),
                  indicatorRevision: st.isNull(16) ? nil : Int(st.int64(16)), indicatorValue: st.isNull(17) ? nil : st.double(17))
    }

    static func periods(_ sql: String, _ args: [SQLValue], in c: Connection) throws -> [PeriodState] {
        var out: [PeriodState] = []
        try c.forEach(sql, args) { out.append(periodState($0.statement)) }
        return out
    }

    static func pairs(_ sql: String, _ args: [SQLValue], in c: Connection) throws -> [PairState] {
        var out: [PairState] = []
        try c.forEach(sql, args) { out.append(pairState($0.statement)) }
        return out
    }

    /// Every (task, unit) of a plan that has a report: O(tasks × assignees) rows.
    public static func pairs(ofPlan planID: Int64, in c: Connection) throws -> [PairState] {
        try pairs("SELECT \(pairColumns) FROM report_pairs WHERE plan_id = ?", [.integer(planID)], in: c)
    }

    /// One (task, unit)'s row; nil before its first report.
    public static func pair(task taskID: Int64, unit unitID: String, in c: Connection) throws -> PairState? {
        try pairs("SELECT \(pairColumns) FROM report_pairs WHERE task_id = ? AND unit_id = ?", [.integer(taskID), .text(unitID)], in: c).first
    }

    /// Every unit's row on one task.
    public static func pairs(ofTask taskID: Int64, in c: Connection) throws -> [PairState] {
        try pairs("SELECT \(pairColumns) FROM report_pairs WHERE task_id = ?", [.integer(taskID)], in: c)
    }

    /// Every period row of one (task, unit): what rule 7 and the compliance exemption read.
    public static func periods(ofTask taskID: Int64, unit unitID: String, in c: Connection) throws -> [PeriodState] {
        try periods("SELECT \(periodColumns) FROM report_periods WHERE task_id = ? AND unit_id = ?",
                    [.integer(taskID), .text(unitID)], in: c)
    }

    /// The latest revision of one (task, unit) received before `receivedBefore` (exclusive, stored
    /// text), by (period, received_at, revision), from that pair's period rows: the latest period
    /// with an arrival before the cut-off, and its latest revision when that one arrived before it
    /// too; otherwise one indexed probe of that period's revisions.
    public static func latest(of periods: [PeriodState], receivedBefore: String, in c: Connection) throws -> ReportFact? {
        var best: (ReportingPeriod, PeriodState)?
        for s in periods where s.firstReceivedAt < receivedBefore {
            guard let p = ReportingPeriod(s.period) else { continue }
            if best == nil || best!.0 < p { best = (p, s) }
        }
        guard let (_, s) = best else { return nil }
        if s.latestReceivedAt < receivedBefore { return s.latestFact }
        return try ReportStore.facts("""
            SELECT \(ReportStore.factColumns) FROM reports WHERE task_id = ? AND unit_id = ? AND period = ? AND received_at < ?
            ORDER BY received_at DESC, revision DESC LIMIT 1
            """, [.integer(s.taskID), .text(s.unitID), .text(s.period), .text(receivedBefore)], in: c).first
    }
}

extension ReportFact {
    /// A read-model row's latest revision as the rules read it: nil for stored text that does
    /// not parse (none is written so), which the rules then skip.
    static func stored(taskID: Int64, unitID: String, period: String, receivedAt: String, revision: Int, status: String,
                       progress: Double, completedOn: CivilDate?) -> ReportFact? {
        guard let p = ReportingPeriod(period), let at = RFC3339.parse(receivedAt), let s = ReportStatus(rawValue: status) else { return nil }
        return ReportFact(taskId: Int(taskID), unitId: unitID, period: p, revision: revision, receivedAt: at, status: s,
                          progress: progress, completedOn: completedOn)
    }
}
