// Authentication happens once, before a handler runs (RequestContext.swift): every API
// route but the declared public ones refuses a request without a token, with the same 401.

import XCTest
@testable import TiendoAPI
import TiendoHTTP

final class RequestContextTests: XCTestCase {
    /// Routes under /api/v1 that answer without a token.
    static let publicAPIRoutes: Set<String> = ["\(apiBase)/health", "\(apiBase)/ready"]

    func testEveryAPIRouteButThePublicOnesAnswers401WithoutAToken() throws {
        let s = try TestServer()
        defer { s.stop() }
        let routes = makeApplication(store: s.store, errorLog: { _ in }).routes
            .filter { $0.pattern.hasPrefix(apiBase + "/") && !Self.publicAPIRoutes.contains($0.pattern) }
        XCTAssertGreaterThan(routes.count, 40, "the route table should be listed")
        for route in routes {
            let target = route.pattern
                .replacingOccurrences(of: "{period}", with: "2022-Q1")
                .replacingOccurrences(of: "{year}", with: "2022")
                .replacingOccurrences(of: #"\{[a-z_]+\}"#, with: "1", options: .regularExpression)
            let body: [UInt8]? = route.method.isGetOrHead || route.method == .delete ? nil : Array("{}".utf8)
            let r = try s.client().request(route.method.rawValue, target, body: body)
            XCTAssertEqual(r.status, 401, "\(route.method) \(route.pattern): \(r.text)")
            XCTAssertEqual(r.code, "unauthorized", "\(route.method) \(route.pattern)")
            XCTAssertEqual(r.header("WWW-Authenticate"), "Bearer realm=\"tiendo\"", "\(route.method) \(route.pattern)")
        }
    }

    func testAReporterTokenOnAManagersRouteIs403AfterAuthentication() throws {
        let s = try TestServer()
        defer { s.stop() }
        let admin = try s.tokens.create(role: "admin", unitID: nil).token
        XCTAssertEqual(try s.client(admin).post("/api/v1/units", ["id": "so-tai-chinh", "name": "Sở Tài chính", "kind": "department"]).status, 201)
        let reporter = try s.tokens.create(role: "reporter", unitID: "so-tai-chinh").token
        let r = try s.client(reporter).post("/api/v1/units", ["id": "huyen-a", "name": "Huyện A", "kind": "district"])
        XCTAssertEqual(r.status, 403, r.text)
        XCTAssertEqual(r.code, "role_forbidden")
        XCTAssertEqual(try s.client(reporter).get("/api/v1/units/so-tai-chinh").status, 200, "the context carries the reporter's principal")
    }
}
