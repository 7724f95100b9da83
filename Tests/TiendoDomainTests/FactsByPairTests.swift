// FactsByPair (compliance's grouping of revisions) gives each (task, unit) exactly
// its revisions in their given order, sorted input or not: the rules take the first
// of equal revisions, so the order within a pair is part of the answer.

import Testing
import Foundation
@testable import TiendoDomain

@Suite struct FactsByPairTests {
    /// A fixed-seed generator, so a failure names the same input every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: [false, true])
    func eachPairGetsItsRevisionsInTheirGivenOrder(sorted: Bool) {
        var rng = SplitMix(state: sorted ? 7 : 11)
        let units = ["t01-huyen-01", "t01-huyen-02", "t01-so-tai-chinh", "Đ-unit", "a"]
        var facts: [ReportFact] = []
        for n in 0..<400 {
            let at = Date(timeIntervalSince1970: 1_750_000_000 + Double(Int.random(in: 0..<5, using: &rng) * 3600))
            facts.append(ReportFact(taskId: Int.random(in: 1...12, using: &rng), unitId: units.randomElement(using: &rng)!,
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
