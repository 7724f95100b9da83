// Routes of webhooks (issue 14); makeApplication calls this once. The
// delivery worker is started by whoever runs the server (`tiendo serve`).

import TiendoHTTP

extension APIContext {
    func addWebhookRoutes(_ router: Router) {
        let b = apiBase
        router.add(.post, "\(b)/webhooks") { req, _ in try self.createWebhook(req) }
        router.add(.get, "\(b)/webhooks") { req, _ in try self.listWebhooks(req) }
        router.add(.delete, "\(b)/webhooks/{id}") { req, p in try self.deleteWebhook(req, p) }
        router.add(.get, "\(b)/webhooks/{id}/deliveries") { req, p in try self.webhookDeliveries(req, p) }
    }
}
