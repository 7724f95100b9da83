// RFC 4180 CSV for office spreadsheets: UTF-8 with a BOM (Excel then reads
// Vietnamese), CRLF line ends, quoting where needed, risky text neutralised
// (FormulaGuard). With `;` as separator (what Excel expects in a Vietnamese
// locale) decimals are written with a comma, as that locale reads them.

public enum CSVSeparator: String, Sendable, CaseIterable {
    case comma = ","
    case semicolon = ";"

    var byte: UInt8 { self == .comma ? UInt8(ascii: ",") : UInt8(ascii: ";") }
}

public enum CSVWriter {
    public static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    public static func render(_ table: SheetTable, separator: CSVSeparator = .comma) -> [UInt8] {
        var out = bom
        out.reserveCapacity(64 * (table.rows.count + 1))
        func line(_ fields: [String]) {
            for (i, f) in fields.enumerated() {
                if i > 0 { out.append(separator.byte) }
                append(f, to: &out, separator: separator)
            }
            out.append(0x0D); out.append(0x0A)
        }
        line(table.header.map(FormulaGuard.neutralised))
        for row in table.rows { line(row.map { text(of: $0, separator: separator) }) }
        return out
    }

    /// A cell as CSV text (before quoting).
    public static func text(of cell: SheetCell, separator: CSVSeparator) -> String {
        switch cell {
        case .text(let s): return FormulaGuard.neutralised(s)
        case .number(let x):
            let s = NumberText.plain(x)
            return separator == .semicolon ? s.replacingDot(with: ",") : s
        case .date(let y, let m, let d): return DateText.iso(y, m, d)
        case .empty: return ""
        }
    }

    static func append(_ field: String, to out: inout [UInt8], separator: CSVSeparator) {
        let bytes = field.utf8
        let needsQuotes = bytes.contains { $0 == separator.byte || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || bytes.first == 0x20 || bytes.last == 0x20
        guard needsQuotes else { out.append(contentsOf: bytes); return }
        out.append(0x22)
        for b in bytes {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
    }
}

/// Numbers as spreadsheets read them: no exponent for ordinary magnitudes, no trailing `.0`.
enum NumberText {
    static func plain(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}

enum DateText {
    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String {
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(max(v, 0)); return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}

extension String {
    func replacingDot(with replacement: Character) -> String {
        String(map { $0 == "." ? replacement : $0 })
    }
}
