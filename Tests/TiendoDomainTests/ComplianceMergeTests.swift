import Testing
import Foundation
@testable import TiendoDomain

/// Evaluating tasks one at a time and appending the results in task order equals
/// evaluating them all at once: the pages cache compliance per task on that.
@Suite struct ComplianceMergeTests {
    func whole(_ period: String, asOf: String, tasks: [ComplianceTask]) -> ComplianceResult {
        ComplianceEvaluator.evaluate(ComplianceInput(planIssuedOn: issued83, schedule: .quarterly15, period: ReportingPeriod(period)!,
                                                     asOf: day(asOf), tasks: tasks, reports: ComplianceTests.reports))
    }

    @Test(arguments: [("2022-Q2", "2022-07-31"), ("2022-Q2", "2022-06-15"), ("2022-Q3", "2022-09-30"), ("2022-Q3", "2022-08-01"),
                      ("2022-Q1", "2022-04-30"), ("2022-Q4", "2022-12-31")])
    func taskByTaskEqualsAllAtOnce(_ period: String, _ asOf: String) {
        // A cancelled task and a unit leading one task and coordinating another, beside the suite's four.
        var tasks = ComplianceTests.tasks
        tasks.append(ComplianceTask(taskId: 5, leadUnits: ComplianceTests.expand(["huyen-hoang-hoa"]),
                                    coordinatingUnits: ComplianceTests.expand(["so-lao-dong"]), cancelledOn: day("2022-08-20")))
        let all = whole(period, asOf: asOf, tasks: tasks)
        var merged = whole(period, asOf: asOf, tasks: [])
        for t in tasks { merged.append(whole(period, asOf: asOf, tasks: [t])) }
        #expect(merged == all)
        var atOnce = whole(period, asOf: asOf, tasks: [])
        atOnce.append(contentsOf: tasks.map { whole(period, asOf: asOf, tasks: [$0]) })
        #expect(atOnce == all)
        #expect(all.entries.count + all.excludedCompleted.count + all.excludedCancelled.count > 0 || !(all.info?.expectsReports ?? false))
    }
}
