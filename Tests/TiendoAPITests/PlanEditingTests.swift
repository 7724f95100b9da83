// Issue 12, part 2: editing a plan after it is created, through a real socket. Each route:
// success, 403 for a reporter, 404, 409 once reports exist, 412 on a stale If-Match,
// 422 with every violation at once; no lost update; cancellation; the audit log.

import Foundation
import XCTest
@testable import TiendoAPI

final class PlanEditingTests: XCTestCase {
    var s: TestServer!
    var admin: TestClient!
    var reporter: TestClient!
    var plan = 0
    var tasks: [Int] = []

    override func setUpWithError() throws {
        s = try TestServer(now: "2022-06-10T09:00:00+07:00")
        admin = s.client(try s.token("test-admin-token", role: "admin"))
        (plan, tasks) = try Plan83.create(s, admin: admin)
        reporter = s.client(try s.token("tok-y-te", role: "reporter", unit: "so-y-te"))
    }

    override func tearDown() { s.stop() }

    func send(_ c: TestClient, _ method: String, _ path: String, _ json: Any? = nil, ifMatch: String? = nil) throws -> TestResponse {
        let headers = ifMatch.map { [("If-Match", $0)] } ?? []
        if let json { return try c.send(method, "/api/v1" + path, json: json, headers: headers) }
        return try c.request(method, "/api/v1" + path, headers: headers)
    }

    func planTag() throws -> String { try XCTUnwrap(try admin.get("/api/v1/plans/\(plan)").header("ETag")) }

    func postReport(_ task: Int, _ unit: String) throws {
        let r = try admin.post("/api/v1/reports", report(task, unit, "2022-Q2", "2022-06-10", progress: 10))
        XCTAssertEqual(r.status, 201, r.text)
    }

    func changes(_ query: String = "") throws -> [[String: Any]] {
        let r = try admin.get("/api/v1/plans/\(plan)/changes\(query)")
        XCTAssertEqual(r.status, 200, r.text)
        return r.items
    }

    // MARK: PATCH /tasks/{id}

    func testPatchTaskChangesOnlyTheFieldsSentAndAnswersAreNotStale() throws {
        let task = tasks[1]
        XCTAssertEqual(try admin.get("/api/v1/tasks/\(task)").object["title"] as? String,
                       "Tập trung triển khai chiến dịch tiêm chủng vắc xin phòng Covid-19 trên địa bàn tỉnh")  // now cached
        let r = try send(admin, "PATCH", "/tasks/\(task)", ["title": "Tiêm chủng vắc xin mũi nhắc lại", "lead": ["so-y-te", "kind:district"],
                                                             "deadline": "Quý IV/2022"], ifMatch: try planTag())
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(r.object["title"] as? String, "Tiêm chủng vắc xin mũi nhắc lại")
        XCTAssertEqual(r.object["coordinating"] as? [String], ["kind:district"], "coordinating was not sent, so it stays")
        XCTAssertNotNil(r.header("ETag"))
        XCTAssertEqual(r.header("ETag"), try planTag())
        let view = try admin.get("/api/v1/tasks/\(task)").object
        XCTAssertEqual(view["title"] as? String, "Tiêm chủng vắc xin mũi nhắc lại", "the cached answer must follow the edit")
        XCTAssertEqual(view["due_on"] as? String, "2022-12-31")
        XCTAssertEqual((view["lead_units"] as? [String])?.count, 4)
        XCTAssertEqual(try send(admin, "PATCH", "/tasks/\(task)", ["indicator": NSNull()]).object["indicator"] is NSNull, true)
    }

    func testPatchTaskRefusals() throws {
        let task = tasks[1]
        XCTAssertEqual(try send(reporter, "PATCH", "/tasks/\(task)", ["title": "x"]).status, 403)
        XCTAssertEqual(try send(admin, "PATCH", "/tasks/999999", ["title": "x"]).status, 404)
        let stale = try planTag()
        XCTAssertEqual(try send(admin, "PATCH", "/tasks/\(task)", ["title": "Lần một"]).status, 200)
        let r412 = try send(admin, "PATCH", "/tasks/\(task)", ["title": "Lần hai"], ifMatch: stale)
        XCTAssertEqual(r412.status, 412, r412.text)
        XCTAssertEqual(r412.code, "precondition_failed")
        // Every violation at once, nothing stored.
        let bad = try send(admin, "PATCH", "/tasks/\(task)", ["title": " ", "lead": ["so-khong-co"], "deadline": "khi nào xong",
                                                              "status": "cancelled", "colour": "đỏ"])
        XCTAssertEqual(bad.status, 422, bad.text)
        XCTAssertEqual(Set(bad.errorFields), ["title", "lead[0]", "deadline", "cancel_reason", "colour"], bad.text)
        XCTAssertEqual(try admin.get("/api/v1/tasks/\(task)").object["title"] as? String, "Lần một")
        // Once a report exists the deadline moves only by extension; other fields still change.
        try postReport(task, "so-y-te")
        let r409 = try send(admin, "PATCH", "/tasks/\(task)", ["deadline": "Năm 2023", "title": "Lần ba"])
        XCTAssertEqual(r409.status, 409, r409.text)
        XCTAssertEqual(r409.code, "deadline_needs_extension")
        XCTAssertEqual(try admin.get("/api/v1/tasks/\(task)").object["title"] as? String, "Lần một", "a refused PATCH changes nothing")
        XCTAssertEqual(try send(admin, "PATCH", "/tasks/\(task)", ["title": "Lần ba"]).status, 200)
    }

    /// Two PATCHes of one task at the same instant, one changing the title and one the
    /// coordinating units: after every round both are stored.
    func testConcurrentPatchesOfOneTaskBothSurvive() throws {
        let task = tasks[0], port = s.port
        for round in 0..<20 {
            let bodies: [[UInt8]] = try [["title": "Nhiệm vụ – vòng \(round)"], ["coordinating": round % 2 == 0 ? ["so-y-te"] : ["kind:district"]]]
                .map { Array(try JSONSerialization.data(withJSONObject: $0)) }
            let statuses = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2)
            defer { statuses.deallocate() }
            nonisolated(unsafe) let out = statuses
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let c = TestClient(port: port, token: "test-admin-token")
                out[i] = (try? c.request("PATCH", "/api/v1/tasks/\(task)", body: bodies[i], headers: [("Content-Type", "application/json")]).status) ?? -1
            }
            XCTAssertEqual(Array(statuses), [200, 200], "round \(round)")
            let got = try admin.get("/api/v1/tasks/\(task)").object
            XCTAssertEqual(got["title"] as? String, "Nhiệm vụ – vòng \(round)", "round \(round)")
            XCTAssertEqual(got["coordinating"] as? [String], round % 2 == 0 ? ["so-y-te"] : ["kind:district"], "round \(round)")
        }
    }

    /// Two PATCHes sent at once with the same If-Match: exactly one wins, the other is 412
    /// and changes nothing.
    func testConcurrentConditionalPatchesOneWins() throws {
        let task = tasks[0], port = s.port
        for round in 0..<10 {
            let tag = try planTag()
            let titles = ["A – vòng \(round)", "B – vòng \(round)"]
            let bodies: [[UInt8]] = try titles.map { Array(try JSONSerialization.data(withJSONObject: ["title": $0])) }
            let statuses = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2)
            defer { statuses.deallocate() }
            nonisolated(unsafe) let out = statuses
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let c = TestClient(port: port, token: "test-admin-token")
                out[i] = (try? c.request("PATCH", "/api/v1/tasks/\(task)", body: bodies[i],
                                         headers: [("Content-Type", "application/json"), ("If-Match", tag)]).status) ?? -1
            }
            XCTAssertEqual(Array(statuses).sorted(), [200, 412], "round \(round)")
            let winner = statuses[0] == 200 ? titles[0] : titles[1]
            XCTAssertEqual(try admin.get("/api/v1/tasks/\(task)").object["title"] as? String, winner, "round \(round)")
        }
    }

    // MARK: DELETE /tasks/{id}

    func testDeleteTask() throws {
        XCTAssertEqual(try send(reporter, "DELETE", "/tasks/\(tasks[0])").status, 403)
        XCTAssertEqual(try send(admin, "DELETE", "/tasks/999999").status, 404)
        XCTAssertEqual(try send(admin, "DELETE", "/tasks/\(tasks[0])", ifMatch: "\"p\(plan)-1\"").status, 412)
        try postReport(tasks[1], "so-y-te")
        let r409 = try send(admin, "DELETE", "/tasks/\(tasks[1])")
        XCTAssertEqual(r409.status, 409, r409.text)
        XCTAssertEqual(r409.code, "task_has_reports")
        let ok = try send(admin, "DELETE", "/tasks/\(tasks[0])", ifMatch: try planTag())
        XCTAssertEqual(ok.status, 204, ok.text)
        XCTAssertEqual(try admin.get("/api/v1/tasks/\(tasks[0])").status, 404)
        XCTAssertEqual(try admin.get("/api/v1/plans/\(plan)/summary").object["tasks_total"] as? Int, 3)
    }

    // MARK: shortcomings

    func testShortcomingRoutes() throws {
        let body: [String: Any] = ["code": "III.2", "title": "Cải cách hành chính còn chậm",
                                   "causes": [["kind": "subjective", "text": "Chưa quyết liệt"]],
                                   "tasks": [["title": "Rà soát thủ tục hành chính", "lead": ["so-y-te"], "deadline": "Quý IV/2022"]]]
        XCTAssertEqual(try send(reporter, "POST", "/plans/\(plan)/shortcomings", body).status, 403)
        XCTAssertEqual(try send(admin, "POST", "/plans/999999/shortcomings", body).status, 404)
        XCTAssertEqual(try send(admin, "POST", "/plans/\(plan)/shortcomings", body, ifMatch: "\"stale\"").status, 412)
        // The rules of POST /plans, every violation at once.
        let bad = try send(admin, "POST", "/plans/\(plan)/shortcomings",
                           ["causes": [["kind": "khác"]], "tasks": [["title": "x", "lead": [], "deadline": "Năm 2019"]]])
        XCTAssertEqual(bad.status, 422, bad.text)
        XCTAssertEqual(Set(bad.errorFields), ["title", "causes[0].kind", "causes[0].text", "tasks[0].lead", "tasks[0].deadline"], bad.text)
        XCTAssertTrue(bad.errorCodes.contains("deadline_before_plan"), bad.text)

        let created = try send(admin, "POST", "/plans/\(plan)/shortcomings", body, ifMatch: try planTag())
        XCTAssertEqual(created.status, 201, created.text)
        let sc = try XCTUnwrap(created.object["id"] as? Int)
        let newTask = try XCTUnwrap((created.object["tasks"] as? [[String: Any]])?.first?["id"] as? Int)
        XCTAssertEqual(try admin.get("/api/v1/tasks/\(newTask)").object["due_on"] as? String, "2022-12-31")
        let shortcomings = try admin.get("/api/v1/plans/\(plan)").object["shortcomings"] as? [[String: Any]] ?? []
        XCTAssertEqual(shortcomings.last?["id"] as? Int, sc, "added at the end")

        // POST /shortcomings/{id}/tasks
        XCTAssertEqual(try send(reporter, "POST", "/shortcomings/\(sc)/tasks", ["title": "t", "lead": ["so-y-te"], "deadline": "Năm 2022"]).status, 403)
        XCTAssertEqual(try send(admin, "POST", "/shortcomings/999999/tasks", ["title": "t", "lead": ["so-y-te"], "deadline": "Năm 2022"]).status, 404)
        let badTask = try send(admin, "POST", "/shortcomings/\(sc)/tasks", ["lead": ["kind:village"], "deadline": ["kind": "quarter", "year": 2022]])
        XCTAssertEqual(badTask.status, 422, badTask.text)
        XCTAssertEqual(Set(badTask.errorFields).isSuperset(of: ["title", "lead[0]"]), true, badTask.text)
        XCTAssertGreaterThanOrEqual(badTask.errors.count, 3, badTask.text)
        let t2 = try send(admin, "POST", "/shortcomings/\(sc)/tasks", ["title": "Tập huấn cán bộ cấp xã", "lead": ["kind:district"], "deadline": "Năm 2022"])
        XCTAssertEqual(t2.status, 201, t2.text)
        XCTAssertEqual(t2.header("Location"), "/api/v1/tasks/\(t2.object["id"] as? Int ?? 0)")

        // PATCH /shortcomings/{id}
        XCTAssertEqual(try send(reporter, "PATCH", "/shortcomings/\(sc)", ["title": "x"]).status, 403)
        XCTAssertEqual(try send(admin, "PATCH", "/shortcomings/999999", ["title": "x"]).status, 404)
        XCTAssertEqual(try send(admin, "PATCH", "/shortcomings/\(sc)", ["title": "x"], ifMatch: "\"stale\"").status, 412)
        let badPatch = try send(admin, "PATCH", "/shortcomings/\(sc)", ["title": "", "tasks": [], "causes": "không"])
        XCTAssertEqual(badPatch.status, 422, badPatch.text)
        XCTAssertEqual(Set(badPatch.errorFields), ["title", "tasks", "causes"], badPatch.text)
        let patched = try send(admin, "PATCH", "/shortcomings/\(sc)", ["code": NSNull(), "title": "Cải cách hành chính chậm"])
        XCTAssertEqual(patched.status, 200, patched.text)
        XCTAssertTrue(patched.object["code"] is NSNull)
        XCTAssertEqual((patched.object["tasks"] as? [[String: Any]])?.count, 2)

        // DELETE /shortcomings/{id}: 409 once a task of it has a report.
        try postReport(newTask, "so-y-te")
        let r409 = try send(admin, "DELETE", "/shortcomings/\(sc)")
        XCTAssertEqual(r409.status, 409, r409.text)
        XCTAssertEqual(r409.code, "shortcoming_has_reports")
        XCTAssertEqual(try send(reporter, "DELETE", "/shortcomings/\(sc)").status, 403)
        XCTAssertEqual(try send(admin, "DELETE", "/shortcomings/999999").status, 404)
        let other = try XCTUnwrap(shortcomings.first?["id"] as? Int)
        XCTAssertEqual(try send(admin, "DELETE", "/shortcomings/\(other)", ifMatch: "\"stale\"").status, 412)
        XCTAssertEqual(try send(admin, "DELETE", "/shortcomings/\(other)").status, 204)
        XCTAssertEqual(try admin.get("/api/v1/tasks/\(tasks[0])").status, 404, "its tasks went with it")
    }

    // MARK: DELETE /plans/{id}

    func testDeletePlan() throws {
        XCTAssertEqual(try send(reporter, "DELETE", "/plans/\(plan)").status, 403)
        XCTAssertEqual(try send(admin, "DELETE", "/plans/999999").status, 404)
        XCTAssertEqual(try send(admin, "DELETE", "/plans/\(plan)", ifMatch: "\"stale\"").status, 412)
        try postReport(tasks[1], "so-y-te")
        let r409 = try send(admin, "DELETE", "/plans/\(plan)")
        XCTAssertEqual(r409.status, 409, r409.text)
        XCTAssertEqual(r409.code, "plan_has_reports")

        var p = Plan83.plan
        p["number"] = "84/KH-UBND"
        let other = try admin.post("/api/v1/plans", p)
        let otherID = try XCTUnwrap(other.object["id"] as? Int)
        XCTAssertEqual(try send(admin, "DELETE", "/plans/\(otherID)").status, 204)
        XCTAssertEqual(try admin.get("/api/v1/plans/\(otherID)").status, 404)
        let log = try admin.get("/api/v1/plans/\(otherID)/changes")
        XCTAssertEqual(log.status, 200, "a deleted plan's log stays readable")
        XCTAssertEqual(log.items.first?["action"] as? String, "delete")
        XCTAssertEqual(try reporter.get("/api/v1/plans/\(otherID)/changes").status, 404)
        XCTAssertEqual(try admin.get("/api/v1/plans/\(plan)").status, 200)
    }

    // MARK: PATCH /units/{id}

    func testPatchUnit() throws {
        XCTAssertEqual(try send(reporter, "PATCH", "/units/so-y-te", ["name": "x"]).status, 403)
        XCTAssertEqual(try send(admin, "PATCH", "/units/khong-co", ["name": "x"]).status, 404)
        let ok = try send(admin, "PATCH", "/units/huyen-hoang-hoa", ["name": "UBND thị xã Hoằng Hóa", "kind": "district"])
        XCTAssertEqual(ok.status, 200, ok.text)
        XCTAssertEqual(try admin.get("/api/v1/units?q=thi%20xa%20hoang%20hoa").object["total"] as? Int, 1, "the search key follows the name")
        let bad = try send(admin, "PATCH", "/units/huyen-hoang-hoa", ["name": "", "kind": "village", "id": "x"])
        XCTAssertEqual(bad.status, 422, bad.text)
        XCTAssertEqual(Set(bad.errorFields), ["name", "kind", "id"])
        // xa-hoang-dao is under huyen-hoang-hoa: making it the district's parent is a cycle.
        let cycle = try send(admin, "PATCH", "/units/huyen-hoang-hoa", ["parent_id": "xa-hoang-dao"])
        XCTAssertEqual(cycle.status, 422, cycle.text)
        XCTAssertEqual(cycle.code, "parent_cycle")
        XCTAssertEqual(try send(admin, "PATCH", "/units/huyen-hoang-hoa", ["parent_id": "huyen-hoang-hoa"]).code, "parent_cycle")
        XCTAssertEqual(try send(admin, "PATCH", "/units/huyen-hoang-hoa", ["parent_id": "khong-co"]).code, "parent_not_found")
        // A kind change moves the unit out of kind:district selectors at once (no stale snapshot).
        let before = try admin.get("/api/v1/tasks/\(tasks[2])").object["lead_units"] as? [String] ?? []
        XCTAssertTrue(before.contains("huyen-thuong-xuan"))
        XCTAssertEqual(try send(admin, "PATCH", "/units/huyen-thuong-xuan", ["kind": "agency"]).status, 200)
        let after = try admin.get("/api/v1/tasks/\(tasks[2])").object["lead_units"] as? [String] ?? []
        XCTAssertFalse(after.contains("huyen-thuong-xuan"))
    }

    // MARK: cancellation

    /// so-y-te never reports on task B for 2022-Q2 (missing). The task is cancelled on
    /// 2022-07-20: Q2 keeps its miss, Q3 no longer expects the task, and from that day the
    /// task is in no bucket and not in the totals.
    func testCancelledTaskStopsBeingExpectedFromItsCancellationOn() throws {
        let task = tasks[1]
        func compliance(_ period: String, _ asOf: String) throws -> [String: Any] {
            let r = try admin.get("/api/v1/plans/\(plan)/compliance?period=\(period)&as_of=\(asOf)")
            XCTAssertEqual(r.status, 200, r.text)
            return r.object
        }
        func missing(_ o: [String: Any]) -> [Int] { (o["missing_list"] as? [[String: Any]] ?? []).compactMap { $0["task_id"] as? Int } }
        s.clock.set("2022-07-20T10:00:00+07:00")
        XCTAssertEqual(try compliance("2022-Q3", "2022-07-20")["expected"] as? Int, 7)
        let noReason = try send(admin, "PATCH", "/tasks/\(task)", ["status": "cancelled"])
        XCTAssertEqual(noReason.status, 422)
        XCTAssertEqual(noReason.errorFields, ["cancel_reason"])
        let c = try send(admin, "PATCH", "/tasks/\(task)", ["status": "cancelled", "cancel_reason": "Đã lồng ghép vào Kế hoạch 120/KH-UBND"])
        XCTAssertEqual(c.status, 200, c.text)
        XCTAssertEqual(c.object["cancelled_at"] as? String, "2022-07-20T03:00:00Z")

        // Before: Q2 (due 2022-06-15) still expects it, and it is still missing.
        let q2 = try compliance("2022-Q2", "2022-07-20")
        XCTAssertEqual(q2["expected"] as? Int, 7)
        XCTAssertTrue(missing(q2).contains(task))
        // From the cancellation on: Q3 does not.
        s.clock.set("2022-09-30T10:00:00+07:00")
        let q3 = try compliance("2022-Q3", "2022-09-30")
        XCTAssertEqual(q3["expected"] as? Int, 6)
        XCTAssertFalse(missing(q3).contains(task))
        XCTAssertEqual((q3["excluded_cancelled"] as? [[String: Any]])?.compactMap { $0["task_id"] as? Int }, [task])
        // As of the day before the cancellation, Q3 still expected it.
        XCTAssertEqual(try compliance("2022-Q3", "2022-07-19")["expected"] as? Int, 7)

        // Summary: counted before, apart from the day on.
        let before = try admin.get("/api/v1/plans/\(plan)/summary?as_of=2022-07-19").object
        let after = try admin.get("/api/v1/plans/\(plan)/summary?as_of=2022-07-20").object
        XCTAssertEqual(before["tasks_total"] as? Int, 4)
        XCTAssertEqual(before["cancelled"] as? Int, 0)
        XCTAssertEqual(after["tasks_total"] as? Int, 3)
        XCTAssertEqual(after["cancelled"] as? Int, 1)
        let buckets = after["buckets"] as? [String: Int] ?? [:]
        XCTAssertEqual(buckets.values.reduce(0, +), 3)
        // Task lists.
        let list = try admin.get("/api/v1/tasks?plan_id=\(plan)&status=cancelled")
        XCTAssertEqual(list.items.compactMap { $0["id"] as? Int }, [task])
        XCTAssertTrue(list.items.first?["bucket"] is NSNull)
        XCTAssertEqual(try admin.get("/api/v1/tasks/\(task)?as_of=2022-07-19").object["status"] as? String, "ongoing")

        // Restored: counts again.
        XCTAssertEqual(try send(admin, "PATCH", "/tasks/\(task)", ["status": "active"]).status, 200)
        XCTAssertEqual(try compliance("2022-Q3", "2022-09-30")["expected"] as? Int, 7)
        XCTAssertEqual(try changes("?entity=task&entity_id=\(task)").compactMap { $0["action"] as? String }, ["restore", "cancel"])
    }

    // MARK: the audit log

    func testAuditLogRecordsEachChangeWithFromAndTo() throws {
        let task = tasks[3]   // "chậm nhất ngày 30/11/2022"
        XCTAssertEqual(try send(admin, "PATCH", "/plans/\(plan)", ["signer": "Đầu Thanh Tùng"]).status, 200)
        XCTAssertEqual(try send(admin, "PATCH", "/tasks/\(task)", ["deadline": "ngày 15/11/2022"]).status, 200)
        let ext = try admin.post("/api/v1/tasks/\(task)/extensions", ["deadline": "Quý I/2023", "reason": "Theo đề nghị của Sở Kế hoạch và Đầu tư"])
        XCTAssertEqual(ext.status, 201, ext.text)
        XCTAssertEqual(try admin.request("PUT", "/api/v1/plans/\(plan)/periods/2022-Q1/lock").status, 200)
        XCTAssertEqual(try admin.request("PUT", "/api/v1/plans/\(plan)/periods/2022-Q1/lock").status, 200)   // already locked: no entry
        XCTAssertEqual(try admin.request("DELETE", "/api/v1/plans/\(plan)/periods/2022-Q1/lock").status, 200)
        XCTAssertEqual(try send(admin, "PATCH", "/tasks/\(task)", ["title": (try admin.get("/api/v1/tasks/\(task)").object["title"] as? String) ?? ""]).status, 200,
                       "a PATCH that changes nothing")

        let all = try changes()
        XCTAssertEqual(all.map { "\($0["entity"] as? String ?? "") \($0["action"] as? String ?? "")" },
                       ["period_lock unlock", "period_lock lock", "extension create", "task update", "plan update", "plan create"],
                       "newest first, one entry per change")
        let by = all[0]["by"] as? [String: Any] ?? [:]
        XCTAssertEqual(by["role"] as? String, "admin")
        XCTAssertEqual(by["label"] as? String, "test-admin-token")
        XCTAssertEqual(all[0]["changed_at"] as? String, "2022-06-10T02:00:00Z")

        func change(_ entry: [String: Any], _ field: String) -> (Any?, Any?) {
            let c = (entry["changes"] as? [String: Any])?[field] as? [String: Any]
            return (c?["from"], c?["to"])
        }
        let signer = change(all[4], "signer")
        XCTAssertEqual(signer.0 as? String, "Đỗ Minh Tuấn")
        XCTAssertEqual(signer.1 as? String, "Đầu Thanh Tùng")
        XCTAssertEqual((all[4]["changes"] as? [String: Any])?.count, 1, "only what changed")
        // Who moved this deadline: the task's own edit, and the extension.
        let moved = change(all[3], "deadline")
        XCTAssertEqual((moved.0 as? [String: Any])?["due_on"] as? String, "2022-11-30")
        XCTAssertEqual((moved.1 as? [String: Any])?["due_on"] as? String, "2022-11-15")
        XCTAssertEqual(all[3]["entity_id"] as? String, String(task))
        let extended = change(all[2], "deadline")
        XCTAssertEqual((extended.0 as? [String: Any])?["due_on"] as? String, "2022-11-15")
        XCTAssertEqual((extended.1 as? [String: Any])?["due_on"] as? String, "2023-03-31")
        XCTAssertEqual(change(all[2], "reason").1 as? String, "Theo đề nghị của Sở Kế hoạch và Đầu tư")

        // Paging and filters like other lists; CSV with BOM.
        let page = try admin.get("/api/v1/plans/\(plan)/changes?limit=2")
        XCTAssertEqual(page.object["total"] as? Int, 6)
        XCTAssertEqual(page.object["next"] as? String, "/api/v1/plans/\(plan)/changes?limit=2&offset=2")
        XCTAssertEqual(try changes("?entity=extension").count, 1)
        XCTAssertEqual(try admin.get("/api/v1/plans/\(plan)/changes?entity=report").status, 400)
        let csv = try admin.get("/api/v1/plans/\(plan)/changes?format=csv")
        XCTAssertEqual(csv.status, 200)
        XCTAssertEqual(Array(csv.body.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertTrue(csv.text.contains("id,changed_at,entity,entity_id,action,by_role,by_unit_id,by_label,by_token_id,changes"), csv.text)
        XCTAssertTrue(csv.text.contains("Đầu Thanh Tùng"))
        // Reporters of the plan may read it; 404 for an unknown plan.
        XCTAssertEqual(try reporter.get("/api/v1/plans/\(plan)/changes").status, 200)
        XCTAssertEqual(try admin.get("/api/v1/plans/999999/changes").status, 404)
    }

    /// A refused edit leaves no entry; the edits of the new routes each leave one.
    func testEveryEditRouteLogsAndARefusalLogsNothing() throws {
        let before = try changes().count
        _ = try send(admin, "PATCH", "/tasks/\(tasks[0])", ["title": ""])
        _ = try send(admin, "DELETE", "/tasks/\(tasks[0])", ifMatch: "\"stale\"")
        XCTAssertEqual(try changes().count, before)
        let sc = try send(admin, "POST", "/plans/\(plan)/shortcomings",
                          ["title": "Mới", "tasks": [["title": "Một", "lead": ["so-y-te"], "deadline": "Năm 2022"]]])
        let scID = sc.object["id"] as? Int ?? 0
        _ = try send(admin, "PATCH", "/shortcomings/\(scID)", ["title": "Mới hơn"])
        _ = try send(admin, "DELETE", "/shortcomings/\(scID)")
        let entries = try changes().prefix(5).map { "\($0["entity"] as? String ?? "") \($0["action"] as? String ?? "")" }
        XCTAssertEqual(entries, ["shortcoming delete", "task delete", "shortcoming update", "task create", "shortcoming create"])
    }
}
