// Accept-Language (RFC 9110 §12.5.4) and the choice among the languages we
// write. Matching follows RFC 4647 loosely: a range names a language by its
// primary subtag (`vi-VN` asks for `vi`), `*` stands for any language, and
// q=0 refuses one. Malformed elements are skipped, never an error: a wrong
// header must not cost the client its answer.

public struct AcceptLanguage: Sendable, Equatable {
    /// One `language-range [; q=…]` element, lower-cased.
    public struct Range: Sendable, Equatable {
        public var tag: String
        /// Weight in thousandths (0…1000), so comparisons are exact.
        public var weight: Int
        public var primary: Substring { tag.split(separator: "-", maxSplits: 1).first ?? Substring(tag) }
    }

    public var ranges: [Range]

    /// Fields longer than this are not read past it (a header block is bounded anyway).
    static let maxLength = 4096
    static let maxRanges = 64

    public init(_ header: String?) {
        ranges = []
        guard let header else { return }
        for element in Array(header.utf8.prefix(AcceptLanguage.maxLength)).split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true) {
            if ranges.count == AcceptLanguage.maxRanges { break }
            if let r = AcceptLanguage.parseElement(element) { ranges.append(r) }
        }
    }

    /// The language of `supported` the client weighs highest; `fallback` when it
    /// accepts none of them or says nothing. Ties go to the one whose range comes
    /// first in the header; `*` alone ties every language, so `fallback` wins it.
    public func preferred(among supported: [String], fallback: String) -> String {
        var best: (lang: String, weight: Int, position: Int)?
        for lang in supported {
            guard let (w, pos) = weight(of: lang), w > 0 else { continue }
            if let b = best {
                if w < b.weight { continue }
                if w == b.weight {
                    if pos > b.position { continue }
                    // The same range (`*`) ranks both: the fallback keeps it.
                    if pos == b.position, lang != fallback { continue }
                }
            }
            best = (lang, w, pos)
        }
        return best?.lang ?? fallback
    }

    /// The weight given to `lang` (by its most specific matching range) and that range's position.
    func weight(of lang: String) -> (weight: Int, position: Int)? {
        var exact: (Int, Int)?
        var wildcard: (Int, Int)?
        for (i, r) in ranges.enumerated() {
            if r.tag == "*" {
                if wildcard == nil { wildcard = (r.weight, i) }
            } else if r.primary == lang[...] {
                // Several ranges of one language (vi-VN;q=0.8, vi;q=0.3): the highest counts.
                if exact == nil || r.weight > exact!.0 { exact = (r.weight, exact?.1 ?? i) }
            }
        }
        return exact ?? wildcard
    }

    static func parseElement(_ bytes: ArraySlice<UInt8>) -> Range? {
        let parts = bytes.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
        guard let first = parts.first else { return nil }
        let tag = trimmed(first)
        guard isLanguageRange(tag) else { return nil }
        var weight = 1000
        for param in parts.dropFirst() {
            let p = trimmed(param)
            guard p.count >= 2, p[p.startIndex] | 0x20 == UInt8(ascii: "q"), p[p.startIndex + 1] == UInt8(ascii: "=") else { return nil }
            guard let w = qvalue(p.dropFirst(2)) else { return nil }
            weight = w
        }
        return Range(tag: String(decoding: tag.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self), weight: weight)
    }

    /// `1*8ALPHA *("-" 1*8alphanum)` or `*`.
    static func isLanguageRange(_ t: ArraySlice<UInt8>) -> Bool {
        if t.count == 1, t.first == UInt8(ascii: "*") { return true }
        guard !t.isEmpty, t.count <= 64 else { return false }
        var first = true
        for sub in t.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false) {
            guard (1...8).contains(sub.count) else { return false }
            for c in sub {
                let alpha = (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z")
                let digit = c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
                if !(alpha || (!first && digit)) { return false }
            }
            first = false
        }
        return true
    }

    /// `( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )` in thousandths.
    static func qvalue(_ s: ArraySlice<UInt8>) -> Int? {
        guard let lead = s.first, lead == UInt8(ascii: "0") || lead == UInt8(ascii: "1") else { return nil }
        var value = Int(lead - UInt8(ascii: "0")) * 1000
        let rest = s.dropFirst()
        if rest.isEmpty { return value }
        guard rest.first == UInt8(ascii: "."), rest.count <= 4 else { return nil }
        var scale = 100
        for c in rest.dropFirst() {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            value += Int(c - UInt8(ascii: "0")) * scale
            scale /= 10
        }
        return value <= 1000 ? value : nil
    }

    static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var a = s.startIndex, b = s.endIndex
        while a < b, s[a] == 0x20 || s[a] == 0x09 { a += 1 }
        while b > a, s[b - 1] == 0x20 || s[b - 1] == 0x09 { b -= 1 }
        return s[a..<b]
    }
}
