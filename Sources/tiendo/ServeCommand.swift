import Foundation
import TiendoAPI
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// `tiendo serve`: migrate, bootstrap the admin token, optionally load the demo,
/// then serve until SIGTERM/SIGINT, drain, close the database and exit 0.
enum ServeCommand {
    static func run(_ arguments: Arguments) throws -> Int32 {
        var configuration = HTTPServerConfiguration.fromEnvironment(arguments.environment)
        if let host = arguments.value("host") { configuration.host = host }
        if let port = try arguments.integer("port") { configuration.port = port }

        let clock = try APIClock.fromEnvironment(arguments.environment)
        let groupCommit = try DatabaseOpener.groupCommit(arguments)
        let database = try DatabaseOpener.openMigrated(arguments, groupCommit: groupCommit)
        let store = Store(database: database)
        let tokens = TokenService(store: store, clock: clock)
        if try tokens.bootstrapFromEnvironment(arguments.environment) {
            Log.event("admin_token_bootstrapped", ["source": "TIENDO_ADMIN_TOKEN"])
        }
        if arguments.flag("demo") {
            try DemoCommand.loadIfEmpty(store: store, clock: clock)
        }

        let server = HTTPServer(configuration: configuration, responder: makeApplication(
            store: store, clock: clock, answerCacheBytes: try ReadCaches.answerBytes(fromEnvironment: arguments.environment)))
        let port = try server.start()
        let webhooks = try WebhookWorker.fromEnvironment(store: store, clock: clock, arguments.environment)
        webhooks.start()
        Log.event("listening", ["host": configuration.host, "port": port, "db": database.path,
                                "group_commit": groupCommit ? "on" : "off"])
        // The signal handler drains the server; this thread then closes the database.
        let signalSources = server.shutdownOnSignals()
        withExtendedLifetime(signalSources) { server.waitUntilStopped() }
        webhooks.stop()
        store.close()
        // How well group commit batched (writes per COMMIT is the figure the write path lives
        // on) and how the WAL was kept in check.
        let st = store.database.statistics, ck = store.database.checkpoints
        Log.event("stopped", ["writes": st.committedWrites, "failed_writes": st.failedWrites, "commits": st.commits,
                              "largest_batch": st.largestBatch, "checkpoints": ck.background,
                              "writer_checkpoints": ck.inline, "largest_wal_frames": ck.largestWAL])
        return 0
    }
}

/// `tiendo migrate`: applies pending migrations and says what it did.
enum MigrateCommand {
    static func run(_ arguments: Arguments) throws -> Int32 {
        let directory = try MigrationsLocator.find(arguments)
        let database = try Database(path: DatabaseOpener.path(arguments), readers: 1)
        defer { database.close() }
        let applied = try Migrator(directory: directory).migrate(database)
        if applied.isEmpty { print("up to date: nothing to apply") }
        for migration in applied { print("applied \(migration.fileName)") }
        return 0
    }
}

/// `tiendo backup --to FILE`: SQLite's online backup, safe while the server writes.
enum BackupCommand {
    static func run(_ arguments: Arguments) throws -> Int32 {
        let destination = try arguments.required("to")
        try Backup.copy(fromPath: DatabaseOpener.path(arguments), to: destination)
        print("backed up \(DatabaseOpener.path(arguments)) to \(destination)")
        return 0
    }
}

/// `tiendo bench-store`: durable concurrent inserts through the writer, with and
/// without group commit, in the same run (the figure behind "a 201 is on disk").
enum BenchStoreCommand {
    static func run(_ arguments: Arguments) throws -> Int32 {
        let writers = try arguments.integer("writers") ?? 64
        let rows = try arguments.integer("rows") ?? 50
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        print("writers=\(writers) rows_per_writer=\(rows) synchronous=FULL")
        var rates: [Bool: Double] = [:]
        for grouped in [true, false] {
            let path = folder.appendingPathComponent(grouped ? "grouped.sqlite" : "single.sqlite").path
            let result = try WriteBenchmark.run(path: path, writers: writers, rowsPerWriter: rows, groupCommit: grouped)
            let rate = Double(result.rows) / result.seconds
            rates[grouped] = rate
            let label = (grouped ? "group commit" : "one commit per write").padding(toLength: 22, withPad: " ", startingAt: 0)
            print(label + String(format: "%8d rows %8.3f s %10.0f rows/s", result.rows, result.seconds, rate))
        }
        if let a = rates[true], let b = rates[false], b > 0 { print(String(format: "ratio: %.1fx", a / b)) }
        return 0
    }
}
