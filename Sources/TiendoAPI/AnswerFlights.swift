// Readers of one computed answer, coalesced. At the quarterly deadline every POST
// changes the plan's revision, so every reader of its summary misses the answer
// cache and would compute one after another through the compute gate: four
// readers meant four computations queued behind each other (the rush's read p99,
// issue 11). Instead the readers that are waiting for the same answer share one
// computation — but only one whose snapshot is taken after they all arrived, so
// each still sees every write that was acknowledged before it asked (a flight
// closes to newcomers the moment its snapshot is about to be taken; a reader
// arriving later waits for the next flight). At most one flight per key waits, so
// a reader waits for its own computation and at most the one running before it,
// however many read. The computation's snapshot is the first query of a DEFERRED
// read transaction begun before the gate (`computedAnswer`), so it is taken then.
// One exception, exact too: a reader whose own snapshot is at the very revision a
// running flight is computing from joins that flight — nothing it could see differs
// (the revision counters change with every write the answer depends on).
// This is not a cache: nothing computed is handed to a request that could have
// seen a different state, and nothing is kept once the readers have their answer.

import Dispatch
import Synchronization

final class AnswerFlights<Key: Hashable & Sendable, Tag: Equatable & Sendable, Value: Sendable>: Sendable {
    /// One computation and the readers waiting for it.
    private final class Flight: @unchecked Sendable {
        // Written once by the leader before `done.leave()`, read by joiners after `done.wait()`.
        var result: Result<Value, any Error>?
        let done = DispatchGroup()
        let joiners = Atomic<Int>(0)
        init() { done.enter() }
    }

    private struct Flights {
        /// Flights still open to joiners (their snapshot not yet taken), by key.
        var open: [Key: Flight] = [:]
        /// Flights computing, with the revision of their snapshot.
        var running: [Key: (flight: Flight, tag: Tag)] = [:]
    }

    private let state = Mutex(Flights())

    /// `body`'s value, computed by this caller or by one that was waiting for the same key and
    /// had not yet taken its snapshot — or is computing from a snapshot tagged `arrivedAt`, the
    /// revision this caller's own snapshot saw (nil: join open flights only). `body` calls
    /// `close()` right before it takes the snapshot it computes from (from then on newcomers
    /// start a flight of their own), then `running(tag)` with that snapshot's revision.
    func run(_ key: Key, arrivedAt: Tag? = nil,
             _ body: (_ close: () -> Void, _ running: (Tag) -> Void) throws -> Value) throws -> Value {
        let (flight, leads) = state.withLock { s -> (Flight, Bool) in
            if let arrivedAt, let r = s.running[key], r.tag == arrivedAt { return (r.flight, false) }
            if let f = s.open[key] { return (f, false) }
            let f = Flight()
            s.open[key] = f
            return (f, true)
        }
        guard leads else {
            flight.joiners.add(1, ordering: .relaxed)
            flight.done.wait()
            // The leader always sets a result before leaving the group.
            return try (flight.result ?? .failure(FlightAbandoned())).get()
        }
        var closed = false
        func close() {
            guard !closed else { return }
            closed = true
            state.withLock { s in if s.open[key] === flight { s.open[key] = nil } }
        }
        func running(_ tag: Tag) {
            close()
            state.withLock { s in s.running[key] = (flight, tag) }
        }
        let result = Result { try body(close, running) }
        close()
        state.withLock { s in if s.running[key]?.flight === flight { s.running[key] = nil } }
        flight.result = result
        flight.done.leave()
        return try result.get()
    }

    /// How many readers joined any flight, open or running: for tests.
    var joiners: Int {
        state.withLock { s in (Array(s.open.values) + s.running.values.map(\.flight)).reduce(0) { $0 + $1.joiners.load(ordering: .relaxed) } }
    }

    /// How many readers joined the flight open or running for `key` (0 when none): for tests.
    func joiners(_ key: Key) -> Int {
        state.withLock { s in (s.open[key] ?? s.running[key]?.flight)?.joiners.load(ordering: .relaxed) ?? 0 }
    }
}

/// Never thrown in practice: a joiner found its flight finished without a result.
struct FlightAbandoned: Error {}
