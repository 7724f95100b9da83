// POST /units, GET /units?kind=&parent_id=&q=, GET /units/{id}

import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension APIContext {
    func createUnit(_ context: RequestContext) throws -> HTTPResponse {
        let (req, principal) = (context.request, context.principal)
        try requireManager(principal)
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        let id = body.string("id", required: true, maxLength: 64)
        if let id, !Assignee.isValidUnitId(id) {
            list.add("id", "invalid_unit_id", "id must match [a-z0-9-]{1,64}, e.g. so-tai-chinh.")
        }
        let name = body.string("name", required: true, maxLength: 500)
        let kind = body.oneOf("kind", UnitKind.self, required: true)
        let parent = body.string("parent_id", maxLength: 64)
        let contact = readUnitContact(body)
        body.finish()
        guard list.isEmpty, let id, let name, let kind else { throw Problem.validation(list.items) }
        let record = UnitRecord(id: id, name: name, kind: kind, parentID: parent, createdAt: nowText, contact: contact)
        let key = VietnameseText.searchKey(name)
        // Decided on a snapshot and re-checked in the writer by the units counter.
        let change = Change<Stamped<Bool>, Void>.stamped(decide: { c in
            if try UnitStore.exists(id, in: c) {
                throw Problem.conflict("unit_exists", "A unit \(id) already exists.")
            }
            if let parent {
                guard try UnitStore.exists(parent, in: c) else {
                    throw Problem.validation([Issue("parent_id", "parent_not_found", "No unit \(parent).")])
                }
                if parent == id { throw Problem.validation([Issue("parent_id", "invalid_value", "A unit cannot be its own parent.")]) }
            }
            return true
        }, stamp: { _, c in
            var stamp = WriteStamp()
            try stamp.addUnits(in: c)
            return stamp
        }, apply: { _, c in try UnitStore.insert(record, nameKey: key, in: c) })
        do {
            try store.submit(change)
        } catch let e as SQLiteError where e.isUniqueViolation {
            throw Problem.conflict("unit_exists", "A unit \(id) already exists.")
        }
        return jsonResponse(201, unitJSON(record), headers: [("Location", "\(apiBase)/units/\(id)")])
    }

    func listUnits(_ context: RequestContext) throws -> HTTPResponse {
        let req = context.request
        let paging = try Paging(req)
        let kind = try queryString(req, "kind", maxLength: 32)
        if let kind, UnitKind(rawValue: kind) == nil {
            throw Problem.invalidQuery("kind", "kind must be one of \(UnitKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let parent = try queryString(req, "parent_id", maxLength: 64)
        let q = try queryString(req, "q").map(VietnameseText.searchKey).flatMap { $0.isEmpty ? nil : $0 }
        let page = try store.read { try UnitStore.list(kind: kind, parentID: parent, nameKey: q, limit: paging.limit, offset: paging.offset, in: $0) }
        return try listResponse(req, items: page.items.map(unitJSON), total: page.total, paging: paging,
                                columns: ExportColumns.units, name: "units")
    }

    func getUnit(_ context: RequestContext) throws -> HTTPResponse {
        let params = context.parameters
        let id = params["id"] ?? ""
        guard let u = try store.read({ try UnitStore.get(id, in: $0) }) else { throw Problem.notFound("unit", id) }
        return jsonResponse(200, unitJSON(u))
    }
}
