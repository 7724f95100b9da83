// RFC 3339 timestamps, stored and returned in the fixed UTC form
// `YYYY-MM-DDTHH:MM:SSZ` (text order = time order, which the as_of queries use).
// The parsing and formatting are the domain's `RFC3339`; this names the stored form.

import Foundation
import TiendoDomain

public enum Timestamp {
    /// `2022-06-14T02:10:00Z` (whole seconds, UTC).
    public static func format(_ date: Date) -> String { RFC3339.format(date) }

    /// Parses RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t`/`z`/space tolerated.
    public static func parse(_ text: String) -> Date? { RFC3339.parse(text) }

    /// The exclusive upper bound, as stored text, of everything received on or
    /// before the local (UTC+7) day `day`: 24:00 +07 of that day.
    public static func endOfLocalDay(_ day: CivilDate) -> String {
        format(VietnamTime.endOfDay(day))
    }
}
