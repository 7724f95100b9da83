// GET /plans/{id}/changes: the plan's audit log, newest first, paged, JSON or CSV —
// "who moved this deadline, and when".

import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

let planChangeEntities = ["plan", "shortcoming", "task", "extension", "period_lock"]

extension APIContext {
    /// A deleted plan's log stays readable to
    /// aggregators and admins; a reporter sees the log of plans its unit takes part in.
    func listChanges(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        let id = try pathInt(params, "id", what: "plan")
        let paging = try Paging(req)
        let entity = try queryString(req, "entity", maxLength: 32)
        if let entity, !planChangeEntities.contains(entity) {
            throw Problem.invalidQuery("entity", "entity must be one of \(planChangeEntities.joined(separator: ", ")).")
        }
        let entityID = try queryString(req, "entity_id", maxLength: 64)
        let page: Page<PlanChangeRecord> = try store.read { c in
            if let (snap, _) = try planSnapshot(id, c) {
                try requireVisible(snap, principal)
            } else if !principal.canManage {
                throw Problem.notFound("plan", String(id))
            }
            let page = try PlanChangeStore.list(planID: id, entity: entity, entityID: entityID, limit: paging.limit,
                                                offset: paging.offset, in: c)
            if page.total == 0, try PlanStore.get(id, in: c) == nil { throw Problem.notFound("plan", String(id)) }
            return page
        }
        return try listResponse(req, items: page.items.map(planChangeJSON), total: page.total, paging: paging,
                                columns: ["id", "changed_at", "entity", "entity_id", "action", "by.role", "by.unit_id", "by.label",
                                          "by.token_id", "changes"],
                                name: "plan-\(id)-changes", extra: [("plan_id", .int(id))])
    }
}
