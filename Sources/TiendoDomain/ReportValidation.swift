import Foundation

public enum PlanStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case active, closed
}

/// Roles of an API token.
public enum CallerRole: String, Sendable, Hashable, CaseIterable, Codable {
    case reporter, aggregator, admin
}

/// A report as submitted, fields raw where they may be malformed so every
/// violation is found at once. `nil` = absent from the JSON body.
public struct ReportSubmission: Sendable, Hashable {
    public var unitId: String
    public var period: String?
    public var reportDate: String?
    public var status: String?
    public var progress: Double?
    public var completedOn: String?
    public var obstacles: String?
    public var indicatorValue: Double?
    /// The body carried `received_at` (back-filling).
    public var receivedAtExplicit: Bool

    public init(unitId: String, period: String?, reportDate: String?, status: String?, progress: Double?,
                completedOn: String? = nil, obstacles: String? = nil, indicatorValue: Double? = nil,
                receivedAtExplicit: Bool = false) {
        self.unitId = unitId; self.period = period; self.reportDate = reportDate; self.status = status
        self.progress = progress; self.completedOn = completedOn; self.obstacles = obstacles
        self.indicatorValue = indicatorValue; self.receivedAtExplicit = receivedAtExplicit
    }
}

/// What the server knows around a submission.
public struct ReportContext: Sendable, Hashable {
    public var planIssuedOn: CivilDate
    public var planStatus: PlanStatus
    /// Day the plan was closed (when `planStatus == .closed`); if nil while closed, today is used.
    public var planClosedOn: CivilDate?
    public var schedule: ReportSchedule
    /// The server's local (UTC+7) date — `VietnamTime.localDate(of: now)`.
    public var today: CivilDate
    /// Periods the aggregator has locked for this plan.
    public var lockedPeriods: Set<ReportingPeriod>
    /// This unit's stored revisions on this task (any period): rule 7's baseline is
    /// the latest of those in an earlier period. Other tasks/units are ignored.
    public var unitTaskReports: [ReportFact]
    /// `nil` when the unit is neither lead nor coordinating on the task (after expanding selectors).
    public var unitRole: AssigneeRole?
    public var callerRole: CallerRole
    /// The caller token's unit (reporters always have one).
    public var callerUnitId: String?
    /// Task id (to match `unitTaskReports`).
    public var taskId: Int

    public init(taskId: Int, planIssuedOn: CivilDate, planStatus: PlanStatus = .active, planClosedOn: CivilDate? = nil,
                schedule: ReportSchedule, today: CivilDate, lockedPeriods: Set<ReportingPeriod> = [],
                unitTaskReports: [ReportFact] = [], unitRole: AssigneeRole?, callerRole: CallerRole, callerUnitId: String?) {
        self.taskId = taskId; self.planIssuedOn = planIssuedOn; self.planStatus = planStatus; self.planClosedOn = planClosedOn
        self.schedule = schedule; self.today = today; self.lockedPeriods = lockedPeriods
        self.unitTaskReports = unitTaskReports; self.unitRole = unitRole
        self.callerRole = callerRole; self.callerUnitId = callerUnitId
    }
}

/// The outcome: every violation, and the values read (when readable).
public struct ReportValidation: Sendable, Hashable {
    public var violations: [RuleViolation]
    public var period: ReportingPeriod?
    public var periodInfo: PeriodInfo?
    public var reportDate: CivilDate?
    public var status: ReportStatus?
    public var completedOn: CivilDate?
    /// Progress as stored: given value, or 100 for `completed` / 0 for `not_started` when absent.
    public var progress: Double?
    public var isValid: Bool { violations.isEmpty }
    /// 403 / 409 / 422 / 200 (see `[RuleViolation].httpStatus`).
    public var httpStatus: Int { violations.httpStatus }
}

/// SPEC §3 rules 1–8, all violations at once.
public enum ReportValidator {
    public static func validate(_ s: ReportSubmission, _ ctx: ReportContext) -> ReportValidation {
        var v: [RuleViolation] = []
        func add(_ code: String, _ field: String, _ message: String, _ status: Int = 422) {
            v.append(RuleViolation(code: code, field: field, message: message, httpStatus: status))
        }
        let issued = ctx.planIssuedOn

        // Rule 8 — who.
        if ctx.callerRole == .reporter {
            if ctx.callerUnitId != s.unitId {
                add("token_unit_mismatch", "unit_id", "your token belongs to unit \(ctx.callerUnitId ?? "(none)"), not \(s.unitId)", 403)
            }
            if s.receivedAtExplicit {
                add("received_at_not_allowed", "received_at", "only the aggregator or an admin may set received_at", 403)
            }
        }
        if ctx.unitRole == nil {
            add("unit_not_assignee", "unit_id", "unit \(s.unitId) is neither a lead nor a coordinating unit of this task", 403)
        }

        // Rule 1 — period.
        var period: ReportingPeriod?
        var info: PeriodInfo?
        if let text = s.period {
            switch ctx.schedule.parsePeriod(text) {
            case .success(let p):
                period = p
                info = ctx.schedule.info(for: p, issuedOn: issued)
            case .failure(let e): v.append(e)
            }
        } else {
            add("period_missing", "period", "period is required (e.g. \(ReportSchedule.example(ctx.schedule.frequency)))")
        }
        if let p = period, let i = info {
            // Rule 2.
            if i.lastDay < issued {
                add("period_before_plan", "period", "period \(p) ends \(i.lastDay), before the plan was issued on \(issued)")
            }
            if ctx.planStatus == .closed {
                let closed = ctx.planClosedOn ?? ctx.today
                if i.firstDay > closed {
                    add("period_after_plan_closed", "period", "period \(p) starts \(i.firstDay), after the plan was closed on \(closed)")
                }
            }
            // Rule 3.
            if ctx.today < i.opens {
                add("period_not_open", "period", "period \(p) opens for reports on \(i.opens); today is \(ctx.today)")
            }
            // Rule 4.
            if ctx.lockedPeriods.contains(p) {
                add("period_locked", "period", "the aggregator has locked period \(p)", 409)
            }
        }

        // Rule 5 — report_date.
        var reportDate: CivilDate?
        if let t = s.reportDate {
            if let d = CivilDate(t), !d.isInServiceRange {
                add("date_out_of_range", "report_date", CivilDate.outOfRangeMessage("report_date"))
            } else if let d = CivilDate(t) {
                reportDate = d
                if d > ctx.today { add("report_date_in_future", "report_date", "report_date \(d) is after today (\(ctx.today))") }
                if d < issued { add("report_date_before_plan", "report_date", "report_date \(d) is before the plan was issued on \(issued)") }
                if let i = info, d < i.opens {
                    add("report_date_before_period", "report_date", "report_date \(d) is before period \(i.period) starts (\(i.opens))")
                }
            } else {
                add("report_date_malformed", "report_date", "report_date must be YYYY-MM-DD (got \"\(t)\")")
            }
        } else {
            add("report_date_missing", "report_date", "report_date (the date printed on the report) is required")
        }

        // Status.
        var status: ReportStatus?
        if let t = s.status {
            if let st = ReportStatus(rawValue: t) { status = st }
            else { add("status_invalid", "status", "status must be not_started, in_progress or completed (got \"\(t)\")") }
        } else {
            add("status_missing", "status", "status is required (not_started, in_progress, completed)")
        }

        // Rule 6 — completion.
        var completedOn: CivilDate?
        if let t = s.completedOn {
            if let d = CivilDate(t), !d.isInServiceRange { add("date_out_of_range", "completed_on", CivilDate.outOfRangeMessage("completed_on")) }
            else if let d = CivilDate(t) { completedOn = d }
            else { add("completed_on_malformed", "completed_on", "completed_on must be YYYY-MM-DD (got \"\(t)\")") }
        }
        if status == .completed {
            if s.completedOn == nil { add("completed_without_date", "completed_on", "a completed report needs completed_on") }
            if let p = s.progress, p != 100 {
                add("completed_progress_not_100", "progress", "a completed report must have progress 100 (got \(fmt(p)))")
            }
        } else if status != nil, s.completedOn != nil {
            add("completed_on_not_allowed", "completed_on", "completed_on is only for status completed")
        }
        if let c = completedOn {
            if let r = reportDate, c > r { add("completed_on_after_report_date", "completed_on", "completed_on \(c) is after report_date \(r)") }
            if c < issued { add("completed_on_before_plan", "completed_on", "completed_on \(c) is before the plan was issued on \(issued)") }
        }

        // Rule 7 — progress.
        var progress: Double? = s.progress
        if let p = s.progress {
            if !p.isFinite || p < 0 || p > 100 {
                add("progress_out_of_range", "progress", "progress must be 0–100 (got \(fmt(p)))")
            } else if let per = period,
                      let prev = ReportFact.latestInEarlierPeriod(ctx.unitTaskReports, taskId: ctx.taskId, unitId: s.unitId, before: per),
                      p < prev.progress,
                      (s.obstacles ?? "").allSatisfy({ $0.isWhitespace }) {
                add("progress_decreased_without_obstacles", "obstacles",
                    "progress \(fmt(p)) is lower than \(fmt(prev.progress)) reported for \(prev.period); explain it in obstacles (khó khăn, vướng mắc)")
            }
        } else {
            switch status {
            case .completed: progress = 100
            case .notStarted: progress = 0
            case .inProgress: add("progress_required", "progress", "an in_progress report needs progress (0–100)")
            case nil: break
            }
        }
        if let x = s.indicatorValue, !x.isFinite {
            add("indicator_value_invalid", "indicator_value", "indicator_value must be a finite number")
        }

        return ReportValidation(violations: v, period: period, periodInfo: info, reportDate: reportDate,
                                status: status, completedOn: completedOn, progress: progress)
    }

    static func fmt(_ x: Double) -> String {
        x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
