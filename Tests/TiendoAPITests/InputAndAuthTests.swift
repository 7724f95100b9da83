// 401/403, bad input never changes stored data, plan validation as a whole,
// units search and paging, health/ready, deadline parsing.

import Foundation
import XCTest
@testable import TiendoAPI

final class InputAndAuthTests: XCTestCase {
    var s: TestServer!
    var admin: TestClient!
    var plan = 0
    var tasks: [Int] = []

    override func setUpWithError() throws {
        s = try TestServer(now: "2022-06-10T09:00:00+07:00")
        admin = s.client(try s.token("test-admin-token", role: "admin"))
        (plan, tasks) = try Plan83.create(s, admin: admin)
        try s.token("tok-lao-dong", role: "reporter", unit: "so-lao-dong")
        try s.token("tok-aggregator", role: "aggregator", unit: "so-ke-hoach-dau-tu")
    }

    override func tearDown() { s?.stop() }

    /// Everything a client can read, to compare before/after.
    func snapshot() throws -> [String] {
        try ["/api/v1/units?limit=500", "/api/v1/plans?limit=500", "/api/v1/reports?limit=500", "/api/v1/plans/\(plan)",
             "/api/v1/plans/\(plan)/periods"].map { try admin.get($0).text }
    }

    func testHealthAndReadyNeedNoToken() throws {
        let h = try s.client().get("/health")
        XCTAssertEqual(h.status, 200)
        XCTAssertEqual(h.object["status"] as? String, "ok")
        XCTAssertEqual(try s.client().get("/ready").status, 200)
    }

    func testUnauthorizedAndForbidden() throws {
        let none = try s.client().get("/api/v1/units")
        XCTAssertEqual(none.status, 401)
        XCTAssertEqual(none.code, "unauthorized")
        XCTAssertEqual(none.header("Content-Type")?.hasPrefix("application/problem+json"), true)
        XCTAssertEqual(try s.client("wrong-token-123").get("/api/v1/units").code, "unauthorized")
        XCTAssertEqual(try s.client().get("/api/v1/units", headers: [("Authorization", "Basic dGVzdA==")]).status, 401)
        let reporter = s.client("tok-lao-dong")
        let r = try reporter.post("/api/v1/units", ["id": "so-moi", "name": "Sở Mới", "kind": "department"])
        XCTAssertEqual(r.status, 403)
        XCTAssertEqual(r.code, "role_forbidden")
        XCTAssertEqual(try reporter.post("/api/v1/plans", Plan83.plan).status, 403)
        XCTAssertEqual(try reporter.send("PATCH", "/api/v1/plans/\(plan)", json: ["title": "x"]).status, 403)
        XCTAssertEqual(try reporter.post("/api/v1/tasks/\(tasks[0])/extensions", ["deadline": "Năm 2023", "reason": "x"]).status, 403)
        // A reporter reads its own plans.
        XCTAssertEqual(try reporter.get("/api/v1/plans/\(plan)").status, 200)
        XCTAssertEqual(try reporter.get("/api/v1/plans").object["total"] as? Int, 1)
        // A unit that takes part in no plan sees none of them.
        _ = try admin.post("/api/v1/units", ["id": "so-tu-phap", "name": "Sở Tư pháp", "kind": "department", "parent_id": "tinh-thanh-hoa"])
        try s.token("tok-tu-phap", role: "reporter", unit: "so-tu-phap")
        let outsider = s.client("tok-tu-phap")
        XCTAssertEqual(try outsider.get("/api/v1/plans/\(plan)").code, "plan_forbidden")
        XCTAssertEqual(try outsider.get("/api/v1/plans").object["total"] as? Int, 0)
        // Revoked tokens stop working.
        let created = try s.tokens.create(role: "aggregator", unitID: nil, label: "temp")
        XCTAssertEqual(try s.client(created.token).get("/api/v1/units").status, 200)
        XCTAssertTrue(try s.tokens.revoke(id: created.record.id))
        XCTAssertEqual(try s.client(created.token).get("/api/v1/units").status, 401)
        // Tokens are stored hashed.
        XCTAssertFalse(try s.tokens.list().contains { $0.hash == created.token })
        // A token the server has seen (and keeps checked in memory) stops working when it is
        // revoked by plain SQL, as `tiendo token revoke` in another process or the sqlite3 shell would.
        let other = try s.tokens.create(role: "aggregator", unitID: nil, label: "temp2")
        for _ in 0..<2 { XCTAssertEqual(try s.client(other.token).get("/api/v1/units").status, 200) }
        let id = other.record.id
        try s.store.write { try $0.run("UPDATE tokens SET revoked_at = '2022-03-25T02:00:00Z' WHERE id = ?", [.integer(id)]) }
        XCTAssertEqual(try s.client(other.token).get("/api/v1/units").status, 401)
        XCTAssertEqual(try s.client(other.token).get("/api/v1/tasks/\(tasks[0])").status, 401)
    }

    /// POST /reports checks a token it has seen live inside the validation's snapshot, after
    /// parsing the body: a revocation (here by plain SQL) still answers 401 before any body
    /// error, and stores nothing. An unknown token is refused before its body is looked at.
    func testReportPostChecksTheTokenFirstEvenWhenItWasSeenLive() throws {
        let before = try snapshot()
        let reporter = try s.tokens.create(role: "reporter", unitID: "so-lao-dong", label: "temp-reporter")
        let c = s.client(reporter.token)
        // Seen live: the server now holds it as checked.
        XCTAssertEqual(try c.get("/api/v1/plans/\(plan)").status, 200)
        XCTAssertEqual(try c.request("POST", "/api/v1/reports", body: Array("{\"task_id\": ".utf8)).code, "invalid_json")
        try s.store.write { try $0.run("UPDATE tokens SET revoked_at = '2022-03-25T02:00:00Z' WHERE id = ?", [.integer(reporter.record.id)]) }
        for body in [Array("{\"task_id\": ".utf8), Array("[1]".utf8), Array("{\"task_id\": \(tasks[0]), \"unit_id\": \"so-lao-dong\", \"period\": \"2022-Q2\", \"report_date\": \"2022-06-10\", \"status\": \"in_progress\", \"progress\": 10}".utf8)] {
            let r = try c.request("POST", "/api/v1/reports", body: body, headers: [("Content-Type", "application/json")])
            XCTAssertEqual(r.status, 401, String(decoding: body, as: UTF8.self))
            XCTAssertEqual(r.code, "unauthorized")
        }
        let batch = try c.post("/api/v1/reports/batch", ["reports": [["task_id": tasks[0], "unit_id": "so-lao-dong"]]])
        XCTAssertEqual(batch.status, 401)
        // Never seen: refused first too.
        XCTAssertEqual(try s.client("never-seen-token").request("POST", "/api/v1/reports", body: Array("{".utf8)).status, 401)
        XCTAssertEqual(try snapshot(), before)
    }

    func testBearerTokenHeaderForms() {
        let cases: [(String, String?)] = [
            ("Bearer abc", "abc"), ("bearer abc", "abc"), ("BEARER abc", "abc"), ("Bearer   abc  ", "abc"),
            ("Bearer\tabc", "abc"), ("Basic abc", nil), ("Bearerabc", nil), ("Bearer", nil), ("Bearer ", ""),
            ("Token abc", nil), ("Bearer a b", "a b"),
        ]
        for (header, token) in cases { XCTAssertEqual(bearerToken(header), token, header) }
    }

    func testBadInputNeverChangesData() throws {
        let before = try snapshot()
        let c = s.client("tok-lao-dong")
        func raw(_ path: String, _ bytes: [UInt8]) throws -> TestResponse { try c.request("POST", path, body: bytes) }

        var r = try raw("/api/v1/reports", Array("{\"task_id\": 1, ".utf8))
        XCTAssertEqual(r.status, 400); XCTAssertEqual(r.code, "invalid_json")
        r = try raw("/api/v1/reports", [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D])
        XCTAssertEqual(r.status, 400); XCTAssertEqual(r.code, "invalid_utf8")
        r = try raw("/api/v1/reports", Array("[1,2,3]".utf8))
        XCTAssertEqual(r.status, 422)
        r = try raw("/api/v1/reports", [])
        XCTAssertEqual(r.status, 400)

        var body = report(tasks[0], "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10)
        body["progress"] = "mười"
        r = try c.post("/api/v1/reports", body)
        XCTAssertEqual(r.status, 422); XCTAssertTrue(r.errorCodes.contains("invalid_type"), r.text)

        r = try raw("/api/v1/reports", Array("{\"task_id\": 99999999999999999999999, \"unit_id\": \"so-lao-dong\", \"period\": \"2022-Q2\", \"report_date\": \"2022-06-10\", \"status\": \"in_progress\", \"progress\": 1e400}".utf8))
        XCTAssertEqual(r.status, 422, r.text)
        XCTAssertTrue(r.errorFields.contains("task_id"), r.text)

        body = report(tasks[0], "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10)
        body["priority"] = "cao"
        r = try c.post("/api/v1/reports", body)
        XCTAssertEqual(r.status, 422); XCTAssertTrue(r.errorCodes.contains("unknown_field"), r.text)
        XCTAssertTrue(r.errorFields.contains("priority"))

        r = try admin.post("/api/v1/units", ["id": "x'); DROP TABLE units;--", "name": "x", "kind": "district"])
        XCTAssertEqual(r.status, 422); XCTAssertTrue(r.errorCodes.contains("invalid_unit_id"))
        r = try admin.get("/api/v1/units?q=%27%20OR%201%3D1%20--")
        XCTAssertEqual(r.status, 200); XCTAssertEqual(r.object["total"] as? Int, 0)
        r = try admin.get("/api/v1/reports?unit_id=so-lao-dong%27%20OR%20%271%27%3D%271")
        XCTAssertEqual(r.object["total"] as? Int, 0)

        r = try admin.request("POST", "/api/v1/units", body: Array("<unit/>".utf8), headers: [("Content-Type", "application/xml")])
        XCTAssertEqual(r.status, 415)
        XCTAssertEqual(try admin.get("/api/v1/reports?limit=100000").status, 400)
        XCTAssertEqual(try admin.get("/api/v1/tasks?as_of=2022-13-45").status, 400)
        XCTAssertEqual(try admin.get("/api/v1/plans/abc").status, 404)
        XCTAssertEqual(try admin.get("/api/v1/reports/999999").status, 404)

        XCTAssertEqual(try snapshot(), before)

        // SQL in a string is just text.
        r = try admin.post("/api/v1/units", ["id": "xa-thu", "name": "Robert'); DROP TABLE reports;--", "kind": "commune", "parent_id": "huyen-hoang-hoa"])
        XCTAssertEqual(r.status, 201, r.text)
        XCTAssertEqual(try admin.get("/api/v1/units/xa-thu").object["name"] as? String, "Robert'); DROP TABLE reports;--")
        XCTAssertEqual(try admin.get("/api/v1/reports").status, 200)
    }

    func testPlanValidatedAsAWholeAndNothingStored() throws {
        let before = try snapshot()
        var p = Plan83.plan
        var shortcomings = p["shortcomings"] as! [[String: Any]]
        var tasks0 = shortcomings[0]["tasks"] as! [[String: Any]]
        tasks0[0]["deadline"] = "khi nào xong thì thôi"
        tasks0[0]["lead"] = ["so-khong-ton-tai"]
        shortcomings[0]["tasks"] = tasks0
        var tasks3 = shortcomings[3]["tasks"] as! [[String: Any]]
        tasks3[0]["deadline"] = "Năm 2019"
        tasks3[0]["extra"] = true
        shortcomings[3]["tasks"] = tasks3
        p["shortcomings"] = shortcomings
        p["issued_on"] = "2022-03-24"
        p["schedule"] = ["frequency": "weekly"]
        let r = try admin.post("/api/v1/plans", p)
        XCTAssertEqual(r.status, 422, r.text)
        let fields = Set(r.errorFields)
        for f in ["shortcomings[0].tasks[0].deadline", "shortcomings[0].tasks[0].lead[0]", "shortcomings[3].tasks[0].deadline",
                  "shortcomings[3].tasks[0].extra", "schedule.frequency"] {
            XCTAssertTrue(fields.contains(f), "\(f) missing in \(r.text)")
        }
        XCTAssertTrue(r.errorCodes.contains("deadline_unparseable"))
        XCTAssertTrue(r.errorCodes.contains("deadline_before_plan"))
        XCTAssertEqual(try snapshot(), before)

        // A structured deadline is accepted in place of the phrase.
        var q = Plan83.plan
        var sc = q["shortcomings"] as! [[String: Any]]
        var ts = sc[0]["tasks"] as! [[String: Any]]
        ts[0]["deadline"] = ["kind": "quarter", "year": 2022, "quarter": 4]
        sc[0]["tasks"] = ts
        q["shortcomings"] = sc
        let ok = try admin.post("/api/v1/plans", q)
        XCTAssertEqual(ok.status, 201, ok.text)
        let d = (((ok.object["shortcomings"] as? [[String: Any]])?[0]["tasks"] as? [[String: Any]])?[0]["deadline"]) as? [String: Any]
        XCTAssertEqual(d?["due_on"] as? String, "2022-12-31")
    }

    func testUnitsSearchIgnoresCaseAndDiacriticsAndPages() throws {
        for q in ["hoang%20hoa", "HO%E1%BA%B0NG%20H%C3%93A", "Ho%C3%A1"] { // "hoang hoa", "HOẰNG HÓA", "Hoá"
            let r = try admin.get("/api/v1/units?q=\(q)")
            XCTAssertEqual(r.status, 200)
            XCTAssertTrue(r.items.contains { $0["id"] as? String == "huyen-hoang-hoa" }, "q=\(q): \(r.text)")
        }
        let districts = try admin.get("/api/v1/units?kind=district")
        XCTAssertEqual(districts.object["total"] as? Int, 3)
        let page1 = try admin.get("/api/v1/units?limit=4")
        XCTAssertEqual(page1.items.count, 4)
        let next = page1.object["next"] as? String
        XCTAssertEqual(next, "/api/v1/units?limit=4&offset=4")
        XCTAssertEqual(page1.header("Link"), "</api/v1/units?limit=4&offset=4>; rel=\"next\"")
        let page3 = try admin.get("/api/v1/units?limit=4&offset=8")
        XCTAssertEqual(page3.items.count, 1)
        XCTAssertTrue(page3.object["next"] is NSNull)
        let csv = try admin.get("/api/v1/units?kind=district&format=csv")
        let lines = String(decoding: csv.body.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        XCTAssertEqual(lines[0], "id,name,kind,parent_id,created_at,contact_name,phone,email")
        XCTAssertEqual(lines.filter { !$0.isEmpty }.count, 4)
        // NFD in, NFC stored: "Hoằng Hóa" with combining marks.
        let nfd = "UBND xã Hoa\u{0306}\u{0300}ng Ho\u{0301}a"
        let created = try admin.post("/api/v1/units", ["id": "xa-nfd", "name": nfd, "kind": "commune", "parent_id": "huyen-hoang-hoa"])
        XCTAssertEqual(created.status, 201, created.text)
        let stored = try admin.get("/api/v1/units/xa-nfd").object["name"] as? String ?? ""
        XCTAssertEqual(Array(stored.utf8), Array("UBND xã Ho\u{1EB1}ng H\u{00F3}a".utf8))
        let dup = try admin.post("/api/v1/units", ["id": "so-y-te", "name": "Sở Y tế", "kind": "department"])
        XCTAssertEqual(dup.status, 409); XCTAssertEqual(dup.code, "unit_exists")
    }

    func testDeadlineParse() throws {
        let r = try admin.post("/api/v1/deadlines/parse", ["phrase": "Quý II/2017"])
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(r.object["kind"] as? String, "quarter")
        XCTAssertEqual(r.object["due_on"] as? String, "2017-06-30")
        let strict = try admin.post("/api/v1/deadlines/parse", ["phrase": "trước ngày 15/8/2024"])
        XCTAssertEqual(strict.object["due_on"] as? String, "2024-08-14")
        let bad = try admin.post("/api/v1/deadlines/parse", ["phrase": "sớm nhất có thể"])
        XCTAssertEqual(bad.status, 422)
        XCTAssertEqual(bad.code, "deadline_unparseable")
    }

    func testPatchPlanClosesAndValidates() throws {
        let agg = s.client("tok-aggregator")
        var r = try agg.send("PATCH", "/api/v1/plans/\(plan)", json: ["signer": "Đỗ Minh Tuấn", "status": "finished"])
        XCTAssertEqual(r.status, 422)
        r = try agg.send("PATCH", "/api/v1/plans/\(plan)", json: ["issued_on": "2022-01-01"])
        XCTAssertEqual(r.status, 422); XCTAssertTrue(r.errorCodes.contains("read_only"))
        r = try agg.send("PATCH", "/api/v1/plans/\(plan)", json: ["status": "closed"])
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(r.object["closed_on"] as? String, "2022-06-10")
        XCTAssertEqual(try agg.get("/api/v1/plans?status=closed").object["total"] as? Int, 1)
    }
}
