import Foundation

/// One schema step, read from `NNNN_name.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// SHA-256 of the file's text (CRLF counted as LF, so a checkout's line endings are no change), lowercase hex.
    public let checksum: String
    /// The file name it came from (for messages).
    public var fileName: String { String(format: "%04d_%@.sql", version, name) }

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = Checksum.sha256Hex(sql.replacingOccurrences(of: "\r\n", with: "\n"))
    }
}

public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// An applied migration's file changed since it was applied.
    case checksumMismatch(version: Int, name: String)
    /// An applied migration has no file any more.
    case missingFile(version: Int, name: String)
    /// The database has migrations newer than any file this code knows.
    case databaseNewerThanCode(dbVersion: Int, codeVersion: Int)
    /// A `.sql` file not named `NNNN_name.sql`.
    case badFileName(String)
    /// Two files with the same number.
    case duplicateVersion(version: Int, files: [String])
    /// The directory could not be read.
    case unreadableDirectory(String, reason: String)
    /// A migration failed; its transaction was rolled back.
    case failed(version: Int, name: String, SQLiteError)

    public var description: String {
        func file(_ v: Int, _ n: String) -> String { String(format: "%04d_%@.sql", v, n) }
        switch self {
        case .checksumMismatch(let v, let n):
            return "migration \(file(v, n)) was changed after it was applied to this database (checksum differs); add a new migration instead of editing an applied one"
        case .missingFile(let v, let n):
            return "migration \(file(v, n)) is recorded as applied in this database but the file is missing"
        case .databaseNewerThanCode(let db, let code):
            return "the database is at schema version \(db) but this program only knows migrations up to \(code); run a newer version"
        case .badFileName(let f):
            return "migration file name \(f) is not of the form NNNN_name.sql"
        case .duplicateVersion(let v, let files):
            return "more than one migration numbered \(v): \(files.joined(separator: ", "))"
        case .unreadableDirectory(let d, let reason):
            return "cannot read migrations directory \(d): \(reason)"
        case .failed(let v, let n, let e):
            return "migration \(file(v, n)) failed and was rolled back: \(e.message) (SQLite code \(e.code))"
        }
    }
    public var errorDescription: String? { description }
}

/// Applies `NNNN_name.sql` files in order, recording them in `schema_migrations`.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    /// Reads every `*.sql` file in `directory`, sorted by number. Other files are ignored.
    public init(directory: URL) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError.unreadableDirectory(directory.path, reason: "\(error.localizedDescription)")
        }
        var found: [Migration] = []
        for file in names.sorted() where file.hasSuffix(".sql") {
            guard let (version, name) = Migrator.parse(fileName: file) else { throw MigrationError.badFileName(file) }
            let url = directory.appendingPathComponent(file)
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw MigrationError.unreadableDirectory(url.path, reason: "\(error.localizedDescription)")
            }
            guard let sql = String(data: data, encoding: .utf8) else { throw MigrationError.badFileName(file + " (not UTF-8)") }
            found.append(Migration(version: version, name: name, sql: sql))
        }
        try self.init(migrations: found)
    }

    /// Migrations given in code (tests, embedded schemas).
    public init(migrations: [Migration]) throws {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.version == b.version {
            throw MigrationError.duplicateVersion(version: a.version, files: [a.fileName, b.fileName])
        }
        self.migrations = sorted
    }

    /// `0001_create_units.sql` → (1, "create_units").
    static func parse(fileName: String) -> (Int, String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let us = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<us], name = stem[stem.index(after: us)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(digits), v > 0,
              !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else { return nil }
        return (v, String(name))
    }

    static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    /// Checks the applied migrations against the files and returns the ones still to apply.
    public func pending(in db: Database) throws -> [Migration] {
        try db.writeWithoutTransaction { try pending(on: $0) }
    }

    /// The versions recorded as applied, in order.
    public func appliedVersions(in db: Database) throws -> [Int] {
        try db.read { c in
            guard try c.queryOne("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'") != nil
            else { return [] }
            return try c.query("SELECT version FROM schema_migrations ORDER BY version").compactMap { $0.int(0).map(Int.init) }
        }
    }

    func pending(on c: Connection) throws -> [Migration] {
        try c.execute(Migrator.createTable)
        let applied = try c.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
        let byVersion = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        let codeVersion = migrations.last?.version ?? 0
        if let dbVersion = applied.last?.int("version").map(Int.init), dbVersion > codeVersion {
            throw MigrationError.databaseNewerThanCode(dbVersion: dbVersion, codeVersion: codeVersion)
        }
        var done = Set<Int>()
        for row in applied {
            let v = Int(row.int("version") ?? 0), name = row.string("name") ?? "?"
            guard let m = byVersion[v] else { throw MigrationError.missingFile(version: v, name: name) }
            guard m.checksum == row.string("checksum") else { throw MigrationError.checksumMismatch(version: v, name: m.name) }
            done.insert(v)
        }
        return migrations.filter { !done.contains($0.version) }
    }

    /// Verifies the applied migrations (any problem → throw, nothing applied), then applies each
    /// pending one in its own transaction. Holds the writer for the whole run.
    @discardableResult
    public func migrate(_ db: Database) throws -> [Migration] {
        try db.writeWithoutTransaction { c in
            let todo = try pending(on: c)
            let stamp = ISO8601DateFormatter()
            for m in todo {
                do {
                    try c.transaction {
                        try c.execute(m.sql)
                        try c.run("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                                  [.integer(Int64(m.version)), .text(m.name), .text(m.checksum), .text(stamp.string(from: Date()))])
                    }
                } catch let e as SQLiteError {
                    throw MigrationError.failed(version: m.version, name: m.name, e)
                }
                // A migration may change the schema cached statements were compiled against.
                c.clearStatementCache()
            }
            return todo
        }
    }
}
