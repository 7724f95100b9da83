// The store's write pipeline (decide on a snapshot, re-check in the writer, decide
// again there when the stamp moved) and fairness under a flood of readers.

import Foundation
import Synchronization
import XCTest
@testable import TiendoAPI
import TiendoHTTP
import TiendoSQLite
import TiendoStore

final class WritePipelineTests: XCTestCase {
    /// A decision made on a snapshot that another write then invalidates is not applied: the
    /// writer sees the stamp moved, decides again against the rows as they are, and refuses.
    func testAStaleDecisionIsDecidedAgainInTheWriter() throws {
        let s = try TestServer(now: "2022-03-25T09:00:00+07:00")
        defer { s.stop() }
        let store = s.store
        let unit = UnitRecord(id: "so-tu-phap", name: "Sở Tư pháp", kind: .department, parentID: nil, createdAt: "2022-03-25T02:00:00Z")
        let change = Change<Stamped<Bool>, Void>.stamped(decide: { c in
            if try UnitStore.exists("so-tu-phap", in: c) { throw Problem.conflict("unit_exists", "A unit so-tu-phap already exists.") }
            return true
        }, stamp: { _, c in
            var stamp = WriteStamp()
            try stamp.addUnits(in: c)
            return stamp
        }, apply: { _, c in try UnitStore.insert(unit, nameKey: "so tu phap", in: c) })
        // Decided while the unit does not exist…
        let stale = try store.read { try change.decide($0) }
        // …then another write creates it.
        try store.write { try UnitStore.insert(unit, nameKey: "so tu phap", in: $0) }
        let before = store.pipelineStatistics
        XCTAssertThrowsError(try store.submit(change, decided: stale) as Void) { e in
            XCTAssertEqual((e as? Problem)?.code, "unit_exists", "\(e)")
        }
        XCTAssertEqual(store.pipelineStatistics.decidedAgainInWriter, before.decidedAgainInWriter + 1)
        // A fresh decision with nothing in between takes the fast path.
        let other = UnitRecord(id: "so-xay-dung", name: "Sở Xây dựng", kind: .department, parentID: nil, createdAt: "2022-03-25T02:00:00Z")
        let fresh = Change<Stamped<Bool>, Void>.stamped(decide: { _ in true }, stamp: { _, c in
            var stamp = WriteStamp()
            try stamp.addUnits(in: c)
            return stamp
        }, apply: { _, c in try UnitStore.insert(other, nameKey: "so xay dung", in: c) })
        try store.submit(fresh)
        XCTAssertEqual(store.pipelineStatistics.decidedAgainInWriter, before.decidedAgainInWriter + 1)
        XCTAssertTrue(try store.read { try UnitStore.exists("so-xay-dung", in: $0) })
    }

    /// An extension decided before another extension moved the deadline later is checked again
    /// against the new deadline (rule: an extension must move the deadline later).
    func testConcurrentExtensionsAreCheckedAgainstEachOther() throws {
        let s = try TestServer(now: "2022-06-10T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (_, tasks) = try Plan83.create(s, admin: admin)
        let d = tasks[3]  // chậm nhất ngày 30/11/2022
        let port = s.port
        // Rounds of two extensions at once, the later one and the earlier one: whichever lands
        // first, the stored deadlines never move backwards.
        for round in 0..<10 {
            let later = "chậm nhất ngày 15/\(1 + round % 9)/\(2024 + round)", earlier = "chậm nhất ngày 20/\(1 + round % 9)/\(2023 + round)"
            let statuses = Mutex<[Int]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let c = TestClient(port: port, token: "test-admin-token")
                let r = try? c.post("/api/v1/tasks/\(d)/extensions", ["deadline": i == 0 ? later : earlier, "reason": "Gia hạn vòng \(round)"])
                statuses.withLock { $0.append(r?.status ?? -1) }
            }
            XCTAssertTrue(statuses.withLock { $0 }.contains(201), "round \(round)")
            let ext = try admin.get("/api/v1/tasks/\(d)").object["extensions"] as? [[String: Any]] ?? []
            let dues = ext.compactMap { $0["due_on"] as? String }
            XCTAssertEqual(dues, dues.sorted(), "round \(round): deadlines moved backwards: \(dues)")
        }
    }
}

final class ReaderFloodTests: XCTestCase {
    /// Sixteen connections read computed answers (summary, compliance, task) as fast as they
    /// can, with the answer cache off, while one client posts reports one after another. Bound:
    /// every POST's 201 arrives within 2 s (generous: alone a POST takes a few ms here), and
    /// the readers were served meanwhile. Before writes had a queue and a reader of their own,
    /// a POST waited behind every queued read for a thread and a connection.
    func testAReaderFloodCannotDelayAPostBeyondTheBound() throws {
        let s = try TestServer(now: "2022-03-25T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (plan, tasks) = try Plan83.create(s, admin: admin)
        s.clock.set("2022-06-10T09:00:00+07:00")
        // A second server on the same store with the answer cache off: every read computes.
        let app = makeApplication(store: s.store, clock: s.clock.apiClock, errorLog: { _ in }, answerCacheBytes: 0)
        var config = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        config.accessLog = false
        config.eventLoops = 1
        let server = HTTPServer(configuration: config, responder: app, logger: nil)
        let port = try server.start()
        defer { server.shutdown() }

        let stop = Atomic<Bool>(false)
        let reads = Atomic<Int>(0)
        let paths = ["/api/v1/plans/\(plan)/summary", "/api/v1/plans/\(plan)/compliance?period=2022-Q2", "/api/v1/tasks/\(tasks[2])"]
        let group = DispatchGroup()
        for i in 0..<16 {
            group.enter()
            Thread.detachNewThread {
                let c = TestClient(port: port, token: "test-admin-token")
                var k = i
                while !stop.load(ordering: .relaxed) {
                    if let r = try? c.get(paths[k % paths.count]), r.status == 200 { reads.add(1, ordering: .relaxed) }
                    k += 1
                }
                group.leave()
            }
        }
        // The flood is on before the first POST (a bounded wait on the readers' own progress).
        let deadline = Date().addingTimeInterval(20)
        while reads.load(ordering: .relaxed) < 32, Date() < deadline { sched_yield() }
        let readsBefore = reads.load(ordering: .relaxed)
        XCTAssertGreaterThanOrEqual(readsBefore, 32, "the readers never got going")
        let poster = TestClient(port: port, token: "test-admin-token")
        var slowest = 0.0
        for n in 0..<30 {
            let started = Date()
            let r = try poster.post("/api/v1/reports", report(tasks[2], "huyen-hoang-hoa", "2022-Q2", "2022-06-09", progress: Double(n)))
            slowest = max(slowest, Date().timeIntervalSince(started))
            XCTAssertEqual(r.status, 201, r.text)
        }
        let readsDuring = reads.load(ordering: .relaxed) - readsBefore
        stop.store(true, ordering: .relaxed)
        group.wait()
        XCTAssertGreaterThan(readsDuring, 0, "the readers were served while the POSTs went through")
        XCTAssertLessThan(slowest, 2.0, "slowest POST under the flood: \(slowest) s")
    }
}

final class ErrorMappingTests: XCTestCase {
    /// A busy database is 503 `database_busy` with Retry-After on a read route and on a
    /// callback (write) route alike: one mapping, not one per route.
    func testABusyDatabaseIs503OnEveryKindOfRoute() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-busy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("t.sqlite").path, migrations: TestServer.migrations, readers: 1,
                              durability: .normal)
        defer { store.close() }
        let router = makeApplication(store: store, errorLog: { _ in })
        let busy = SQLiteError(code: 5, message: "database is locked")  // SQLITE_BUSY
        router.add("GET", "/test/busy-read") { _, _ in throw busy }
        router.add("POST", "/test/busy-write") { _, _, respond in respond(APIContext(store: store, clock: .system).failure(busy)) }
        router.add("GET", "/test/other") { _, _ in throw CocoaError(.featureUnsupported) }
        var config = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        config.accessLog = false
        config.eventLoops = 1
        let server = HTTPServer(configuration: config, responder: router, logger: nil)
        let port = try server.start()
        defer { server.shutdown() }
        let c = TestClient(port: port, token: nil)
        for r in [try c.get("/test/busy-read"), try c.post("/test/busy-write", [String: Int]())] {
            XCTAssertEqual(r.status, 503, r.text)
            XCTAssertEqual(r.code, "database_busy")
            XCTAssertNotNil(r.header("Retry-After"))
        }
        XCTAssertEqual(try c.get("/test/other").status, 500)
    }
}
