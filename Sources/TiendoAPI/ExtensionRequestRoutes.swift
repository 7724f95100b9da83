// Routes of extension requests (issue 13); makeApplication calls this once.

import TiendoHTTP

extension APIContext {
    func addExtensionRequestRoutes(_ router: Router) {
        let b = apiBase
        router.add(.post, "\(b)/tasks/{id}/extension-requests", authenticated { try self.postExtensionRequest($0) })
        router.add(.get, "\(b)/tasks/{id}/extension-requests", authenticated { try self.listTaskExtensionRequests($0) })
        router.add(.get, "\(b)/plans/{id}/extension-requests", authenticated { try self.listPlanExtensionRequests($0) })
        router.add(.post, "\(b)/extension-requests/{id}/decision", authenticated { try self.postExtensionRequestDecision($0) })
    }
}
