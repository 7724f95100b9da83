// JSON and CSV answers, and the choice between them.

import Foundation
import TiendoHTTP

func jsonResponse(_ status: HTTPStatus, _ value: JSON, headers: [(String, String)] = []) -> HTTPResponse {
    var r = HTTPResponse.json(status, value.serialized())
    for (k, v) in headers { r.headers.set(k, v) }
    return r
}

func csvResponse(_ bytes: [UInt8], filename: String, headers: [(String, String)] = []) -> HTTPResponse {
    var r = HTTPResponse(status: 200, headers: ["Content-Type": "text/csv; charset=utf-8"], body: bytes)
    r.headers.set("Content-Disposition", "attachment; filename=\"\(filename)\"")
    for (k, v) in headers { r.headers.set(k, v) }
    return r
}

/// A table (CSV or xlsx, see ExportOptions) rather than JSON: `?format=csv|xlsx` or an
/// `Accept` that prefers text/csv or the xlsx type.
func wantsCSV(_ req: HTTPRequest) throws -> Bool {
    try ExportOptions(req).isTable
}
