// RFC 3339 timestamps, stored and returned in the fixed UTC form
// `YYYY-MM-DDTHH:MM:SSZ` (text order = time order, which the as_of queries use).

import Foundation
import TiendoDomain

public enum Timestamp {
    /// `2022-06-14T02:10:00Z` (whole seconds, UTC).
    public static func format(_ date: Date) -> String {
        let secs = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = secs >= 0 ? secs / 86_400 : -((-secs + 86_399) / 86_400)
        let rem = Int(secs - days * 86_400)
        let d = CivilDate(daysSinceEpoch: Int(days))
        func p2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(d)T\(p2(rem / 3600)):\(p2(rem / 60 % 60)):\(p2(rem % 60))Z"
    }

    /// Parses RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t`/`z`/space tolerated.
    public static func parse(_ text: String) -> Date? {
        let u = Array(text.utf8)
        guard u.count >= 20 else { return nil }
        guard let day = CivilDate(String(decoding: u[0..<10], as: UTF8.self)) else { return nil }
        guard u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: "t") || u[10] == UInt8(ascii: " ") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= u.count else { return nil }
            var v = 0
            for i in r { guard u[i] >= 48, u[i] <= 57 else { return nil }; v = v * 10 + Int(u[i] - 48) }
            return v
        }
        guard let hh = num(11..<13), u[13] == UInt8(ascii: ":"), let mm = num(14..<16), u[16] == UInt8(ascii: ":"),
              let ss = num(17..<19), hh < 24, mm < 60, ss < 61 else { return nil }
        var i = 19
        var fraction = 0.0
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            let s = i
            while i < u.count, u[i] >= 48, u[i] <= 57 { fraction += Double(u[i] - 48) * scale; scale /= 10; i += 1 }
            guard i > s else { return nil }
        }
        guard i < u.count else { return nil }
        var offset = 0
        if u[i] == UInt8(ascii: "Z") || u[i] == UInt8(ascii: "z") {
            i += 1
        } else if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
            let sign = u[i] == UInt8(ascii: "+") ? 1 : -1
            guard let oh = num(i + 1..<i + 3), i + 3 < u.count, u[i + 3] == UInt8(ascii: ":"), let om = num(i + 4..<i + 6),
                  oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
            i += 6
        } else { return nil }
        guard i == u.count else { return nil }
        let secs = Double(day.daysSinceEpoch) * 86_400 + Double(hh * 3600 + mm * 60 + min(ss, 59)) - Double(offset) + fraction
        return Date(timeIntervalSince1970: secs)
    }

    /// The exclusive upper bound, as stored text, of everything received on or
    /// before the local (UTC+7) day `day`: 24:00 +07 of that day.
    public static func endOfLocalDay(_ day: CivilDate) -> String {
        format(VietnamTime.endOfDay(day))
    }
}
