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
        "ngày 09/6/2017 (also 09-6-2017, 09.6.2017, vào/chậm nhất/hạn chót ngày …)",
        "trước ngày 15/8/2024 (due the day before)",
        "Tháng 6/2017, trong tháng 6 năm 2017",
        "Quý II/2017, Trong quý 2 năm 2017, Q2/2017",
        "6 tháng đầu năm 2024, 6 tháng cuối năm 2024",
        "Năm 2022, Trong năm 2022",
        "Năm 2022 và các năm tiếp theo, Thực hiện trong năm 2022 và các năm tiếp theo, Từ năm 2022 trở đi",
        "Thường xuyên, Thường xuyên liên tục, Khắc phục từng bước, đảm bảo ổn định tình hình",
    ]

    public static func parse(_ phrase: String) -> Result<Deadline, DeadlineParseError> {
        .failure(DeadlineParseError(phrase: VietnameseText.nfc(phrase), reason: "not implemented yet"))
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
