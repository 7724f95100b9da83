// "trước 14 giờ, ngày 05/12/2017" over HTTP: a once plan due by 14:00, and the two new
// deadline phrases through POST /deadlines/parse.

import Foundation
import XCTest

final class TimedDeadlineHTTPTests: XCTestCase {
    func testOnceReportDueByTwoPmComparesTheTime() throws {
        let s = try TestServer(now: "2017-11-25T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        for u in [["id": "huyen-hoang-hoa", "name": "UBND huyện Hoằng Hóa", "kind": "district"],
                  ["id": "xa-hoang-dao", "name": "UBND xã Hoằng Đạo", "kind": "commune", "parent_id": "huyen-hoang-hoa"],
                  ["id": "xa-hoang-quy", "name": "UBND xã Hoằng Quý", "kind": "commune", "parent_id": "huyen-hoang-hoa"]] {
            XCTAssertEqual(try admin.post("/api/v1/units", u).status, 201)
        }
        try s.token("tok-hoang-dao", role: "reporter", unit: "xa-hoang-dao")
        try s.token("tok-hoang-quy", role: "reporter", unit: "xa-hoang-quy")
        let p = try admin.post("/api/v1/plans", [
            "number": "215/KH-UBND", "title": "Kế hoạch khắc phục tồn tại sau thanh tra năm 2017", "issuer_id": "huyen-hoang-hoa",
            "issued_on": "2017-11-20", "aggregator_id": "huyen-hoang-hoa",
            "schedule": ["frequency": "once", "due_on": "2017-12-05", "due_time": "14:00"],
            "shortcomings": [["title": "Hồ sơ địa chính chưa cập nhật", "tasks": [
                ["title": "Cập nhật hồ sơ địa chính", "lead": ["kind:commune"], "deadline": "trước 14 giờ, ngày 05/12/2017"]]]],
        ] as [String: Any])
        XCTAssertEqual(p.status, 201, p.text)
        let schedule = p.object["schedule"] as? [String: Any]
        XCTAssertEqual(schedule?["due_time"] as? String, "14:00")
        let plan = p.object["id"] as? Int ?? 0
        let task = ((p.object["shortcomings"] as? [[String: Any]])?.first?["tasks"] as? [[String: Any]])?.first
        let deadline = task?["deadline"] as? [String: Any]
        XCTAssertEqual(deadline?["time"] as? String, "14:00")
        XCTAssertEqual(deadline?["due_on"] as? String, "2017-12-05")
        let taskID = task?["id"] as? Int ?? 0

        s.clock.set("2017-12-05T13:59:00+07:00")
        let early = try s.client("tok-hoang-dao").post("/api/v1/reports", report(taskID, "xa-hoang-dao", "once", "2017-12-05", progress: 80))
        XCTAssertEqual(early.status, 201, early.text)
        XCTAssertEqual(early.object["on_time"] as? Bool, true)
        s.clock.set("2017-12-05T14:05:00+07:00")
        let late = try s.client("tok-hoang-quy").post("/api/v1/reports", report(taskID, "xa-hoang-quy", "once", "2017-12-05", progress: 80))
        XCTAssertEqual(late.status, 201, late.text)
        XCTAssertEqual(late.object["on_time"] as? Bool, false, "five minutes after 14:00 the same day")
        XCTAssertEqual(late.object["days_late"] as? Int, 1)
        let c = try admin.get("/api/v1/plans/\(plan)/compliance?period=once")
        XCTAssertEqual(c.object["on_time"] as? Int, 1, c.text)
        XCTAssertEqual(c.object["late"] as? Int, 1, c.text)
        let periods = try admin.get("/api/v1/plans/\(plan)/periods")
        XCTAssertEqual(periods.items.first?["due_time"] as? String, "14:00")

        // due_time is only for once, and must be a time.
        var bad = Plan83.plan
        bad["schedule"] = ["frequency": "quarterly", "due_time": "25:00"]
        let r = try admin.post("/api/v1/plans", bad)
        XCTAssertEqual(r.status, 422, r.text)
        XCTAssertTrue(r.errorCodes.contains("schedule_due_time_malformed"), r.text)
    }

    func testParseTheNewPhrases() throws {
        let s = try TestServer()
        defer { s.stop() }
        let c = s.client(try s.token("test-admin-token", role: "admin"))
        let t = try c.post("/api/v1/deadlines/parse", ["phrase": "trước 14 giờ, ngày 05/12/2017"])
        XCTAssertEqual(t.status, 200, t.text)
        let deadline = t.object["deadline"] as? [String: Any] ?? t.object
        XCTAssertEqual(deadline["time"] as? String, "14:00", t.text)
        XCTAssertEqual(deadline["due_on"] as? String, "2017-12-05", t.text)
        let q = try c.post("/api/v1/deadlines/parse", ["phrase": "trong 3 tháng cuối năm 2018"])
        let qd = q.object["deadline"] as? [String: Any] ?? q.object
        XCTAssertEqual(qd["quarter"] as? Int, 4, q.text)
        XCTAssertEqual(qd["due_on"] as? String, "2018-12-31", q.text)
        let bad = try c.post("/api/v1/deadlines/parse", ["phrase": "trước 25 giờ, ngày 05/12/2017"])
        XCTAssertEqual(bad.status, 422, bad.text)
        XCTAssertEqual(bad.code, "deadline_unparseable", bad.text)
    }
}
