// Issue 15, items 1 and 2: no date a client sends reaches a trap, and two concurrent
// PATCHes of one plan never lose either change (ETag / If-Match on plans).

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoDomain

final class EdgeDatesTests: XCTestCase {
    /// Every computed route with an `as_of` at or past the ends of the calendar answers 400
    /// `invalid_query` — and the server is still there to answer the next request.
    func testExtremeAsOfIsA400NotACrash() throws {
        let s = try TestServer(now: "2022-06-10T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (plan, tasks) = try Plan83.create(s, admin: admin)
        let targets = ["/api/v1/tasks?as_of=", "/api/v1/tasks/\(tasks[0])?as_of=", "/api/v1/plans/\(plan)/summary?as_of=",
                       "/api/v1/plans/\(plan)/compliance?period=2022-Q2&as_of=", "/api/v1/units/so-y-te/scorecard?as_of="]
        for target in targets {
            for asOf in ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"] {
                let r = try admin.get(target + asOf)
                XCTAssertEqual(r.status, 400, "\(target)\(asOf): \(r.text)")
                XCTAssertEqual(r.code, "invalid_query", "\(target)\(asOf)")
            }
            XCTAssertEqual(try admin.get(target + "2199-12-31").status, 200, target)
        }
        XCTAssertEqual(try admin.get("/health").status, 200)
    }

    /// The received_at that killed the process (year 0 in UTC) is refused with the 403 a
    /// reporter deserves and a range error; as an admin it is a 422. Nothing is stored.
    func testReceivedAtBeforeYearOneIsRefused() throws {
        let s = try TestServer(now: "2022-06-10T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (_, tasks) = try Plan83.create(s, admin: admin)
        let reporter = s.client(try s.token("tok-lao-dong", role: "reporter", unit: "so-lao-dong"))
        for (client, status) in [(reporter, 403), (admin, 422)] {
            for at in ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "1899-12-31T10:00:00Z"] {
                let r = try client.post("/api/v1/reports", report(tasks[0], "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10,
                                                                   extra: ["received_at": at]))
                XCTAssertEqual(r.status, status, "\(at): \(r.text)")
                XCTAssertTrue(r.errorCodes.contains("date_out_of_range") || r.errorCodes.contains("received_at_in_future"),
                              "\(at): \(r.errorCodes)")
            }
        }
        for (field, value) in [("report_date", "9999-12-31"), ("completed_on", "0001-01-01")] {
            let r = try admin.post("/api/v1/reports", report(tasks[0], "so-lao-dong", "2022-Q2", "2022-06-10", status: "completed",
                                                              progress: 100, completedOn: "2022-06-01", extra: [field: value]))
            XCTAssertEqual(r.status, 422, r.text)
            XCTAssertTrue(r.errorCodes.contains("date_out_of_range"), "\(field): \(r.errorCodes)")
        }
        XCTAssertEqual(try admin.get("/api/v1/reports").object["total"] as? Int, 0)
        XCTAssertEqual(try admin.get("/health").status, 200)
    }

    /// Dates in bodies (issued_on, closed_on, structured deadlines) are range-checked too.
    func testBodyDatesOutsideTheServiceRangeAre422() throws {
        let s = try TestServer(now: "2022-06-10T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (plan, _) = try Plan83.create(s, admin: admin)
        var p = Plan83.plan
        p["issued_on"] = "0001-01-01"
        let r = try admin.post("/api/v1/plans", p)
        XCTAssertEqual(r.status, 422, r.text)
        XCTAssertTrue(r.errorCodes.contains("date_out_of_range"), "\(r.errorCodes)")
        let c = try admin.send("PATCH", "/api/v1/plans/\(plan)", json: ["status": "closed", "closed_on": "9999-12-31"])
        XCTAssertEqual(c.status, 422, c.text)
        XCTAssertTrue(c.errorCodes.contains("date_out_of_range"), "\(c.errorCodes)")
    }
}

final class PlanLostUpdateTests: XCTestCase {
    /// Two PATCHes sent at the same instant, one changing `title` and one `signer`: after
    /// every round both changes are stored (it failed in 29 of 30 rounds before).
    func testConcurrentPatchesOfDifferentFieldsBothSurvive() throws {
        let s = try TestServer(now: "2022-06-10T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (plan, _) = try Plan83.create(s, admin: admin)
        let port = s.port
        for round in 0..<30 {
            let bodies: [[UInt8]] = try [["title": "Kế hoạch khắc phục – vòng \(round)"], ["signer": "Người ký \(round)"]]
                .map { Array(try JSONSerialization.data(withJSONObject: $0)) }
            let statuses = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2)
            defer { statuses.deallocate() }
            nonisolated(unsafe) let out = statuses
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let c = TestClient(port: port, token: "test-admin-token")
                out[i] = (try? c.request("PATCH", "/api/v1/plans/\(plan)", body: bodies[i], headers: [("Content-Type", "application/json")]).status) ?? -1
            }
            XCTAssertEqual(Array(statuses), [200, 200], "round \(round)")
            let got = try admin.get("/api/v1/plans/\(plan)").object
            XCTAssertEqual(got["title"] as? String, "Kế hoạch khắc phục – vòng \(round)", "round \(round)")
            XCTAssertEqual(got["signer"] as? String, "Người ký \(round)", "round \(round)")
        }
    }

    /// GET gives an ETag; PATCH with it succeeds and returns the next one; PATCH with the
    /// old one is 412 and changes nothing; a weak or unknown tag never matches.
    func testIfMatchMakesAPatchConditional() throws {
        let s = try TestServer(now: "2022-06-10T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (plan, _) = try Plan83.create(s, admin: admin)
        let first = try admin.get("/api/v1/plans/\(plan)")
        let tag = try XCTUnwrap(first.header("ETag"))
        let ok = try admin.send("PATCH", "/api/v1/plans/\(plan)", json: ["signer": "Đầu Thanh Tùng"], headers: [("If-Match", tag)])
        XCTAssertEqual(ok.status, 200, ok.text)
        let next = try XCTUnwrap(ok.header("ETag"))
        XCTAssertNotEqual(next, tag)
        XCTAssertEqual(try admin.get("/api/v1/plans/\(plan)").header("ETag"), next)
        for stale in [tag, "W/\(next)", "\"nope\""] {
            let r = try admin.send("PATCH", "/api/v1/plans/\(plan)", json: ["signer": "Lost"], headers: [("If-Match", stale)])
            XCTAssertEqual(r.status, 412, "\(stale): \(r.text)")
            XCTAssertEqual(r.code, "precondition_failed")
        }
        XCTAssertEqual(try admin.get("/api/v1/plans/\(plan)").object["signer"] as? String, "Đầu Thanh Tùng")
        let star = try admin.send("PATCH", "/api/v1/plans/\(plan)", json: ["title": "Tiêu đề mới"], headers: [("If-Match", "*")])
        XCTAssertEqual(star.status, 200, star.text)
        XCTAssertEqual(try admin.send("PATCH", "/api/v1/plans/999", json: ["title": "x"]).status, 404)
    }
}
