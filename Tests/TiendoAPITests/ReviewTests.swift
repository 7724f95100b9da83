// Review (accept / return) and partial revisions, issue 14, through a real
// socket: plan 83's task A (lead so-lao-dong), 2022-Q2 due 2022-06-15.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoStore

final class ReviewTests: Plan83TestCase {
    var agg: TestClient { s.client("tok-aggregator") }
    var laoDong: TestClient { s.client("tok-lao-dong") }

    func postA(_ progress: Double = 40) throws -> Int {
        let r = try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: progress))
        XCTAssertEqual(r.status, 201, r.text)
        return r.object["id"] as? Int ?? 0
    }

    func compliance() throws -> [String: Any] {
        let r = try agg.get("/api/v1/plans/\(plan)/compliance?period=2022-Q2")
        XCTAssertEqual(r.status, 200, r.text)
        return r.object
    }

    func isReturned() throws -> Bool {
        try s.store.read { try ReviewStore.isReturned(taskID: Int64(A), unitID: "so-lao-dong", period: "2022-Q2", in: $0) }
    }

    func testReturnShowsUntilTheUnitRevisesAndKeepsFirstReceipt() throws {
        let id = try postA()
        XCTAssertFalse(try isReturned())
        XCTAssertEqual(number(try compliance()["awaiting_review"]), 1)

        let back = try agg.post("/api/v1/reports/\(id)/review", ["decision": "returned", "comment": "Thiếu số liệu giải ngân quý II"])
        XCTAssertEqual(back.status, 201, back.text)
        XCTAssertEqual((back.object["review"] as? [String: Any])?["decision"] as? String, "returned")
        XCTAssertTrue(try isReturned())

        var c = try compliance()
        XCTAssertEqual(number(c["returned"]), 1, "\(c)")
        XCTAssertEqual(number(c["on_time"]), 1, "\(c)")
        let unit = (c["per_unit"] as? [[String: Any]] ?? []).first { $0["unit_id"] as? String == "so-lao-dong" }
        XCTAssertEqual(number(unit?["returned"]), 1, "\(c)")
        let returnedList = c["returned_list"] as? [[String: Any]] ?? []
        XCTAssertEqual(returnedList.map { $0["task_id"] as? Int }, [A])
        XCTAssertEqual(returnedList.first?["returned"] as? Bool, true)

        // Revised after the due day: the return clears, the unit stays on time.
        s.clock.set("2022-06-20T09:00:00+07:00")
        let fixed = try laoDong.post("/api/v1/reports/\(id)/revisions", ["progress": 45, "result": "Đã bổ sung số liệu"])
        XCTAssertEqual(fixed.status, 201, fixed.text)
        XCTAssertEqual(number(fixed.object["revision"]), 2)
        XCTAssertEqual(fixed.object["report_date"] as? String, "2022-06-10", "unchanged fields come from the latest revision")
        XCTAssertFalse(try isReturned())
        c = try compliance()
        XCTAssertEqual(number(c["returned"]), 0, "\(c)")
        XCTAssertEqual(number(c["on_time"]), 1, "\(c)")
        XCTAssertEqual(number(c["late"]), 0, "\(c)")

        // As of the day of the return, it still shows returned.
        let then = try agg.get("/api/v1/plans/\(plan)/compliance?period=2022-Q2&as_of=2022-06-10")
        XCTAssertEqual(number(then.object["returned"]), 1, then.text)

        // History: the review, with who and when, on revision 1; revision 2 awaits review.
        let history = try agg.get("/api/v1/reports/\(id)/revisions")
        XCTAssertEqual(history.status, 200, history.text)
        XCTAssertEqual(history.items.map { $0["review_status"] as? String }, ["returned", "awaiting_review"])
        let review = (history.items.first?["reviews"] as? [[String: Any]])?.first
        XCTAssertEqual(review?["comment"] as? String, "Thiếu số liệu giải ngân quý II")
        XCTAssertEqual(review?["reviewed_at"] as? String, "2022-06-10T02:00:00Z")
        XCTAssertEqual((review?["reviewer"] as? [String: Any])?["unit_id"] as? String, "so-ke-hoach-dau-tu")
        let one = try agg.get("/api/v1/reports/\(id)")
        XCTAssertEqual(one.object["review_status"] as? String, "returned", one.text)
    }

    func testOnlyThePlansAggregatorReviewsTheLatestRevision() throws {
        let id = try postA()
        assertProblem(try laoDong.post("/api/v1/reports/\(id)/review", ["decision": "accepted"]), 403, "role_forbidden")
        try s.token("tok-other-agg", role: "aggregator", unit: "so-y-te")
        assertProblem(try s.client("tok-other-agg").post("/api/v1/reports/\(id)/review", ["decision": "accepted"]), 403, "not_plan_aggregator")
        assertProblem(try agg.post("/api/v1/reports/\(id)/review", ["decision": "returned"]), 422, "review_comment_required", field: "comment")
        let bad = try agg.post("/api/v1/reports/\(id)/review", ["decision": "maybe", "extra": 1])
        assertProblem(bad, 422, "invalid_value", field: "decision")
        XCTAssertTrue(bad.errorCodes.contains("unknown_field"), bad.text)
        assertProblem(try agg.post("/api/v1/reports/999999/review", ["decision": "accepted"]), 404, "not_found")
        XCTAssertEqual(try s.store.read { try $0.scalar("SELECT count(*) FROM report_reviews").int64Value }, 0, "a refused review stores nothing")

        let second = try laoDong.post("/api/v1/reports/\(id)/revisions", ["progress": 50])
        XCTAssertEqual(second.status, 201, second.text)
        assertProblem(try agg.post("/api/v1/reports/\(id)/review", ["decision": "accepted"]), 409, "report_not_latest")
        let ok = try admin.post("/api/v1/reports/\(second.object["id"] as? Int ?? 0)/review", ["decision": "accepted", "comment": "Đạt"])
        XCTAssertEqual(ok.status, 201, ok.text)
    }

    func testSummaryCountsReportsAwaitingReview() throws {
        let a = try postA()
        let y = try s.client("tok-y-te").post("/api/v1/reports", report(B, "so-y-te", "2022-Q2", "2022-06-09", progress: 30))
        XCTAssertEqual(y.status, 201, y.text)
        var sum = try agg.get("/api/v1/plans/\(plan)/summary")
        XCTAssertEqual(number(sum.object["awaiting_review"]), 2, sum.text)
        XCTAssertEqual(try agg.post("/api/v1/reports/\(a)/review", ["decision": "accepted"]).status, 201)
        sum = try agg.get("/api/v1/plans/\(plan)/summary")
        XCTAssertEqual(number(sum.object["awaiting_review"]), 1, sum.text)
        XCTAssertEqual(number((sum.object["reviews"] as? [String: Any])?["accepted"]), 1, sum.text)
    }

    func testPartialRevisionValidatesLikeAReport() throws {
        let id = try postA()
        let r = try laoDong.post("/api/v1/reports/\(id)/revisions", ["progress": 150, "period": "2022-Q3", "colour": "x"])
        XCTAssertEqual(r.status, 422, r.text)
        XCTAssertEqual(Set(r.errorCodes), ["field_not_revisable", "unknown_field", "progress_out_of_range"], "all at once: \(r.text)")
        assertProblem(try laoDong.post("/api/v1/reports/\(id)/revisions", ["progress": 150]), 422, "progress_out_of_range")
        assertProblem(try laoDong.post("/api/v1/reports/\(id)/revisions", ["status": "completed"]), 422, "completed_without_date")
        assertProblem(try laoDong.post("/api/v1/reports/\(id)/revisions", ["task_id": A]), 422, "revision_empty")
        assertProblem(try s.client("tok-y-te").post("/api/v1/reports/\(id)/revisions", ["progress": 60]), 403, "token_unit_mismatch")
        XCTAssertEqual(try s.store.read { try ReportStore.count(in: $0) }, 1, "refused corrections store nothing")

        let done = try laoDong.post("/api/v1/reports/\(id)/revisions", ["status": "completed", "progress": 100, "completed_on": "2022-06-09"])
        XCTAssertEqual(done.status, 201, done.text)
        XCTAssertEqual(done.object["completed_on"] as? String, "2022-06-09")
        // Back to in progress: the completion day goes with it.
        let reopened = try laoDong.post("/api/v1/reports/\(id)/revisions", ["status": "in_progress", "progress": 100])
        XCTAssertEqual(reopened.status, 201, reopened.text)
        XCTAssertTrue(reopened.object["completed_on"] is NSNull, reopened.text)
    }

    func testPartialRevisionHonoursIdempotencyKey() throws {
        let id = try postA()
        let key = [("Idempotency-Key", "sua-bao-cao-1")]
        let first = try laoDong.post("/api/v1/reports/\(id)/revisions", ["progress": 55], headers: key)
        XCTAssertEqual(first.status, 201, first.text)
        let again = try laoDong.post("/api/v1/reports/\(id)/revisions", ["progress": 55], headers: key)
        XCTAssertEqual(again.status, 201, again.text)
        XCTAssertEqual(again.header("Idempotent-Replayed"), "true")
        XCTAssertEqual(again.object["id"] as? Int, first.object["id"] as? Int)
        XCTAssertEqual(again.header("Location"), first.header("Location"))
        assertProblem(try laoDong.post("/api/v1/reports/\(id)/revisions", ["progress": 56], headers: key), 422, "idempotency_key_reused")
        XCTAssertEqual(try s.store.read { try ReportStore.count(in: $0) }, 2)
    }

    func testAReturnInALockedPeriodIsRefused() throws {
        let id = try postA()
        XCTAssertEqual(try agg.send("PUT", "/api/v1/plans/\(plan)/periods/2022-Q2/lock", json: [:]).status, 200)
        assertProblem(try agg.post("/api/v1/reports/\(id)/review", ["decision": "returned", "comment": "Thiếu số liệu"]), 409, "period_locked")
        XCTAssertFalse(try isReturned())
        XCTAssertEqual(try agg.post("/api/v1/reports/\(id)/review", ["decision": "accepted"]).status, 201, "accepting needs no correction")
    }
}
