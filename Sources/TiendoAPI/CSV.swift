// CSV answers (SPEC §4): UTF-8 with a BOM so Excel shows Vietnamese, a header
// row, CRLF line ends and RFC 4180 quoting. Kept for callers of the first
// version; Export/CSVWriter.swift does the writing (and neutralises
// formula-looking text, OWASP's rule).

import Foundation

public enum CSV {
    public static let bom: [UInt8] = CSVWriter.bom

    /// Every field as text.
    public static func render(header: [String], rows: [[String]]) -> [UInt8] {
        CSVWriter.render(SheetTable(header: header, rows: rows.map { $0.map { .text($0) } }))
    }

    /// A JSON scalar as a CSV cell.
    public static func cell(_ v: JSON?) -> String {
        switch v {
        case nil, .null?: return ""
        case .bool(let b)?: return b ? "true" : "false"
        case .string(let s)?: return s
        case let v?: return v.text
        }
    }
}
