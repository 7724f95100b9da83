import Foundation

/// A report's status (SPEC §1).
public enum ReportStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case completed
}

/// What the rules need to know about one stored report revision.
public struct ReportFact: Sendable, Hashable {
    public var taskId: Int
    public var unitId: String
    public var period: ReportingPeriod
    public var revision: Int
    /// Server clock (or back-filled by aggregator/admin).
    public var receivedAt: Date
    public var status: ReportStatus
    public var progress: Double
    public var completedOn: CivilDate?
    /// The task indicator's value as reported (summary roll-up), when given.
    public var indicatorValue: Double?

    public init(taskId: Int, unitId: String, period: ReportingPeriod, revision: Int, receivedAt: Date,
                status: ReportStatus, progress: Double, completedOn: CivilDate? = nil, indicatorValue: Double? = nil) {
        self.taskId = taskId; self.unitId = unitId; self.period = period; self.revision = revision
        self.receivedAt = receivedAt; self.status = status; self.progress = progress; self.completedOn = completedOn
        self.indicatorValue = indicatorValue
    }

    /// Local (UTC+7) day it was received.
    public var receivedOn: CivilDate { VietnamTime.localDate(of: receivedAt) }

    /// Ordering "latest": by received_at, then revision.
    public static func isBefore(_ a: ReportFact, _ b: ReportFact) -> Bool {
        (a.receivedAt, a.revision) < (b.receivedAt, b.revision)
    }

    /// Ordering "latest report" of one unit on one task: the latest period, then within
    /// it the last received revision. A correction of an earlier period (a new revision
    /// received later) does not replace what the unit said for a later period.
    public static func isOlder(_ a: ReportFact, _ b: ReportFact) -> Bool {
        (a.period, a.receivedAt, a.revision) < (b.period, b.receivedAt, b.revision)
    }

    /// The latest (by period, then received_at, then revision) of `facts` received on
    /// or before the local day `asOf` (all of them when `asOf` is nil).
    public static func latest(_ facts: [ReportFact], asOf: CivilDate? = nil) -> ReportFact? {
        var best: ReportFact?
        for f in facts {
            if let d = asOf, f.receivedOn > d { continue }
            if best == nil || isOlder(best!, f) { best = f }
        }
        return best
    }

    /// The unit's latest report on the task in a period earlier than `period`
    /// (rule 7's baseline). Pass the facts of one (task, unit); others are ignored by
    /// matching `taskId`/`unitId` against the `taskId`/`unitId` given.
    public static func latestInEarlierPeriod(_ facts: [ReportFact], taskId: Int, unitId: String, before period: ReportingPeriod) -> ReportFact? {
        latest(facts.filter { $0.taskId == taskId && $0.unitId == unitId && $0.period < period })
    }
}

/// Whether a received report met its period's due day (SPEC §3): on time when its
/// local (UTC+7) day is on or before `dueOn`; otherwise `daysLate` local days late.
public struct Timeliness: Sendable, Hashable, Codable {
    public var dueOn: CivilDate
    public var onTime: Bool
    public var daysLate: Int

    /// With `dueTime` ("trước 14 giờ, ngày 05/12/2017") on time means received by that local
    /// time; a report later the same day is late by 1 day (any started day counts).
    public init(receivedAt: Date, dueOn: CivilDate, dueTime: TimeOfDay? = nil) {
        self.dueOn = dueOn
        let days = VietnamTime.daysLate(receivedAt: receivedAt, dueOn: dueOn)
        if let t = dueTime, receivedAt > t.instant(on: dueOn) {
            self.daysLate = Swift.max(1, days)
        } else {
            self.daysLate = days
        }
        self.onTime = daysLate == 0
    }

    enum CodingKeys: String, CodingKey { case dueOn = "due_on", onTime = "on_time", daysLate = "days_late" }
}
