// The pages that show one unit (the scorecard `/units/{id}`, a clerk's agenda on
// `/`) evaluate that unit's compliance from its own read-model rows instead of
// every unit's. These tests hold them to the full evaluation: in process, every
// unit of every demo plan in every period; over HTTP, the scorecard page's numbers
// against GET /api/v1/units/{id}/scorecard.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoDomain

final class PageUnitComplianceTests: XCTestCase {
    var s: TestServer!

    override func setUpWithError() throws {
        s = try TestServer(now: "2026-12-06T10:00:00+07:00")
        _ = try DemoData.load(into: s.store, now: s.clock.now)
    }

    override func tearDown() { s.stop() }

    func testOneUnitsComplianceEqualsItsShareOfTheFullEvaluation() throws {
        let pages = PageContext(api: APIContext(store: s.store, clock: s.clock.apiClock), secureCookies: false)
        let viewer = PageViewer(principal: Principal(tokenID: 0, role: .admin, unitID: nil, label: nil), sessionHash: "", csrf: "")
        var compared = 0, withEntries = 0
        try s.store.read { c in
            for plan in try pages.visiblePlans(viewer, c) {
                for asOf in [CivilDate(year: 2022, month: 9, day: 30)!, CivilDate(year: 2024, month: 1, day: 20)!, pages.api.today] {
                    let day = try pages.planDay(plan.id, asOf: asOf, viewer, c)
                    let units = Set(day.snap.tasks.flatMap { day.snap.lead($0) + day.snap.coordinating($0) })
                    for info in pages.periods(day) where info.expectsReports {
                        let full = try pages.compliance(day, info, c)
                        for unit in units.sorted() {
                            let rows = UnitRows(unit: unit) { pages.unitTasks(day, unit: unit).map { Int64($0.taskId) } }
                            let mine = try pages.unitCompliance(day, unit: unit, info, rows: rows, c)
                            let label = "plan \(plan.id) \(info.period) as of \(asOf) unit \(unit)"
                            XCTAssertEqual(mine.entries, full.entries.filter { $0.unitId == unit }, label)
                            XCTAssertEqual(mine.coordinating, full.coordinating.filter { $0.unitId == unit }, label)
                            XCTAssertEqual(mine.perUnit.first { $0.unitId == unit }, full.perUnit.first { $0.unitId == unit }, label)
                            XCTAssertEqual(mine.missing, full.missing.filter { $0.unitId == unit }, label)
                            XCTAssertEqual(mine.excludedCompleted, full.excludedCompleted.filter { $0.unitId == unit }, label)
                            XCTAssertEqual(mine.excludedCancelled, full.excludedCancelled.filter { $0.unitId == unit }, label)
                            compared += 1
                            if !mine.entries.isEmpty { withEntries += 1 }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(withEntries, 50, "the demo has units that owe reports")
        XCTAssertGreaterThan(compared, withEntries)
    }

    /// The scorecard page's per-period rows: (plan id, period, expected, on time, late, missing).
    static func pageRows(_ html: String) -> [[String]] {
        let pattern = #"<a href="/plans/(\d+)/periods/([0-9A-Z-]+)\?as_of=[0-9-]+">[^<]*</a></th><td data-label="Hạn gửi">[^<]*</td>"#
            + #"<td class="num" data-label="Phải gửi">(\d+)</td><td class="num on_time" data-label="Đúng hạn">(\d+)</td>"#
            + #"<td class="num late" data-label="Muộn">(\d+)</td><td class="[a-z ]+" data-label="Thiếu">(\d+)</td>"#
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { m in
            (1...6).map { String(html[Range(m.range(at: $0), in: html)!]) }
        }
    }

    func testTheScorecardPageShowsTheAPIsNumbers() throws {
        let b = try s.signedIn("demo-tai-chinh")
        let api = s.client("demo-admin")
        var rows = 0
        for unit in ["huyen-hoang-hoa", "so-y-te", "so-tai-chinh"] {
            for asOf in ["2022-09-30", "2026-12-06"] {
                let page = try b.get("/units/\(unit)?as_of=\(asOf)")
                XCTAssertEqual(page.status, 200, page.text)
                let card = try api.get("/api/v1/units/\(unit)/scorecard?as_of=\(asOf)")
                XCTAssertEqual(card.status, 200, card.text)
                var expected: [[String]] = []
                for plan in card.object["plans"] as? [[String: Any]] ?? [] {
                    for p in (plan["periods"] as? [[String: Any]] ?? []).reversed() {
                        expected.append(["\(plan["plan_id"] as? Int ?? 0)", p["period"] as? String ?? ""]
                                        + ["expected", "on_time", "late", "missing"].map { "\(p[$0] as? Int ?? -1)" })
                    }
                }
                XCTAssertEqual(Self.pageRows(page.text), expected, "\(unit) as of \(asOf)")
                rows += expected.count
                let reports = card.object["reports"] as? [String: Any] ?? [:]
                XCTAssertTrue(page.text.contains("<dt>Báo cáo phải gửi</dt><dd>\(reports["expected"] as? Int ?? -1)</dd>"), unit)
                XCTAssertTrue(page.text.contains("<dt>Không gửi</dt><dd>\(reports["missing"] as? Int ?? -1)</dd>"), unit)
            }
        }
        XCTAssertGreaterThan(rows, 5)
    }
}
