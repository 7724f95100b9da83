import Foundation

/// Computed task status (SPEC §2).
public enum TaskStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case completed
    case overdue
    case dueSoon = "due_soon"
    case ongoing
    case inProgress = "in_progress"
    case notStarted = "not_started"
    /// Cancelled by the aggregator (and not completed): no longer expected, in no bucket.
    case cancelled
}

/// The four buckets of the national task-tracking reports (QĐ 42/2014/QĐ-TTg).
public enum TaskBucket: String, Sendable, Hashable, CaseIterable, Codable {
    /// hoàn thành đúng hạn
    case completedOnTime = "completed_on_time"
    /// hoàn thành quá hạn
    case completedLate = "completed_late"
    /// chưa hoàn thành, trong hạn (also every open task without due_on)
    case openWithinDeadline = "open_within_deadline"
    /// chưa hoàn thành, quá hạn
    case openOverdue = "open_overdue"
}

/// Bucket totals, JSON `{"completed_on_time":…,"completed_late":…,"open_within_deadline":…,"open_overdue":…}`.
public struct BucketCounts: Sendable, Hashable, Codable {
    public var completedOnTime = 0
    public var completedLate = 0
    public var openWithinDeadline = 0
    public var openOverdue = 0
    public init() {}
    public var total: Int { completedOnTime + completedLate + openWithinDeadline + openOverdue }
    public mutating func add(_ b: TaskBucket) {
        switch b {
        case .completedOnTime: completedOnTime += 1
        case .completedLate: completedLate += 1
        case .openWithinDeadline: openWithinDeadline += 1
        case .openOverdue: openOverdue += 1
        }
    }
    enum CodingKeys: String, CodingKey {
        case completedOnTime = "completed_on_time", completedLate = "completed_late"
        case openWithinDeadline = "open_within_deadline", openOverdue = "open_overdue"
    }
}

/// One task and what has been reported on it.
public struct TaskStatusInput: Sendable, Hashable {
    public var taskId: Int
    /// The deadline as planned.
    public var deadline: Deadline
    /// Extensions in the order granted; the current deadline is the last one
    /// granted on or before the as-of day (the original when none).
    public var extensions: [DeadlineExtension]
    /// Lead unit ids, selectors already expanded.
    public var leadUnits: [String]
    /// Report revisions of this task (any unit, any period); those received after
    /// the as-of day and those of non-lead units are ignored.
    public var reports: [ReportFact]
    /// The plan's `working_days` and calendar: under `next` a due day that is not a
    /// working day moves to the next one (Bộ luật Dân sự 2015 Điều 148 khoản 4).
    public var workingDays: WorkingDayRule = .none
    public var calendar: HolidayCalendar = .weekendsOnly
    /// Local day the task was cancelled (nil: never). From that day on it no longer counts.
    public var cancelledOn: CivilDate?
    /// `leadUnits` without repeats and where each stands, when the caller worked it out once
    /// (a plan snapshot does, per plan structure); nil: worked out here. Must be of `leadUnits`.
    public var leadPositions: LeadPositions?

    public init(taskId: Int, deadline: Deadline, extensions: [DeadlineExtension] = [], leadUnits: [String], reports: [ReportFact],
                cancelledOn: CivilDate? = nil) {
        self.taskId = taskId; self.deadline = deadline; self.extensions = extensions
        self.leadUnits = leadUnits; self.reports = reports; self.cancelledOn = cancelledOn
    }

    /// The last on-time day of `d` under the plan's working-day rule.
    public func effectiveDueOn(_ d: Deadline) -> CivilDate? {
        d.dueOn.map { calendar.effectiveDay($0, rule: workingDays) }
    }
}

/// Lead unit ids without repeats (first appearance kept), and each one's place among them.
public struct LeadPositions: Sendable, Hashable {
    public let units: [String]
    public let position: [String: Int]

    public init(_ leadUnits: [String]) {
        var units: [String] = [], position: [String: Int] = [:]
        units.reserveCapacity(leadUnits.count)
        position.reserveCapacity(leadUnits.count)
        for u in leadUnits where position[u] == nil {
            position[u] = units.count
            units.append(u)
        }
        self.units = units; self.position = position
    }
}

/// A lead unit and its latest report as of the day (nil: none yet).
public struct LeadLatest: Sendable, Hashable {
    public var unitId: String
    public var latest: ReportFact?
}

public struct TaskStatusResult: Sendable, Hashable {
    public var taskId: Int
    public var asOf: CivilDate
    public var status: TaskStatus
    /// Mean of the leads' latest progress (0 for a lead without a report; 0 when no leads).
    public var progress: Double
    /// Current deadline (after extensions granted by `asOf`) and the original.
    public var deadline: Deadline
    public var originalDeadline: Deadline
    /// Effective due days (moved to a working day when the plan says so) of the current
    /// and the original deadline; `deadline.dueOn` is the day as written.
    public var dueOn: CivilDate?
    public var originalDueOn: CivilDate?
    /// Latest `completed_on` of the leads when completed.
    public var completedOn: CivilDate?
    /// Completed after the current / the original due day (nil when not completed or no due day).
    public var completedLate: Bool?
    public var completedLateAgainstOriginal: Bool?
    /// Bucket against the current deadline, and against the original.
    public var bucket: TaskBucket
    public var bucketAgainstOriginal: TaskBucket
    /// Days past the current due day when overdue (else 0).
    public var daysOverdue: Int
    /// Per lead unit, in `leadUnits` order.
    public var leads: [LeadLatest]
    /// Number of extensions in force as of the day.
    public var extensionsApplied: Int
    /// The cancellation day when the task is cancelled as of `asOf` (nil otherwise).
    public var cancelledOn: CivilDate? = nil
    /// Whether the task still counts (is in a bucket, in totals): false once cancelled.
    public var counts: Bool { status != .cancelled }
}

public enum TaskStatusEvaluator {
    /// Days ahead that count as "due soon".
    public static let dueSoonDays = 30

    /// SPEC §2 status as of the local day `asOf` (reports received on or before it).
    public static func evaluate(_ input: TaskStatusInput, asOf: CivilDate) -> TaskStatusResult {
        let granted = input.extensions.filter { $0.grantedOn <= asOf }
        let current = granted.last?.deadline ?? input.deadline
        let original = input.deadline

        // Each lead's latest (ReportFact.latest) in one pass over the reports, in place: no
        // array per unit (this runs for every task of every computed summary).
        let lp = input.leadPositions ?? LeadPositions(input.leadUnits)
        let position = lp.position
        var leads = lp.units.map { LeadLatest(unitId: $0, latest: nil) }
        let cutoff = VietnamTime.startEpochSeconds(of: asOf) + 86_400  // received on or before asOf (local)
        // Reports mostly come in the leads' own order (the read model's rows by unit id): the
        // position after the last one is tried before hashing the unit id.
        var next = 0
        for r in input.reports where r.taskId == input.taskId {
            let i: Int
            if next < lp.units.count, lp.units[next] == r.unitId { i = next } else if let p = position[r.unitId] { i = p } else { continue }
            next = i + 1
            guard Int64(r.receivedAt.timeIntervalSince1970.rounded(.down)) < cutoff else { continue }
            if let best = leads[i].latest, !ReportFact.isOlder(best, r) { continue }
            leads[i].latest = r
        }
        let progress = leads.isEmpty ? 0 : leads.map { $0.latest?.progress ?? 0 }.reduce(0, +) / Double(leads.count)
        let isCompleted = !leads.isEmpty && leads.allSatisfy { $0.latest?.status == .completed }
        var completedOn: CivilDate?
        if isCompleted {
            let days = leads.map { $0.latest!.completedOn ?? $0.latest!.receivedOn }
            completedOn = days.max()
        }

        func late(_ d: Deadline) -> Bool? {
            guard let c = completedOn, let due = input.effectiveDueOn(d) else { return nil }
            return c > due
        }
        func bucket(_ d: Deadline) -> TaskBucket {
            if isCompleted { return late(d) == true ? .completedLate : .completedOnTime }
            if let due = input.effectiveDueOn(d), due < asOf { return .openOverdue }
            return .openWithinDeadline
        }
        let currentDue = input.effectiveDueOn(current)

        // A cancellation counts from its day on; a task its leads completed stays completed.
        let cancelledOn = input.cancelledOn.flatMap { $0 <= asOf && !isCompleted ? $0 : nil }

        let status: TaskStatus
        var daysOverdue = 0
        if isCompleted {
            status = .completed
        } else if cancelledOn != nil {
            status = .cancelled
        } else if let due = currentDue, due < asOf {
            status = .overdue
            daysOverdue = due.days(until: asOf)
        } else if let due = currentDue, due <= asOf.adding(days: dueSoonDays) {
            status = .dueSoon
        } else if current.isOpenEnded {
            status = .ongoing
        } else if leads.contains(where: { ($0.latest?.progress ?? 0) > 0 }) {
            status = .inProgress
        } else {
            status = .notStarted
        }

        return TaskStatusResult(taskId: input.taskId, asOf: asOf, status: status, progress: progress,
                                deadline: current, originalDeadline: original,
                                dueOn: currentDue, originalDueOn: input.effectiveDueOn(original), completedOn: completedOn,
                                completedLate: late(current), completedLateAgainstOriginal: late(original),
                                bucket: bucket(current), bucketAgainstOriginal: bucket(original),
                                daysOverdue: daysOverdue, leads: leads, extensionsApplied: granted.count,
                                cancelledOn: cancelledOn)
    }

    /// Bucket totals of many results, against the current deadline (or the original).
    /// Cancelled tasks are in no bucket.
    public static func buckets(_ results: [TaskStatusResult], againstOriginal: Bool = false) -> BucketCounts {
        var c = BucketCounts()
        for r in results where r.counts { c.add(againstOriginal ? r.bucketAgainstOriginal : r.bucket) }
        return c
    }
}
