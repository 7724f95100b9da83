// Routes of extension requests (issue 13); makeApplication calls this once.

import TiendoHTTP

extension APIContext {
    func addExtensionRequestRoutes(_ router: Router) {
        let b = apiBase
        router.add(.post, "\(b)/tasks/{id}/extension-requests") { req, p in try self.postExtensionRequest(req, p) }
        router.add(.get, "\(b)/tasks/{id}/extension-requests") { req, p in try self.listTaskExtensionRequests(req, p) }
        router.add(.get, "\(b)/plans/{id}/extension-requests") { req, p in try self.listPlanExtensionRequests(req, p) }
        router.add(.post, "\(b)/extension-requests/{id}/decision") { req, p in try self.postExtensionRequestDecision(req, p) }
    }
}
