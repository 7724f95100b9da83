// The HTML pages through a real socket to a real server over the demo data at a
// fixed clock: sessions and their cookie, CSRF refusals that store nothing, the
// report forms going through the API's rules (Vietnamese errors, typed values
// kept), escaping, visibility, and each page rendering for its reader.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoHTTP
import TiendoStore

/// A cookie-keeping client for the pages (what a browser does, without the browser).
final class PageBrowser {
    let client: TestClient
    var cookies: [String: String] = [:]
    init(_ client: TestClient) { self.client = client }

    var cookieHeader: [(String, String)] {
        cookies.isEmpty ? [] : [("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))]
    }

    func keep(_ r: TestResponse) {
        for (k, v) in r.headers where k.lowercased() == "set-cookie" {
            let pair = v.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if pair[1].isEmpty { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
    }

    @discardableResult
    func get(_ target: String) throws -> TestResponse {
        let r = try client.request("GET", target, headers: cookieHeader)
        keep(r)
        return r
    }

    @discardableResult
    func post(_ target: String, _ fields: [(String, String)]) throws -> TestResponse {
        let body = fields.map { "\(formEncode($0.0))=\(formEncode($0.1))" }.joined(separator: "&")
        let r = try client.request("POST", target, body: Array(body.utf8),
                                   headers: cookieHeader + [("Content-Type", "application/x-www-form-urlencoded")])
        keep(r)
        return r
    }

    func formEncode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return (s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s)
    }

    /// The first `name="csrf"` value in a page.
    static func csrf(_ page: TestResponse) -> String? {
        let t = page.text
        guard let r = t.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(t[r.upperBound...].prefix(while: { $0 != "\"" }))
    }

    func login(_ token: String) throws -> TestResponse {
        let form = try get("/login")
        return try post("/login", [("csrf", PageBrowser.csrf(form) ?? ""), ("token", token)])
    }
}

extension TestServer {
    /// A browser signed in with `token` (its login must be the 303 to the page asked for).
    func signedIn(_ token: String, file: StaticString = #filePath, line: UInt = #line) throws -> PageBrowser {
        let b = PageBrowser(client())
        let r = try b.login(token)
        XCTAssertEqual(r.status, 303, r.text, file: file, line: line)
        return b
    }
}

final class PagesTests: XCTestCase {
    var s: TestServer!
    var demo: DemoSummary!

    override func setUpWithError() throws {
        s = try TestServer(now: "2026-12-06T10:00:00+07:00")
        demo = try DemoData.load(into: s.store, now: s.clock.now)
    }

    override func tearDown() { s.stop() }

    func browser(_ token: String) throws -> PageBrowser { try s.signedIn(token) }

    func reportCount(_ unit: String) throws -> Int {
        let r = try s.client("demo-admin").get("/api/v1/reports?unit_id=\(unit)&limit=1")
        return r.object["total"] as? Int ?? -1
    }

    /// An open (task, period) Hoằng Hóa still owes for today's quarter of plan 63.
    var owedTask: Int64 { demo.currentPlanID.map { _ in 20 } ?? 0 }

    func testLoginSetsAStrictHttpOnlySessionCookieAndTheTokenNeverAppearsInAURL() throws {
        let b = PageBrowser(s.client())
        let form = try b.get("/login")
        XCTAssertEqual(form.status, 200)
        XCTAssertTrue(form.text.contains("name=\"token\""))
        XCTAssertTrue(form.text.contains("<label for=\"token\">"))
        XCTAssertTrue(form.text.contains("method=\"post\""))
        let bad = try b.post("/login", [("csrf", PageBrowser.csrf(form) ?? ""), ("token", "not-a-token")])
        XCTAssertEqual(bad.status, 401)
        XCTAssertTrue(bad.text.contains("Mã truy cập không đúng"))
        XCTAssertNil(b.cookies["tiendo_session"])

        let form2 = try b.get("/login?next=/plans/1")
        let ok = try b.post("/login?next=/plans/1", [("csrf", PageBrowser.csrf(form2) ?? ""), ("token", "demo-tai-chinh")])
        XCTAssertEqual(ok.status, 303)
        XCTAssertEqual(ok.header("Location"), "/plans/1")
        XCTAssertFalse(ok.header("Location")?.contains("demo-tai-chinh") ?? true)
        let cookie = ok.headers.first { $0.0.lowercased() == "set-cookie" && $0.1.hasPrefix("tiendo_session=") }?.1 ?? ""
        XCTAssertTrue(cookie.contains("HttpOnly"), cookie)
        XCTAssertTrue(cookie.contains("SameSite=Strict"), cookie)
        XCTAssertFalse(cookie.contains("Secure"), "plain http: no Secure flag")
        XCTAssertFalse(cookie.contains("demo-tai-chinh"))
        // Stored hashed: the cookie's secret is not in the table.
        let secret = b.cookies["tiendo_session"] ?? ""
        XCTAssertEqual(secret.count, 64)
        let stored = try s.store.read { try $0.scalar("SELECT count(*) FROM sessions WHERE hash = ?", [.text(secret)]).int64Value }
        XCTAssertEqual(stored, 0)
        XCTAssertNotNil(try s.store.read { try SessionStore.find(hash: SHA256.hex(secret), in: $0) })
        // An open redirect is not followed.
        XCTAssertNil(PageContext.safeNext("//evil.example/"))
        XCTAssertNil(PageContext.safeNext("https://evil.example/"))
        XCTAssertEqual(PageContext.safeNext("/tasks/3"), "/tasks/3")
    }

    func testLoginWithoutItsCSRFCookieIsRefused() throws {
        let b = PageBrowser(s.client())
        let r = try b.post("/login", [("csrf", String(repeating: "a", count: 64)), ("token", "demo-tai-chinh")])
        XCTAssertEqual(r.status, 403)
        XCTAssertNil(b.cookies["tiendo_session"])
    }

    func testSecureCookieWhenThePublicURLIsHTTPS() throws {
        setenv("TIENDO_PUBLIC_URL", "https://tiendo.example.vn", 1)
        defer { unsetenv("TIENDO_PUBLIC_URL") }
        let secure = try TestServer(now: "2026-12-06T10:00:00+07:00")
        defer { secure.stop() }
        try secure.token("secure-admin-token", role: "admin")
        let b = PageBrowser(secure.client())
        let r = try b.login("secure-admin-token")
        let cookie = r.headers.first { $0.0.lowercased() == "set-cookie" && $0.1.hasPrefix("tiendo_session=") }?.1 ?? ""
        XCTAssertTrue(cookie.contains("; Secure"), cookie)
    }

    func testPagesNeedASessionAndCarryTheSecurityHeaders() throws {
        let anonymous = try s.client().get("/plans/1")
        XCTAssertEqual(anonymous.status, 303)
        XCTAssertEqual(anonymous.header("Location"), "/login?next=%2Fplans%2F1")
        let b = try browser("demo-tai-chinh")
        for path in ["/", "/plans/1", "/login", "/tasks/1", Stylesheet.path] {
            let r = try b.get(path)
            XCTAssertEqual(r.status, 200, path)
            let csp = r.header("Content-Security-Policy") ?? ""
            XCTAssertTrue(csp.contains("frame-ancestors 'none'"), path)
            XCTAssertFalse(csp.contains("unsafe-inline"), path)
            XCTAssertEqual(r.header("X-Content-Type-Options"), "nosniff", path)
            XCTAssertEqual(r.header("Referrer-Policy"), "same-origin", path)
        }
        // No inline style or script anywhere (the CSP would block them).
        let home = try b.get("/plans/2").text
        XCTAssertFalse(home.contains("style="))
        XCTAssertFalse(home.contains("<script"))
        XCTAssertFalse(home.contains("<style"))
    }

    func testAFormPostWithoutTheCSRFTokenIsRefusedAndStoresNothing() throws {
        let b = try browser("demo-hoang-hoa")
        let before = try reportCount("huyen-hoang-hoa")
        let fields = [("period", "Quý IV/2026"), ("report_date", "05/12/2026"), ("status", "in_progress"), ("progress", "97")]
        let none = try b.post("/tasks/\(owedTask)", fields)
        XCTAssertEqual(none.status, 403)
        XCTAssertTrue(none.text.contains("CSRF"))
        let wrong = try b.post("/tasks/\(owedTask)", fields + [("csrf", String(repeating: "0", count: 64))])
        XCTAssertEqual(wrong.status, 403)
        // Another session's token does not do either.
        let other = try browser("demo-hoang-hoa")
        let otherCSRF = PageBrowser.csrf(try other.get("/")) ?? ""
        XCTAssertEqual(try b.post("/tasks/\(owedTask)", fields + [("csrf", otherCSRF)]).status, 403)
        XCTAssertEqual(try b.post("/", [("report_date", "05/12/2026")]).status, 403)
        XCTAssertEqual(try reportCount("huyen-hoang-hoa"), before)
        // Without a session at all: refused too.
        XCTAssertEqual(try PageBrowser(s.client()).post("/tasks/\(owedTask)", fields).status, 403)
    }

    func testTheReportFormTakesWhatClerksTypeAndStoresItThroughTheAPI() throws {
        let b = try browser("demo-hoang-hoa")
        let page = try b.get("/tasks/\(owedTask)")
        XCTAssertEqual(page.status, 200)
        for name in ["period", "report_date", "status", "progress", "completed_on", "result", "obstacles", "proposals"] {
            XCTAssertTrue(page.text.contains("name=\"\(name)\""), name)
            XCTAssertTrue(page.text.contains("<label for=\"\(name)\""), "label for \(name)")
        }
        XCTAssertTrue(page.text.contains("<option value=\"in_progress\""))
        let r = try b.post("/tasks/\(owedTask)", [("csrf", PageBrowser.csrf(page) ?? ""), ("unit_id", "huyen-hoang-hoa"),
                                                  ("period", "Quý IV/2026"), ("report_date", "05/12/2026"),
                                                  ("status", "Đang thực hiện"), ("progress", "97%"),
                                                  ("result", "Đã tuyển 12 giáo viên"), ("obstacles", ""), ("proposals", "")])
        XCTAssertEqual(r.status, 303, r.text)
        XCTAssertEqual(r.header("Location"), "/tasks/\(owedTask)?sent=1")
        let api = try s.client("demo-hoang-hoa").get("/api/v1/reports?task_id=\(owedTask)&unit_id=huyen-hoang-hoa&period=2026-Q4")
        let item = api.items.first
        XCTAssertEqual(item?["report_date"] as? String, "2026-12-05")
        XCTAssertEqual(item?["status"] as? String, "in_progress")
        XCTAssertEqual(number(item?["progress"]), 97)
        XCTAssertEqual(item?["result"] as? String, "Đã tuyển 12 giáo viên")
        XCTAssertEqual(item?["on_time"] as? Bool, true)
    }

    func testAnInvalidReportShowsEveryErrorInVietnameseNextToItsFieldAndKeepsWhatWasTyped() throws {
        let b = try browser("demo-hoang-hoa")
        let before = try reportCount("huyen-hoang-hoa")
        let page = try b.get("/tasks/\(owedTask)")
        let r = try b.post("/tasks/\(owedTask)", [("csrf", PageBrowser.csrf(page) ?? ""), ("period", "Quý IV/2026"),
                                                  ("report_date", "31/02/2026"), ("status", "Hoàn thành"), ("progress", "150"),
                                                  ("result", "Kết quả <b>đậm</b> giữ nguyên")])
        XCTAssertEqual(r.status, 422)
        let t = r.text
        XCTAssertTrue(t.contains("id=\"loi-report-date\""), t)
        XCTAssertTrue(t.contains("Ngày báo cáo không đúng dạng"))
        XCTAssertTrue(t.contains("id=\"loi-progress\""))
        XCTAssertTrue(t.contains("Tiến độ phải từ 0 đến 100."))
        XCTAssertTrue(t.contains("id=\"loi-completed-on\""), "completed without a date, reported at once")
        XCTAssertTrue(t.contains("value=\"150\""))
        XCTAssertTrue(t.contains("value=\"31/02/2026\""))
        XCTAssertTrue(t.contains("Kết quả &lt;b&gt;đậm&lt;/b&gt; giữ nguyên</textarea>"))
        XCTAssertTrue(t.contains("<option value=\"completed\" selected=\"selected\">"))
        XCTAssertEqual(try reportCount("huyen-hoang-hoa"), before)
    }

    func testStoredScriptTextRendersAsText() throws {
        let b = try browser("demo-hoang-hoa")
        let page = try b.get("/tasks/\(owedTask)")
        let r = try b.post("/tasks/\(owedTask)", [("csrf", PageBrowser.csrf(page) ?? ""), ("period", "2026-Q4"),
                                                  ("report_date", "2026-12-05"), ("status", "in_progress"), ("progress", "98"),
                                                  ("result", "<script>alert('xss')</script>\"><img src=x onerror=alert(1)>")])
        XCTAssertEqual(r.status, 303, r.text)
        let t = try b.get("/tasks/\(owedTask)").text
        XCTAssertFalse(t.contains("<script>alert"))
        XCTAssertFalse(t.contains("<img src=x"))
        XCTAssertTrue(t.contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
    }

    func testReportersSeeOnlyTheirPlansAndPostOnlyForTheirUnit() throws {
        try s.token("xa-hoang-dao-token", role: "reporter", unit: "xa-hoang-dao")
        let commune = try browser("xa-hoang-dao-token")
        let forbidden = try commune.get("/plans/1")
        XCTAssertEqual(forbidden.status, 403)
        XCTAssertTrue(forbidden.text.contains("không tham gia kế hoạch"))
        XCTAssertEqual(try commune.get("/tasks/1").status, 403)
        XCTAssertFalse(try commune.get("/").text.contains("83/KH-UBND"))

        let b = try browser("demo-hoang-hoa")
        let before = try reportCount("huyen-thuong-xuan")
        let page = try b.get("/tasks/\(owedTask)")
        let r = try b.post("/tasks/\(owedTask)", [("csrf", PageBrowser.csrf(page) ?? ""), ("unit_id", "huyen-thuong-xuan"),
                                                  ("period", "2026-Q4"), ("report_date", "05/12/2026"), ("status", "in_progress"),
                                                  ("progress", "99")])
        XCTAssertEqual(r.status, 422)
        XCTAssertTrue(r.text.contains("chỉ được báo cáo cho đơn vị mình"), r.text)
        XCTAssertEqual(try reportCount("huyen-thuong-xuan"), before)
        // A clerk gets no lock button, and a forged lock post is refused.
        let period = try b.get("/plans/2/periods/2026-Q3")
        XCTAssertEqual(period.status, 200)
        XCTAssertFalse(period.text.contains("/lock\""))
        XCTAssertEqual(try b.post("/plans/2/periods/2026-Q3/lock", [("csrf", PageBrowser.csrf(period) ?? ""), ("action", "lock")]).status, 403)
    }

    func testTheBatchFormOnTheHomePageIsAllOrNothing() throws {
        let b = try browser("demo-hoang-hoa")
        let home = try b.get("/")
        XCTAssertEqual(home.status, 200)
        XCTAssertTrue(home.text.contains("Chưa gửi — còn 9 ngày"), home.text)
        XCTAssertTrue(home.text.contains("name=\"reports[0].progress\""))
        let csrf = PageBrowser.csrf(home) ?? ""
        let before = try reportCount("huyen-hoang-hoa")
        // Which rows the form offers: their task ids.
        let ids = home.text.components(separatedBy: ".task_id\" value=\"").dropFirst().map { String($0.prefix(while: \.isNumber)) }
        XCTAssertGreaterThanOrEqual(ids.count, 2)
        /// The whole form, with `filled` rows given a status and a progress, the others left blank.
        func form(_ filled: [Int: (String, String)]) -> [(String, String)] {
            var fields: [(String, String)] = [("csrf", csrf), ("report_date", "05/12/2026")]
            for (i, id) in ids.enumerated() {
                fields += [("reports[\(i)].task_id", id), ("reports[\(i)].period", "2026-Q4"),
                           ("reports[\(i)].status", filled[i]?.0 ?? ""), ("reports[\(i)].progress", filled[i]?.1 ?? "")]
            }
            return fields
        }
        let refused = try b.post("/", form([0: ("in_progress", "99"), 1: ("in_progress", "x")]))
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.text.contains("id=\"loi-reports-1--progress\""), refused.text)
        XCTAssertTrue(refused.text.contains("value=\"99\""), "what was typed in the good row is kept")
        XCTAssertEqual(try reportCount("huyen-hoang-hoa"), before, "nothing stored when one row is wrong")
        let sent = try b.post("/", form([0: ("Đang thực hiện", "99"), 1: ("in_progress", "99")]))
        XCTAssertEqual(sent.status, 303, sent.text)
        XCTAssertTrue(sent.header("Location")?.hasPrefix("/?sent=2") ?? false, sent.header("Location") ?? "")
        XCTAssertEqual(try reportCount("huyen-hoang-hoa"), before + 2)
    }

    func testLogoutAndTokenRevocationEndTheSession() throws {
        let b = try browser("demo-hoang-hoa")
        let old = b.cookies
        let home = try b.get("/")
        XCTAssertEqual(try b.post("/logout", [("csrf", PageBrowser.csrf(home) ?? "")]).status, 303)
        b.cookies = old
        XCTAssertEqual(try b.get("/").status, 303, "a logged-out session no longer opens pages")

        let created = try s.tokens.create(role: "reporter", unitID: "huyen-thuong-xuan", token: "thuong-xuan-2")
        let c = try browser("thuong-xuan-2")
        XCTAssertEqual(try c.get("/").status, 200)
        XCTAssertTrue(try s.tokens.revoke(id: created.record.id))
        XCTAssertEqual(try c.get("/").status, 303, "revoking the token ends its sessions")
    }

    func testEveryPageRendersForTheFinanceOfficeUnder200KB() throws {
        let b = try browser("demo-tai-chinh")
        let checks: [(String, String)] = [
            ("/", "Chưa hoàn thành – quá hạn"), ("/plans/2", "Tiến độ theo hạn chế, yếu kém"), ("/plans/1?as_of=2022-09-30", "Nhiệm vụ quá hạn"),
            ("/plans/2/periods/2026-Q3", "Danh sách đôn đốc"), ("/plans/2/periods/2026-Q4", "chưa đến hạn"),
            ("/plans/1/periods/Qu%C3%BD%20III%2F2022", "Bảng theo dõi"), ("/tasks/19", "Lịch sử báo cáo"), ("/units/huyen-hoang-hoa", "Bảng điểm"),
        ]
        for (path, text) in checks {
            let r = try b.get(path)
            XCTAssertEqual(r.status, 200, path)
            XCTAssertTrue(r.text.contains(text), "\(path) shows \(text)")
            XCTAssertLessThan(r.body.count, 200_000, path)
        }
        XCTAssertTrue(try b.get("/plans/2/periods/2026-Q3").text.contains("class=\"missing\">Thiếu<"))
        XCTAssertEqual(try b.get("/plans/99").status, 404)
        XCTAssertEqual(try b.get("/plans/2/periods/2026-Q9").status, 404)
        XCTAssertEqual(try b.get("/plans/2?as_of=hôm-nay").status, 400)
        // The aggregator of plan 63 locks and unlocks a period from the page.
        let period = try b.get("/plans/2/periods/2026-Q3")
        let locked = try b.post("/plans/2/periods/2026-Q3/lock", [("csrf", PageBrowser.csrf(period) ?? ""), ("action", "lock")])
        XCTAssertEqual(locked.status, 303)
        XCTAssertTrue(try b.get(locked.header("Location") ?? "").text.contains("Đã khóa sổ kỳ này"))
        let periods = try s.client("demo-admin").get("/api/v1/plans/2/periods")
        XCTAssertEqual(periods.items.first { $0["period"] as? String == "2026-Q3" }?["locked"] as? Bool, true)
        XCTAssertEqual(try b.post("/plans/2/periods/2026-Q3/lock", [("csrf", PageBrowser.csrf(period) ?? ""), ("action", "unlock")]).status, 303)
    }

    func testExportLinksWorkWithTheSessionForReadsOnly() throws {
        let b = try browser("demo-tai-chinh")
        let csv = try b.get("/api/v1/plans/2/compliance?period=2026-Q3&format=csv")
        XCTAssertEqual(csv.status, 200, csv.text)
        XCTAssertTrue(csv.header("Content-Type")?.hasPrefix("text/csv") ?? false)
        // A cookie never authorizes an API write.
        let r = try s.client().request("POST", "/api/v1/reports", body: Array("{}".utf8), headers: b.cookieHeader)
        XCTAssertEqual(r.status, 401)
    }
}

final class PageInputTests: XCTestCase {
    func testFormBodyDecodesPlusPercentAndUTF8() throws {
        let f = try FormBody.decode(Array("a=1&b=x+y&c=Qu%C3%BD+III%2F2022&d&&e=".utf8))
        XCTAssertEqual(f["a"], "1")
        XCTAssertEqual(f["b"], "x y")
        XCTAssertEqual(f["c"], "Quý III/2022")
        XCTAssertEqual(f["d"], "")
        XCTAssertEqual(f["e"], "")
        XCTAssertNil(f["z"])
        XCTAssertEqual(f.fields.count, 5, "the empty pair is skipped")
    }

    func testFormBodyRefusesMalformedAndOversizedBodies() {
        XCTAssertThrowsError(try FormBody.decode(Array("a=%ZZ".utf8)))
        XCTAssertThrowsError(try FormBody.decode(Array("a=%C3".utf8)), "a lone UTF-8 lead byte")
        XCTAssertThrowsError(try FormBody.decode([0x61, 0x3D, 0xFF]), "raw bytes that are not UTF-8")
        XCTAssertThrowsError(try FormBody.decode(Array(String(repeating: "n", count: 200).utf8) + Array("=1".utf8)), "name too long")
        let many = (0...FormBody.maxFields).map { "f\($0)=1" }.joined(separator: "&")
        XCTAssertThrowsError(try FormBody.decode(Array(many.utf8))) { XCTAssertEqual($0 as? FormBody.Failure, .tooManyFields) }
        XCTAssertThrowsError(try FormBody.decode([UInt8](repeating: 0x61, count: FormBody.maxBytes + 1))) {
            XCTAssertEqual($0 as? FormBody.Failure, .tooLarge)
        }
    }

    func testClerkDatesPeriodsStatusesAndNumbers() {
        XCTAssertEqual(ClerkInput.date("14/06/2022"), "2022-06-14")
        XCTAssertEqual(ClerkInput.date("4/6/2022"), "2022-06-04")
        XCTAssertEqual(ClerkInput.date("04.06.2022"), "2022-06-04")
        XCTAssertEqual(ClerkInput.date("2022-06-14"), "2022-06-14")
        XCTAssertEqual(ClerkInput.date("31/02/2022"), "31/02/2022", "not a day: left for the API to name")
        XCTAssertEqual(ClerkInput.period("Quý III/2022"), "2022-Q3")
        XCTAssertEqual(ClerkInput.period("quý 3 năm 2022"), "2022-Q3")
        XCTAssertEqual(ClerkInput.period("QUY IV/2022"), "2022-Q4")
        XCTAssertEqual(ClerkInput.period("Q2/2022"), "2022-Q2")
        XCTAssertEqual(ClerkInput.period("2022-Q1"), "2022-Q1")
        XCTAssertEqual(ClerkInput.period("Tháng 6/2022"), "2022-M06")
        XCTAssertEqual(ClerkInput.period("6 tháng đầu năm 2022"), "2022-H1")
        XCTAssertEqual(ClerkInput.period("Năm 2022"), "2022")
        XCTAssertEqual(ClerkInput.period("Quý IX/2022"), "Quý IX/2022")
        XCTAssertEqual(ClerkInput.show(.quarter(year: 2022, quarter: 3)), "Quý III/2022")
        XCTAssertEqual(ClerkInput.status("Đang thực hiện"), "in_progress")
        XCTAssertEqual(ClerkInput.status("dang thuc hien"), "in_progress")
        XCTAssertEqual(ClerkInput.status("Hoàn thành"), "completed")
        XCTAssertEqual(ClerkInput.status("Chưa bắt đầu"), "not_started")
        XCTAssertEqual(ClerkInput.status("completed"), "completed")
        XCTAssertEqual(ClerkInput.number("40,5"), 40.5)
        XCTAssertEqual(ClerkInput.number("97%"), 97)
        XCTAssertNil(ClerkInput.number("abc"))
        XCTAssertNil(ClerkInput.number("nan"))
    }

    func testHTMLEscapesEveryText() {
        var h = HTML()
        h.el("p", [("title", "\"><script>")], text: "<script>alert('x')</script> & co")
        XCTAssertEqual(h.output, "<p title=\"&quot;&gt;&lt;script&gt;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</p>")
    }
}

final class SessionMigrationTests: XCTestCase {
    /// 0008 applies to a database that already holds data from the earlier migrations.
    func testSessionsMigrationAppliesToAnExistingDatabase() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-0008-\(UUID().uuidString)")
        let older = dir.appendingPathComponent("older-migrations")
        try FileManager.default.createDirectory(at: older, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in try FileManager.default.contentsOfDirectory(atPath: TestServer.migrations.path) where f < "0008" {
            try FileManager.default.copyItem(at: TestServer.migrations.appendingPathComponent(f), to: older.appendingPathComponent(f))
        }
        let path = dir.appendingPathComponent("t.sqlite").path
        do {
            let store = try Store(path: path, migrations: older, readers: 1, durability: .normal)
            try TokenService(store: store).bootstrapAdmin(token: "existing-admin")
            store.close()
        }
        let store = try Store(path: path, migrations: TestServer.migrations, readers: 1, durability: .normal)
        defer { store.close() }
        let token = try XCTUnwrap(try store.read { try TokenStore.find(hash: TokenService.hash("existing-admin"), in: $0) })
        _ = try store.write { try SessionStore.insert(hash: "h", tokenID: token.id, createdAt: "2026-01-01T00:00:00Z",
                                                      expiresAt: "2026-01-01T12:00:00Z", in: $0) }
        let found = try store.read { try SessionStore.find(hash: "h", in: $0) }
        XCTAssertEqual(found?.role, "admin")
        XCTAssertEqual(try store.write { try SessionStore.revokeAll(tokenID: token.id, at: "2026-01-01T01:00:00Z", in: $0) }, 1)
        XCTAssertEqual(try store.write { try SessionStore.prune(before: "2026-01-01T00:30:00Z", in: $0) }, 0, "still live then")
        XCTAssertEqual(try store.write { try SessionStore.prune(before: "2026-01-02T00:00:00Z", in: $0) }, 1)
    }
}
