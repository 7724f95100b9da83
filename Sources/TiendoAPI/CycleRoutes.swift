// The reporting-cycle routes of issue 14: the working-day calendar, what a unit
// must report (agenda), the chase list (reminders) and per-unit calendar feeds.
// Registered by makeApplication with one call, so they live apart from the rest.

import TiendoHTTP
import TiendoStore

func addCycleRoutes(_ router: Router, _ ctx: APIContext) {
    let b = apiBase
    let store = ctx.store
    func read(_ pattern: String, _ handler: @escaping @Sendable (HTTPRequest, RouteParameters) throws -> HTTPResponse) {
        router.add(.get, pattern) { req, p in try store.read { _ in try handler(req, p) } }
    }
    read("\(b)/holidays/{year}") { req, p in try ctx.getHolidays(req, p) }
    router.add(.put, "\(b)/holidays/{year}") { req, p in try ctx.putHolidays(req, p) }
    read("\(b)/units/{id}/agenda") { req, p in try ctx.agenda(req, p) }
    read("\(b)/plans/{id}/reminders") { req, p in try ctx.reminders(req, p) }
    router.add(.post, "\(b)/units/{id}/calendar-feed") { req, p in try ctx.createCalendarFeed(req, p) }
    router.add(.delete, "\(b)/units/{id}/calendar-feed") { req, p in try ctx.deleteCalendarFeed(req, p) }
    // Outside /api/v1: the URL a calendar app subscribes to, `{feed}` = "<secret>.ics".
    router.add(.get, "/calendar/{feed}") { req, p in try ctx.calendarFeed(req, p) }
}
