// Migration 0007 applies to a database that already holds plans, tasks and reports: the
// tasks keep counting (not cancelled), the audit log starts empty, and a log entry bumps
// its plan's revision like every other table of a plan.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoDomain
import TiendoSQLite
import TiendoStore

final class PlanEditsMigrationTests: XCTestCase {
    func testMigrationAppliesToAnExistingDatabaseWithData() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-0007-\(UUID().uuidString)")
        let before = dir.appendingPathComponent("migrations")
        try FileManager.default.createDirectory(at: before, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Every migration that comes before 0007, as a database upgraded from an older release has them.
        let all = try FileManager.default.contentsOfDirectory(at: TestServer.migrations, includingPropertiesForKeys: nil)
        for f in all where f.pathExtension == "sql" && f.lastPathComponent < "0007" {
            try FileManager.default.copyItem(at: f, to: before.appendingPathComponent(f.lastPathComponent))
        }
        let path = dir.appendingPathComponent("old.sqlite").path
        var store = try Store(path: path, migrations: before, readers: 1, durability: .normal)
        try store.write { c in
            try c.run("INSERT INTO units (id, name, name_key, kind, created_at) VALUES ('tinh', 'UBND tỉnh', 'ubnd tinh', 'province', '2022-01-01T00:00:00Z')")
            try c.run("""
                INSERT INTO plans (number, title, issuer_id, issued_on, aggregator_id, schedule_frequency, created_at, updated_at)
                VALUES ('83/KH-UBND', 'Kế hoạch', 'tinh', '2022-03-24', 'tinh', 'quarterly', '2022-03-24T00:00:00Z', '2022-03-24T00:00:00Z')
                """)
            try c.run("INSERT INTO shortcomings (plan_id, position, title) VALUES (1, 0, 'Hạn chế')")
            try c.run("""
                INSERT INTO tasks (shortcoming_id, plan_id, position, title, deadline, deadline_kind, due_on)
                VALUES (1, 1, 0, 'Nhiệm vụ', '{"kind":"year","year":2022}', 'year', '2022-12-31')
                """)
        }
        store.close()

        try FileManager.default.copyItem(at: TestServer.migrations.appendingPathComponent("0007_plan_edits_and_changes.sql"),
                                         to: before.appendingPathComponent("0007_plan_edits_and_changes.sql"))
        store = try Store(path: path, migrations: before, readers: 1, durability: .normal)
        defer { store.close() }
        let task = try XCTUnwrap(try store.read { try TaskStore.get(1, in: $0) })
        XCTAssertEqual(task.title, "Nhiệm vụ")
        XCTAssertNil(task.cancelledAt)
        XCTAssertNil(task.cancelledOn)
        XCTAssertEqual(try store.read { try PlanChangeStore.list(planID: 1, entity: nil, entityID: nil, limit: 10, offset: 0, in: $0) }.total, 0)

        let r0 = try XCTUnwrap(try store.read { try RevisionStore.plan(1, in: $0) })
        try store.write { c in
            try PlanChangeStore.insert(PlanChangeRecord(planID: 1, entity: "task", entityID: "1", action: "cancel", changes: "{}",
                                                        tokenID: nil, role: "admin", unitID: nil, label: nil,
                                                        changedAt: "2022-07-20T03:00:00Z"), in: c)
        }
        let r1 = try XCTUnwrap(try store.read { try RevisionStore.plan(1, in: $0) })
        XCTAssertEqual(r1.plan, r0.plan + 1, "a log entry bumps the plan's revision")
        XCTAssertEqual(r1.structure, r0.structure, "not its structure: the ETag stays")
        // The CHECKs hold: an unknown action is refused.
        XCTAssertThrowsError(try store.write { c in
            try PlanChangeStore.insert(PlanChangeRecord(planID: 1, entity: "task", entityID: "1", action: "explode", changes: "{}",
                                                        tokenID: nil, role: nil, unitID: nil, label: nil, changedAt: "x"), in: c)
        })
    }
}
