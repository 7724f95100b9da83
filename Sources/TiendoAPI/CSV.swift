// CSV answers (SPEC §4): UTF-8 with a BOM so Excel shows Vietnamese, a header
// row, CRLF line ends and RFC 4180 quoting.

import Foundation

public enum CSV {
    public static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    public static func render(header: [String], rows: [[String]]) -> [UInt8] {
        var out = bom
        func line(_ fields: [String]) {
            for (i, f) in fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: Array(quote(f).utf8))
            }
            out.append(0x0D); out.append(0x0A)
        }
        line(header)
        for r in rows { line(r) }
        return out
    }

    public static func quote(_ field: String) -> String {
        // Quote when RFC 4180 needs it; fields starting like a formula are
        // quoted too (data is never altered: plans often start lines with "-").
        let needs = field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || field.first.map({ "=+-@".contains($0) && Double(field) == nil }) == true
        guard needs else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
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

