// The pages assemble a plan day task by task, each task's view and compliance kept
// under its report mark (migration 0012), so a report makes them evaluate that one
// task again. Held to the API's whole-plan evaluation before and after reports, and
// the mark to the reports: it moves with a report of its task and no other.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoDomain
import TiendoStore

final class PlanDayPartsTests: XCTestCase {
    var s: TestServer!
    var pages: PageContext!
    let viewer = PageViewer(principal: Principal(tokenID: 0, role: .admin, unitID: nil, label: nil), sessionHash: "", csrf: "")

    override func setUpWithError() throws {
        s = try TestServer(now: "2026-12-06T10:00:00+07:00")
        _ = try DemoData.load(into: s.store, now: s.clock.now)
        pages = PageContext(api: APIContext(store: s.store, clock: s.clock.apiClock), secureCookies: false)
    }

    override func tearDown() { s.stop() }

    /// Every plan, period and day the pages show, from parts, against the API's own whole-plan evaluation.
    func assertPagesEqualTheAPI(_ label: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        var compared = 0
        try s.store.read { c in
            for plan in try pages.visiblePlans(viewer, c) {
                for asOf in [CivilDate(year: 2022, month: 9, day: 30)!, pages.api.today] {
                    let day = try pages.planDay(plan.id, asOf: asOf, viewer, c)
                    let api = pages.api
                    let views = day.snap.statuses(asOf: asOf, facts: try api.statusFacts(plan: plan.id, asOf: asOf, c).facts)
                    XCTAssertEqual(day.views.map(\.result), views.map(\.result), "\(label): plan \(plan.id) as of \(asOf)", file: file, line: line)
                    for info in pages.periods(day) where info.expectsReports {
                        let whole = api.complianceResult(day.snap, period: info.period, asOf: asOf,
                                                         facts: try api.complianceFacts(day.snap, period: info.period, asOf: asOf, c))
                        XCTAssertEqual(try pages.complianceTotals(day, info, c), whole.totals, "\(label): totals of plan \(plan.id) \(info.period)",
                                       file: file, line: line)
                        XCTAssertEqual(try pages.compliance(day, info, c), whole, "\(label): plan \(plan.id) \(info.period) as of \(asOf)",
                                       file: file, line: line)
                        compared += 1
                    }
                }
            }
        }
        return compared
    }

    func testADayFromPartsEqualsTheWholeEvaluationBeforeAndAfterReports() throws {
        XCTAssertGreaterThan(try assertPagesEqualTheAPI("cold"), 10)
        _ = try assertPagesEqualTheAPI("from the caches")
        let marks = { try self.s.store.read { try PageReads.taskMarks(ofPlan: 2, in: $0) } }
        let before = try marks()
        XCTAssertFalse(before.isEmpty, "the demo's plan 63 has reports")
        // Hoằng Hóa reports task 20 for today's quarter: only that task's mark moves, and every
        // view and period the pages show still equals the whole evaluation.
        let clerk = s.client("demo-hoang-hoa")
        let r = try clerk.post("/api/v1/reports", report(20, "huyen-hoang-hoa", "2026-Q4", "2026-12-05", progress: 97))
        XCTAssertEqual(r.status, 201, r.text)
        let after = try marks()
        XCTAssertNotEqual(after[20], before[20])
        XCTAssertEqual(after.filter { $0.key != 20 }, before.filter { $0.key != 20 })
        _ = try assertPagesEqualTheAPI("after a report")
        let done = try clerk.post("/api/v1/reports", report(20, "huyen-hoang-hoa", "2026-Q4", "2026-12-06", status: "completed",
                                                             progress: 100, completedOn: "2026-12-06"))
        XCTAssertEqual(done.status, 201, done.text)
        _ = try assertPagesEqualTheAPI("after a completion")
    }
}
