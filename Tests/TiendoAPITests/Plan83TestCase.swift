// The shared fixture of the report-rule tests: plan 83 created on 2022-03-25,
// reporter tokens for a department and a district, an aggregator, and the clock
// moved into the 2022-Q2 window.

import Foundation
import XCTest

class Plan83TestCase: XCTestCase {
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
        try s.token("tok-y-te", role: "reporter", unit: "so-y-te")
        try s.token("tok-hoang-hoa", role: "reporter", unit: "huyen-hoang-hoa")
        try s.token("tok-aggregator", role: "aggregator", unit: "so-ke-hoach-dau-tu")
        s.clock.set("2022-06-10T09:00:00+07:00")
    }

    override func tearDown() { s?.stop() }

    /// A problem+json answer with this status, carrying `code` (top level or in `errors`).
    func assertProblem(_ r: TestResponse, _ status: Int, _ code: String, field: String? = nil, line: UInt = #line) {
        XCTAssertEqual(r.status, status, r.text, line: line)
        XCTAssertEqual(r.header("Content-Type")?.hasPrefix("application/problem+json"), true, r.text, line: line)
        XCTAssertTrue(r.code == code || r.errorCodes.contains(code), "expected \(code) in \(r.text)", line: line)
        if let field { XCTAssertTrue(r.errorFields.contains(field), "expected field \(field) in \(r.text)", line: line) }
    }
}
