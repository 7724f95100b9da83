// Browser sessions (migration 0008): the SHA-256 of the cookie's secret, the
// token the session acts as, and an expiry. Revoked by logout or with the token.

import TiendoSQLite

public struct SessionRecord: Sendable, Equatable {
    public var id: Int64
    public var tokenID: Int64
    public var createdAt: String
    public var expiresAt: String
    public var revokedAt: String?
    /// The token's role and unit, and whether the token itself is revoked.
    public var role: String
    public var unitID: String?
    public var label: String?
    public var tokenRevoked: Bool
}

public enum SessionStore {
    public static func insert(hash: String, tokenID: Int64, createdAt: String, expiresAt: String, in c: Connection) throws -> Int64 {
        try c.run("INSERT INTO sessions (hash, token_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                  [.text(hash), .integer(tokenID), .text(createdAt), .text(expiresAt)])
        return c.lastInsertRowID
    }

    /// The session with this hash, with its token's role and unit (revoked or expired ones too).
    public static func find(hash: String, in c: Connection) throws -> SessionRecord? {
        try c.queryOne("""
            SELECT s.id, s.token_id, s.created_at, s.expires_at, s.revoked_at,
                   t.role, t.unit_id, t.label, t.revoked_at AS token_revoked_at
            FROM sessions s JOIN tokens t ON t.id = s.token_id WHERE s.hash = ?
            """, [.text(hash)]).map { r in
            SessionRecord(id: r.reqInt("id"), tokenID: r.reqInt("token_id"), createdAt: r.req("created_at"),
                          expiresAt: r.req("expires_at"), revokedAt: r.string("revoked_at"), role: r.req("role"),
                          unitID: r.string("unit_id"), label: r.string("label"), tokenRevoked: r.string("token_revoked_at") != nil)
        }
    }

    /// Returns whether a live session was revoked.
    @discardableResult
    public static func revoke(hash: String, at: String, in c: Connection) throws -> Bool {
        try c.run("UPDATE sessions SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL", [.text(at), .text(hash)])
        return c.changes > 0
    }

    /// Ends every session of a token (e.g. when a person's device is lost). Returns how many.
    @discardableResult
    public static func revokeAll(tokenID: Int64, at: String, in c: Connection) throws -> Int {
        try c.run("UPDATE sessions SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL", [.text(at), .integer(tokenID)])
        return c.changes
    }

    /// Deletes sessions that expired or were revoked before `before` (housekeeping).
    @discardableResult
    public static func prune(before: String, in c: Connection) throws -> Int {
        try c.run("DELETE FROM sessions WHERE expires_at < ? OR (revoked_at IS NOT NULL AND revoked_at < ?)", [.text(before), .text(before)])
        return c.changes
    }
}
