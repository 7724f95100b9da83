// A database the service wrote must pass SQLite's own consistency check — and so
// must a backup of it (SQLite 3.40 reported false NULLs for one of our tables).

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoSQLite
import TiendoStore

final class IntegrityTests: XCTestCase {
    func testDemoDatabaseAndItsBackupPassIntegrityCheck() throws {
        let s = try TestServer(now: "2023-01-20T09:00:00+07:00")
        defer { s.stop() }
        try DemoData.load(into: s.store, now: s.clock.now)
        let problems = try s.store.read { try $0.integrityCheck() }
        XCTAssertEqual(problems, ["ok"])

        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("integrity-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try Backup.copy(from: s.store.database, to: copy)
        let restored = try Connection(path: copy, mode: .readOnly)
        XCTAssertEqual(try restored.integrityCheck(), ["ok"])
        XCTAssertGreaterThan(try restored.scalar("SELECT count(*) FROM task_assignees").int64Value ?? 0, 0)
    }
}
