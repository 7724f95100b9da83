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
        let database = try DatabaseOpener.openMigrated(arguments, groupCommit: groupCommit, create: true)
        let store = Store(database: database)
        let tokens = TokenService(store: store, clock: clock)
        if try tokens.bootstrapFromEnvironment(arguments.environment) {
            Log.event("admin_token_bootstrapped", ["source": "TIENDO_ADMIN_TOKEN"])
        } else if let t = arguments.environment["TIENDO_ADMIN_TOKEN"], !t.isEmpty {
            // Only an empty tokens table is bootstrapped: say so, or the operator thinks it works.
            Log.event("admin_token_ignored", ["source": "TIENDO_ADMIN_TOKEN",
                                              "reason": "tokens already exist; use tiendo token create or POST /api/v1/tokens"])
        }
        if arguments.flag("demo") {
            try DemoCommand.loadIfEmpty(store: store, clock: clock)
        }

        let options = try ApplicationOptions.fromEnvironment(arguments.environment)
        let server = HTTPServer(configuration: configuration, responder: makeApplication(
            store: store, clock: clock, answerCacheBytes: try ReadCaches.answerBytes(fromEnvironment: arguments.environment),
            // TIENDO_READ_MODEL=off answers every computed read from the revision history: the
            // full recomputation the read model is tested against (for checking, not for speed).
            readModel: arguments.environment["TIENDO_READ_MODEL"] != "off", options: options))
        options.server.attach(server)
        let port = try server.start()
        let webhooks = try WebhookWorker.fromEnvironment(store: store, clock: clock, arguments.environment)
        webhooks.start()
        // Handlers first: a SIGTERM sent as soon as "listening" is read must not be lost (between
        // SIG_IGN and the source's start it would be ignored and the server would run on).
        let signalSources = server.shutdownOnSignals()
        Log.event("listening", ["host": configuration.host, "port": port, "db": database.path,
                                "group_commit": groupCommit ? "on" : "off", "max_connections": server.connectionCap,
                                "max_connections_per_ip": configuration.maxConnectionsPerClient,
                                "metrics": options.metricsAccess.rawValue, "auth_max_failures": options.authBrake.maxFailures])
        // The signal handler drains the server; this thread then closes the database.
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
        try DatabaseOpener.requireExisting(arguments)
        if FileManager.default.fileExists(atPath: destination) {
            guard arguments.flag("force") else {
                throw UsageError("\(destination) exists; add --force to overwrite it")
            }
            // The copy replaces the file: stale -wal/-shm beside it would be read as part of it.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: destination + suffix) }
        }
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
