import Testing
import Foundation
@testable import TiendoDomain

@Suite struct CivilDateTests {
    @Test(arguments: [
        ("2022-03-24", true), ("2024-02-29", true), ("2000-02-29", true), ("2023-02-29", false),
        ("1900-02-29", false), ("2022-02-30", false), ("2022-2-3", false), ("2022-13-01", false),
        ("2022-00-10", false), ("2022-01-00", false), ("22-01-01", false), ("2022/01/01", false),
        (" 2022-01-01", false), ("2022-01-01 ", false), ("２０２２-01-01", false), ("", false),
        ("0000-01-01", false), ("9999-12-31", true), ("2022-04-31", false), ("2022-06-30", true),
    ])
    func strictParse(text: String, valid: Bool) {
        let d = CivilDate(text)
        #expect((d != nil) == valid)
        if let d { #expect(d.description == text) }
    }

    @Test(arguments: [(1900, false), (2000, true), (2023, false), (2024, true), (2100, false), (2400, true)])
    func leapYears(year: Int, leap: Bool) {
        #expect(CivilDate.isLeapYear(year) == leap)
        #expect(CivilDate.daysInMonth(year: year, month: 2) == (leap ? 29 : 28))
    }

    @Test func arithmetic() throws {
        let d = try #require(CivilDate("2024-02-28"))
        #expect(d.adding(days: 1).description == "2024-02-29")
        #expect(d.adding(days: 2).description == "2024-03-01")
        #expect(try #require(CivilDate("2023-02-28")).adding(days: 1).description == "2023-03-01")
        #expect(try #require(CivilDate("2022-12-31")).adding(days: 1).description == "2023-01-01")
        #expect(try #require(CivilDate("2022-01-01")).adding(days: -1).description == "2021-12-31")
        #expect(CivilDate.daysBetween(CivilDate("2022-03-24")!, CivilDate("2022-06-15")!) == 83)
        #expect(CivilDate("1970-01-01")!.daysSinceEpoch == 0)
        #expect(CivilDate(daysSinceEpoch: 19_000).description == "2022-01-08")
        #expect(CivilDate("2022-05-17")!.endOfMonth.description == "2022-05-31")
        #expect(CivilDate("2022-05-17")!.endOfQuarter.description == "2022-06-30")
        #expect(CivilDate("2022-05-17")!.endOfHalf.description == "2022-06-30")
        #expect(CivilDate("2022-08-17")!.endOfHalf.description == "2022-12-31")
        #expect(CivilDate("2022-05-17")!.endOfYear.description == "2022-12-31")
        #expect(CivilDate("2024-01-31")!.adding(months: 1).description == "2024-02-29")
        #expect(CivilDate("2022-03-24")!.weekday == .thursday)
        #expect(CivilDate("2017-06-09")!.weekday == .friday)
        #expect(CivilDate("2000-01-01")!.weekday == .saturday)
        #expect(CivilDate("2022-03-24")! < CivilDate("2022-06-15")!)
        // Working days: Thu 2022-03-24 + 2 → Mon 2022-03-28; Sat + 0 → Mon.
        #expect(CivilDate("2022-03-24")!.addingWorkingDays(2).description == "2022-03-28")
        #expect(CivilDate("2022-03-26")!.addingWorkingDays(0).description == "2022-03-28")
        #expect(CivilDate("2022-03-25")!.addingWorkingDays(5).description == "2022-04-01")
    }

    @Test func roundTripAllDaysOf2000s() {
        var d = CivilDate("1999-12-25")!
        for n in d.daysSinceEpoch..<(d.daysSinceEpoch + 40_000) {
            #expect(CivilDate(daysSinceEpoch: n) == d)
            #expect(CivilDate(d.description) == d)
            d = d.adding(days: 1)
        }
    }
}

@Suite struct ReportingPeriodTests {
    @Test(arguments: ["2022-M06", "2022-M12", "2022-Q1", "2022-Q4", "2022-H1", "2022-H2", "2022", "once"])
    func roundTrip(text: String) throws {
        let p = try #require(ReportingPeriod(text))
        #expect(p.description == text)
    }

    @Test(arguments: ["2022-M6", "2022-M13", "2022-M00", "2022-Q0", "2022-Q5", "2022-H3", "2022-h1", "2022-q2",
                      "22", "2022-", "2022-Q", "2022-Q22", "Q2/2022", "2022Q2", "ONCE", "", " 2022", "2022-W01"])
    func rejects(text: String) { #expect(ReportingPeriod(text) == nil) }

    @Test func days() throws {
        let q2 = try #require(ReportingPeriod("2022-Q2"))
        #expect(q2.firstDay?.description == "2022-04-01")
        #expect(q2.lastDay?.description == "2022-06-30")
        #expect(q2.next?.description == "2022-Q3")
        #expect(q2.previous?.description == "2022-Q1")
        #expect(ReportingPeriod("2022-Q4")!.next?.description == "2023-Q1")
        #expect(ReportingPeriod("2022-M01")!.previous?.description == "2021-M12")
        #expect(ReportingPeriod("2024-M02")!.lastDay?.description == "2024-02-29")
        #expect(ReportingPeriod("2022-H2")!.firstDay?.description == "2022-07-01")
        #expect(ReportingPeriod("2022")!.lastDay?.description == "2022-12-31")
        #expect(ReportingPeriod("2022-H2")!.next?.description == "2023-H1")
        #expect(q2.frequency == .quarterly)
        #expect(ReportingPeriod.once.firstDay == nil)
    }
}


/// Calendar arithmetic is total: at the ends of the representable range it clamps, never traps.
@Suite struct CivilDateLimitsTests {
    @Test(arguments: [
        ("9999-12-31", 1, "9999-12-31"), ("9999-12-31", Int.max, "9999-12-31"), ("0001-01-01", -1, "0001-01-01"),
        ("0001-01-01", Int.min, "0001-01-01"), ("2022-03-24", 0, "2022-03-24"), ("9999-12-30", 1, "9999-12-31"),
    ])
    func addingDaysClamps(_ start: String, _ days: Int, _ expected: String) throws {
        let d = try #require(CivilDate(start))
        #expect(d.adding(days: days).description == expected)
    }

    @Test(arguments: [("9999-12-31", 1, "9999-12-31"), ("0001-01-31", -1, "0001-01-01"), ("2022-01-31", 1, "2022-02-28"),
                      ("2022-03-24", Int.max, "9999-12-31"), ("2022-03-24", Int.min, "0001-01-01")])
    func addingMonthsClamps(_ start: String, _ months: Int, _ expected: String) throws {
        let d = try #require(CivilDate(start))
        #expect(d.adding(months: months).description == expected)
    }

    @Test func daysSinceEpochIsClampedAtBothEnds() {
        #expect(CivilDate(daysSinceEpoch: Int.max).description == "9999-12-31")
        #expect(CivilDate(daysSinceEpoch: Int.min / 2).description == "0001-01-01")
        #expect(CivilDate(daysSinceEpoch: 2932896).description == "9999-12-31")
        #expect(CivilDate(daysSinceEpoch: -719162).description == "0001-01-01")
        #expect(CivilDate(daysSinceEpoch: 0).description == "1970-01-01")
    }

    /// The instants of issue 15 format without trapping.
    @Test func extremeTimestampsFormat() throws {
        let d = try #require(RFC3339.parse("0001-01-01T00:00:00+14:00"))
        #expect(RFC3339.format(d).hasPrefix("0001-01-01"))
        let end = VietnamTime.endOfDay(try #require(CivilDate("9999-12-31")))
        // The day after 9999-12-31 is clamped to it: its start, not a trap.
        #expect(RFC3339.format(end) == "9999-12-30T17:00:00Z")
    }

    @Test(arguments: [("1899-12-31", false), ("1900-01-01", true), ("2199-12-31", true), ("2200-01-01", false), ("9999-12-31", false)])
    func serviceRange(_ text: String, _ inRange: Bool) throws {
        #expect(try #require(CivilDate(text)).isInServiceRange == inRange)
    }
}
