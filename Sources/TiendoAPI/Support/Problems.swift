// The problems handlers answer most often, so each is built one way.

import Foundation
import TiendoHTTP

extension Problem {
    static func unauthorized(_ detail: String) -> Problem {
        var p = Problem(status: 401, code: "unauthorized", title: "Unauthorized", detail: detail)
        p.headers.set("WWW-Authenticate", "Bearer realm=\"tiendo\"")
        return p
    }
    static func forbidden(_ code: String, _ detail: String) -> Problem {
        Problem(status: 403, code: code, title: "Forbidden", detail: detail)
    }
    static func notFound(_ what: String, _ id: String) -> Problem {
        Problem(status: 404, code: "not_found", title: "Not found", detail: "No \(what) \(id).")
    }
    static func conflict(_ code: String, _ detail: String) -> Problem {
        Problem(status: 409, code: code, title: "Conflict", detail: detail)
    }
    static func invalidQuery(_ field: String, _ message: String) -> Problem {
        Problem(status: 400, code: "invalid_query", title: "Invalid query parameter", detail: message,
                errors: [FieldError(field: field, code: "invalid_query", message: message)])
    }

    /// 422 (or the violations' own 403/409) listing every issue. The top-level
    /// `code` is the issue's own when there is one, else the first of the
    /// status-deciding kind, else `validation_failed`.
    static func validation(_ issues: [Issue], statuses: [Int] = [], detail: String? = nil) -> Problem {
        var status = 422
        if statuses.contains(403) { status = 403 } else if statuses.contains(409) { status = 409 }
        let errors = issues.map { FieldError(field: $0.field, code: $0.code, message: $0.message) }
        var code = "validation_failed"
        if issues.count == 1 { code = issues[0].code }
        else if status != 422, let i = statuses.firstIndex(of: status), i < issues.count { code = issues[i].code }
        let title: String
        switch status {
        case 403: title = "Forbidden"
        case 409: title = "Conflict"
        default: title = "Validation failed"
        }
        let d = detail ?? (issues.count == 1 ? issues[0].message : "\(issues.count) problems; see errors.")
        return Problem(status: status, code: code, title: title, detail: d, errors: errors)
    }
}
