import Testing
import Foundation
@testable import TiendoDomain

/// A small plan modelled on 83/KH-UBND: issued 2022-03-24 by tinh-thanh-hoa,
/// "định kỳ ngày 15 của tháng cuối quý" → quarterly, due 15/6, 15/9, 15/12.
@Suite struct ComplianceTests {
    static let units: [UnitRef] = [
        UnitRef(id: "tinh-thanh-hoa", kind: .province),
        UnitRef(id: "so-ke-hoach-dau-tu", kind: .department, parentId: "tinh-thanh-hoa"),
        UnitRef(id: "so-lao-dong", kind: .department, parentId: "tinh-thanh-hoa"),
        UnitRef(id: "so-y-te", kind: .department, parentId: "tinh-thanh-hoa"),
        UnitRef(id: "so-tai-chinh", kind: .department, parentId: "tinh-thanh-hoa"),
        UnitRef(id: "huyen-hoang-hoa", kind: .district, parentId: "tinh-thanh-hoa"),
        UnitRef(id: "tp-sam-son", kind: .district, parentId: "tinh-thanh-hoa"),
        UnitRef(id: "tx-bim-son", kind: .district, parentId: "tinh-thanh-hoa"),
        UnitRef(id: "xa-hoang-dong", kind: .commune, parentId: "huyen-hoang-hoa"),
    ]

    static func expand(_ a: [String]) -> [String] {
        Assignee.expand(a.map { Assignee($0)! }, issuerId: "tinh-thanh-hoa", units: units)
    }

    /// T1 I.3 giảm nghèo: lead so-lao-dong, coordinating kind:district.
    /// T2 giải ngân: lead kind:district, coordinating so-tai-chinh.
    /// T3 y tế: leads so-y-te and so-tai-chinh.
    /// T4: lead so-tai-chinh — completed in Q2, so not expected in Q3.
    static let tasks: [ComplianceTask] = [
        ComplianceTask(taskId: 1, leadUnits: expand(["so-lao-dong"]), coordinatingUnits: expand(["kind:district"])),
        ComplianceTask(taskId: 2, leadUnits: expand(["kind:district"]), coordinatingUnits: expand(["so-tai-chinh"])),
        ComplianceTask(taskId: 3, leadUnits: expand(["so-y-te", "so-tai-chinh"])),
        ComplianceTask(taskId: 4, leadUnits: expand(["so-tai-chinh"])),
    ]

    static let reports: [ReportFact] = [
        // 2022-Q1 (due 2022-03-15, before the plan): reported anyway, expects nothing.
        fact(1, "so-lao-dong", "2022-Q1", at: "2022-03-30T10:00:00+07:00"),
        // 2022-Q2, due 2022-06-15.
        fact(1, "so-lao-dong", "2022-Q2", rev: 1, at: "2022-06-10T08:00:00+07:00", .inProgress, 30),
        fact(1, "so-lao-dong", "2022-Q2", rev: 2, at: "2022-06-20T08:00:00+07:00", .inProgress, 35), // revised late: still on time
        fact(1, "huyen-hoang-hoa", "2022-Q2", at: "2022-06-16T08:00:00+07:00"),                       // coordinating, 1 day late
        fact(2, "huyen-hoang-hoa", "2022-Q2", at: "2022-06-15T23:59:59+07:00"),                       // on time, last second
        fact(2, "tp-sam-son", "2022-Q2", at: "2022-06-16T00:00:00+07:00"),                            // 1 day late (same UTC date!)
        // tx-bim-son: nothing for task 2 → missing
        fact(3, "so-y-te", "2022-Q2", at: "2022-06-20T14:00:00+07:00"),                               // 5 days late
        fact(3, "so-tai-chinh", "2022-Q2", at: "2022-08-02T09:00:00+07:00"),                          // after as_of 07-31 → missing then
        fact(4, "so-tai-chinh", "2022-Q2", at: "2022-06-12T09:00:00+07:00", .completed, 100, completedOn: "2022-06-10"),
        // 2022-Q3, due 2022-09-15.
        fact(1, "so-lao-dong", "2022-Q3", at: "2022-09-14T09:00:00+07:00"),
        fact(2, "huyen-hoang-hoa", "2022-Q3", at: "2022-09-01T09:00:00+07:00"),
        fact(2, "tp-sam-son", "2022-Q3", at: "2022-09-01T09:00:00+07:00"),
        fact(2, "tx-bim-son", "2022-Q3", at: "2022-09-01T09:00:00+07:00"),
        fact(2, "so-tai-chinh", "2022-Q3", at: "2022-09-02T09:00:00+07:00"),                          // coordinating, on time
        fact(3, "so-y-te", "2022-Q3", at: "2022-09-15T09:00:00+07:00"),
    ]

    func run(_ period: String, asOf: String) -> ComplianceResult {
        ComplianceEvaluator.evaluate(ComplianceInput(planIssuedOn: issued83, schedule: .quarterly15,
                                                     period: ReportingPeriod(period)!, asOf: day(asOf),
                                                     tasks: Self.tasks, reports: Self.reports))
    }

    @Test func expansionOfSelectors() {
        #expect(Self.tasks[1].leadUnits == ["huyen-hoang-hoa", "tp-sam-son", "tx-bim-son"])
    }

    @Test func q1ExpectsNothing() {
        let r = run("2022-Q1", asOf: "2022-12-31")
        #expect(r.info?.dueOn == day("2022-03-15"))
        #expect(r.info?.expectsReports == false)
        #expect(r.totals == ComplianceCounts())
        #expect(r.entries.isEmpty && r.missing.isEmpty && r.perUnit.isEmpty)
    }

    @Test func q2() {
        let r = run("2022-Q2", asOf: "2022-07-31")
        #expect(r.info?.dueOn == day("2022-06-15"))
        #expect(r.totals == ComplianceCounts(expected: 7, onTime: 3, late: 2, missing: 2))
        #expect(r.missing == [TaskUnit(taskId: 2, unitId: "tx-bim-son"), TaskUnit(taskId: 3, unitId: "so-tai-chinh")])
        let per = Dictionary(uniqueKeysWithValues: r.perUnit.map { ($0.unitId, $0.counts) })
        #expect(per["so-lao-dong"] == ComplianceCounts(expected: 1, onTime: 1))
        #expect(per["huyen-hoang-hoa"] == ComplianceCounts(expected: 1, onTime: 1))
        #expect(per["tp-sam-son"] == ComplianceCounts(expected: 1, late: 1))
        #expect(per["tx-bim-son"] == ComplianceCounts(expected: 1, missing: 1))
        #expect(per["so-y-te"] == ComplianceCounts(expected: 1, late: 1))
        #expect(per["so-tai-chinh"] == ComplianceCounts(expected: 2, onTime: 1, missing: 1))
        #expect(per.count == 6)
        let late = r.entries.filter { $0.outcome == .late }.map { "\($0.taskId)/\($0.unitId)/\($0.daysLate)" }
        #expect(late == ["2/tp-sam-son/1", "3/so-y-te/5"])
        let t1 = r.entries.first { $0.taskId == 1 }!
        #expect(t1.outcome == .onTime && t1.revisions == 2 && t1.firstReceivedAt == instant("2022-06-10T08:00:00+07:00"))
        // Coordinating reports counted apart, never missing.
        #expect(r.coordinatingTotals == CoordinatingCounts(reported: 1, onTime: 0, late: 1))
        #expect(r.coordinating.map(\.unitId) == ["huyen-hoang-hoa"])
        #expect(r.perUnit.first { $0.unitId == "huyen-hoang-hoa" }?.coordinating == CoordinatingCounts(reported: 1, late: 1))
        #expect(r.excludedCompleted.isEmpty)
    }

    @Test func q2LaterAsOfCountsTheLateReport() {
        let r = run("2022-Q2", asOf: "2022-08-05")
        #expect(r.totals == ComplianceCounts(expected: 7, onTime: 3, late: 3, missing: 1))
        #expect(r.entries.first { $0.taskId == 3 && $0.unitId == "so-tai-chinh" }?.daysLate == 48)
    }

    @Test func q2OnTheDueDay() {
        // As of the due day itself: the last-second report counts, the 00:00 one has not arrived.
        // The four not yet received are still due that day: pending, not missing (issue 14).
        let r = run("2022-Q2", asOf: "2022-06-15")
        #expect(r.totals == ComplianceCounts(expected: 7, onTime: 3, late: 0, missing: 0, pending: 4))
        #expect(r.missing.isEmpty)
        #expect(r.pending.count == 4)
        // A day later nothing is pending: one arrived late at 00:00, the other three are missing.
        #expect(run("2022-Q2", asOf: "2022-06-16").totals == ComplianceCounts(expected: 7, onTime: 3, late: 1, missing: 3))
    }

    @Test func q3CompletedTaskNoLongerExpected() {
        let r = run("2022-Q3", asOf: "2022-09-30")
        #expect(r.excludedCompleted == [TaskUnit(taskId: 4, unitId: "so-tai-chinh")])
        #expect(r.totals == ComplianceCounts(expected: 6, onTime: 5, late: 0, missing: 1))
        #expect(r.missing == [TaskUnit(taskId: 3, unitId: "so-tai-chinh")])
        #expect(r.coordinatingTotals == CoordinatingCounts(reported: 1, onTime: 1, late: 0))
        #expect(r.perUnit.first { $0.unitId == "so-tai-chinh" }?.counts == ComplianceCounts(expected: 1, missing: 1))
    }

    @Test func q4NothingYet() {
        let r = run("2022-Q4", asOf: "2022-10-20")
        #expect(r.totals == ComplianceCounts(expected: 6, onTime: 0, late: 0, missing: 0, pending: 6))
    }

    @Test func decree09Window() {
        // Under decree_09, Q3's window opens 2022-06-15; T4's completion (received 06-12) precedes it.
        let r = ComplianceEvaluator.evaluate(ComplianceInput(planIssuedOn: issued83,
            schedule: ReportSchedule(frequency: .quarterly, window: .decree09),
            period: ReportingPeriod("2022-Q3")!, asOf: day("2022-09-30"), tasks: Self.tasks, reports: Self.reports))
        #expect(r.info?.opens == day("2022-06-15"))
        #expect(r.excludedCompleted == [TaskUnit(taskId: 4, unitId: "so-tai-chinh")])
    }

    @Test func strictSchedule() {
        // "trước ngày 15": due 06-14, so 06-15 23:59:59 is now 1 day late.
        let r = ComplianceEvaluator.evaluate(ComplianceInput(planIssuedOn: issued83,
            schedule: ReportSchedule(frequency: .quarterly, strict: true),
            period: ReportingPeriod("2022-Q2")!, asOf: day("2022-07-31"), tasks: Self.tasks, reports: Self.reports))
        #expect(r.info?.dueOn == day("2022-06-14"))
        #expect(r.entries.first { $0.taskId == 2 && $0.unitId == "huyen-hoang-hoa" }?.daysLate == 1)
        #expect(r.totals == ComplianceCounts(expected: 7, onTime: 2, late: 3, missing: 2))
    }

    @Test func countsJSON() throws {
        #expect(try json(ComplianceCounts(expected: 7, onTime: 3, late: 2, missing: 2)) == #"{"expected":7,"late":2,"missing":2,"on_time":3,"pending":0}"#)
    }
}
