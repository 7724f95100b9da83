// The working-day calendar (migrations/0009_reporting_cycle.sql): days off and
// swapped working Saturdays, a year at a time.

import TiendoDomain
import TiendoSQLite

public enum HolidayStore {
    static func record(_ r: Row) -> Holiday? {
        guard let date = r.date("day"), let kind = Holiday.Kind(rawValue: r.req("kind")) else { return nil }
        return Holiday(date: date, kind: kind, name: r.req("name"),
                       source: Holiday.Source(rawValue: r.string("source") ?? "") ?? .decision)
    }

    /// One year's entries, by date.
    public static func year(_ year: Int, in c: Connection) throws -> [Holiday] {
        try c.query("SELECT day, kind, name, source FROM holidays WHERE day BETWEEN ? AND ? ORDER BY day",
                    [.text(bound(year, "01-01")), .text(bound(year, "12-31"))]).compactMap(record)
    }

    /// Replaces one year's entries (call inside a write transaction).
    public static func replace(year: Int, with entries: [Holiday], in c: Connection) throws {
        try c.run("DELETE FROM holidays WHERE day BETWEEN ? AND ?", [.text(bound(year, "01-01")), .text(bound(year, "12-31"))])
        for h in entries {
            try c.run("INSERT INTO holidays (day, kind, name, source) VALUES (?, ?, ?, ?)",
                      [.text(h.date.description), .text(h.kind.rawValue), .text(nfc(h.name)), .text(h.source.rawValue)])
        }
    }

    /// Every entry, as the calendar the due-day rules use.
    public static func calendar(in c: Connection) throws -> HolidayCalendar {
        HolidayCalendar(try c.query("SELECT day, kind, name, source FROM holidays ORDER BY day").compactMap(record))
    }

    static func bound(_ year: Int, _ monthDay: String) -> String {
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + monthDay
    }
}
