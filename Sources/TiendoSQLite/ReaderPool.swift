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
    /// taking a second one (which could deadlock when the pool is exhausted).
    private let threadKey: String

    init(connections: [Connection]) {
        precondition(!connections.isEmpty)
        self.idle = connections
        self.all = connections
        self.size = connections.count
        self.semaphore = DispatchSemaphore(value: connections.count)
        self.threadKey = "tiendo.reader.\(UInt(bitPattern: ObjectIdentifier(connections[0]).hashValue))"
    }

    func with<T>(_ body: (Connection) throws -> T) throws -> T {
        let dict = Thread.current.threadDictionary
        if let held = dict[threadKey] as? Connection { return try body(held) }

        semaphore.wait()
        lock.lock()
        if closed {
            lock.unlock()
            semaphore.signal()
            throw SQLiteError.misuse("database is closed")
        }
        let c = idle.removeLast()
        lock.unlock()
        dict[threadKey] = c
        defer {
            dict.removeObject(forKey: threadKey)
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
