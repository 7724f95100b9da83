// Issue 15, items 4 and "token management without a shell": the tokens API, expiry, the
// brute-force brake and the token check made before 100 Continue — over real sockets.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoHTTP
import TiendoSQLite
import TiendoStore


final class TokensAPITests: XCTestCase {
    var s: TestServer!
    var admin: TestClient!

    override func setUpWithError() throws {
        s = try TestServer()
        admin = s.client(try s.token("test-admin-token", role: "admin"))
        XCTAssertEqual(try admin.post("/api/v1/units", ["id": "huyen-hoang-hoa", "name": "UBND huyện Hoằng Hóa", "kind": "district"]).status, 201)
    }

    override func tearDown() { s.stop() }

    func testCreateUseListAndRevokeAToken() throws {
        let r = try admin.post("/api/v1/tokens", ["role": "reporter", "unit_id": "huyen-hoang-hoa", "label": "Văn thư Hoằng Hóa"])
        XCTAssertEqual(r.status, 201, r.text)
        let secret = try XCTUnwrap(r.object["token"] as? String)
        let id = try XCTUnwrap(number(r.object["id"]))
        XCTAssertEqual(r.object["role"] as? String, "reporter")
        XCTAssertEqual(r.object["status"] as? String, "active")
        XCTAssertEqual(r.header("Cache-Control"), "no-store")
        XCTAssertEqual(try s.client(secret).get("/api/v1/units").status, 200)

        let list = try admin.get("/api/v1/tokens")
        XCTAssertEqual(list.status, 200)
        XCTAssertEqual(list.items.count, 2)
        XCTAssertFalse(list.text.contains(secret), "a list must not carry secrets")
        XCTAssertFalse(list.text.contains(TokenService.hash(secret)), "a list must not carry hashes")
        XCTAssertFalse(list.text.contains("\"token\""))
        XCTAssertFalse(list.text.contains("\"hash\""))

        XCTAssertEqual(try admin.request("DELETE", "/api/v1/tokens/\(Int(id))").status, 204)
        XCTAssertEqual(try s.client(secret).get("/api/v1/units").status, 401)
        XCTAssertEqual(try admin.request("DELETE", "/api/v1/tokens/\(Int(id))").status, 404)
        XCTAssertEqual(try admin.get("/api/v1/tokens").items.first { number($0["id"]) == id }?["status"] as? String, "revoked")
    }

    func testOnlyAnAdminManagesTokens() throws {
        let reporter = try XCTUnwrap(try admin.post("/api/v1/tokens", ["role": "reporter", "unit_id": "huyen-hoang-hoa"]).object["token"] as? String)
        let aggregator = try XCTUnwrap(try admin.post("/api/v1/tokens", ["role": "aggregator"]).object["token"] as? String)
        for t in [reporter, aggregator] {
            XCTAssertEqual(try s.client(t).post("/api/v1/tokens", ["role": "admin"]).status, 403)
            XCTAssertEqual(try s.client(t).get("/api/v1/tokens").status, 403)
            XCTAssertEqual(try s.client(t).request("DELETE", "/api/v1/tokens/1").status, 403)
        }
        XCTAssertEqual(try s.client().get("/api/v1/tokens").status, 401)
    }

    func testEveryInvalidFieldIsNamedAtOnce() throws {
        let r = try admin.post("/api/v1/tokens", ["role": "chief", "unit_id": "Not A Slug", "expires_at": "tomorrow", "extra": 1])
        XCTAssertEqual(r.status, 422, r.text)
        XCTAssertEqual(Set(r.errorFields), ["role", "unit_id", "expires_at", "extra"], r.text)
        let empty = try admin.post("/api/v1/tokens", [String: Any]())
        XCTAssertEqual(empty.status, 422)
        XCTAssertEqual(empty.errorFields, ["role"])
        let reporter = try admin.post("/api/v1/tokens", ["role": "reporter"])
        XCTAssertEqual(reporter.errorFields, ["unit_id"])
        XCTAssertEqual(reporter.errorCodes, ["required"])
        let unknown = try admin.post("/api/v1/tokens", ["role": "reporter", "unit_id": "xa-khong-co"])
        XCTAssertEqual(unknown.status, 422)
        XCTAssertEqual(unknown.errorCodes, ["unit_not_found"])
        XCTAssertEqual(try admin.get("/api/v1/tokens").items.count, 1, "a refused request stores nothing")
    }

    func testExpiryIsHonouredByAuthentication() throws {
        // The test clock stands at 2022-03-20T02:00:00Z.
        let past = try admin.post("/api/v1/tokens", ["role": "aggregator", "expires_at": "2022-03-19T00:00:00Z"])
        XCTAssertEqual(past.errorCodes, ["expires_at_not_in_future"])
        let far = try admin.post("/api/v1/tokens", ["role": "aggregator", "expires_at": "9999-12-31T23:59:59Z"])
        XCTAssertEqual(far.errorCodes, ["expires_at_too_far"])
        let r = try admin.post("/api/v1/tokens", ["role": "aggregator", "expires_at": "2022-03-20T10:00:00+07:00"])
        XCTAssertEqual(r.status, 201, r.text)
        XCTAssertEqual(r.object["expires_at"] as? String, "2022-03-20T03:00:00Z")
        let secret = try XCTUnwrap(r.object["token"] as? String)
        XCTAssertEqual(try s.client(secret).get("/api/v1/units").status, 200)   // now cached as live
        s.clock.set("2022-03-20T10:00:00+07:00")
        XCTAssertEqual(try s.client(secret).get("/api/v1/units").status, 401, "an expired token must stop working, cached or not")
        XCTAssertEqual(try admin.get("/api/v1/tokens").items.last?["status"] as? String, "expired")
    }

    func testTheLastAdminTokenCannotBeRevoked() throws {
        let list = try admin.get("/api/v1/tokens")
        let id = Int(try XCTUnwrap(number(list.items.first?["id"])))
        let r = try admin.request("DELETE", "/api/v1/tokens/\(id)")
        XCTAssertEqual(r.status, 409)
        XCTAssertEqual(r.code, "last_admin_token")
        let second = try XCTUnwrap(try admin.post("/api/v1/tokens", ["role": "admin", "label": "dự phòng"]).object["token"] as? String)
        XCTAssertGreaterThanOrEqual(second.count, TokenService.minimumAdminTokenLength)
        XCTAssertEqual(try admin.request("DELETE", "/api/v1/tokens/\(id)").status, 204)
        XCTAssertEqual(try s.client(second).get("/api/v1/tokens").status, 200)
    }

    func testBootstrapAdminTokenMustBeLong() throws {
        let fresh = try TestServer()
        defer { fresh.stop() }
        XCTAssertThrowsError(try fresh.tokens.bootstrapFromEnvironment(["TIENDO_ADMIN_TOKEN": "change-me-please"]))
        XCTAssertTrue(try fresh.tokens.bootstrapFromEnvironment(["TIENDO_ADMIN_TOKEN": "a-long-enough-secret-1234"]))
    }

    func testDemoTokenLabelsDoNotContainTheTokens() throws {
        let fresh = try TestServer()
        defer { fresh.stop() }
        _ = try DemoData.load(into: fresh.store, now: fresh.clock.now)
        for t in try fresh.tokens.list() {
            for demo in DemoData.tokens { XCTAssertFalse(t.label?.contains(demo.token) ?? false, "label \(t.label ?? "") shows a token") }
        }
    }
}

final class AuthBrakeTests: XCTestCase {
    func testRepeatedWrongTokensGet429WithRetryAfterEvenForARightToken() throws {
        let s = try TestServer(options: ApplicationOptions(authBrake: .init(maxFailures: 5, window: 600)))
        defer { s.stop() }
        let good = try s.tokens.create(role: "aggregator", unitID: nil, token: "a-right-aggregator-token").token
        for i in 0..<5 {
            let r = try s.client("wrong-token-\(i)").get("/api/v1/units")
            XCTAssertEqual(r.status, 401, "attempt \(i)")
        }
        let blocked = try s.client("wrong-token-6").get("/api/v1/units")
        XCTAssertEqual(blocked.status, 429)
        XCTAssertEqual(blocked.code, "too_many_failed_authentications")
        let wait = try XCTUnwrap(Int(blocked.header("Retry-After") ?? ""))
        XCTAssertTrue((1...600).contains(wait), "Retry-After \(wait)")
        // A right token is not confirmed during the block.
        XCTAssertEqual(try s.client(good).get("/api/v1/units").status, 429)
        // Routes without authentication still answer.
        XCTAssertEqual(try s.client().get("/health").status, 200)
    }

    func testTheBrakeForgetsAfterItsWindow() {
        final class Clock: @unchecked Sendable { var t = 1000.0 }
        let clock = Clock()
        let lines = LockedLines()
        let brake = AuthBrake(settings: .init(maxFailures: 3, window: 60), now: { clock.t }, log: { lines.append($0) })
        for _ in 0..<3 { brake.recordFailure("10.0.0.1:5000") }
        XCTAssertEqual(brake.retryAfter("10.0.0.1:6000"), 60)
        XCTAssertNil(brake.retryAfter("10.0.0.2:6000"), "another address is not braked")
        XCTAssertEqual(lines.all.count, 1)
        XCTAssertTrue(lines.all[0].contains("\"client\":\"10.0.0.1\""))
        clock.t += 61
        XCTAssertNil(brake.retryAfter("10.0.0.1:6000"))
        let off = AuthBrake(settings: .init(maxFailures: 0, window: 60), now: { clock.t }, log: { _ in })
        for _ in 0..<100 { off.recordFailure("10.0.0.1:1") }
        XCTAssertNil(off.retryAfter("10.0.0.1:1"))
    }

    func testSettingsFromEnvironment() throws {
        let s = try AuthBrake.Settings.fromEnvironment(["TIENDO_AUTH_MAX_FAILURES": "7", "TIENDO_AUTH_WINDOW": "30"])
        XCTAssertEqual(s, .init(maxFailures: 7, window: 30))
        XCTAssertThrowsError(try AuthBrake.Settings.fromEnvironment(["TIENDO_AUTH_MAX_FAILURES": "-1"]))
        XCTAssertThrowsError(try AuthBrake.Settings.fromEnvironment(["TIENDO_AUTH_WINDOW": "0"]))
        XCTAssertThrowsError(try ApplicationOptions.fromEnvironment(["TIENDO_METRICS": "public"]))
        XCTAssertEqual(try ApplicationOptions.fromEnvironment(["TIENDO_METRICS": "off"]).metricsAccess, .off)
    }

    /// The body of a request whose token fails is never invited.
    func testNoContinueForAWrongToken() throws {
        let s = try TestServer()
        defer { s.stop() }
        let head = "POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong-token\r\nContent-Type: application/json\r\nContent-Length: 20\r\nExpect: 100-continue\r\n\r\n"
        let r = try s.client().exchange(Array(head.utf8))
        XCTAssertEqual(r.status, 401, r.text)
        XCTAssertEqual(r.header("Connection"), "close")
        XCTAssertEqual(s.server.connectionCounters.refusedBeforeContinue.load(ordering: .relaxed), 1)
    }
}

final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ l: String) { lock.lock(); lines.append(l); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
