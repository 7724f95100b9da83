import CSQLite
import Foundation

/// Runs the WAL checkpoints on a connection and a thread of their own, instead of inside
/// the COMMIT that crossed the threshold on the writer's queue (SQLite's auto-checkpoint).
///
/// Why: a checkpoint copies ~1,000 pages from the WAL into the database file and fsyncs
/// it. Run by the writer, every write queued behind that COMMIT waits for it; run here, it
/// overlaps the writer's next batches. It is PASSIVE, like the auto-checkpoint it replaces:
/// it never waits for readers or the writer, and copies what it can.
///
/// A checkpoint that runs beside a writer that keeps appending rarely finds the whole WAL
/// copied, and only then may the writer start the WAL over from its beginning: under sustained
/// writes the WAL would grow without bound. So past `ceilingFrames` the writer checkpoints
/// itself, in the hook, as SQLite's auto-checkpoint did (after waiting for a background
/// checkpoint in progress, which holds the checkpoint lock): most pages are already copied by
/// then, and its next transaction starts the WAL over. A reader that holds an old snapshot
/// (a long backup, say) keeps the WAL from starting over until it ends, as with SQLite's own
/// auto-checkpoint; meanwhile each commit past the ceiling retries a cheap checkpoint.
///
/// The writer connection calls `walGrew` from its WAL hook after each commit, on the
/// writer's queue. @unchecked Sendable: the counters and flags are guarded by `lock`;
/// `connection` is used only on `queue`, `hooked` only on the writer's queue.
final class Checkpointer: @unchecked Sendable {
    private let connection: Connection
    private let queue = DispatchQueue(label: "tiendo.sqlite.checkpointer", qos: .utility)
    private let lock = NSLock()
    private var running = false
    private var closed = false
    private var completed = 0
    private var observers: [DispatchSemaphore] = []
    /// WAL frames (pages) after which a checkpoint is started: SQLite's default.
    let thresholdFrames: Int32
    /// WAL frames after which the writer checkpoints itself (bounds the WAL at ~16 MiB).
    let ceilingFrames: Int32
    private var hooked: OpaquePointer?
    private var inline = 0
    private var largestWAL: Int32 = 0
    /// WAL frames when the last background checkpoint started (0 after the WAL started over):
    /// the next one waits for half a threshold more, instead of following every commit with
    /// a checkpoint (and its fsync of the database file) that copies a few pages.
    private var startedAt: Int32 = 0

    init(path: String, synchronous: String, thresholdFrames: Int32 = 1000, busyTimeoutMs: Int32) throws {
        connection = try Connection(path: path, mode: .readWrite, busyTimeoutMs: busyTimeoutMs)
        // A checkpoint's fsyncs (WAL before copying, file before the WAL may be reused) follow
        // this connection's setting: the writer's.
        try connection.execute("PRAGMA synchronous = \(synchronous)")
        self.thresholdFrames = thresholdFrames
        self.ceilingFrames = 4 * thresholdFrames
    }

    /// Replaces `writer`'s auto-checkpoint with this checkpointer. Call before the writer is
    /// used on another thread; `unhook` it before this object goes away.
    func hook(_ writer: Connection) throws {
        let h = try writer.live()
        hooked = h
        sqlite3_wal_hook(h, { context, db, _, frames in
            guard let context, let db else { return SQLITE_OK }
            Unmanaged<Checkpointer>.fromOpaque(context).takeUnretainedValue().walGrew(frames: frames, writer: db)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Removes the hook (on the writer's queue, between batches).
    func unhook() {
        if let h = hooked { sqlite3_wal_hook(h, nil, nil) }
        hooked = nil
    }

    /// After a commit on `writer` left `frames` frames in the WAL (on the writer's queue).
    func walGrew(frames: Int32, writer: OpaquePointer) {
        lock.lock()
        largestWAL = max(largestWAL, frames)
        lock.unlock()
        if frames >= ceilingFrames {
            queue.sync {}  // a background checkpoint in progress holds the checkpoint lock
            _ = sqlite3_wal_checkpoint_v2(writer, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            lock.lock(); inline += 1; lock.unlock()
            return
        }
        guard frames >= thresholdFrames else { return }
        lock.lock()
        if frames < startedAt { startedAt = 0 }  // the WAL started over
        let start = !running && !closed && frames - startedAt >= thresholdFrames / 2
        if start { running = true; startedAt = frames }
        lock.unlock()
        if start { queue.async { self.checkpoint() } }
    }

    private func checkpoint() {
        if let h = connection.handle {
            // SQLITE_BUSY (another checkpoint, e.g. a backup's) or an I/O error leaves the WAL
            // as it was; the next commit past the threshold tries again, and the last
            // connection to close checkpoints whatever is left.
            _ = sqlite3_wal_checkpoint_v2(h, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        }
        lock.lock()
        running = false
        completed += 1
        let waiting = observers
        observers = []
        lock.unlock()
        for s in waiting { s.signal() }
    }

    /// Checkpoints run so far in the background, and by the writer past the ceiling; the most
    /// frames a commit left in the WAL (tests, and the `stopped` log line).
    var counts: (background: Int, inline: Int, largestWAL: Int) {
        lock.lock(); defer { lock.unlock() }
        return (completed, inline, Int(largestWAL))
    }

    /// Signals `semaphore` when the next checkpoint ends (tests).
    func notifyAfterNextCheckpoint(_ semaphore: DispatchSemaphore) {
        lock.lock(); observers.append(semaphore); lock.unlock()
    }

    /// Stops starting checkpoints, waits for the one running, closes the connection.
    func close() {
        lock.lock()
        closed = true
        lock.unlock()
        queue.sync { connection.close() }
    }
}
