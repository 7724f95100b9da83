// The page routes of the clerk's forms beyond the report form (issue 13): the
// correction of a sent report, the extension request, and the aggregator's
// answer to it. addPageRoutes calls this once.

import TiendoHTTP

enum ClerkPageRoutes {
    static let patterns: Set<String> = ["/tasks/{id}/correction", "/tasks/{id}/extension-request", "/extension-requests/{id}/decision"]
}

extension PageContext {
    func addClerkRoutes(_ router: Router) {
        router.add(.post, "/tasks/{id}/correction") { req, p in self.form(req) { v, f in try self.postCorrection(req, p, v, f) } }
        router.add(.post, "/tasks/{id}/extension-request") { req, p in self.form(req) { v, f in try self.postExtensionRequest(req, p, v, f) } }
        router.add(.post, "/extension-requests/{id}/decision") { req, p in self.form(req) { v, f in try self.postExtensionDecision(req, p, v, f) } }
    }
}
