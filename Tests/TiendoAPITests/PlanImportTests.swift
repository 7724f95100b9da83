import Foundation
import XCTest
@testable import TiendoAPI

/// POST /api/v1/plans/import through a real socket.
final class PlanImportTests: XCTestCase {
    var s: TestServer!
    var admin: TestClient!

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TiendoDomainTests/Fixtures/PlanImport")

    /// A small sectioned plan whose every unit and deadline resolves.
    static let plan = """
    ỦY BAN NHÂN DÂN
    TỈNH THANH HÓA
    Số: 12/KH-UBND
    Thanh Hóa, ngày 10 tháng 3 năm 2022
    KẾ HOẠCH
    Khắc phục hạn chế về y tế và lao động
    I. VỀ Y TẾ
    1. Tiêm chủng còn chậm
    1.1. Nguyên nhân: Nhân lực y tế còn thiếu.
    1.2. Kế hoạch khắc phục
    a) Trách nhiệm của các đơn vị
    - Đơn vị chủ trì: Sở Y tế.
    - Đơn vị phối hợp: UBND các huyện, thị xã, thành phố.
    b) Nhiệm vụ, giải pháp khắc phục
    - Tăng cường tiêm chủng lưu động.
    - UBND các huyện, thị xã, thành phố rà soát đối tượng chưa tiêm.
    1.3. Thời gian khắc phục: Năm 2022 và các năm tiếp theo.
    2. Tai nạn lao động vẫn còn xảy ra
    2.1. Kế hoạch khắc phục
    - Đơn vị chủ trì: Sở Lao động - Thương binh và Xã hội.
    - Thanh tra an toàn lao động tại các công trình.
    2.2. Thời gian khắc phục: trước 14 giờ, ngày 05/12/2022.
    C. TỔ CHỨC THỰC HIỆN
    Định kỳ trước ngày 15 của tháng cuối quý, các đơn vị gửi báo cáo kết quả khắc phục về Sở Kế hoạch và Đầu tư để tổng hợp.
    CHỦ TỊCH
    Đỗ Minh Tuấn
    """

    override func setUpWithError() throws {
        s = try TestServer(now: "2022-06-01T09:00:00+07:00")
        admin = s.client(try s.token("test-admin-token", role: "admin"))
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("units.json"))
        let units = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        for u in units {
            var body = u
            if body["parent_id"] is NSNull { body.removeValue(forKey: "parent_id") }
            let r = try admin.post("/api/v1/units", body)
            XCTAssertEqual(r.status, 201, r.text)
        }
    }

    override func tearDown() { s.stop() }

    func importText(_ text: String, query: String = "", contentType: String = "text/plain; charset=utf-8",
                    client: TestClient? = nil) throws -> TestResponse {
        try (client ?? admin).request("POST", "/api/v1/plans/import\(query)", body: Array(text.utf8),
                                      headers: [("Content-Type", contentType)])
    }

    func planCount() throws -> Int {
        try admin.get("/api/v1/plans").object["total"] as? Int ?? -1
    }

    func testDraftOfASmallPlanStoresNothing() throws {
        let r = try importText(Self.plan)
        XCTAssertEqual(r.status, 200, r.text)
        let draft = try XCTUnwrap(r.object["draft"] as? [String: Any])
        XCTAssertEqual(draft["number"] as? String, "12/KH-UBND")
        XCTAssertEqual(draft["issued_on"] as? String, "2022-03-10")
        XCTAssertEqual(draft["issuer_id"] as? String, "tinh-thanh-hoa")
        XCTAssertEqual(draft["issuer_text"] as? String, "ỦY BAN NHÂN DÂN TỈNH THANH HÓA")
        XCTAssertEqual(draft["aggregator_id"] as? String, "so-ke-hoach-dau-tu")
        XCTAssertEqual(draft["signer"] as? String, "Đỗ Minh Tuấn")
        let schedule = try XCTUnwrap(draft["schedule"] as? [String: Any])
        XCTAssertEqual(schedule["frequency"] as? String, "quarterly")
        XCTAssertEqual(schedule["strict"] as? Bool, true)
        XCTAssertEqual(schedule["working_days"] as? String, "next", "the importer proposes Điều 148's next working day")
        XCTAssertTrue((draft["schedule_text"] as? String ?? "").contains("trước ngày 15 của tháng cuối quý"))
        let shortcomings = try XCTUnwrap(draft["shortcomings"] as? [[String: Any]])
        XCTAssertEqual(shortcomings.map { $0["code"] as? String }, ["I.1", "I.2"])
        let tasks = shortcomings.flatMap { $0["tasks"] as? [[String: Any]] ?? [] }
        XCTAssertEqual(tasks.count, 3)
        XCTAssertEqual(tasks[0]["lead"] as? [String], ["so-y-te"])
        XCTAssertEqual(tasks[0]["lead_text"] as? [String], ["Sở Y tế"])
        XCTAssertEqual(tasks[0]["coordinating"] as? [String], ["kind:district"])
        XCTAssertEqual(tasks[0]["deadline_text"] as? String, "Năm 2022 và các năm tiếp theo.")
        XCTAssertEqual(tasks[1]["lead"] as? [String], ["kind:district"])
        XCTAssertEqual(tasks[0]["lines"] as? [Int], [15, 15])
        let deadline = try XCTUnwrap(tasks[2]["deadline"] as? [String: Any])
        XCTAssertEqual(deadline["time"] as? String, "14:00")
        XCTAssertEqual(deadline["due_on"] as? String, "2022-12-05")
        XCTAssertEqual((r.object["stats"] as? [String: Any])?["tasks"] as? Int, 3)
        XCTAssertEqual(try planCount(), 0)
    }

    func testCommitStoresThePlanAsPostPlansWould() throws {
        let r = try importText(Self.plan, query: "?commit=true")
        XCTAssertEqual(r.status, 201, r.text)
        let id = try XCTUnwrap(r.object["id"] as? Int)
        XCTAssertEqual(r.header("Location"), "/api/v1/plans/\(id)")
        let got = try admin.get("/api/v1/plans/\(id)")
        XCTAssertEqual(got.status, 200)
        let tasks = (got.object["shortcomings"] as? [[String: Any]] ?? []).flatMap { $0["tasks"] as? [[String: Any]] ?? [] }
        XCTAssertEqual(tasks.count, 3)
        XCTAssertEqual(tasks[2]["lead"] as? [String], ["so-lao-dong"])
        XCTAssertEqual((tasks[2]["deadline"] as? [String: Any])?["time"] as? String, "14:00")
        XCTAssertEqual((got.object["schedule"] as? [String: Any])?["strict"] as? Bool, true)
        XCTAssertEqual((got.object["schedule"] as? [String: Any])?["working_days"] as? String, "next")
        XCTAssertEqual(try planCount(), 1)
    }

    func testSeed001DraftsThirtyShortcomingsAndRefusesCommitWhileUnitsAreUnresolved() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("seed-001.txt"), encoding: .utf8)
        let r = try importText(text)
        XCTAssertEqual(r.status, 200, String(r.text.prefix(500)))
        let stats = try XCTUnwrap(r.object["stats"] as? [String: Any])
        XCTAssertEqual(stats["shortcomings"] as? Int, 30)
        XCTAssertEqual(stats["tasks"] as? Int, 161)
        let warnings = try XCTUnwrap(r.object["warnings"] as? [[String: Any]])
        XCTAssertTrue(warnings.contains { $0["code"] as? String == "lead_not_found" && $0["text"] as? String == "Các chủ đầu tư" })
        let c = try importText(text, query: "?commit=true")
        XCTAssertEqual(c.status, 422, String(c.text.prefix(500)))
        XCTAssertEqual(c.code, "import_unresolved")
        XCTAssertNotNil(c.object["warnings"] as? [[String: Any]])
        XCTAssertTrue(c.errorCodes.contains("lead_not_found"))
        XCTAssertEqual(try planCount(), 0)
    }

    func testRefusals() throws {
        var bad = Array(Self.plan.utf8); bad.insert(0xFF, at: 10)
        let utf = try admin.request("POST", "/api/v1/plans/import", body: bad, headers: [("Content-Type", "text/plain; charset=utf-8")])
        XCTAssertEqual(utf.status, 400); XCTAssertEqual(utf.code, "invalid_utf8")
        let none = try importText("Xin chào.\nHôm nay trời đẹp.")
        XCTAssertEqual(none.status, 422); XCTAssertEqual(none.code, "import_no_plan")
        XCTAssertEqual(try importText(Self.plan, contentType: "application/pdf").status, 415)
        XCTAssertEqual(try importText(Self.plan, contentType: "text/plain; charset=windows-1258").code, "unsupported_charset")
        XCTAssertEqual(try importText(Self.plan, query: "?commit=maybe").status, 400)
        let unknown = try importText(Self.plan, query: "?issuer_id=nowhere&commit=true")
        XCTAssertEqual(unknown.status, 422); XCTAssertEqual(unknown.errorCodes, ["unit_not_found"])
        let reporter = s.client(try s.token("reporter-y-te", role: "reporter", unit: "so-y-te"))
        XCTAssertEqual(try importText(Self.plan, client: reporter).status, 403)
        XCTAssertEqual(try importText("", query: "").status, 400)
        XCTAssertEqual(try planCount(), 0)
    }

    func testHTMLIsReadAsText() throws {
        let html = "<html><body>" + Self.plan.split(separator: "\n").map { "<p>\($0.replacingOccurrences(of: "&", with: "&amp;"))</p>" }.joined() + "</body></html>"
        let r = try importText(html, contentType: "text/html; charset=utf-8")
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual((r.object["stats"] as? [String: Any])?["tasks"] as? Int, 3)
    }

    func testPostPlansAcceptsAScheduleWrittenAsAPhrase() throws {
        var plan = Plan83.plan
        plan["issuer_id"] = "tinh-thanh-hoa"
        plan["issued_on"] = "2022-03-24"
        plan["schedule"] = "định kỳ trước ngày 15 của tháng cuối quý"
        let r = try admin.post("/api/v1/plans", plan)
        XCTAssertEqual(r.status, 201, r.text)
        let schedule = try XCTUnwrap(r.object["schedule"] as? [String: Any])
        XCTAssertEqual(schedule["frequency"] as? String, "quarterly")
        XCTAssertEqual(schedule["due_day"] as? Int, 15)
        XCTAssertEqual(schedule["strict"] as? Bool, true)
        let id = try XCTUnwrap(r.object["id"] as? Int)
        let half = try admin.send("PATCH", "/api/v1/plans/\(id)", json: ["schedule": "báo cáo định kỳ 6 tháng, trước ngày 05/6 và 05/12 hàng năm"])
        XCTAssertEqual(half.status, 200, half.text)
        XCTAssertEqual((half.object["schedule"] as? [String: Any])?["frequency"] as? String, "half_yearly")
        XCTAssertEqual((half.object["schedule"] as? [String: Any])?["due_day"] as? Int, 5)
        plan["schedule"] = "khi nào rảnh thì báo cáo"
        let bad = try admin.post("/api/v1/plans", plan)
        XCTAssertEqual(bad.status, 422); XCTAssertEqual(bad.errorCodes, ["schedule_unparseable"])
    }
}
