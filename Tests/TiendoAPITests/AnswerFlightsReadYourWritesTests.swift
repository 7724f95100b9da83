// Read-your-writes through the shared computations: a reader that joins a computation
// still waiting at the compute gate must see a report acknowledged before it asked,
// even though the computation's first reader arrived before that report. The gate is
// held by the test, so the order of events is fixed without any timing.

import Foundation
import Synchronization
import XCTest
@testable import TiendoAPI
import TiendoHTTP

final class AnswerFlightsReadYourWritesTests: XCTestCase {
    func testAReaderThatJoinsAWaitingComputationSeesTheReportItWasToldOf() throws {
        let s = try TestServer(now: "2022-03-25T09:00:00+07:00", answerCacheBytes: 0)
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (_, tasks) = try Plan83.create(s, admin: admin)
        let task = tasks[0]
        try s.token("tok-lao-dong", role: "reporter", unit: "so-lao-dong")
        s.clock.set("2022-06-10T09:00:00+07:00")
        // The API's computed routes as the server registers them, on the same database, with a
        // gate the test can hold.
        let api = APIContext(store: s.store, clock: s.clock.apiClock, answerCacheBytes: 0)
        let router = Router(errorLog: { _ in }, errorMapper: problem(for:))
        api.addComputedRoutes(router, base: apiBase)
        var headers = HTTPHeaders()
        headers.set("Authorization", "Bearer test-admin-token")
        let request = HTTPRequest(method: .get, target: "/api/v1/tasks/\(task)", headers: headers)
        /// Each reader's answer: the task's progress (-1: no answer, or not a 200).
        final class Answers: @unchecked Sendable {
            private let lock = NSLock()
            private var values: [String: Double] = [:]
            func set(_ k: String, _ v: Double) { lock.lock(); values[k] = v; lock.unlock() }
            var all: [String: Double] { lock.lock(); defer { lock.unlock() }; return values }
        }
        let answers = Answers()
        let group = DispatchGroup()
        func read(_ name: String) {
            group.enter()
            router.respond(to: request) { r in
                let progress = r.status == 200 ? (try? JSONParser.parse(r.body))?["progress"]?.doubleValue : nil
                answers.set(name, progress ?? -1)
                group.leave()
            }
        }

        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        DispatchQueue.global().async(group: group) { _ = try? api.computeGate.run { holding.signal(); release.wait() } }
        holding.wait()
        // The first reader arrives before the report and waits at the gate.
        read("first")
        waitUntil("the first reader waits at the gate") { api.computeGate.occupancy == 2 }
        // A report is acknowledged; then a reader asks for the same answer, as the same caller.
        let posted = try s.client("tok-lao-dong").post("/api/v1/reports", report(task, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 40))
        XCTAssertEqual(posted.status, 201, posted.text)
        read("after the report")
        waitUntil("the second reader joined the waiting computation") { api.caches.flights.joiners == 1 }
        release.signal()
        XCTAssertEqual(group.wait(timeout: .now() + 10), .success)
        // One computation answered both, from a snapshot taken after the report.
        XCTAssertEqual(answers.all, ["first": 40, "after the report": 40])
    }
}
