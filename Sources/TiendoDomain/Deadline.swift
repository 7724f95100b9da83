/// The kinds of deadline a plan writes (SPEC §2).
public enum DeadlineKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// "ngày 09/6/2017", "chậm nhất ngày 30/11/2022"; strict "trước ngày 15/8/2024".
    case date
    /// "Tháng 6/2017" → last day of the month.
    case month
    /// "Trong quý 2 năm 2017", "Quý II/2017" → last day of the quarter.
    case quarter
    /// "6 tháng đầu năm 2024" (half 1) / "6 tháng cuối năm 2024" (half 2).
    case half
    /// "Năm 2022", "Trong năm 2022" → 31 December.
    case year
    /// "Năm 2022 và các năm tiếp theo": no due day; first reviewed 31 December 2022.
    case fromYear = "from_year"
    /// "Khắc phục từng bước, đảm bảo ổn định tình hình", "Thường xuyên": no due day.
    case continuous
}

/// A task's deadline, stored structured, keeping the phrase it was read from.
///
/// JSON (snake_case, `due_on`/`first_review_on`/`phrase` always present, null when absent;
/// other fields only those of the kind):
/// `{"kind":"from_year","year":2022,"phrase":"Năm 2022 và các năm tiếp theo.","due_on":null,"first_review_on":"2022-12-31"}`
/// `{"kind":"date","date":"2024-08-15","strict":true,"phrase":"trước ngày 15/8/2024","due_on":"2024-08-14","first_review_on":"2024-08-14"}`
/// `{"kind":"quarter","year":2017,"quarter":2,"phrase":"Trong quý 2 năm 2017","due_on":"2017-06-30","first_review_on":"2017-06-30"}`
///
/// Decoding accepts either a JSON string (a phrase, parsed with `DeadlineParser`,
/// throwing `DeadlineParseError`) or the structured object (validated, throwing
/// `RuleViolation`; incoming `due_on`/`first_review_on` are ignored — they are computed).
public struct Deadline: Sendable, Hashable, Codable, CustomStringConvertible {
    public let kind: DeadlineKind
    /// Calendar year: month, quarter, half, year, from_year.
    public let year: Int?
    /// 1–12 for `month`.
    public let month: Int?
    /// 1–4 for `quarter`.
    public let quarter: Int?
    /// 1–2 for `half`.
    public let half: Int?
    /// The printed day for `date` (for strict, the "trước ngày" day itself).
    public let date: CivilDate?
    /// `date` only: "trước ngày X" — due the day before X.
    public let strict: Bool
    /// The original phrase (NFC) when read from text, else `nil`.
    public let phrase: String?

    /// Validating structured init (what a client sends as the structured form).
    /// Requires exactly the fields of `kind`; throws `RuleViolation` codes
    /// `deadline_field_missing`, `deadline_field_not_allowed`, `deadline_year_out_of_range`,
    /// `deadline_month_out_of_range`, `deadline_quarter_out_of_range`, `deadline_half_out_of_range`.
    /// Fields are named `deadline.<name>`.
    public init(kind: DeadlineKind, year: Int? = nil, month: Int? = nil, quarter: Int? = nil, half: Int? = nil,
                date: CivilDate? = nil, strict: Bool = false, phrase: String? = nil) throws(RuleViolation) {
        func missing(_ f: String) -> RuleViolation {
            RuleViolation(code: "deadline_field_missing", field: "deadline.\(f)", message: "a '\(kind.rawValue)' deadline needs \(f)")
        }
        func extra(_ f: String) -> RuleViolation {
            RuleViolation(code: "deadline_field_not_allowed", field: "deadline.\(f)", message: "a '\(kind.rawValue)' deadline has no \(f)")
        }
        let needsYear: Bool = [.month, .quarter, .half, .year, .fromYear].contains(kind)
        if needsYear {
            guard let y = year else { throw missing("year") }
            guard Deadline.yearRange.contains(y) else {
                throw RuleViolation(code: "deadline_year_out_of_range", field: "deadline.year", message: "year must be \(Deadline.yearRange.lowerBound)–\(Deadline.yearRange.upperBound) (got \(y))")
            }
        } else if year != nil { throw extra("year") }
        if kind == .month {
            guard let m = month else { throw missing("month") }
            guard (1...12).contains(m) else { throw RuleViolation(code: "deadline_month_out_of_range", field: "deadline.month", message: "month must be 1–12 (got \(m))") }
        } else if month != nil { throw extra("month") }
        if kind == .quarter {
            guard let q = quarter else { throw missing("quarter") }
            guard (1...4).contains(q) else { throw RuleViolation(code: "deadline_quarter_out_of_range", field: "deadline.quarter", message: "quarter must be 1–4 (got \(q))") }
        } else if quarter != nil { throw extra("quarter") }
        if kind == .half {
            guard let h = half else { throw missing("half") }
            guard (1...2).contains(h) else { throw RuleViolation(code: "deadline_half_out_of_range", field: "deadline.half", message: "half must be 1 (6 tháng đầu năm) or 2 (6 tháng cuối năm) (got \(h))") }
        } else if half != nil { throw extra("half") }
        if kind == .date {
            guard let d = date else { throw missing("date") }
            guard Deadline.yearRange.contains(d.year) else {
                throw RuleViolation(code: "deadline_year_out_of_range", field: "deadline.date", message: "year must be \(Deadline.yearRange.lowerBound)–\(Deadline.yearRange.upperBound) (got \(d.year))")
            }
        } else {
            if date != nil { throw extra("date") }
            if strict { throw extra("strict") }
        }
        self.kind = kind; self.year = year; self.month = month; self.quarter = quarter
        self.half = half; self.date = date; self.strict = strict
        self.phrase = phrase.map(VietnameseText.nfc)
    }

    /// Years a deadline may name.
    public static let yearRange = CivilDate.serviceYears

    // Non-throwing conveniences (callers guarantee valid values; trap otherwise).
    public static func onDate(_ d: CivilDate, strict: Bool = false, phrase: String? = nil) -> Deadline {
        try! Deadline(kind: .date, date: d, strict: strict, phrase: phrase)
    }
    public static func inMonth(year: Int, month: Int, phrase: String? = nil) -> Deadline {
        try! Deadline(kind: .month, year: year, month: month, phrase: phrase)
    }
    public static func inQuarter(year: Int, quarter: Int, phrase: String? = nil) -> Deadline {
        try! Deadline(kind: .quarter, year: year, quarter: quarter, phrase: phrase)
    }
    public static func inHalf(year: Int, half: Int, phrase: String? = nil) -> Deadline {
        try! Deadline(kind: .half, year: year, half: half, phrase: phrase)
    }
    public static func inYear(_ year: Int, phrase: String? = nil) -> Deadline {
        try! Deadline(kind: .year, year: year, phrase: phrase)
    }
    public static func fromYear(_ year: Int, phrase: String? = nil) -> Deadline {
        try! Deadline(kind: .fromYear, year: year, phrase: phrase)
    }
    public static func continuous(phrase: String? = nil) -> Deadline {
        try! Deadline(kind: .continuous, phrase: phrase)
    }

    /// The same deadline with another phrase.
    public func withPhrase(_ phrase: String?) -> Deadline {
        try! Deadline(kind: kind, year: year, month: month, quarter: quarter, half: half, date: date, strict: strict, phrase: phrase)
    }

    /// Last day the task may be completed on time; `nil` for from_year and continuous.
    public var dueOn: CivilDate? {
        switch kind {
        case .date: return strict ? date!.adding(days: -1) : date!
        case .month: return CivilDate.lastDay(year: year!, month: month!)
        case .quarter: return CivilDate.lastDay(year: year!, month: quarter! * 3)
        case .half: return CivilDate.lastDay(year: year!, month: half! * 6)
        case .year: return CivilDate.lastDay(year: year!, month: 12)
        case .fromYear, .continuous: return nil
        }
    }

    /// When the task is first reviewed: `dueOn` for dated kinds, 31 December of
    /// the year for from_year, `nil` for continuous.
    public var firstReviewOn: CivilDate? {
        switch kind {
        case .fromYear: return CivilDate.lastDay(year: year!, month: 12)
        case .continuous: return nil
        default: return dueOn
        }
    }

    /// Has a due day (not from_year / continuous).
    public var isOpenEnded: Bool { kind == .fromYear || kind == .continuous }

    /// SPEC §2 "A deadline before the plan's issued_on is rejected": `dueOn` before
    /// `issuedOn`, or a from_year whose year ends before it. Code `deadline_before_plan`.
    public func validate(issuedOn: CivilDate, field: String = "deadline") -> RuleViolation? {
        guard let last = firstReviewOn, last < issuedOn else { return nil }
        return RuleViolation(code: "deadline_before_plan", field: field,
                             message: "deadline \(self) (\(last)) is before the plan's issued_on \(issuedOn)")
    }

    /// Canonical Vietnamese wording, e.g. "Quý II/2017", "trước ngày 15/8/2024".
    public var canonicalPhrase: String {
        switch kind {
        case .date:
            let d = date!
            return (strict ? "trước ngày " : "ngày ") + "\(d.day)/\(d.month)/\(d.year)"
        case .month: return "Tháng \(month!)/\(year!)"
        case .quarter: return "Quý \(["I", "II", "III", "IV"][quarter! - 1])/\(year!)"
        case .half: return "6 tháng \(half == 1 ? "đầu" : "cuối") năm \(year!)"
        case .year: return "Năm \(year!)"
        case .fromYear: return "Năm \(year!) và các năm tiếp theo"
        case .continuous: return "Thường xuyên"
        }
    }

    public var description: String { phrase ?? canonicalPhrase }

    // MARK: Codable
    enum CodingKeys: String, CodingKey {
        case kind, year, month, quarter, half, date, strict, phrase, dueOn = "due_on", firstReviewOn = "first_review_on"
    }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            switch DeadlineParser.parse(text) {
            case .success(let d): self = d; return
            case .failure(let e): throw e
            }
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kindText = try c.decode(String.self, forKey: .kind)
        guard let kind = DeadlineKind(rawValue: kindText) else {
            throw RuleViolation(code: "deadline_kind_unknown", field: "deadline.kind",
                                message: "kind must be one of \(DeadlineKind.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(kindText)\")")
        }
        let dateText = try c.decodeIfPresent(String.self, forKey: .date)
        var date: CivilDate?
        if let t = dateText {
            guard let d = CivilDate(t) else {
                throw RuleViolation(code: "deadline_date_malformed", field: "deadline.date", message: "date must be YYYY-MM-DD (got \"\(t)\")")
            }
            date = d
        }
        self = try Deadline(kind: kind,
                            year: try c.decodeIfPresent(Int.self, forKey: .year),
                            month: try c.decodeIfPresent(Int.self, forKey: .month),
                            quarter: try c.decodeIfPresent(Int.self, forKey: .quarter),
                            half: try c.decodeIfPresent(Int.self, forKey: .half),
                            date: date,
                            strict: try c.decodeIfPresent(Bool.self, forKey: .strict) ?? false,
                            phrase: try c.decodeIfPresent(String.self, forKey: .phrase))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        if let year { try c.encode(year, forKey: .year) }
        if let month { try c.encode(month, forKey: .month) }
        if let quarter { try c.encode(quarter, forKey: .quarter) }
        if let half { try c.encode(half, forKey: .half) }
        if let date { try c.encode(date, forKey: .date); try c.encode(strict, forKey: .strict) }
        try c.encode(phrase, forKey: .phrase)
        try c.encode(dueOn, forKey: .dueOn)
        try c.encode(firstReviewOn, forKey: .firstReviewOn)
    }
}

/// A deadline extension (*gia hạn*) granted by the aggregator.
public struct DeadlineExtension: Sendable, Hashable, Codable {
    public var deadline: Deadline
    public var reason: String
    public var grantedOn: CivilDate

    public init(deadline: Deadline, reason: String, grantedOn: CivilDate) {
        self.deadline = deadline; self.reason = reason; self.grantedOn = grantedOn
    }

    enum CodingKeys: String, CodingKey { case deadline, reason, grantedOn = "granted_on" }
}
