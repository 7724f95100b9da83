// JSON items → a typed table → CSV or xlsx, as the client asked
// (ExportOptions). Numbers stay numbers, days become dates, progress is
// rounded to one decimal, lists of ids are joined with "; ".

import Foundation
import TiendoDomain
import TiendoHTTP

enum ExportTable {
    /// Columns whose days are written as dates.
    static func isDateColumn(_ path: String) -> Bool {
        let last = path.split(separator: ".").last.map(String.init) ?? path
        return last.hasSuffix("_on") || ["as_of", "first_day", "last_day", "window_opens", "window_closes"].contains(last)
            || last == "report_date"
    }

    /// Columns rounded to one decimal (percentages and progress).
    static func isRoundedColumn(_ path: String) -> Bool {
        path.contains("progress") || path.hasSuffix("rate") || path.hasSuffix("percent_of_target")
    }

    static func table(_ items: [JSON], columns: [String], language: Language) -> SheetTable {
        SheetTable(header: columns.map { ColumnHeadings.heading($0, language) },
                   rows: items.map { item in columns.map { cell(lookup(item, path: $0), column: $0, language: language) } })
    }

    static func cell(_ v: JSON?, column: String, language: Language) -> SheetCell {
        switch v {
        case nil, .null?: return .empty
        case .bool(let b)?:
            switch language {
            case .en: return .text(b ? "true" : "false")
            case .vi: return .text(b ? "có" : "không")
            }
        case .int(let i)?: return .number(Double(i))
        case .double(let d)?: return .number(isRoundedColumn(column) ? round1(d) : d)
        case .string(let s)?:
            if isDateColumn(column), let d = CivilDate(s) { return .date(year: d.year, month: d.month, day: d.day) }
            return .text(s)
        case .array(let a)?:
            return .text(a.map { if case .string(let s) = $0 { s } else { $0.text } }.joined(separator: "; "))
        case let v?: return .text(v.text)
        }
    }
}

/// The export of `items` as `options` asks: `name` is the file name without extension.
func exportResponse(_ options: ExportOptions, items: [JSON], columns: [String], name: String,
                    sheet: String, headers: [(String, String)] = []) throws -> HTTPResponse {
    let table = ExportTable.table(items, columns: columns, language: options.language)
    var r: HTTPResponse
    switch options.format {
    case .xlsx:
        let bytes: [UInt8]
        do { bytes = try XLSXWriter.render(table, sheetName: sheet) } catch {
            throw Problem(status: 413, code: "export_too_large", title: "Export too large",
                          detail: "The table is too large for one worksheet; narrow the query.")
        }
        r = HTTPResponse(status: 200, headers: ["Content-Type": XLSXWriter.mediaType], body: bytes)
        r.headers.set("Content-Disposition", "attachment; filename=\"\(name).xlsx\"")
    case .csv, .json:
        r = HTTPResponse(status: 200, headers: ["Content-Type": "text/csv; charset=utf-8"],
                         body: CSVWriter.render(table, separator: options.separator))
        r.headers.set("Content-Disposition", "attachment; filename=\"\(name).csv\"")
    }
    if options.language == .vi { r.headers.set("Content-Language", "vi") }
    for (k, v) in headers { r.headers.set(k, v) }
    return r
}
