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
    private var id: ObjectIdentifier { ObjectIdentifier(self) }

    init(connections: [Connection]) {
        precondition(!connections.isEmpty)
        self.idle = connections
        self.all = connections
        self.size = connections.count
        self.semaphore = DispatchSemaphore(value: connections.count)
    }

    func with<T>(_ body: (Connection) throws -> T) throws -> T {
        let held = HeldReaders.current
        if let c = held.connection(of: id) { return try body(c) }

        semaphore.wait()
        lock.lock()
        if closed {
            lock.unlock()
            semaphore.signal()
            throw SQLiteError.misuse("database is closed")
        }
        let c = idle.removeLast()
        lock.unlock()
        held.push(id, c)
        defer {
            held.pop()
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

/// The reader connections the current thread holds (innermost last), in a pthread
/// thread-specific slot: `Thread.current.threadDictionary` cost a bridged dictionary insert,
/// lookup and removal (and dynamic casts) per read.
/// @unchecked Sendable: each instance is only ever used by the thread it belongs to.
final class HeldReaders: @unchecked Sendable {
    private var held: [(pool: ObjectIdentifier, connection: Connection)] = []

    func connection(of pool: ObjectIdentifier) -> Connection? {
        for h in held where h.pool == pool { return h.connection }
        return nil
    }
    func push(_ pool: ObjectIdentifier, _ c: Connection) { held.append((pool, c)) }
    func pop() { held.removeLast() }

    /// One key for the process; each thread's instance is released when the thread exits.
    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        let rc = pthread_key_create(&k) { p in
            if let p { Unmanaged<HeldReaders>.fromOpaque(p).release() }
        }
        precondition(rc == 0, "pthread_key_create failed")
        return k
    }()

    static var current: HeldReaders {
        if let p = pthread_getspecific(key) { return Unmanaged<HeldReaders>.fromOpaque(p).takeUnretainedValue() }
        let h = HeldReaders()
        pthread_setspecific(key, Unmanaged.passRetained(h).toOpaque())
        return h
    }
}
