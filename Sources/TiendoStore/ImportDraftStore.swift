// Import drafts (migration 0012): a plan's pasted text kept between the /import
// page's preview and its commit, per browser session, found by the hash of its id.

import TiendoSQLite

public struct ImportDraftRecord: Sendable, Equatable {
    public var text: String
    public var issuerID: String
    public var aggregatorID: String
    public var createdAt: String
    public var expiresAt: String

    public init(text: String, issuerID: String, aggregatorID: String, createdAt: String, expiresAt: String) {
        self.text = text; self.issuerID = issuerID; self.aggregatorID = aggregatorID
        self.createdAt = createdAt; self.expiresAt = expiresAt
    }
}

public enum ImportDraftStore {
    /// Drafts a session keeps: a person previews, corrects and previews again; older ones go.
    public static let perSession = 5

    /// Stores a draft; on the way drops expired drafts and the session's oldest beyond `perSession`.
    public static func insert(hash: String, sessionHash: String, _ d: ImportDraftRecord, now: String, in c: Connection) throws {
        try c.run("DELETE FROM import_drafts WHERE expires_at <= ?", [.text(now)])
        try c.run("""
            DELETE FROM import_drafts WHERE session_hash = ? AND hash NOT IN
              (SELECT hash FROM import_drafts WHERE session_hash = ? ORDER BY created_at DESC LIMIT ?)
            """, [.text(sessionHash), .text(sessionHash), .integer(Int64(perSession - 1))])
        try c.run("""
            INSERT INTO import_drafts (hash, session_hash, text, issuer_id, aggregator_id, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [.text(hash), .text(sessionHash), .text(d.text), .text(d.issuerID), .text(d.aggregatorID),
                  .text(d.createdAt), .text(d.expiresAt)])
    }

    /// The session's live draft with this hash (nil: unknown, another session's, or expired).
    public static func find(hash: String, sessionHash: String, now: String, in c: Connection) throws -> ImportDraftRecord? {
        try c.queryOne("""
            SELECT text, issuer_id, aggregator_id, created_at, expires_at FROM import_drafts
            WHERE hash = ? AND session_hash = ? AND expires_at > ?
            """, [.text(hash), .text(sessionHash), .text(now)]).map { r in
            ImportDraftRecord(text: r.req("text"), issuerID: r.string("issuer_id") ?? "", aggregatorID: r.string("aggregator_id") ?? "",
                              createdAt: r.req("created_at"), expiresAt: r.req("expires_at"))
        }
    }
}
