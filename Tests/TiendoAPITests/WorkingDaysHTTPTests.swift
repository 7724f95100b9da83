// Holidays and working days over HTTP: the seeded calendar, replacing a year,
// and a plan whose due days move (15/3/2025 is a Saturday → due Monday 17/3/2025).

import Foundation
import XCTest

final class WorkingDaysHTTPTests: CycleTestCase {
    func testSeededCalendarHasTet2026AndTheSwappedSaturday() throws {
        let r = try s.client("tok-hoang-hoa").get("/api/v1/holidays/2026")
        XCTAssertEqual(r.status, 200, r.text)
        let items = r.items
        let tet = items.filter { $0["name"] as? String == "Tết Nguyên đán" }.compactMap { $0["date"] as? String }
        XCTAssertEqual(tet, ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"])
        let swapped = items.first { $0["date"] as? String == "2026-01-10" }
        XCTAssertEqual(swapped?["kind"] as? String, "working_day")
        XCTAssertEqual(swapped?["weekday"] as? Int, 6)
        XCTAssertTrue(items.contains { $0["date"] as? String == "2026-09-02" && $0["name"] as? String == "Quốc khánh (2/9)" })
        // 2027 is not announced yet: computed.
        let next = try admin.get("/api/v1/holidays/2027")
        XCTAssertTrue(next.items.allSatisfy { $0["source"] as? String == "computed" }, next.text)
        XCTAssertTrue(next.items.contains { $0["date"] as? String == "2027-04-16" }, "Giỗ Tổ 10/3 Đinh Mùi")
        for bad in ["abcd", "1800", "20260", "-202"] {
            XCTAssertEqual(try admin.get("/api/v1/holidays/\(bad)").status, 404, bad)
        }
    }

    func testPutReplacesTheYearAndReportsEveryProblemAtOnce() throws {
        let agg = s.client("tok-aggregator")
        assertProblem(try agg.send("PUT", "/api/v1/holidays/2028", json: ["items": []]), 403, "role_forbidden")
        let bad = try admin.send("PUT", "/api/v1/holidays/2028", json: ["items": [
            ["date": "2027-12-31", "name": "Sai năm"],
            ["date": "2028-01-03", "name": "Tết Dương lịch (nghỉ bù)"],
            ["date": "2028-01-03", "name": "Trùng"],
            ["date": "2028-01-04", "kind": "working_day", "name": "Thứ Ba không thể là ngày làm bù"],
            ["date": "2028-02-30", "name": "Ngày không có"],
            ["name": "Thiếu ngày", "colour": "đỏ"],
        ]])
        XCTAssertEqual(bad.status, 422, bad.text)
        XCTAssertEqual(Set(bad.errorCodes), ["holiday_wrong_year", "holiday_duplicate_date", "holiday_working_day_not_weekend",
                                             "invalid_date", "required", "unknown_field"], bad.text)
        XCTAssertEqual(try admin.get("/api/v1/holidays/2028").object["total"] as? Int, 0, "a refused PUT stores nothing")

        let ok = try admin.send("PUT", "/api/v1/holidays/2028", json: ["items": [
            ["date": "2028-01-03", "name": "Nghỉ bù Tết Dương lịch", "source": "computed"],
            ["date": "2028-01-01", "name": "Tết Dương lịch"],
        ]])
        XCTAssertEqual(ok.status, 200, ok.text)
        XCTAssertEqual(ok.items.compactMap { $0["date"] as? String }, ["2028-01-01", "2028-01-03"])
        XCTAssertEqual(try admin.get("/api/v1/holidays/2028").object["days_off"] as? Int, 2)
        // Other years untouched.
        XCTAssertGreaterThan(try admin.get("/api/v1/holidays/2026").object["total"] as? Int ?? 0, 10)
    }

    func testDueDayOnSaturdayMovesToMonday() throws {
        let periods = try admin.get("/api/v1/plans/\(plan)/periods")
        XCTAssertEqual((periods.object["schedule"] as? [String: Any])?["working_days"] as? String, "next", periods.text)
        let q1 = periods.items.first { $0["period"] as? String == "2025-Q1" }
        XCTAssertEqual(q1?["nominal_due_on"] as? String, "2025-03-15")
        XCTAssertEqual(q1?["due_on"] as? String, "2025-03-17")

        // Sunday 16/3/2025: not yet due, so pending, not missing.
        today("2025-03-16")
        var c = try admin.get("/api/v1/plans/\(plan)/compliance?period=2025-Q1")
        XCTAssertEqual(c.object["due_on"] as? String, "2025-03-17", c.text)
        XCTAssertEqual(c.object["pending"] as? Int, 3, c.text)
        XCTAssertEqual(c.object["missing"] as? Int, 0, c.text)

        // A report arriving on Monday 17/3 is on time; the others are missing from the 18th.
        today("2025-03-17")
        let r = try s.client("tok-hoang-hoa").post("/api/v1/reports", report(tasks[0], "huyen-hoang-hoa", "2025-Q1", "2025-03-17", progress: 30))
        XCTAssertEqual(r.status, 201, r.text)
        XCTAssertEqual(r.object["due_on"] as? String, "2025-03-17")
        XCTAssertEqual(r.object["on_time"] as? Bool, true, r.text)
        c = try admin.get("/api/v1/plans/\(plan)/compliance?period=2025-Q1&as_of=2025-03-18")
        XCTAssertEqual(c.object["on_time"] as? Int, 1, c.text)
        XCTAssertEqual(c.object["missing"] as? Int, 2, c.text)
        XCTAssertEqual(c.object["pending"] as? Int, 0, c.text)
    }

    func testDefaultScheduleKeepsTheNominalDay() throws {
        let r = try admin.post("/api/v1/plans", Self.plan(workingDays: nil))
        XCTAssertEqual(r.status, 201, r.text)
        XCTAssertEqual((r.object["schedule"] as? [String: Any])?["working_days"] as? String, "none")
        let periods = try admin.get("/api/v1/plans/\(r.object["id"] as? Int ?? 0)/periods")
        let q1 = periods.items.first { $0["period"] as? String == "2025-Q1" }
        XCTAssertEqual(q1?["due_on"] as? String, "2025-03-15")
        XCTAssertEqual(q1?["nominal_due_on"] as? String, "2025-03-15")
        assertProblem(try admin.post("/api/v1/plans", Self.plan(workingDays: "previous")), 422, "invalid_value",
                      field: "schedule.working_days")
    }
}
