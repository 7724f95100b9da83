// The fixture of the reporting-cycle tests (issue 14): the units of plan 83 with
// contacts, and a 2025 plan modelled on 63/KH-UBND (quarterly, due the 15th of the
// quarter's last month) whose due days move to the next working day.

import Foundation
import XCTest

class CycleTestCase: XCTestCase {
    var s: TestServer!
    var admin: TestClient!
    var plan = 0
    var tasks: [Int] = []

    /// Moves the clock; the date is local (UTC+7) at 09:00.
    func today(_ date: String) { s.clock.set("\(date)T09:00:00+07:00") }

    override func setUpWithError() throws {
        s = try TestServer(now: "2025-01-15T09:00:00+07:00")
        admin = s.client(try s.token("test-admin-token", role: "admin"))
        for var u in Plan83.units {
            if u["id"] as? String == "huyen-hoang-hoa" {
                u["contact_name"] = "Lê Văn Tâm"; u["phone"] = "0237.3865.123"; u["email"] = "vanphong@hoanghoa.thanhhoa.gov.vn"
            }
            let r = try admin.post("/api/v1/units", u)
            XCTAssertEqual(r.status, 201, r.text)
        }
        try s.token("tok-aggregator", role: "aggregator", unit: "so-ke-hoach-dau-tu")
        try s.token("tok-hoang-hoa", role: "reporter", unit: "huyen-hoang-hoa")
        try s.token("tok-y-te", role: "reporter", unit: "so-y-te")
        let r = try admin.post("/api/v1/plans", Self.plan(workingDays: "next"))
        XCTAssertEqual(r.status, 201, r.text)
        plan = r.object["id"] as? Int ?? 0
        tasks = (r.object["shortcomings"] as? [[String: Any]] ?? []).flatMap { ($0["tasks"] as? [[String: Any]]) ?? [] }
            .compactMap { $0["id"] as? Int }
        XCTAssertEqual(tasks.count, 2)
    }

    override func tearDown() { s?.stop() }

    /// Task 0: lead huyện Hoằng Hóa and Sở Y tế (continuous); task 1: lead Sở Y tế,
    /// coordinating huyện Hoằng Hóa, dated "chậm nhất ngày 30/6/2025".
    static func plan(workingDays: String?) -> [String: Any] {
        var schedule: [String: Any] = ["frequency": "quarterly", "due_day": 15]
        if let workingDays { schedule["working_days"] = workingDays }
        return [
            "number": "63/KH-UBND", "title": "Kế hoạch khắc phục hạn chế, yếu kém năm 2024",
            "issuer_id": "tinh-thanh-hoa", "issued_on": "2025-01-10", "aggregator_id": "so-ke-hoach-dau-tu",
            "schedule": schedule,
            "shortcomings": [
                ["code": "1", "title": "Giải ngân vốn đầu tư công chậm",
                 "tasks": [
                    ["title": "Đẩy nhanh giải ngân vốn đầu tư công", "lead": ["huyen-hoang-hoa", "so-y-te"],
                     "deadline": "Thường xuyên"],
                    ["title": "Hoàn thành đầu tư trạm y tế xã", "lead": ["so-y-te"], "coordinating": ["huyen-hoang-hoa"],
                     "deadline": "chậm nhất ngày 30/6/2025"],
                 ]],
            ],
        ]
    }

    func assertProblem(_ r: TestResponse, _ status: Int, _ code: String, field: String? = nil, line: UInt = #line) {
        XCTAssertEqual(r.status, status, r.text, line: line)
        XCTAssertEqual(r.header("Content-Type")?.hasPrefix("application/problem+json"), true, r.text, line: line)
        XCTAssertTrue(r.code == code || r.errorCodes.contains(code), "expected \(code) in \(r.text)", line: line)
        if let field { XCTAssertTrue(r.errorFields.contains(field), "expected field \(field) in \(r.text)", line: line) }
    }
}
