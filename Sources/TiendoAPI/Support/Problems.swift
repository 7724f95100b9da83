// The problems handlers answer most often, so each is built one way.

import Foundation
import TiendoHTTP

extension Problem {
    static func unauthorized(_ detail: String) -> Problem {
        var p = Problem(status: .unauthorized, code: "unauthorized", title: "Unauthorized", detail: detail)
        p.headers.set("WWW-Authenticate", "Bearer realm=\"tiendo\"")
        return p
    }
    static func forbidden(_ code: String, _ detail: String) -> Problem {
        Problem(status: .forbidden, code: code, title: "Forbidden", detail: detail)
    }
    static func notFound(_ what: String, _ id: String) -> Problem {
        Problem(status: .notFound, code: "not_found", title: "Not found", detail: "No \(what) \(id).")
    }
    static func conflict(_ code: String, _ detail: String) -> Problem {
        Problem(status: .conflict, code: code, title: "Conflict", detail: detail)
    }
    static func invalidQuery(_ field: String, _ message: String) -> Problem {
        Problem(status: .badRequest, code: "invalid_query", title: "Invalid query parameter", detail: message,
                errors: [FieldError(field: field, code: "invalid_query", message: message)])
    }

    /// 422 (or the violations' own 403/409) listing every issue. The top-level
    /// `code` is the issue's own when there is one, else the first of the
    /// status-deciding kind, else `validation_failed`.
    static func validation(_ issues: [Issue], statuses: [Int] = [], detail: String? = nil) -> Problem {
        var status = HTTPStatus.unprocessableContent
        if statuses.contains(403) { status = .forbidden } else if statuses.contains(409) { status = .conflict }
        let errors = issues.map { FieldError(field: $0.field, code: $0.code, message: $0.message) }
        var code = "validation_failed"
        if issues.count == 1 { code = issues[0].code }
        else if status != .unprocessableContent, let i = statuses.firstIndex(of: status.code), i < issues.count { code = issues[i].code }
        let title: String
        switch status {
        case .forbidden: title = "Forbidden"
        case .conflict: title = "Conflict"
        default: title = "Validation failed"
        }
        let d = detail ?? (issues.count == 1 ? issues[0].message : "\(issues.count) problems; see errors.")
        return Problem(status: status, code: code, title: title, detail: d, errors: errors)
    }
}
