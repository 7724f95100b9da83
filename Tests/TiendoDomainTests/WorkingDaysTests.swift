import Testing
@testable import TiendoDomain

/// Bộ luật Dân sự 2015 Điều 148 khoản 4: a due day on a weekend or day off moves to
/// the next working day (schedule `working_days: next`). Days off as the 2025–2026
/// notices announced them (the rows migration 0009 seeds).
@Suite struct WorkingDaysTests {
    static func d(_ s: String) -> CivilDate { CivilDate(s)! }

    static let calendar = HolidayCalendar([
        Holiday(date: d("2025-01-01"), name: "Tết Dương lịch"),
        Holiday(date: d("2025-09-01"), name: "Quốc khánh (2/9)"),
        Holiday(date: d("2025-09-02"), name: "Quốc khánh (2/9)"),
        Holiday(date: d("2026-01-01"), name: "Tết Dương lịch"),
        Holiday(date: d("2026-01-02"), name: "Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)"),
        Holiday(date: d("2026-01-10"), kind: .workingDay, name: "Làm bù cho thứ Sáu 02/01/2026"),
        Holiday(date: d("2026-02-16"), name: "Tết Nguyên đán"),
        Holiday(date: d("2026-02-17"), name: "Tết Nguyên đán"),
        Holiday(date: d("2026-02-18"), name: "Tết Nguyên đán"),
        Holiday(date: d("2026-02-19"), name: "Tết Nguyên đán"),
        Holiday(date: d("2026-02-20"), name: "Tết Nguyên đán"),
    ])

    struct Case: Sendable, CustomTestStringConvertible {
        var frequency: Frequency, dueDay: Int, strict: Bool, period: String, nominal: String, next: String, why: String
        var testDescription: String { "\(period) day \(dueDay)\(strict ? " strict" : ""): \(why)" }
    }

    static let cases: [Case] = [
        // 83/KH-UBND "định kỳ ngày 15 của tháng cuối quý".
        Case(frequency: .quarterly, dueDay: 15, strict: false, period: "2025-Q1", nominal: "2025-03-15", next: "2025-03-17",
             why: "15/3/2025 is a Saturday"),
        Case(frequency: .quarterly, dueDay: 15, strict: false, period: "2025-Q2", nominal: "2025-06-15", next: "2025-06-16",
             why: "15/6/2025 is a Sunday"),
        Case(frequency: .quarterly, dueDay: 15, strict: false, period: "2025-Q3", nominal: "2025-09-15", next: "2025-09-15",
             why: "a Monday stays"),
        Case(frequency: .quarterly, dueDay: 15, strict: false, period: "2024-Q4", nominal: "2024-12-15", next: "2024-12-16",
             why: "15/12/2024 is a Sunday"),
        // 63/KH-UBND "định kỳ trước ngày 15 của tháng cuối quý": the 14th.
        Case(frequency: .quarterly, dueDay: 15, strict: true, period: "2025-Q2", nominal: "2025-06-14", next: "2025-06-16",
             why: "trước ngày 15: 14/6/2025 is a Saturday"),
        Case(frequency: .monthly, dueDay: 16, strict: false, period: "2026-M02", nominal: "2026-02-16", next: "2026-02-23",
             why: "Tết Bính Ngọ: 16–20/2/2026 off, then a weekend"),
        Case(frequency: .monthly, dueDay: 2, strict: false, period: "2025-M09", nominal: "2025-09-02", next: "2025-09-03",
             why: "Quốc khánh 1–2/9/2025"),
        Case(frequency: .monthly, dueDay: 1, strict: false, period: "2026-M01", nominal: "2026-01-01", next: "2026-01-05",
             why: "1/1 off, 2/1/2026 swapped off, then a weekend"),
        Case(frequency: .monthly, dueDay: 10, strict: false, period: "2026-M01", nominal: "2026-01-10", next: "2026-01-10",
             why: "Saturday 10/1/2026 is worked (the swap)"),
    ]

    @Test(arguments: cases)
    func dueDayMoves(_ c: Case) {
        let period = ReportingPeriod(c.period)!
        var s = ReportSchedule(frequency: c.frequency, dueDay: c.dueDay, strict: c.strict)
        s.calendar = Self.calendar
        #expect(s.dueOn(period) == Self.d(c.nominal), "working_days none keeps the nominal day")
        s.workingDays = .next
        #expect(s.nominalDueOn(period) == Self.d(c.nominal))
        #expect(s.dueOn(period) == Self.d(c.next))
        let info = s.info(for: period, issuedOn: Self.d("2022-03-24"))
        #expect(info?.dueOn == Self.d(c.next))
        #expect(info?.nominalDueOn == Self.d(c.nominal))
    }

    @Test func workingDayQuestions() {
        let cal = Self.calendar
        #expect(!cal.isWorkingDay(Self.d("2026-02-17")))      // mùng 1 Tết
        #expect(cal.isWorkingDay(Self.d("2026-02-23")))
        #expect(!cal.isWorkingDay(Self.d("2025-03-15")))      // Saturday
        #expect(cal.isWorkingDay(Self.d("2026-01-10")))       // swapped Saturday
        #expect(HolidayCalendar.weekendsOnly.nextWorkingDay(onOrAfter: Self.d("2026-02-16")) == Self.d("2026-02-16"))
        #expect(cal.effectiveDay(Self.d("2026-02-16"), rule: .none) == Self.d("2026-02-16"))
    }

    @Test func scheduleIdentityIgnoresTheAttachedCalendar() {
        var a = ReportSchedule(frequency: .quarterly, workingDays: .next)
        let b = a
        a.calendar = Self.calendar
        #expect(a == b)
        #expect(a != ReportSchedule(frequency: .quarterly))
    }

    /// Compliance: a report not yet received is `pending` until its (effective) due day
    /// has passed, then `missing`.
    @Test(arguments: [
        ("2025-03-14", WorkingDayRule.none, ComplianceOutcome.pending),
        ("2025-03-15", WorkingDayRule.none, .pending),   // the due day itself is still on time
        ("2025-03-16", WorkingDayRule.none, .missing),
        ("2025-03-16", WorkingDayRule.next, .pending),   // due moved to Monday 17/3/2025
        ("2025-03-17", WorkingDayRule.next, .pending),
        ("2025-03-18", WorkingDayRule.next, .missing),
    ])
    func pendingThenMissing(asOf: String, rule: WorkingDayRule, expected: ComplianceOutcome) {
        var s = ReportSchedule(frequency: .quarterly, dueDay: 15)
        s.workingDays = rule
        s.calendar = Self.calendar
        let r = ComplianceEvaluator.evaluate(ComplianceInput(
            planIssuedOn: Self.d("2025-01-10"), schedule: s, period: ReportingPeriod("2025-Q1")!, asOf: Self.d(asOf),
            tasks: [ComplianceTask(taskId: 1, leadUnits: ["huyen-hoang-hoa", "so-tai-chinh"])], reports: []))
        #expect(r.entries.map(\.outcome) == [expected, expected])
        #expect(r.totals.expected == 2)
        #expect(expected == .pending ? r.totals.pending == 2 && r.totals.missing == 0 && r.pending.count == 2 && r.missing.isEmpty
                                     : r.totals.missing == 2 && r.totals.pending == 0 && r.missing.count == 2 && r.pending.isEmpty)
    }
}

@Suite struct UnitContactRulesTests {
    @Test(arguments: ["0237.3852.346", "(0237) 3 852 346", "+84 237 3852346", "0912-345-678"])
    func phonesAccepted(_ p: String) { #expect(UnitContactRules.checkPhone(p) == nil) }

    @Test(arguments: ["0237", "gọi 0237 3852 346", "84+2373852346", "0237/3852/346", "1234567890123456"])
    func phonesRefused(_ p: String) { #expect(UnitContactRules.checkPhone(p)?.code == "invalid_phone") }

    @Test(arguments: ["vanphong@hoanghoa.thanhhoa.gov.vn", "a@b.vn"])
    func emailsAccepted(_ e: String) { #expect(UnitContactRules.checkEmail(e) == nil) }

    @Test(arguments: ["vanphong@", "@thanhhoa.gov.vn", "a b@c.vn", "a@b@c.vn", "a@localhost", "a@.vn", "a@vn."])
    func emailsRefused(_ e: String) { #expect(UnitContactRules.checkEmail(e)?.code == "invalid_email") }
}

/// Task deadlines move the same way when the plan says `working_days: next`.
@Suite struct TaskDeadlineWorkingDaysTests {
    static let calendar = WorkingDaysTests.calendar

    func evaluate(_ phrase: String, rule: WorkingDayRule, asOf: String, completedOn: String? = nil) -> TaskStatusResult {
        let deadline = try! DeadlineParser.parse(phrase).get()
        var reports: [ReportFact] = []
        if let completedOn {
            reports.append(ReportFact(taskId: 1, unitId: "so-y-te", period: ReportingPeriod("2026-Q1")!, revision: 1,
                                      receivedAt: VietnamTime.startOfDay(CivilDate(completedOn)!), status: .completed,
                                      progress: 100, completedOn: CivilDate(completedOn)))
        }
        var input = TaskStatusInput(taskId: 1, deadline: deadline, leadUnits: ["so-y-te"], reports: reports)
        input.workingDays = rule
        input.calendar = Self.calendar
        return TaskStatusEvaluator.evaluate(input, asOf: CivilDate(asOf)!)
    }

    @Test func tetMovesATaskDeadline() {
        // "chậm nhất ngày 17/02/2026" is mùng 1 Tết Bính Ngọ: under next, due Monday 23/2/2026.
        let moved = evaluate("chậm nhất ngày 17/02/2026", rule: .next, asOf: "2026-02-20")
        #expect(moved.dueOn == CivilDate("2026-02-23"))
        #expect(moved.deadline.dueOn == CivilDate("2026-02-17"), "the deadline as written is kept")
        #expect(moved.status == .dueSoon)
        let kept = evaluate("chậm nhất ngày 17/02/2026", rule: .none, asOf: "2026-02-20")
        #expect(kept.dueOn == CivilDate("2026-02-17"))
        #expect(kept.status == .overdue)
        #expect(kept.daysOverdue == 3)
    }

    @Test func completedOnTheMovedDayIsOnTime() {
        let r = evaluate("Trong quý 1 năm 2026", rule: .next, asOf: "2026-04-10", completedOn: "2026-03-31")
        #expect(r.completedLate == false)
        // 31/3/2026 is a Tuesday: nothing moves.
        #expect(r.dueOn == CivilDate("2026-03-31"))
        let sunday = evaluate("ngày 01/02/2026", rule: .next, asOf: "2026-02-10", completedOn: "2026-02-02")
        #expect(sunday.dueOn == CivilDate("2026-02-02"))
        #expect(sunday.completedLate == false)
        #expect(sunday.bucket == .completedOnTime)
    }
}
