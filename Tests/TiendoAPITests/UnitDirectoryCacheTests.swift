// The unit directory is cached across requests; a unit created after it was
// cached must still be seen by `kind:` selectors on the next request.

import Foundation
import XCTest
@testable import TiendoAPI

final class UnitDirectoryCacheTests: XCTestCase {
    func testNewUnitIsSeenByKindSelectorsAfterTheDirectoryWasCached() throws {
        let s = try TestServer(now: "2022-03-25T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (_, tasks) = try Plan83.create(s, admin: admin)
        // Fill the cache.
        XCTAssertEqual(try admin.get("/api/v1/tasks/\(tasks[0])").status, 200)
        let r = try admin.post("/api/v1/units", ["id": "huyen-moi", "name": "UBND huyện Mới", "kind": "district", "parent_id": "tinh-thanh-hoa"])
        XCTAssertEqual(r.status, 201, r.text)
        // Task A has coordinating kind:district: the new district takes part in the plan.
        let reporter = s.client(try s.token("tok-huyen-moi", role: "reporter", unit: "huyen-moi"))
        let t = try reporter.get("/api/v1/tasks/\(tasks[0])")
        XCTAssertEqual(t.status, 200, t.text)
        XCTAssertTrue(t.text.contains("huyen-moi"), t.text)
        // A second unit, then a report-writing read path (visible plans) must see it too.
        XCTAssertEqual(try admin.post("/api/v1/units", ["id": "huyen-moi-2", "name": "UBND huyện Mới 2", "kind": "district",
                                                        "parent_id": "tinh-thanh-hoa"]).status, 201)
        let reporter2 = s.client(try s.token("tok-huyen-moi-2", role: "reporter", unit: "huyen-moi-2"))
        XCTAssertEqual(try reporter2.get("/api/v1/tasks/\(tasks[0])").status, 200)
        XCTAssertFalse(try reporter2.get("/api/v1/tasks").items.isEmpty)  // the plan is visible to the new district
    }

    /// GET /tasks/{id} reads only its own task unless a reporter's unit needs the plan's other tasks.
    func testTaskVisibilityAndShortcomingAfterNarrowRead() throws {
        let s = try TestServer(now: "2022-03-25T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (_, tasks) = try Plan83.create(s, admin: admin)
        XCTAssertEqual(try admin.post("/api/v1/units", ["id": "so-tu-phap", "name": "Sở Tư pháp", "kind": "department",
                                                        "parent_id": "tinh-thanh-hoa"]).status, 201)
        let outsider = s.client(try s.token("tok-tu-phap", role: "reporter", unit: "so-tu-phap"))
        XCTAssertEqual(try outsider.get("/api/v1/tasks/\(tasks[0])").code, "plan_forbidden")
        // so-y-te leads task B only; it still takes part in the plan, so it may read task A.
        let yTe = s.client(try s.token("tok-so-y-te", role: "reporter", unit: "so-y-te"))
        let a = try yTe.get("/api/v1/tasks/\(tasks[0])")
        XCTAssertEqual(a.status, 200, a.text)
        let sc = a.object["shortcoming"] as? [String: Any]
        XCTAssertEqual(sc?["code"] as? String, "I.3", a.text)
        let d = try admin.get("/api/v1/tasks/\(tasks[3])")
        XCTAssertEqual((d.object["shortcoming"] as? [String: Any])?["code"] as? String, "I.1", d.text)
        // The aggregator takes part through the plan itself.
        let agg = s.client(try s.token("tok-aggregator-kh", role: "reporter", unit: "so-ke-hoach-dau-tu"))
        XCTAssertEqual(try agg.get("/api/v1/tasks/\(tasks[1])").status, 200)
    }
}
