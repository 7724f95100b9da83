import Testing
import Foundation
@testable import TiendoDomain

/// (phrase, expected canonical structured form "kind:…", due_on or "-")
struct PhraseCase: CustomTestStringConvertible, Sendable {
    let phrase: String
    let expected: String
    let dueOn: String
    var testDescription: String { phrase }
    init(_ phrase: String, _ expected: String, _ dueOn: String) {
        self.phrase = phrase; self.expected = expected; self.dueOn = dueOn
    }
}

func shape(_ d: Deadline) -> String {
    switch d.kind {
    case .date: return "date:\(d.date!)\(d.strict ? ":strict" : "")"
    case .month: return "month:\(d.year!)-\(d.month!)"
    case .quarter: return "quarter:\(d.year!)-Q\(d.quarter!)"
    case .half: return "half:\(d.year!)-H\(d.half!)"
    case .year: return "year:\(d.year!)"
    case .fromYear: return "from_year:\(d.year!)"
    case .continuous: return "continuous"
    }
}

let seedPhraseTable: [PhraseCase] = [
        // 000 (district plan 2017)
        .init("c) Thời gian hoàn thành: Trong quý 2 năm 2017.", "quarter:2017-Q2", "2017-06-30"),
        .init("c) **Thời gian hoàn thành:** Trong quý 2 năm 2017.", "quarter:2017-Q2", "2017-06-30"),
        .init("c) *Thời gian hoàn thành:* Trong quý 2 năm 2017.", "quarter:2017-Q2", "2017-06-30"),
        .init("Trong quý 2 năm 2017.", "quarter:2017-Q2", "2017-06-30"),
        .init("báo cáo kết quả thực hiện vào 09/6/2017", "date:2017-06-09", "2017-06-09"),
        .init("vào 09/6/2017", "date:2017-06-09", "2017-06-09"),
        // 001 (83/KH-UBND, 2022)
        .init("1.3. Thời gian khắc phục: Năm 2022.", "year:2022", "2022-12-31"),
        .init("2.3. Thời gian khắc phục: Năm 2022", "year:2022", "2022-12-31"),
        .init("Thời gian khắc phục: Năm 2022 và các năm tiếp theo.", "from_year:2022", "-"),
        .init("Năm 2022 và các năm tiếp theo.", "from_year:2022", "-"),
        .init("3.3. Thời gian khắc phục: Thực hiện trong năm 2022 và các năm tiếp theo.", "from_year:2022", "-"),
        .init("1.3. Thời gian khắc phục xong: Khắc phục từng bước, đảm bảo ổn định tình hình.", "continuous", "-"),
        .init("Khắc phục từng bước, đảm bảo ổn định tình hình.", "continuous", "-"),
        .init("trước ngày 30/11/2022", "date:2022-11-30:strict", "2022-11-29"),
        // 003 (2024 notice)
        .init("trước ngày 15/8/2024", "date:2024-08-15:strict", "2024-08-14"),
        .init("hoàn thành báo cáo UBND huyện, trước ngày 15/8/2024.", "-", "-"),
    ]

let variantTable: [PhraseCase] = [
        // case, diacritics, NFD, tone placement
        .init("NĂM 2022 VÀ CÁC NĂM TIẾP THEO", "from_year:2022", "-"),
        .init("nam 2022 va cac nam tiep theo", "from_year:2022", "-"),
        .init("Năm 2022 và các năm tiếp theo.".decomposedStringWithCanonicalMapping, "from_year:2022", "-"),
        .init("Năm 2022, và những năm tiếp theo", "from_year:2022", "-"),
        .init("Từ năm 2022 trở đi", "from_year:2022", "-"),
        .init("từ năm 2023 và các năm tiếp theo", "from_year:2023", "-"),
        .init("Thực hiện trong năm 2022 và các năm tiếp theo".decomposedStringWithCanonicalMapping, "from_year:2022", "-"),
        .init("THỰC HIỆN TRONG NĂM 2022 VÀ CÁC NĂM TIẾP THEO.", "from_year:2022", "-"),
        .init("khac phuc tung buoc, dam bao on dinh tinh hinh", "continuous", "-"),
        .init("Thường xuyên", "continuous", "-"),
        .init("thường xuyên, liên tục", "continuous", "-"),
        .init("Thường xuyên, liên tục.", "continuous", "-"),
        .init("THUONG XUYEN", "continuous", "-"),
        .init("Thời hạn: Thường xuyên", "continuous", "-"),
        .init("Liên tục", "continuous", "-"),
        .init("Thường xuyên, hằng năm", "continuous", "-"),
        // quarters
        .init("Quý II/2017", "quarter:2017-Q2", "2017-06-30"),
        .init("quý 2 năm 2017", "quarter:2017-Q2", "2017-06-30"),
        .init("QUÝ IV NĂM 2022", "quarter:2022-Q4", "2022-12-31"),
        .init("quy iii/2022", "quarter:2022-Q3", "2022-09-30"),
        .init("Qúy I/2023", "quarter:2023-Q1", "2023-03-31"),
        .init("Q2/2017", "quarter:2017-Q2", "2017-06-30"),
        .init("q4-2022", "quarter:2022-Q4", "2022-12-31"),
        .init("Trong Quý 1, năm 2024", "quarter:2024-Q1", "2024-03-31"),
        .init("**Thời gian hoàn thành:** Trong quý 2 năm 2017".decomposedStringWithCanonicalMapping, "quarter:2017-Q2", "2017-06-30"),
        .init("Hết quý 3/2022", "quarter:2022-Q3", "2022-09-30"),
        // dates
        .init("30/11/2022", "date:2022-11-30", "2022-11-30"),
        .init("30-11-2022", "date:2022-11-30", "2022-11-30"),
        .init("30.11.2022", "date:2022-11-30", "2022-11-30"),
        .init("ngày 09/6/2017", "date:2017-06-09", "2017-06-09"),
        .init("Ngày 09/06/2017.", "date:2017-06-09", "2017-06-09"),
        .init("chậm nhất ngày 30/11/2022", "date:2022-11-30", "2022-11-30"),
        .init("Chậm nhất là ngày 30/11/2022", "date:2022-11-30", "2022-11-30"),
        .init("CHAM NHAT NGAY 30/11/2022", "date:2022-11-30", "2022-11-30"),
        .init("trước 15/8/2024", "date:2024-08-15:strict", "2024-08-14"),
        .init("Trước ngày 01/01/2023", "date:2023-01-01:strict", "2022-12-31"),
        .init("truoc ngay 1/3/2024", "date:2024-03-01:strict", "2024-02-29"),
        .init("trước ngày 1/3/2023", "date:2023-03-01:strict", "2023-02-28"),
        .init("ngày 15 tháng 8 năm 2024", "date:2024-08-15", "2024-08-15"),
        .init("trước ngày 15 tháng 8 năm 2024", "date:2024-08-15:strict", "2024-08-14"),
        .init("đến hết ngày 31/12/2022", "date:2022-12-31", "2022-12-31"),
        .init("Thời hạn: 29/02/2024", "date:2024-02-29", "2024-02-29"),
        .init("ngày 30 / 11 / 2022", "date:2022-11-30", "2022-11-30"),
        .init("Hạn chót: ngày 30/11/2022", "date:2022-11-30", "2022-11-30"),
        // months
        .init("Tháng 6/2017", "month:2017-6", "2017-06-30"),
        .init("trong tháng 6 năm 2017", "month:2017-6", "2017-06-30"),
        .init("tháng 06-2017", "month:2017-6", "2017-06-30"),
        .init("THÁNG 2/2024", "month:2024-2", "2024-02-29"),
        .init("tháng 2/2023", "month:2023-2", "2023-02-28"),
        .init("Trong tháng 12.2022", "month:2022-12", "2022-12-31"),
        // halves
        .init("6 tháng đầu năm 2024", "half:2024-H1", "2024-06-30"),
        .init("6 tháng cuối năm 2024", "half:2024-H2", "2024-12-31"),
        .init("06 tháng đầu năm 2024", "half:2024-H1", "2024-06-30"),
        .init("Trong 6 tháng cuối năm 2022.", "half:2022-H2", "2022-12-31"),
        .init("sau thang dau nam 2024", "-", "-"),
        // years
        .init("Năm 2022", "year:2022", "2022-12-31"),
        .init("Trong năm 2022", "year:2022", "2022-12-31"),
        .init("trong nam 2022.", "year:2022", "2022-12-31"),
        .init("Hoàn thành trong năm 2023", "year:2023", "2023-12-31"),
        .init("  Năm   2022 ;", "year:2022", "2022-12-31"),
        .init("Thời gian khắc phục: NĂM 2022".decomposedStringWithCanonicalMapping, "year:2022", "2022-12-31"),
    .init("- Thời gian: Quý II/2017", "quarter:2017-Q2", "2017-06-30"),
    .init("Thời gian thực hiện: Năm 2022", "year:2022", "2022-12-31"),
    .init("Hoàn thành trước ngày 30/11/2022", "date:2022-11-30:strict", "2022-11-29"),
    .init("Cuối năm 2022", "year:2022", "2022-12-31"),
    .init("Quý II năm 2017", "quarter:2017-Q2", "2017-06-30"),
    .init("Quý ii/2017", "quarter:2017-Q2", "2017-06-30"),
    .init("quý 02/2017", "quarter:2017-Q2", "2017-06-30"),
    ]

let rejectedTable: [String] = [
        "", "   ", "sớm nhất có thể", "Sớm nhất có thể.", "quý 5 năm 2017", "Quý V/2017", "quý 0/2017",
        "ngày 31/2/2022", "31/02/2022", "29/02/2023", "tháng 13/2022", "Tháng 0/2022", "năm 22", "Năm 20222",
        "asdf qwer", "!!!", "30/11/2022 và 15/12/2022", "từ 01/01/2022 đến 30/11/2022",
        "Hằng năm", "hàng năm", "ngày 30/11", "30/11/22", "30/11-2022", "Thời gian khắc phục:", "**Thời gian hoàn thành:**",
        "Quý II", "tháng 6", "6 tháng đầu năm", "năm nay", "Năm 2022 hoặc 2023", "trước tháng 6/2017",
        "Khắc phục ngay", "Năm 1800", "Quý II/2017 và quý III/2017", "Sau ngày 15/8/2024", "Từ năm 2022",
        "9 tháng đầu năm 2024", "hoàn thành báo cáo UBND huyện, trước ngày 15/8/2024.", "nửa năm 2024", "ngày 15 tháng 13 năm 2024", "Năm 2022 (đã hoàn thành)", "Giai đoạn 2021 - 2025", "Năm 2021-2025", "2022",
    "Quý II/2017 hoặc sớm hơn", "trước tháng 6/2017", "ngày 30/11/2022 hoặc 15/12/2022",
    ]

@Suite struct DeadlineParserTests {
    /// Every deadline phrase in the seeds, verbatim (lines as printed, with their labels).

    @Test(arguments: seedPhraseTable.filter { $0.expected != "-" })
    func seeds(_ c: PhraseCase) throws { try check(c) }


    @Test(arguments: variantTable.filter { $0.expected != "-" })
    func variant(_ c: PhraseCase) throws { try check(c) }

    func check(_ c: PhraseCase) throws {
        let r = DeadlineParser.parse(c.phrase)
        guard case .success(let d) = r else {
            Issue.record("not parsed: \(c.phrase) → \(r)")
            return
        }
        #expect(shape(d) == c.expected)
        #expect(d.dueOn?.description ?? "-" == c.dueOn)
        #expect(d.phrase == VietnameseText.nfc(c.phrase).trimmingWhitespace())
        #expect(d.phrase == d.phrase?.precomposedStringWithCanonicalMapping)
    }


    @Test(arguments: rejectedTable)
    func rejects(_ phrase: String) {
        let r = DeadlineParser.parse(phrase)
        guard case .failure(let e) = r else {
            Issue.record("accepted \"\(phrase)\" as \(r)")
            return
        }
        #expect(e.code == "deadline_unparseable")
        #expect(e.message.contains("Accepted forms"))
        #expect(e.message.contains("Quý II/2017"))
    }

    @Test func specificReasons() {
        func reason(_ p: String) -> String {
            if case .failure(let e) = DeadlineParser.parse(p) { return e.reason }
            return "accepted"
        }
        #expect(reason("quý 5 năm 2017").contains("quarter"))
        #expect(reason("ngày 31/2/2022").contains("not a calendar date"))
        #expect(reason("tháng 13/2022").contains("month"))
        #expect(reason("năm 22").contains("4 digits"))
        #expect(reason("30/11/2022 và 15/12/2022").contains("more than one date"))
        #expect(reason("").contains("empty"))
    }

    @Test func seedFilesEveryLabelledPhraseParses() throws {
        // Every "Thời gian khắc phục/hoàn thành:" line in the seeds parses.
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../../shared/seeds").standardized
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return } // seeds not present: nothing to check
        var count = 0
        for f in files where f.hasSuffix(".txt") {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let folded = VietnameseText.searchKey(String(line))
                guard folded.range(of: #"^([a-z]\)|[0-9.]+) \**thoi gian (khac phuc|hoan thanh)[a-z ]*:"#, options: .regularExpression) != nil else { continue }
                count += 1
                if case .failure(let e) = DeadlineParser.parse(String(line)) { Issue.record("\(f): \(e)") }
            }
        }
        #expect(count >= 30) // 7 in 000, 27 in 001
    }
}
