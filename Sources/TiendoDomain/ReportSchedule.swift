/// Which days count as a period's data window.
public enum ReportWindow: String, Sendable, Hashable, CaseIterable, Codable {
    /// The period's own calendar days: 2022-Q2 = 2022-04-01 … 2022-06-30.
    case calendar
    /// Nghị định 09/2019/NĐ-CP Art. 12 data cut-off: the 15th of the month
    /// before the period … the 14th of its last month: 2022-Q2 = 2022-03-15 … 2022-06-14.
    case decree09 = "decree_09"
}

/// A period as the plan sees it: its calendar days, its data window and its due day.
public struct PeriodInfo: Sendable, Hashable, Codable {
    public var period: ReportingPeriod
    /// First and last calendar day (for `once`: plan issued_on … schedule due_on).
    public var firstDay: CivilDate
    public var lastDay: CivilDate
    /// The data window (see `ReportWindow`); reports are accepted from `opens` on.
    public var opens: CivilDate
    public var closes: CivilDate
    /// Last on-time local day for the report.
    public var dueOn: CivilDate
    /// False when the due day falls before the plan's issued_on: the period may
    /// still be reported on, but compliance expects nothing for it.
    public var expectsReports: Bool

    public init(period: ReportingPeriod, firstDay: CivilDate, lastDay: CivilDate, opens: CivilDate, closes: CivilDate, dueOn: CivilDate, expectsReports: Bool) {
        self.period = period; self.firstDay = firstDay; self.lastDay = lastDay
        self.opens = opens; self.closes = closes; self.dueOn = dueOn; self.expectsReports = expectsReports
    }

    enum CodingKeys: String, CodingKey {
        case period, firstDay = "first_day", lastDay = "last_day", opens = "window_opens", closes = "window_closes"
        case dueOn = "due_on", expectsReports = "expects_reports"
    }
}

/// A plan's reporting rule, e.g. 83/KH-UBND "định kỳ ngày 15 của tháng cuối quý"
/// = `quarterly`, due_day 15, not strict; 63/KH-UBND "định kỳ trước ngày 15 của
/// tháng cuối quý" = the same with `strict` (last on-time day the 14th).
///
/// JSON: `{"frequency":"quarterly","due_day":15,"strict":false,"window":"calendar"}`
/// (+ `"due_on":"2017-06-09"` for `once`). Missing `due_day`/`strict`/`window`
/// decode to 15 / false / calendar. Decoding validates (throws `RuleViolation`).
public struct ReportSchedule: Sendable, Hashable, Codable {
    public var frequency: Frequency
    /// Day of the period's last month the report is due (1–31, clamped to the month's length).
    public var dueDay: Int
    /// "trước ngày N": due the day before `dueDay` (for `once`: the day before `onceDueOn`).
    public var strict: Bool
    /// The single due day of a `once` schedule (JSON `due_on`); `nil` otherwise.
    public var onceDueOn: CivilDate?
    public var window: ReportWindow

    /// Unvalidated memberwise init; call `validate()` (or use `validated(...)`).
    public init(frequency: Frequency, dueDay: Int = 15, strict: Bool = false, onceDueOn: CivilDate? = nil, window: ReportWindow = .calendar) {
        self.frequency = frequency; self.dueDay = dueDay; self.strict = strict
        self.onceDueOn = onceDueOn; self.window = window
    }

    /// Validating init: throws the first violation (see `validate()` for all).
    public static func validated(frequency: Frequency, dueDay: Int = 15, strict: Bool = false, onceDueOn: CivilDate? = nil, window: ReportWindow = .calendar) throws(RuleViolation) -> ReportSchedule {
        let s = ReportSchedule(frequency: frequency, dueDay: dueDay, strict: strict, onceDueOn: onceDueOn, window: window)
        if let v = s.validate().first { throw v }
        return s
    }

    /// 83/KH-UBND's rule: quarterly, 15th of the quarter's last month.
    public static let quarterly15 = ReportSchedule(frequency: .quarterly)

    /// Field names are prefixed `schedule.`.
    public func validate() -> [RuleViolation] {
        var out: [RuleViolation] = []
        if !(1...31).contains(dueDay) {
            out.append(RuleViolation(code: "schedule_due_day_out_of_range", field: "schedule.due_day",
                                     message: "due_day must be 1–31 (got \(dueDay))"))
        }
        if frequency == .once && onceDueOn == nil {
            out.append(RuleViolation(code: "schedule_due_on_required", field: "schedule.due_on",
                                     message: "a 'once' schedule needs due_on (e.g. \"báo cáo … vào 09/6/2017\" → 2017-06-09)"))
        }
        if frequency != .once && onceDueOn != nil {
            out.append(RuleViolation(code: "schedule_due_on_not_allowed", field: "schedule.due_on",
                                     message: "due_on is only for frequency 'once'; periodic schedules use due_day"))
        }
        return out
    }

    /// Validation against the plan: a `once` due day before issued_on is rejected.
    public func validate(issuedOn: CivilDate) -> [RuleViolation] {
        var out = validate()
        if frequency == .once, let d = onceDueOn, d < issuedOn {
            out.append(RuleViolation(code: "schedule_due_on_before_plan", field: "schedule.due_on",
                                     message: "due_on \(d) is before the plan's issued_on \(issuedOn)"))
        }
        return out
    }

    // MARK: periods

    /// Parses a period string and checks it is of this schedule's frequency.
    /// Codes: `period_malformed`, `period_wrong_frequency` (field `period`).
    public func parsePeriod(_ text: String) -> Result<ReportingPeriod, RuleViolation> {
        guard let p = ReportingPeriod(text) else {
            return .failure(RuleViolation(code: "period_malformed", field: "period",
                                          message: "period \"\(text)\" is not one of YYYY-Mmm, YYYY-Qn, YYYY-Hn, YYYY, once (e.g. 2022-M06, 2022-Q2, 2022-H1, 2022)"))
        }
        guard p.frequency == frequency else {
            return .failure(RuleViolation(code: "period_wrong_frequency", field: "period",
                                          message: "period \(p) is \(p.frequency.rawValue) but the plan reports \(frequency.rawValue) (e.g. \(ReportSchedule.example(frequency)))"))
        }
        return .success(p)
    }

    static func example(_ f: Frequency) -> String {
        switch f {
        case .monthly: return "2022-M06"
        case .quarterly: return "2022-Q2"
        case .halfYearly: return "2022-H1"
        case .yearly: return "2022"
        case .once: return "once"
        }
    }

    /// The due day of a period: `dueDay` of the period's last month (clamped to its
    /// length), minus one day when `strict`. For `once`: `onceDueOn` (minus one if strict).
    /// `nil` only for `once` without `onceDueOn`. The period's frequency is not checked here.
    public func dueOn(_ period: ReportingPeriod) -> CivilDate? {
        let base: CivilDate
        if case .once = period {
            guard let d = onceDueOn else { return nil }
            base = d
        } else {
            guard let y = period.year, let m = period.lastMonth, (1...9999).contains(y) else { return nil }
            let day = Swift.min(Swift.max(dueDay, 1), CivilDate.daysInMonth(year: y, month: m))
            base = CivilDate.lastDay(year: y, month: m).adding(days: day - CivilDate.daysInMonth(year: y, month: m))
        }
        return strict ? base.adding(days: -1) : base
    }

    /// The data window (opens, closes) of a calendar period under this schedule's
    /// `window` rule. For `once`, use `info(for:issuedOn:)`.
    public func window(of period: ReportingPeriod) -> (opens: CivilDate, closes: CivilDate)? {
        guard let first = period.firstDay, let last = period.lastDay else { return nil }
        switch window {
        case .calendar:
            return (first, last)
        case .decree09:
            // The 15th of the month before the period, the 14th of its last month.
            let opens = first.startOfMonth.adding(days: 14).adding(months: -1)
            let closes = last.startOfMonth.adding(days: 13)
            return (opens, closes)
        }
    }

    /// Everything about one period of this plan. `nil` for `once` without `onceDueOn`.
    /// For `once` the period spans issued_on … due_on (window the same).
    public func info(for period: ReportingPeriod, issuedOn: CivilDate) -> PeriodInfo? {
        guard let due = dueOn(period) else { return nil }
        if case .once = period {
            let last = onceDueOn!
            let first = Swift.min(issuedOn, last)
            return PeriodInfo(period: period, firstDay: first, lastDay: last, opens: first, closes: last,
                              dueOn: due, expectsReports: due >= issuedOn)
        }
        guard let w = window(of: period) else { return nil }
        return PeriodInfo(period: period, firstDay: period.firstDay!, lastDay: period.lastDay!,
                          opens: w.opens, closes: w.closes, dueOn: due, expectsReports: due >= issuedOn)
    }

    /// The plan's periods, oldest first: every period of this frequency whose last
    /// day is on or after `issuedOn` (a period ending before the plan is not
    /// reportable) and whose first day is on or before `through`
    /// (typically today, or the closing day of a closed plan). The first one may
    /// have `expectsReports == false` (83/KH-UBND issued 2022-03-24: 2022-Q1 is
    /// listed, its due day 2022-03-15 precedes the plan, so it expects nothing).
    /// `once`: the single period when `onceDueOn` is set. Capped at 1200 periods.
    public func periods(issuedOn: CivilDate, through: CivilDate) -> [PeriodInfo] {
        if frequency == .once {
            return info(for: .once, issuedOn: issuedOn).map { [$0] } ?? []
        }
        guard var p = ReportingPeriod.containing(issuedOn, frequency: frequency) else { return [] }
        var out: [PeriodInfo] = []
        while let first = p.firstDay, first <= through, out.count < 1200 {
            if let i = info(for: p, issuedOn: issuedOn) { out.append(i) }
            guard let n = p.next else { break }
            p = n
        }
        return out
    }

    // MARK: Codable
    enum CodingKeys: String, CodingKey { case frequency, dueDay = "due_day", strict, onceDueOn = "due_on", window }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        frequency = try c.decode(Frequency.self, forKey: .frequency)
        dueDay = try c.decodeIfPresent(Int.self, forKey: .dueDay) ?? 15
        strict = try c.decodeIfPresent(Bool.self, forKey: .strict) ?? false
        onceDueOn = try c.decodeIfPresent(CivilDate.self, forKey: .onceDueOn)
        window = try c.decodeIfPresent(ReportWindow.self, forKey: .window) ?? .calendar
        if let v = validate().first { throw v }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(frequency, forKey: .frequency)
        try c.encode(dueDay, forKey: .dueDay)
        try c.encode(strict, forKey: .strict)
        if frequency == .once { try c.encode(onceDueOn, forKey: .onceDueOn) }
        try c.encode(window, forKey: .window)
    }
}
