import Foundation

/// A folded copy of a text with exactly one character per original character, so
/// that a match found in the folded copy quotes the document's own words.
public struct AlignedFold: Sendable {
    public let original: [Character]
    public let folded: String
    let foldedChars: [Character]

    public init(_ text: String) {
        original = Array(text)
        var out: [Character] = []
        out.reserveCapacity(original.count)
        for ch in original {
            if ch.isASCII {
                out.append(Character(ch.lowercased()))
            } else {
                let f = FoldTable.fold(ch)
                // "–", "—" read as "-"; anything that does not fold to one character stays a placeholder
                if ch == "–" || ch == "—" { out.append("-") }
                else if f.count == 1, let c = f.first { out.append(c) }
                else { out.append(ch.isWhitespace ? " " : "\u{FFFD}") }
            }
        }
        foldedChars = out
        folded = String(out)
    }

    /// Character offsets of a range of `folded`.
    public func offsets(_ r: Range<String.Index>) -> Range<Int> {
        let lo = folded.distance(from: folded.startIndex, to: r.lowerBound)
        let hi = folded.distance(from: folded.startIndex, to: r.upperBound)
        return lo..<hi
    }

    /// The original text at `r` (offsets).
    public func quote(_ r: Range<Int>) -> String {
        let lo = max(0, min(r.lowerBound, original.count)), hi = max(lo, min(r.upperBound, original.count))
        return String(original[lo..<hi]).trimmingWhitespace()
    }

    /// First match of `pattern` in the folded text: the capture groups and the match's offsets.
    public func firstMatch(_ pattern: Regex<AnyRegexOutput>) -> (groups: [String?], range: Range<Int>)? {
        guard let m = folded.firstMatch(of: pattern) else { return nil }
        var groups: [String?] = []
        for i in 1..<max(1, m.output.count) { groups.append(m.output[i].substring.map(String.init)) }
        return (groups, offsets(m.range))
    }

    /// The clause around `r`: out to the nearest ";" or sentence end (". ", "./.", end of text) on each side.
    public func clause(around r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound
        while lo > 0 {
            let c = foldedChars[lo - 1]
            if c == ";" || (c == "." && lo < foldedChars.count && foldedChars[lo] == " ") || c == ":" { break }
            lo -= 1
        }
        var hi = r.upperBound
        while hi < foldedChars.count {
            let c = foldedChars[hi]
            if c == ";" || (c == "." && (hi + 1 == foldedChars.count || foldedChars[hi + 1] == " " || foldedChars[hi + 1] == "/")) { break }
            hi += 1
        }
        return lo..<hi
    }
}
