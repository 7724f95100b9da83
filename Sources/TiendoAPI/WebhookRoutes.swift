// Routes of webhooks (issue 14); makeApplication calls this once. The
// delivery worker is started by whoever runs the server (`tiendo serve`).

import TiendoHTTP

extension APIContext {
    func addWebhookRoutes(_ router: Router) {
        let b = apiBase
        router.add(.post, "\(b)/webhooks", authenticated { try self.createWebhook($0) })
        router.add(.get, "\(b)/webhooks", authenticated { try self.listWebhooks($0) })
        router.add(.delete, "\(b)/webhooks/{id}", authenticated { try self.deleteWebhook($0) })
        router.add(.get, "\(b)/webhooks/{id}/deliveries", authenticated { try self.webhookDeliveries($0) })
    }
}
