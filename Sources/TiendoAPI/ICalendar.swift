// iCalendar (RFC 5545) output for the per-unit calendar feeds: content lines
// ended by CRLF, folded so no line exceeds 75 octets (never inside a UTF-8
// sequence), TEXT values escaped (backslash, semicolon, comma, newline).

import Foundation
import TiendoDomain
import TiendoStore

/// One all-day event with a reminder `alarmDaysBefore` days ahead.
struct CalendarEvent: Sendable, Equatable {
    /// Stable across feeds and restarts, so calendar apps update rather than duplicate.
    var uid: String
    var date: CivilDate
    var summary: String
    var description: String
    var alarmDaysBefore: Int = 3
}

enum ICalendar {
    static let maxOctets = 75

    /// RFC 5545 §3.3.11 TEXT escaping: `\` `;` `,` and line breaks (CRLF, CR or LF → `\n`).
    static func escapeText(_ s: String) -> String {
        var out = ""
        var previousCR = false
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousCR { out += "\\n" }
            default:
                // Other controls are not allowed in TEXT (§3.3.11): drop them.
                if u.value < 0x20 && u != "\t" || u.value == 0x7F { break }
                out.unicodeScalars.append(u)
            }
            previousCR = u == "\r"
        }
        return out
    }

    /// One content line, folded (§3.1): at most 75 octets per physical line, the
    /// continuation lines starting with a space (which counts toward their 75); a break
    /// never falls inside a UTF-8 sequence. Ends with CRLF.
    static func fold(_ line: String) -> [UInt8] {
        let bytes = Array(line.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 70 * 3 + 2)
        var i = 0
        var limit = maxOctets
        while i < bytes.count {
            var end = min(i + limit, bytes.count)
            // Back up over continuation bytes (10xxxxxx) so the cut is at a character start.
            while end < bytes.count, end > i, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            if end == i { end = min(i + limit, bytes.count) } // unreachable for valid UTF-8
            if i > 0 { out += [0x0D, 0x0A, 0x20] }
            out += bytes[i..<end]
            i = end
            limit = maxOctets - 1
        }
        out += [0x0D, 0x0A]
        return out
    }

    static func date(_ d: CivilDate) -> String {
        d.description.replacingOccurrences(of: "-", with: "")
    }

    /// `YYYYMMDDTHHMMSSZ`.
    static func utcStamp(_ t: Date) -> String {
        Timestamp.format(t).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }

    /// A whole VCALENDAR with `events`, UTF-8.
    static func render(name: String, events: [CalendarEvent], stamp: Date) -> [UInt8] {
        var out: [UInt8] = []
        func line(_ s: String) { out += fold(s) }
        line("BEGIN:VCALENDAR")
        line("VERSION:2.0")
        line("PRODID:-//Tien do//Lich bao cao//VI")
        line("CALSCALE:GREGORIAN")
        line("METHOD:PUBLISH")
        line("X-WR-CALNAME:" + escapeText(name))
        line("X-WR-TIMEZONE:Asia/Ho_Chi_Minh")
        let dtstamp = utcStamp(stamp)
        for e in events {
            line("BEGIN:VEVENT")
            line("UID:" + e.uid)
            line("DTSTAMP:" + dtstamp)
            line("DTSTART;VALUE=DATE:" + date(e.date))
            line("DTEND;VALUE=DATE:" + date(e.date.adding(days: 1)))
            line("SUMMARY:" + escapeText(e.summary))
            line("DESCRIPTION:" + escapeText(e.description))
            line("TRANSP:TRANSPARENT")
            line("BEGIN:VALARM")
            line("ACTION:DISPLAY")
            line("TRIGGER:-P\(e.alarmDaysBefore)D")
            line("DESCRIPTION:" + escapeText(e.summary))
            line("END:VALARM")
            line("END:VEVENT")
        }
        line("END:VCALENDAR")
        return out
    }
}
