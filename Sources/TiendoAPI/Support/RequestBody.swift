// Reading a request body as JSON: the content types accepted and the 400/415 answers.

import Foundation
import TiendoHTTP

/// The request body as JSON: 400 `invalid_utf8` / `invalid_json` / `empty_body`, 415 for non-JSON content types.
func jsonBody(_ req: HTTPRequest) throws -> JSON {
    // JSON, or what curl -d and naive clients send by default; anything else is refused.
    if let ct = req.headers["Content-Type"]?.lowercased(), !ct.isEmpty,
       !(ct.hasPrefix("application/json") || ct.contains("+json") || ct.hasPrefix("application/x-www-form-urlencoded")
         || ct.hasPrefix("text/plain")) {
        throw Problem(status: 415, code: "unsupported_media_type", title: "Unsupported media type",
                      detail: "Send the body as application/json.")
    }
    if req.body.isEmpty {
        throw Problem(status: 400, code: "empty_body", title: "Empty body", detail: "A JSON body is required.")
    }
    do {
        return try JSONParser.parse(req.body)
    } catch {
        switch error.kind {
        case .invalidUTF8: throw Problem(status: 400, code: "invalid_utf8", title: "Invalid UTF-8", detail: error.message)
        case .invalidJSON: throw Problem(status: 400, code: "invalid_json", title: "Invalid JSON", detail: error.message)
        }
    }
}

/// The body as an object reader, or 422 when the top level is not an object.
func objectBody(_ req: HTTPRequest, issues: IssueList) throws -> ObjectReader {
    let v = try jsonBody(req)
    guard let r = ObjectReader.make(v, path: "", issues: issues) else {
        throw Problem.validation(issues.items)
    }
    return r
}
