import CSQLite
import Foundation

/// Online backup with sqlite3_backup_*: copies a consistent snapshot while writes continue.
public enum Backup {
    /// Pages copied per `sqlite3_backup_step`.
    public static let pagesPerStep: Int32 = 1024

    /// Backs up a live pool. Uses one of its read-only connections, holding a read transaction
    /// for the whole copy, so the snapshot stays fixed (WAL) and concurrent writes neither block
    /// nor restart the backup.
    public static func copy(from db: Database, to destination: String) throws {
        try db.read { source in try copy(source: source, to: destination) }
    }

    /// Backs up a database file, opening it read-only.
    public static func copy(fromPath: String, to destination: String) throws {
        let source = try Connection(path: fromPath, mode: .readOnly)
        defer { source.close() }
        try source.transaction0 { try copy(source: source, to: destination) }
    }

    /// Copies into `destination + ".partial-<pid>"`, turns the copy into a single
    /// rollback-journal file (no -wal/-shm to carry around), checks it, then renames it over
    /// `destination` — so `destination` is either the old file or a complete, checked backup.
    static func copy(source: Connection, to destination: String) throws {
        let src = try source.live()
        // Pin the snapshot: a read transaction that has actually read.
        _ = try source.scalar("SELECT count(*) FROM sqlite_schema")

        let temp = destination + ".partial-\(getpid())"
        func removeTemp() {
            for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temp + suffix) }
        }
        removeTemp()
        do {
            let dest = try Connection(path: temp, mode: .readWriteCreate)
            defer { dest.close() }
            let dst = try dest.live()
            guard let backup = sqlite3_backup_init(dst, "main", src, "main") else {
                throw SQLiteError(db: dst, code: sqlite3_errcode(dst), sql: "backup to \(destination)")
            }
            var rc: Int32 = SQLITE_OK
            repeat {
                rc = sqlite3_backup_step(backup, pagesPerStep)
                if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { sqlite3_sleep(5) }
            } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
            let finish = sqlite3_backup_finish(backup)
            if rc != SQLITE_DONE { throw SQLiteError(db: dst, code: rc, sql: "backup to \(destination)") }
            try check(finish, dst, sql: "backup to \(destination)")
            let mode = try dest.scalar("PRAGMA journal_mode = DELETE").stringValue
            guard mode == "delete" else {
                throw SQLiteError(code: SQLITE_ERROR, message: "backup \(destination): could not leave WAL mode (\(mode ?? "?"))")
            }
            let result = try dest.integrityCheck()
            guard result == ["ok"] else {
                throw SQLiteError(code: SQLITE_CORRUPT,
                                  message: "backup \(destination) failed integrity_check: \(result.prefix(5).joined(separator: "; "))")
            }
            dest.close()
            guard rename(temp, destination) == 0 else {
                throw SQLiteError(code: SQLITE_CANTOPEN, message: "backup: cannot rename \(temp) to \(destination): errno \(errno)")
            }
        } catch {
            removeTemp()
            throw error
        }
    }
}

extension Connection {
    /// A plain deferred read transaction (BEGIN … COMMIT) for read-only connections.
    func transaction0<T>(_ body: () throws -> T) throws -> T {
        try run("BEGIN DEFERRED")
        defer { if !isAutocommit { try? run("COMMIT") } }
        return try body()
    }
}
