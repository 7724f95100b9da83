import Foundation

/// The numbering or bullet a line starts with.
public enum OutlineMarker: Sendable, Hashable {
    /// "A.", "B." — parts of the document; not part of a shortcoming's code.
    case part(String)
    /// "I.", "IV." (also "IV/").
    case roman(String)
    /// "1.", "1.2.", "1.1.3." (also "1)" , "1.2").
    case decimal([Int])
    /// "a)", "b.", "b).", "(c)".
    case letter(String)
    /// "(1)", "(i)" within a list.
    case parenthesised(String)
    /// "-", "+", "•", "*", "–" with its nesting level (1 for "-", 2 for "+", 3 otherwise).
    case bullet(Int)

    /// The code contribution: "I", "1.2"; nil for parts, letters and bullets.
    var codePart: String? {
        switch self {
        case .roman(let r): return r
        case .decimal(let d): return d.map(String.init).joined(separator: ".")
        default: return nil
        }
    }
}

/// One non-empty line of the document: its 1-based number, its text without
/// markdown emphasis, its marker and the text after the marker.
public struct PlanLine: Sendable, Hashable {
    public let number: Int
    public let text: String
    public let marker: OutlineMarker?
    public let body: String
    /// `body` folded (case, diacritics), whitespace collapsed.
    public let folded: String
}

/// Splits a document into `PlanLine`s and recognises their markers.
public enum PlanLines {
    /// Longest line kept (longer ones are cut: no plan writes a 20,000-character line).
    public static let maxLineLength = 20_000

    public static func split(_ text: String) -> [PlanLine] {
        var out: [PlanLine] = []
        var number = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\u{2028}" }) {
            number += 1
            var t = String(raw.prefix(maxLineLength))
            t = t.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
            t = t.map { ($0 == "\t" || $0 == "\u{00A0}" || $0 == "\u{200B}" || $0 == "\u{FEFF}") ? " " : String($0) }.joined()
            t = VietnameseText.collapseWhitespace(t)
            // "*Thời gian hoàn thành:*", "- *Về đầu tư công:* …" — markdown emphasis, not text
            // (a "* " at the start is a bullet and stays)
            if t.hasPrefix("* ") { t = "* " + t.dropFirst(2).replacingOccurrences(of: "*", with: "") }
            else { t = t.replacingOccurrences(of: "*", with: "") }
            t = VietnameseText.collapseWhitespace(t)
            guard !t.isEmpty else { continue }
            let (marker, body) = readMarker(t)
            out.append(PlanLine(number: number, text: t, marker: marker, body: body,
                                folded: VietnameseText.searchKey(body)))
        }
        return out
    }

    static let romanDigits: Set<Character> = ["I", "V", "X", "L"]

    /// Reads the marker at the start of `t` and returns it with the rest.
    static func readMarker(_ t: String) -> (OutlineMarker?, String) {
        let chars = Array(t)
        func rest(_ n: Int) -> String { String(chars[min(n, chars.count)...]).trimmingWhitespace() }
        guard let first = chars.first else { return (nil, t) }
        // bullets
        if "-+•*–—·".contains(first) {
            let level = first == "+" ? 2 : (first == "-" || first == "–" || first == "—") ? 1 : 3
            var n = 1
            while n < chars.count, chars[n] == first { n += 1 }
            if n < chars.count, chars[n] != " ", first == "-" || first == "+" {
                // "-Sở Y tế", "+Tăng cường": still a bullet, unless a number ("-5%")
                if chars[n].isNumber { return (nil, t) }
            }
            return (.bullet(level), rest(n))
        }
        // (1) (a) (i)
        if first == "(", let close = chars.prefix(6).firstIndex(of: ")"), close > 1 {
            let inner = String(chars[1..<close])
            if inner.allSatisfy({ $0.isNumber }) || (inner.count <= 4 && inner.allSatisfy({ $0.isLetter && $0.isLowercase })) {
                return (.parenthesised(inner), rest(close + 1))
            }
        }
        // decimal: 1. 1.2. 1.1.3. 1) 1.2
        if first.isNumber {
            var n = 0
            var parts: [Int] = []
            var digits = ""
            while n < chars.count, chars[n].isNumber || chars[n] == "." {
                if chars[n] == "." {
                    guard !digits.isEmpty, digits.count <= 3, let v = Int(digits) else { break }
                    parts.append(v); digits = ""
                } else {
                    digits.append(chars[n])
                }
                n += 1
            }
            if !digits.isEmpty {
                // "1.2 Text" (no final dot) or "1) Text"
                guard digits.count <= 3, let v = Int(digits) else { return (nil, t) }
                if !parts.isEmpty, n < chars.count, chars[n] == " " { parts.append(v) }
                else if n < chars.count, chars[n] == ")" { parts.append(v); n += 1 }
                else { return (nil, t) }
            }
            guard !parts.isEmpty, parts.count <= 6, n < chars.count, chars[n] == " " || chars[n] == ")" else { return (nil, t) }
            if chars[n] == ")" { n += 1 }
            // a date or a number at the start of a sentence ("30/11/2022 …", "2022 …") is not a marker
            if n < chars.count, chars[n] == "/" { return (nil, t) }
            return (.decimal(parts), rest(n))
        }
        // roman / part: "IV. ", "A. "
        if first.isUppercase, first.isASCII {
            var n = 0
            while n < chars.count, chars[n].isUppercase, chars[n].isASCII { n += 1 }
            let word = String(chars[..<n])
            if n < chars.count, chars[n] == "." || chars[n] == "/" || chars[n] == ")", n + 1 < chars.count, chars[n + 1] == " " {
                if word.allSatisfy({ romanDigits.contains($0) }), word.count <= 5 { return (.roman(word), rest(n + 1)) }
                if word.count == 1 { return (.part(word), rest(n + 1)) }
            }
            return (nil, t)
        }
        // letters: "a)", "b.", "b).", "đ)"
        if first.isLowercase, chars.count >= 3 {
            if chars[1] == ")" || chars[1] == "." {
                var n = 2
                if n < chars.count, chars[n] == "." || chars[n] == ")" { n += 1 }
                if n < chars.count, chars[n] == " " { return (.letter(String(first)), rest(n)) }
            }
        }
        return (nil, t)
    }
}
