/// Whether a due day that falls on a day off moves (plan schedule `working_days`).
public enum WorkingDayRule: String, Sendable, Hashable, CaseIterable, Codable {
    /// The due day stays where the plan puts it (the behaviour before working days existed).
    case none
    /// Bộ luật Dân sự 2015, Điều 148 khoản 4: a time limit whose last day is a weekend
    /// day or a public holiday ends at the end of the next working day.
    case next
}

/// One entry of the working-day calendar: a weekday off (a public holiday of Bộ luật
/// Lao động 2019 Điều 112, a compensatory day, a swapped day) or a weekend day that is
/// worked instead (the other half of a swap, e.g. Saturday 2026-01-10 for Friday 2026-01-02).
public struct Holiday: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable { case dayOff = "day_off", workingDay = "working_day" }
    /// Where the date comes from: a published decision/notice, or computed (lunar dates
    /// converted, compensatory days derived) for a year not yet announced.
    public enum Source: String, Sendable, Hashable, CaseIterable { case decision, computed }

    public var date: CivilDate
    public var kind: Kind
    public var name: String
    public var source: Source

    public init(date: CivilDate, kind: Kind = .dayOff, name: String, source: Source = .decision) {
        self.date = date; self.kind = kind; self.name = name; self.source = source
    }
}

/// Which days are working days in Vietnam's public administration: Monday–Friday,
/// minus the days off, plus weekend days worked in exchange. No I/O: the store loads
/// the entries and hands them over.
public struct HolidayCalendar: Sendable, Hashable {
    public private(set) var daysOff: Set<CivilDate> = []
    public private(set) var workedWeekendDays: Set<CivilDate> = []

    public static let weekendsOnly = HolidayCalendar()

    public init() {}
    public init(_ entries: [Holiday]) {
        for h in entries {
            switch h.kind {
            case .dayOff: daysOff.insert(h.date)
            case .workingDay: workedWeekendDays.insert(h.date)
            }
        }
    }

    public func isWorkingDay(_ d: CivilDate) -> Bool {
        if workedWeekendDays.contains(d) { return true }
        return !d.isWeekend && !daysOff.contains(d)
    }

    /// `d` itself when it is a working day, else the first working day after it.
    /// Bounded: a run of more than 60 days off (none exists) gives up and answers `d`.
    public func nextWorkingDay(onOrAfter d: CivilDate) -> CivilDate {
        var cur = d
        for _ in 0..<60 {
            if isWorkingDay(cur) { return cur }
            guard cur.year < 9999 || cur.month < 12 || cur.day < 31 else { return d }
            cur = cur.adding(days: 1)
        }
        return d
    }

    /// The effective last day of a time limit ending on `d` under `rule`.
    public func effectiveDay(_ d: CivilDate, rule: WorkingDayRule) -> CivilDate {
        rule == .next ? nextWorkingDay(onOrAfter: d) : d
    }
}
