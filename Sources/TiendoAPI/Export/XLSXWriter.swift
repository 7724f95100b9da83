// An .xlsx workbook (Office Open XML, ECMA-376 SpreadsheetML) with one sheet:
// inline strings, a bold and frozen header row, column widths, numbers as
// numbers, dates as date serials shown dd/mm/yyyy. Risky text (FormulaGuard)
// is a string cell with the quotePrefix style: Excel's own form of the leading
// apostrophe, so the text stays as written and stays text when edited.

public enum XLSXWriter {
    public static let mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// Excel's limits.
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384
    static let maxCellUTF16 = 32_767

    public enum Failure: Error, Equatable { case tooManyRows, tooManyColumns, tooLarge }

    public static func render(_ table: SheetTable, sheetName: String = "Sheet1") throws(Failure) -> [UInt8] {
        guard table.rows.count + 1 <= maxRows else { throw .tooManyRows }
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        guard columns <= maxColumns else { throw .tooManyColumns }
        var zip = ZipArchive()
        do {
            try zip.add("[Content_Types].xml", Array(contentTypes.utf8))
            try zip.add("_rels/.rels", Array(rootRels.utf8))
            try zip.add("xl/workbook.xml", Array(workbook(sheetName: sheetName).utf8))
            try zip.add("xl/_rels/workbook.xml.rels", Array(workbookRels.utf8))
            try zip.add("xl/styles.xml", Array(styles.utf8))
            try zip.add("xl/worksheets/sheet1.xml", sheet(table, columns: columns))
            return try zip.bytes()
        } catch {
            throw .tooLarge
        }
    }

    // MARK: parts

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let pkgRelNS = "http://schemas.openxmlformats.org/package/2006/relationships"

    static let contentTypes = declaration
        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        + "</Types>"

    static let rootRels = declaration
        + "<Relationships xmlns=\"\(pkgRelNS)\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relNS)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    static let workbookRels = declaration
        + "<Relationships xmlns=\"\(pkgRelNS)\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relNS)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"\(relNS)/styles\" Target=\"styles.xml\"/>"
        + "</Relationships>"

    /// Cell formats (`s=` indexes): 0 plain, 1 header (bold), 2 date dd/mm/yyyy,
    /// 3 text kept as text (quotePrefix), 4 header kept as text.
    enum Style: Int { case plain = 0, header, date, guarded, guardedHeader }

    static let styles = declaration
        + "<styleSheet xmlns=\"\(mainNS)\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"5\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" quotePrefix=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" quotePrefix=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    static func workbook(sheetName: String) -> String {
        declaration
            + "<workbook xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">"
            + "<sheets><sheet name=\"\(escape(safeSheetName(sheetName), attribute: true))\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
            + "</workbook>"
    }

    static func sheet(_ table: SheetTable, columns: Int) -> [UInt8] {
        var s = declaration + "<worksheet xmlns=\"\(mainNS)\">"
        s += "<sheetViews><sheetView workbookViewId=\"0\">"
        s += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        s += "</sheetView></sheetViews>"
        let widths = table.columnWidths
        if !widths.isEmpty {
            s += "<cols>"
            for (i, w) in widths.enumerated() { s += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(w)\" customWidth=\"1\"/>" }
            s += "</cols>"
        }
        s += "<sheetData>"
        var out = Array(s.utf8)
        out.reserveCapacity(out.count + 80 * columns * (table.rows.count + 1))
        func row(_ r: Int, _ cells: [SheetCell], header: Bool) {
            out += Array("<row r=\"\(r)\">".utf8)
            for (i, cell) in cells.enumerated() { out += Array(self.cell(cell, ref: columnName(i) + String(r), header: header).utf8) }
            out += Array("</row>".utf8)
        }
        row(1, table.header.map { .text($0) }, header: true)
        for (i, cells) in table.rows.enumerated() { row(i + 2, cells, header: false) }
        out += Array("</sheetData></worksheet>".utf8)
        return out
    }

    static func cell(_ c: SheetCell, ref: String, header: Bool) -> String {
        switch c {
        case .empty:
            return header ? "<c r=\"\(ref)\" s=\"\(Style.header.rawValue)\"/>" : ""
        case .number(let x):
            guard x.isFinite else { return "" }
            return "<c r=\"\(ref)\"><v>\(NumberText.plain(x))</v></c>"
        case .date(let y, let m, let d):
            guard let serial = serial(y, m, d) else { return cell(.text(DateText.iso(y, m, d)), ref: ref, header: header) }
            return "<c r=\"\(ref)\" s=\"\(Style.date.rawValue)\"><v>\(serial)</v></c>"
        case .text(let t):
            let guarded = FormulaGuard.isRisky(t)
            let style: Style = header ? (guarded ? .guardedHeader : .header) : (guarded ? .guarded : .plain)
            let text = escape(limited(t), attribute: false)
            let s = style == .plain ? "" : " s=\"\(style.rawValue)\""
            let space = text.first == " " || text.last == " " || text.contains("\n") || text.contains("\t") ? " xml:space=\"preserve\"" : ""
            return "<c r=\"\(ref)\" t=\"inlineStr\"\(s)><is><t\(space)>\(text)</t></is></c>"
        }
    }

    /// A, B, …, Z, AA, … for a zero-based column index.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            name.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(name.reversed())
    }

    /// Days since 1899-12-30 (Excel's 1900 date system, correct from 1900-03-01), or nil
    /// when the day does not exist or is outside 1900-03-01…9999-12-31.
    static func serial(_ y: Int, _ m: Int, _ d: Int) -> Int? {
        guard (1900...9999).contains(y), (1...12).contains(m), d >= 1 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= lengths[m - 1], !(y == 1900 && m < 3) else { return nil }
        return daysFromCivil(y, m, d) - daysFromCivil(1899, 12, 30)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Text within Excel's 32,767-character cell limit (cut on a character boundary).
    static func limited(_ t: String) -> String {
        guard t.utf16.count > maxCellUTF16 else { return t }
        var out = ""
        var n = 0
        for ch in t {
            n += ch.utf16.count
            if n > maxCellUTF16 { break }
            out.append(ch)
        }
        return out
    }

    /// A name Excel accepts: 1–31 characters, none of []:*?/\, not starting or ending with '.
    static func safeSheetName(_ name: String) -> String {
        var s = String(name.unicodeScalars.filter { !"[]:*?/\\".unicodeScalars.contains($0) && isXMLChar($0) && $0.value >= 0x20 }
            .map(Character.init))
        while s.hasPrefix("'") { s.removeFirst() }
        while s.hasSuffix("'") { s.removeLast() }
        if s.count > 31 { s = String(s.prefix(31)) }
        while s.hasSuffix("'") { s.removeLast() }
        return s.allSatisfy({ $0 == " " }) ? "Sheet1" : s
    }

    static func isXMLChar(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// XML text: markup characters escaped, characters XML cannot carry dropped, CR kept
    /// as a character reference (parsers turn a raw CR into LF), and text that looks like
    /// Excel's own `_xHHHH_` escape protected so Excel shows it as written.
    static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        // Characters XML cannot carry go first, so the _xHHHH_ check sees the text as written.
        let scalars = Array(s.unicodeScalars.filter(isXMLChar))
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\r": out += "&#13;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "_" where looksLikeExcelEscape(scalars, i): out += "_x005F_"
            default: out.unicodeScalars.append(u)
            }
            i += 1
        }
        return out
    }

    static func looksLikeExcelEscape(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i + 6 < s.count, s[i + 1] == "x", s[i + 6] == "_" else { return false }
        return s[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
