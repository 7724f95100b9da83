// Routes and hooks of issue 15: token management, /metrics, and the token check made
// before `100 Continue`. Registered by `makeApplication` in one call.

import TiendoHTTP

func registerReliabilityRoutes(_ router: Router, _ ctx: APIContext) {
    let b = apiBase
    router.add(.post, "\(b)/tokens", ctx.authenticated { try ctx.createToken($0) })
    router.add(.get, "\(b)/tokens", ctx.authenticated { try ctx.listTokens($0) })
    router.add(.delete, "\(b)/tokens/{id}", ctx.authenticated { try ctx.revokeToken($0) })
    router.add(.get, "/metrics") { [unowned router] req, _ in try ctx.metrics(req, router: router) }
    router.setContinueCheck { head in ctx.checkBeforeContinue(head) }
}

extension APIContext {
    /// Before a body is invited: an API request whose token fails (401, or 429 from the brake)
    /// is answered now, so an unauthenticated client cannot make the server read its body.
    func checkBeforeContinue(_ head: HTTPRequest) -> HTTPResponse? {
        let p = head.path
        guard p.hasPrefix(apiBase + "/"), p != "\(apiBase)/health", p != "\(apiBase)/ready" else { return nil }
        do {
            _ = try authenticate(head)
            return nil
        } catch let problem as Problem {
            return problem.response
        } catch {
            return nil   // the database did not answer: let the handler say so
        }
    }
}
