import Foundation
import TiendoSQLite

/// Start-up and lifecycle events as one JSON line each on stderr, like the access log.
enum Log {
    static func event(_ name: String, _ fields: [String: Any] = [:]) {
        var object = fields
        object["event"] = name
        object["time"] = ISO8601DateFormatter().string(from: Date())
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        FileHandle.standardError.write(data + Data("\n".utf8))
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Opening the database the way every command does: the file, then pending migrations.
enum DatabaseOpener {
    static func path(_ arguments: Arguments) -> String {
        arguments.value("db", env: "TIENDO_DB", default: "tiendo.sqlite")!
    }

    /// Group commit unless `--no-group-commit` or `TIENDO_GROUP_COMMIT=off` (also `0`, `false`, `no`).
    static func groupCommit(_ arguments: Arguments) throws -> Bool {
        if arguments.flag("no-group-commit") { return false }
        guard let v = arguments.environment["TIENDO_GROUP_COMMIT"], !v.isEmpty else { return true }
        switch v.lowercased() {
        case "on", "1", "true", "yes": return true
        case "off", "0", "false", "no": return false
        default: throw UsageError("TIENDO_GROUP_COMMIT must be on or off (got \(v))")
        }
    }

    /// Refuses a database file that does not exist: only `serve` and `migrate` create one, so
    /// `tiendo token list` in the wrong folder says so instead of making an empty database.
    static func requireExisting(_ arguments: Arguments) throws {
        let p = path(arguments)
        guard FileManager.default.fileExists(atPath: p) else {
            throw UsageError("no database at \(p) (give --db FILE or TIENDO_DB; tiendo migrate creates one)")
        }
    }

    /// Opens the pool and applies pending migrations, logging each one applied. Unless
    /// `create`, a missing database file is refused.
    static func openMigrated(_ arguments: Arguments, readers: Int = ProcessInfo.processInfo.activeProcessorCount,
                             groupCommit: Bool = true, create: Bool = false) throws -> Database {
        if !create { try requireExisting(arguments) }
        let directory = try MigrationsLocator.find(arguments)
        let database = try Database(path: path(arguments), readers: max(2, readers), groupCommit: groupCommit)
        do {
            for migration in try Migrator(directory: directory).migrate(database) {
                Log.event("migration_applied", ["version": migration.version, "file": migration.fileName])
            }
        } catch {
            database.close()
            throw error
        }
        return database
    }
}
