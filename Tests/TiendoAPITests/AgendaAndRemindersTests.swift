// What a unit must report (agenda) and who still owes what (reminders), on the
// 2025 plan of CycleTestCase: quarterly, due the 15th, moved to the next working day
// (2025-Q1 due Monday 17/3, 2025-Q2 due Monday 16/6).

import Foundation
import XCTest

final class AgendaAndRemindersTests: CycleTestCase {
    func agenda(_ unit: String, _ asOf: String, token: String = "test-admin-token") throws -> TestResponse {
        try s.client(token).get("/api/v1/units/\(unit)/agenda?as_of=\(asOf)")
    }
    func rows(_ r: TestResponse) -> [String] {
        r.items.map { "\($0["task_id"] as? Int ?? 0)/\($0["period"] as? String ?? "")/\($0["due_on"] as? String ?? "")/\($0["days_left"] as? Int ?? 999)/\($0["received"] as? Bool ?? false)" }
    }

    func testAgendaListsWhatIsDueAndWhatIsStillOwed() throws {
        let (t0, t1) = (tasks[0], tasks[1])
        var r = try agenda("huyen-hoang-hoa", "2025-03-16", token: "tok-hoang-hoa")
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(rows(r), ["\(t0)/2025-Q1/2025-03-17/1/false"], "only its lead task; Q2's window is not open yet")
        XCTAssertEqual(r.items.first?["returned"] as? Bool, false)
        XCTAssertEqual(r.items.first?["nominal_due_on"] as? String, "2025-03-15")

        today("2025-03-17")
        let post = try s.client("tok-hoang-hoa").post("/api/v1/reports", report(t0, "huyen-hoang-hoa", "2025-Q1", "2025-03-17", progress: 40))
        XCTAssertEqual(post.status, 201, post.text)
        r = try agenda("huyen-hoang-hoa", "2025-03-17", token: "tok-hoang-hoa")
        XCTAssertEqual(rows(r), ["\(t0)/2025-Q1/2025-03-17/0/true"], "received, still shown until its due day passes")

        today("2025-04-02")
        r = try agenda("huyen-hoang-hoa", "2025-04-02")
        XCTAssertEqual(rows(r), ["\(t0)/2025-Q2/2025-06-16/75/false"], "Q1 done; Q2 due Monday 16/6 (15/6/2025 is a Sunday)")

        r = try agenda("so-y-te", "2025-04-02", token: "tok-y-te")
        XCTAssertEqual(rows(r), ["\(t0)/2025-Q1/2025-03-17/-16/false", "\(t1)/2025-Q1/2025-03-17/-16/false",
                                 "\(t0)/2025-Q2/2025-06-16/75/false", "\(t1)/2025-Q2/2025-06-16/75/false"])
        XCTAssertEqual(r.object["overdue"] as? Int, 2, r.text)
        XCTAssertEqual(r.object["owed"] as? Int, 4, r.text)

        // Once the aggregator locks Q1 it can no longer be sent, so it leaves the agenda.
        XCTAssertEqual(try s.client("tok-aggregator").send("PUT", "/api/v1/plans/\(plan)/periods/2025-Q1/lock", json: [:]).status, 200)
        XCTAssertEqual(rows(try agenda("so-y-te", "2025-04-02")).count, 2)

        let csv = try s.client("tok-y-te").get("/api/v1/units/so-y-te/agenda?as_of=2025-04-02&format=csv")
        XCTAssertEqual(csv.status, 200)
        XCTAssertEqual(Array(csv.body.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertTrue(csv.text.contains("plan_id,plan_number,task_id,task_title,period,due_on,nominal_due_on,days_left,received"), csv.text)
    }

    /// A report the aggregator returned (trả lại) is owed again: it stays on the agenda, marked
    /// `returned`, until the unit sends a new revision.
    func testReturnedReportStaysOnTheAgendaUntilRevised() throws {
        let hh = s.client("tok-hoang-hoa")
        today("2025-03-17")
        let first = try hh.post("/api/v1/reports", report(tasks[0], "huyen-hoang-hoa", "2025-Q1", "2025-03-17", progress: 40))
        XCTAssertEqual(first.status, 201, first.text)
        today("2025-03-20")
        XCTAssertEqual(rows(try agenda("huyen-hoang-hoa", "2025-03-20")), [], "received and past its due day")
        let review = try s.client("tok-aggregator").post("/api/v1/reports/\(first.object["id"] as? Int ?? 0)/review",
                                                         ["decision": "returned", "comment": "Bổ sung số liệu giải ngân"])
        XCTAssertEqual(review.status, 201, review.text)
        var r = try agenda("huyen-hoang-hoa", "2025-03-20")
        XCTAssertEqual(rows(r), ["\(tasks[0])/2025-Q1/2025-03-17/-3/true"], r.text)
        XCTAssertEqual(r.items.first?["returned"] as? Bool, true)
        XCTAssertEqual(r.object["owed"] as? Int, 1)
        XCTAssertEqual(rows(try agenda("huyen-hoang-hoa", "2025-03-19")), [], "as of the day before the return")
        // The chase list calls the unit again too: `returned`, counted apart from the missing.
        let chase = { (asOf: String) -> [String] in
            try self.s.client("tok-aggregator").get("/api/v1/plans/\(self.plan)/reminders?period=2025-Q1&as_of=\(asOf)").items
                .filter { $0["unit_id"] as? String == "huyen-hoang-hoa" }
                .map { "\($0["task_id"] as? Int ?? 0)/\($0["status"] as? String ?? "")/\($0["days_late"] as? Int ?? -1)" }
        }
        XCTAssertEqual(try chase("2025-03-20"), ["\(tasks[0])/returned/3"])
        XCTAssertEqual(try s.client("tok-aggregator").get("/api/v1/plans/\(plan)/reminders?period=2025-Q1&as_of=2025-03-20")
                        .object["returned"] as? Int, 1)
        XCTAssertEqual(try chase("2025-03-19"), [], "as of the day before the return")
        XCTAssertEqual(try hh.post("/api/v1/reports", report(tasks[0], "huyen-hoang-hoa", "2025-Q1", "2025-03-20", progress: 45)).status, 201)
        r = try agenda("huyen-hoang-hoa", "2025-03-20")
        XCTAssertEqual(rows(r), [], "the new revision clears the return")
        XCTAssertEqual(try chase("2025-03-20"), [], "and takes it off the chase list")
    }

    func testAgendaRefusals() throws {
        assertProblem(try agenda("so-y-te", "2025-04-02", token: "tok-hoang-hoa"), 403, "token_unit_mismatch")
        assertProblem(try agenda("huyen-khong-co", "2025-04-02"), 404, "not_found")
        assertProblem(try agenda("so-y-te", "2025-02-30"), 400, "invalid_query")
        XCTAssertEqual(try s.client().get("/api/v1/units/so-y-te/agenda").status, 401)
    }

    func testRemindersChaseWhoStillOwes() throws {
        let agg = s.client("tok-aggregator")
        today("2025-03-16")
        var r = try agg.get("/api/v1/plans/\(plan)/reminders")
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(r.object["period"] as? String, "2025-Q1", "the period being reported now")
        XCTAssertEqual(r.object["due_on"] as? String, "2025-03-17")
        XCTAssertEqual(r.object["days_left"] as? Int, 1)
        XCTAssertEqual(r.object["pending"] as? Int, 3, r.text)
        let units = r.object["units"] as? [[String: Any]] ?? []
        let hh = units.first { $0["unit_id"] as? String == "huyen-hoang-hoa" }
        XCTAssertEqual(hh?["contact_name"] as? String, "Lê Văn Tâm")
        XCTAssertEqual(hh?["phone"] as? String, "0237.3865.123")
        XCTAssertEqual(hh?["email"] as? String, "vanphong@hoanghoa.thanhhoa.gov.vn")
        XCTAssertEqual(units.first { $0["unit_id"] as? String == "so-y-te" }?["owed"] as? Int, 2)

        today("2025-03-17")
        XCTAssertEqual(try s.client("tok-hoang-hoa").post("/api/v1/reports",
                       report(tasks[0], "huyen-hoang-hoa", "2025-Q1", "2025-03-17", progress: 40)).status, 201)
        today("2025-03-19")
        r = try agg.get("/api/v1/plans/\(plan)/reminders?period=2025-Q1")
        XCTAssertEqual(r.items.map { "\($0["unit_id"] as? String ?? "")/\($0["status"] as? String ?? "")/\($0["days_late"] as? Int ?? -1)" },
                       ["so-y-te/missing/2", "so-y-te/missing/2"], r.text)
        XCTAssertEqual(r.object["missing"] as? Int, 2)

        let csv = try agg.get("/api/v1/plans/\(plan)/reminders?period=2025-Q1&as_of=2025-03-16", headers: [("Accept", "text/csv")])
        XCTAssertEqual(csv.header("Content-Type"), "text/csv; charset=utf-8")
        let lines = csv.text.split(separator: "\r\n")
        XCTAssertEqual(lines.count, 4, csv.text)
        XCTAssertTrue(lines.contains { $0.contains("huyen-hoang-hoa,UBND huyện Hoằng Hóa,Lê Văn Tâm,0237.3865.123") }, csv.text)

        assertProblem(try s.client("tok-hoang-hoa").get("/api/v1/plans/\(plan)/reminders"), 403, "role_forbidden")
        assertProblem(try agg.get("/api/v1/plans/\(plan)/reminders?period=2025-M01"), 400, "period_wrong_frequency")
        assertProblem(try agg.get("/api/v1/plans/999/reminders"), 404, "not_found")
    }

    func testUnitContactsAreCheckedAllAtOnceAndShown() throws {
        let bad = try admin.post("/api/v1/units", ["id": "xa-hoang-quy", "name": "UBND xã Hoằng Quý", "kind": "commune",
                                                   "phone": "gọi 0237", "email": "vanphong@", "contact_name": String(repeating: "a", count: 201)])
        XCTAssertEqual(bad.status, 422, bad.text)
        XCTAssertEqual(Set(bad.errorCodes), ["invalid_phone", "invalid_email", "too_long"], bad.text)
        XCTAssertEqual(try admin.get("/api/v1/units/xa-hoang-quy").status, 404, "a refused POST stores nothing")
        let ok = try admin.post("/api/v1/units", ["id": "xa-hoang-quy", "name": "UBND xã Hoằng Quý", "kind": "commune",
                                                  "phone": "+84 237 3865 999", "email": "ubnd@hoangquy.gov.vn", "contact_name": "Nguyễn Thị Hoa"])
        XCTAssertEqual(ok.status, 201, ok.text)
        let got = try admin.get("/api/v1/units/xa-hoang-quy").object
        XCTAssertEqual(got["phone"] as? String, "+84 237 3865 999")
        XCTAssertEqual(got["contact_name"] as? String, "Nguyễn Thị Hoa")
        XCTAssertTrue(try admin.get("/api/v1/units/so-y-te").object.keys.contains("email"))
    }
}
