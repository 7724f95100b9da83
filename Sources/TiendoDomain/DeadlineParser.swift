import Foundation

/// Why a phrase could not be read. `code` is `deadline_unparseable`; the message
/// names the reason and lists `acceptedForms`.
public struct DeadlineParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var phrase: String
    public var reason: String
    public var code: String { "deadline_unparseable" }
    public var acceptedForms: [String] { DeadlineParser.acceptedForms }

    public init(phrase: String, reason: String) { self.phrase = phrase; self.reason = reason }

    public var message: String {
        "Cannot read deadline \"\(phrase)\": \(reason). Accepted forms: \(acceptedForms.joined(separator: "; ")). Or send the structured form {\"kind\":…}."
    }
    public var description: String { message }

    /// As a rule violation for the problem+json `errors` list (422).
    public func violation(field: String = "deadline") -> RuleViolation {
        RuleViolation(code: code, field: field, message: message)
    }
}

/// Reads the deadline phrases Vietnamese plans write (SPEC §2). Never guesses:
/// anything outside the accepted forms is an error.
public enum DeadlineParser {
    public static let acceptedForms: [String] = [
        "ngày 09/6/2017 (also 09-6-2017, 09.6.2017, vào/chậm nhất/hạn chót ngày …), trước 14 giờ, ngày 05/12/2017",
        "trước ngày 15/8/2024 (due the day before)",
        "Tháng 6/2017, trong tháng 6 năm 2017",
        "Quý II/2017, Trong quý 2 năm 2017, Q2/2017",
        "6 tháng đầu năm 2024, 6 tháng cuối năm 2024, trong 3 tháng cuối năm 2018 (= quý IV)",
        "Năm 2022, Trong năm 2022",
        "Năm 2022 và các năm tiếp theo, Thực hiện trong năm 2022 và các năm tiếp theo, Từ năm 2022 trở đi",
        "Thường xuyên, Thường xuyên liên tục, Khắc phục từng bước, đảm bảo ổn định tình hình",
    ]

    /// Reads a phrase. The result keeps the phrase (NFC, surrounding whitespace trimmed).
    ///
    /// Normalisation: NFD → combining marks dropped → `đ`→`d` → lower case;
    /// markdown emphasis/quotes dropped; dashes unified; whitespace collapsed; a
    /// leading outline number and label ("1.3. Thời gian khắc phục:", "c) **Thời
    /// gian hoàn thành:**", "Thời hạn:") dropped; commas/semicolons ignored;
    /// trailing punctuation dropped; a leading verb ("Thực hiện", "Hoàn thành",
    /// "Khắc phục", "Triển khai") dropped. The rest must match one accepted form
    /// exactly — nothing is skipped, so anything extra is an error.
    public static func parse(_ phrase: String) -> Result<Deadline, DeadlineParseError> {
        let original = VietnameseText.nfc(phrase).trimmingWhitespace()
        func fail(_ reason: String) -> Result<Deadline, DeadlineParseError> {
            .failure(DeadlineParseError(phrase: original, reason: reason))
        }
        if original.isEmpty { return fail("the phrase is empty") }
        let body = normalisedBody(phrase)
        if body.isEmpty { return fail("there is no deadline after the label") }
        let matched: Result<Deadline, Reason>? = RuleCache.shared.withRules { rules in
            for rule in rules {
                guard let m = body.wholeMatch(of: rule.regex) else { continue }
                var caps: [String?] = []
                for i in 1..<m.output.count { caps.append(m.output[i].substring.map(String.init)) }
                return rule.build(caps)
            }
            return nil
        }
        switch matched {
        case .success(let d)?: return .success(d.withPhrase(original))
        case .failure(let reason)?: return fail(reason.text)
        case nil: break
        }
        let dates = body.matches(of: try! Regex(#"\d{1,4}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{1,4}"#)).count
        if dates > 1 { return fail("it names more than one date") }
        if body.wholeMatch(of: try! Regex(#"(?:hang|moi) (?:nam|quy|thang)"#)) != nil {
            return fail("\"\(original)\" names no period: write \"Năm 2022 và các năm tiếp theo\" or \"Thường xuyên\"")
        }
        return fail("it is not one of the accepted forms")
    }

    // MARK: normalisation

    static func normalisedBody(_ phrase: String) -> String {
        var t = ""
        for ch in VietnameseText.fold(phrase) {
            switch ch {
            case "*", "_", "\"", "'", "`", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "\u{00AB}", "\u{00BB}", ",", ";":
                t.append(" ")
            case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}":
                t.append("-")
            case "\u{200B}", "\u{FEFF}":
                continue
            default:
                t.append(ch)
            }
        }
        var s = VietnameseText.collapseWhitespace(t)
        while let first = s.first, "-+•".contains(first) { s.removeFirst(); s = s.trimmingWhitespace() }
        // Outline number + label.
        if let m = s.prefixMatch(of: try! Regex(#"(?:(?:[a-z]|\d{1,2}(?:\.\d{1,2})*)[.)] ?)?(?:thoi gian|thoi han|han)(?: [a-z]+){0,5} ?: ?"#)) {
            s = String(s[m.range.upperBound...])
        }
        // Trailing and leading punctuation.
        while let last = s.last, ".!:?)( -+".contains(last) { s.removeLast() }
        while let first = s.first, ".!:?( -+•".contains(first) { s.removeFirst() }
        // Leading verb.
        if let m = s.prefixMatch(of: try! Regex(#"(?:thuc hien|hoan thanh|khac phuc|trien khai)(?: xong)? "#)) {
            s = String(s[m.range.upperBound...])
        }
        return s
    }

    // MARK: rules

    struct Reason: Error { let text: String }

    struct Rule {
        let regex: Regex<AnyRegexOutput>
        let build: @Sendable ([String?]) -> Result<Deadline, Reason>
    }

    static let romans = ["i": 1, "ii": 2, "iii": 3, "iv": 4]

    static func year(_ s: String?) -> Result<Int, Reason> {
        guard let s, s.count == 4, let y = Int(s) else {
            return .failure(Reason(text: "the year \"\(s ?? "")\" must be written with 4 digits"))
        }
        guard Deadline.yearRange.contains(y) else {
            return .failure(Reason(text: "the year \(y) is outside \(Deadline.yearRange.lowerBound)–\(Deadline.yearRange.upperBound)"))
        }
        return .success(y)
    }

    static func small(_ s: String?, _ range: ClosedRange<Int>, _ what: String) -> Result<Int, Reason> {
        guard let s, s.count <= 2, let v = Int(s), range.contains(v) else {
            return .failure(Reason(text: "\(what) \"\(s ?? "")\" does not exist (\(range.lowerBound)–\(range.upperBound))"))
        }
        return .success(v)
    }

    static func date(_ d: String?, _ m: String?, _ y: String?) -> Result<CivilDate, Reason> {
        let yy: Int
        switch year(y) { case .success(let v): yy = v; case .failure(let e): return .failure(e) }
        guard let d, let m, d.count <= 2, m.count <= 2, let dd = Int(d), let mm = Int(m),
              let date = CivilDate(year: yy, month: mm, day: dd) else {
            return .failure(Reason(text: "\(d ?? "")/\(m ?? "")/\(y ?? "") is not a calendar date"))
        }
        return .success(date)
    }

    static func make(_ f: () throws(RuleViolation) -> Deadline) -> Result<Deadline, Reason> {
        do { return .success(try f()) } catch { return .failure(Reason(text: error.message)) }
    }

    static func makeRules() -> [Rule] {
        // Words allowed before a period: "trong quý 2", "hết tháng 6", "cuối năm".
        let pIn = #"(?:(?:trong|vao|den het|het|cuoi|den cuoi|ca) )?"#
        let sep = #"(?: ?[/.-] ?| nam | )"#
        let strictPrefix = #"(?:(?:cham nhat|han chot|hoan thanh|xong) )?truoc (?:ngay )?"#
        let plainPrefix = #"(?:bao cao (?:ket qua )?(?:thuc hien )?)?(?:(?:cham nhat|han chot|vao|den het|den|trong)(?: la| vao| trong)? )?(?:ngay )?"#
        let numericDate = #"(\d+) ?([/.-]) ?(\d+) ?([/.-]) ?(\d+)"#
        let textDate = #"(\d+) thang (\d+) nam (\d+)"#
        func rx(_ s: String) -> Regex<AnyRegexOutput> { try! Regex(s) }

        func numeric(strict: Bool) -> @Sendable ([String?]) -> Result<Deadline, Reason> {
            { c in
                guard c[1] == c[3] else { return .failure(Reason(text: "the date mixes separators")) }
                switch date(c[0], c[2], c[4]) {
                case .success(let d): return make { () throws(RuleViolation) in try Deadline(kind: .date, date: d, strict: strict) }
                case .failure(let e): return .failure(e)
                }
            }
        }
        func textual(strict: Bool) -> @Sendable ([String?]) -> Result<Deadline, Reason> {
            { c in
                switch date(c[0], c[1], c[2]) {
                case .success(let d): return make { () throws(RuleViolation) in try Deadline(kind: .date, date: d, strict: strict) }
                case .failure(let e): return .failure(e)
                }
            }
        }
        let continuousWord = #"(?:thuong xuyen|lien tuc|lau dai)"#
        return [
            // continuous
            Rule(regex: rx(continuousWord + #"(?: (?:va )?(?:thuong xuyen|lien tuc|lau dai|hang nam|hang quy|hang thang))*"#),
                 build: { _ in .success(Deadline.continuous()) }),
            Rule(regex: rx(#"tung buoc(?: (?:dam bao on dinh tinh hinh|thuong xuyen|lien tuc|lau dai))?"#),
                 build: { _ in .success(Deadline.continuous()) }),
            // from_year
            Rule(regex: rx(#"(?:(?:trong|tu) )?(?:nam )?(\d+) (?:va|den) (?:cac|nhung) nam tiep theo"#),
                 build: { c in year(c[0]).flatMap { y in make { () throws(RuleViolation) in try Deadline(kind: .fromYear, year: y) } } }),
            Rule(regex: rx(#"tu (?:nam )?(\d+) (?:tro di|tro ve sau|(?:va )?(?:cac|nhung) nam tiep theo)"#),
                 build: { c in year(c[0]).flatMap { y in make { () throws(RuleViolation) in try Deadline(kind: .fromYear, year: y) } } }),
            // half
            Rule(regex: rx(pIn + #"(?:0?6 thang|nua) (dau|cuoi) nam (\d+)"#),
                 build: { c in year(c[1]).flatMap { y in make { () throws(RuleViolation) in try Deadline(kind: .half, year: y, half: c[0] == "dau" ? 1 : 2) } } }),
            // quarter written as three months: "trong 3 tháng cuối năm 2018" = Q4, "3 tháng đầu năm" = Q1
            Rule(regex: rx(pIn + #"(?:0?3|ba) thang (dau|cuoi) nam (\d+)"#),
                 build: { c in year(c[1]).flatMap { y in make { () throws(RuleViolation) in try Deadline(kind: .quarter, year: y, quarter: c[0] == "dau" ? 1 : 4) } } }),
            // a time of day before the date: "trước 14 giờ, ngày 05/12/2017" — due that day, the hour kept
            Rule(regex: rx(#"(?:(?:cham nhat|han chot) )?(?:truoc|vao luc|vao|luc) (\d{1,2}) ?(?:gio|h|:) ?(?:(\d{1,2})(?: phut)? )?(?:ngay )?"# + numericDate),
                 build: { c in
                     guard c[3] == c[5] else { return .failure(Reason(text: "the date mixes separators")) }
                     return small(c[0], 0...23, "hour").flatMap { h in
                         small(c[1] ?? "0", 0...59, "minute").flatMap { m in
                             date(c[2], c[4], c[6]).flatMap { d in
                                 make { () throws(RuleViolation) in
                                     try Deadline(kind: .date, date: d, time: String(format: "%02d:%02d", h, m))
                                 }
                             }
                         }
                     }
                 }),
            // year
            Rule(regex: rx(pIn + #"nam (\d+)"#),
                 build: { c in year(c[0]).flatMap { y in make { () throws(RuleViolation) in try Deadline(kind: .year, year: y) } } }),
            // quarter
            Rule(regex: rx(pIn + #"(?:quy|q) ?([a-z0-9]+)"# + sep + #"(\d+)"#),
                 build: { c in
                     let raw = c[0] ?? ""
                     let q = romans[raw] ?? (raw.count <= 2 ? Int(raw) : nil)
                     guard let q, (1...4).contains(q) else {
                         return .failure(Reason(text: "quarter \"\(raw)\" does not exist (I–IV or 1–4)"))
                     }
                     return year(c[1]).flatMap { y in make { () throws(RuleViolation) in try Deadline(kind: .quarter, year: y, quarter: q) } }
                 }),
            // month
            Rule(regex: rx(pIn + #"thang (\d+)"# + sep + #"(\d+)"#),
                 build: { c in
                     small(c[0], 1...12, "month").flatMap { m in
                         year(c[1]).flatMap { y in make { () throws(RuleViolation) in try Deadline(kind: .month, year: y, month: m) } }
                     }
                 }),
            // dates
            Rule(regex: rx(strictPrefix + numericDate), build: numeric(strict: true)),
            Rule(regex: rx(strictPrefix + textDate), build: textual(strict: true)),
            Rule(regex: rx(plainPrefix + numericDate), build: numeric(strict: false)),
            Rule(regex: rx(plainPrefix + textDate), build: textual(strict: false)),
        ]
    }
}

/// The compiled rules, built once. `Regex` is not `Sendable`, so every use of
/// the shared rules happens under a lock (parsing is rare; contention is nil).
final class RuleCache: @unchecked Sendable {
    static let shared = RuleCache()
    private let lock = NSLock()
    private var rules: [DeadlineParser.Rule]?

    func withRules<T>(_ body: ([DeadlineParser.Rule]) -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        if rules == nil { rules = DeadlineParser.makeRules() }
        return body(rules!)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}

extension Deadline {
    /// Parses a phrase (see `DeadlineParser`).
    public init(parsing phrase: String) throws(DeadlineParseError) {
        switch DeadlineParser.parse(phrase) {
        case .success(let d): self = d
        case .failure(let e): throw e
        }
    }
}
