// What a handler is given: its request, already routed and already authenticated. The
// routing layer (TiendoHTTP) knows nothing of principals, so the application builds this
// around each handler at registration (`authenticated`), once per request, before it runs.

import TiendoHTTP

struct RequestContext: Sendable {
    let request: HTTPRequest
    let parameters: RouteParameters
    /// The caller: a live bearer token's, or a signed-in browser's on a GET (`authenticate`).
    let principal: Principal

    /// The language the caller reads (`Accept-Language`); problems are rendered in it anyway.
    var language: Language { Language.preferred(by: request) }
}

extension APIContext {
    typealias AuthenticatedHandler = @Sendable (RequestContext) throws -> HTTPResponse
    typealias AuthenticatedWrite = @Sendable (RequestContext, @escaping @Sendable (HTTPResponse) -> Void) throws -> Void

    /// A route that needs a caller: 401 (or 429 from the brake) before `handler` runs.
    /// Routes registered without it are public (/health, /ready, /metrics' own rules,
    /// /calendar/{feed}, /problems/{code}, the pages and their session cookie).
    func authenticated(_ handler: @escaping AuthenticatedHandler) -> Router.SyncHandler {
        { [self] req, params in
            try handler(RequestContext(request: req, parameters: params, principal: try authenticate(req)))
        }
    }

    /// A read route (GET, and HEAD through it) that needs a caller: the authentication and the
    /// answer share one read transaction, so one snapshot answers the whole request and it
    /// takes one WAL read lock, not two.
    func addRead(_ router: Router, _ pattern: String, _ handler: @escaping AuthenticatedHandler) {
        let handler = authenticated(handler)
        router.add(.get, pattern) { [store] req, p in try store.read { _ in try handler(req, p) } }
    }

    /// A computed read (task status, summary, compliance: `computedAnswer`) that needs a caller.
    /// Not one transaction for the whole request, as `addRead`: the answer may be computed in a
    /// snapshot taken later, after the readers that share it have all arrived (AnswerFlights),
    /// which a request-wide transaction would pin to the snapshot of its arrival.
    func addComputedRead(_ router: Router, _ pattern: String, _ handler: @escaping AuthenticatedHandler) {
        router.add(.get, pattern, authenticated(handler))
    }

    /// The computed answers: a plan's summary and compliance, a task's status.
    func addComputedRoutes(_ router: Router, base b: String) {
        addComputedRead(router, "\(b)/plans/{id}/summary") { [self] in try summary($0) }
        addComputedRead(router, "\(b)/plans/{id}/compliance") { [self] in try compliance($0) }
        addComputedRead(router, "\(b)/tasks/{id}") { [self] in try getTask($0) }
    }

    /// A callback route (a group-committed write) that needs a caller; any failure, the
    /// authentication's included, answers the request.
    func authenticated(_ handler: @escaping AuthenticatedWrite) -> Router.CallbackHandler {
        { [self] req, params, respond in
            guarded(respond) {
                try handler(RequestContext(request: req, parameters: params, principal: try authenticate(req)), respond)
            }
        }
    }
}
