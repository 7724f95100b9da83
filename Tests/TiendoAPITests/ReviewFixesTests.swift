// Discrepancies found while using a running server as the finance office's
// script writer and as a district clerk; each test failed before its fix.

import Foundation
import XCTest

final class ReviewFixesTests: XCTestCase {
    var s: TestServer!
    var admin: TestClient!
    var plan = 0
    var A = 0, B = 0, C = 0, D = 0

    override func setUpWithError() throws {
        s = try TestServer(now: "2022-03-25T09:00:00+07:00")
        admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (p, t) = try Plan83.create(s, admin: admin)
        plan = p; (A, B, C, D) = (t[0], t[1], t[2], t[3])
        try s.token("tok-lao-dong", role: "reporter", unit: "so-lao-dong")
        try s.token("tok-hoang-hoa", role: "reporter", unit: "huyen-hoang-hoa")
        try s.token("tok-aggregator", role: "aggregator", unit: "so-ke-hoach-dau-tu")
        s.clock.set("2022-06-10T09:00:00+07:00")
    }

    override func tearDown() { s?.stop() }

    func assertProblem(_ r: TestResponse, _ status: Int, _ code: String, field: String? = nil, line: UInt = #line) {
        XCTAssertEqual(r.status, status, r.text, line: line)
        XCTAssertEqual(r.header("Content-Type")?.hasPrefix("application/problem+json"), true, r.text, line: line)
        XCTAssertTrue(r.code == code || r.errorCodes.contains(code), "expected \(code) in \(r.text)", line: line)
        if let field { XCTAssertTrue(r.errorFields.contains(field), "expected field \(field) in \(r.text)", line: line) }
    }

    /// A script filtering `GET /reports?period=2022-q2` (or a typo) got `200` with an
    /// empty list, indistinguishable from "nobody reported".
    func testReportsListRejectsMalformedPeriod() throws {
        let ok = try s.client("tok-lao-dong").post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10))
        XCTAssertEqual(ok.status, 201, ok.text)
        for bad in ["2022-Q9", "garbage", "2022-q2"] {
            assertProblem(try admin.get("/api/v1/reports?period=\(bad)"), 400, "period_malformed", field: "period")
            assertProblem(try admin.get("/api/v1/reports?period=\(bad)&format=csv"), 400, "period_malformed", field: "period")
        }
        let good = try admin.get("/api/v1/reports?period=2022-Q2")
        XCTAssertEqual(good.status, 200, good.text)
        XCTAssertEqual(good.items.count, 1)
    }
}
