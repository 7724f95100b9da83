// "status": "unchanged" over HTTP: no progress or text needed, the previous report is
// carried forward, and it counts as received.

import Foundation
import XCTest

final class UnchangedReportHTTPTests: CycleTestCase {
    func testUnchangedCarriesForwardAndCountsAsReceived() throws {
        let hh = s.client("tok-hoang-hoa")
        today("2025-03-10")
        XCTAssertEqual(try hh.post("/api/v1/reports", report(tasks[0], "huyen-hoang-hoa", "2025-Q1", "2025-03-10", progress: 45)).status, 201)

        today("2025-06-12")
        let r = try hh.post("/api/v1/reports", ["task_id": tasks[0], "unit_id": "huyen-hoang-hoa", "period": "2025-Q2",
                                                "report_date": "2025-06-12", "status": "unchanged"])
        XCTAssertEqual(r.status, 201, r.text)
        XCTAssertEqual(r.object["status"] as? String, "in_progress")
        XCTAssertEqual(number(r.object["progress"]), 45)
        XCTAssertEqual(r.object["unchanged"] as? Bool, true)
        XCTAssertEqual(r.object["on_time"] as? Bool, true)
        XCTAssertEqual(r.object["result"] as? NSNull, NSNull())
        let id = r.object["id"] as? Int ?? 0
        XCTAssertEqual(try admin.get("/api/v1/reports/\(id)").object["unchanged"] as? Bool, true)

        let c = try admin.get("/api/v1/plans/\(plan)/compliance?period=2025-Q2&as_of=2025-06-20")
        let hhRow = (c.object["per_unit"] as? [[String: Any]] ?? []).first { $0["unit_id"] as? String == "huyen-hoang-hoa" }
        XCTAssertEqual(hhRow?["on_time"] as? Int, 1, c.text)
        XCTAssertEqual(hhRow?["missing"] as? Int, 0, c.text)
        let task = try admin.get("/api/v1/tasks/\(tasks[0])?as_of=2025-06-20")
        XCTAssertEqual(number(task.object["progress"]), 22.5, "mean of 45 (carried) and 0 (Sở Y tế has not reported)")

        // Nothing to carry: Sở Y tế never reported; and progress cannot ride along.
        let none = try s.client("tok-y-te").post("/api/v1/reports", ["task_id": tasks[1], "unit_id": "so-y-te", "period": "2025-Q2",
                                                                    "report_date": "2025-06-12", "status": "unchanged"])
        assertProblem(none, 422, "unchanged_without_previous", field: "status")
        let both = try hh.post("/api/v1/reports", ["task_id": tasks[0], "unit_id": "huyen-hoang-hoa", "period": "2025-Q2",
                                                   "report_date": "2025-06-12", "status": "unchanged", "progress": 50])
        assertProblem(both, 422, "unchanged_with_progress", field: "progress")
        XCTAssertEqual(try admin.get("/api/v1/reports?task_id=\(tasks[0])&unit_id=huyen-hoang-hoa").object["total"] as? Int, 2,
                       "refused posts stored nothing")
    }
}
