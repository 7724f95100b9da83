// What a district clerk does from the browser beyond sending a report (issue 13):
// see a returned report with the reviewer's words, correct one field of a sent
// report, send "unchanged" from the whole-period form, ask for an extension —
// through a real socket, over the demo data at a fixed clock.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoHTTP
import TiendoStore

final class ClerkPagesTests: XCTestCase {
    var s: TestServer!
    var demo: DemoSummary!
    /// A task of plan 63 Hoằng Hóa still owes a 2026-Q4 report on.
    let task: Int64 = 20

    override func setUpWithError() throws {
        s = try TestServer(now: "2026-12-06T10:00:00+07:00")
        demo = try DemoData.load(into: s.store, now: s.clock.now)
    }

    override func tearDown() { s.stop() }

    func browser(_ token: String) throws -> PageBrowser {
        let b = PageBrowser(s.client())
        let r = try b.login(token)
        XCTAssertEqual(r.status, 303, r.text)
        return b
    }

    /// Hoằng Hóa's 2026-Q4 report on `task`, sent through the API; its id.
    func sendReport(progress: Int = 40, result: String = "Đã khảo sát 3 xã") throws -> Int64 {
        let r = try s.client("demo-hoang-hoa").post("/api/v1/reports", [
            "task_id": task, "unit_id": "huyen-hoang-hoa", "period": "2026-Q4", "report_date": "2026-12-05",
            "status": "in_progress", "progress": progress, "result": result, "obstacles": "Thiếu kinh phí",
        ] as [String: Any])
        XCTAssertEqual(r.status, 201, r.text)
        return Int64(number(r.object["id"]) ?? 0)
    }

    func latest() throws -> [String: Any] {
        let r = try s.client("demo-hoang-hoa").get("/api/v1/reports?task_id=\(task)&unit_id=huyen-hoang-hoa&period=2026-Q4")
        return r.items.max { (number($0["revision"]) ?? 0) < (number($1["revision"]) ?? 0) } ?? [:]
    }

    func batchTaskIDs(_ page: TestResponse) -> [String] {
        page.text.components(separatedBy: ".task_id\" value=\"").dropFirst().map { String($0.prefix(while: \.isNumber)) }
    }

    // MARK: 1. a returned report

    func testAReturnedReportShowsTheCommentAndDateAndIsOwedAgainUntilANewRevision() throws {
        let id = try sendReport()
        let clerk = try browser("demo-hoang-hoa")
        XCTAssertFalse(batchTaskIDs(try clerk.get("/")).contains(String(task)), "sent: no longer in the whole-period form")

        let review = try s.client("demo-tai-chinh").post("/api/v1/reports/\(id)/review",
                                                         ["decision": "returned", "comment": "Bổ sung số liệu <giải ngân> quý IV"])
        XCTAssertEqual(review.status, 201, review.text)

        let home = try clerk.get("/")
        XCTAssertTrue(home.text.contains("Bị trả lại ngày 06/12/2026 — cần gửi lại"), home.text)
        XCTAssertTrue(home.text.contains("Bổ sung số liệu &lt;giải ngân&gt; quý IV"))
        XCTAssertTrue(batchTaskIDs(home).contains(String(task)), "returned: owed again, offered in the whole-period form")

        let page = try clerk.get("/tasks/\(task)")
        XCTAssertTrue(page.text.contains("id=\"bi-tra-lai\""), page.text)
        XCTAssertTrue(page.text.contains("<strong>Bị trả lại</strong> ngày 06/12/2026"))
        XCTAssertTrue(page.text.contains("Bổ sung số liệu &lt;giải ngân&gt; quý IV"))
        let aggregator = try browser("demo-tai-chinh").get("/tasks/\(task)")
        XCTAssertTrue(aggregator.text.contains("<strong>Bị trả lại</strong> ngày 06/12/2026"), aggregator.text)
        XCTAssertFalse(aggregator.text.contains("id=\"bi-tra-lai\""), "the notice is for the unit")

        _ = try sendReport(progress: 45)
        let after = try clerk.get("/")
        XCTAssertFalse(after.text.contains("Bị trả lại ngày"), "a new revision answers the return")
        XCTAssertFalse(batchTaskIDs(after).contains(String(task)))
        XCTAssertTrue(try clerk.get("/tasks/\(task)").text.contains("Chờ xem xét"))
    }
}
