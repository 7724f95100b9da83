// Migration 0014: compliance reads the period's first arrivals from a covering index, the
// pairs completed before a window from an index on first_completed_at, and the plan's latest
// arrival from one row of plan_report_counts. The trigger no longer sets first_received_at and
// first_completed_at in its UPSERTs (which would rewrite those indexes on every re-submission);
// these tests hold the cases where the values do move: a back-fill older than the first arrival,
// a back-filled earlier completion, and rows written or deleted other than by a POST.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoHTTP
import TiendoSQLite
@testable import TiendoStore

final class ComplianceReadModelTests: XCTestCase {
    /// Rows of the kept table that differ from the recomputation, both ways.
    private func differences(_ kept: String, _ computed: String, _ c: Connection) throws -> Int64 {
        try c.scalar("""
            SELECT (SELECT count(*) FROM (SELECT * FROM \(kept) EXCEPT SELECT * FROM \(computed)))
                 + (SELECT count(*) FROM (SELECT * FROM \(computed) EXCEPT SELECT * FROM \(kept)))
            """).int64Value ?? -1
    }

    /// Plans whose kept latest arrival is not the maximum of their pairs'.
    private func stalePlanMaxima(_ c: Connection) throws -> Int64 {
        try c.scalar("""
            SELECT count(*) FROM plan_report_counts k
            WHERE k.max_received_at IS NOT (SELECT max(max_received_at) FROM report_pairs WHERE plan_id = k.plan_id)
            """).int64Value ?? -1
    }

    func testBackFilledEarlierRevisionsMoveFirstArrivalAndFirstCompletion() throws {
        let s = try TestServer(now: "2022-06-20T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (plan, tasks) = try Plan83.create(s, admin: admin)
        let a = tasks[0], d = tasks[3]

        // Q2 is due 2022-06-15: received on the 20th, task A's report is 5 days late.
        XCTAssertEqual(try admin.post("/api/v1/reports", report(a, "so-lao-dong", "2022-Q2", "2022-06-20", progress: 30)).status, 201)
        var r = try admin.get("/api/v1/plans/\(plan)/compliance?period=2022-Q2")
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual((r.object["totals"] as? [String: Any])?["late"] as? Int, 1, r.text)
        let late = (r.object["late_list"] as? [[String: Any]])?.first
        XCTAssertEqual(late?["first_received_at"] as? String, "2022-06-20T02:00:00Z")
        XCTAssertEqual(late?["days_late"] as? Int, 5)

        // The paper report of 2022-06-10, back-filled: the first arrival moves back, on time now.
        s.clock.set("2022-06-21T09:00:00+07:00")
        let backFill = report(a, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 20,
                              extra: ["received_at": "2022-06-10T15:00:00+07:00", "obstacles": "Báo cáo giấy"])
        XCTAssertEqual(try admin.post("/api/v1/reports", backFill).status, 201)
        r = try admin.get("/api/v1/plans/\(plan)/compliance?period=2022-Q2")
        XCTAssertEqual((r.object["totals"] as? [String: Any])?["on_time"] as? Int, 1, r.text)
        XCTAssertEqual((r.object["totals"] as? [String: Any])?["late"] as? Int, 0, r.text)

        // Task D completed, reported on the 21st; then the earlier paper completion back-filled.
        XCTAssertEqual(try admin.post("/api/v1/reports", report(d, "so-ke-hoach-dau-tu", "2022-Q2", "2022-06-21", status: "completed",
                                                                progress: 100, completedOn: "2022-06-21")).status, 201)
        XCTAssertEqual(try admin.post("/api/v1/reports", report(d, "so-ke-hoach-dau-tu", "2022-Q2", "2022-06-12", status: "completed",
                                                                progress: 100, completedOn: "2022-06-12",
                                                                extra: ["received_at": "2022-06-12T10:00:00+07:00"])).status, 201)

        try s.store.read { c in
            XCTAssertEqual(try c.scalar("SELECT first_received_at FROM report_periods WHERE task_id = ? AND unit_id = 'so-lao-dong'",
                                        [.integer(Int64(a))]).stringValue, "2022-06-10T08:00:00Z")
            XCTAssertEqual(try c.scalar("SELECT first_completed_at FROM report_pairs WHERE task_id = ? AND unit_id = 'so-ke-hoach-dau-tu'",
                                        [.integer(Int64(d))]).stringValue, "2022-06-12T03:00:00Z")
            XCTAssertEqual(try differences("report_periods", "report_periods_computed", c), 0)
            XCTAssertEqual(try differences("report_pairs", "report_pairs_computed", c), 0)
            XCTAssertEqual(try stalePlanMaxima(c), 0)
            XCTAssertEqual(try ReadModelStore.maxReceivedAt(ofPlan: Int64(plan), in: c), "2022-06-21T02:00:00Z")
        }

        // Q3: the pair of task D completed before the window opened is not expected; task A's is.
        s.clock.set("2022-09-20T09:00:00+07:00")
        r = try admin.get("/api/v1/plans/\(plan)/compliance?period=2022-Q3")
        let excluded = (r.object["excluded_completed"] as? [[String: Any]])?.map { "\($0["task_id"] ?? "")/\($0["unit_id"] ?? "")" }
        XCTAssertEqual(excluded, ["\(d)/so-ke-hoach-dau-tu"], r.text)
        XCTAssertTrue(((r.object["missing_list"] as? [[String: Any]]) ?? []).contains { $0["task_id"] as? Int == a }, r.text)
    }

    func testPlanLatestArrivalFollowsRowsDeletedOrChangedByHand() throws {
        let s = try TestServer(now: "2022-06-20T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (plan, tasks) = try Plan83.create(s, admin: admin)
        XCTAssertEqual(try admin.post("/api/v1/reports", report(tasks[0], "so-lao-dong", "2022-Q2", "2022-06-20", progress: 30)).status, 201)
        s.clock.set("2022-06-22T09:00:00+07:00")
        XCTAssertEqual(try admin.post("/api/v1/reports", report(tasks[1], "so-y-te", "2022-Q2", "2022-06-22", progress: 10)).status, 201)
        s.clock.set("2022-06-24T09:00:00+07:00")
        let last = try admin.post("/api/v1/reports", report(tasks[3], "so-ke-hoach-dau-tu", "2022-Q2", "2022-06-24", progress: 50))
        XCTAssertEqual(last.status, 201)
        let pid = Int64(plan)
        func latest() throws -> String? { try s.store.read { try ReadModelStore.maxReceivedAt(ofPlan: pid, in: $0) } }
        XCTAssertEqual(try latest(), "2022-06-24T02:00:00Z")

        // The latest report deleted by hand (the sqlite3 shell): 0006 rebuilds its pair, the plan's value follows.
        try s.store.write { c in try c.run("DELETE FROM reports WHERE id = ?", [.integer(Int64(last.object["id"] as? Int ?? 0))]) }
        XCTAssertEqual(try latest(), "2022-06-22T02:00:00Z")
        // A report's arrival changed by hand.
        try s.store.write { c in
            try c.run("UPDATE reports SET received_at = '2022-06-23T01:00:00Z' WHERE task_id = ? AND unit_id = 'so-y-te'", [.integer(Int64(tasks[1]))])
        }
        XCTAssertEqual(try latest(), "2022-06-23T01:00:00Z")
        // A task deleted with its rows (ON DELETE CASCADE: no report trigger rebuilds anything).
        try s.store.write { c in try c.run("DELETE FROM tasks WHERE id = ?", [.integer(Int64(tasks[1]))]) }
        XCTAssertEqual(try latest(), "2022-06-20T02:00:00Z")
        try s.store.read { c in
            XCTAssertEqual(try stalePlanMaxima(c), 0)
            XCTAssertEqual(try differences("report_pairs", "report_pairs_computed", c), 0)
        }
    }

    /// A revision of a period received before its window opened cannot come through the API (rules 3
    /// and 5), but a row written by hand can: the first arrival carries no status, so the exemption still
    /// looks at what was reported before the window, not at the period's latest status.
    func testAnArrivalBeforeTheWindowIsJudgedByWhatWasReportedThen() throws {
        let s = try TestServer(now: "2022-07-20T09:00:00+07:00")
        defer { s.stop() }
        let (refServer, refPort) = try s.startReference()
        defer { refServer.shutdown() }
        let token = try s.token("test-admin-token", role: "admin")
        let admin = s.client(token), ref = TestClient(port: refPort, token: token)
        let (plan, tasks) = try Plan83.create(s, admin: admin)

        // Q3 opens 2022-07-01. Revision 1 "received" 2022-06-25 in progress; revision 2 on 07-10, completed.
        try s.store.write { c in
            for (rev, at, status, progress, completed) in [(1, "2022-06-25T02:00:00Z", "in_progress", 40.0, nil as String?),
                                                           (2, "2022-07-10T02:00:00Z", "completed", 100.0, "2022-07-10")] {
                try c.run("""
                    INSERT INTO reports (task_id, plan_id, unit_id, period, revision, report_date, status, progress, completed_on,
                                         received_at, created_at)
                    VALUES (?, ?, 'so-lao-dong', '2022-Q3', ?, substr(?, 1, 10), ?, ?, ?, ?, ?)
                    """, [.integer(Int64(tasks[0])), .integer(Int64(plan)), .integer(Int64(rev)), .text(at), .text(status),
                          .real(progress), completed.map { .text($0) } ?? .null, .text(at), .text(at)])
            }
        }
        let path = "/api/v1/plans/\(plan)/compliance?period=2022-Q3"
        let a = try admin.get(path), b = try ref.get(path)
        XCTAssertEqual(a.text, b.text)
        XCTAssertEqual((a.object["excluded_completed"] as? [[String: Any]])?.count, 0, a.text)
        XCTAssertEqual((a.object["totals"] as? [String: Any])?["on_time"] as? Int, 1, a.text)
    }

    /// The reads stay on the indexes 0014 made (a plan that fell back to probing every row would
    /// still answer right, only slower: this is the test that notices).
    func testComplianceReadsUseTheCoveringIndexes() throws {
        let s = try TestServer()
        defer { s.stop() }
        try s.store.read { c in
            func plan(_ sql: String) throws -> String {
                try c.query("EXPLAIN QUERY PLAN " + sql, [.integer(1), .text("2022-Q2")]).compactMap { $0.string("detail") }.joined(separator: "; ")
            }
            XCTAssertEqual(try plan(ReadModelStore.firstArrivalsQuery),
                           "SEARCH report_periods USING COVERING INDEX report_periods_by_plan_first (plan_id=? AND period=?)")
            XCTAssertEqual(try plan(ReadModelStore.completedPairsQuery),
                           "SEARCH report_pairs USING INDEX report_pairs_by_plan_completed (plan_id=? AND first_completed_at<?)")
        }
    }
}
