/// One validation failure inside a problem's `errors` array.
public struct FieldError: Sendable, Equatable {
    public var field: String
    public var code: String
    public var message: String
    public init(field: String, code: String, message: String) {
        self.field = field; self.code = code; self.message = message
    }
}

/// An RFC 9457 problem (`application/problem+json`). Throw it from a handler to answer with it.
public struct Problem: Error, Sendable, CustomStringConvertible {
    public var status: HTTPStatus
    /// Stable machine code, e.g. `not_found`, `period_locked`.
    public var code: String
    public var title: String
    public var detail: String?
    public var errors: [FieldError]
    /// Extra response headers, e.g. `Allow` for 405.
    public var headers: HTTPHeaders

    public init(status: HTTPStatus, code: String, title: String, detail: String? = nil, errors: [FieldError] = []) {
        self.status = status; self.code = code; self.title = title; self.detail = detail
        self.errors = errors; self.headers = HTTPHeaders()
    }

    /// For a status held as a number (e.g. a domain rule's 403/409).
    public init(status statusCode: Int, code: String, title: String, detail: String? = nil, errors: [FieldError] = []) {
        self.init(status: HTTPStatus(code: statusCode), code: code, title: title, detail: detail, errors: errors)
    }

    /// Problem types are pages this server serves (`GET /problems/{code}`); a relative
    /// reference resolves against the request's own origin (RFC 9457 §3.1.1).
    public static let typeBase = "/problems/"

    public var description: String { "\(status) \(code): \(detail ?? title)" }

    /// `{"type","title","status","detail"?,"code","errors":[{field,code,message}]}` with
    /// `Content-Type: application/problem+json; charset=utf-8` plus `headers`.
    public var response: HTTPResponse {
        var s = "{\"type\":"
        JSONText.appendString(Problem.typeBase + code, to: &s)
        s += ",\"title\":"; JSONText.appendString(title, to: &s)
        s += ",\"status\":\(status.code)"
        if let detail { s += ",\"detail\":"; JSONText.appendString(detail, to: &s) }
        s += ",\"code\":"; JSONText.appendString(code, to: &s)
        s += ",\"errors\":["
        for (i, e) in errors.enumerated() {
            if i > 0 { s += "," }
            s += "{\"field\":"; JSONText.appendString(e.field, to: &s)
            s += ",\"code\":"; JSONText.appendString(e.code, to: &s)
            s += ",\"message\":"; JSONText.appendString(e.message, to: &s)
            s += "}"
        }
        s += "]}"
        var h = headers
        h.set("Content-Type", "application/problem+json; charset=utf-8")
        var r = HTTPResponse(status: status, headers: h, body: Array(s.utf8))
        r.problem = self
        return r
    }

    // Problems the server and router produce.
    public static func badRequest(_ detail: String) -> Problem {
        Problem(status: .badRequest, code: "bad_request", title: "Bad request", detail: detail)
    }
    public static func notFound(_ detail: String? = nil) -> Problem {
        Problem(status: .notFound, code: "not_found", title: "Not found", detail: detail)
    }
    public static func methodNotAllowed(allow: [String]) -> Problem {
        var p = Problem(status: .methodNotAllowed, code: "method_not_allowed", title: "Method not allowed",
                        detail: "Allowed: " + allow.joined(separator: ", "))
        p.headers.set("Allow", allow.joined(separator: ", "))
        return p
    }
    public static func internalError() -> Problem {
        Problem(status: .internalServerError, code: "internal_error", title: "Internal server error")
    }
}

/// Minimal JSON string escaping (RFC 8259), for problem bodies and access-log lines.
public enum JSONText {
    public static func appendString(_ value: String, to out: inout String) {
        out.append("\"")
        var plain = true
        for b in value.utf8 where b < 0x20 || b == 0x22 || b == 0x5C { plain = false; break }
        if plain { out.append(value); out.append("\""); return }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }

    public static func quoted(_ value: String) -> String {
        var s = ""; appendString(value, to: &s); return s
    }
}
