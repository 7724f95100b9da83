// Routes of report review and partial revisions (issue 14); makeApplication
// calls this once.

import TiendoHTTP

extension APIContext {
    func addReviewRoutes(_ router: Router) {
        let b = apiBase
        router.add(.post, "\(b)/reports/{id}/review", authenticated { try self.reviewReport($0) })
        router.add(.post, "\(b)/reports/{id}/revisions", authenticated { try self.postPartialRevision($0, $1) })
    }
}
