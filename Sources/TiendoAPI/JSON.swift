// A small JSON value type with its own strict parser and a deterministic
// serializer. Written out (rather than JSONSerialization) so the API can tell
// invalid UTF-8 from invalid JSON, keep integers exact, see numbers that
// overflow, keep object key order in answers, and never escape "/".

public struct JSONObject: Sendable, Equatable {
    public private(set) var pairs: [(String, JSON)] = []

    public init() {}
    public init(_ pairs: [(String, JSON)]) {
        // Answers build thousands of objects from distinct ASCII keys: take the array as it is
        // when that holds (ASCII keys of different lengths differ, so few comparisons), else
        // add one by one, a repeated key keeping its first place and its last value.
        if JSONObject.distinctASCIIKeys(pairs) { self.pairs = pairs; return }
        for (k, v) in pairs { self[k] = v }
    }

    /// `pairs` as they are: for keys written in the code, distinct and ASCII (checked in debug
    /// builds) — the computed answers' thousands of small objects skip the check.
    init(literalKeys pairs: [(String, JSON)]) {
        assert(JSONObject.distinctASCIIKeys(pairs), "object keys must be distinct ASCII")
        self.pairs = pairs
    }

    static func distinctASCIIKeys(_ pairs: [(String, JSON)]) -> Bool {
        for i in pairs.indices {
            let k = pairs[i].0
            guard k.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
            let n = k.utf8.count
            for j in 0..<i where pairs[j].0.utf8.count == n && pairs[j].0 == k { return false }
        }
        return true
    }

    public var keys: [String] { pairs.map { $0.0 } }

    public subscript(key: String) -> JSON? {
        get { pairs.first(where: { $0.0 == key })?.1 }
        set {
            if let i = pairs.firstIndex(where: { $0.0 == key }) {
                if let newValue { pairs[i].1 = newValue } else { pairs.remove(at: i) }
            } else if let newValue {
                pairs.append((key, newValue))
            }
        }
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.pairs.count == b.pairs.count else { return false }
        for (k, v) in a.pairs where b[k] != v { return false }
        return true
    }
}

public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    public static func obj(_ pairs: [(String, JSON)]) -> JSON { .object(JSONObject(pairs)) }
    /// An object whose keys are written in the code (distinct ASCII: checked in debug builds only).
    static func fields(_ pairs: [(String, JSON)]) -> JSON { .object(JSONObject(literalKeys: pairs)) }
    public static func str(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }
    public static func num(_ d: Double?) -> JSON {
        guard let d else { return .null }
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return .int(Int64(d)) }
        return .double(d)
    }
    public static func num(_ i: Int?) -> JSON { i.map { .int(Int64($0)) } ?? .null }

    public var objectValue: JSONObject? { if case .object(let o) = self { return o }; return nil }
    public var arrayValue: [JSON]? { if case .array(let a) = self { return a }; return nil }
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d == d.rounded() && abs(d) < 9e15: return Int64(d)
        default: return nil
        }
    }
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
    public subscript(key: String) -> JSON? { objectValue?[key] }

    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    // MARK: serialization

    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out)
        return out
    }

    public var text: String { String(decoding: serialized(), as: UTF8.self) }

    /// Serialization with object keys sorted at every level: equal for equal JSON
    /// whatever the key order or spacing of the text it was read from.
    public func canonical() -> [UInt8] {
        var out: [UInt8] = []
        writeCanonical(into: &out)
        return out
    }

    func writeCanonical(into out: inout [UInt8]) {
        switch self {
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, (k, v)) in o.pairs.sorted(by: { $0.0 < $1.0 }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSON.writeString(k, into: &out)
                out.append(UInt8(ascii: ":"))
                v.writeCanonical(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                v.writeCanonical(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        default:
            write(into: &out)
        }
    }

    func write(into out: inout [UInt8]) {
        switch self {
        // Literals and integers go straight into `out`: a String and an Array per number were
        // most of the CPU of encoding a large answer (callgrind, a computed summary).
        case .null: JSON.writeLiteral("null", into: &out)
        case .bool(let b): JSON.writeLiteral(b ? "true" : "false", into: &out)
        case .int(let i): JSON.writeInteger(i, into: &out)
        case .double(let d):
            if !d.isFinite { JSON.writeLiteral("null", into: &out) }
            else if d == d.rounded(), abs(d) < 1e15 { JSON.writeInteger(Int64(d), into: &out) }
            else { out.append(contentsOf: Array("\(d)".utf8)) }
        case .string(let s): JSON.writeString(s, into: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                v.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, (k, v)) in o.pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSON.writeString(k, into: &out)
                out.append(UInt8(ascii: ":"))
                v.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeLiteral(_ s: StaticString, into out: inout [UInt8]) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// `String(i)`'s digits, without making the String.
    static func writeInteger(_ i: Int64, into out: inout [UInt8]) {
        withDigits(i) { out.append(contentsOf: $0) }
    }

    /// `String(i)`'s bytes, given to `body` from a buffer on the stack.
    static func withDigits<T>(_ i: Int64, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        var v = i.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: a sign and a magnitude's 20 digits
        return withUnsafeMutableBytes(of: &digits) { buf in
            var n = buf.count
            repeat {
                n -= 1
                buf[n] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            } while v > 0
            if i < 0 { n -= 1; buf[n] = UInt8(ascii: "-") }
            return body(UnsafeRawBufferPointer(rebasing: buf[n...]))
        }
    }

    /// Whether any byte is a control character, `"` or `\\`: eight bytes at a time (the answers'
    /// strings are scanned byte by byte otherwise, most of the cost of writing them).
    static func needsEscape(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buf.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        /// A high bit set in each byte of `x` that is zero (exact: no false positives).
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & ~highs) &+ ~highs) | x | ~highs) }
        var i = 0
        while i + 8 <= buf.count {
            let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            // Bytes below 0x20: their top three bits are all zero.
            let control = zeroBytes(x & (0xE0 * ones))
            if (control | zeroBytes(x ^ (0x22 * ones)) | zeroBytes(x ^ (0x5C * ones))) != 0 { return true }
            i += 8
        }
        while i < buf.count {
            let b = buf[i]
            if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return true }
            i += 1
        }
        return false
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: copy their bytes in one go (withUTF8 also serves the
        // small strings that have no contiguous storage of their own).
        var s = s
        if s.withUTF8({ buf -> Bool in
            guard !needsEscape(buf) else { return false }
            out.append(contentsOf: buf)
            return true
        }) {
            out.append(UInt8(ascii: "\""))
            return
        }
        let hex: StaticString = "0123456789abcdef"
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(b)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(b)
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                hex.withUTF8Buffer { h in out.append(h[Int(b >> 4)]); out.append(h[Int(b & 0xf)]) }
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

// MARK: parsing

public struct JSONParseError: Error, Sendable {
    public enum Kind: Sendable { case invalidUTF8, invalidJSON }
    public let kind: Kind
    public let message: String
}

public enum JSONParser {
    public static let maxDepth = 64

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSON {
        var start = 0
        // Tolerate a UTF-8 BOM (Excel-made files, PowerShell).
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        guard String(validating: bytes[start...], as: UTF8.self) != nil else {
            throw JSONParseError(kind: .invalidUTF8, message: "The request body is not valid UTF-8.")
        }
        var p = Parser(bytes: bytes, i: start)
        p.skipWS()
        let v = try p.value(depth: 0)
        p.skipWS()
        if p.i != bytes.count { throw p.fail("unexpected data after the JSON value") }
        return v
    }

    struct Parser {
        let bytes: [UInt8]
        var i: Int

        func fail(_ m: String) -> JSONParseError {
            JSONParseError(kind: .invalidJSON, message: "Invalid JSON at byte \(i): \(m).")
        }

        mutating func skipWS() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func literal(_ s: String, _ v: JSON) throws(JSONParseError) -> JSON {
            let u = Array(s.utf8)
            guard i + u.count <= bytes.count, Array(bytes[i..<i + u.count]) == u else { throw fail("unexpected token") }
            i += u.count
            return v
        }

        mutating func value(depth: Int) throws(JSONParseError) -> JSON {
            guard depth < JSONParser.maxDepth else { throw fail("nesting deeper than \(JSONParser.maxDepth)") }
            guard i < bytes.count else { throw fail("unexpected end of input") }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var o = JSONObject()
                var seen = Set<String>()
                skipWS()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
                while true {
                    skipWS()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
                    let k = try string()
                    if seen.contains(k) { throw fail("duplicate key \"\(k)\"") }
                    seen.insert(k)
                    skipWS()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                    i += 1
                    skipWS()
                    let v = try value(depth: depth + 1)
                    o[k] = v
                    skipWS()
                    guard i < bytes.count else { throw fail("unexpected end of input") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
                    throw fail("expected ',' or '}'")
                }
            case UInt8(ascii: "["):
                i += 1
                var a: [JSON] = []
                skipWS()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
                while true {
                    skipWS()
                    a.append(try value(depth: depth + 1))
                    skipWS()
                    guard i < bytes.count else { throw fail("unexpected end of input") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
                    throw fail("expected ',' or ']'")
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw fail("unexpected character")
            }
        }

        mutating func digits() -> Int {
            let s = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            return i - s
        }

        mutating func number() throws(JSONParseError) -> JSON {
            let start = i
            var integral = true
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count else { throw fail("bad number") }
            if bytes[i] == UInt8(ascii: "0") {
                i += 1
            } else if digits() == 0 { throw fail("bad number") }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                integral = false; i += 1
                if digits() == 0 { throw fail("bad number") }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                integral = false; i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                if digits() == 0 { throw fail("bad number") }
            }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if integral, let n = Int64(text) { return .int(n) }
            return .double(Double(text) ?? .infinity)
        }

        mutating func hex4() throws(JSONParseError) -> UInt32 {
            guard i + 4 <= bytes.count else { throw fail("bad \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw fail("bad \\u escape")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        mutating func string() throws(JSONParseError) -> String {
            i += 1 // opening quote
            var out: [UInt8] = []
            while true {
                guard i < bytes.count else { throw fail("unterminated string") }
                let c = bytes[i]
                if c == UInt8(ascii: "\"") { i += 1; break }
                if c < 0x20 { throw fail("control character in string") }
                if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
                i += 1
                guard i < bytes.count else { throw fail("unterminated string") }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800, scalar < 0xDC00 {
                        guard i + 2 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                            throw fail("lone surrogate in \\u escape")
                        }
                        i += 2
                        let low = try hex4()
                        guard low >= 0xDC00, low < 0xE000 else { throw fail("lone surrogate in \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00, scalar < 0xE000 {
                        throw fail("lone surrogate in \\u escape")
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw fail("bad \\u escape") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default: throw fail("bad escape")
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
