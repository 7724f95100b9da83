// Routes of extension requests (issue 13); makeApplication calls this once.

import TiendoHTTP

extension APIContext {
    func addExtensionRequestRoutes(_ router: Router) {
        let b = apiBase
        router.add(.post, "\(b)/tasks/{id}/extension-requests", authenticated { try self.postExtensionRequest($0) })
        // Reads: authentication and the handler share one read transaction (one snapshot).
        addRead(router, "\(b)/tasks/{id}/extension-requests") { try self.listTaskExtensionRequests($0) }
        addRead(router, "\(b)/plans/{id}/extension-requests") { try self.listPlanExtensionRequests($0) }
        router.add(.post, "\(b)/extension-requests/{id}/decision", authenticated { try self.postExtensionRequestDecision($0) })
    }
}
