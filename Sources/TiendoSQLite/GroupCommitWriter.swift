import CSQLite
import Foundation

/// Counters for tests and the benchmark.
public struct DatabaseStatistics: Sendable, Equatable {
    /// Write closures that ran and were committed.
    public var committedWrites = 0
    /// Write closures answered with an error (their own, or the batch's COMMIT).
    public var failedWrites = 0
    /// COMMITs that succeeded — with group commit, fewer than `committedWrites`.
    public var commits = 0
    /// Batches run (a batch is one BEGIN IMMEDIATE … COMMIT/ROLLBACK).
    public var batches = 0
    /// The largest number of writes that shared one transaction.
    public var largestBatch = 0
}

/// A queued write, type-erased. Touched only on the writer queue until answered.
struct WriteJob: Sendable {
    /// Runs the caller's body and keeps its value for `succeed`.
    let perform: @Sendable (Connection) throws -> Void
    let succeed: @Sendable () -> Void
    let fail: @Sendable (Error) -> Void
}

/// Holds one write's value between running its body and its COMMIT.
/// @unchecked Sendable: set and read only on the writer queue, then handed over once.
final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// One writer connection on one serial queue. Writes that queue up while a COMMIT (and its fsync)
/// is in progress are run together in the next transaction, each in its own SAVEPOINT, and share
/// one COMMIT. Callers are answered after that COMMIT.
/// @unchecked Sendable: `pending`, `scheduled`, `closed` and `stats` are guarded by `lock`;
/// `connection` is used only on `queue`.
final class GroupCommitWriter: @unchecked Sendable {
    private let connection: Connection
    let queue: DispatchQueue
    private let queueKey = DispatchSpecificKey<ObjectIdentifier>()
    private let lock = NSLock()
    private var pending: [WriteJob] = []
    private var scheduled = false
    private var closed = false
    private var stats = DatabaseStatistics()
    let maxBatch: Int

    init(connection: Connection, label: String, maxBatch: Int) {
        self.connection = connection
        self.maxBatch = max(1, maxBatch)
        self.queue = DispatchQueue(label: label, qos: .userInitiated)
        queue.setSpecific(key: queueKey, value: ObjectIdentifier(self))
    }

    var isOnWriterQueue: Bool { DispatchQueue.getSpecific(key: queueKey) == ObjectIdentifier(self) }

    /// Writes queued and not yet taken into a batch.
    var queueDepth: Int {
        lock.lock(); defer { lock.unlock() }
        return pending.count
    }

    var statistics: DatabaseStatistics {
        lock.lock(); defer { lock.unlock() }
        return stats
    }

    func enqueue<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T,
                              deliver: @escaping @Sendable (Result<T, Error>) -> Void) {
        let box = ResultBox<T>()
        let job = WriteJob(
            perform: { box.value = try body($0) },
            succeed: { deliver(.success(box.value!)) },
            fail: { deliver(.failure($0)) })
        lock.lock()
        if closed {
            lock.unlock()
            job.fail(SQLiteError.misuse("database is closed"))
            return
        }
        pending.append(job)
        let start = !scheduled
        scheduled = true
        lock.unlock()
        if start { queue.async { self.drain() } }
    }

    /// Runs `body` on the writer queue outside any transaction, between batches.
    func exclusive<T>(_ body: (Connection) throws -> T) throws -> T {
        if isOnWriterQueue { throw SQLiteError.misuse("writeWithoutTransaction called from inside a write") }
        return try queue.sync {
            let c = connection
            _ = try c.live()
            let result = Result { try body(c) }
            if !c.isAutocommit {
                // Never leave the writer inside a transaction: every later batch would fail to BEGIN.
                try? c.run("ROLLBACK")
                if case .success = result {
                    throw SQLiteError.misuse("writeWithoutTransaction body left a transaction open; it was rolled back")
                }
            }
            return try result.get()
        }
    }

    /// Stops accepting writes and waits for the queued ones to be answered.
    func stop() {
        lock.lock()
        closed = true
        lock.unlock()
        // Every accepted job has a drain block queued before this one (enqueue schedules under the lock).
        if !isOnWriterQueue { queue.sync {} }
    }

    /// Closes the connection (after `stop`). Closed last, SQLite checkpoints and removes the WAL.
    func closeConnection() {
        if isOnWriterQueue {
            // Closed from inside a write (e.g. the last reference dropped there): close after the current drain.
            queue.async { self.connection.close() }
        } else {
            queue.sync {
                if connection.isOpen { try? connection.execute("PRAGMA optimize") }  // cheap; keeps planner stats fresh
                connection.close()
            }
        }
    }

    // MARK: On the writer queue

    private func drain() {
        while true {
            lock.lock()
            if pending.isEmpty {
                scheduled = false
                lock.unlock()
                return
            }
            let n = min(maxBatch, pending.count)
            let batch = Array(pending.prefix(n))
            pending.removeFirst(n)
            lock.unlock()
            runBatch(batch)
        }
    }

    private func record(_ update: (inout DatabaseStatistics) -> Void) {
        lock.lock(); update(&stats); lock.unlock()
    }

    private func runBatch(_ batch: [WriteJob]) {
        guard !batch.isEmpty else { return }
        let db = connection
        record { $0.batches += 1 }
        do {
            try db.run("BEGIN IMMEDIATE")
        } catch {
            record { $0.failedWrites += batch.count }
            for job in batch { job.fail(error) }
            return
        }

        var done: [WriteJob] = []  // ran and released; waiting for COMMIT
        var failed: [(WriteJob, Error)] = []
        for (i, job) in batch.enumerated() {
            var jobError: Error?
            do {
                try db.run("SAVEPOINT tiendo_write")
                try job.perform(db)
                if db.isAutocommit {
                    // The body ended the transaction itself (COMMIT/ROLLBACK in its SQL).
                    jobError = SQLiteError.misuse("a write must not end the transaction it runs in")
                } else {
                    try db.run("RELEASE tiendo_write")
                }
            } catch {
                jobError = error
            }
            guard let jobError else { done.append(job); continue }

            if !db.isAutocommit {
                do {
                    try db.run("ROLLBACK TO tiendo_write")
                    try db.run("RELEASE tiendo_write")
                    failed.append((job, jobError))
                    continue
                } catch {
                    try? db.run("ROLLBACK")
                }
            }
            // The whole transaction is gone (SQLite rolled it back on e.g. SQLITE_FULL/IOERR, or
            // the savepoint could not be restored): answer this write, re-run the others that
            // had not been committed in a fresh transaction.
            record { $0.failedWrites += 1 + failed.count }
            job.fail(jobError)
            for (j, e) in failed { j.fail(e) }
            runBatch(done + batch[(i + 1)...])
            return
        }

        var commitError: Error?
        if done.isEmpty {
            do { try db.run("ROLLBACK") } catch { commitError = error }
        } else {
            do {
                try db.run("COMMIT")
            } catch {
                commitError = error
                if !db.isAutocommit { try? db.run("ROLLBACK") }
                if done.count > 1, (error as? SQLiteError)?.isConstraintViolation == true {
                    // A deferred constraint (e.g. DEFERRABLE foreign key) is only checked at COMMIT,
                    // so we cannot tell whose write broke it: re-run each write in a transaction of
                    // its own, so only the guilty one fails.
                    record {
                        $0.largestBatch = max($0.largestBatch, batch.count)
                        $0.failedWrites += failed.count
                    }
                    for (job, e) in failed { job.fail(e) }
                    for job in done { runBatch([job]) }
                    return
                }
            }
        }
        let committed = commitError == nil ? done.count : 0
        record {
            if committed > 0 { $0.commits += 1 }
            $0.committedWrites += committed
            $0.failedWrites += failed.count + (done.count - committed)
            $0.largestBatch = max($0.largestBatch, batch.count)
        }
        if let commitError {
            for job in done { job.fail(commitError) }
        } else {
            for job in done { job.succeed() }
        }
        for (job, e) in failed { job.fail(e) }
    }
}
