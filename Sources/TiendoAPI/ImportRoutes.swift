// POST /api/v1/plans/import: a plan document's text → a draft, or (commit=true) the stored plan.

import TiendoHTTP

/// Registers the import routes; `makeApplication` calls it once.
func addImportRoutes(_ router: Router, _ ctx: APIContext) {
    router.add(.post, "\(apiBase)/plans/import", ctx.authenticated { try ctx.importPlan($0, $1) })
}
