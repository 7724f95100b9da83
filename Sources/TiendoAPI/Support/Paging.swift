// limit/offset paging and the list answer that carries it.

import Foundation
import TiendoHTTP

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

/// A list answer: JSON `{"items","total","limit","offset","next"}` + `Link: <…>; rel="next"`,
/// or CSV of `columns` (dot paths into each item) when asked.
func listResponse(_ req: HTTPRequest, items: [JSON], total: Int, paging: Paging, columns: [String], name: String,
                  extra: [(String, JSON)] = []) throws -> HTTPResponse {
    let next = paging.next(req, total: total)
    var headers: [(String, String)] = [("X-Total-Count", String(total))]
    if let next { headers.append(("Link", "<\(next)>; rel=\"next\"")) }
    let export = try ExportOptions(req)
    if export.isTable {
        return try exportResponse(export, items: items, columns: columns, name: name, sheet: name, headers: headers)
    }
    var pairs: [(String, JSON)] = extra
    pairs += [("items", .array(items)), ("total", .num(total)), ("limit", .num(paging.limit)),
              ("offset", .num(paging.offset)), ("next", .str(next))]
    return jsonResponse(200, .obj(pairs), headers: headers)
}
