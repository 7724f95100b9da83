/// How often a plan asks for progress reports (*định kỳ báo cáo*).
public enum Frequency: String, Sendable, Hashable, CaseIterable, Codable {
    case monthly
    case quarterly
    case halfYearly = "half_yearly"
    case yearly
    /// A single report on a fixed day ("báo cáo kết quả thực hiện vào 09/6/2017").
    case once
}

/// A reporting period, named `2022-M06`, `2022-Q2`, `2022-H1`, `2022`, or
/// `once` — the single period of a `once` schedule, whose days come from the
/// schedule (plan issued_on … schedule due_on), not from the name.
///
/// Ordering: by first day, then by length (a year sorts before its first
/// half, which sorts before its first quarter, before its first month);
/// `once` sorts after every calendar period. Only periods of one frequency
/// are ever compared in the rules.
public enum ReportingPeriod: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, LosslessStringConvertible {
    case month(year: Int, month: Int)
    case quarter(year: Int, quarter: Int)
    case half(year: Int, half: Int)
    case year(Int)
    case once

    /// Strict parse of the canonical names: `YYYY-Mmm` (01–12), `YYYY-Qn` (1–4),
    /// `YYYY-Hn` (1–2), `YYYY`, `once`. Upper-case letters, zero-padded month,
    /// years 1000–9999; anything else is `nil`.
    public init?(_ description: String) {
        var text = description
        guard let p = text.withUTF8({ ReportingPeriod(utf8: $0) }) else { return nil }
        self = p
    }

    /// The same parse over UTF-8 bytes, without copying them (it runs per stored report).
    public init?(utf8 u: UnsafeBufferPointer<UInt8>) {
        if u.elementsEqual("once".utf8) { self = .once; return }
        func digits(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= u.count else { return nil }
            var v = 0
            for i in r { guard u[i] >= 48, u[i] <= 57 else { return nil }; v = v * 10 + Int(u[i] - 48) }
            return v
        }
        guard u.count >= 4, let y = digits(0..<4), y >= 1000 else { return nil }
        if u.count == 4 { self = .year(y); return }
        guard u.count >= 7, u[4] == UInt8(ascii: "-") else { return nil }
        switch u[5] {
        case UInt8(ascii: "M"):
            guard u.count == 8, let m = digits(6..<8), (1...12).contains(m) else { return nil }
            self = .month(year: y, month: m)
        case UInt8(ascii: "Q"):
            guard u.count == 7, let q = digits(6..<7), (1...4).contains(q) else { return nil }
            self = .quarter(year: y, quarter: q)
        case UInt8(ascii: "H"):
            guard u.count == 7, let h = digits(6..<7), (1...2).contains(h) else { return nil }
            self = .half(year: y, half: h)
        default: return nil
        }
    }

    public static func parse(_ text: String) -> ReportingPeriod? { ReportingPeriod(text) }

    public var description: String {
        switch self {
        case let .month(y, m): return "\(y)-M\(m < 10 ? "0" : "")\(m)"
        case let .quarter(y, q): return "\(y)-Q\(q)"
        case let .half(y, h): return "\(y)-H\(h)"
        case let .year(y): return "\(y)"
        case .once: return "once"
        }
    }

    public var frequency: Frequency {
        switch self {
        case .month: return .monthly
        case .quarter: return .quarterly
        case .half: return .halfYearly
        case .year: return .yearly
        case .once: return .once
        }
    }

    /// Calendar year of the period (`nil` for `once`).
    public var year: Int? {
        switch self {
        case let .month(y, _), let .quarter(y, _), let .half(y, _), let .year(y): return y
        case .once: return nil
        }
    }

    /// First calendar day (`nil` for `once`; see `ReportSchedule.info(for:issuedOn:)`).
    public var firstDay: CivilDate? {
        switch self {
        case let .month(y, m): return CivilDate(year: y, month: m, day: 1)
        case let .quarter(y, q): return CivilDate(year: y, month: (q - 1) * 3 + 1, day: 1)
        case let .half(y, h): return CivilDate(year: y, month: h == 1 ? 1 : 7, day: 1)
        case let .year(y): return CivilDate(year: y, month: 1, day: 1)
        case .once: return nil
        }
    }

    /// Last calendar month of the period, 1–12 (`nil` for `once`).
    public var lastMonth: Int? {
        switch self {
        case let .month(_, m): return m
        case let .quarter(_, q): return q * 3
        case let .half(_, h): return h * 6
        case .year: return 12
        case .once: return nil
        }
    }

    /// Last calendar day (`nil` for `once`).
    public var lastDay: CivilDate? {
        guard let y = year, let m = lastMonth, (1...9999).contains(y) else { return nil }
        return CivilDate.lastDay(year: y, month: m)
    }

    /// The following period of the same frequency (`once` has none).
    public var next: ReportingPeriod? {
        switch self {
        case let .month(y, m): return m == 12 ? .month(year: y + 1, month: 1) : .month(year: y, month: m + 1)
        case let .quarter(y, q): return q == 4 ? .quarter(year: y + 1, quarter: 1) : .quarter(year: y, quarter: q + 1)
        case let .half(y, h): return h == 2 ? .half(year: y + 1, half: 1) : .half(year: y, half: 2)
        case let .year(y): return .year(y + 1)
        case .once: return nil
        }
    }

    /// The preceding period of the same frequency (`once` has none).
    public var previous: ReportingPeriod? {
        switch self {
        case let .month(y, m): return m == 1 ? .month(year: y - 1, month: 12) : .month(year: y, month: m - 1)
        case let .quarter(y, q): return q == 1 ? .quarter(year: y - 1, quarter: 4) : .quarter(year: y, quarter: q - 1)
        case let .half(y, h): return h == 1 ? .half(year: y - 1, half: 2) : .half(year: y, half: 1)
        case let .year(y): return .year(y - 1)
        case .once: return nil
        }
    }

    /// The period of `frequency` containing `date` (`nil` for `.once`).
    public static func containing(_ date: CivilDate, frequency: Frequency) -> ReportingPeriod? {
        switch frequency {
        case .monthly: return .month(year: date.year, month: date.month)
        case .quarterly: return .quarter(year: date.year, quarter: date.quarter)
        case .halfYearly: return .half(year: date.year, half: date.half)
        case .yearly: return .year(date.year)
        case .once: return nil
        }
    }

    private var sortKey: (Int, Int) {
        switch self {
        case .once: return (Int.max, 0)
        case .year: return (firstDay!.daysSinceEpoch, 0)
        case .half: return (firstDay!.daysSinceEpoch, 1)
        case .quarter: return (firstDay!.daysSinceEpoch, 2)
        case .month: return (firstDay!.daysSinceEpoch, 3)
        }
    }

    public static func < (a: ReportingPeriod, b: ReportingPeriod) -> Bool { a.sortKey < b.sortKey }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let p = ReportingPeriod(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a period like 2022-M06, 2022-Q2, 2022-H1, 2022 or once, got \"\(s)\"")
        }
        self = p
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
