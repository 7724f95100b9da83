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
