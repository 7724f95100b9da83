// Every SPEC §3 rule answered with its status and code; idempotency; batches.

import Foundation
import XCTest

final class ReportRulesTests: Plan83TestCase {
    var laoDong: TestClient { s.client("tok-lao-dong") }

    func reject(_ body: [String: Any], _ status: Int, _ code: String, field: String? = nil, client: TestClient? = nil,
                line: UInt = #line) throws {
        assertProblem(try (client ?? laoDong).post("/api/v1/reports", body), status, code, field: field, line: line)
    }

    func ok(_ body: [String: Any], client: TestClient? = nil, line: UInt = #line) throws -> TestResponse {
        let r = try (client ?? laoDong).post("/api/v1/reports", body)
        XCTAssertEqual(r.status, 201, r.text, line: line)
        return r
    }

    func reportCount() throws -> Int { try admin.get("/api/v1/reports?limit=1").object["total"] as? Int ?? -1 }

    func testRule1PeriodMalformedOrOfAnotherFrequency() throws {
        try reject(report(A, "so-lao-dong", "2022-Q5", "2022-06-10", progress: 10), 422, "period_malformed", field: "period")
        try reject(report(A, "so-lao-dong", "2022-M06", "2022-06-10", progress: 10), 422, "period_wrong_frequency", field: "period")
    }

    func testRule2PeriodBeforePlanOrAfterClosing() throws {
        try reject(report(A, "so-lao-dong", "2021-Q4", "2022-06-10", progress: 10), 422, "period_before_plan")
        let close = try s.client("tok-aggregator").send("PATCH", "/api/v1/plans/\(plan)", json: ["status": "closed", "closed_on": "2022-06-09"])
        XCTAssertEqual(close.status, 200, close.text)
        s.clock.set("2022-07-05T09:00:00+07:00")
        try reject(report(A, "so-lao-dong", "2022-Q3", "2022-07-05", progress: 10), 422, "period_after_plan_closed")
        _ = try ok(report(A, "so-lao-dong", "2022-Q2", "2022-07-05", progress: 10))
    }

    func testRule3WindowNotOpenYet() throws {
        try reject(report(A, "so-lao-dong", "2022-Q3", "2022-06-10", progress: 10), 422, "period_not_open")
    }

    func testRule4LockedPeriodIs409AndUnlockReopens() throws {
        let agg = s.client("tok-aggregator")
        let lock = try agg.request("PUT", "/api/v1/plans/\(plan)/periods/2022-Q2/lock")
        XCTAssertEqual(lock.status, 200, lock.text)
        XCTAssertEqual(lock.object["locked"] as? Bool, true)
        try reject(report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10), 409, "period_locked")
        let periods = try agg.get("/api/v1/plans/\(plan)/periods")
        XCTAssertEqual(periods.items.first { $0["period"] as? String == "2022-Q2" }?["locked"] as? Bool, true)
        XCTAssertEqual(try laoDong.request("PUT", "/api/v1/plans/\(plan)/periods/2022-Q2/lock").status, 403)
        XCTAssertEqual(try agg.request("DELETE", "/api/v1/plans/\(plan)/periods/2022-Q2/lock").status, 200)
        _ = try ok(report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10))
    }

    func testRule5ReportDate() throws {
        try reject(report(A, "so-lao-dong", "2022-Q2", "2022-06-11", progress: 10), 422, "report_date_in_future", field: "report_date")
        try reject(report(A, "so-lao-dong", "2022-Q2", "2022-03-20", progress: 10), 422, "report_date_before_plan")
        try reject(report(A, "so-lao-dong", "2022-Q2", "2022-03-30", progress: 10), 422, "report_date_before_period")
        try reject(report(A, "so-lao-dong", "2022-Q2", "10/06/2022", progress: 10), 422, "report_date_malformed")
    }

    func testRule6Completion() throws {
        try reject(report(A, "so-lao-dong", "2022-Q2", "2022-06-10", status: "completed", progress: 100), 422, "completed_without_date")
        try reject(report(A, "so-lao-dong", "2022-Q2", "2022-06-10", status: "completed", progress: 100, completedOn: "2022-06-11"),
                   422, "completed_on_after_report_date")
        try reject(report(A, "so-lao-dong", "2022-Q2", "2022-06-10", status: "completed", progress: 100, completedOn: "2022-03-01"),
                   422, "completed_on_before_plan")
        try reject(report(A, "so-lao-dong", "2022-Q2", "2022-06-10", status: "completed", progress: 90, completedOn: "2022-06-01"),
                   422, "completed_progress_not_100")
    }

    func testRule7Progress() throws {
        try reject(report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 150), 422, "progress_out_of_range", field: "progress")
        try reject(report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: -1), 422, "progress_out_of_range")
        _ = try ok(report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 60))
        s.clock.set("2022-09-10T09:00:00+07:00")
        try reject(report(A, "so-lao-dong", "2022-Q3", "2022-09-10", progress: 40), 422, "progress_decreased_without_obstacles")
        _ = try ok(report(A, "so-lao-dong", "2022-Q3", "2022-09-10", progress: 40,
                          extra: ["obstacles": "Nguồn vốn Chương trình MTQG chậm được phân bổ"]))
    }

    func testRule8WhoMayReport() throws {
        // Not an assignee of task D.
        try reject(report(D, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10), 403, "unit_not_assignee")
        // Another unit's report.
        try reject(report(B, "so-y-te", "2022-Q2", "2022-06-10", progress: 10), 403, "token_unit_mismatch")
        // A reporter never sets received_at.
        try reject(report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10, extra: ["received_at": "2022-06-01T08:00:00+07:00"]),
                   403, "received_at_not_allowed")
        // The aggregator back-fills a paper report for Sở Y tế.
        let r = try ok(report(B, "so-y-te", "2022-Q2", "2022-06-01", progress: 10, extra: ["received_at": "2022-06-02T08:00:00+07:00"]),
                       client: s.client("tok-aggregator"))
        XCTAssertEqual(r.object["received_at"] as? String, "2022-06-02T01:00:00Z")
        // A coordinating unit may report.
        _ = try ok(report(A, "huyen-hoang-hoa", "2022-Q2", "2022-06-10", progress: 5), client: s.client("tok-hoang-hoa"))
    }

    func testAllViolationsAtOnce() throws {
        let r = try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q9", "2022-07-01", status: "done", progress: 101))
        XCTAssertEqual(r.status, 422, r.text)
        XCTAssertEqual(r.code, "validation_failed")
        for code in ["period_malformed", "report_date_in_future", "status_invalid", "progress_out_of_range"] {
            XCTAssertTrue(r.errorCodes.contains(code), "\(code) missing from \(r.text)")
        }
        XCTAssertEqual(try reportCount(), 0)
    }

    func testIdempotentReplayAndKeyReuse() throws {
        let body = report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 30)
        let first = try laoDong.post("/api/v1/reports", body, headers: [("Idempotency-Key", "3f1c-83-q2")])
        XCTAssertEqual(first.status, 201, first.text)
        XCTAssertNil(first.header("Idempotent-Replayed"))
        // The same JSON with keys in another order and other spacing is the same body.
        let reordered = Array(try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .prettyPrinted]))
        let replay = try laoDong.request("POST", "/api/v1/reports", body: reordered, headers: [("Idempotency-Key", "3f1c-83-q2")])
        XCTAssertEqual(replay.status, 201, replay.text)
        XCTAssertEqual(replay.header("Idempotent-Replayed"), "true")
        XCTAssertEqual(replay.body, first.body)
        XCTAssertEqual(try reportCount(), 1)
        // Send the very same bytes twice.
        let bytes = Array(try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))
        let k = [("Idempotency-Key", "key-same-bytes")]
        let one = try laoDong.request("POST", "/api/v1/reports", body: bytes, headers: k)
        let two = try laoDong.request("POST", "/api/v1/reports", body: bytes, headers: k)
        XCTAssertEqual(one.status, 201, one.text)
        XCTAssertEqual(two.status, 201, two.text)
        XCTAssertEqual(two.header("Idempotent-Replayed"), "true")
        XCTAssertEqual(one.body, two.body)
        let countAfterReplay = try reportCount()
        // Same key, different body.
        var changed = body; changed["progress"] = 35
        let reuse = try laoDong.request("POST", "/api/v1/reports", body: Array(try JSONSerialization.data(withJSONObject: changed)), headers: k)
        XCTAssertEqual(reuse.status, 422, reuse.text)
        XCTAssertEqual(reuse.code, "idempotency_key_reused")
        XCTAssertEqual(try reportCount(), countAfterReplay)
        // Revisions: the replay made none.
        let revs = try admin.get("/api/v1/reports/\(one.object["id"] as? Int ?? 0)/revisions")
        XCTAssertEqual(revs.items.count, countAfterReplay)
    }

    func testBatchIsAllOrNothing() throws {
        let good1 = report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 30)
        let bad = report(A, "so-lao-dong", "2022-Q7", "2022-06-10", progress: 30)
        let good2 = report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 35)
        let r = try laoDong.post("/api/v1/reports/batch", ["reports": [good1, bad, good2]])
        XCTAssertEqual(r.status, 422, r.text)
        XCTAssertTrue(r.errorFields.contains("reports[1].period"), r.text)
        XCTAssertFalse(r.errorFields.contains { $0.hasPrefix("reports[0]") || $0.hasPrefix("reports[2]") }, r.text)
        XCTAssertEqual(try reportCount(), 0)

        let okBatch = try laoDong.post("/api/v1/reports/batch", ["reports": [good1, good2]])
        XCTAssertEqual(okBatch.status, 201, okBatch.text)
        XCTAssertEqual(okBatch.object["count"] as? Int, 2)
        let revisions = (okBatch.object["reports"] as? [[String: Any]] ?? []).map { $0["revision"] as? Int }
        XCTAssertEqual(revisions, [1, 2])
        XCTAssertEqual(try reportCount(), 2)

        // A 403 item makes the whole batch 403, still nothing stored.
        let mixed = try laoDong.post("/api/v1/reports/batch", ["reports": [good1, report(B, "so-y-te", "2022-Q2", "2022-06-10", progress: 1)]])
        XCTAssertEqual(mixed.status, 403, mixed.text)
        XCTAssertEqual(try reportCount(), 2)
    }

    func testReportsListAndCSV() throws {
        _ = try ok(report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 30,
                          extra: ["result": "Đã ban hành Kế hoạch số 12/KH-UBND, \"giai đoạn 1\"\nhoàn thành"]))
        let csv = try admin.get("/api/v1/reports?plan_id=\(plan)&format=csv")
        XCTAssertEqual(csv.status, 200)
        XCTAssertEqual(Array(csv.body.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(csv.header("Content-Type")?.hasPrefix("text/csv"), true)
        let text = String(decoding: csv.body.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("id,task_id,plan_id,unit_id,period,revision,report_date,status,progress,completed_on,result,obstacles,proposals,indicator_value,received_at,due_on,on_time,days_late,unchanged\r\n"), text)
        XCTAssertTrue(text.contains("\"Đã ban hành Kế hoạch số 12/KH-UBND, \"\"giai đoạn 1\"\"\nhoàn thành\""), text)

        let viaAccept = try admin.get("/api/v1/plans/\(plan)/compliance?period=2022-Q2&as_of=2022-06-30", headers: [("Accept", "text/csv")])
        XCTAssertEqual(Array(viaAccept.body.prefix(3)), [0xEF, 0xBB, 0xBF])
        let header = String(decoding: viaAccept.body.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")[0]
        XCTAssertEqual(header, "unit_id,name,expected,on_time,late,missing,pending,coordinating_reported,coordinating_on_time,coordinating_late")

        let summary = try admin.get("/api/v1/plans/\(plan)/summary?format=csv")
        XCTAssertEqual(Array(summary.body.prefix(3)), [0xEF, 0xBB, 0xBF])
    }
}
