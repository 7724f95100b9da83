import Foundation

/// RFC 3339 timestamps without `DateFormatter` or the host's time zone.
/// Output is always UTC with `Z` (SPEC: "Timestamps are stored and returned in UTC").
public enum RFC3339 {
    /// `2022-06-14T02:10:00Z`; with `fractionalDigits` (1–9) `…:00.123Z` (truncated).
    public static func format(_ date: Date, fractionalDigits: Int = 0) -> String {
        let t = date.timeIntervalSince1970
        let whole = Int64(t.rounded(.down))
        var secs = whole % 86_400
        var days = whole / 86_400
        if secs < 0 { secs += 86_400; days -= 1 }
        let d = CivilDate(daysSinceEpoch: Int(days))
        // Digits into a fixed buffer: string interpolation of six pieces cost thousands of
        // instructions per timestamp, and answers format one per late report.
        var s = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { b -> String in
            d.writeDigits(into: b)
            func two(_ at: Int, _ v: Int64) { b[at] = UInt8(48 + v / 10); b[at + 1] = UInt8(48 + v % 10) }
            b[10] = UInt8(ascii: "T"); b[13] = UInt8(ascii: ":"); b[16] = UInt8(ascii: ":")
            two(11, secs / 3600); two(14, secs % 3600 / 60); two(17, secs % 60)
            return String(decoding: UnsafeBufferPointer(rebasing: b[0..<19]), as: UTF8.self)
        }
        if fractionalDigits > 0 {
            let n = Swift.min(fractionalDigits, 9)
            var scale: Double = 1
            for _ in 0..<n { scale *= 10 }
            let frac = Int64(((t - Double(whole)) * scale).rounded(.down))
            var digits = String(frac)
            digits = String(repeating: "0", count: Swift.max(0, n - digits.count)) + digits
            s += "." + digits
        }
        return s + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; `t`/`z` and a space for `T`
    /// accepted; leap second 60 rejected. `nil` for anything else.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// The same parse over UTF-8 bytes, without copying them (it runs per stored report).
    public static func parse(utf8 u: UnsafeBufferPointer<UInt8>) -> Date? {
        guard u.count >= 20 else { return nil }
        if u.count == 20, u[19] == UInt8(ascii: "Z") { return parseStored(u) }
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= u.count else { return nil }
            var v = 0
            for i in r { guard u[i] >= 48, u[i] <= 57 else { return nil }; v = v * 10 + Int(u[i] - 48) }
            return v
        }
        guard let date = CivilDate(utf8: UnsafeBufferPointer(rebasing: u[0..<10])),
              [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(u[10]),
              u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"),
              let hh = num(11..<13), let mm = num(14..<16), let ss = num(17..<19),
              hh < 24, mm < 60, ss < 60 else { return nil }
        var i = 19
        var frac = 0.0
        if u[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            let start = i
            while i < u.count, u[i] >= 48, u[i] <= 57 { frac += Double(u[i] - 48) * scale; scale /= 10; i += 1 }
            guard i > start else { return nil }
        }
        guard i < u.count else { return nil }
        var offset = 0
        if u[i] == UInt8(ascii: "Z") || u[i] == UInt8(ascii: "z") {
            guard i + 1 == u.count else { return nil }
        } else if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
            guard i + 6 == u.count, u[i + 3] == UInt8(ascii: ":"),
                  let oh = num((i + 1)..<(i + 3)), let om = num((i + 4)..<(i + 6)), oh < 24, om < 60 else { return nil }
            offset = (oh * 3600 + om * 60) * (u[i] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        let secs = Int64(date.daysSinceEpoch) * 86_400 + Int64(hh * 3600 + mm * 60 + ss) - Int64(offset)
        return Date(timeIntervalSince1970: Double(secs) + frac)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` exactly, as the store writes every timestamp: the same answer as the
    /// general parse, in a fifth of its instructions (a computed summary parses one per pair).
    static func parseStored(_ u: UnsafeBufferPointer<UInt8>) -> Date? {
        var digits = true
        @inline(__always) func digit(_ i: Int) -> Int {
            let d = Int(u[i]) &- 48
            if d < 0 || d > 9 { digits = false }
            return d
        }
        @inline(__always) func two(_ i: Int) -> Int { digit(i) * 10 + digit(i + 1) }
        guard u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"), u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"),
              u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: "t") || u[10] == UInt8(ascii: " ") else { return nil }
        let year = two(0) * 100 + two(2), month = two(5), day = two(8), hh = two(11), mm = two(14), ss = two(17)
        guard digits, hh < 24, mm < 60, ss < 60,
              let date = CivilDate(year: year, month: month, day: day) else { return nil }
        return Date(timeIntervalSince1970: Double(Int64(date.daysSinceEpoch) * 86_400 + Int64(hh * 3600 + mm * 60 + ss)))
    }
}
