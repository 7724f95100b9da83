// The demo data loads through the same validation as the API and gives the
// documented curl examples something to show.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoStore

final class DemoDataTests: XCTestCase {
    func testDemoLoadsPlan83WithOnTimeLateMissingAndRevisedReports() throws {
        let s = try TestServer(now: "2023-01-20T09:00:00+07:00")
        defer { s.stop() }
        let summary = try DemoData.load(into: s.store, now: s.clock.now)
        XCTAssertGreaterThan(summary.reports, 40)
        XCTAssertThrowsError(try DemoData.load(into: s.store, now: s.clock.now))

        let admin = s.client("demo-admin")
        let plans = try admin.get("/api/v1/plans")
        XCTAssertEqual(plans.items.first?["number"] as? String, "83/KH-UBND")
        XCTAssertEqual(plans.items.first?["signer"] as? String, "Đỗ Minh Tuấn")

        let q3 = try s.client("demo-aggregator").get("/api/v1/plans/\(summary.planID)/compliance?period=2022-Q3")
        XCTAssertEqual(q3.status, 200, q3.text)
        let totals = q3.object["totals"] as? [String: Int] ?? [:]
        XCTAssertGreaterThan(totals["on_time"] ?? 0, 0)
        XCTAssertGreaterThan(totals["late"] ?? 0, 0)
        XCTAssertGreaterThan(totals["missing"] ?? 0, 0)
        XCTAssertEqual(totals["expected"], (totals["on_time"] ?? 0) + (totals["late"] ?? 0) + (totals["missing"] ?? 0))

        let reports = try s.client("demo-hoang-hoa").get("/api/v1/reports?unit_id=huyen-hoang-hoa&limit=500")
        XCTAssertEqual(reports.status, 200)
        XCTAssertGreaterThan(reports.items.count, 0)
        let all = try admin.get("/api/v1/reports?limit=500")
        XCTAssertTrue(all.items.contains { ($0["revision"] as? Int ?? 1) > 1 }, "some report was revised")

        let periods = try admin.get("/api/v1/plans/\(summary.planID)/periods")
        XCTAssertEqual(periods.items.first { $0["period"] as? String == "2022-Q2" }?["locked"] as? Bool, true)
        let summaryResp = try admin.get("/api/v1/plans/\(summary.planID)/summary")
        XCTAssertEqual(summaryResp.status, 200, summaryResp.text)
        XCTAssertEqual(summaryResp.object["tasks_total"] as? Int, summary.tasks)
    }
}
