import Testing
import Foundation
@testable import TiendoDomain

/// Plan 83/KH-UBND (issued 2022-03-24), quarterly, due the 15th of the quarter's last month.
let issued83 = CivilDate("2022-03-24")!

func baseSubmission() -> ReportSubmission {
    ReportSubmission(unitId: "huyen-hoang-hoa", period: "2022-Q2", reportDate: "2022-06-14",
                     status: "in_progress", progress: 40, obstacles: nil, indicatorValue: 0.8)
}

func baseContext() -> ReportContext {
    ReportContext(taskId: 17, planIssuedOn: issued83, schedule: .quarterly15, today: CivilDate("2022-06-14")!,
                  unitRole: .lead, callerRole: .reporter, callerUnitId: "huyen-hoang-hoa")
}

struct ValidationCase: Sendable, CustomTestStringConvertible {
    let name: String
    let submission: ReportSubmission
    let context: ReportContext
    let codes: [String]
    let status: Int
    var testDescription: String { name }

    init(_ name: String, _ codes: [String], status: Int? = nil,
         s: (inout ReportSubmission) -> Void = { _ in }, c: (inout ReportContext) -> Void = { _ in }) {
        var sub = baseSubmission(); s(&sub)
        var ctx = baseContext(); c(&ctx)
        self.name = name; self.submission = sub; self.context = ctx; self.codes = codes.sorted()
        self.status = status ?? (codes.isEmpty ? 200 : 422)
    }
}

let earlierQ1 = ReportFact(taskId: 17, unitId: "huyen-hoang-hoa", period: ReportingPeriod("2022-Q1")!, revision: 1,
                           receivedAt: instant("2022-03-30T09:00:00+07:00"), status: .inProgress, progress: 60)

let validationTable: [ValidationCase] = [
    .init("valid report", []),
    .init("valid, due-day evening", [], s: { $0.reportDate = "2022-06-15" }, c: { $0.today = CivilDate("2022-06-15")! }),
    .init("valid not_started without progress", [], s: { $0.status = "not_started"; $0.progress = nil }),
    .init("valid completed", [], s: { $0.status = "completed"; $0.progress = 100; $0.completedOn = "2022-06-10" }),
    .init("valid completed without progress (100 implied)", [], s: { $0.status = "completed"; $0.progress = nil; $0.completedOn = "2022-06-10" }),
    .init("coordinating unit may report", [], c: { $0.unitRole = .coordinating }),
    .init("aggregator back-fills for a unit", [], s: { $0.receivedAtExplicit = true }, c: { $0.callerRole = .aggregator; $0.callerUnitId = "so-ke-hoach-dau-tu" }),
    .init("admin back-fills", [], s: { $0.receivedAtExplicit = true }, c: { $0.callerRole = .admin; $0.callerUnitId = nil }),
    .init("2022-Q1 is reportable (ends after issue) though not expected", [], s: { $0.period = "2022-Q1"; $0.reportDate = "2022-03-30" }),
    .init("progress lower with obstacles explained", [], s: { $0.progress = 30; $0.obstacles = "Dịch Covid-19 ảnh hưởng" }, c: { $0.unitTaskReports = [earlierQ1] }),
    .init("progress lower than a later-period report is fine", [], s: { $0.period = "2022-Q1"; $0.reportDate = "2022-03-30"; $0.progress = 10 },
          c: { $0.unitTaskReports = [ReportFact(taskId: 17, unitId: "huyen-hoang-hoa", period: ReportingPeriod("2022-Q2")!, revision: 1, receivedAt: instant("2022-06-01T09:00:00+07:00"), status: .inProgress, progress: 50)] }),
    // Rule 1
    .init("period malformed", ["period_malformed"], s: { $0.period = "Q2/2022" }),
    .init("period wrong frequency", ["period_wrong_frequency"], s: { $0.period = "2022-M06" }),
    .init("period missing", ["period_missing"], s: { $0.period = nil }),
    // Rule 2
    .init("period before plan", ["period_before_plan", "report_date_before_plan"], s: { $0.period = "2021-Q4"; $0.reportDate = "2021-12-20" }),
    .init("period after plan closed", ["period_after_plan_closed"], s: { $0.period = "2022-Q3"; $0.reportDate = "2022-07-10" },
          c: { $0.planStatus = .closed; $0.planClosedOn = CivilDate("2022-06-30")!; $0.today = CivilDate("2022-07-10")! }),
    .init("closed plan, period started before closing", [], c: { $0.planStatus = .closed; $0.planClosedOn = CivilDate("2022-06-01")! }),
    // Rule 3
    .init("period not open yet", ["period_not_open", "report_date_before_period"], s: { $0.period = "2022-Q3" }),
    .init("decree_09 window opens on the 15th of the month before", [], s: { $0.period = "2022-Q3"; $0.reportDate = "2022-06-15" },
          c: { $0.schedule = ReportSchedule(frequency: .quarterly, window: .decree09); $0.today = CivilDate("2022-06-15")! }),
    .init("decree_09 window not open on the 14th", ["period_not_open", "report_date_before_period"], s: { $0.period = "2022-Q3"; $0.reportDate = "2022-06-14" },
          c: { $0.schedule = ReportSchedule(frequency: .quarterly, window: .decree09) }),
    // Rule 4
    .init("period locked", ["period_locked"], status: 409, c: { $0.lockedPeriods = [ReportingPeriod("2022-Q2")!] }),
    // Rule 5
    .init("report date in future", ["report_date_in_future"], s: { $0.reportDate = "2022-06-15" }),
    .init("report date before plan", ["report_date_before_plan"], s: { $0.period = "2022-Q1"; $0.reportDate = "2022-03-20" }),
    .init("report date before period", ["report_date_before_period"], s: { $0.reportDate = "2022-03-31" }),
    .init("report date malformed", ["report_date_malformed"], s: { $0.reportDate = "14/06/2022" }),
    .init("report date 2022-02-30", ["report_date_malformed"], s: { $0.reportDate = "2022-02-30" }),
    .init("report date missing", ["report_date_missing"], s: { $0.reportDate = nil }),
    // Rule 6
    .init("completed without date", ["completed_without_date"], s: { $0.status = "completed"; $0.progress = 100 }),
    .init("completed on after report date", ["completed_on_after_report_date"], s: { $0.status = "completed"; $0.progress = 100; $0.completedOn = "2022-06-15" }),
    .init("completed on before plan", ["completed_on_before_plan"], s: { $0.status = "completed"; $0.progress = 100; $0.completedOn = "2022-03-01" }),
    .init("completed with progress 90", ["completed_progress_not_100"], s: { $0.status = "completed"; $0.progress = 90; $0.completedOn = "2022-06-10" }),
    .init("completed_on on an in_progress report", ["completed_on_not_allowed"], s: { $0.completedOn = "2022-06-10" }),
    .init("status invalid", ["status_invalid"], s: { $0.status = "done" }),
    .init("status missing", ["status_missing"], s: { $0.status = nil }),
    // Rule 7
    .init("progress 101", ["progress_out_of_range"], s: { $0.progress = 101 }),
    .init("progress -1", ["progress_out_of_range"], s: { $0.progress = -1 }),
    .init("progress decreased without obstacles", ["progress_decreased_without_obstacles"], s: { $0.progress = 30 }, c: { $0.unitTaskReports = [earlierQ1] }),
    .init("progress decreased, blank obstacles", ["progress_decreased_without_obstacles"], s: { $0.progress = 30; $0.obstacles = "  \n" }, c: { $0.unitTaskReports = [earlierQ1] }),
    .init("in_progress without progress", ["progress_required"], s: { $0.progress = nil }),
    // Rule 8
    .init("unit not assignee", ["unit_not_assignee"], status: 403, c: { $0.unitRole = nil }),
    .init("token of another unit", ["token_unit_mismatch"], status: 403, c: { $0.callerUnitId = "huyen-tho-xuan" }),
    .init("reporter sets received_at", ["received_at_not_allowed"], status: 403, s: { $0.receivedAtExplicit = true }),
    // Everything at once.
    .init("all at once", ["token_unit_mismatch", "received_at_not_allowed", "unit_not_assignee", "period_wrong_frequency",
                          "report_date_in_future", "completed_on_after_report_date", "completed_progress_not_100"], status: 403,
          s: { $0.period = "2022-M06"; $0.reportDate = "2022-07-01"; $0.status = "completed"; $0.progress = 50
               $0.completedOn = "2022-07-02"; $0.receivedAtExplicit = true },
          c: { $0.unitRole = nil; $0.callerUnitId = "huyen-tho-xuan" }),
    .init("all at once, 409 wins over 422", ["period_not_open", "period_locked", "report_date_before_period", "completed_without_date",
                                     "completed_progress_not_100", "progress_out_of_range"], status: 409,
          s: { $0.period = "2022-Q3"; $0.reportDate = "2022-06-01"; $0.status = "completed"; $0.progress = 150 },
          c: { $0.lockedPeriods = [ReportingPeriod("2022-Q3")!] }),
    .init("malformed everything", ["period_malformed", "report_date_malformed", "status_invalid", "completed_on_malformed", "progress_out_of_range"],
          s: { $0.period = "2022-Q9"; $0.reportDate = "hôm qua"; $0.status = "xong"; $0.completedOn = "30/11/2022"; $0.progress = .nan }),
]

@Suite struct ReportValidationTests {
    @Test(arguments: validationTable)
    func rules(_ c: ValidationCase) {
        let r = ReportValidator.validate(c.submission, c.context)
        #expect(r.violations.map(\.code).sorted() == c.codes, "\(r.violations)")
        #expect(r.httpStatus == c.status)
        #expect(r.violations.allSatisfy { !$0.field.isEmpty && !$0.message.isEmpty })
    }

    @Test func valuesRead() {
        let r = ReportValidator.validate(baseSubmission(), baseContext())
        #expect(r.isValid)
        #expect(r.period == ReportingPeriod("2022-Q2"))
        #expect(r.periodInfo?.dueOn == CivilDate("2022-06-15"))
        #expect(r.reportDate == CivilDate("2022-06-14"))
        #expect(r.status == .inProgress)
        #expect(r.progress == 40)
    }

    @Test func statusCodesOfEachRule() {
        let all = validationTable.flatMap { ReportValidator.validate($0.submission, $0.context).violations }
        let byCode = Dictionary(all.map { ($0.code, $0.httpStatus) }, uniquingKeysWith: { a, _ in a })
        #expect(byCode["period_locked"] == 409)
        #expect(byCode["unit_not_assignee"] == 403)
        #expect(byCode["token_unit_mismatch"] == 403)
        #expect(byCode["received_at_not_allowed"] == 403)
        #expect(byCode.filter { ![409, 403].contains($0.value) }.allSatisfy { $0.value == 422 })
        // Stable codes are snake_case.
        #expect(byCode.keys.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "_" || $0.isNumber } })
    }

    @Test func violationJSON() throws {
        let v = RuleViolation(code: "period_locked", field: "period", message: "locked", httpStatus: 409)
        #expect(try json(v) == #"{"code":"period_locked","field":"period","message":"locked"}"#)
    }

    /// SPEC §4 example: received 2022-06-14T02:10:00Z for 2022-Q2 → due 2022-06-15, on time.
    @Test func specExampleTimeliness() {
        let t = Timeliness(receivedAt: instant("2022-06-14T02:10:00Z"), dueOn: ReportSchedule.quarterly15.dueOn(ReportingPeriod("2022-Q2")!)!)
        #expect(t.dueOn.description == "2022-06-15" && t.onTime && t.daysLate == 0)
    }
}
