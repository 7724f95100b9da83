// Readers of one computed answer, coalesced. At the quarterly deadline every POST
// changes the plan's revision, so every reader of its summary misses the answer
// cache and would compute one after another through the compute gate: four
// readers meant four computations queued behind each other (the rush's read p99,
// issue 11). Instead the readers that are waiting for the same answer share one
// computation — but only one whose snapshot is taken after they all arrived, so
// each still sees every write that was acknowledged before it asked (a flight
// closes to newcomers the moment its snapshot is about to be taken; a reader
// arriving later waits for the next flight). At most one flight per key runs and
// one waits, so a reader waits for at most two computations, however many read.
// This is not a cache: nothing computed is handed to a request that arrived after
// the snapshot it was computed from.

import Dispatch
import Synchronization

final class AnswerFlights<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// One computation and the readers waiting for it.
    private final class Flight: @unchecked Sendable {
        // Written once by the leader before `done.leave()`, read by joiners after `done.wait()`.
        var result: Result<Value, any Error>?
        let done = DispatchGroup()
        let joiners = Atomic<Int>(0)
        init() { done.enter() }
    }

    /// Flights still open to joiners (their snapshot not yet taken), by key.
    private let open = Mutex<[Key: Flight]>([:])

    /// `body`'s value, computed by this caller or by one that was waiting for the same key and
    /// had not yet taken its snapshot. `body` must call `close()` right before it takes the
    /// snapshot it computes from: from then on newcomers start a flight of their own.
    func run(_ key: Key, _ body: (_ close: () -> Void) throws -> Value) throws -> Value {
        let (flight, leads) = open.withLock { flights -> (Flight, Bool) in
            if let f = flights[key] { return (f, false) }
            let f = Flight()
            flights[key] = f
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
            open.withLock { flights in if flights[key] === flight { flights[key] = nil } }
        }
        let result = Result { try body(close) }
        close()
        flight.result = result
        flight.done.leave()
        return try result.get()
    }

    /// How many readers joined the flight open for `key` (0 when none is open): for tests.
    func joiners(_ key: Key) -> Int { open.withLock { $0[key]?.joiners.load(ordering: .relaxed) ?? 0 } }
}

/// Never thrown in practice: a joiner found its flight finished without a result.
struct FlightAbandoned: Error {}
