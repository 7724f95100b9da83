// Per-unit iCalendar feeds (migrations/0009_reporting_cycle.sql): one secret per
// unit, stored as its SHA-256 only, like tokens.

import TiendoSQLite

public enum CalendarFeedStore {
    /// Creates or replaces the unit's feed (a new secret revokes the old URL).
    public static func put(unitID: String, secretHash: String, createdAt: String, createdBy: Int64?, in c: Connection) throws {
        try c.run("""
            INSERT INTO calendar_feeds (unit_id, secret_hash, created_at, created_by) VALUES (?, ?, ?, ?)
            ON CONFLICT (unit_id) DO UPDATE SET secret_hash = excluded.secret_hash, created_at = excluded.created_at,
                created_by = excluded.created_by
            """, [.text(unitID), .text(secretHash), .text(createdAt), createdBy.map { .integer($0) } ?? .null])
    }

    /// Revokes the unit's feed; false when it had none.
    public static func delete(unitID: String, in c: Connection) throws -> Bool {
        try c.run("DELETE FROM calendar_feeds WHERE unit_id = ?", [.text(unitID)])
        return c.changes > 0
    }

    /// The unit whose feed has this secret hash.
    public static func unit(secretHash: String, in c: Connection) throws -> String? {
        try c.queryOne("SELECT unit_id FROM calendar_feeds WHERE secret_hash = ?", [.text(secretHash)])?.string("unit_id")
    }
}
