// What creating and revoking a token checks, shared by the tokens API and the
// admin's /tokens page: one set of rules and codes for both.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension APIContext {
    /// The rules of a new token beyond its fields' types: a reporter needs a unit, a unit id is a
    /// slug, an expiry is RFC 3339, in the future and within ten years. `unitIssue`: the unit
    /// field already has an issue (no second one for it).
    func newTokenIssues(role: String?, unit: String?, expiresText: String?, unitIssue: Bool) -> ([Issue], Date?) {
        var issues: [Issue] = []
        if role == CallerRole.reporter.rawValue && unit == nil && !unitIssue {
            issues.append(Issue("unit_id", "required", "A reporter token needs unit_id."))
        }
        if let unit, !Assignee.isValidUnitId(unit) {
            issues.append(Issue("unit_id", "invalid_unit_id", "unit_id must match [a-z0-9-]{1,64}."))
        }
        var expiresAt: Date? = nil
        if let expiresText {
            let now = self.now
            if let e = Timestamp.parse(expiresText) {
                if e <= now {
                    issues.append(Issue("expires_at", "expires_at_not_in_future", "expires_at must be later than now (\(nowText))."))
                } else if e.timeIntervalSince(now) > Self.maximumTokenLifetime {
                    issues.append(Issue("expires_at", "expires_at_too_far", "expires_at must be within 10 years from now."))
                } else {
                    expiresAt = e
                }
            } else {
                issues.append(Issue("expires_at", "invalid_timestamp", "expires_at must be an RFC 3339 timestamp, e.g. 2027-01-01T00:00:00+07:00."))
            }
        }
        return (issues, expiresAt)
    }

    /// Mints the token (an unknown unit is 422 `unit_not_found`).
    func createCheckedToken(role: String, unit: String?, label: String?, expiresAt: Date?) throws -> TokenService.Created {
        do {
            return try tokens.create(role: role, unitID: unit, label: label, expiresAt: expiresAt)
        } catch TokenService.TokenError.unknownUnit(let u) {
            throw Problem.validation([Issue("unit_id", "unit_not_found", "No unit \(u).")])
        }
    }

    /// Revokes a live token: 404 when there is none, 409 `last_admin_token` for the last live admin one.
    func revokeStoredToken(_ id: Int64) throws {
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
    }
}
