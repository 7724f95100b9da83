// POST /tokens, GET /tokens, DELETE /tokens/{id}: token management without a shell (admin
// only). A new token's secret is in the 201 answer and nowhere else; lists carry neither
// secrets nor hashes.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension APIContext {
    /// Longest expiry a token may be given: a token that outlives its holder's job is a risk.
    static let maximumTokenLifetime: TimeInterval = 10 * 366 * 86_400

    func createToken(_ context: RequestContext) throws -> HTTPResponse {
        let (req, principal) = (context.request, context.principal)
        try requireAdmin(principal)
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        let role = body.oneOf("role", CallerRole.allCases.map(\.rawValue), required: true)
        let unit = body.string("unit_id", maxLength: 64)
        let label = body.string("label", maxLength: 200)
        let expiresText = body.string("expires_at", maxLength: 64)
        body.finish()
        let (more, expiresAt) = newTokenIssues(role: role, unit: unit, expiresText: expiresText,
                                               unitIssue: list.items.contains(where: { $0.field == "unit_id" }))
        for i in more { list.add(i.field, i.code, i.message) }
        guard list.isEmpty, let role else { throw Problem.validation(list.items) }
        let created = try createCheckedToken(role: role, unit: unit, label: label, expiresAt: expiresAt)
        var json = tokenJSON(created.record)
        if case .object(var o) = json {
            o["token"] = .string(created.token)
            json = .object(o)
        }
        return jsonResponse(201, json, headers: [("Location", "\(apiBase)/tokens/\(created.record.id)"),
                                                 ("Cache-Control", "no-store")])
    }

    func listTokens(_ context: RequestContext) throws -> HTTPResponse {
        let (req, principal) = (context.request, context.principal)
        try requireAdmin(principal)
        let paging = try Paging(req)
        let all = try tokens.list()
        let page = all.dropFirst(paging.offset).prefix(paging.limit)
        return try listResponse(req, items: page.map(tokenJSON), total: all.count, paging: paging,
                                columns: ["id", "role", "unit_id", "label", "status", "created_at", "expires_at", "revoked_at"],
                                name: "tokens")
    }

    func revokeToken(_ context: RequestContext) throws -> HTTPResponse {
        let (params, principal) = (context.parameters, context.principal)
        try requireAdmin(principal)
        let id = try pathInt(params, "id", what: "token")
        try revokeStoredToken(id)
        return HTTPResponse(status: 204)
    }

    func tokenJSON(_ t: TokenRecord) -> JSON {
        let status: String
        if t.revokedAt != nil { status = "revoked" }
        else if let e = t.expiresAt, let d = Timestamp.parse(e), d <= now { status = "expired" }
        else { status = "active" }
        return .obj([("id", .int(t.id)), ("role", .string(t.role.rawValue)), ("unit_id", .str(t.unitID)), ("label", .str(t.label)),
                     ("status", .string(status)), ("created_at", .string(t.createdAt)), ("expires_at", .str(t.expiresAt)),
                     ("revoked_at", .str(t.revokedAt))])
    }
}
