// Problems answer in Vietnamese when Accept-Language prefers it, in English
// otherwise; code, field, status and type never change. /problems/{code} pages.

import Foundation
import XCTest
@testable import TiendoAPI

final class ProblemLanguageTests: Plan83TestCase {
    var laoDong: TestClient { s.client("tok-lao-dong") }

    func futureReport(_ lang: String?) throws -> TestResponse {
        try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-11", progress: 10),
                         headers: lang.map { [("Accept-Language", $0)] } ?? [])
    }

    func testVietnameseWhenPreferredWithTheValuesKept() throws {
        for header in ["vi", "vi-VN", "en;q=0.5, vi;q=0.8", "vi-VN,vi;q=0.9,en;q=0.8"] {
            let r = try futureReport(header)
            XCTAssertEqual(r.status, 422, r.text)
            XCTAssertEqual(r.code, "report_date_in_future")
            XCTAssertEqual(r.object["type"] as? String, "/problems/report_date_in_future")
            XCTAssertEqual(r.object["title"] as? String, "Dữ liệu không hợp lệ")
            XCTAssertEqual(r.object["detail"] as? String, "Ngày báo cáo (report_date) 2022-06-11 sau ngày hôm nay (2022-06-10).", header)
            XCTAssertEqual(r.errorFields, ["report_date"])
            XCTAssertEqual(r.errorCodes, ["report_date_in_future"])
            XCTAssertEqual(r.errors.first?["message"] as? String, "Ngày báo cáo (report_date) 2022-06-11 sau ngày hôm nay (2022-06-10).")
            XCTAssertEqual(r.header("Content-Language"), "vi")
            XCTAssertEqual(r.header("Content-Type"), "application/problem+json; charset=utf-8")
        }
    }

    func testEnglishByDefaultAndWhenPreferred() throws {
        for header in [nil, "en", "*", "vi;q=0, en", "fr", "en-US,en;q=0.9,vi;q=0.5"] as [String?] {
            let r = try futureReport(header)
            XCTAssertEqual(r.status, 422, r.text)
            XCTAssertEqual(r.code, "report_date_in_future")
            XCTAssertEqual(r.object["title"] as? String, "Validation failed", "\(header ?? "none")")
            XCTAssertEqual(r.object["detail"] as? String, "report_date 2022-06-11 is after today (2022-06-10)")
            XCTAssertEqual(r.errors.first?["message"] as? String, "report_date 2022-06-11 is after today (2022-06-10)")
            XCTAssertEqual(r.header("Content-Language"), "en")
        }
    }

    func testEveryKindOfProblemIsTranslated() throws {
        let vi = [("Accept-Language", "vi")]
        // Router: unknown path.
        var r = try admin.get("/api/v1/nowhere", headers: vi)
        XCTAssertEqual(r.status, 404)
        XCTAssertEqual(r.object["detail"] as? String, "Không có tài nguyên tại /api/v1/nowhere.")
        // Auth.
        r = try s.client().get("/api/v1/plans", headers: vi)
        XCTAssertEqual(r.status, 401)
        XCTAssertEqual(r.code, "unauthorized")
        XCTAssertEqual(r.object["detail"] as? String, "Vui lòng gửi tiêu đề Authorization: Bearer <token>.")
        XCTAssertNotNil(r.header("WWW-Authenticate"), "headers of the problem are kept")
        // Query parameter, and an id in the detail.
        r = try admin.get("/api/v1/plans/\(plan)/summary?as_of=yesterday", headers: vi)
        XCTAssertEqual(r.status, 400)
        XCTAssertEqual(r.errors.first?["message"] as? String, "as_of phải là ngày dạng YYYY-MM-DD.")
        r = try admin.get("/api/v1/tasks/999999", headers: vi)
        XCTAssertEqual(r.object["detail"] as? String, "Không có nhiệm vụ 999999.")
        // Several errors in one body: each one in Vietnamese, fields and codes as in English.
        let body: [String: Any] = ["task_id": A, "unit_id": "so-lao-dong", "period": "2022-Q2", "report_date": "2022-06-01",
                                   "status": "in_progress", "progress": "mười", "colour": "red"]
        let en = try laoDong.post("/api/v1/reports", body)
        r = try laoDong.post("/api/v1/reports", body, headers: vi)
        XCTAssertEqual(r.status, en.status)
        XCTAssertEqual(r.code, en.code)
        XCTAssertEqual(r.errorCodes, en.errorCodes)
        XCTAssertEqual(r.errorFields, en.errorFields)
        let messages = r.errors.compactMap { $0["message"] as? String }
        XCTAssertTrue(messages.contains("progress phải là số, nhưng nhận được string."), "\(messages)")
        XCTAssertTrue(messages.contains("Trường không xác định: colour."), "\(messages)")
    }

    func testRefusedRequestChangesNothingInEitherLanguage() throws {
        let before = try admin.get("/api/v1/reports?limit=1").object["total"] as? Int
        _ = try futureReport("vi")
        XCTAssertEqual(try admin.get("/api/v1/reports?limit=1").object["total"] as? Int, before)
    }

    func testProblemPagesAreServedWithoutAuthInBothLanguages() throws {
        let anon = s.client()
        let r = try anon.get("/problems/period_locked")
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.header("Content-Type"), "text/html; charset=utf-8")
        let csp = r.header("Content-Security-Policy") ?? ""
        XCTAssertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), csp)
        XCTAssertFalse(csp.contains("unsafe-inline"))
        XCTAssertTrue(r.text.contains(ProblemCatalogue.entries["period_locked"]!.meaning(.vi)))
        XCTAssertTrue(r.text.contains(ProblemCatalogue.entries["period_locked"]!.meaning(.en)))
        XCTAssertTrue(r.text.contains("<html lang=\"vi\">"))
        XCTAssertFalse(r.text.contains("<script"))

        // Every code answered has its page; the index links them all.
        let index = try anon.get("/problems")
        XCTAssertEqual(index.status, 200)
        for code in ProblemCatalogue.codes {
            XCTAssertTrue(index.text.contains("href=\"/problems/\(code)\""), code)
            XCTAssertFalse(ProblemPages.pages[code, default: []].isEmpty, code)
        }
        // A problem's type resolves to a page of this server.
        let p = try futureReport(nil)
        let type = try XCTUnwrap(p.object["type"] as? String)
        XCTAssertEqual(try anon.get(type).status, 200)
    }

    func testUnknownProblemCodeIs404AndNothingIsEchoedUnescaped() throws {
        let r = try s.client().get("/problems/%3Cscript%3Ealert(1)%3C%2Fscript%3E", headers: [("Accept-Language", "vi")])
        XCTAssertEqual(r.status, 404)
        XCTAssertEqual(r.header("Content-Type"), "application/problem+json; charset=utf-8")
        XCTAssertEqual(r.object["detail"] as? String, "Không có mã lỗi <script>alert(1)</script>.")
        XCTAssertEqual(ProblemPages.escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }
}
