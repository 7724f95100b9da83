// Extension requests (issue 13) through a real socket: a unit asks, the plan's
// aggregator grants (the extension is written, the task's due day moves) or
// declines; roles, validation all at once, one pending request per task and unit.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoHTTP
import TiendoStore

final class ExtensionRequestTests: XCTestCase {
    var s: TestServer!
    /// Plan 63 (id 2): task 17, lead Sở Công Thương, due 2025-12-31 (overdue on 2026-12-06).
    let task = 17

    override func setUpWithError() throws {
        s = try TestServer(now: "2026-12-06T10:00:00+07:00")
        _ = try DemoData.load(into: s.store, now: s.clock.now)
        try s.token("demo-cong-thuong", role: "reporter", unit: "so-cong-thuong")
    }

    override func tearDown() { s.stop() }

    func ask(_ token: String, _ body: [String: Any], task: Int? = nil) throws -> TestResponse {
        try s.client(token).post("/api/v1/tasks/\(task ?? self.task)/extension-requests", body)
    }

    func decide(_ token: String, _ id: Int, _ body: [String: Any]) throws -> TestResponse {
        try s.client(token).post("/api/v1/extension-requests/\(id)/decision", body)
    }

    func dueOn() throws -> String? {
        try s.client("demo-tai-chinh").get("/api/v1/tasks/\(task)").object["due_on"] as? String
    }

    func codes(_ r: TestResponse) -> Set<String> {
        let fields = (r.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        return Set(fields.isEmpty ? [r.object["code"] as? String].compactMap { $0 } : fields)
    }

    func testGrantingARequestWritesTheExtensionAndMovesTheTasksDueDay() throws {
        XCTAssertEqual(try dueOn(), "2025-12-31")
        let asked = try ask("demo-cong-thuong", ["deadline": "Năm 2027", "reason": "Chờ Bộ Công Thương hướng dẫn"])
        XCTAssertEqual(asked.status, 201, asked.text)
        XCTAssertEqual(asked.object["state"] as? String, "pending")
        XCTAssertEqual(asked.object["due_on"] as? String, "2027-12-31")
        XCTAssertEqual(asked.object["unit_id"] as? String, "so-cong-thuong")
        XCTAssertEqual(asked.header("Location"), "/api/v1/tasks/\(task)/extension-requests")
        XCTAssertEqual(try dueOn(), "2025-12-31", "a request changes nothing until granted")
        let id = Int(number(asked.object["id"]) ?? 0)

        let again = try ask("demo-cong-thuong", ["deadline": "Năm 2028", "reason": "Nhắc lại"])
        XCTAssertEqual(again.status, 409)
        XCTAssertEqual(codes(again), ["extension_request_pending"])

        let pending = try s.client("demo-tai-chinh").get("/api/v1/plans/2/extension-requests?state=pending")
        XCTAssertEqual(pending.status, 200, pending.text)
        XCTAssertEqual(pending.items.map { Int(number($0["id"]) ?? 0) }, [id])
        XCTAssertEqual(try s.client("demo-cong-thuong").get("/api/v1/tasks/\(task)/extension-requests").items.count, 1)

        // Only the plan's aggregator (or an admin) answers.
        XCTAssertEqual(codes(try decide("demo-aggregator", id, ["decision": "granted"])), ["not_plan_aggregator"])
        XCTAssertEqual(codes(try decide("demo-cong-thuong", id, ["decision": "granted"])), ["role_forbidden"])

        let granted = try decide("demo-tai-chinh", id, ["decision": "granted", "comment": "Đồng ý gia hạn đến hết năm 2027."])
        XCTAssertEqual(granted.status, 200, granted.text)
        let request = granted.object["request"] as? [String: Any]
        XCTAssertEqual(request?["state"] as? String, "granted")
        XCTAssertNotNil(request?["extension_id"] as? Int)
        XCTAssertEqual((granted.object["extension"] as? [String: Any])?["due_on"] as? String, "2027-12-31")
        XCTAssertEqual((granted.object["extension"] as? [String: Any])?["reason"] as? String, "Đồng ý gia hạn đến hết năm 2027.")
        XCTAssertEqual((granted.object["task"] as? [String: Any])?["due_on"] as? String, "2027-12-31")
        XCTAssertEqual(try dueOn(), "2027-12-31", "the task's due day follows the extension")
        let changes = try s.client("demo-tai-chinh").get("/api/v1/plans/2/changes?entity=extension")
        XCTAssertEqual(changes.items.count, 1, "logged as every extension is")

        XCTAssertEqual(codes(try decide("demo-tai-chinh", id, ["decision": "declined", "comment": "x"])), ["extension_request_decided"])
        XCTAssertEqual(try s.client("demo-tai-chinh").get("/api/v1/plans/2/extension-requests?state=pending").items.count, 0)
    }

    func testDecliningNeedsAReasonAndChangesNothing() throws {
        let asked = try ask("demo-cong-thuong", ["deadline": "31/12/2026", "reason": "Chờ vốn"])
        XCTAssertEqual(asked.status, 201, asked.text)
        let id = Int(number(asked.object["id"]) ?? 0)
        let bare = try decide("demo-tai-chinh", id, ["decision": "declined", "deadline": "Năm 2030"])
        XCTAssertEqual(bare.status, 422)
        XCTAssertEqual(codes(bare), ["decision_comment_required", "deadline_not_allowed"])
        let declined = try decide("demo-tai-chinh", id, ["decision": "declined", "comment": "Đề nghị hoàn thành đúng hạn."])
        XCTAssertEqual(declined.status, 200, declined.text)
        XCTAssertEqual((declined.object["request"] as? [String: Any])?["state"] as? String, "declined")
        XCTAssertTrue(declined.object["extension"] is NSNull)
        XCTAssertEqual(try dueOn(), "2025-12-31")
        // Answered: the unit may ask again.
        XCTAssertEqual(try ask("demo-cong-thuong", ["deadline": "Năm 2027", "reason": "Lần 2"]).status, 201)
    }

    func testARequestIsValidatedAllAtOnceAndOnlyByAnAssignedUnitsReporter() throws {
        let bad = try ask("demo-cong-thuong", ["deadline": "Quý III/2025", "reason": "", "unit_id": "so-y-te"])
        XCTAssertEqual(bad.status, 403, bad.text)
        XCTAssertEqual(codes(bad), ["required", "extension_not_later", "token_unit_mismatch"])
        XCTAssertEqual(codes(try ask("demo-cong-thuong", ["deadline": "hôm nào đó", "reason": "x"])), ["deadline_unparseable"])
        XCTAssertEqual(codes(try ask("demo-y-te", ["deadline": "Năm 2027", "reason": "x"])), ["unit_not_assignee"])
        XCTAssertEqual(codes(try ask("demo-tai-chinh", ["deadline": "Năm 2027", "reason": "x"])), ["role_forbidden"])
        XCTAssertEqual(try ask("demo-cong-thuong", ["deadline": "Năm 2027", "reason": "x"], task: 99_999).status, 404)
        XCTAssertEqual(try s.client("demo-cong-thuong").get("/api/v1/plans/2/extension-requests").status, 403)
        XCTAssertEqual(try s.client("demo-tai-chinh").get("/api/v1/plans/2/extension-requests?state=maybe").status, 400)
        XCTAssertEqual(try s.client("demo-tai-chinh").get("/api/v1/plans/2/extension-requests").items.count, 0, "nothing stored")
    }
}

final class ExtensionRequestMigrationTests: XCTestCase {
    /// 0013 applies to a database that already holds a province's data; one pending request per
    /// task and unit holds in the schema itself.
    func testMigration0013AppliesToAnExistingDatabase() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-0013-\(UUID().uuidString)")
        let older = dir.appendingPathComponent("older-migrations")
        try FileManager.default.createDirectory(at: older, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in try FileManager.default.contentsOfDirectory(atPath: TestServer.migrations.path) where f < "0013" {
            try FileManager.default.copyItem(at: TestServer.migrations.appendingPathComponent(f), to: older.appendingPathComponent(f))
        }
        let path = dir.appendingPathComponent("t.sqlite").path
        let now = try XCTUnwrap(Timestamp.parse("2026-12-06T03:00:00Z"))
        do {
            let store = try Store(path: path, migrations: older, readers: 1, durability: .normal)
            _ = try DemoData.load(into: store, now: now)
            store.close()
        }
        let store = try Store(path: path, migrations: TestServer.migrations, readers: 1, durability: .normal)
        defer { store.close() }
        let request = ExtensionRequestRecord(taskID: 17, planID: 2, unitID: "so-cong-thuong", deadlineJSON: "{}", dueOn: nil,
                                             reason: "Chờ vốn", requestedBy: nil, createdAt: "2026-12-06T03:00:00Z")
        let first = try store.write { try ExtensionRequestStore.insert(request, in: $0) }
        XCTAssertThrowsError(try store.write { try ExtensionRequestStore.insert(request, in: $0) }, "a second pending one")
        XCTAssertTrue(try store.write { try ExtensionRequestStore.decide(first.id, state: "declined", comment: "Không", by: nil,
                                                                        at: "2026-12-06T04:00:00Z", extensionID: nil, in: $0) })
        XCTAssertNoThrow(try store.write { try ExtensionRequestStore.insert(request, in: $0) }, "answered: a new one may follow")
        XCTAssertEqual(try store.read { try ExtensionRequestStore.forPlan(2, state: nil, in: $0) }.map(\.state), ["declined", "pending"])
    }
}
