// JSON text written straight into bytes, for the computed answers (summary,
// compliance): building them as a `JSON` tree first, then writing and freeing
// the tree, was a third of a computed summary's instructions (callgrind, issue 11).
// The bytes are exactly those `JSON.write` gives for the same values in the same
// order, so an answer written either way is the same answer (JSONWriterTests).
// It writes into a buffer of its own rather than an Array: an answer is thousands
// of appends of a few bytes, and Array's checks on each were most of the rest.

import Foundation
import TiendoDomain

/// Growable bytes behind a JSONWriter (a class only to free them).
private final class ByteBuffer {
    var base: UnsafeMutablePointer<UInt8>
    var count = 0
    var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always) func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        var c = capacity * 2
        while count + n > c { c *= 2 }
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        b.update(from: base, count: count)
        base.deallocate()
        base = b
        capacity = c
    }

    @inline(__always) func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always) func append(_ bytes: UnsafeRawBufferPointer) {
        guard let p = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        UnsafeMutableRawPointer(base + count).copyMemory(from: p, byteCount: bytes.count)
        count += bytes.count
    }

    @inline(__always) func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let p = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: p, count: bytes.count)
        count += bytes.count
    }
}

struct JSONWriter {
    private let buffer: ByteBuffer
    /// Whether the next key or value needs a comma before it.
    private var comma = false

    init(capacity: Int = 1024) { buffer = ByteBuffer(capacity: capacity) }

    /// What has been written.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: buffer.base, count: buffer.count)) }

    @inline(__always) private mutating func separate() {
        if comma { buffer.append(UInt8(ascii: ",")) }
    }

    /// `{`, what `body` writes (keys and values), `}`.
    mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        try container(UInt8(ascii: "{"), UInt8(ascii: "}"), body)
    }

    /// `[`, what `body` writes (values), `]`.
    mutating func array(_ body: (inout JSONWriter) throws -> Void) rethrows {
        try container(UInt8(ascii: "["), UInt8(ascii: "]"), body)
    }

    private mutating func container(_ open: UInt8, _ close: UInt8, _ body: (inout JSONWriter) throws -> Void) rethrows {
        separate()
        buffer.append(open)
        comma = false
        try body(&self)
        buffer.append(close)
        comma = true
    }

    /// A key written in the code: distinct ASCII needing no escape, as `JSON.fields` takes them.
    mutating func key(_ k: StaticString) {
        separate()
        buffer.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { buffer.append($0) }
        buffer.append(UInt8(ascii: "\""))
        buffer.append(UInt8(ascii: ":"))
        comma = false
    }

    /// A key from data (escaped as any string).
    mutating func key(_ k: String) {
        separate()
        writeString(k)
        buffer.append(UInt8(ascii: ":"))
        comma = false
    }

    /// A value, as `JSON.write` writes it (`JSONWriterTests` holds the two together).
    mutating func value(_ v: JSON) {
        separate()
        switch v {
        case .null: literal("null")
        case .bool(let b): literal(b ? "true" : "false")
        case .int(let i): writeInteger(i)
        case .double(let d):
            if !d.isFinite { literal("null") }
            else if d == d.rounded(), abs(d) < 1e15 { writeInteger(Int64(d)) }
            else { var s = d.description; s.withUTF8 { buffer.append($0) } }
        case .string(let s): writeString(s)
        case .array, .object:
            var out: [UInt8] = []
            v.write(into: &out)
            out.withUnsafeBufferPointer { buffer.append($0) }
        }
        comma = true
    }

    mutating func field(_ k: StaticString, _ v: JSON) {
        key(k)
        value(v)
    }

    mutating func field(_ k: String, _ v: JSON) {
        key(k)
        value(v)
    }

    /// `fields` in order (keys from data, escaped).
    mutating func fields(_ fields: [(String, JSON)]) {
        for (k, v) in fields { field(k, v) }
    }

    mutating func string(_ s: String) {
        separate()
        writeString(s)
        comma = true
    }

    mutating func int(_ i: Int) {
        separate()
        writeInteger(Int64(i))
        comma = true
    }

    /// A day as `CivilDate.json` gives it: "YYYY-MM-DD".
    mutating func date(_ d: CivilDate) {
        separate()
        writeString(d.description)
        comma = true
    }

    mutating func date(_ k: StaticString, _ d: CivilDate) {
        key(k)
        date(d)
    }

    // MARK: the bytes of one value

    private func literal(_ s: StaticString) {
        s.withUTF8Buffer { buffer.append($0) }
    }

    /// `String(i)`'s digits.
    private func writeInteger(_ i: Int64) {
        JSON.withDigits(i) { buffer.append($0) }
    }

    /// A string as `JSON.writeString` writes it: most need no escape, and go in one copy.
    private func writeString(_ s: String) {
        var s = s
        let clean = s.withUTF8 { buf -> Bool in
            guard !JSON.needsEscape(buf) else { return false }
            buffer.append(UInt8(ascii: "\""))
            buffer.append(buf)
            buffer.append(UInt8(ascii: "\""))
            return true
        }
        guard !clean else { return }
        var out: [UInt8] = []
        JSON.writeString(s, into: &out)
        out.withUnsafeBufferPointer { buffer.append($0) }
    }
}

extension JSONWriter {
    /// What `body` writes between braces, as the fields of a `JSON` object: for the few callers
    /// that need the tree (CSV and xlsx exports, the scorecard), so each answer's fields are
    /// written in one place. Our own output always parses; an empty list if it ever did not.
    static func fields(_ body: (inout JSONWriter) throws -> Void) rethrows -> [(String, JSON)] {
        var w = JSONWriter(capacity: 256)
        try w.object(body)
        return (try? JSONParser.parse(w.bytes))?.objectValue?.pairs ?? []
    }
}
