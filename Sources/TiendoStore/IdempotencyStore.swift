// Responses remembered per (token, Idempotency-Key) so retries replay them.

import TiendoSQLite

public enum IdempotencyStore {
    public static func get(tokenID: Int64, key: String, in c: Connection) throws -> IdempotencyRecord? {
        try c.queryOne("""
            SELECT token_id, key, method, path, request_hash, response_status, response_body, response_type, created_at
            FROM idempotency_keys WHERE token_id = ? AND key = ?
            """, [.integer(tokenID), .text(key)]).map {
            IdempotencyRecord(tokenID: $0.reqInt("token_id"), key: $0.req("key"), method: $0.req("method"), path: $0.req("path"),
                              requestHash: $0.req("request_hash"), responseStatus: Int($0.reqInt("response_status")),
                              responseBody: $0.blob("response_body") ?? [], responseType: $0.req("response_type"),
                              createdAt: $0.req("created_at"))
        }
    }

    public static func put(_ r: IdempotencyRecord, in c: Connection) throws {
        try c.run("""
            INSERT INTO idempotency_keys (token_id, key, method, path, request_hash, response_status, response_body, response_type, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(r.tokenID), .text(r.key), .text(r.method), .text(r.path), .text(r.requestHash),
                  .integer(Int64(r.responseStatus)), .blob(r.responseBody), .text(r.responseType), .text(r.createdAt)])
    }

    /// Forgets keys older than `before` (stored-text timestamp); returns how many.
    public static func purge(before: String, in c: Connection) throws -> Int {
        try c.run("DELETE FROM idempotency_keys WHERE created_at < ?", [.text(before)])
        return c.changes
    }
}
