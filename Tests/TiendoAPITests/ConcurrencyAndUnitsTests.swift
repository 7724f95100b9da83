// Concurrent writers through group commit, the strict JSON reader, the clock.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoStore

final class ConcurrencyAndUnitsTests: XCTestCase {
    func testConcurrentSubmissionsGetDistinctRevisionsAndOneIdempotentAnswer() throws {
        let s = try TestServer(now: "2022-06-10T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (_, tasks) = try Plan83.create(s, admin: admin)
        try s.token("tok-lao-dong", role: "reporter", unit: "so-lao-dong")
        let port = s.port
        let n = 12
        let statuses = UnsafeMutableBufferPointer<Int>.allocate(capacity: n * 2)
        defer { statuses.deallocate() }
        let body = report(tasks[0], "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10)
        let bytes = Array(try JSONSerialization.data(withJSONObject: body))
        nonisolated(unsafe) let out = statuses
        DispatchQueue.concurrentPerform(iterations: n * 2) { i in
            let c = TestClient(port: port, token: "tok-lao-dong")
            // Half plain submissions, half retries of one idempotent submission.
            let headers = i % 2 == 0 ? [] : [("Idempotency-Key", "same-key")]
            out[i] = (try? c.request("POST", "/api/v1/reports", body: bytes, headers: headers).status) ?? -1
        }
        XCTAssertEqual(Array(statuses).filter { $0 == 201 }.count, n * 2)
        let all = try admin.get("/api/v1/reports?limit=500")
        XCTAssertEqual(all.object["total"] as? Int, n + 1, "n plain + 1 idempotent")
        let revisions = all.items.compactMap { $0["revision"] as? Int }.sorted()
        XCTAssertEqual(revisions, Array(1...(n + 1)))
    }

    func testJSONParserRejectsWhatItMust() {
        func kind(_ s: String) -> JSONParseError.Kind? {
            do { _ = try JSONParser.parse(Array(s.utf8)); return nil } catch { return error.kind }
        }
        XCTAssertNil(kind("{\"a\": [1, 2.5, -3e2, true, null, \"\\u00e1\\ud83d\\ude00\"]}"))
        XCTAssertEqual(kind("{\"a\": 1, \"a\": 2}"), .invalidJSON)
        XCTAssertEqual(kind("{\"a\": \"\\ud800\"}"), .invalidJSON)
        XCTAssertEqual(kind("[01]"), .invalidJSON)
        XCTAssertEqual(kind("{\"a\": NaN}"), .invalidJSON)
        XCTAssertEqual(kind(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)), .invalidJSON)
        XCTAssertEqual(kind("{} x"), .invalidJSON)
        do { _ = try JSONParser.parse([0x22, 0xFF, 0x22]); XCTFail() } catch { XCTAssertEqual(error.kind, .invalidUTF8) }
        let big = try? JSONParser.parse(Array("123456789012345678901234567890".utf8))
        if case .double(let d)? = big { XCTAssertGreaterThan(d, 1e29) } else { XCTFail("\(String(describing: big))") }
        XCTAssertEqual(JSON.obj([("b", .int(1)), ("a", .string("Hoằng Hóa/\"x\""))]).text, "{\"b\":1,\"a\":\"Hoằng Hóa/\\\"x\\\"\"}")
        let x = try! JSONParser.parse(Array("{\"b\": 1, \"a\": [2, {\"d\":1,\"c\":2}]}".utf8))
        let y = try! JSONParser.parse(Array("{\"a\":[2,{\"c\":2,\"d\":1}],\"b\":1}".utf8))
        XCTAssertEqual(x.canonical(), y.canonical())
    }

    func testClockFromEnvironmentAndTimestamps() throws {
        let c = try APIClock.fromEnvironment(["TIENDO_NOW": "2022-06-14T09:10:00+07:00"])
        XCTAssertEqual(Timestamp.format(c.now()), "2022-06-14T02:10:00Z")
        XCTAssertEqual(c.today.description, "2022-06-14")
        XCTAssertThrowsError(try APIClock.fromEnvironment(["TIENDO_NOW": "yesterday"]))
        XCTAssertEqual(Timestamp.format(Timestamp.parse("2022-06-15T23:30:00.5+07:00")!), "2022-06-15T16:30:00Z")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testBootstrapAdminOnlyOnEmptyTokens() throws {
        let s = try TestServer()
        defer { s.stop() }
        XCTAssertTrue(try s.tokens.bootstrapFromEnvironment(["TIENDO_ADMIN_TOKEN": "bootstrap-secret-of-24-chars"]))
        XCTAssertFalse(try s.tokens.bootstrapFromEnvironment(["TIENDO_ADMIN_TOKEN": "another-secret-of-24-chars"]))
        XCTAssertEqual(try s.client("bootstrap-secret-of-24-chars").get("/api/v1/units").status, 200)
        XCTAssertEqual(try s.client("another-secret-of-24-chars").get("/api/v1/units").status, 401)
    }
}
