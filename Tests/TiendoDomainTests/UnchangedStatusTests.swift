import Testing
import Foundation
@testable import TiendoDomain

/// `"status": "unchanged"` — *không có gì mới trong kỳ*: the unit's previous report on the
/// task is carried forward (status, progress, completed_on) and the report counts as received.
@Suite struct UnchangedStatusTests {
    static let q1InProgress = ReportFact(taskId: 17, unitId: "huyen-hoang-hoa", period: ReportingPeriod("2022-Q1")!, revision: 1,
                                         receivedAt: instant("2022-03-30T09:00:00+07:00"), status: .inProgress, progress: 60)
    static let q1Revised = ReportFact(taskId: 17, unitId: "huyen-hoang-hoa", period: ReportingPeriod("2022-Q1")!, revision: 2,
                                      receivedAt: instant("2022-04-02T09:00:00+07:00"), status: .completed, progress: 100,
                                      completedOn: CivilDate("2022-03-31"))
    static let q3Later = ReportFact(taskId: 17, unitId: "huyen-hoang-hoa", period: ReportingPeriod("2022-Q3")!, revision: 1,
                                    receivedAt: instant("2022-06-01T09:00:00+07:00"), status: .inProgress, progress: 90)
    static let otherUnit = ReportFact(taskId: 17, unitId: "so-y-te", period: ReportingPeriod("2022-Q1")!, revision: 1,
                                      receivedAt: instant("2022-03-30T09:00:00+07:00"), status: .inProgress, progress: 75)

    func validate(_ facts: [ReportFact], progress: Double? = nil, completedOn: String? = nil) -> ReportValidation {
        var s = baseSubmission()
        s.status = "unchanged"; s.progress = progress; s.completedOn = completedOn; s.indicatorValue = nil
        var c = baseContext()
        c.unitTaskReports = facts
        return ReportValidator.validate(s, c)
    }

    @Test func carriesTheLastProgressForward() {
        let v = validate([Self.q1InProgress, Self.otherUnit])
        #expect(v.violations.isEmpty)
        #expect(v.carriedForward)
        #expect(v.status == .inProgress)
        #expect(v.progress == 60)
        #expect(v.completedOn == nil)
    }

    @Test func carriesTheLatestRevisionIncludingCompletion() {
        let v = validate([Self.q1InProgress, Self.q1Revised])
        #expect(v.violations.isEmpty)
        #expect(v.status == .completed)
        #expect(v.progress == 100)
        #expect(v.completedOn == CivilDate("2022-03-31"))
    }

    @Test(arguments: [
        ("no report yet", [ReportFact](), ["unchanged_without_previous"]),
        ("only another unit's", [UnchangedStatusTests.otherUnit], ["unchanged_without_previous"]),
        ("only a later period's", [UnchangedStatusTests.q3Later], ["unchanged_without_previous"]),
    ])
    func nothingToCarry(_ name: String, _ facts: [ReportFact], _ codes: [String]) {
        let v = validate(facts)
        #expect(v.violations.map(\.code) == codes, "\(name)")
        #expect(v.status == nil && v.progress == nil)
    }

    @Test func progressOrCompletionWithUnchangedIsRefusedAllAtOnce() {
        let v = validate([Self.q1InProgress], progress: 70, completedOn: "2022-06-10")
        #expect(v.violations.map(\.code) == ["unchanged_with_progress", "unchanged_with_progress"])
        #expect(Set(v.violations.map(\.field)) == ["progress", "completed_on"])
    }

    @Test func otherRulesStillApply() {
        var s = baseSubmission()
        s.status = "unchanged"; s.progress = nil; s.reportDate = "2022-07-01"
        var c = baseContext()
        c.unitTaskReports = [Self.q1InProgress]
        c.lockedPeriods = [ReportingPeriod("2022-Q2")!]
        let v = ReportValidator.validate(s, c)
        #expect(Set(v.violations.map(\.code)) == ["report_date_in_future", "period_locked"])
    }
}
