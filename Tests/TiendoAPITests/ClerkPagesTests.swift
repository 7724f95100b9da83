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

    func browser(_ token: String) throws -> PageBrowser { try s.signedIn(token) }

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

    /// The aggregator returns a report from the task page (the API's review, same rules), and a
    /// return without a comment is refused next to its field with nothing stored.
    func testTheAggregatorReturnsAReportFromTheTaskPage() throws {
        let id = try sendReport()
        XCTAssertFalse(try browser("demo-hoang-hoa").get("/tasks/\(task)").text.contains("id=\"xem-xet\""), "a clerk does not review")
        let fin = try browser("demo-tai-chinh")
        let page = try fin.get("/tasks/\(task)")
        XCTAssertTrue(page.text.contains("action=\"/tasks/\(task)/review#xem-xet\""), page.text)
        XCTAssertTrue(page.text.contains("<option value=\"\(id)\">UBND huyện Hoằng Hóa — Quý IV/2026, lần gửi 1</option>"), page.text)
        let csrf = PageBrowser.csrf(page) ?? ""

        let bare = try fin.post("/tasks/\(task)/review", [("csrf", csrf), ("report_id", String(id)), ("decision", "returned"),
                                                          ("comment", "  ")])
        XCTAssertEqual(bare.status, 422, bare.text)
        XCTAssertTrue(bare.text.contains("id=\"loi-comment\""), bare.text)
        XCTAssertTrue(bare.text.contains("<option value=\"returned\" selected=\"selected\">"), "what was chosen is kept")
        let reviews = { try self.s.client("demo-tai-chinh").get("/api/v1/reports/\(id)").object["review_status"] as? String }
        XCTAssertEqual(try reviews(), "awaiting_review", "nothing stored")
        XCTAssertEqual(try fin.post("/tasks/\(task)/review", [("report_id", String(id)), ("decision", "accepted")]).status, 403,
                       "no CSRF token: refused")

        let done = try fin.post("/tasks/\(task)/review", [("csrf", csrf), ("report_id", String(id)), ("decision", "returned"),
                                                          ("comment", "Bổ sung số liệu giải ngân")])
        XCTAssertEqual(done.status, 303, done.text)
        XCTAssertEqual(try reviews(), "returned")
        XCTAssertTrue(try browser("demo-hoang-hoa").get("/").text.contains("Bổ sung số liệu giải ngân"), "the clerk sees why")
    }

    // MARK: 2. correcting one field

    /// The correction form's fields as the page prefilled them, with `changes` typed over.
    func correctionFields(_ page: TestResponse, _ changes: [String: String]) -> [(String, String)] {
        let reportID = page.text.components(separatedBy: "name=\"report_id\" value=\"").dropFirst().first.map { String($0.prefix(while: \.isNumber)) } ?? ""
        var fields: [(String, String)] = [("csrf", PageBrowser.csrf(page) ?? ""), ("report_id", reportID)]
        let prefilled = ["report_date": "05/12/2026", "status": "in_progress", "progress": "40", "completed_on": "",
                         "result": "Đã khảo sát 3 xã", "obstacles": "Thiếu kinh phí", "proposals": ""]
        for (k, v) in prefilled { fields.append((k, changes[k] ?? v)) }
        return fields
    }

    func testTheCorrectionFormSendsOnlyWhatChangedAndTheRevisionKeepsTheRest() throws {
        let first = try sendReport()
        let clerk = try browser("demo-hoang-hoa")
        let page = try clerk.get("/tasks/\(task)")
        XCTAssertTrue(page.text.contains("action=\"/tasks/\(task)/correction#sua-bao-cao\""), page.text)
        XCTAssertTrue(page.text.contains("name=\"report_id\" value=\"\(first)\""))
        XCTAssertTrue(page.text.contains("id=\"sua-progress\" name=\"progress\" value=\"40\""), "prefilled with the current values")
        XCTAssertTrue(page.text.contains("Thiếu kinh phí</textarea>"))

        let r = try clerk.post("/tasks/\(task)/correction", correctionFields(page, ["progress": "55%"]))
        XCTAssertEqual(r.status, 303, r.text)
        let now = try latest()
        XCTAssertEqual(number(now["revision"]), 2)
        XCTAssertEqual(number(now["progress"]), 55)
        XCTAssertEqual(now["result"] as? String, "Đã khảo sát 3 xã", "what was not changed is kept")
        XCTAssertEqual(now["obstacles"] as? String, "Thiếu kinh phí")
        XCTAssertEqual(now["report_date"] as? String, "2026-12-05")
    }

    func testACorrectionWithAnErrorShowsItNextToTheFieldAndLosesNothingTyped() throws {
        _ = try sendReport()
        let clerk = try browser("demo-hoang-hoa")
        let page = try clerk.get("/tasks/\(task)")
        let bad = try clerk.post("/tasks/\(task)/correction", correctionFields(page, ["progress": "bốn mươi", "completed_on": "31/02/2026",
                                                                                   "result": "Đã khảo sát 5 xã <b>"]))
        XCTAssertEqual(bad.status, 422)
        XCTAssertTrue(bad.text.contains("id=\"loi-progress\""), bad.text)
        XCTAssertTrue(bad.text.contains("Tiến độ phải là một số"))
        XCTAssertTrue(bad.text.contains("id=\"loi-completed-on\""), "every error at once")
        XCTAssertTrue(bad.text.contains("value=\"bốn mươi\""))
        XCTAssertTrue(bad.text.contains("Đã khảo sát 5 xã &lt;b&gt;</textarea>"))
        XCTAssertEqual(number(try latest()["revision"]), 1, "nothing stored")

        let same = try clerk.post("/tasks/\(task)/correction", correctionFields(page, [:]))
        XCTAssertEqual(same.status, 422)
        XCTAssertTrue(same.text.contains("Chưa có mục nào thay đổi"), same.text)
        XCTAssertEqual(number(try latest()["revision"]), 1)
    }

    // MARK: 3. "unchanged" from the whole-period form

    func testTheWholePeriodFormSendsUnchangedAndCarriesTheLastReport() throws {
        let clerk = try browser("demo-hoang-hoa")
        let home = try clerk.get("/")
        XCTAssertTrue(home.text.contains("<option value=\"unchanged\">Không thay đổi</option>"), home.text)
        let ids = batchTaskIDs(home)
        let periods = home.text.components(separatedBy: ".period\" value=\"").dropFirst().map { String($0.prefix(while: { $0 != "\"" })) }
        // Rows whose task the unit reported on in an earlier period have something to carry.
        let earlier = try s.client("demo-hoang-hoa").get("/api/v1/reports?unit_id=huyen-hoang-hoa&limit=500").items
        func hasEarlier(_ i: Int) -> Bool {
            earlier.contains { String(Int(number($0["task_id"]) ?? 0)) == ids[i] && ($0["period"] as? String ?? "") < periods[i] }
        }
        guard let carried = ids.indices.first(where: hasEarlier) else { return XCTFail("no row with an earlier report: \(ids)") }
        func form(_ rows: [Int: (String, String)]) -> [(String, String)] {
            var fields: [(String, String)] = [("csrf", PageBrowser.csrf(home) ?? ""), ("report_date", "05/12/2026")]
            for (i, id) in ids.enumerated() {
                fields += [("reports[\(i)].task_id", id), ("reports[\(i)].period", periods[i]),
                           ("reports[\(i)].status", rows[i]?.0 ?? ""), ("reports[\(i)].progress", rows[i]?.1 ?? "")]
            }
            return fields
        }
        // "Unchanged" carries the last progress: a progress typed beside it is refused, next to it.
        let refused = try clerk.post("/", form([carried: ("Không thay đổi", "70")]))
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.text.contains("id=\"loi-reports-\(carried)--progress\""), refused.text)
        XCTAssertTrue(refused.text.contains("<option value=\"unchanged\" selected=\"selected\">"), "the choice is kept")

        let sent = try clerk.post("/", form([carried: ("unchanged", "")]))
        XCTAssertEqual(sent.status, 303, sent.text)
        let stored = try s.client("demo-hoang-hoa").get("/api/v1/reports?unit_id=huyen-hoang-hoa&task_id=\(ids[carried])&period=\(periods[carried])")
        XCTAssertEqual(stored.items.first?["unchanged"] as? Bool, true, stored.text)
    }

    // MARK: 4. asking for an extension

    func testAClerkAsksForAnExtensionAndTheAggregatorGrantsItFromThePlanPage() throws {
        let clerk = try browser("demo-hoang-hoa")
        let page = try clerk.get("/tasks/\(task)")
        XCTAssertTrue(page.text.contains("action=\"/tasks/\(task)/extension-request#de-nghi-gia-han\""), page.text)
        XCTAssertTrue(page.text.contains("<label for=\"gh-deadline\""))
        let csrf = PageBrowser.csrf(page) ?? ""

        let empty = try clerk.post("/tasks/\(task)/extension-request", [("csrf", csrf), ("deadline", ""), ("reason", "")])
        XCTAssertEqual(empty.status, 422)
        XCTAssertTrue(empty.text.contains("id=\"loi-deadline\""), empty.text)
        XCTAssertTrue(empty.text.contains("id=\"loi-reason\""))
        let early = try clerk.post("/tasks/\(task)/extension-request", [("csrf", csrf), ("deadline", "Quý IV/2020"), ("reason", "Chờ vốn <b>")])
        XCTAssertEqual(early.status, 422)
        XCTAssertTrue(early.text.contains("id=\"loi-deadline\""), early.text)
        XCTAssertTrue(early.text.contains("value=\"Quý IV/2020\""), "what was typed is kept")
        XCTAssertTrue(early.text.contains("Chờ vốn &lt;b&gt;</textarea>"))

        let sent = try clerk.post("/tasks/\(task)/extension-request", [("csrf", csrf), ("deadline", "30/06/2027"),
                                                                       ("reason", "Chờ bố trí vốn năm 2027")])
        XCTAssertEqual(sent.status, 303, sent.text)
        let waiting = try clerk.get("/tasks/\(task)")
        XCTAssertTrue(waiting.text.contains("Đang chờ trả lời"), waiting.text)
        XCTAssertFalse(waiting.text.contains("action=\"/tasks/\(task)/extension-request"), "one pending request at a time")

        let finance = try browser("demo-tai-chinh")
        let plan = try finance.get("/plans/2")
        XCTAssertTrue(plan.text.contains("Đề nghị gia hạn chờ trả lời (1)"), plan.text)
        XCTAssertTrue(plan.text.contains("Chờ bố trí vốn năm 2027"))
        let action = plan.text.components(separatedBy: "action=\"/extension-requests/").dropFirst().first.map { String($0.prefix(while: \.isNumber)) } ?? ""
        let target = "/extension-requests/\(action)/decision"
        XCTAssertEqual(try clerk.post(target, [("csrf", csrf), ("decision", "granted")]).status, 403, "a clerk cannot answer")
        let noReason = try finance.post(target, [("csrf", PageBrowser.csrf(plan) ?? ""), ("decision", "declined"), ("comment", ""), ("deadline", "")])
        XCTAssertEqual(noReason.status, 422)
        XCTAssertTrue(noReason.text.contains("id=\"loi-comment\""), noReason.text)

        let granted = try finance.post(target, [("csrf", PageBrowser.csrf(plan) ?? ""), ("decision", "granted"),
                                                ("comment", "Đồng ý."), ("deadline", "")])
        XCTAssertEqual(granted.status, 303, granted.text)
        XCTAssertEqual(granted.header("Location"), "/plans/2?decided=granted#de-nghi-gia-han")
        XCTAssertFalse(try finance.get("/plans/2").text.contains("Đề nghị gia hạn chờ trả lời"))
        let after = try clerk.get("/tasks/\(task)")
        XCTAssertTrue(after.text.contains("30/06/2027 (đã gia hạn)"), after.text)
        XCTAssertTrue(after.text.contains("Đã đồng ý gia hạn ngày 06/12/2026"))
        let api = try s.client("demo-hoang-hoa").get("/api/v1/tasks/\(task)")
        XCTAssertEqual(api.object["due_on"] as? String, "2027-06-30")
    }

    // MARK: 5. the admin's tokens page

    func testTheAdminCreatesATokenSeenOnceAndRevokesIt() throws {
        XCTAssertEqual(try browser("demo-tai-chinh").get("/tokens").status, 403, "admins only")
        let admin = try browser("demo-admin")
        let page = try admin.get("/tokens")
        XCTAssertEqual(page.status, 200, page.text)
        XCTAssertTrue(page.text.contains("<label for=\"unit_id\""))
        let csrf = PageBrowser.csrf(page) ?? ""

        let bad = try admin.post("/tokens", [("csrf", csrf), ("role", "reporter"), ("unit_id", ""), ("label", "Chị Lan"),
                                             ("expires_at", "01/01/2020")])
        XCTAssertEqual(bad.status, 422)
        XCTAssertTrue(bad.text.contains("id=\"loi-unit-id\""), bad.text)
        XCTAssertTrue(bad.text.contains("id=\"loi-expires-at\""), "every error at once")
        XCTAssertTrue(bad.text.contains("value=\"Chị Lan\""))

        let made = try admin.post("/tokens", [("csrf", csrf), ("role", "reporter"), ("unit_id", "huyen-hoang-hoa"),
                                              ("label", "Chị Lan, văn phòng UBND huyện"), ("expires_at", "31/12/2027")])
        XCTAssertEqual(made.status, 200, made.text)
        let secret = made.text.components(separatedBy: "<code class=\"secret\">").dropFirst().first.map { String($0.prefix(while: { $0 != "<" })) } ?? ""
        XCTAssertGreaterThanOrEqual(secret.count, 24, made.text)
        XCTAssertEqual(try s.client(secret).get("/api/v1/units/huyen-hoang-hoa").status, 200)
        XCTAssertFalse(try admin.get("/tokens").text.contains(secret), "shown once")

        let listed = try s.client("demo-admin").get("/api/v1/tokens?limit=500").items
        let id = try XCTUnwrap(listed.first { $0["label"] as? String == "Chị Lan, văn phòng UBND huyện" }?["id"] as? Int)
        XCTAssertEqual(listed.first { ($0["id"] as? Int) == id }?["expires_at"] as? String, "2027-12-31T16:59:59Z")
        let revoked = try admin.post("/tokens/\(id)/revoke", [("csrf", csrf)])
        XCTAssertEqual(revoked.status, 303, revoked.text)
        XCTAssertEqual(try s.client(secret).get("/api/v1/units/huyen-hoang-hoa").status, 401)
    }
}
