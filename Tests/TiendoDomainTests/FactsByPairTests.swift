// FactsByPair (compliance's grouping of revisions) gives each (task, unit) exactly
// its revisions in their given order, sorted input or not: the rules take the first
// of equal revisions, so the order within a pair is part of the answer.

import Testing
import Foundation
@testable import TiendoDomain

@Suite struct FactsByPairTests {
    @Test(arguments: [false, true])
    func eachPairGetsItsRevisionsInTheirGivenOrder(sorted: Bool) {
        let units = ["t01-huyen-01", "t01-huyen-02", "t01-so-tai-chinh", "Đ-unit", "a"]
        var facts: [ReportFact] = []
        for n in 0..<400 {
            // Tasks, units and arrivals scrambled by coprime strides; arrivals repeat (ties).
            let at = Date(timeIntervalSince1970: 1_750_000_000 + Double((n * 7) % 5 * 3600))
            facts.append(ReportFact(taskId: (n * 5) % 12 + 1, unitId: units[(n * 3 + n / 7) % units.count],
                                    period: .quarter(year: 2025, quarter: 4), revision: n, receivedAt: at, status: .inProgress,
                                    progress: 10))
        }
        if sorted { facts.sort { ($0.taskId, $0.unitId, $0.revision) < ($1.taskId, $1.unitId, $1.revision) } }
        let grouped = FactsByPair(facts)
        for task in 0...13 {
            for unit in units + ["missing"] {
                let want = facts.filter { $0.taskId == task && $0.unitId == unit }.map(\.revision)
                #expect(grouped.task(task).facts(unit).map(\.revision) == want, "task \(task) unit \(unit)")
            }
        }
    }
}
