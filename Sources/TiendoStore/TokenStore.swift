// API tokens, stored as SHA-256 hex of the bearer string.

import TiendoSQLite

public enum TokenStore {
    static let columns = "id, hash, role, unit_id, label, created_at, revoked_at, expires_at"

    static func record(_ r: Row) throws -> TokenRecord {
        TokenRecord(id: r.reqInt("id"), hash: r.req("hash"), role: try r.value("role", of: "tokens"), unitID: r.string("unit_id"),
                    label: r.string("label"), createdAt: r.req("created_at"), revokedAt: r.string("revoked_at"),
                    expiresAt: r.string("expires_at"))
    }

    public static func insert(_ t: TokenRecord, in c: Connection) throws -> TokenRecord {
        try c.run("INSERT INTO tokens (hash, role, unit_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                  [.text(t.hash), .text(t.role.rawValue), t.unitID.sqlValue, t.label.sqlValue, .text(t.createdAt), t.expiresAt.sqlValue])
        var out = t
        out.id = c.lastInsertRowID
        return out
    }

    /// The token with this hash, revoked or not.
    public static func find(hash: String, in c: Connection) throws -> TokenRecord? {
        try c.queryOne("SELECT \(columns) FROM tokens WHERE hash = ?", [.text(hash)]).map(record)
    }

    public static func get(_ id: Int64, in c: Connection) throws -> TokenRecord? {
        try c.queryOne("SELECT \(columns) FROM tokens WHERE id = ?", [.integer(id)]).map(record)
    }

    /// Whether token `id` exists, is not revoked and still has `role` and `unitID` (what a
    /// request was authenticated with): one primary-key lookup.
    public static func stillGrants(_ id: Int64, role: String, unitID: String?, in c: Connection) throws -> Bool {
        try c.scalar("SELECT count(*) FROM tokens WHERE id = ? AND revoked_at IS NULL AND role = ? AND unit_id IS ?",
                     [.integer(id), .text(role), unitID.map(SQLValue.text) ?? .null]).int64Value == 1
    }

    public static func list(in c: Connection) throws -> [TokenRecord] {
        try c.query("SELECT \(columns) FROM tokens ORDER BY id").map(record)
    }

    /// Returns whether an active token was revoked.
    @discardableResult
    public static func revoke(_ id: Int64, at: String, in c: Connection) throws -> Bool {
        try c.run("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [.text(at), .integer(id)])
        return c.changes > 0
    }

    /// Admin tokens neither revoked nor expired at `now` (RFC 3339 UTC, compared as text:
    /// both sides are written by `Timestamp.format`).
    public static func liveAdminCount(now: String, in c: Connection) throws -> Int {
        Int(try c.scalar("SELECT count(*) FROM tokens WHERE role = 'admin' AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)",
                         [.text(now)]).int64Value ?? 0)
    }

    public static func count(in c: Connection) throws -> Int {
        Int(try c.scalar("SELECT count(*) FROM tokens").int64Value ?? 0)
    }
}
