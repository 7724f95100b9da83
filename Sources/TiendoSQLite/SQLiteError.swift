import CSQLite

/// An SQLite failure: the extended result code, SQLite's own message, and the SQL involved.
public struct SQLiteError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Extended result code (e.g. 2067 = SQLITE_CONSTRAINT_UNIQUE).
    public let code: Int32
    public var primaryCode: Int32 { code & 0xff }
    public let message: String
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// Reads code and message from a connection right after a failing call.
    init(db: OpaquePointer?, code fallback: Int32, sql: String? = nil) {
        if let db {
            let ext = sqlite3_extended_errcode(db)
            // The connection's error may be stale if the failing call was not an API call on it;
            // trust the returned code when the primary codes disagree.
            self.code = (ext & 0xff) == (fallback & 0xff) ? ext : fallback
            self.message = String(cString: sqlite3_errmsg(db))
        } else {
            self.code = fallback
            self.message = String(cString: sqlite3_errstr(fallback))
        }
        self.sql = sql
    }

    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }
    public var isUniqueViolation: Bool {
        code == SQLiteError.constraintUnique || code == SQLiteError.constraintPrimaryKey
    }
    public var isForeignKeyViolation: Bool { code == SQLiteError.constraintForeignKey }
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }
    /// The storage under the database failed, not the request: disk full, a read-only or
    /// vanished file, an I/O error. Worth a 503 and a retry, never a 500.
    public var isStorageUnavailable: Bool {
        [SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_NOLFS].contains(primaryCode)
    }

    public var description: String {
        var s = "SQLite error \(code) (\(String(cString: sqlite3_errstr(code)))): \(message)"
        if let sql { s += " — in: \(sql)" }
        return s
    }

    // Extended codes spelled out (the C macros are expressions Swift does not always import).
    public static let constraintCheck: Int32 = SQLITE_CONSTRAINT | (1 << 8)       // 275
    public static let constraintForeignKey: Int32 = SQLITE_CONSTRAINT | (3 << 8)  // 787
    public static let constraintNotNull: Int32 = SQLITE_CONSTRAINT | (5 << 8)     // 1299
    public static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)  // 1555
    public static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)      // 2067

    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: SQLITE_MISUSE, message: message, sql: sql)
    }
}

/// Throws unless `rc` is SQLITE_OK.
@inline(__always)
func check(_ rc: Int32, _ db: OpaquePointer?, sql: String? = nil) throws {
    if rc != SQLITE_OK { throw SQLiteError(db: db, code: rc, sql: sql) }
}
