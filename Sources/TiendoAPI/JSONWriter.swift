// JSON text written straight into bytes, for the computed answers (summary,
// compliance): building them as a `JSON` tree first, then writing and freeing
// the tree, was a third of a computed summary's instructions (callgrind, issue 11).
// The bytes are exactly those `JSON.write` gives for the same values in the same
// order, so an answer written either way is the same answer (JSONWriterTests).

import TiendoDomain

struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next key or value needs a comma before it.
    private var comma = false

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    private mutating func separate() {
        if comma { bytes.append(UInt8(ascii: ",")) }
    }

    /// `{`, what `body` writes (keys and values), `}`.
    mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        separate()
        bytes.append(UInt8(ascii: "{"))
        comma = false
        try body(&self)
        bytes.append(UInt8(ascii: "}"))
        comma = true
    }

    /// `[`, what `body` writes (values), `]`.
    mutating func array(_ body: (inout JSONWriter) throws -> Void) rethrows {
        separate()
        bytes.append(UInt8(ascii: "["))
        comma = false
        try body(&self)
        bytes.append(UInt8(ascii: "]"))
        comma = true
    }

    /// A key written in the code: distinct ASCII needing no escape, as `JSON.fields` takes them.
    mutating func key(_ k: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        comma = false
    }

    /// A key from data (escaped as any string).
    mutating func key(_ k: String) {
        separate()
        JSON.writeString(k, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        comma = false
    }

    /// A value, as `JSON.write` writes it.
    mutating func value(_ v: JSON) {
        separate()
        v.write(into: &bytes)
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
        JSON.writeString(s, into: &bytes)
        comma = true
    }

    mutating func int(_ i: Int) {
        separate()
        JSON.writeInteger(Int64(i), into: &bytes)
        comma = true
    }

    /// A day as `CivilDate.json` gives it: "YYYY-MM-DD".
    mutating func date(_ d: CivilDate) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: d.description.utf8)
        bytes.append(UInt8(ascii: "\""))
        comma = true
    }

    mutating func date(_ k: StaticString, _ d: CivilDate) {
        key(k)
        date(d)
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
