#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A fixed set of read-only connections: a semaphore counts the idle ones, a lock guards the stack.
/// @unchecked Sendable: `idle` is only touched under `lock`, and a connection taken from it is
/// used by exactly one thread until it is pushed back.
final class ReaderPool: @unchecked Sendable {
    private let semaphore: DispatchSemaphore
    private let lock = NSLock()
    private var idle: [Connection]
    private var all: [Connection]
    private var closed = false
    let size: Int
    /// Per-thread "connection I already hold", so a nested `read` reuses it instead of
    /// taking a second one (which could deadlock when the pool is exhausted). A pthread key,
    /// not `Thread.current.threadDictionary`: that is an NSMutableDictionary on Linux and cost
    /// ~5% of a cached GET in a profile. The value is unretained: `all` keeps the connection alive.
    private var threadKey = pthread_key_t()

    init(connections: [Connection]) {
        precondition(!connections.isEmpty)
        self.idle = connections
        self.all = connections
        self.size = connections.count
        self.semaphore = DispatchSemaphore(value: connections.count)
        let rc = pthread_key_create(&threadKey, nil)
        precondition(rc == 0, "pthread_key_create failed: \(rc)")
    }

    deinit { pthread_key_delete(threadKey) }

    func with<T>(_ body: (Connection) throws -> T) throws -> T {
        if let held = pthread_getspecific(threadKey) {
            return try body(Unmanaged<Connection>.fromOpaque(held).takeUnretainedValue())
        }

        semaphore.wait()
        lock.lock()
        if closed {
            lock.unlock()
            semaphore.signal()
            throw SQLiteError.misuse("database is closed")
        }
        let c = idle.removeLast()
        lock.unlock()
        pthread_setspecific(threadKey, Unmanaged.passUnretained(c).toOpaque())
        defer {
            pthread_setspecific(threadKey, nil)
            lock.lock()
            idle.append(c)
            lock.unlock()
            semaphore.signal()
        }
        return try body(c)
    }

    /// Waits for every reader to come back, then closes them all.
    func close() {
        lock.lock()
        if closed { lock.unlock(); return }
        closed = true
        lock.unlock()
        for _ in 0..<size { semaphore.wait() }
        lock.lock()
        for c in all { c.close() }
        idle = []
        all = []
        lock.unlock()
        for _ in 0..<size { semaphore.signal() }
    }
}
