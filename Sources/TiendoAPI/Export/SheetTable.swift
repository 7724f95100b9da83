// A table as an office spreadsheet sees it: a header row and typed cells. The
// CSV and xlsx writers take only this (no JSON, no domain types), so the
// fuzz targets compile them on their own.

public enum SheetCell: Sendable, Equatable {
    case text(String)
    /// Written as a number; NaN and infinities are written as empty cells.
    case number(Double)
    /// A calendar day (no time zone).
    case date(year: Int, month: Int, day: Int)
    case empty
}

public struct SheetTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[SheetCell]]
    /// Column widths in characters (xlsx); nil → from the content.
    public var widths: [Int]?

    public init(header: [String], rows: [[SheetCell]], widths: [Int]? = nil) {
        self.header = header; self.rows = rows; self.widths = widths
    }

    /// Widths from the header and the first rows: enough for the longest text, within 8…60.
    public var columnWidths: [Int] {
        if let widths, widths.count == header.count { return widths.map { min(max($0, 4), 100) } }
        var w = header.map { $0.count + 2 }
        for row in rows.prefix(200) {
            for (i, cell) in row.enumerated() where i < w.count {
                let n: Int
                switch cell {
                case .text(let s): n = min(s.count, 60)
                case .number: n = 10
                case .date: n = 11
                case .empty: n = 0
                }
                w[i] = max(w[i], n + 1)
            }
        }
        return w.map { min(max($0, 8), 60) }
    }
}

/// OWASP's rule against CSV (formula) injection: a text cell beginning with
/// `=`, `+`, `-`, `@`, tab or carriage return would be read as a formula by a
/// spreadsheet; such cells are marked as text.
public enum FormulaGuard {
    public static func isRisky(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return true
        // Full-width forms some spreadsheets also accept as formula starts.
        case "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}": return true
        default: return false
        }
    }

    /// The text a CSV cell carries: risky text gets a leading apostrophe, which
    /// spreadsheets show as text and do not evaluate.
    public static func neutralised(_ text: String) -> String {
        isRisky(text) ? "'" + text : text
    }
}
