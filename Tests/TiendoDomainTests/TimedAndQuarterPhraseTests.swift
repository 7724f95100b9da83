import Testing
import Foundation
@testable import TiendoDomain

/// Issue 14's two deadline phrases: a time of day ("trước 14 giờ, ngày 05/12/2017") and
/// "trong 3 tháng cuối năm 2018" (the fourth quarter). (The import branch may add the same
/// phrases; these tests say what they must mean.)
@Suite struct TimedAndQuarterPhraseTests {
    @Test(arguments: [
        ("trước 14 giờ, ngày 05/12/2017", "2017-12-05", "14:00"),
        ("Trước 14 giờ ngày 05/12/2017.", "2017-12-05", "14:00"),
        ("Thời gian hoàn thành: trước 14h, ngày 5/12/2017", "2017-12-05", "14:00"),
        ("chậm nhất trước 16 giờ 30, ngày 20-11-2018", "2018-11-20", "16:30"),
        ("trước 8 giờ 15 phút ngày 01.02.2019", "2019-02-01", "08:15"),
    ])
    func timeOfDay(_ phrase: String, _ day: String, _ time: String) throws {
        let d = try DeadlineParser.parse(phrase).get()
        #expect(d.kind == .date)
        #expect(d.strict == false, "due that day, not the day before")
        #expect(d.dueOn == CivilDate(day))
        #expect(d.time == time)
        #expect(d.phrase == VietnameseText.nfc(phrase).trimmingWhitespace())
    }

    @Test(arguments: ["trước 24 giờ, ngày 05/12/2017", "trước 14 giờ 60, ngày 05/12/2017", "trước 14 giờ, ngày 31/11/2017",
                      "trước 14 giờ, ngày 05/12-2017"])
    func impossibleTimesAndDatesAreRefused(_ phrase: String) {
        guard case .failure(let e) = DeadlineParser.parse(phrase) else { Issue.record("accepted \(phrase)"); return }
        #expect(e.code == "deadline_unparseable")
    }

    @Test(arguments: [
        ("trong 3 tháng cuối năm 2018", 4, "2018-12-31"),
        ("Trong 03 tháng cuối năm 2018.", 4, "2018-12-31"),
        ("3 tháng đầu năm 2019", 1, "2019-03-31"),
    ])
    func threeMonthsIsAQuarter(_ phrase: String, _ quarter: Int, _ due: String) throws {
        let d = try DeadlineParser.parse(phrase).get()
        #expect(d.kind == .quarter)
        #expect(d.quarter == quarter)
        #expect(d.dueOn == CivilDate(due))
    }

    @Test func existingFormsUnchanged() throws {
        #expect(try DeadlineParser.parse("trước ngày 15/8/2024").get().dueOn == CivilDate("2024-08-14"))
        #expect(try DeadlineParser.parse("trước ngày 15/8/2024").get().time == nil)
        #expect(try DeadlineParser.parse("6 tháng cuối năm 2024").get().half == 2)
    }

    @Test func structuredFormRoundTrips() throws {
        let d = try DeadlineParser.parse("trước 14 giờ, ngày 05/12/2017").get()
        let json = try JSONEncoder().encode(d)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(#""time":"14:00""#))
        let back = try JSONDecoder().decode(Deadline.self, from: json)
        #expect(back == d)
        #expect(d.canonicalPhrase == "trước 14:00 ngày 5/12/2017")
        #expect(throws: RuleViolation.self) { try Deadline(kind: .month, year: 2017, month: 12, time: "14:00") }
        #expect(TimeOfDay("14:00")?.instant(on: CivilDate("2017-12-05")!) == instant("2017-12-05T14:00:00+07:00"))
        #expect(TimeOfDay("24:00") == nil && TimeOfDay("9:00") == nil && TimeOfDay("09:60") == nil)
    }
}

/// A `once` report due by a time of day: on_time compares the time.
@Suite struct TimedOnceScheduleTests {
    @Test func schedulePhraseWithTime() throws {
        let s = try #require(ReportSchedule.parse(phrase: "Báo cáo kết quả trước 14 giờ, ngày 05/12/2017"))
        #expect(s.frequency == .once)
        #expect(s.strict == false)
        #expect(s.onceDueOn == CivilDate("2017-12-05"))
        #expect(s.onceDueTime?.description == "14:00")
        #expect(ReportSchedule.parse(phrase: "báo cáo kết quả thực hiện vào 09/6/2017")?.onceDueTime == nil)
    }

    @Test(arguments: [
        ("2017-12-05T13:59:59+07:00", true, 0),
        ("2017-12-05T14:00:00+07:00", true, 0),
        ("2017-12-05T14:00:01+07:00", false, 1),   // same day, after the hour: 1 day late
        ("2017-12-06T09:00:00+07:00", false, 1),
        ("2017-12-08T09:00:00+07:00", false, 3),
    ])
    func timelinessComparesTheTime(_ at: String, _ onTime: Bool, _ daysLate: Int) {
        let t = Timeliness(receivedAt: instant(at), dueOn: CivilDate("2017-12-05")!, dueTime: TimeOfDay(hour: 14))
        #expect(t.onTime == onTime)
        #expect(t.daysLate == daysLate)
        // Without a time the whole day counts.
        #expect(Timeliness(receivedAt: instant("2017-12-05T23:59:59+07:00"), dueOn: CivilDate("2017-12-05")!).onTime)
    }

    @Test func periodInfoCarriesTheTime() {
        var s = ReportSchedule(frequency: .once, onceDueOn: CivilDate("2017-12-05"))
        s.onceDueTime = TimeOfDay(hour: 14)
        #expect(s.info(for: .once, issuedOn: CivilDate("2017-11-20")!)?.dueTime == TimeOfDay(hour: 14))
        var q = ReportSchedule(frequency: .quarterly)
        q.onceDueTime = TimeOfDay(hour: 14)
        #expect(q.validate().map(\.code) == ["schedule_due_time_not_allowed"])
    }
}
