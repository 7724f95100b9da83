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
        if role == CallerRole.reporter.rawValue && unit == nil && !list.items.contains(where: { $0.field == "unit_id" }) {
            list.add("unit_id", "required", "A reporter token needs unit_id.")
        }
        if let unit, !Assignee.isValidUnitId(unit) {
            list.add("unit_id", "invalid_unit_id", "unit_id must match [a-z0-9-]{1,64}.")
        }
        var expiresAt: Date? = nil
        if let expiresText {
            let now = self.now
            if let e = Timestamp.parse(expiresText) {
                if e <= now {
                    list.add("expires_at", "expires_at_not_in_future", "expires_at must be later than now (\(nowText)).")
                } else if e.timeIntervalSince(now) > Self.maximumTokenLifetime {
                    list.add("expires_at", "expires_at_too_far", "expires_at must be within 10 years from now.")
                } else {
                    expiresAt = e
                }
            } else {
                list.add("expires_at", "invalid_timestamp", "expires_at must be an RFC 3339 timestamp, e.g. 2027-01-01T00:00:00+07:00.")
            }
        }
        guard list.isEmpty, let role else { throw Problem.validation(list.items) }
        let created: TokenService.Created
        do {
            created = try tokens.create(role: role, unitID: unit, label: label, expiresAt: expiresAt)
        } catch TokenService.TokenError.unknownUnit(let u) {
            throw Problem.validation([Issue("unit_id", "unit_not_found", "No unit \(u).")])
        }
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
        let at = nowText
        try store.write { c in
            guard let rec = try TokenStore.get(id, in: c), rec.revokedAt == nil else {
                throw Problem.notFound("active token", String(id))
            }
            // Revoking the last live admin token would leave only the shell to mint another.
            if rec.role == .admin, try TokenStore.liveAdminCount(now: at, in: c) <= 1 {
                throw Problem.conflict("last_admin_token", "This is the last live admin token; create another admin token first.")
            }
            try TokenStore.revoke(id, at: at, in: c)
        }
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
