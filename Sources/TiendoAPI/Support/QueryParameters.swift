// Query and path parameters, each checked where it enters (400 invalid_query, 404 for bad ids).

import Foundation
import TiendoDomain
import TiendoHTTP

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
