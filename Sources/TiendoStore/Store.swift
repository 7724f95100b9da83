// The facade the API and the command line open: the SQLite pool with its
// schema migrated, and read/write entry points that hand repositories a
// connection.

import Foundation
import TiendoSQLite

public final class Store: Sendable {
    public let database: Database
    /// Counts of the write pipeline (WritePipeline.swift).
    let pipeline = PipelineCounters()

    /// Opens (creating) the database at `path` and applies every migration in `migrations`.
    /// `groupCommit: false` gives one transaction and one COMMIT per write (the benchmark baseline).
    public init(path: String, migrations: URL, readers: Int = 4, durability: Durability = .full,
                groupCommit: Bool = true) throws {
        database = try Database(path: path, readers: readers, durability: durability, groupCommit: groupCommit)
        _ = try Migrator(directory: migrations).migrate(database)
    }

    /// Wraps an already opened (and migrated) database.
    public init(database: Database) {
        self.database = database
    }

    /// A consistent snapshot for the whole body.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try database.read(body)
    }

    /// A snapshot for a write's decision, on the readers computed reads never hold up.
    public func readForWrite<T>(_ body: (Connection) throws -> T) throws -> T {
        try database.read(lane: .write, body)
    }

    /// Blocking write: returns after the durable COMMIT.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        try database.write(body)
    }

    /// Group-committed write: `completion` runs after the durable COMMIT (or with the error).
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T,
                                   completion: @escaping @Sendable (Result<T, Error>) -> Void) {
        database.write(body, completion: completion)
    }

    /// `SELECT 1` on a reader: the readiness probe.
    public func ping() -> Bool {
        (try? database.read { try $0.scalar("SELECT 1").int64Value }) == 1
    }

    public func close() { database.close() }
}
