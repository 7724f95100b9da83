// The CSV and xlsx writers on their own: structure, escaping, typing, and the
// formula-injection rule.

import Foundation
import XCTest
@testable import TiendoAPI

final class ExportWriterTests: XCTestCase {
    let nasty = SheetTable(header: ["Mã", "=cmd|' /C calc'!A0", "Kết quả"], rows: [
        [.number(1), .text("-2+3"), .text("Đã ban hành, \"giai đoạn 1\"\r\nxong")],
        [.number(33.333333), .text("@SUM(A1:A2)"), .text("\tTab <b>&</b> _x000D_ \u{1}\u{FFFE}")],
        [.date(year: 2022, month: 6, day: 30), .text("+84 912"), .empty],
        [.date(year: 2022, month: 2, day: 30), .number(.nan), .text(String(repeating: "ư", count: 40_000))],
    ])

    func testCSVNeutralisesFormulasAndQuotes() {
        let text = String(decoding: CSVWriter.render(nasty).dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        XCTAssertEqual(lines[0], "Mã,'=cmd|' /C calc'!A0,Kết quả")
        XCTAssertTrue(text.contains("1,'-2+3,\"Đã ban hành, \"\"giai đoạn 1\"\"\r\nxong\"\r\n"), lines[1])
        XCTAssertTrue(text.contains("33.333333,'@SUM(A1:A2),'\tTab"), text.prefix(300).description)
        XCTAssertTrue(text.contains("2022-06-30,'+84 912,\r\n"))
        XCTAssertEqual(Array(CSVWriter.render(nasty).prefix(3)), [0xEF, 0xBB, 0xBF])
    }

    func testSemicolonSeparatorUsesDecimalCommas() {
        let t = SheetTable(header: ["a", "b"], rows: [[.number(12.5), .text("x;y")], [.number(40), .text("1,5")]])
        let text = String(decoding: CSVWriter.render(t, separator: .semicolon).dropFirst(3), as: UTF8.self)
        XCTAssertEqual(text, "a;b\r\n12,5;\"x;y\"\r\n40;1,5\r\n")
    }

    func testFormulaGuardFollowsOWASP() {
        for risky in ["=1+1", "+1", "-1", "@x", "\tx", "\rx", "\u{FF1D}1"] { XCTAssertTrue(FormulaGuard.isRisky(risky), risky) }
        for safe in ["", "1", "Sở Y tế", " =1", "'=1"] { XCTAssertFalse(FormulaGuard.isRisky(safe), safe) }
    }

    func testXLSXIsAValidZipOfWellFormedParts() throws {
        let bytes = try XLSXWriter.render(nasty, sheetName: "Tổng hợp [Q2]: 2022/06")
        let entries = try ZipReader.entries(bytes)
        XCTAssertEqual(Set(entries.map(\.name)), ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                                                  "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"])
        for e in entries { XCTAssertNil(ZipReader.xmlError(e.data), e.name) }
        let sheet = String(decoding: entries.first { $0.name == "xl/worksheets/sheet1.xml" }!.data, as: UTF8.self)
        // Bold header; risky header text keeps the quote prefix.
        XCTAssertTrue(sheet.contains("<c r=\"A1\" t=\"inlineStr\" s=\"1\"><is><t>Mã</t></is></c>"), sheet)
        XCTAssertTrue(sheet.contains("<c r=\"B1\" t=\"inlineStr\" s=\"4\">"))
        // Numbers as numbers, dates as serials in the date style, impossible dates as text.
        XCTAssertTrue(sheet.contains("<c r=\"A2\"><v>1</v></c>"))
        XCTAssertTrue(sheet.contains("<c r=\"A3\"><v>33.333333</v></c>"))
        XCTAssertTrue(sheet.contains("<c r=\"A4\" s=\"2\"><v>44742</v></c>"))
        XCTAssertTrue(sheet.contains("<c r=\"A5\" t=\"inlineStr\"><is><t>2022-02-30</t></is></c>"))
        // Formula-looking text is a quote-prefixed string, never a formula.
        XCTAssertTrue(sheet.contains("<c r=\"B2\" t=\"inlineStr\" s=\"3\"><is><t>-2+3</t></is></c>"))
        XCTAssertFalse(sheet.contains("<f>"))
        // Escaping: markup, CR kept, control characters dropped, Excel's _xHHHH_ protected.
        XCTAssertTrue(sheet.contains("Tab &lt;b&gt;&amp;&lt;/b&gt; _x005F_x000D_ </t>"), sheet)
        XCTAssertTrue(sheet.contains("&#13;\nxong"))
        // A character XML cannot carry is dropped before the _xHHHH_ check (found by the fuzzer).
        let hidden = try ZipReader.entries(XLSXWriter.render(SheetTable(header: ["_x10\u{1}5F_"], rows: [])))
        XCTAssertTrue(String(decoding: hidden.first { $0.name == "xl/worksheets/sheet1.xml" }!.data, as: UTF8.self)
                        .contains("<t>_x005F_x105F_</t>"))
        // Column widths and the frozen header row.
        XCTAssertTrue(sheet.contains("<cols><col min=\"1\" max=\"1\""))
        XCTAssertTrue(sheet.contains("state=\"frozen\""))
        let workbook = String(decoding: entries.first { $0.name == "xl/workbook.xml" }!.data, as: UTF8.self)
        XCTAssertTrue(workbook.contains("name=\"Tổng hợp Q2 202206\""), workbook)
        // Deterministic: the same table gives the same bytes.
        XCTAssertEqual(try XLSXWriter.render(nasty, sheetName: "Tổng hợp [Q2]: 2022/06"), bytes)
    }

    func testColumnNamesAndDateSerials() {
        XCTAssertEqual([0, 25, 26, 51, 701, 702, 16_383].map(XLSXWriter.columnName), ["A", "Z", "AA", "AZ", "ZZ", "AAA", "XFD"])
        XCTAssertEqual(XLSXWriter.serial(1900, 3, 1), 61)
        XCTAssertEqual(XLSXWriter.serial(2024, 2, 29), 45351)
        XCTAssertNil(XLSXWriter.serial(2023, 2, 29))
        XCTAssertNil(XLSXWriter.serial(1900, 2, 28))
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)   // the check value of CRC-32/ISO-HDLC
        XCTAssertEqual(ZipReader.crc32(Array("123456789".utf8)[...]), 0xCBF4_3926)
    }

    func testEveryExportedColumnHasAVietnameseHeading() {
        for columns in ExportColumns.all {
            for c in columns { XCTAssertNotNil(ColumnHeadings.vi[c], "add a Vietnamese heading for \(c) to ColumnHeadings.swift") }
        }
    }
}
