// The brute-force brake and token expiry also hold on the pages' /login (merged with branch pages).

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoStore

final class PageLoginBrakeTests: XCTestCase {
    func testWrongTokensPastedAtLoginAreBrakedLikeTheAPI() throws {
        let s = try TestServer(now: "2026-12-06T10:00:00+07:00", options: ApplicationOptions(authBrake: .init(maxFailures: 3, window: 600)))
        defer { s.stop() }
        _ = try DemoData.load(into: s.store, now: s.clock.now)
        let b = PageBrowser(s.client())
        for _ in 0..<3 { XCTAssertEqual(try b.login("not-a-token").status, 401) }
        let braked = try b.login("demo-tai-chinh")
        XCTAssertEqual(braked.status, 429, "a right token is not confirmed during the block")
        XCTAssertNotNil(braked.header("Retry-After"))
        XCTAssertTrue(braked.text.contains("Quá nhiều lần nhập sai"))
        XCTAssertEqual(try s.client("demo-tai-chinh").get("/api/v1/units").status, 429, "one brake for pages and API")
    }

    func testASessionEndsWithItsToken() throws {
        let s = try TestServer(now: "2026-12-06T10:00:00+07:00", options: ApplicationOptions())
        defer { s.stop() }
        _ = try DemoData.load(into: s.store, now: s.clock.now)
        let short = try s.tokens.create(role: "aggregator", unitID: "so-tai-chinh", expiresAt: Timestamp.parse("2026-12-06T11:00:00+07:00"))
        let b = PageBrowser(s.client())
        XCTAssertEqual(try b.login(short.token).status, 303)
        XCTAssertEqual(try b.get("/plans/1").status, 200)
        s.clock.set("2026-12-06T11:00:01+07:00")
        XCTAssertNotEqual(try b.get("/plans/1").status, 200, "the session outlived its token's expiry")
    }
}
