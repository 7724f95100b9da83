import Synchronization

/// Open sockets per client IPv4 address, for `maxConnectionsPerClient`. Touched on accept and
/// close only (never per request), so one lock is cheap enough.
final class ClientTable: Sendable {
    private let counts = Mutex<[UInt32: Int]>([:])

    /// Counts one more socket for `address` unless it already has `cap`.
    func admit(_ address: UInt32, cap: Int) -> Bool {
        counts.withLock { t in
            let n = t[address, default: 0]
            if n >= cap { return false }
            t[address] = n + 1
            return true
        }
    }

    func release(_ address: UInt32) {
        counts.withLock { t in
            guard let n = t[address] else { return }
            if n <= 1 { t[address] = nil } else { t[address] = n - 1 }
        }
    }

    func count(_ address: UInt32) -> Int { counts.withLock { $0[address, default: 0] } }
}

/// What the connection table did since start, for /metrics. Relaxed atomics: bumped on
/// accept, refusal and reclaim only.
public final class ConnectionCounters: Sendable {
    /// Idle keep-alive (or never-used) connections closed to make room.
    public let reclaimedIdle = Atomic<Int>(0)
    /// Connections still sending their head or body, answered 408 to make room.
    public let reclaimedSlow = Atomic<Int>(0)
    /// Answered connections closed early (they were lingering) to make room.
    public let reclaimedLingering = Atomic<Int>(0)
    /// Refused with 503: the table was full and nothing could be reclaimed.
    public let refusedFull = Atomic<Int>(0)
    /// Refused with 503: the client address had `maxConnectionsPerClient` open.
    public let refusedPerClient = Atomic<Int>(0)
    /// Accepted connections.
    public let accepted = Atomic<Int>(0)
    /// Early answers to `Expect: 100-continue` (the body was never invited).
    public let refusedBeforeContinue = Atomic<Int>(0)
}
