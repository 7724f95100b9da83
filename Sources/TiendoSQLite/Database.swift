import CSQLite
import Foundation

/// What a successful write promises.
public enum Durability: Sendable {
    /// synchronous=FULL: when `write` answers, the WAL holding the commit has been fsynced.
    case full
    /// synchronous=NORMAL: survives a process crash, may lose the last commits on power loss.
    case normal
}

/// # Using TiendoSQLite
///
/// ```swift
/// let db = try Database(path: "tiendo.sqlite")                 // WAL, foreign_keys, synchronous=FULL
/// try Migrator(directory: URL(fileURLWithPath: "migrations")).migrate(db)
/// let id = try db.write { c in                                 // answered after the COMMIT (on disk)
///     try c.run("INSERT INTO units (id, name) VALUES (?, ?)", [.text(slug), .text(name)])
///     return c.lastInsertRowID
/// }
/// let rows = try db.read { c in try c.query("SELECT * FROM units WHERE kind = ?", ["district"]) }
/// ```
/// - A write body runs inside a transaction shared with other queued writes (in its own
///   SAVEPOINT). Throwing from it rolls back only its own changes. `c.transaction { }` inside a
///   write nests as a savepoint. Don't put BEGIN/COMMIT in write SQL; use `writeWithoutTransaction`.
/// - A body should only touch the database: in rare failure cases (SQLite rolling back the whole
///   transaction, a deferred constraint failing at COMMIT) it is run again.
/// - A read body sees one consistent snapshot; it never waits for the writer.
/// - Constraint errors: `(error as? SQLiteError)?.isUniqueViolation`, `.code == 2067`, …
///
/// The pool: one writer connection on a serial queue with group commit, and `readers` read-only
/// connections used in parallel under WAL (a reader never waits for the writer).
/// @unchecked Sendable: the writer's connection is confined to its queue and the readers to the
/// pool's lock/semaphore discipline; everything else is immutable.
public final class Database: @unchecked Sendable {
    public let path: String
    public let durability: Durability
    public let readerCount: Int
    public let groupCommit: Bool
    private let writer: GroupCommitWriter
    private let readers: ReaderPool
    private let checkpointer: Checkpointer
    private let closeLock = NSLock()
    private var isClosed = false

    /// Opens (creating if needed) the database at `path` — a file path, not `:memory:`.
    /// - Parameters:
    ///   - readers: read-only connections (default: the number of cores, at least 2).
    ///   - groupCommit: `false` gives one transaction and one COMMIT per write (benchmark baseline).
    ///   - maxBatch: most writes sharing one transaction.
    public init(path: String,
                readers: Int = max(2, ProcessInfo.processInfo.activeProcessorCount),
                durability: Durability = .full,
                busyTimeoutMs: Int32 = 5000,
                groupCommit: Bool = true,
                maxBatch: Int = 256) throws {
        precondition(readers >= 1, "at least one reader")
        self.path = path
        self.durability = durability
        self.readerCount = readers
        self.groupCommit = groupCommit

        let w = try Connection(path: path, mode: .readWriteCreate, busyTimeoutMs: busyTimeoutMs)
        let mode = try w.scalar("PRAGMA journal_mode = WAL").stringValue?.lowercased()
        guard mode == "wal" else {
            throw SQLiteError(code: SQLITE_ERROR, message: "could not switch \(path) to WAL (journal_mode is \(mode ?? "?"))")
        }
        let synchronous = durability == .full ? "FULL" : "NORMAL"
        try w.execute("PRAGMA synchronous = \(synchronous)")
        // After a checkpoint resets the WAL, truncate it back to at most 64 MiB instead of keeping its peak size.
        try w.execute("PRAGMA journal_size_limit = 67108864")
        // Make sure the file has a header and the WAL index exists before read-only connections open it.
        _ = try w.scalar("SELECT count(*) FROM sqlite_schema")

        var pool: [Connection] = []
        for _ in 0..<readers {
            pool.append(try Connection(path: path, mode: .readOnly, busyTimeoutMs: busyTimeoutMs))
        }
        // One more reader only writes' validations take (ReadLane.write).
        let reserved = [try Connection(path: path, mode: .readOnly, busyTimeoutMs: busyTimeoutMs)]
        let checkpointer = try Checkpointer(path: path, synchronous: synchronous, busyTimeoutMs: busyTimeoutMs)
        try checkpointer.hook(w)
        self.checkpointer = checkpointer
        self.writer = GroupCommitWriter(connection: w, label: "tiendo.sqlite.writer",
                                        maxBatch: groupCommit ? maxBatch : 1)
        self.readers = ReaderPool(connections: pool, reserved: reserved)
    }

    deinit { close() }

    // MARK: Reading

    /// Runs `body` on a free read-only connection, inside one read transaction (a consistent
    /// snapshot across all its queries). Blocks the caller while waiting for a free reader;
    /// never waits for the writer. Nested `read` on the same thread reuses the connection.
    public func read<T>(lane: ReadLane = .general, _ body: (Connection) throws -> T) throws -> T {
        try readers.with(lane: lane) { c in
            if !c.isAutocommit { return try body(c) }  // nested
            try c.run("BEGIN DEFERRED")
            defer { if !c.isAutocommit { try? c.run("COMMIT") } }
            return try body(c)
        }
    }

    /// `read` for async callers: the blocking part runs on a Dispatch thread, not the cooperative pool.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { cont in
            DispatchQueue.global().async {
                cont.resume(with: Result { try self.read(body) })
            }
        }
    }

    // MARK: Writing

    /// Queues a write. It runs in its own SAVEPOINT inside a transaction shared with the writes
    /// queued alongside it; `completion` is called (on a global queue, never the writer's) after
    /// the COMMIT holding it succeeded, or with its own error (rolled back alone), or with the
    /// COMMIT's error. The body must only touch the database: it may be re-run if SQLite rolls
    /// back the whole transaction because of another write (e.g. disk full).
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T,
                                   completion: @escaping @Sendable (Result<T, Error>) -> Void) {
        writer.enqueue(body) { result in
            DispatchQueue.global().async { completion(result) }
        }
    }

    /// Blocking `write`: returns after the COMMIT holding it. Must not be called from inside a write body.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        if writer.isOnWriterQueue { throw SQLiteError.misuse("write() called from inside a write body") }
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<Result<T, Error>>()
        writer.enqueue(body) { result in
            box.value = result
            done.signal()
        }
        done.wait()
        return try box.value!.get()
    }

    /// `write` for async callers.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { cont in
            writer.enqueue(body) { cont.resume(with: $0) }
        }
    }

    /// Runs `body` on the writer connection, outside any transaction, between batches: for
    /// migrations, VACUUM, checkpoints — anything that manages its own transactions.
    public func writeWithoutTransaction<T>(_ body: (Connection) throws -> T) throws -> T {
        try writer.exclusive(body)
    }

    public var statistics: DatabaseStatistics { writer.statistics }

    /// Writes waiting for the writer (not yet in a batch): for /metrics.
    public var writerQueueDepth: Int { writer.queueDepth }

    /// WAL checkpoints run so far by the background checkpointer and by the writer (past the
    /// WAL's ceiling), and the most frames a commit left in the WAL.
    public var checkpoints: (background: Int, inline: Int, largestWAL: Int) { checkpointer.counts }

    /// Signals `semaphore` when the background checkpointer next finishes a checkpoint (tests).
    func notifyAfterNextCheckpoint(_ semaphore: DispatchSemaphore) { checkpointer.notifyAfterNextCheckpoint(semaphore) }

    /// Waits for queued writes, then closes every connection. Later calls fail with SQLITE_MISUSE.
    public func close() {
        closeLock.lock()
        if isClosed { closeLock.unlock(); return }
        isClosed = true
        closeLock.unlock()
        writer.stop()
        readers.close()
        // The hook points at the checkpointer: remove it on the writer's queue before closing it.
        if writer.isOnWriterQueue { checkpointer.unhook() } else { _ = try? writer.exclusive { _ in checkpointer.unhook() } }
        checkpointer.close()
        writer.closeConnection()  // last connection out checkpoints the WAL into the file
    }
}
