// POST/DELETE /units/{id}/calendar-feed and GET /calendar/{secret}.ics: a unit's
// report due days and task deadlines as an iCalendar feed. Calendar apps cannot
// send an Authorization header, so the URL carries a secret; only its SHA-256 is
// stored, and a new one (or DELETE) revokes the old URL.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension APIContext {
    /// Aggregators and admins for any unit; a reporter for its own unit only.
    func feedTarget(_ context: RequestContext) throws -> (Principal, String) {
        let (params, principal) = (context.parameters, context.principal)
        let unitID = params["id"] ?? ""
        if !principal.canManage { try requireOwnUnit(principal, unitID) }
        guard try store.read({ try UnitStore.exists(unitID, in: $0) }) else { throw Problem.notFound("unit", unitID) }
        return (principal, unitID)
    }

    func createCalendarFeed(_ context: RequestContext) throws -> HTTPResponse {
        let (principal, unitID) = try feedTarget(context)
        let secret = TokenService.generate().replacingOccurrences(of: "td_", with: "")
        let createdAt = nowText
        try store.write { c in
            try CalendarFeedStore.put(unitID: unitID, secretHash: SHA256.hex(Array(secret.utf8)), createdAt: createdAt,
                                      createdBy: principal.tokenID, in: c)
        }
        let url = "/calendar/\(secret).ics"
        return jsonResponse(201, .obj([("unit_id", .string(unitID)), ("url", .string(url))]),
                            headers: [("Location", url), ("Cache-Control", "no-store")])
    }

    func deleteCalendarFeed(_ context: RequestContext) throws -> HTTPResponse {
        let (_, unitID) = try feedTarget(context)
        guard try store.write({ try CalendarFeedStore.delete(unitID: unitID, in: $0) }) else {
            throw Problem.notFound("calendar feed for unit", unitID)
        }
        return HTTPResponse(status: 204)
    }

    /// No Authorization: the secret in the path is the credential. Unknown or revoked: 404.
    func calendarFeed(_ req: HTTPRequest, _ params: RouteParameters) throws -> HTTPResponse {
        let name = params["feed"] ?? ""
        guard name.hasSuffix(".ics"), name.utf8.count == 64 + 4 else { throw Problem.notFound("calendar", "") }
        let secret = String(name.dropLast(4))
        let today = self.today
        let stamp = now
        return try store.read { c in
            guard let unitID = try CalendarFeedStore.unit(secretHash: SHA256.hex(Array(secret.utf8)), in: c),
                  let unit = try UnitStore.get(unitID, in: c) else { throw Problem.notFound("calendar", "") }
            var events: [CalendarEvent] = []
            for plan in try PlanStore.all(in: c) {
                guard let (snap, _) = try planSnapshot(plan.id, c), snap.involves(unitID) else { continue }
                events += calendarEvents(unitID: unitID, snap, today: today)
            }
            events.sort { ($0.date, $0.uid) < ($1.date, $1.uid) }
            var r = HTTPResponse(status: 200, headers: ["Content-Type": "text/calendar; charset=utf-8"],
                                 body: ICalendar.render(name: "Tiến độ — \(unit.name)", events: events, stamp: stamp))
            r.headers.set("Cache-Control", "private, max-age=300")
            return r
        }
    }

    /// The unit's events in one plan: each period's report due day (through a year ahead, or
    /// the plan's closing day) for the tasks it leads or helps with, and each dated task
    /// deadline (the current one, after extensions).
    func calendarEvents(unitID: String, _ snap: PlanSnapshot, today: CivilDate) -> [CalendarEvent] {
        let plan = snap.plan
        let leads = snap.tasks.filter { snap.lead($0).contains(unitID) }
        let helps = snap.tasks.filter { !snap.lead($0).contains(unitID) && snap.coordinating($0).contains(unitID) }
        guard !leads.isEmpty || !helps.isEmpty else { return [] }
        var out: [CalendarEvent] = []
        let horizon = plan.status == .closed ? (plan.closedOn ?? today) : today.adding(days: 366)
        func titles(_ tasks: [TaskRecord]) -> String { tasks.map { "- " + $0.title }.joined(separator: "\n") }
        var what = ""
        if !leads.isEmpty { what += "Nhiệm vụ chủ trì:\n" + titles(leads) }
        if !helps.isEmpty { what += (what.isEmpty ? "" : "\n") + "Nhiệm vụ phối hợp:\n" + titles(helps) }
        for info in plan.schedule.periods(issuedOn: plan.issuedOn, through: horizon) where info.expectsReports {
            var note = "Kế hoạch \(plan.number): báo cáo kết quả khắc phục kỳ \(info.period) gửi \(snap.units.byID[plan.aggregatorID]?.name ?? plan.aggregatorID)."
            if info.dueOn != info.nominalDueOn { note += "\nHạn theo kế hoạch \(vietnameseDate(info.nominalDueOn)) là ngày nghỉ, lùi sang ngày làm việc tiếp theo." }
            out.append(CalendarEvent(uid: "report-\(plan.id)-\(info.period)-\(unitID)@tiendo",
                                     date: info.dueOn, summary: "Hạn báo cáo \(info.period) — \(plan.number)",
                                     description: note + "\n" + what))
        }
        for t in leads + helps {
            let current = snap.domainExtensions(t).last?.deadline ?? snap.deadline(t)
            guard let written = current.dueOn else { continue }
            let due = plan.schedule.calendar.effectiveDay(written, rule: plan.schedule.workingDays)
            let role = snap.lead(t).contains(unitID) ? "chủ trì" : "phối hợp"
            out.append(CalendarEvent(uid: "task-\(t.id)-\(unitID)@tiendo", date: due,
                                     summary: "Hạn hoàn thành nhiệm vụ — \(plan.number)",
                                     description: "\(t.title)\nĐơn vị \(role). Thời gian: \(current.phrase ?? vietnameseDate(written))."))
        }
        return out
    }
}

/// `15/3/2025`, as Vietnamese documents print a date.
func vietnameseDate(_ d: CivilDate) -> String { "\(d.day)/\(d.month)/\(d.year)" }
