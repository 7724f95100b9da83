// Records carry the domain's enums; a stored text the domain does not know is an error of
// the store (UnknownStoredValue), answered 500, never a trap nor a silent default.

import XCTest
@testable import TiendoAPI
import TiendoDomain
import TiendoSQLite
import TiendoStore

final class StoredValueTests: XCTestCase {
    /// Writes `value` into `table.column` of the rows matching `filter`, past the schema's CHECK.
    private func corrupt(_ s: TestServer, _ table: String, _ column: String, _ value: String, where filter: String) throws {
        try s.store.write { c in
            try c.run("PRAGMA ignore_check_constraints = ON")
            defer { try? c.run("PRAGMA ignore_check_constraints = OFF") }
            try c.run("UPDATE \(table) SET \(column) = ? WHERE \(filter)", [.text(value)])
        }
    }

    func testKnownValuesAreReadAsTheDomainsEnums() throws {
        let s = try TestServer()
        defer { s.stop() }
        let admin = try s.tokens.create(role: "admin", unitID: nil)
        XCTAssertEqual(admin.record.role, .admin)
        XCTAssertEqual(try s.client(admin.token).post("/api/v1/units", ["id": "so-tai-chinh", "name": "Sở Tài chính", "kind": "department"]).status, 201)
        XCTAssertEqual(try s.store.read { try UnitStore.get("so-tai-chinh", in: $0) }?.kind, .department)
        XCTAssertEqual(try s.store.read { try TokenStore.get(admin.record.id, in: $0) }?.role, .admin)
    }

    func testAnUnknownStoredKindIsAStoreErrorAnswered500() throws {
        let s = try TestServer()
        defer { s.stop() }
        let admin = try s.tokens.create(role: "admin", unitID: nil).token
        XCTAssertEqual(try s.client(admin).post("/api/v1/units", ["id": "bo-tai-chinh", "name": "Bộ Tài chính", "kind": "agency"]).status, 201)
        try corrupt(s, "units", "kind", "ministry", where: "id = 'bo-tai-chinh'")
        XCTAssertThrowsError(try s.store.read { try UnitStore.get("bo-tai-chinh", in: $0) }) { error in
            let e = error as? UnknownStoredValue
            XCTAssertEqual(e?.table, "units")
            XCTAssertEqual(e?.column, "kind")
            XCTAssertEqual(e?.value, "ministry")
        }
        let r = try s.client(admin).get("/api/v1/units/bo-tai-chinh")
        XCTAssertEqual(r.status, 500, r.text)
        XCTAssertEqual(r.code, "internal_error")
        XCTAssertEqual(try s.client(admin).get("/health").status, 200, "the server is still up")
    }

    func testAnUnknownStoredRoleIsAStoreError() throws {
        let s = try TestServer()
        defer { s.stop() }
        let created = try s.tokens.create(role: "aggregator", unitID: nil)
        try corrupt(s, "tokens", "role", "superuser", where: "id = \(created.record.id)")
        XCTAssertThrowsError(try s.store.read { try TokenStore.get(created.record.id, in: $0) }) { error in
            XCTAssertEqual((error as? UnknownStoredValue)?.value, "superuser")
        }
        // Authentication fails closed: the token grants nothing (401), it does not break the server (500).
        let r = try s.client(created.token).get("/api/v1/plans")
        XCTAssertEqual(r.status, 401, r.text)
        XCTAssertEqual(r.code, "unauthorized")
    }

    func testAReportsStatusAndPeriodAreTheDomainsAndUnknownOnesAreStoreErrors() throws {
        let s = try TestServer()
        defer { s.stop() }
        _ = try DemoData.load(into: s.store, now: s.clock.now)
        let id = try XCTUnwrap(try s.store.read { try $0.scalar("SELECT min(id) FROM reports").int64Value })
        let report = try XCTUnwrap(try s.store.read { try ReportStore.get(id, in: $0) })
        let stored = try XCTUnwrap(try s.store.read { try $0.queryOne("SELECT status, period FROM reports WHERE id = ?", [.integer(id)]) })
        XCTAssertEqual(report.status.rawValue, stored.string("status"), "the enum is the stored text")
        XCTAssertEqual(report.period.description, stored.string("period"), "queries by period compare this text")

        try corrupt(s, "reports", "status", "abandoned", where: "id = \(id)")
        XCTAssertThrowsError(try s.store.read { try ReportStore.get(id, in: $0) }) { error in
            XCTAssertEqual((error as? UnknownStoredValue)?.column, "status")
        }
        try corrupt(s, "reports", "status", report.status.rawValue, where: "id = \(id)")
        try corrupt(s, "reports", "period", "2022-Q9", where: "id = \(id)")
        XCTAssertThrowsError(try s.store.read { try ReportStore.get(id, in: $0) }) { error in
            XCTAssertEqual((error as? UnknownStoredValue)?.column, "period")
        }
    }

    func testAReviewsDecisionIsTheDomainsAndAnUnknownOneIsAStoreError() throws {
        let s = try TestServer()
        defer { s.stop() }
        _ = try DemoData.load(into: s.store, now: s.clock.now)
        let row = try XCTUnwrap(try s.store.read { try $0.queryOne("SELECT min(id) AS id FROM reports") })
        let reportID = try XCTUnwrap(row.int("id"))
        let report = try XCTUnwrap(try s.store.read { try ReportStore.get(reportID, in: $0) })
        let review = try s.store.write { c in
            try ReviewStore.insert(ReviewRecord(reportID: report.id, planID: report.planID, taskID: report.taskID, unitID: report.unitID,
                                                period: report.period.description, revision: report.revision, decision: .returned,
                                                comment: "Thiếu số liệu", reviewedBy: nil, reviewerRole: "aggregator", reviewerUnitID: nil,
                                                createdAt: "2026-01-10T02:00:00Z"), in: c)
        }
        let stored = try XCTUnwrap(try s.store.read { try $0.queryOne("SELECT decision FROM report_reviews WHERE id = ?", [.integer(review.id)]) })
        XCTAssertEqual(stored.string("decision"), "returned", "the enum is the stored text")
        XCTAssertEqual(try s.store.read { try ReviewStore.forReports([reportID], in: $0) }[reportID]?.last?.decision, .returned)

        try corrupt(s, "report_reviews", "decision", "rejected", where: "id = \(review.id)")
        XCTAssertThrowsError(try s.store.read { try ReviewStore.forReports([reportID], in: $0) }) { error in
            XCTAssertEqual((error as? UnknownStoredValue)?.column, "decision")
            XCTAssertEqual((error as? UnknownStoredValue)?.value, "rejected")
        }
    }

    func testALocksPeriodIsTheDomainsAndAnUnknownOneIsAStoreError() throws {
        let s = try TestServer()
        defer { s.stop() }
        _ = try DemoData.load(into: s.store, now: s.clock.now)
        let planID = try XCTUnwrap(try s.store.read { try $0.scalar("SELECT min(id) FROM plans").int64Value })
        let q2 = try XCTUnwrap(ReportingPeriod("2022-Q2"))
        _ = try s.store.write { try PeriodLockStore.lock(PeriodLockRecord(planID: planID, period: q2, lockedAt: "2022-08-15T02:00:00Z", lockedBy: nil), in: $0) }
        let stored = try XCTUnwrap(try s.store.read { try $0.queryOne("SELECT period FROM period_locks WHERE plan_id = ?", [.integer(planID)]) })
        XCTAssertEqual(stored.string("period"), "2022-Q2", "the period's stored text")
        XCTAssertEqual(try s.store.read { try PeriodLockStore.forPlan(planID, in: $0) }[q2]?.period, q2)
        try corrupt(s, "period_locks", "period", "2022-Q5", where: "plan_id = \(planID)")
        XCTAssertThrowsError(try s.store.read { try PeriodLockStore.forPlan(planID, in: $0) }) { error in
            XCTAssertEqual((error as? UnknownStoredValue)?.table, "period_locks")
            XCTAssertEqual((error as? UnknownStoredValue)?.value, "2022-Q5")
        }
    }
}
