// Routes for editing a plan after it is created (issue 12, part 2), and what their
// handlers share: one writer transaction per edit (read the stored row, check, write,
// log), answered after the durable COMMIT; If-Match against the plan's ETag.

import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// Registers the editing routes and the audit log (called once by `makeApplication`).
func addPlanEditRoutes(_ router: Router, _ ctx: APIContext, base b: String) {
    func write(_ method: HTTPMethod, _ pattern: String,
               _ handler: @escaping @Sendable (APIContext, RequestContext, @escaping @Sendable (HTTPResponse) -> Void) throws -> Void) {
        router.add(method, pattern, ctx.authenticated { try handler(ctx, $0, $1) })
    }
    write(.patch, "\(b)/tasks/{id}") { try $0.patchTask($1, $2) }
    write(.delete, "\(b)/tasks/{id}") { try $0.deleteTask($1, $2) }
    write(.post, "\(b)/plans/{id}/shortcomings") { try $0.addShortcoming($1, $2) }
    write(.patch, "\(b)/shortcomings/{id}") { try $0.patchShortcoming($1, $2) }
    write(.delete, "\(b)/shortcomings/{id}") { try $0.deleteShortcoming($1, $2) }
    write(.post, "\(b)/shortcomings/{id}/tasks") { try $0.addTask($1, $2) }
    write(.delete, "\(b)/plans/{id}") { try $0.deletePlan($1, $2) }
    write(.patch, "\(b)/units/{id}") { try $0.patchUnit($1, $2) }
    router.add(.get, "\(b)/plans/{id}/changes", ctx.authenticated { try ctx.listChanges($0) })
}

extension APIContext {
    /// Runs `body` in the writer's transaction and answers with `answer(value)` after the
    /// COMMIT, or with the failure (a thrown Problem rolls the whole edit back).
    func edit<T: Sendable>(_ respond: @escaping @Sendable (HTTPResponse) -> Void,
                           _ body: @escaping @Sendable (Connection) throws -> T,
                           answer: @escaping @Sendable (T) -> HTTPResponse) {
        store.submitInWriter(body, completion: { result in
            switch result {
            case .success(let v): respond(answer(v))
            case .failure(let e): respond(self.failure(e))
            }
        })
    }
}

/// 412 `precondition_failed` unless `ifMatch` (when sent) names the plan's current ETag.
/// Call inside the write transaction, before any change.
func checkIfMatch(_ ifMatch: String?, planID: Int64, _ c: Connection) throws {
    guard let ifMatch else { return }
    guard let tag = try planEntityTag(planID, c), entityTagMatches(ifMatch, tag, weak: false) else {
        throw Problem.preconditionFailed(planID: planID)
    }
}

/// 422 `too_many` when adding `adding` tasks would take the plan past the 5000 of POST /plans.
func checkTaskRoom(planID: Int64, adding: Int, _ c: Connection) throws {
    let count = try TaskStore.count(inPlan: planID, in: c)
    if count + adding > 5000 {
        throw Problem.validation([Issue("tasks", "too_many", "A plan may have at most 5000 tasks; plan \(planID) has \(count).")])
    }
}

/// `[("ETag", tag)]`, or nothing when the plan has no tag.
func etagHeader(_ tag: String?) -> [(String, String)] { tag.map { [("ETag", $0)] } ?? [] }

func noContent(_ tag: String?) -> HTTPResponse {
    var r = HTTPResponse(status: 204)
    if let tag { r.headers.set("ETag", tag) }
    return r
}
