import Testing
import Foundation
@testable import TiendoDomain

/// A task cancelled on a day stops counting from that day on (docs/rules.md, cancellation):
/// it is no longer expected in compliance for periods due on or after that day, is in no
/// bucket and has status `cancelled` — and everything before the day stays as it was.
@Suite struct CancellationTests {
    /// One task, lead so-y-te, quarterly plan issued 2022-03-24: Q2 due 2022-06-15, Q3 due 2022-09-15.
    func compliance(_ period: String, asOf: String, cancelledOn: String?, reports: [ReportFact] = []) -> ComplianceResult {
        let task = ComplianceTask(taskId: 1, leadUnits: ["so-y-te"], coordinatingUnits: ["huyen-hoang-hoa"],
                                  cancelledOn: cancelledOn.map { day($0) })
        return ComplianceEvaluator.evaluate(ComplianceInput(planIssuedOn: issued83, schedule: .quarterly15,
                                                            period: ReportingPeriod(period)!, asOf: day(asOf),
                                                            tasks: [task], reports: reports))
    }

    @Test(arguments: [
        // (period, as_of, cancelled on, expected, missing, excluded as cancelled)
        ("2022-Q2", "2022-06-20", nil as String?, 1, 1, 0),            // never cancelled: missing
        ("2022-Q2", "2022-07-20", "2022-07-20", 1, 1, 0),              // cancelled after Q2's due day: Q2 still owed
        ("2022-Q2", "2022-06-20", "2022-06-15", 0, 0, 1),              // cancelled on the due day: not owed
        ("2022-Q2", "2022-06-14", "2022-06-15", 1, 1, 0),              // as of before the cancellation: still counts
        ("2022-Q3", "2022-09-30", "2022-07-20", 0, 0, 1),              // later period: not expected
        ("2022-Q3", "2022-07-19", "2022-07-20", 1, 1, 0),              // as of the day before the cancellation: still expected
        ("2022-Q3", "2022-09-16", "2022-09-16", 1, 1, 0),              // cancelled the day after Q3's due day: Q3 was owed
    ])
    func expectedPairs(period: String, asOf: String, cancelledOn: String?, expected: Int, missing: Int, excluded: Int) {
        let r = compliance(period, asOf: asOf, cancelledOn: cancelledOn)
        #expect(r.totals.expected == expected)
        #expect(r.totals.missing == missing)
        #expect(r.excludedCancelled.count == excluded)
    }

    /// A cancelled task's reports for a period it no longer owes count nowhere, not even for
    /// its coordinating units.
    @Test func reportsOfACancelledPeriodCountNowhere() {
        let reports = [fact(1, "so-y-te", "2022-Q3", at: "2022-08-01T09:00:00+07:00"),
                       fact(1, "huyen-hoang-hoa", "2022-Q3", at: "2022-08-01T09:00:00+07:00")]
        let r = compliance("2022-Q3", asOf: "2022-09-30", cancelledOn: "2022-08-15", reports: reports)
        #expect(r.totals == ComplianceCounts())
        #expect(r.coordinatingTotals.reported == 0)
        #expect(r.excludedCancelled == [TaskUnit(taskId: 1, unitId: "so-y-te")])
    }

    @Test(arguments: [
        // (as_of, cancelled on, status, counts)
        ("2022-07-19", nil as String?, TaskStatus.overdue, true),
        ("2022-07-19", "2022-07-20", .overdue, true),          // before the cancellation: as it was
        ("2022-07-20", "2022-07-20", .cancelled, false),       // from the day on
        ("2023-01-01", "2022-07-20", .cancelled, false),
    ])
    func statusAndBuckets(asOf: String, cancelledOn: String?, status: TaskStatus, counts: Bool) {
        let q2 = Deadline.inQuarter(year: 2022, quarter: 2, phrase: "Trong quý 2 năm 2022")
        let input = TaskStatusInput(taskId: 1, deadline: q2, leadUnits: ["so-y-te"], reports: [],
                                    cancelledOn: cancelledOn.map { day($0) })
        let r = TaskStatusEvaluator.evaluate(input, asOf: day(asOf))
        #expect(r.status == status)
        #expect(r.counts == counts)
        #expect(r.cancelledOn == (counts ? nil : cancelledOn.map { day($0) }))
        #expect(TaskStatusEvaluator.buckets([r]).total == (counts ? 1 : 0))
    }

    /// A task its leads completed before it was cancelled stays completed and keeps its bucket.
    @Test func completedBeforeCancellationStaysCompleted() {
        let q2 = Deadline.inQuarter(year: 2022, quarter: 2, phrase: "Quý II/2022")
        let done = [fact(1, "so-y-te", "2022-Q2", at: "2022-06-10T09:00:00+07:00", .completed, 100, completedOn: "2022-06-09")]
        let r = TaskStatusEvaluator.evaluate(TaskStatusInput(taskId: 1, deadline: q2, leadUnits: ["so-y-te"], reports: done,
                                                             cancelledOn: day("2022-07-01")), asOf: day("2022-08-01"))
        #expect(r.status == .completed)
        #expect(r.bucket == .completedOnTime)
        #expect(TaskStatusEvaluator.buckets([r]).completedOnTime == 1)
    }
}
