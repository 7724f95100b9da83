// GET /holidays/{year} (any caller), PUT /holidays/{year} (admin: replaces the year).

import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// Years the calendar accepts: wide enough for any plan, narrow enough to stay meaningful.
let holidayYears = 1990...2100

func holidayJSON(_ h: Holiday) -> JSON {
    .obj([("date", h.date.json), ("weekday", .num(h.date.weekday.rawValue)), ("kind", .string(h.kind.rawValue)),
          ("name", .string(h.name)), ("source", .string(h.source.rawValue))])
}

extension APIContext {
    func holidayYear(_ params: RouteParameters) throws -> Int {
        let text = params["year"] ?? ""
        guard text.utf8.count == 4, let y = Int(text), holidayYears.contains(y) else {
            throw Problem.notFound("holiday calendar for year", text)
        }
        return y
    }

    func holidaysAnswer(year: Int, _ entries: [Holiday]) -> HTTPResponse {
        jsonResponse(200, .obj([("year", .num(year)), ("items", .array(entries.map(holidayJSON))),
                                ("days_off", .num(entries.filter { $0.kind == .dayOff }.count)),
                                ("working_days", .num(entries.filter { $0.kind == .workingDay }.count)),
                                ("total", .num(entries.count))]))
    }

    func getHolidays(_ context: RequestContext) throws -> HTTPResponse {
        let params = context.parameters
        let year = try holidayYear(params)
        return holidaysAnswer(year: year, try store.read { try HolidayStore.year(year, in: $0) })
    }

    func putHolidays(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireAdmin(principal)
        let year = try holidayYear(params)
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        let raw = body.array("items", required: true, maxCount: 200)
        body.finish()
        var entries: [Holiday] = []
        var seen: Set<CivilDate> = []
        for (i, value) in (raw ?? []).enumerated() {
            guard let r = ObjectReader.make(value, path: "items[\(i)]", issues: list) else { continue }
            let date = r.date("date", required: true)
            let kind = r.oneOf("kind", Holiday.Kind.allCases.map(\.rawValue))
            let name = r.string("name", required: true, maxLength: 200)
            let source = r.oneOf("source", Holiday.Source.allCases.map(\.rawValue))
            r.finish()
            let k = kind.flatMap(Holiday.Kind.init(rawValue:)) ?? .dayOff
            if let date {
                if date.year != year {
                    list.add(r.field("date"), "holiday_wrong_year", "\(date) is not in \(year).")
                } else if !seen.insert(date).inserted {
                    list.add(r.field("date"), "holiday_duplicate_date", "\(date) is listed twice.")
                } else if k == .workingDay, !date.isWeekend {
                    list.add(r.field("kind"), "holiday_working_day_not_weekend",
                             "\(date) is a weekday: only a Saturday or Sunday can be marked working_day (a swapped day).")
                }
            }
            if let date, let name {
                entries.append(Holiday(date: date, kind: k, name: name, source: source.flatMap(Holiday.Source.init(rawValue:)) ?? .decision))
            }
        }
        guard list.isEmpty else { throw Problem.validation(list.items) }
        entries.sort { $0.date < $1.date }
        let stored = entries
        try store.write { c in try HolidayStore.replace(year: year, with: stored, in: c) }
        return holidaysAnswer(year: year, stored)
    }
}
