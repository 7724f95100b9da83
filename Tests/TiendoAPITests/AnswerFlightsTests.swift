// AnswerFlights: readers waiting for the same answer share one computation, but
// only one whose snapshot is taken after they arrived; a reader arriving after the
// snapshot waits for a computation of its own, unless its own snapshot saw the very
// revision the running one computes from. No timing: each step waits for the
// state it needs (a joiner registered, a leader inside its body) through semaphores.

import Foundation
import Synchronization
import XCTest
@testable import TiendoAPI

final class AnswerFlightsTests: XCTestCase {
    func testWaitingReadersShareTheComputationAndLaterOnesGetTheirOwn() {
        let flights = AnswerFlights<String, Int, Int>()
        let computations = Atomic<Int>(0)
        let releaseFirst = DispatchSemaphore(value: 0), firstClosed = DispatchSemaphore(value: 0)
        let releaseSecond = DispatchSemaphore(value: 0), leaderIn = DispatchSemaphore(value: 0)
        let results = Mutex<[String: Int]>([:])
        let group = DispatchGroup()
        func read(_ name: String, _ body: @escaping @Sendable (() -> Void, (Int) -> Void) -> Int) {
            DispatchQueue.global().async(group: group) {
                let v = try? flights.run("summary", body)
                results.withLock { $0[name] = v ?? -1 }
            }
        }
        // The first reader leads; it has not taken its snapshot yet when two more come.
        read("leader") { close, _ in
            leaderIn.signal()
            releaseFirst.wait()
            close()
            firstClosed.signal()
            return computations.add(1, ordering: .relaxed).newValue * 100
        }
        leaderIn.wait()
        read("early-1") { _, _ in XCTFail("a joiner computed"); return -2 }
        read("early-2") { _, _ in XCTFail("a joiner computed"); return -2 }
        waitUntil("two readers joined") { flights.joiners("summary") == 2 }
        releaseFirst.signal()
        firstClosed.wait()
        // The leader's snapshot is being taken: a reader now must not get that answer.
        read("late") { close, _ in
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
        let flights = AnswerFlights<String, Int, Int>()
        let release = DispatchSemaphore(value: 0), leaderIn = DispatchSemaphore(value: 0)
        let outcomes = Mutex<[String]>([])
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            do { _ = try flights.run("k") { _, _ in leaderIn.signal(); release.wait(); throw Refused() } } catch { outcomes.withLock { $0.append("\(type(of: error))") } }
        }
        leaderIn.wait()
        DispatchQueue.global().async(group: group) {
            do { _ = try flights.run("k") { _, _ in 1 } } catch { outcomes.withLock { $0.append("\(type(of: error))") } }
        }
        waitUntil("the reader joined") { flights.joiners("k") == 1 }
        release.signal()
        XCTAssertEqual(group.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(outcomes.withLock { $0 }, ["Refused", "Refused"])
    }

    func testAReaderAtTheRunningSnapshotsRevisionJoinsItAndOneAtAnotherDoesNot() {
        let flights = AnswerFlights<String, Int, String>()
        let running = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let computations = Atomic<Int>(0)
        let results = Mutex<[String: String]>([:])
        let group = DispatchGroup()
        func read(_ name: String, arrivedAt: Int, _ body: @escaping @Sendable (() -> Void, (Int) -> Void) -> String) {
            DispatchQueue.global().async(group: group) {
                let v = try? flights.run("compliance", arrivedAt: arrivedAt, body)
                results.withLock { $0[name] = v ?? "failed" }
            }
        }
        // The leader takes its snapshot at revision 7 and computes from it.
        read("leader", arrivedAt: 6) { close, isRunning in
            close()
            isRunning(7)
            running.signal()
            release.wait()
            computations.add(1, ordering: .relaxed)
            return "at 7"
        }
        running.wait()
        // Arrived later, but its own snapshot saw revision 7 too: nothing it could see differs.
        read("same-revision", arrivedAt: 7) { _, _ in XCTFail("computed although revision 7 was being computed"); return "" }
        waitUntil("the reader joined the running flight") { flights.joiners("compliance") == 1 }
        // Arrived after a write (revision 8): it must not get the answer from revision 7.
        read("newer", arrivedAt: 8) { close, isRunning in
            close()
            isRunning(8)
            computations.add(1, ordering: .relaxed)
            return "at 8"
        }
        release.signal()
        XCTAssertEqual(group.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(results.withLock { $0 }, ["leader": "at 7", "same-revision": "at 7", "newer": "at 8"])
        XCTAssertEqual(computations.load(ordering: .relaxed), 2)
    }
}
