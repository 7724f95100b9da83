#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Which readers a read may take.
public enum ReadLane: Sendable {
    /// Any general reader: computed answers, lists.
    case general
    /// The reads a write decides on (validation before the writer): the reserved reader first,
    /// then any general one. A flood of computed reads holding every general reader cannot make a
    /// write wait for one.
    case write
}

/// A fixed set of read-only connections: general ones, and `reserved` ones only the write lane
/// takes; a condition variable guards both stacks.
/// @unchecked Sendable: `idle`/`reservedIdle` are only touched under `condition`, and a
/// connection taken from them is used by exactly one thread until it is pushed back.
final class ReaderPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var idle: [Connection]
    private var reservedIdle: [Connection]
    private var all: [Connection]
    private var closed = false
    private var out = 0
    let size: Int
    /// Per-thread "connection I already hold", so a nested `read` reuses it instead of
    /// taking a second one (which could deadlock when the pool is exhausted). A pthread key,
    /// not `Thread.current.threadDictionary`: that is an NSMutableDictionary on Linux and cost
    /// ~5% of a cached GET in a profile. The value is unretained: `all` keeps the connection alive.
    private var threadKey = pthread_key_t()

    init(connections: [Connection], reserved: [Connection] = []) {
        precondition(!connections.isEmpty)
        self.idle = connections
        self.reservedIdle = reserved
        self.all = connections + reserved
        self.size = connections.count + reserved.count
        let rc = pthread_key_create(&threadKey, nil)
        precondition(rc == 0, "pthread_key_create failed: \(rc)")
    }

    deinit { pthread_key_delete(threadKey) }

    func with<T>(lane: ReadLane = .general, _ body: (Connection) throws -> T) throws -> T {
        if let held = pthread_getspecific(threadKey) {
            return try body(Unmanaged<Connection>.fromOpaque(held).takeUnretainedValue())
        }
        condition.lock()
        var taken: (Connection, reserved: Bool)?
        while taken == nil {
            if closed {
                condition.unlock()
                throw SQLiteError.misuse("database is closed")
            }
            if lane == .write, let c = reservedIdle.popLast() { taken = (c, true) }
            else if let c = idle.popLast() { taken = (c, false) }
            else { condition.wait() }
        }
        out += 1
        condition.unlock()
        let (c, reserved) = taken!
        pthread_setspecific(threadKey, Unmanaged.passUnretained(c).toOpaque())
        defer {
            pthread_setspecific(threadKey, nil)
            condition.lock()
            if reserved { reservedIdle.append(c) } else { idle.append(c) }
            out -= 1
            condition.broadcast()
            condition.unlock()
        }
        return try body(c)
    }

    /// Waits for every reader to come back, then closes them all.
    func close() {
        condition.lock()
        closed = true
        while out > 0 { condition.wait() }
        for c in all { c.close() }
        idle = []
        reservedIdle = []
        all = []
        condition.broadcast()
        condition.unlock()
    }
}
