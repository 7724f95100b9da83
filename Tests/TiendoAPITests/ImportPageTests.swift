// The /import page through a real socket: a preview shows the draft (tasks, units as
// read and as resolved, deadlines and due days, warnings by line) and stores nothing;
// a commit whose units all resolve stores the plan through the API's path and
// redirects to it; a commit with a blocking warning is refused with the warning shown;
// reporters get 403; a post without the CSRF token is 403 and stores nothing.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoDomain

final class ImportPageTests: XCTestCase {
    var s: TestServer!
    var admin: TestClient!

    /// PlanImportTests' small plan with one lead unit the directory does not hold.
    static let unresolvedPlan = PlanImportTests.plan.replacingOccurrences(
        of: "Đơn vị chủ trì: Sở Lao động - Thương binh và Xã hội.", with: "Đơn vị chủ trì: Sở Ngoại vụ.")

    override func setUpWithError() throws {
        s = try TestServer(now: "2022-06-01T09:00:00+07:00")
        admin = s.client(try s.token("test-admin-token", role: "admin"))
        let data = try Data(contentsOf: PlanImportTests.fixtures.appendingPathComponent("units.json"))
        let units = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        for u in units {
            var body = u
            if body["parent_id"] is NSNull { body.removeValue(forKey: "parent_id") }
            let r = try admin.post("/api/v1/units", body)
            XCTAssertEqual(r.status, 201, r.text)
        }
        _ = try s.token("tok-ke-hoach", role: "aggregator", unit: "so-ke-hoach-dau-tu")
        _ = try s.token("tok-y-te", role: "reporter", unit: "so-y-te")
    }

    override func tearDown() { s.stop() }

    func browser(_ token: String) throws -> PageBrowser { try s.signedIn(token) }

    func planCount() throws -> Int {
        try admin.get("/api/v1/plans").object["total"] as? Int ?? -1
    }

    /// The import form's CSRF value, from GET /import.
    func csrf(_ b: PageBrowser) throws -> String {
        let form = try b.get("/import")
        XCTAssertEqual(form.status, 200, form.text)
        return try XCTUnwrap(PageBrowser.csrf(form))
    }

    func testTheFormHasALabelledTextareaUnitSelectsAndTheLinkIsInTheNavigation() throws {
        let b = try browser("tok-ke-hoach")
        let r = try b.get("/import")
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertTrue(r.text.contains("<label for=\"text\">"), r.text)
        XCTAssertTrue(r.text.contains("<textarea id=\"text\" name=\"text\""))
        XCTAssertTrue(r.text.contains("<select id=\"issuer_id\" name=\"issuer_id\""))
        XCTAssertTrue(r.text.contains("<select id=\"aggregator_id\" name=\"aggregator_id\""))
        XCTAssertTrue(r.text.contains("<option value=\"so-ke-hoach-dau-tu\">Sở Kế hoạch và Đầu tư</option>"))
        XCTAssertNotNil(PageBrowser.csrf(r))
        XCTAssertTrue(r.text.contains("<a href=\"/import\">Nhập kế hoạch</a>"))
        XCTAssertEqual(r.header("Content-Security-Policy"), PageHeaders.contentSecurityPolicy)
        // No session: to the login page, like every page.
        let anon = try PageBrowser(s.client()).get("/import")
        XCTAssertEqual(anon.status, 303)
        XCTAssertEqual(anon.header("Location"), "/login?next=%2Fimport")
    }

    func testPreviewShowsTheDraftWithItsWarningsKeepsTheTextAndStoresNothing() throws {
        let b = try browser("tok-ke-hoach")
        let token = try csrf(b)
        let r = try b.post("/import", [("csrf", token), ("text", PlanImportTests.plan), ("action", "preview")])
        XCTAssertEqual(r.status, 200, r.text)
        for expected in ["12/KH-UBND", "Khắc phục hạn chế về y tế và lao động", "10/03/2022", "Đỗ Minh Tuấn",
                         "hằng quý, trước ngày 15 của tháng cuối kỳ", "Tăng cường tiêm chủng lưu động",
                         "Thanh tra an toàn lao động tại các công trình", "«Sở Y tế»", "→ Sở Y tế",
                         "→ UBND các huyện, thị xã, thành phố", "→ Sở Lao động - Thương binh và Xã hội",
                         "trước 14 giờ, ngày 05/12/2022.", "05/12/2022 (14:00)", "<dd>Sở Kế hoạch và Đầu tư</dd>",
                         "2 hạn chế, 3 nhiệm vụ", "không có cảnh báo chặn", "value=\"commit\""] {
            XCTAssertTrue(r.text.contains(expected), "missing \(expected)")
        }
        // The pasted text is back in the textarea, escaped, nothing lost.
        XCTAssertTrue(r.text.contains("Sở Lao động - Thương binh và Xã hội.\n- Thanh tra an toàn"))
        XCTAssertEqual(try planCount(), 0)

        // A unit the directory lacks: a blocking warning by its line, the task marks it unresolved.
        let u = try b.post("/import", [("csrf", token), ("text", Self.unresolvedPlan + "\n<script>alert(1)</script>")])
        XCTAssertEqual(u.status, 200, u.text)
        XCTAssertTrue(u.text.contains("Phải xử lý"), u.text)
        XCTAssertTrue(u.text.contains("«Sở Ngoại vụ»"))
        XCTAssertTrue(u.text.contains(ImportWarningMessages.vietnamese("unit_not_found")))
        XCTAssertTrue(u.text.contains("⚠ chưa xác định được đơn vị"))
        XCTAssertTrue(u.text.contains("cảnh báo phải xử lý trước khi lưu"))
        XCTAssertTrue(u.text.contains("<th scope=\"row\" class=\"num\" data-label=\"Dòng\">20</th>"), "the warning names its line")
        XCTAssertFalse(u.text.contains("<script>alert"))
        XCTAssertTrue(u.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertEqual(try planCount(), 0)

        // An empty text: the error next to the field, nothing read.
        let empty = try b.post("/import", [("csrf", token), ("text", "  \n ")])
        XCTAssertEqual(empty.status, 422)
        XCTAssertTrue(empty.text.contains("Chưa dán nội dung văn bản kế hoạch."))
        // No plan in the text: the importer's refusal, in Vietnamese, the text kept.
        let none = try b.post("/import", [("csrf", token), ("text", "Xin chào.\nHôm nay trời đẹp.")])
        XCTAssertEqual(none.status, 422)
        XCTAssertTrue(none.text.contains("Hôm nay trời đẹp."))
        XCTAssertTrue(none.text.contains("notice error"))
        XCTAssertEqual(try planCount(), 0)
    }

    func testCommitOfAResolvedTextStoresThePlanAndRedirectsToIt() throws {
        let b = try browser("tok-ke-hoach")
        let r = try b.post("/import", [("csrf", try csrf(b)), ("text", PlanImportTests.plan), ("issuer_id", ""),
                                       ("aggregator_id", "so-ke-hoach-dau-tu"), ("action", "commit")])
        XCTAssertEqual(r.status, 303, r.text)
        let location = try XCTUnwrap(r.header("Location"))
        XCTAssertTrue(location.hasPrefix("/plans/"), location)
        XCTAssertEqual(try planCount(), 1)
        let id = try XCTUnwrap(Int(location.dropFirst("/plans/".count)))
        let plan = try admin.get("/api/v1/plans/\(id)")
        XCTAssertEqual(plan.object["number"] as? String, "12/KH-UBND")
        XCTAssertEqual(plan.object["aggregator_id"] as? String, "so-ke-hoach-dau-tu")
        let tasks = (plan.object["shortcomings"] as? [[String: Any]] ?? []).flatMap { $0["tasks"] as? [[String: Any]] ?? [] }
        XCTAssertEqual(tasks.count, 3)
        let page = try b.get(location)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("12/KH-UBND"))
    }

    func testCommitWithAnUnresolvedUnitIsRefusedWithTheWarningShown() throws {
        let b = try browser("tok-ke-hoach")
        let r = try b.post("/import", [("csrf", try csrf(b)), ("text", Self.unresolvedPlan), ("action", "commit")])
        XCTAssertEqual(r.status, 422, r.text)
        XCTAssertTrue(r.text.contains("Kế hoạch chưa được lưu"), r.text)
        XCTAssertTrue(r.text.contains("«Sở Ngoại vụ»"))
        XCTAssertTrue(r.text.contains("Phải xử lý"))
        XCTAssertTrue(r.text.contains("Đơn vị chủ trì: Sở Ngoại vụ."), "the text is kept")
        XCTAssertEqual(try planCount(), 0)

        // An issuer id that is not a unit: the API's unit_not_found, in Vietnamese, nothing stored.
        let unknown = try b.post("/import", [("csrf", try csrf(b)), ("text", PlanImportTests.plan),
                                             ("issuer_id", "noi-nao-do"), ("action", "commit")])
        XCTAssertEqual(unknown.status, 422, unknown.text)
        XCTAssertTrue(unknown.text.contains("Cơ quan ban hành:"), unknown.text)
        XCTAssertEqual(try planCount(), 0)
    }

    func testAWholePlanDocumentFitsTheFormThoughItIsLargerThanOtherForms() throws {
        let text = try String(contentsOf: PlanImportTests.fixtures.appendingPathComponent("seed-001.txt"), encoding: .utf8)
        let b = try browser("tok-ke-hoach")
        let token = try csrf(b)
        let encoded = "text=" + b.formEncode(text)
        XCTAssertGreaterThan(encoded.utf8.count, FormBody.maxBytes, "percent-encoded, the plan is past the other forms' bound")
        let r = try b.post("/import", [("csrf", token), ("text", text)])
        XCTAssertEqual(r.status, 200, String(r.text.prefix(2000)))
        XCTAssertTrue(r.text.contains("30 hạn chế, 161 nhiệm vụ"))
        XCTAssertEqual(try planCount(), 0)
        // Past the import bound: refused as too large, nothing read.
        let huge = try b.post("/import", [("csrf", token), ("text", String(repeating: "a", count: APIContext.importMaxBytes))])
        XCTAssertEqual(huge.status, 413)
    }

    func testAReporterGets403AndNoLink() throws {
        let b = try browser("tok-y-te")
        let r = try b.get("/import")
        XCTAssertEqual(r.status, 403)
        XCTAssertTrue(r.text.contains("Chức năng này chỉ dành cho cơ quan tổng hợp."))
        XCTAssertFalse(r.text.contains("href=\"/import\""))
        let home = try b.get("/")
        let post = try b.post("/import", [("csrf", PageBrowser.csrf(home) ?? ""), ("text", PlanImportTests.plan), ("action", "commit")])
        XCTAssertEqual(post.status, 403)
        XCTAssertEqual(try planCount(), 0)
    }

    func testAPostWithoutTheCSRFTokenIs403AndStoresNothing() throws {
        let b = try browser("tok-ke-hoach")
        let none = try b.post("/import", [("text", PlanImportTests.plan), ("action", "commit")])
        XCTAssertEqual(none.status, 403)
        XCTAssertTrue(none.text.contains("CSRF"))
        let wrong = try b.post("/import", [("csrf", String(repeating: "0", count: 64)), ("text", PlanImportTests.plan), ("action", "commit")])
        XCTAssertEqual(wrong.status, 403)
        XCTAssertEqual(try planCount(), 0)
    }
}
