/// One broken rule: a stable machine `code` (snake_case), the request `field`
/// it concerns (JSON name, e.g. `period`, `report_date`; empty when none),
/// a human `message`, and the HTTP status it maps to (422 unless stated).
/// Serialises as `{"field":…,"code":…,"message":…}` (the RFC 9457 `errors` item);
/// `http_status` is not encoded.
public struct RuleViolation: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var code: String
    public var field: String
    public var message: String
    public var httpStatus: Int

    public init(code: String, field: String, message: String, httpStatus: Int = 422) {
        self.code = code; self.field = field; self.message = message; self.httpStatus = httpStatus
    }

    public var description: String { "\(field): \(code) (\(httpStatus)) — \(message)" }

    enum CodingKeys: String, CodingKey { case field, code, message }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        field = try c.decodeIfPresent(String.self, forKey: .field) ?? ""
        message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
        httpStatus = 422
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(field, forKey: .field)
        try c.encode(code, forKey: .code)
        try c.encode(message, forKey: .message)
    }
}

extension Array where Element == RuleViolation {
    /// The HTTP status for a list of violations: 403 if any is 403, else 409 if
    /// any is 409, else the first one's status (422), or 200 when empty.
    public var httpStatus: Int {
        if isEmpty { return 200 }
        if contains(where: { $0.httpStatus == 403 }) { return 403 }
        if contains(where: { $0.httpStatus == 409 }) { return 409 }
        return self[0].httpStatus
    }
}
