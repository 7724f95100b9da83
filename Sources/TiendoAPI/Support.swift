// Request/response plumbing shared by every handler: bodies, problems,
// query parameters, paging, CSV negotiation.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoStore

// MARK: problems

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

/// Issues plus the HTTP status each one asks for (rule violations carry 403/409).
struct IssueSet {
    var issues: [Issue] = []
    var statuses: [Int] = []
    mutating func add(_ i: Issue, status: Int = 422) { issues.append(i); statuses.append(status) }
    mutating func add(_ v: RuleViolation, prefix: String = "") {
        let f = prefix.isEmpty ? v.field : (v.field.isEmpty ? prefix : "\(prefix).\(v.field)")
        add(Issue(f, v.code, v.message), status: v.httpStatus)
    }
    mutating func add(contentsOf list: IssueList) { for i in list.items { add(i) } }
    var isEmpty: Bool { issues.isEmpty }
    var problem: Problem { Problem.validation(issues, statuses: statuses) }
}

// MARK: bodies

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

// MARK: responses

func jsonResponse(_ status: Int, _ value: JSON, headers: [(String, String)] = []) -> HTTPResponse {
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

/// CSV when asked by `?format=csv` or an `Accept` that prefers text/csv.
func wantsCSV(_ req: HTTPRequest) throws -> Bool {
    if let f = req.query["format"] {
        switch f.lowercased() {
        case "csv": return true
        case "json": return false
        default: throw Problem.invalidQuery("format", "format must be json or csv.")
        }
    }
    guard let accept = req.headers["Accept"]?.lowercased() else { return false }
    return accept.contains("text/csv") && !accept.hasPrefix("application/json")
}

// MARK: query parameters

func queryInt(_ req: HTTPRequest, _ name: String) throws -> Int64? {
    guard let s = req.query[name], !s.isEmpty else { return nil }
    guard let v = Int64(s), v >= 0 else { throw Problem.invalidQuery(name, "\(name) must be a non-negative integer.") }
    return v
}

func queryDate(_ req: HTTPRequest, _ name: String) throws -> CivilDate? {
    guard let s = req.query[name], !s.isEmpty else { return nil }
    guard let d = CivilDate(s) else { throw Problem.invalidQuery(name, "\(name) must be a date YYYY-MM-DD.") }
    guard d.isInServiceRange else {
        throw Problem.invalidQuery(name, "\(name) must be between \(CivilDate.serviceYears.lowerBound)-01-01 and \(CivilDate.serviceYears.upperBound)-12-31.")
    }
    return d
}

func queryString(_ req: HTTPRequest, _ name: String, maxLength: Int = 200) throws -> String? {
    guard let s = req.query[name], !s.isEmpty else { return nil }
    guard s.count <= maxLength else { throw Problem.invalidQuery(name, "\(name) is too long.") }
    return VietnameseText.nfc(s)
}

func pathInt(_ params: RouteParameters, _ name: String, what: String) throws -> Int64 {
    guard let s = params[name], let v = Int64(s), v > 0 else {
        throw Problem.notFound(what, params[name] ?? "")
    }
    return v
}

// MARK: paging

struct Paging {
    static let defaultLimit = 50
    static let maxLimit = 500
    var limit: Int
    var offset: Int

    init(_ req: HTTPRequest) throws {
        limit = Paging.defaultLimit
        offset = 0
        if let s = req.query["limit"], !s.isEmpty {
            guard let v = Int(s), v >= 1, v <= Paging.maxLimit else {
                throw Problem.invalidQuery("limit", "limit must be 1–\(Paging.maxLimit).")
            }
            limit = v
        }
        if let s = req.query["offset"], !s.isEmpty {
            guard let v = Int(s), v >= 0, v <= 100_000_000 else { throw Problem.invalidQuery("offset", "offset must be a non-negative integer.") }
            offset = v
        }
    }

    /// The target of the next page (same query, offset moved on), or nil on the last page.
    func next(_ req: HTTPRequest, total: Int) -> String? {
        guard offset + limit < total else { return nil }
        var items = req.query.items.filter { $0.0 != "offset" && $0.0 != "limit" }
        items.append(("limit", String(limit)))
        items.append(("offset", String(offset + limit)))
        return req.path + "?" + items.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
    }
}

func percentEncode(_ s: String) -> String {
    var out = ""
    for b in s.utf8 {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: ":"):
            out.unicodeScalars.append(Unicode.Scalar(b))
        default:
            let hex = Array("0123456789ABCDEF")
            out.append("%"); out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0xf)])
        }
    }
    return out
}

/// A list answer: JSON `{"items","total","limit","offset","next"}` + `Link: <…>; rel="next"`,
/// or CSV of `columns` (dot paths into each item) when asked.
func listResponse(_ req: HTTPRequest, items: [JSON], total: Int, paging: Paging, columns: [String], name: String,
                  extra: [(String, JSON)] = []) throws -> HTTPResponse {
    let next = paging.next(req, total: total)
    var headers: [(String, String)] = [("X-Total-Count", String(total))]
    if let next { headers.append(("Link", "<\(next)>; rel=\"next\"")) }
    if try wantsCSV(req) {
        return csvResponse(csvTable(items, columns: columns), filename: "\(name).csv", headers: headers)
    }
    var pairs: [(String, JSON)] = extra
    pairs += [("items", .array(items)), ("total", .num(total)), ("limit", .num(paging.limit)),
              ("offset", .num(paging.offset)), ("next", .str(next))]
    return jsonResponse(200, .obj(pairs), headers: headers)
}

func lookup(_ v: JSON, path: String) -> JSON? {
    var cur: JSON? = v
    for part in path.split(separator: ".") { cur = cur?[String(part)] }
    return cur
}

func csvTable(_ items: [JSON], columns: [String]) -> [UInt8] {
    CSV.render(header: columns.map { $0.replacingOccurrences(of: ".", with: "_") },
               rows: items.map { item in columns.map { CSV.cell(lookup(item, path: $0)) } })
}

// MARK: small helpers

extension Optional where Wrapped == CivilDate {
    var json: JSON { self.map { .string($0.description) } ?? .null }
}

extension CivilDate {
    var json: JSON { .string(description) }
}

func nfc(_ s: String?) -> String? { s.map(VietnameseText.nfc) }
