import Testing
import Foundation
@testable import TiendoDomain

let schedulePhraseTable: [(String, String)] = [
    ("định kỳ ngày 15 của tháng cuối quý", "quarterly/15"),
    ("Định kỳ trước ngày 15 của tháng cuối quý", "quarterly/15/strict"),
    ("dinh ky truoc ngay 15 cua thang cuoi quy.", "quarterly/15/strict"),
    ("định kỳ ngày 20 hằng tháng", "monthly/20"),
    ("trước ngày 25 hàng tháng", "monthly/25/strict"),
    ("hằng tháng, trước ngày 20", "monthly/20/strict"),
    ("định kỳ ngày 15 tháng 6 và tháng 12", "half_yearly/15"),
    ("trước ngày 15 tháng 12 hằng năm", "yearly/15/strict"),
    ("báo cáo kết quả thực hiện vào 09/6/2017", "once/2017-06-09"),
    ("Báo cáo kết quả thực hiện trước ngày 09/6/2017", "once/2017-06-09/strict"),
]

@Suite struct SchedulePhraseTests {
    @Test(arguments: schedulePhraseTable)
    func reads(phrase: String, expected: String) throws {
        let s = try #require(ReportSchedule.parse(phrase: phrase))
        var shape = s.frequency.rawValue + "/" + (s.onceDueOn?.description ?? String(s.dueDay))
        if s.strict { shape += "/strict" }
        #expect(shape == expected)
        #expect(s.validate().isEmpty)
    }

    @Test(arguments: ["", "hằng quý", "định kỳ ngày 32 của tháng cuối quý", "báo cáo vào 31/2/2017", "định kỳ báo cáo UBND tỉnh theo quy định"])
    func rejects(phrase: String) { #expect(ReportSchedule.parse(phrase: phrase) == nil) }
}
