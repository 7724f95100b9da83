/// A date on the civil (proleptic Gregorian) calendar with no time and no
/// time zone: what a Vietnamese document prints as "ngày 24/3/2022".
/// Text form is strict ISO `YYYY-MM-DD` (years 0001–9999).
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, LosslessStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Validating initialiser: `nil` for 2022-02-30, month 13, year 0, …
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Years a client may send in any date (`as_of`, `report_date`, a deadline,
    /// `received_at`…): plans of this century and the next. Checked at the edge with a
    /// 4xx, so calendar arithmetic near the type's own limits (0001, 9999) never runs
    /// on a request's value.
    public static let serviceYears = 1900...2199

    /// Whether the date lies in `serviceYears`.
    public var isInServiceRange: Bool { CivilDate.serviceYears.contains(year) }

    /// The 4xx message for a date outside `serviceYears`.
    public static func outOfRangeMessage(_ field: String) -> String {
        "\(field) must be between \(serviceYears.lowerBound)-01-01 and \(serviceYears.upperBound)-12-31."
    }

    /// The smallest and largest representable dates.
    public static let minimum = CivilDate(unchecked: 1, 1, 1)
    public static let maximum = CivilDate(unchecked: 9999, 12, 31)

    /// For values derived from a valid date (its own year and month): no check, no trap.
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    /// Strict `YYYY-MM-DD` (exactly 10 ASCII characters, zero padded).
    public init?(_ description: String) {
        var text = description
        guard let d = text.withUTF8({ CivilDate(utf8: $0) }) else { return nil }
        self = d
    }

    /// The same parse over UTF-8 bytes, without copying them (it runs per stored report).
    public init?(utf8 u: UnsafeBufferPointer<UInt8>) {
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                let c = u[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Same as `init?(_:)`.
    public static func parse(_ text: String) -> CivilDate? { CivilDate(text) }

    /// `YYYY-MM-DD`.
    public var description: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { b in
            writeDigits(into: b)
            return String(decoding: UnsafeBufferPointer(b), as: UTF8.self)
        }
    }

    /// `YYYY-MM-DD` into the first ten bytes of `b` (year, month and day are always in range:
    /// 0001–9999, 1–12, 1–31).
    func writeDigits(into b: UnsafeMutableBufferPointer<UInt8>) {
        func digits(_ at: Int, _ v: Int, _ width: Int) {
            var v = v
            for i in stride(from: at + width - 1, through: at, by: -1) { b[i] = UInt8(48 + v % 10); v /= 10 }
        }
        digits(0, year, 4); b[4] = UInt8(ascii: "-"); digits(5, month, 2); b[7] = UInt8(ascii: "-"); digits(8, day, 2)
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    // MARK: calendar arithmetic

    /// Gregorian rule: every 4th year, except centuries not divisible by 400 (1900 no, 2000 yes).
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// Days since 1970-01-01 (which is 0); negative before.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Inverse of `daysSinceEpoch`, clamped to 0001-01-01 … 9999-12-31: total, so no
    /// value can make it trap (requests are range-checked before they get here).
    public init(daysSinceEpoch n: Int) {
        if n < CivilDate.minimumDays { self = .minimum; return }
        if n > CivilDate.maximumDays { self = .maximum; return }
        let z = n + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.year = y; self.month = m; self.day = d
    }

    static let minimumDays = -719162   // 0001-01-01
    static let maximumDays = 2932896   // 9999-12-31

    /// `days` later (earlier when negative), clamped to the representable range.
    public func adding(days: Int) -> CivilDate {
        let (n, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        if overflow { return days < 0 ? .minimum : .maximum }
        return CivilDate(daysSinceEpoch: n)
    }

    /// `other - self` in days (positive when `other` is later).
    public func days(until other: CivilDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// `b - a` in days.
    public static func daysBetween(_ a: CivilDate, _ b: CivilDate) -> Int { a.days(until: b) }

    /// Same day `months` months later, the day clamped to the target month's length.
    /// Clamped to the representable range like `adding(days:)`.
    public func adding(months: Int) -> CivilDate {
        let months = Swift.max(-120_000, Swift.min(120_000, months))
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        if y < 1 { return .minimum }
        if y > 9999 { return .maximum }
        return CivilDate(unchecked: y, m, Swift.min(day, CivilDate.daysInMonth(year: y, month: m)))
    }

    public var quarter: Int { (month - 1) / 3 + 1 }
    public var half: Int { month <= 6 ? 1 : 2 }

    public var startOfMonth: CivilDate { CivilDate(unchecked: year, month, 1) }
    public var endOfMonth: CivilDate { CivilDate(unchecked: year, month, CivilDate.daysInMonth(year: year, month: month)) }
    public var startOfQuarter: CivilDate { CivilDate(unchecked: year, (quarter - 1) * 3 + 1, 1) }
    public var endOfQuarter: CivilDate { CivilDate.lastDay(year: year, month: quarter * 3) }
    public var startOfHalf: CivilDate { CivilDate(unchecked: year, half == 1 ? 1 : 7, 1) }
    public var endOfHalf: CivilDate { CivilDate.lastDay(year: year, month: half == 1 ? 6 : 12) }
    public var startOfYear: CivilDate { CivilDate(unchecked: year, 1, 1) }
    public var endOfYear: CivilDate { CivilDate(unchecked: year, 12, 31) }

    /// Last day of a month; year and month are clamped to 1–9999 and 1–12.
    public static func lastDay(year: Int, month: Int) -> CivilDate {
        let y = Swift.max(1, Swift.min(9999, year)), m = Swift.max(1, Swift.min(12, month))
        return CivilDate(unchecked: y, m, daysInMonth(year: y, month: m))
    }

    /// Day of week (1970-01-01 was a Thursday).
    public var weekday: Weekday {
        let n = ((daysSinceEpoch % 7) + 7 + 3) % 7 // 0 = Monday
        return Weekday(rawValue: n + 1) ?? .monday
    }

    public var isWeekend: Bool { weekday == .saturday || weekday == .sunday }

    /// `n` working days (Monday–Friday) later (`n` ≥ 0); public holidays are not
    /// known here. 0 from a weekend day moves to the next Monday.
    public func addingWorkingDays(_ n: Int) -> CivilDate {
        var d = self
        while d.isWeekend { d = d.adding(days: 1) }
        var left = Swift.max(0, n)
        while left > 0 {
            d = d.adding(days: 1)
            if !d.isWeekend { left -= 1 }
        }
        return d
    }

    // MARK: Codable as "YYYY-MM-DD"
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = CivilDate(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a date YYYY-MM-DD, got \"\(s)\"")
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// ISO weekday numbers: Monday = 1 … Sunday = 7 (Vietnamese "Thứ Hai" … "Chủ nhật").
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Codable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday
}
