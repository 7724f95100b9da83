// Discrepancies found while using a running server as the finance office's
// script writer and as a district clerk; each test failed before its fix.

import Foundation
import XCTest

final class ReviewFixesTests: Plan83TestCase {
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

extension ReviewFixesTests {
    /// Rule 2 rejects reports for periods starting after the plan was closed, but
    /// compliance still expected them: the unit showed as missing (also on its
    /// scorecard) for a report it was forbidden to send.
    func testClosedPlanExpectsNothingForPeriodsAfterClosing() throws {
        let agg = s.client("tok-aggregator")
        let close = try agg.send("PATCH", "/api/v1/plans/\(plan)", json: ["status": "closed", "closed_on": "2022-06-09"])
        XCTAssertEqual(close.status, 200, close.text)
        s.clock.set("2022-10-05T09:00:00+07:00")
        let rejected = try s.client("tok-lao-dong").post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q3", "2022-10-01", progress: 10))
        assertProblem(rejected, 422, "period_after_plan_closed")

        let q3 = try agg.get("/api/v1/plans/\(plan)/compliance?period=2022-Q3")
        XCTAssertEqual(q3.status, 200, q3.text)
        XCTAssertEqual(q3.object["expects_reports"] as? Bool, false, q3.text)
        XCTAssertEqual(number(q3.object["expected"]), 0, q3.text)
        XCTAssertEqual(number(q3.object["missing"]), 0, q3.text)
        XCTAssertEqual((q3.object["missing_list"] as? [Any])?.count, 0, q3.text)

        // Q2 (started before closing) is still expected.
        let q2 = try agg.get("/api/v1/plans/\(plan)/compliance?period=2022-Q2")
        XCTAssertGreaterThan(number(q2.object["expected"]) ?? 0, 0, q2.text)
        // Default period of a closed plan: the last one before closing.
        XCTAssertEqual(try agg.get("/api/v1/plans/\(plan)/compliance").object["period"] as? String, "2022-Q2")

        let card = try agg.get("/api/v1/units/so-lao-dong/scorecard")
        XCTAssertEqual(card.status, 200, card.text)
        let periods = ((card.object["plans"] as? [[String: Any]])?.first?["periods"] as? [[String: Any]] ?? []).compactMap { $0["period"] as? String }
        XCTAssertEqual(periods, ["2022-Q2"], card.text)
        let counts = card.object["reports"] as? [String: Any] ?? [:]
        XCTAssertEqual(number(counts["missing"]), 1, card.text) // so-lao-dong leads A; Q2 only
    }
}

extension ReviewFixesTests {
    /// The aggregator could back-fill `received_at` to any past instant — 2021, before
    /// the plan existed and before the date printed on the report — and the report
    /// was stored as on time and counted in as_of views of a time it did not exist.
    func testBackfilledReceivedAtCannotPrecedeReportDate() throws {
        let agg = s.client("tok-aggregator")
        let before = try admin.get("/api/v1/reports?limit=1").object["total"] as? Int
        for at in ["2021-01-01T00:00:00Z", "2022-06-08T16:59:59Z"] { // 2022-06-08 23:59:59 local
            var body = report(A, "so-lao-dong", "2022-Q2", "2022-06-09", progress: 10)
            body["received_at"] = at
            assertProblem(try agg.post("/api/v1/reports", body), 422, "received_at_before_report_date", field: "received_at")
            let batch = try agg.post("/api/v1/reports/batch", ["reports": [body]])
            assertProblem(batch, 422, "received_at_before_report_date", field: "reports[0].received_at")
        }
        XCTAssertEqual(try admin.get("/api/v1/reports?limit=1").object["total"] as? Int, before)
        // The same local day as report_date is fine (handed in the day it was signed).
        var ok = report(A, "so-lao-dong", "2022-Q2", "2022-06-09", progress: 10)
        ok["received_at"] = "2022-06-08T17:00:00Z" // 2022-06-09 00:00 local
        let r = try agg.post("/api/v1/reports", ok)
        XCTAssertEqual(r.status, 201, r.text)
        XCTAssertEqual(r.object["on_time"] as? Bool, true)
    }
}

extension ReviewFixesTests {
    /// A clerk's form sending `"progress": "40"` got two errors for one mistake:
    /// invalid_type and "an in_progress report needs progress".
    func testProgressOfWrongTypeIsOneError() throws {
        var body = report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 0)
        body["progress"] = "40"
        let r = try s.client("tok-lao-dong").post("/api/v1/reports", body)
        XCTAssertEqual(r.status, 422, r.text)
        XCTAssertEqual(r.errorCodes, ["invalid_type"], r.text)
        XCTAssertEqual(r.errorFields, ["progress"], r.text)
        XCTAssertEqual(r.code, "invalid_type", r.text)
    }
}

extension ReviewFixesTests {
    /// SPEC §2 names `completed_late`; `GET /tasks?status=completed_late` was a 400.
    func testTasksFilterCompletedLate() throws {
        // D is due 2022-11-30; A is open-ended. Complete D late, A on time.
        s.clock.set("2022-12-20T09:00:00+07:00")
        let agg = s.client("tok-aggregator")
        let d = try agg.post("/api/v1/reports", report(D, "so-ke-hoach-dau-tu", "2022-Q4", "2022-12-20", status: "completed",
                                                        progress: 100, completedOn: "2022-12-10"))
        XCTAssertEqual(d.status, 201, d.text)
        let a = try s.client("tok-lao-dong").post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q4", "2022-12-20", status: "completed",
                                                                              progress: 100, completedOn: "2022-12-01"))
        XCTAssertEqual(a.status, 201, a.text)
        let late = try admin.get("/api/v1/tasks?plan_id=\(plan)&status=completed_late")
        XCTAssertEqual(late.status, 200, late.text)
        XCTAssertEqual(late.items.compactMap { $0["id"] as? Int }, [D], late.text)
        XCTAssertEqual(late.items.first?["status"] as? String, "completed")
        XCTAssertEqual(late.items.first?["completed_late"] as? Bool, true)
        let all = try admin.get("/api/v1/tasks?plan_id=\(plan)&status=completed")
        XCTAssertEqual(Set(all.items.compactMap { $0["id"] as? Int }), [A, D], all.text)
        let bad = try admin.get("/api/v1/tasks?status=late")
        assertProblem(bad, 400, "invalid_query", field: "status")
    }
}

extension ReviewFixesTests {
    /// "The same key with the same body replays the first response": the replay
    /// lacked the first answer's Location header.
    func testIdempotentReplayKeepsLocation() throws {
        let c = s.client("tok-lao-dong")
        let body = report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 40)
        let first = try c.post("/api/v1/reports", body, headers: [("Idempotency-Key", "3f1c-location")])
        XCTAssertEqual(first.status, 201, first.text)
        let location = first.header("Location")
        XCTAssertNotNil(location)
        let again = try c.post("/api/v1/reports", body, headers: [("Idempotency-Key", "3f1c-location")])
        XCTAssertEqual(again.status, 201, again.text)
        XCTAssertEqual(again.header("Idempotent-Replayed"), "true")
        XCTAssertEqual(again.header("Location"), location)
        XCTAssertEqual(again.text, first.text)
    }
}

extension ReviewFixesTests {
    /// Compliance for a period whose window had not opened as of the day asked
    /// listed every lead pair as missing, though rule 3 rejects every report for it.
    func testComplianceBeforeTheWindowOpensExpectsNothing() throws {
        let future = try admin.get("/api/v1/plans/\(plan)/compliance?period=2030-Q1")
        XCTAssertEqual(future.status, 200, future.text)
        XCTAssertEqual(number(future.object["expected"]), 0, future.text)
        XCTAssertEqual(number(future.object["missing"]), 0, future.text)
        XCTAssertEqual(future.object["expects_reports"] as? Bool, false, future.text)
        // History: Q3 as of 2022-06-10 (window opens 07-01) expects nothing yet ...
        let early = try admin.get("/api/v1/plans/\(plan)/compliance?period=2022-Q3&as_of=2022-06-10")
        XCTAssertEqual(number(early.object["missing"]), 0, early.text)
        // ... and once open, the pairs not yet in are pending until the due day passes (issue 14).
        s.clock.set("2022-07-02T09:00:00+07:00")
        let open = try admin.get("/api/v1/plans/\(plan)/compliance?period=2022-Q3")
        XCTAssertEqual(open.object["expects_reports"] as? Bool, true, open.text)
        XCTAssertEqual(number(open.object["missing"]), 0, open.text)
        XCTAssertGreaterThan(number(open.object["pending"]) ?? 0, 0, open.text)
        let after = try admin.get("/api/v1/plans/\(plan)/compliance?period=2022-Q3&as_of=2022-09-16")
        XCTAssertGreaterThan(number(after.object["missing"]) ?? 0, 0, after.text)
    }
}

extension ReviewFixesTests {
    /// An "extension" to a date before the current deadline was accepted and made
    /// the task overdue retroactively.
    func testExtensionMustMoveTheDeadlineLater() throws {
        let agg = s.client("tok-aggregator")
        // D: "chậm nhất ngày 30/11/2022".
        let earlier = try agg.post("/api/v1/tasks/\(D)/extensions", ["deadline": "Tháng 5/2022", "reason": "Gõ nhầm"])
        assertProblem(earlier, 422, "extension_not_later", field: "deadline")
        XCTAssertEqual(try admin.get("/api/v1/tasks/\(D)").object["status"] as? String, "not_started")
        let later = try agg.post("/api/v1/tasks/\(D)/extensions", ["deadline": "Quý I/2023", "reason": "Chờ vốn"])
        XCTAssertEqual(later.status, 201, later.text)
        // Against the current (extended) deadline now.
        assertProblem(try agg.post("/api/v1/tasks/\(D)/extensions", ["deadline": "Tháng 12/2022", "reason": "x"]),
                      422, "extension_not_later")
        let t = try admin.get("/api/v1/tasks/\(D)")
        XCTAssertEqual(t.object["due_on"] as? String, "2023-03-31", t.text)
        XCTAssertEqual(t.object["original_due_on"] as? String, "2022-11-30", t.text)
    }
}

extension ReviewFixesTests {
    /// Every other field treats explicit null as absent; `"received_at": null` from a
    /// clerk's form (which sends every key) was a 403 received_at_not_allowed.
    func testNullReceivedAtIsAbsentForAReporter() throws {
        var body = report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10)
        body["received_at"] = NSNull()
        body["completed_on"] = NSNull()
        body["indicator_value"] = NSNull()
        let r = try s.client("tok-lao-dong").post("/api/v1/reports", body)
        XCTAssertEqual(r.status, 201, r.text)
        XCTAssertEqual(r.object["received_at"] as? String, "2022-06-10T02:00:00Z")
        // A real value is still refused.
        body["received_at"] = "2022-06-09T02:00:00Z"
        assertProblem(try s.client("tok-lao-dong").post("/api/v1/reports", body), 403, "received_at_not_allowed", field: "received_at")
    }
}

extension ReviewFixesTests {
    /// Clerks say "UBND Hoằng Hóa" (skipping "huyện"); q matched only a contiguous
    /// substring, so it found nothing.
    func testUnitSearchMatchesEveryWord() throws {
        func ids(_ q: String) throws -> [String] {
            let r = try admin.get("/api/v1/units?q=\(q)")
            XCTAssertEqual(r.status, 200, r.text)
            return r.items.compactMap { $0["id"] as? String }
        }
        XCTAssertEqual(try ids("UBND%20Ho%E1%BA%B1ng%20H%C3%B3a"), ["huyen-hoang-hoa"])
        XCTAssertEqual(try ids("ubnd+hoang+hoa"), ["huyen-hoang-hoa"])
        XCTAssertEqual(try ids("hoang%20hoa"), ["huyen-hoang-hoa"])
        XCTAssertEqual(try ids("Ho%C3%A1"), try ids("H%C3%B3a")) // Hoá = Hóa
        XCTAssertEqual(try ids("hoang-hoa"), ["huyen-hoang-hoa"]) // id still matches
        XCTAssertEqual(try ids("thanh%20hoa&kind=district"), ["thanh-pho-thanh-hoa"])
        XCTAssertEqual(try ids("hoang%20xyz"), [])
        XCTAssertEqual(try ids("%25"), [])   // a literal %, not a wildcard
        XCTAssertEqual(try ids("_"), [])
    }
}

extension ReviewFixesTests {
    /// SPEC §4's table (base /api/v1) lists GET /health and GET /ready; only the bare
    /// paths answered, /api/v1/health was a 404.
    func testHealthAndReadyUnderTheAPIBase() throws {
        let anon = s.client()
        for path in ["/health", "/ready", "/api/v1/health", "/api/v1/ready"] {
            let r = try anon.get(path)
            XCTAssertEqual(r.status, 200, "\(path): \(r.text)")
            XCTAssertNotNil(r.object["status"] as? String, path)
        }
    }
}

extension ReviewFixesTests {
    /// Correcting an earlier quarter's report (a new revision of 2022-Q2, sent after
    /// the 2022-Q3 report said completed) un-completed the task: "latest" was the
    /// last received revision of any period instead of the latest period's latest
    /// revision.
    func testCorrectingAnEarlierPeriodDoesNotUndoTheLatestPeriod() throws {
        let c = s.client("tok-lao-dong")
        XCTAssertEqual(try c.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 40)).status, 201)
        s.clock.set("2022-07-05T09:00:00+07:00")
        let done = try c.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q3", "2022-07-05", status: "completed",
                                                         progress: 100, completedOn: "2022-07-01"))
        XCTAssertEqual(done.status, 201, done.text)
        XCTAssertEqual(try admin.get("/api/v1/tasks/\(A)").object["status"] as? String, "completed")
        // The Q2 paper copy said 45, not 40: the clerk corrects Q2.
        s.clock.set("2022-07-06T09:00:00+07:00")
        let fix = try c.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 45))
        XCTAssertEqual(fix.status, 201, fix.text)
        XCTAssertEqual(number(fix.object["revision"]), 2)

        let t = try admin.get("/api/v1/tasks/\(A)")
        XCTAssertEqual(t.object["status"] as? String, "completed", t.text)
        XCTAssertEqual(number(t.object["progress"]), 100, t.text)
        let latest = (t.object["latest_reports"] as? [[String: Any]])?.first?["report"] as? [String: Any]
        XCTAssertEqual(latest?["period"] as? String, "2022-Q3", t.text)
        let summary = try admin.get("/api/v1/plans/\(plan)/summary")
        XCTAssertEqual(number((summary.object["by_status"] as? [String: Any])?["completed"]), 1, summary.text)
        // Rule 7's baseline for Q4 is Q3's 100, not the later-received Q2 correction.
        s.clock.set("2022-10-05T09:00:00+07:00")
        let lower = try c.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q4", "2022-10-05", progress: 60))
        assertProblem(lower, 422, "progress_decreased_without_obstacles")
    }
}

extension ReviewFixesTests {
    /// SPEC §4: GET /tasks (not only GET /tasks/{id}) gives the latest report per
    /// assignee; the list had no latest_reports, so a script needed one call per task.
    func testTaskListCarriesLatestReportPerAssignee() throws {
        let r = try s.client("tok-lao-dong").post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 40))
        XCTAssertEqual(r.status, 201, r.text)
        let list = try admin.get("/api/v1/tasks?plan_id=\(plan)")
        XCTAssertEqual(list.status, 200, list.text)
        let a = list.items.first { $0["id"] as? Int == A }
        let rows = a?["latest_reports"] as? [[String: Any]] ?? []
        let lead = rows.first { $0["unit_id"] as? String == "so-lao-dong" }
        XCTAssertEqual(lead?["role"] as? String, "lead", list.text)
        XCTAssertEqual(number((lead?["report"] as? [String: Any])?["progress"]), 40, list.text)
        XCTAssertTrue(rows.contains { $0["unit_id"] as? String == "huyen-hoang-hoa" && $0["role"] as? String == "coordinating" })
        // CSV keeps its columns.
        let csv = try admin.get("/api/v1/tasks?plan_id=\(plan)&format=csv")
        XCTAssertEqual(csv.status, 200)
        XCTAssertFalse(csv.text.contains("latest_reports"))
    }
}

extension ReviewFixesTests {
    /// "Lists page with limit/offset and say how to get the next page": the
    /// revisions list ignored limit/offset and had no next.
    func testRevisionsListPages() throws {
        let c = s.client("tok-lao-dong")
        var first = 0
        for p in [10.0, 20, 30] {
            let r = try c.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: p))
            XCTAssertEqual(r.status, 201, r.text)
            if first == 0 { first = r.object["id"] as? Int ?? 0 }
        }
        let page1 = try admin.get("/api/v1/reports/\(first)/revisions?limit=2")
        XCTAssertEqual(page1.status, 200, page1.text)
        XCTAssertEqual(page1.items.compactMap { number($0["revision"]) }, [1, 2], page1.text)
        XCTAssertEqual(number(page1.object["total"]), 3)
        let next = try XCTUnwrap(page1.object["next"] as? String, page1.text)
        XCTAssertEqual(page1.header("X-Total-Count"), "3")
        let page2 = try admin.get(next)
        XCTAssertEqual(page2.items.compactMap { number($0["revision"]) }, [3], page2.text)
        XCTAssertTrue(page2.object["next"] is NSNull, page2.text)
        // Without paging parameters: every revision, as before.
        XCTAssertEqual(try admin.get("/api/v1/reports/\(first)/revisions").items.count, 3)
        let csv = try admin.get("/api/v1/reports/\(first)/revisions?format=csv")
        XCTAssertEqual(Array(csv.body.prefix(3)), [0xEF, 0xBB, 0xBF])
    }
}

extension ReviewFixesTests {
    /// POST /deadlines/parse's 422 detail listed the accepted forms twice.
    func testUnparseableDeadlineNamesTheFormsOnce() throws {
        let r = try admin.post("/api/v1/deadlines/parse", ["phrase": "khi nào xong thì báo"])
        assertProblem(r, 422, "deadline_unparseable", field: "phrase")
        let detail = r.object["detail"] as? String ?? ""
        XCTAssertEqual(detail.components(separatedBy: "Accepted forms:").count - 1, 1, detail)
        XCTAssertTrue(detail.contains("trước ngày 15/8/2024"), detail)
    }
}
