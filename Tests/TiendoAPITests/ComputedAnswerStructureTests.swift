// Computed answers (answer cache off) read the plan's structure from the snapshot
// cached per structure revision — tasks, expanded assignees, deadlines, and what is
// derived from them once (compliance's de-duplicated assignees, the summary's
// lead-unit positions) — and the read model by the snapshot's task ids. Each test
// computes an answer (so the snapshot is cached), changes what it was built from,
// and checks that the very next computed answer shows the change.

import Foundation
import XCTest
@testable import TiendoAPI

final class ComputedAnswerStructureTests: XCTestCase {
    var s: TestServer!
    var admin: TestClient!
    var plan = 0
    var A = 0, B = 0, C = 0, D = 0

    override func setUpWithError() throws {
        s = try TestServer(now: "2022-03-25T09:00:00+07:00", answerCacheBytes: 0)
        admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (p, t) = try Plan83.create(s, admin: admin)
        plan = p; (A, B, C, D) = (t[0], t[1], t[2], t[3])
        try s.token("tok-lao-dong", role: "reporter", unit: "so-lao-dong")
        try s.token("tok-y-te", role: "reporter", unit: "so-y-te")
        s.clock.set("2022-06-10T09:00:00+07:00")
    }

    override func tearDown() { s?.stop() }

    func get(_ path: String, line: UInt = #line) throws -> [String: Any] {
        let r = try admin.get(path)
        XCTAssertEqual(r.status, 200, r.text, line: line)
        return r.object
    }

    func perUnit(_ summary: [String: Any]) -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for row in summary["per_unit"] as? [[String: Any]] ?? [] { if let u = row["unit_id"] as? String { out[u] = row } }
        return out
    }

    func missing(_ compliance: [String: Any]) -> Set<String> {
        Set((compliance["missing_list"] as? [[String: Any]] ?? []).map { "\($0["task_id"] ?? "")/\($0["unit_id"] ?? "")" })
    }

    /// A lead changed by PATCH /tasks/{id} shows in the summary's per-unit rows and in who compliance expects.
    func testALeadChangedByAPlanEditShowsInTheNextComputedSummaryAndCompliance() throws {
        s.clock.set("2022-06-20T09:00:00+07:00")
        let summary = "/api/v1/plans/\(plan)/summary", compliance = "/api/v1/plans/\(plan)/compliance?period=2022-Q2"
        XCTAssertEqual(perUnit(try get(summary))["so-y-te"]?["tasks_total"] as? Int, 1)
        XCTAssertTrue(missing(try get(compliance)).contains("\(B)/so-y-te"))
        // Task B's lead moves from Sở Y tế to Sở Lao động (which already leads task A).
        let r = try admin.send("PATCH", "/api/v1/tasks/\(B)", json: ["lead": ["so-lao-dong"]])
        XCTAssertEqual(r.status, 200, r.text)
        let units = perUnit(try get(summary))
        XCTAssertNil(units["so-y-te"], "\(units.keys)")
        XCTAssertEqual(units["so-lao-dong"]?["tasks_total"] as? Int, 2)
        let m = missing(try get(compliance))
        XCTAssertFalse(m.contains("\(B)/so-y-te"), "\(m)")
        XCTAssertTrue(m.contains("\(B)/so-lao-dong"), "\(m)")
    }

    /// A lead named twice (directly and through its kind) counts once, in compliance and in the summary.
    func testALeadNamedTwiceCountsOnce() throws {
        let r = try admin.send("PATCH", "/api/v1/tasks/\(C)", json: ["lead": ["huyen-hoang-hoa", "kind:district"]])
        XCTAssertEqual(r.status, 200, r.text)
        s.clock.set("2022-06-20T09:00:00+07:00")
        let c = try get("/api/v1/plans/\(plan)/compliance?period=2022-Q2")
        let pairs = (c["missing_list"] as? [[String: Any]] ?? []).filter { $0["task_id"] as? Int == C }.compactMap { $0["unit_id"] as? String }
        XCTAssertEqual(pairs.filter { $0 == "huyen-hoang-hoa" }.count, 1, "\(pairs)")
        XCTAssertEqual(Set(pairs), ["huyen-hoang-hoa", "huyen-thuong-xuan", "thanh-pho-thanh-hoa"])
        let row = perUnit(try get("/api/v1/plans/\(plan)/summary"))["huyen-hoang-hoa"]
        XCTAssertEqual(row?["tasks_total"] as? Int, 1, "\(row ?? [:])")
    }

    /// An extension moves the due day the next computed summary uses (D is due 2022-11-30).
    func testAnExtensionShowsInTheNextComputedSummary() throws {
        let path = "/api/v1/plans/\(plan)/summary?as_of=2022-12-05"
        let overdue = { (o: [String: Any]) in (o["overdue"] as? [[String: Any]] ?? []).compactMap { $0["task_id"] as? Int } }
        XCTAssertEqual(overdue(try get(path)), [D])
        s.clock.set("2022-06-12T09:00:00+07:00")
        let e = try admin.post("/api/v1/tasks/\(D)/extensions", ["reason": "Gia hạn theo văn bản số 12", "deadline": "Ngày 31/12/2022"])
        XCTAssertEqual(e.status, 201, e.text)
        XCTAssertEqual(overdue(try get(path)), [])
    }

    /// A new report shows in the next computed summary, compliance and task, each computed again.
    func testANewReportShowsInTheNextComputedAnswers() throws {
        let summary = "/api/v1/plans/\(plan)/summary", compliance = "/api/v1/plans/\(plan)/compliance?period=2022-Q2"
        let units = perUnit(try get(summary))
        XCTAssertEqual(number(units["so-lao-dong"]?["own_average_progress"]), 0)
        XCTAssertEqual(try get(compliance)["on_time"] as? Int, 0)
        let r = try s.client("tok-lao-dong").post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 40,
                                                                            extra: ["indicator_value": 1.2]))
        XCTAssertEqual(r.status, 201, r.text)
        let after = try get(summary)
        XCTAssertEqual(number(perUnit(after)["so-lao-dong"]?["own_average_progress"]), 40)
        let indicator = (after["indicators"] as? [[String: Any]] ?? []).first { $0["task_id"] as? Int == A }
        XCTAssertEqual(number(indicator?["value"]), 1.2, "\(after["indicators"] ?? "")")
        XCTAssertEqual(try get(compliance)["on_time"] as? Int, 1)
        XCTAssertEqual(number(try get("/api/v1/tasks/\(A)")["progress"]), 40)
    }
}
