// PATCH /units/{id}: name, kind, parent_id — no unit may become its own ancestor.

import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension APIContext {
    func patchUnit(_ context: RequestContext, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let id = params["id"] ?? ""
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        let name = body.string("name", maxLength: 500)
        let kind = body.oneOf("kind", UnitKind.self)
        let parentGiven = body.has("parent_id")
        let parent = body.string("parent_id", maxLength: 64)
        for k in ["id", "created_at"] where body.has(k) {
            _ = body.raw(k)
            list.add(k, "read_only", "\(k) cannot be changed.")
        }
        body.finish()
        guard list.isEmpty else { throw Problem.validation(list.items) }
        let now = nowText
        edit(respond, { c -> UnitRecord in
            guard let old = try UnitStore.get(id, in: c) else { throw Problem.notFound("unit", id) }
            var u = old
            if let name { u.name = name }
            if let kind { u.kind = kind }
            if parentGiven { u.parentID = parent }
            if let parent, parentGiven, parent != old.parentID {
                guard try UnitStore.exists(parent, in: c) else {
                    throw Problem.validation([Issue("parent_id", "parent_not_found", "No unit \(parent).")])
                }
                // Walk up from the new parent: meeting this unit would close a cycle. The walk
                // is bounded by the number of units, so a cycle already stored cannot trap it.
                var cursor: String? = parent
                var steps = 0
                let bound = try UnitStore.count(in: c) + 1
                while let at = cursor, steps <= bound {
                    if at == id {
                        throw Problem.validation([Issue("parent_id", "parent_cycle",
                                                        "\(parent) is \(id) itself or one of its subunits; a unit cannot be its own ancestor.")])
                    }
                    cursor = try UnitStore.get(at, in: c)?.parentID
                    steps += 1
                }
            }
            let diff = Audited.diff(Audited.unit(old), Audited.unit(u))
            if !diff.isEmpty {
                try UnitStore.update(u, nameKey: VietnameseText.searchKey(u.name), in: c)
                try logChange(c, plan: nil, entity: "unit", id: id, action: "update", diff: diff, by: principal, at: now)
            }
            return u
        }, answer: { u in jsonResponse(200, unitJSON(u)) })
    }
}
