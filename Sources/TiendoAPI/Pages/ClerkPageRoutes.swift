// The page routes of the clerk's forms beyond the report form (issue 13): the
// correction of a sent report, the extension request and the aggregator's answer
// to it, the aggregator's review of a report, and the admin's tokens page. addPageRoutes calls this once.

import TiendoHTTP

enum ClerkPageRoutes {
    static let patterns: Set<String> = ["/tasks/{id}/correction", "/tasks/{id}/extension-request", "/extension-requests/{id}/decision",
                                         "/tokens", "/tokens/{id}/revoke", "/tasks/{id}/review"]
}

extension PageContext {
    func addClerkRoutes(_ router: Router) {
        router.add(.post, "/tasks/{id}/correction") { req, p in self.form(req) { v, f in try self.postCorrection(req, p, v, f) } }
        router.add(.post, "/tasks/{id}/review") { req, p in self.form(req) { v, f in try self.postReview(p, v, f) } }
        router.add(.post, "/tasks/{id}/extension-request") { req, p in self.form(req) { v, f in try self.postExtensionRequest(req, p, v, f) } }
        router.add(.get, "/tokens") { req, _ in self.page(req) { v in try self.tokensPage(v, notice: req.query["revoked"].flatMap { Int64($0) }.map { "Đã thu hồi mã \($0)." }) } }
        router.add(.post, "/tokens") { req, _ in self.form(req) { v, f in try self.postToken(v, f) } }
        router.add(.post, "/tokens/{id}/revoke") { req, p in self.form(req) { v, _ in try self.postRevokeToken(p, v) } }
        router.add(.post, "/extension-requests/{id}/decision") { req, p in self.form(req) { v, f in try self.postExtensionDecision(req, p, v, f) } }
    }
}
