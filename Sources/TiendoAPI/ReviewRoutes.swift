// Routes of report review and partial revisions (issue 14); makeApplication
// calls this once.

import TiendoHTTP

extension APIContext {
    func addReviewRoutes(_ router: Router) {
        let b = apiBase
        router.add(.post, "\(b)/reports/{id}/review") { req, p in try self.reviewReport(req, p) }
        router.add(.post, "\(b)/reports/{id}/revisions") { req, p, respond in
            self.guarded(respond) { try self.postPartialRevision(req, p, respond) }
        }
    }
}
