/// Ordered header fields as (name, value) pairs. Lookup ignores ASCII case in names;
/// the spelling of names is kept as given.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    public typealias Element = (name: String, value: String)
    @usableFromInline var fields: [Element]

    public init() { fields = [] }
    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { (name: $0.0, value: $0.1) }
    }
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }

    /// The first value of `name`, or nil.
    public subscript(name: String) -> String? {
        for f in fields where HTTPHeaders.equalsIgnoringCase(f.name, name) { return f.value }
        return nil
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        var out: [String] = []
        for f in fields where HTTPHeaders.equalsIgnoringCase(f.name, name) { out.append(f.value) }
        return out
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Appends a field (keeps any existing ones).
    public mutating func add(_ name: String, _ value: String) { fields.append((name: name, value: value)) }

    /// Replaces every field named `name` with one field.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        fields.append((name: name, value: value))
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { HTTPHeaders.equalsIgnoringCase($0.name, name) }
    }

    /// The comma-separated tokens of every `name` field, lower-cased and trimmed
    /// (for list-valued headers such as `Connection` and `Transfer-Encoding`).
    public func tokens(_ name: String) -> [String] {
        var out: [String] = []
        for v in values(name) {
            for part in v.split(separator: ",") {
                let t = part.trimmingASCIIWhitespace().lowercasedASCII()
                if !t.isEmpty { out.append(t) }
            }
        }
        return out
    }

    public func makeIterator() -> IndexingIterator<[Element]> { fields.makeIterator() }

    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    @inlinable
    static func equalsIgnoringCase(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { ua in
            b.withUTF8 { ub in
                guard ua.count == ub.count else { return false }
                for i in 0..<ua.count {
                    let x = ua[i], y = ub[i]
                    if x == y { continue }
                    if (x | 0x20) != (y | 0x20) { return false }
                    let l = x | 0x20
                    if l < UInt8(ascii: "a") || l > UInt8(ascii: "z") { return false }
                }
                return true
            }
        }
    }
}

extension Substring {
    func trimmingASCIIWhitespace() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}

extension StringProtocol {
    func lowercasedASCII() -> String {
        var bytes = Array(self.utf8)
        for i in bytes.indices where bytes[i] >= 65 && bytes[i] <= 90 { bytes[i] |= 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
