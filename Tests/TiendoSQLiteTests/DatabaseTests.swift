import Foundation
import XCTest
@testable import TiendoSQLite

final class DatabaseTests: XCTestCase {
    func makeDB(_ name: String = "db.sqlite", readers: Int = 4) throws -> Database {
        let dir = makeTempDir(self)
        let db = try Database(path: dir.appendingPathComponent(name).path, readers: readers)
        addTeardownBlock { db.close() }
        return db
    }

    func testPragmas() throws {
        let db = try makeDB()
        try db.writeWithoutTransaction { c in
            XCTAssertEqual(try c.scalar("PRAGMA journal_mode"), "wal")
            XCTAssertEqual(try c.scalar("PRAGMA synchronous"), 2)  // FULL
            XCTAssertEqual(try c.scalar("PRAGMA foreign_keys"), 1)
            XCTAssertEqual(try c.scalar("PRAGMA busy_timeout"), 5000)
        }
        try db.read { c in
            XCTAssertEqual(try c.scalar("PRAGMA foreign_keys"), 1)
            XCTAssertTrue(c.isReadOnly)
            XCTAssertThrowsError(try c.execute("CREATE TABLE x (a)")) { e in
                XCTAssertEqual((e as! SQLiteError).primaryCode, 8)  // SQLITE_READONLY
            }
        }
    }

    /// 64 writers at once: all land with distinct ids, one bad write fails alone, and the writes
    /// shared transactions.
    func testGroupCommitSixtyFourWriters() throws {
        let db = try makeDB()
        try db.write { try $0.execute("CREATE TABLE r (id INTEGER PRIMARY KEY, who TEXT UNIQUE NOT NULL)") }
        try db.write { try $0.run("INSERT INTO r (who) VALUES ('taken')") }

        // Hold the writer so that all 64 writes queue up behind it.
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        db.write({ _ in holding.signal(); release.wait() }, completion: { _ in })
        holding.wait()
        let before = db.statistics

        let results = Locked([Int: Result<Int64, Error>]())
        let group = DispatchGroup()
        for i in 0..<64 {
            group.enter()
            let who = i == 17 ? "taken" : "huyện \(i)"
            db.write({ c in
                try c.run("INSERT INTO r (who) VALUES (?)", [.text(who)])
                return c.lastInsertRowID
            }, completion: { r in
                results.with { $0[i] = r }
                group.leave()
            })
        }
        release.signal()
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)

        let all = results.value
        XCTAssertEqual(all.count, 64)
        var ids = Set<Int64>()
        for (i, r) in all {
            switch r {
            case .success(let id):
                XCTAssertNotEqual(i, 17)
                ids.insert(id)
            case .failure(let e):
                XCTAssertEqual(i, 17, "unexpected failure \(e)")
                XCTAssertEqual((e as? SQLiteError)?.code, 2067)
            }
        }
        XCTAssertEqual(ids.count, 63, "each write got its own id")
        let stored = try db.read { c in Set(try c.query("SELECT id FROM r WHERE who <> 'taken'").map { $0.int(0)! }) }
        XCTAssertEqual(stored, ids)

        let s = db.statistics
        XCTAssertEqual(s.committedWrites - before.committedWrites, 64)  // 63 + the holder
        XCTAssertEqual(s.failedWrites - before.failedWrites, 1)
        XCTAssertLessThanOrEqual(s.commits - before.commits, 2, "the 64 writes shared one transaction: \(s)")
        XCTAssertGreaterThanOrEqual(s.largestBatch, 64)
    }

    /// Concurrent blocking writers from real threads: everything lands, fewer commits than writes.
    func testConcurrentBlockingWritersBatch() throws {
        let db = try makeDB()
        try db.write { try $0.execute("CREATE TABLE r (id INTEGER PRIMARY KEY, w INTEGER, n INTEGER)") }
        let group = DispatchGroup()
        let errors = Locked(0)
        for w in 0..<64 {
            group.enter()
            Thread {
                for n in 0..<10 {
                    do { try db.write { try $0.run("INSERT INTO r (w, n) VALUES (?, ?)", [.integer(Int64(w)), .integer(Int64(n))]) } }
                    catch { errors.with { $0 += 1 } }
                }
                group.leave()
            }.start()
        }
        group.wait()
        XCTAssertEqual(errors.value, 0)
        XCTAssertEqual(try db.read { try $0.scalar("SELECT count(*) FROM r") }, 640)
        let s = db.statistics
        XCTAssertLessThan(s.commits, s.committedWrites, "group commit merged some writes: \(s)")
    }

    func testReadersAreNotBlockedByAnOpenWriteTransaction() throws {
        let db = try makeDB()
        try db.write { c in
            try c.execute("CREATE TABLE t (n INTEGER)")
            try c.run("INSERT INTO t VALUES (1)")
        }
        let inside = DispatchSemaphore(value: 0), readDone = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        db.write({ c in
            try c.run("INSERT INTO t VALUES (2)")
            inside.signal()
            readDone.wait()  // the transaction stays open until the test has read
        }, completion: { r in
            if case .failure(let e) = r { XCTFail("\(e)") }
            finished.signal()
        })
        inside.wait()
        // Several parallel readers, all while the writer holds its transaction open.
        let counts = Locked([Int64]())
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let n = try? db.read { try $0.scalar("SELECT count(*) FROM t").int64Value }
            counts.with { $0.append(n ?? -1) }
        }
        XCTAssertEqual(counts.value, [1, 1, 1, 1], "readers see the last committed state")
        readDone.signal()
        finished.wait()
        XCTAssertEqual(try db.read { try $0.scalar("SELECT count(*) FROM t") }, 2)
    }

    func testReadIsOneSnapshotAndNests() throws {
        let db = try makeDB(readers: 1)
        try db.write { try $0.execute("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1);") }
        try db.read { c in
            XCTAssertEqual(try c.scalar("SELECT count(*) FROM t"), 1)
            try db.write { try $0.run("INSERT INTO t VALUES (2)") }
            XCTAssertEqual(try c.scalar("SELECT count(*) FROM t"), 1, "same snapshot within one read")
            // Nested read with a pool of one does not deadlock.
            XCTAssertEqual(try db.read { try $0.scalar("SELECT count(*) FROM t") }, 1)
        }
        XCTAssertEqual(try db.read { try $0.scalar("SELECT count(*) FROM t") }, 2)
    }

    func testCompletionMayWriteAgainAndBodyMayNotBlockOnWrite() throws {
        let db = try makeDB()
        try db.write { try $0.execute("CREATE TABLE t (n INTEGER)") }
        let done = DispatchSemaphore(value: 0)
        db.write({ c in try c.run("INSERT INTO t VALUES (1)") }, completion: { _ in
            // A completion calling the blocking write must not deadlock.
            let r = Result { try db.write { try $0.run("INSERT INTO t VALUES (2)") } }
            if case .failure(let e) = r { XCTFail("\(e)") }
            done.signal()
        })
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(try db.read { try $0.scalar("SELECT count(*) FROM t") }, 2)
        // A body calling the blocking write gets an error instead of a deadlock.
        XCTAssertThrowsError(try db.write { _ in try db.write { _ in 1 } }) { e in
            XCTAssertEqual((e as? SQLiteError)?.code, 21)
        }
    }

    func testTransactionInsideWriteNestsAndBodyErrorsRollBackAlone() throws {
        let db = try makeDB()
        try db.write { try $0.execute("CREATE TABLE t (n INTEGER)") }
        struct Nope: Error {}
        XCTAssertThrowsError(try db.write { c in
            try c.transaction { try c.run("INSERT INTO t VALUES (1)") }
            throw Nope()
        }) { XCTAssertTrue($0 is Nope) }
        try db.write { c in try c.transaction { try c.run("INSERT INTO t VALUES (2)") } }
        XCTAssertEqual(try db.read { try $0.query("SELECT n FROM t").map { $0.int(0)! } }, [2])
    }

    /// Past 1,000 WAL frames the checkpoint runs on the checkpointer's connection, not in the
    /// writer's COMMIT (the writer has no auto-checkpoint), copies the pages into the file,
    /// and readers and writers carry on meanwhile; the WAL is then reused from its start.
    func testCheckpointsRunInTheBackground() throws {
        let dir = makeTempDir(self)
        let path = dir.appendingPathComponent("ckpt.sqlite").path
        let db = try Database(path: path, readers: 2)
        addTeardownBlock { db.close() }
        try db.writeWithoutTransaction { c in
            XCTAssertEqual(try c.scalar("PRAGMA wal_autocheckpoint"), 0, "the writer does not checkpoint in its COMMITs")
            try c.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, pad BLOB)")
        }
        XCTAssertEqual(db.checkpoints.background, 0)
        let done = DispatchSemaphore(value: 0)
        db.notifyAfterNextCheckpoint(done)
        // ~1,200 pages of 4 KiB, one commit per 50 rows: past the threshold.
        for batch in 0..<24 {
            try db.write { c in
                for i in 0..<50 { try c.run("INSERT INTO t VALUES (?, zeroblob(4000))", [.integer(Int64(batch * 50 + i))]) }
            }
        }
        XCTAssertEqual(done.wait(timeout: .now() + 60), .success, "a checkpoint ran")
        XCTAssertGreaterThanOrEqual(db.checkpoints.background, 1)
        // The pages reached the database file itself (it held a few pages before).
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        XCTAssertGreaterThan(size, 3_000_000)
        XCTAssertEqual(try db.read { try $0.scalar("SELECT count(*) FROM t") }, 1200)
    }

    /// A writer that never pauses: a background checkpoint then never finds the whole WAL
    /// copied, and the WAL could only grow. Past its ceiling the writer checkpoints itself and
    /// the WAL starts over, so it stays bounded.
    func testWALStaysBoundedUnderSustainedWrites() throws {
        let dir = makeTempDir(self)
        let path = dir.appendingPathComponent("bounded.sqlite").path
        // At most 4 writes (160 pages) per commit, so that one commit cannot jump the ceiling.
        let db = try Database(path: path, readers: 2, maxBatch: 4)
        addTeardownBlock { db.close() }
        try db.write { try $0.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, pad BLOB)") }
        // 12,000 pages, 40 per write, all queued at once so the writer never pauses: three
        // times the 4,000-frame ceiling.
        let done = DispatchSemaphore(value: 0)
        let total = 300
        for batch in 0..<total {
            db.write({ c in
                for i in 0..<40 { try c.run("INSERT INTO t VALUES (?, zeroblob(4000))", [.integer(Int64(batch * 40 + i))]) }
            }, completion: { _ in if batch == total - 1 { done.signal() } })
        }
        XCTAssertEqual(done.wait(timeout: .now() + 120), .success)
        let counts = db.checkpoints
        XCTAssertGreaterThanOrEqual(counts.inline, 1, "the writer checkpointed itself past the ceiling")
        // The commit that crosses the ceiling overshoots it by at most one commit (~160 frames).
        XCTAssertLessThan(counts.largestWAL, 4000 + 2 * 170, "frames in the WAL stayed near the ceiling")
        let wal = (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        XCTAssertLessThan(wal, 20 << 20, "the WAL file stayed near 17 MiB, not the 48 MiB written")
        XCTAssertEqual(try db.read { try $0.scalar("SELECT count(*) FROM t").int64Value }, Int64(total * 40))
    }

    func testCloseWaitsForQueuedWritesThenRefuses() throws {
        let dir = makeTempDir(self)
        let path = dir.appendingPathComponent("c.sqlite").path
        let db = try Database(path: path, readers: 2)
        try db.write { try $0.execute("CREATE TABLE t (n INTEGER)") }
        let answered = Locked(0)
        for i in 0..<100 {
            db.write({ try $0.run("INSERT INTO t VALUES (?)", [.integer(Int64(i))]) }, completion: { r in
                if case .success = r { answered.with { $0 += 1 } }
            })
        }
        db.close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"), "WAL checkpointed away on close")
        XCTAssertThrowsError(try db.write { _ in 1 })
        XCTAssertThrowsError(try db.read { _ in 1 })
        let c = try Connection(path: path, mode: .readOnly)
        XCTAssertEqual(try c.scalar("SELECT count(*) FROM t"), 100)
    }

    func testAsyncVariants() async throws {
        let db = try makeDB()
        let id: Int64 = try await db.write { c in
            try c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)")
            try c.run("INSERT INTO t (s) VALUES (?)", ["Sở Tài chính"])
            return c.lastInsertRowID
        }
        let s: String? = try await db.read { try $0.queryOne("SELECT s FROM t WHERE id = ?", [.integer(id)])?.string("s") }
        XCTAssertEqual(s, "Sở Tài chính")
    }

    /// Holds the writer, queues `bodies` behind it, releases; returns their results in order.
    func queuedTogether(_ db: Database, _ bodies: [@Sendable (Connection) throws -> Void]) throws -> [Result<Void, Error>] {
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        db.write({ _ in holding.signal(); release.wait() }, completion: { _ in })
        holding.wait()
        let results = Locked([Int: Result<Void, Error>]())
        let group = DispatchGroup()
        for (i, body) in bodies.enumerated() {
            group.enter()
            db.write(body, completion: { r in results.with { $0[i] = r }; group.leave() })
        }
        release.signal()
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
        return (0..<bodies.count).map { results.value[$0]! }
    }

    func testWriteThatEndsTheSharedTransactionFailsAloneAndOthersAreRerun() throws {
        let db = try makeDB()
        try db.write { try $0.execute("CREATE TABLE t (n INTEGER)") }
        let r = try queuedTogether(db, [
            { try $0.run("INSERT INTO t VALUES (1)") },
            { c in try c.run("INSERT INTO t VALUES (2)"); try c.execute("ROLLBACK") },  // kills the batch's transaction
            { try $0.run("INSERT INTO t VALUES (3)") },
        ])
        XCTAssertNoThrow(try r[0].get())
        XCTAssertThrowsError(try r[1].get()) { XCTAssertEqual(($0 as? SQLiteError)?.code, 21) }
        XCTAssertNoThrow(try r[2].get())
        XCTAssertEqual(try db.read { try $0.query("SELECT n FROM t ORDER BY n").map { $0.int(0)! } }, [1, 3])
    }

    func testDeferredConstraintFailingAtCommitBlamesOnlyItsWrite() throws {
        let db = try makeDB()
        try db.write { try $0.execute("""
            CREATE TABLE unit (id TEXT PRIMARY KEY);
            CREATE TABLE report (id INTEGER PRIMARY KEY,
                                 unit_id TEXT REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED);
            INSERT INTO unit VALUES ('so-y-te');
            """) }
        let r = try queuedTogether(db, [
            { try $0.run("INSERT INTO report (unit_id) VALUES ('so-y-te')") },
            { try $0.run("INSERT INTO report (unit_id) VALUES ('khong-co')") },  // violates at COMMIT
            { try $0.run("INSERT INTO report (unit_id) VALUES ('so-y-te')") },
        ])
        XCTAssertNoThrow(try r[0].get())
        XCTAssertThrowsError(try r[1].get()) { XCTAssertEqual(($0 as? SQLiteError)?.code, 787) }
        XCTAssertNoThrow(try r[2].get())
        XCTAssertEqual(try db.read { try $0.scalar("SELECT count(*) FROM report") }, 2)
    }

    func testDiskFullWriteFailsAloneInABatch() throws {
        let db = try makeDB()
        try db.write { try $0.execute("CREATE TABLE t (n INTEGER, b BLOB)") }
        let pages = try db.writeWithoutTransaction { try $0.scalar("PRAGMA page_count").int64Value! }
        try db.writeWithoutTransaction { try $0.execute("PRAGMA max_page_count = \(pages + 20)") }
        let r = try queuedTogether(db, [
            { try $0.run("INSERT INTO t VALUES (1, NULL)") },
            { try $0.run("INSERT INTO t VALUES (2, ?)", [.blob(Array(repeating: 7, count: 1 << 20))]) },  // SQLITE_FULL
            { try $0.run("INSERT INTO t VALUES (3, NULL)") },
        ])
        XCTAssertNoThrow(try r[0].get())
        XCTAssertThrowsError(try r[1].get()) { XCTAssertEqual(($0 as? SQLiteError)?.primaryCode, 13) }
        XCTAssertNoThrow(try r[2].get())
        XCTAssertEqual(try db.read { try $0.query("SELECT n FROM t ORDER BY n").map { $0.int(0)! } }, [1, 3])
    }

    func testWriteWithoutTransactionCannotLeaveOneOpen() throws {
        let db = try makeDB()
        try db.write { try $0.execute("CREATE TABLE t (n INTEGER)") }
        XCTAssertThrowsError(try db.writeWithoutTransaction { c in
            try c.execute("BEGIN; INSERT INTO t VALUES (1);")
        }) { XCTAssertEqual(($0 as? SQLiteError)?.code, 21) }
        try db.write { try $0.run("INSERT INTO t VALUES (2)") }  // the writer still works
        XCTAssertEqual(try db.read { try $0.query("SELECT n FROM t").map { $0.int(0)! } }, [2])
    }
}
