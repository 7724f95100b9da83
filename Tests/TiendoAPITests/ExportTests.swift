// Exports an office opens as-is, through a real server: xlsx beside CSV for
// every export, Vietnamese headings (lang=vi), `;` separators (sep=;), the
// compliance lists as rows, the lead unit on task rows, rounded progress, and
// formula-looking text neutralised.

import Foundation
import XCTest
@testable import TiendoAPI

final class ExportTests: Plan83TestCase {
    var laoDong: TestClient { s.client("tok-lao-dong") }
    let formula = "=HYPERLINK(\"http://evil.example/\",\"Bấm vào đây\")"

    /// A on time (with formula-looking text and a long progress), B late; the rest missing.
    func fileReports() throws {
        var r = try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 33.333333,
                                                           extra: ["result": formula, "obstacles": "-Thiếu vốn"]))
        XCTAssertEqual(r.status, 201, r.text)
        s.clock.set("2022-06-20T09:00:00+07:00")
        r = try s.client("tok-y-te").post("/api/v1/reports", report(B, "so-y-te", "2022-Q2", "2022-06-20", progress: 50))
        XCTAssertEqual(r.status, 201, r.text)
        s.clock.set("2022-07-01T09:00:00+07:00")
    }

    func csvLines(_ r: TestResponse) -> [String] {
        XCTAssertEqual(Array(r.body.prefix(3)), [0xEF, 0xBB, 0xBF])
        return String(decoding: r.body.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    /// The sheet of an xlsx answer, after checking the whole archive.
    func sheet(_ r: TestResponse, line: UInt = #line) throws -> String {
        XCTAssertEqual(r.status, 200, r.text, line: line)
        XCTAssertEqual(r.header("Content-Type"), XLSXWriter.mediaType, line: line)
        XCTAssertTrue(r.header("Content-Disposition")?.hasSuffix(".xlsx\"") == true, line: line)
        let entries = try ZipReader.entries(r.body)
        for e in entries { XCTAssertNil(ZipReader.xmlError(e.data), e.name, line: line) }
        let sheet = try XCTUnwrap(entries.first { $0.name == "xl/worksheets/sheet1.xml" })
        return String(decoding: sheet.data, as: UTF8.self)
    }

    func testEveryExportAnswersXLSXThatIsAValidWorkbook() throws {
        try fileReports()
        let report = try XCTUnwrap(admin.get("/api/v1/reports?plan_id=\(plan)").items.first?["id"] as? Int)
        let targets = ["/api/v1/units", "/api/v1/plans", "/api/v1/tasks?plan_id=\(plan)", "/api/v1/reports?plan_id=\(plan)",
                       "/api/v1/reports/\(report)/revisions", "/api/v1/plans/\(plan)/periods", "/api/v1/plans/\(plan)/summary",
                       "/api/v1/plans/\(plan)/compliance?period=2022-Q2", "/api/v1/plans/\(plan)/compliance?period=2022-Q2&rows=missing",
                       "/api/v1/plans/\(plan)/compliance?period=2022-Q2&rows=late", "/api/v1/plans/\(plan)/compliance?period=2022-Q2&rows=all",
                       "/api/v1/units/so-lao-dong/scorecard"]
        for t in targets {
            let sep = t.contains("?") ? "&" : "?"
            let x = try sheet(admin.get(t + sep + "format=xlsx"))
            XCTAssertTrue(x.contains("<row r=\"1\">"), t)
            // The same through Accept, and CSV with Vietnamese headings.
            let viaAccept = try admin.get(t, headers: [("Accept", XLSXWriter.mediaType)])
            XCTAssertEqual(viaAccept.header("Content-Type"), XLSXWriter.mediaType, t)
            let vi = try admin.get(t + sep + "format=csv&lang=vi&sep=%3B")
            XCTAssertEqual(vi.status, 200, t)
            let header = csvLines(vi).first ?? ""
            XCTAssertTrue(header.contains(";") && header.unicodeScalars.contains { $0.value > 0x7F }, "\(t): \(header)")
        }
    }

    func testVietnameseHeadingsSemicolonsRoundedProgressAndNeutralisedText() throws {
        try fileReports()
        let lines = csvLines(try admin.get("/api/v1/reports?plan_id=\(plan)&task_id=\(A)&format=csv&lang=vi&sep=;"))
        XCTAssertEqual(lines.first, "Mã;Mã nhiệm vụ;Mã kế hoạch;Mã đơn vị;Kỳ báo cáo;Lần gửi;Ngày báo cáo;Trạng thái;Tiến độ (%);"
                       + "Ngày hoàn thành;Kết quả;Khó khăn, vướng mắc;Kiến nghị, đề xuất;Giá trị chỉ tiêu;Thời điểm nhận;Hạn;Đúng hạn;Số ngày trễ;Không có gì mới")
        let row = lines[1]
        XCTAssertTrue(row.contains(";33,3;"), row)                       // rounded, decimal comma
        XCTAssertTrue(row.contains(";\"'=HYPERLINK(\"\"http://evil.example/\"\";\"\"Bấm vào đây\"\")\";") ||
                      row.contains(";\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Bấm vào đây\"\")\";"), row)
        XCTAssertTrue(row.contains(";'-Thiếu vốn;"), row)
        XCTAssertTrue(row.hasSuffix(";có;0;không"), row)                   // on_time in Vietnamese, then unchanged

        // English stays as it was, with the same neutralisation.
        let en = csvLines(try admin.get("/api/v1/reports?plan_id=\(plan)&task_id=\(A)&format=csv"))
        XCTAssertTrue(en[0].hasPrefix("id,task_id,plan_id,unit_id,period,revision,report_date,status,progress,"))
        XCTAssertTrue(en[1].contains(",33.3,"), en[1])
        XCTAssertTrue(en[1].contains(",\"'=HYPERLINK("), en[1])

        // xlsx: the text is kept as written, as a quote-prefixed string; numbers and dates typed.
        let x = try sheet(admin.get("/api/v1/reports?plan_id=\(plan)&task_id=\(A)&format=xlsx&lang=vi"))
        XCTAssertTrue(x.contains("t=\"inlineStr\" s=\"3\"><is><t>=HYPERLINK(&quot;") || x.contains("t=\"inlineStr\" s=\"3\"><is><t>=HYPERLINK(\""), x)
        XCTAssertTrue(x.contains("<v>33.3</v>"), x)
        XCTAssertTrue(x.contains("s=\"2\"><v>44722</v>"), "report_date 2022-06-10 as a date serial")
        XCTAssertTrue(x.contains("<t>Tiến độ (%)</t>"))
        XCTAssertFalse(x.contains("<f>"))
    }

    func testTaskRowsCarryTheLeadUnits() throws {
        let lines = csvLines(try admin.get("/api/v1/tasks?plan_id=\(plan)&format=csv"))
        XCTAssertTrue(lines[0].hasSuffix(",as_of,lead_units"), lines[0])
        XCTAssertEqual(lines.count, 5)
        XCTAssertTrue(lines[1].hasSuffix(",so-lao-dong"), lines[1])
        XCTAssertTrue(lines[3].hasSuffix(",so-nong-nghiep; huyen-hoang-hoa; huyen-thuong-xuan; thanh-pho-thanh-hoa"), lines[3])
        let vi = csvLines(try admin.get("/api/v1/tasks?plan_id=\(plan)&format=csv&lang=vi"))
        XCTAssertTrue(vi[0].hasSuffix(",Tính đến ngày,Đơn vị chủ trì"), vi[0])
    }

    func testComplianceListsExportAsRows() throws {
        try fileReports()
        let base = "/api/v1/plans/\(plan)/compliance?period=2022-Q2&as_of=2022-06-30"
        let json = try admin.get(base).object
        let missingCount = (json["missing_list"] as? [Any])?.count ?? -1
        XCTAssertEqual(missingCount, 5)

        let missing = csvLines(try admin.get(base + "&format=csv&rows=missing"))
        XCTAssertEqual(missing[0], "period,task_id,shortcoming_code,task_title,unit_id,unit_name,due_on")
        XCTAssertEqual(missing.count - 1, missingCount)
        XCTAssertTrue(missing.contains { $0.contains(",III.1.1,") && $0.contains(",huyen-hoang-hoa,UBND huyện Hoằng Hóa,2022-06-15") },
                      missing.joined(separator: "\n"))

        let late = csvLines(try admin.get(base + "&format=csv&rows=late"))
        XCTAssertEqual(late.count, 2)
        XCTAssertTrue(late[1].hasPrefix("2022-Q2,\(B),II,"), late[1])
        XCTAssertTrue(late[1].hasSuffix(",so-y-te,Sở Y tế,2022-06-15,2022-06-20T02:00:00Z,5"), late[1])

        let all = csvLines(try admin.get(base + "&format=csv&rows=all&lang=vi"))
        XCTAssertEqual(all.count - 1, 7)
        XCTAssertEqual(all[0], "Kỳ báo cáo,Mã nhiệm vụ,Mục hạn chế,Nhiệm vụ,Mã đơn vị,Tên đơn vị,Tình trạng báo cáo,Hạn,Thời điểm nhận lần đầu,Số ngày trễ")
        XCTAssertEqual(all.filter { $0.contains(",chưa báo cáo,") }.count, 5)
        XCTAssertEqual(all.filter { $0.contains(",đúng hạn,") }.count, 1)
        XCTAssertEqual(all.filter { $0.contains(",trễ hạn,") }.count, 1)

        // The default is still one row per unit, unchanged.
        let units = csvLines(try admin.get(base + "&format=csv"))
        XCTAssertEqual(units[0], "unit_id,name,expected,on_time,late,missing,pending,coordinating_reported,coordinating_on_time,coordinating_late")
    }

    func testBadExportParametersAre400AndNamed() throws {
        for (q, field) in [("format=pdf", "format"), ("format=csv&lang=fr", "lang"), ("format=csv&sep=%7C", "sep"),
                           ("format=csv&rows=everyone", "rows")] {
            assertProblem(try admin.get("/api/v1/plans/\(plan)/compliance?period=2022-Q2&\(q)"), 400, "invalid_query", field: field)
        }
        let vi = try admin.get("/api/v1/plans/\(plan)/summary?format=pdf", headers: [("Accept-Language", "vi")])
        XCTAssertEqual(vi.errors.first?["message"] as? String, "Định dạng (format) phải là json, csv hoặc xlsx.")
    }
}
