import Testing
import Foundation
@testable import TiendoDomain

/// Instant from an RFC 3339 string with an explicit offset (no host time zone involved).
func instant(_ s: String) -> Date {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.date(from: s)!
}

func day(_ s: String) -> CivilDate { CivilDate(s)! }

@Suite struct VietnamTimeTests {
    @Test(arguments: [
        ("2022-06-15T23:59:59+07:00", "2022-06-15"),
        ("2022-06-16T00:00:00+07:00", "2022-06-16"),
        ("2022-06-15T16:59:59Z", "2022-06-15"),
        ("2022-06-15T17:00:00Z", "2022-06-16"),
        ("2022-06-14T17:00:00Z", "2022-06-15"),
        ("2022-06-14T16:59:59Z", "2022-06-14"),
        ("1970-01-01T00:00:00Z", "1970-01-01"),
        ("1969-12-31T16:59:59Z", "1969-12-31"),
        ("1969-12-31T17:00:00Z", "1970-01-01"),
        ("2024-02-28T17:00:00Z", "2024-02-29"),
        ("2023-02-28T17:00:00Z", "2023-03-01"),
    ])
    func localDay(rfc3339: String, expected: String) {
        #expect(CivilDate(localDayOf: instant(rfc3339)).description == expected)
    }

    @Test func endOfDueDayBoundary() {
        // 23:59:59+07 and 00:00:00+07 the next day are both 2022-06-15 in UTC.
        let onTime = instant("2022-06-15T23:59:59+07:00")
        let late = instant("2022-06-16T00:00:00+07:00")
        #expect(CivilDate(localDayOfEpochSeconds: Int64(onTime.timeIntervalSince1970)).description == "2022-06-15")
        let due = day("2022-06-15")
        #expect(Timeliness(receivedAt: onTime, dueOn: due) == Timeliness(receivedAt: onTime, dueOn: due))
        #expect(Timeliness(receivedAt: onTime, dueOn: due).onTime)
        #expect(Timeliness(receivedAt: onTime, dueOn: due).daysLate == 0)
        #expect(!Timeliness(receivedAt: late, dueOn: due).onTime)
        #expect(Timeliness(receivedAt: late, dueOn: due).daysLate == 1)
        #expect(Timeliness(receivedAt: instant("2022-06-30T09:00:00+07:00"), dueOn: due).daysLate == 15)
        #expect(Timeliness(receivedAt: instant("2022-06-01T09:00:00+07:00"), dueOn: due).daysLate == 0)
    }

    @Test func dayBounds() {
        let d = day("2022-06-15")
        #expect(VietnamTime.startOfDay(d) == instant("2022-06-14T17:00:00Z"))
        #expect(VietnamTime.endOfDay(d) == instant("2022-06-15T17:00:00Z"))
        #expect(VietnamTime.startEpochSeconds(of: day("1970-01-01")) == -25200)
        #expect(VietnamTime.localDate(of: VietnamTime.endOfDay(d).addingTimeInterval(-0.5)) == d)
    }
}

@Suite struct ReportScheduleTests {
    @Test(arguments: [
        // (frequency, due_day, strict, period, due_on)
        (Frequency.quarterly, 15, false, "2022-Q1", "2022-03-15"),
        (.quarterly, 15, false, "2022-Q2", "2022-06-15"),
        (.quarterly, 15, false, "2022-Q3", "2022-09-15"),
        (.quarterly, 15, false, "2022-Q4", "2022-12-15"),
        (.quarterly, 15, true, "2025-Q2", "2025-06-14"),
        (.quarterly, 1, true, "2025-Q2", "2025-05-31"),
        (.monthly, 31, false, "2023-M02", "2023-02-28"),
        (.monthly, 31, false, "2024-M02", "2024-02-29"),
        (.monthly, 30, true, "2024-M02", "2024-02-28"),
        (.monthly, 15, false, "2022-M06", "2022-06-15"),
        (.halfYearly, 15, false, "2022-H1", "2022-06-15"),
        (.halfYearly, 20, false, "2022-H2", "2022-12-20"),
        (.yearly, 15, false, "2022", "2022-12-15"),
    ])
    func dueDays(frequency: Frequency, dueDay: Int, strict: Bool, period: String, expected: String) throws {
        let s = try ReportSchedule.validated(frequency: frequency, dueDay: dueDay, strict: strict)
        let p = try s.parsePeriod(period).get()
        #expect(s.dueOn(p)?.description == expected)
    }

    @Test func windows() throws {
        let cal = ReportSchedule(frequency: .quarterly)
        let dec = ReportSchedule(frequency: .quarterly, window: .decree09)
        let q2 = ReportingPeriod("2022-Q2")!
        #expect(cal.window(of: q2)!.opens.description == "2022-04-01")
        #expect(cal.window(of: q2)!.closes.description == "2022-06-30")
        #expect(dec.window(of: q2)!.opens.description == "2022-03-15")
        #expect(dec.window(of: q2)!.closes.description == "2022-06-14")
        #expect(dec.window(of: ReportingPeriod("2022-Q1")!)!.opens.description == "2021-12-15")
        let m = ReportSchedule(frequency: .monthly, window: .decree09)
        #expect(m.window(of: ReportingPeriod("2022-M03")!)!.opens.description == "2022-02-15")
        #expect(m.window(of: ReportingPeriod("2022-M03")!)!.closes.description == "2022-03-14")
        let y = ReportSchedule(frequency: .yearly, window: .decree09)
        #expect(y.window(of: ReportingPeriod("2022")!)!.opens.description == "2021-12-15")
        #expect(y.window(of: ReportingPeriod("2022")!)!.closes.description == "2022-12-14")
        let h = ReportSchedule(frequency: .halfYearly, window: .decree09)
        #expect(h.window(of: ReportingPeriod("2022-H2")!)!.opens.description == "2022-06-15")
        #expect(h.window(of: ReportingPeriod("2022-H2")!)!.closes.description == "2022-12-14")
    }

    @Test func plan83IssuedMidQuarter() {
        // 83/KH-UBND issued 2022-03-24, "định kỳ ngày 15 của tháng cuối quý".
        let s = ReportSchedule.quarterly15
        let ps = s.periods(issuedOn: day("2022-03-24"), through: day("2022-12-31"))
        #expect(ps.map(\.period.description) == ["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"])
        #expect(ps[0].dueOn.description == "2022-03-15")
        #expect(ps[0].expectsReports == false) // due before the plan existed
        #expect(ps[1].expectsReports && ps[1].dueOn.description == "2022-06-15")
        #expect(ps.dropFirst().allSatisfy { $0.expectsReports })
        // Issued exactly on a due day: that period is expected.
        #expect(s.periods(issuedOn: day("2022-03-15"), through: day("2022-03-31"))[0].expectsReports)
    }

    @Test func plan63Strict() {
        // 63/KH-UBND issued 2025-04-08, "định kỳ trước ngày 15 của tháng cuối quý".
        let s = ReportSchedule(frequency: .quarterly, strict: true)
        let ps = s.periods(issuedOn: day("2025-04-08"), through: day("2025-10-01"))
        #expect(ps.map(\.period.description) == ["2025-Q2", "2025-Q3", "2025-Q4"])
        #expect(ps.map(\.dueOn.description) == ["2025-06-14", "2025-09-14", "2025-12-14"])
    }

    @Test func once() throws {
        // 000: "báo cáo kết quả thực hiện vào 09/6/2017".
        let s = try ReportSchedule.validated(frequency: .once, onceDueOn: day("2017-06-09"))
        #expect(s.parsePeriod("once").isSuccess)
        let i = try #require(s.info(for: .once, issuedOn: day("2017-04-20")))
        #expect(i.dueOn.description == "2017-06-09")
        #expect(i.opens.description == "2017-04-20")
        #expect(s.periods(issuedOn: day("2017-04-20"), through: day("2030-01-01")).count == 1)
        #expect(ReportSchedule(frequency: .once).validate().map(\.code) == ["schedule_due_on_required"])
        #expect(s.validate(issuedOn: day("2017-07-01")).map(\.code) == ["schedule_due_on_before_plan"])
    }

    @Test func periodValidation() {
        let s = ReportSchedule.quarterly15
        #expect(s.parsePeriod("2022-Q2").isSuccess)
        #expect(s.parsePeriod("2022-M06").failureCode == "period_wrong_frequency")
        #expect(s.parsePeriod("2022-Q5").failureCode == "period_malformed")
        #expect(s.parsePeriod("Q2/2022").failureCode == "period_malformed")
        #expect(ReportSchedule(frequency: .monthly, dueDay: 0).validate().map(\.code) == ["schedule_due_day_out_of_range"])
        #expect(ReportSchedule(frequency: .monthly, dueDay: 32).validate().map(\.code) == ["schedule_due_day_out_of_range"])
    }

    @Test func json() throws {
        let s = ReportSchedule(frequency: .quarterly)
        let enc = JSONEncoder(); enc.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try enc.encode(s), as: UTF8.self) == #"{"due_day":15,"frequency":"quarterly","strict":false,"window":"calendar"}"#)
        let d = try JSONDecoder().decode(ReportSchedule.self, from: Data(#"{"frequency":"quarterly"}"#.utf8))
        #expect(d == s)
        let d9 = try JSONDecoder().decode(ReportSchedule.self, from: Data(#"{"frequency":"half_yearly","due_day":20,"strict":true,"window":"decree_09"}"#.utf8))
        #expect(d9.frequency == .halfYearly && d9.dueDay == 20 && d9.strict && d9.window == .decree09)
        let once = try JSONDecoder().decode(ReportSchedule.self, from: Data(#"{"frequency":"once","due_on":"2017-06-09"}"#.utf8))
        #expect(once.onceDueOn == day("2017-06-09"))
        #expect(throws: RuleViolation.self) { try JSONDecoder().decode(ReportSchedule.self, from: Data(#"{"frequency":"once"}"#.utf8)) }
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { return true }; return false }
}
extension Result where Failure == RuleViolation {
    var failureCode: String? { if case .failure(let v) = self { return v.code }; return nil }
}

@Suite struct RFC3339Tests {
    @Test(arguments: [
        ("2022-06-14T02:10:00Z", "2022-06-14T02:10:00Z"),
        ("2022-06-15T23:59:59+07:00", "2022-06-15T16:59:59Z"),
        ("2022-06-16T00:00:00+07:00", "2022-06-15T17:00:00Z"),
        ("2022-06-14t02:10:00z", "2022-06-14T02:10:00Z"),
        ("2022-06-14 09:10:00+07:00", "2022-06-14T02:10:00Z"),
        ("2022-06-14T02:10:00.75Z", "2022-06-14T02:10:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("2024-02-29T12:00:00-05:30", "2024-02-29T17:30:00Z"),
    ])
    func roundTrip(input: String, utc: String) throws {
        let d = try #require(RFC3339.parse(input))
        #expect(RFC3339.format(d) == utc)
        #expect(d.timeIntervalSince1970.rounded(.down) == instant(utc).timeIntervalSince1970)
    }

    @Test(arguments: ["", "2022-06-14", "2022-06-14T02:10Z", "2022-06-14T24:00:00Z", "2022-02-30T00:00:00Z",
                      "2022-06-14T02:10:00", "2022-06-14T02:10:00+0700", "2022-06-14T02:10:60Z", "2022-06-14T02:10:00.Z",
                      "2022-06-14T02:10:00Zjunk"])
    func rejects(input: String) { #expect(RFC3339.parse(input) == nil) }

    @Test func fractional() {
        let d = RFC3339.parse("2022-06-14T02:10:00.123Z")!
        #expect(RFC3339.format(d, fractionalDigits: 3).hasPrefix("2022-06-14T02:10:00.12"))
    }
}
