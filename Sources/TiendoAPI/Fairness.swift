// Fair under load (issue 11, item 3). Writes and reads run on queues of their own
// (makeApplication): a write's handler never waits behind queued reads, and takes
// a reader reserved for writes' validations (ReadLane.write). Computed answers —
// the only reads that cost real CPU — pass a gate: at most one per core but one
// compute at once, so the writer's thread and the POSTs' validations always have
// a core; a bounded number wait, and beyond that a read is refused at once with
// 503 `server_busy` and Retry-After rather than queueing without end. The read
// model keeps each computation small, so the gate rarely has anyone waiting.

import Foundation
import Synchronization
import TiendoHTTP

final class ComputeGate: Sendable {
    /// Computations at once: a core is left for the writer and for validations.
    let width: Int
    /// Requests allowed to wait for a slot; more are refused.
    let maxWaiting: Int
    private let slots: DispatchSemaphore
    private let waiting = Atomic<Int>(0)

    init(width: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1), maxWaiting: Int = 256) {
        self.width = width
        self.maxWaiting = maxWaiting
        self.slots = DispatchSemaphore(value: width)
    }

    /// Requests in the gate, computing or waiting (tests wait for a state with it).
    var occupancy: Int { waiting.load(ordering: .relaxed) }

    /// Runs `body` when a slot is free; 503 `server_busy` when too many already wait.
    func run<T>(_ body: () throws -> T) throws -> T {
        let queued = waiting.add(1, ordering: .relaxed).newValue
        guard queued <= maxWaiting + width else {
            waiting.subtract(1, ordering: .relaxed)
            var p = Problem(status: 503, code: "server_busy", title: "Service unavailable",
                            detail: "Too many answers are being computed; retry in a moment.")
            p.headers.set("Retry-After", "1")
            throw p
        }
        slots.wait()
        defer {
            slots.signal()
            waiting.subtract(1, ordering: .relaxed)
        }
        return try body()
    }
}
