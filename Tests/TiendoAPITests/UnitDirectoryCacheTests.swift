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
}
