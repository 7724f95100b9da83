/// The query of a request-target: `a=1&b=x+y&q=ho%C3%A0ng`, decoded as UTF-8 with '+' as space.
/// Keeps order and repeated names. Items whose bytes do not decode to UTF-8 keep their raw text.
public struct QueryParameters: Sendable, Sequence {
    public var items: [(String, String)]

    public init() { items = [] }
    public init(_ items: [(String, String)]) { self.items = items }

    /// Parses a raw query string (without the leading '?').
    public init<S: StringProtocol>(rawQuery: S) {
        items = []
        if rawQuery.isEmpty { return }
        for part in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring.SubSequence
            let value: Substring.SubSequence
            let sub = Substring(part)
            if let eq = sub.firstIndex(of: "=") {
                name = sub[..<eq]; value = sub[sub.index(after: eq)...]
            } else {
                name = sub; value = ""
            }
            let n = PercentDecoding.decode(name, plusAsSpace: true) ?? String(name)
            let v = PercentDecoding.decode(value, plusAsSpace: true) ?? String(value)
            items.append((n, v))
        }
    }

    /// The first value of `name`.
    public subscript(name: String) -> String? {
        for (n, v) in items where n == name { return v }
        return nil
    }

    /// Every value of `name`, in order.
    public func all(_ name: String) -> [String] { items.filter { $0.0 == name }.map { $0.1 } }

    public var isEmpty: Bool { items.isEmpty }

    public func makeIterator() -> IndexingIterator<[(String, String)]> { items.makeIterator() }
}

/// RFC 3986 percent-decoding to UTF-8.
public enum PercentDecoding {
    /// Decodes `%XX` escapes (and '+' when `plusAsSpace`). Nil when an escape is malformed
    /// or the result is not valid UTF-8.
    public static func decode<S: StringProtocol>(_ s: S, plusAsSpace: Bool) -> String? {
        let utf8 = s.utf8
        var needs = false
        for b in utf8 where b == UInt8(ascii: "%") || (plusAsSpace && b == UInt8(ascii: "+")) { needs = true; break }
        if !needs { return String(s) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var it = utf8.makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "%") {
                guard let h = it.next(), let l = it.next(), let hv = hexValue(h), let lv = hexValue(l) else { return nil }
                out.append(hv << 4 | lv)
            } else if plusAsSpace && b == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else {
                out.append(b)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
