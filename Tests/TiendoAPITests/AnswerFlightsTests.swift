// AnswerFlights: readers waiting for the same answer share one computation, but
// only one whose snapshot is taken after they arrived; a reader arriving after the
// snapshot waits for a computation of its own. No timing: each step waits for the
// state it needs (a joiner registered, a leader inside its body) through semaphores.

import Foundation
import Synchronization
import XCTest
@testable import TiendoAPI

final class AnswerFlightsTests: XCTestCase {
    /// Polls `condition` (a state another thread reaches, not a duration) for up to 10 s.
    func waitUntil(_ what: String, _ condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(10)
        while !condition() {
            if Date() > deadline { XCTFail("never: \(what)"); return }
            usleep(1_000)
        }
    }

    func testWaitingReadersShareTheComputationAndLaterOnesGetTheirOwn() {
        let flights = AnswerFlights<String, Int>()
        let computations = Atomic<Int>(0)
        let releaseFirst = DispatchSemaphore(value: 0), firstClosed = DispatchSemaphore(value: 0)
        let releaseSecond = DispatchSemaphore(value: 0), leaderIn = DispatchSemaphore(value: 0)
        let results = Mutex<[String: Int]>([:])
        let group = DispatchGroup()
        func read(_ name: String, _ body: @escaping @Sendable (() -> Void) -> Int) {
            DispatchQueue.global().async(group: group) {
                let v = try? flights.run("summary", body)
                results.withLock { $0[name] = v ?? -1 }
            }
        }
        // The first reader leads; it has not taken its snapshot yet when two more come.
        read("leader") { close in
            leaderIn.signal()
            releaseFirst.wait()
            close()
            firstClosed.signal()
            return computations.add(1, ordering: .relaxed).newValue * 100
        }
        leaderIn.wait()
        read("early-1") { _ in XCTFail("a joiner computed"); return -2 }
        read("early-2") { _ in XCTFail("a joiner computed"); return -2 }
        waitUntil("two readers joined") { flights.joiners("summary") == 2 }
        releaseFirst.signal()
        firstClosed.wait()
        // The leader's snapshot is being taken: a reader now must not get that answer.
        read("late") { close in
            close()
            releaseSecond.wait()
            return computations.add(1, ordering: .relaxed).newValue * 100
        }
        releaseSecond.signal()
        XCTAssertEqual(group.wait(timeout: .now() + 10), .success)
        let got = results.withLock { $0 }
        XCTAssertEqual(computations.load(ordering: .relaxed), 2)
        XCTAssertEqual(got["early-1"], got["leader"])
        XCTAssertEqual(got["early-2"], got["leader"])
        XCTAssertNotNil(got["late"])
        XCTAssertNotEqual(got["late"], got["leader"], "\(got)")
        XCTAssertEqual(flights.joiners("summary"), 0)
    }

    func testAFailureReachesTheReadersThatWaitedForIt() {
        struct Refused: Error {}
        let flights = AnswerFlights<String, Int>()
        let release = DispatchSemaphore(value: 0), leaderIn = DispatchSemaphore(value: 0)
        let outcomes = Mutex<[String]>([])
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            do { _ = try flights.run("k") { _ in leaderIn.signal(); release.wait(); throw Refused() } } catch { outcomes.withLock { $0.append("\(type(of: error))") } }
        }
        leaderIn.wait()
        DispatchQueue.global().async(group: group) {
            do { _ = try flights.run("k") { _ in 1 } } catch { outcomes.withLock { $0.append("\(type(of: error))") } }
        }
        waitUntil("the reader joined") { flights.joiners("k") == 1 }
        release.signal()
        XCTAssertEqual(group.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(outcomes.withLock { $0 }, ["Refused", "Refused"])
    }
}
