// The reporting-cycle routes of issue 14: the working-day calendar, what a unit
// must report (agenda), the chase list (reminders) and per-unit calendar feeds.
// Registered by makeApplication with one call, so they live apart from the rest.

import TiendoHTTP
import TiendoStore

func addCycleRoutes(_ router: Router, _ ctx: APIContext) {
    let b = apiBase
    let store = ctx.store
    /// One read transaction for the authentication and the answer (see makeApplication).
    func read(_ pattern: String, _ handler: @escaping APIContext.AuthenticatedHandler) {
        let handler = ctx.authenticated(handler)
        router.add(.get, pattern) { req, p in try store.read { _ in try handler(req, p) } }
    }
    read("\(b)/holidays/{year}") { try ctx.getHolidays($0) }
    router.add(.put, "\(b)/holidays/{year}", ctx.authenticated { try ctx.putHolidays($0) })
    read("\(b)/units/{id}/agenda") { try ctx.agenda($0) }
    read("\(b)/plans/{id}/reminders") { try ctx.reminders($0) }
    router.add(.post, "\(b)/units/{id}/calendar-feed", ctx.authenticated { try ctx.createCalendarFeed($0) })
    router.add(.delete, "\(b)/units/{id}/calendar-feed", ctx.authenticated { try ctx.deleteCalendarFeed($0) })
    // Outside /api/v1: the URL a calendar app subscribes to, `{feed}` = "<secret>.ics".
    router.add(.get, "/calendar/{feed}") { req, p in try ctx.calendarFeed(req, p) }
}
