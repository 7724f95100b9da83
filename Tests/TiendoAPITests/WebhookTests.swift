// Webhooks end to end: registration through the API, events written with the
// change that caused them, a worker delivering to a receiver on loopback that
// fails, hangs and recovers, a restart between commit and delivery, and the
// scheduler of time-based events. Timing is injected (no backoff, short
// timeouts); waits are for events with generous deadlines, never durations.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoStore

final class WebhookTests: Plan83TestCase {
    let secret = "bi-mat-so-ke-hoach-dau-tu-2022"
    var agg: TestClient { s.client("tok-aggregator") }
    var receivers: [LoopbackReceiver] = []
    var workers: [WebhookWorker] = []

    override func tearDown() {
        for w in workers { w.stop() }
        for r in receivers { r.stop() }
        super.tearDown()
    }

    func receiver(_ script: [LoopbackReceiver.Answer]) throws -> LoopbackReceiver {
        let r = try LoopbackReceiver(script: script)
        receivers.append(r)
        return r
    }

    func worker(_ store: Store, timeout: TimeInterval = 5, held: Bool = false) -> WebhookWorker {
        let w = WebhookWorker(store: store, clock: s.clock.apiClock,
                              timing: WebhookTiming(pollInterval: 0.02, requestTimeout: timeout, backoff: { _ in 0 }))
        w.hold(held)
        w.start()
        workers.append(w)
        return w
    }

    @discardableResult
    func register(_ url: String, events: [String] = ["report.created", "report.revised", "report.returned"]) throws -> Int {
        let r = try agg.post("/api/v1/webhooks", ["url": url, "events": events, "secret": secret, "description": "Hệ thống một cửa"])
        XCTAssertEqual(r.status, 201, r.text)
        XCTAssertNil(r.object["secret"], "a secret is never answered")
        return r.object["id"] as? Int ?? 0
    }

    func deliveries(_ hook: Int) throws -> [[String: Any]] {
        let r = try agg.get("/api/v1/webhooks/\(hook)/deliveries")
        XCTAssertEqual(r.status, 200, r.text)
        return r.items
    }

    /// Polls the deliveries list until every one is in `state` (generous deadline).
    func waitForDeliveries(_ hook: Int, count: Int, state: String = "delivered") throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(15)
        var items: [[String: Any]] = []
        while Date() < deadline {
            items = try deliveries(hook)
            if items.count == count, items.allSatisfy({ $0["state"] as? String == state }) { return items }
            usleep(20_000)
        }
        XCTFail("deliveries not \(state): \(items)")
        return items
    }

    func testRegistrationValidatesEverythingAtOnce() throws {
        let bad = try agg.post("/api/v1/webhooks", ["url": "https://example.vn/hook", "events": ["report.created", "report.deleted"], "secret": "ngan"])
        XCTAssertEqual(bad.status, 422, bad.text)
        XCTAssertEqual(Set(bad.errorCodes), ["webhook_url_https_unsupported", "webhook_event_unknown", "webhook_secret_too_short"], bad.text)
        for url in ["ftp://x/y", "http://", "http://a b/", "http://host:99999/", "http://user:pw@host/", "javascript:alert(1)"] {
            assertProblem(try agg.post("/api/v1/webhooks", ["url": url, "events": ["report.created"], "secret": secret]), 422, "webhook_url_invalid", field: "url")
        }
        assertProblem(try s.client("tok-lao-dong").post("/api/v1/webhooks", ["url": "http://127.0.0.1:9/", "events": ["report.created"], "secret": secret]),
                      403, "role_forbidden")
        XCTAssertEqual(try agg.get("/api/v1/webhooks").items.count, 0, "nothing stored by a refused registration")
        let id = try register("http://127.0.0.1:9/hook")
        let list = try agg.get("/api/v1/webhooks")
        XCTAssertEqual(list.items.count, 1)
        XCTAssertNil(list.items.first?["secret"])
        XCTAssertFalse(list.text.contains(secret))
        XCTAssertEqual(try agg.send("DELETE", "/api/v1/webhooks/\(id)", json: [:]).status, 200)
        XCTAssertEqual(try agg.get("/api/v1/webhooks").items.count, 0)
        XCTAssertEqual(try agg.get("/api/v1/webhooks/\(id)/deliveries").status, 200, "a deleted endpoint's log stays readable")
        assertProblem(try agg.send("DELETE", "/api/v1/webhooks/\(id)", json: [:]), 404, "not_found")
        assertProblem(try agg.get("/api/v1/webhooks/\(id + 1)/deliveries"), 404, "not_found")
    }

    func testReceiverFailingThreeTimesThenSucceedingGetsOneSignedEvent() throws {
        let rx = try receiver([.status(500), .status(503), .status(404)])
        let hook = try register(rx.url)
        let posted = try s.client("tok-lao-dong").post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 40))
        XCTAssertEqual(posted.status, 201, posted.text)
        _ = worker(s.store)
        XCTAssertTrue(rx.waitFor(4), "got \(rx.requests.count) requests")
        let items = try waitForDeliveries(hook, count: 1)
        XCTAssertEqual(number(items[0]["attempts"]), 4)
        let log = items[0]["attempt_log"] as? [[String: Any]] ?? []
        XCTAssertEqual(log.map { number($0["status"]) }, [500, 503, 404, 200])
        XCTAssertEqual(log.compactMap { $0["error"] as? String }, ["HTTP 500", "HTTP 503", "HTTP 404"])

        let got = rx.requests
        XCTAssertEqual(Set(got.map { $0.json["id"] as? String }).count, 1, "every attempt carries the same event id")
        for r in got {
            XCTAssertTrue(WebhookSignature.verify(header: r.headers["tiendo-signature"] ?? "", secret: secret, body: r.body), "signature")
            XCTAssertEqual(r.headers["tiendo-event-id"], r.json["id"] as? String)
        }
        let event = got[3].json
        XCTAssertEqual(event["type"] as? String, "report.created")
        XCTAssertEqual((event["data"] as? [String: Any])?["report_id"] as? Int, posted.object["id"] as? Int)
        XCTAssertEqual(items[0]["event_id"] as? String, event["id"] as? String)
        XCTAssertEqual(Set(event.keys), ["id", "type", "created_at", "data"])
    }

    func testHangingReceiverTimesOutAndIsRetried() throws {
        let rx = try receiver([.hang])
        let hook = try register(rx.url)
        XCTAssertEqual(try s.client("tok-lao-dong").post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 40)).status, 201)
        _ = worker(s.store, timeout: 0.5)
        XCTAssertTrue(rx.waitFor(2))
        let items = try waitForDeliveries(hook, count: 1)
        let log = items[0]["attempt_log"] as? [[String: Any]] ?? []
        XCTAssertEqual(log.count, 2, "\(log)")
        XCTAssertTrue(log.first?["status"] is NSNull, "\(log)")
        XCTAssertEqual(log.first?["error"] as? String, "timed out")
        XCTAssertEqual(number(log.last?["status"]), 200)
    }

    func testEventsCommittedBeforeAStopAreDeliveredAfterRestartWithTheirIds() throws {
        let rx = try receiver([])
        try register(rx.url)
        let held = worker(s.store, held: true)
        let laoDong = s.client("tok-lao-dong")
        let first = try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 40))
        XCTAssertEqual(first.status, 201, first.text)
        let id = first.object["id"] as? Int ?? 0
        XCTAssertEqual(try laoDong.post("/api/v1/reports/\(id)/revisions", ["progress": 45]).status, 201)
        let latest = try laoDong.get("/api/v1/reports/\(id)/revisions").items.last?["id"] as? Int ?? 0
        XCTAssertEqual(try agg.post("/api/v1/reports/\(latest)/review", ["decision": "returned", "comment": "Bổ sung kết quả"]).status, 201)
        let batch = try s.client("tok-y-te").post("/api/v1/reports/batch", ["reports": [report(B, "so-y-te", "2022-Q2", "2022-06-09", progress: 30)]])
        XCTAssertEqual(batch.status, 201, batch.text)
        let committed = try s.store.read { try WebhookStore.events(in: $0) }
        XCTAssertEqual(committed.map(\.type), ["report.created", "report.revised", "report.returned", "report.created"])
        XCTAssertEqual(rx.requests.count, 0, "the held worker sent nothing")

        // A real stop: the worker, the server and the database closed.
        held.stop()
        s.server.shutdown()
        s.store.close()
        let path = s.dir.appendingPathComponent("t.sqlite").path
        let reopened = try Store(path: path, migrations: TestServer.migrations, readers: 2, durability: .normal)
        defer { reopened.close() }
        _ = worker(reopened)
        XCTAssertTrue(rx.waitFor(4))
        let ids = rx.requests.map { $0.json["id"] as? String ?? "" }
        XCTAssertEqual(Set(ids), Set(committed.map(\.uid)), "each committed event, with the id it was committed with")
        XCTAssertEqual(ids.count, Set(ids).count, "no duplicates")
        for r in rx.requests { XCTAssertTrue(WebhookSignature.verify(header: r.headers["tiendo-signature"] ?? "", secret: secret, body: r.body)) }
        workers.forEach { $0.stop() }
        workers = []
        try? FileManager.default.removeItem(at: s.dir)
        s = nil  // stopped above, by hand
    }

    func testSchedulerRaisesEachTimeEventOnceAcrossRestartsAndGaps() throws {
        try register("http://127.0.0.1:9/unused", events: ["period.due_soon", "period.overdue", "task.overdue"])
        func run() throws -> Int { try EventScheduler(store: s.store, clock: s.clock.apiClock, dueSoonDays: 3).run() }
        func keys() throws -> [String] { try s.store.read { try WebhookStore.events(in: $0) }.map(\.naturalKey) }

        XCTAssertEqual(try run(), 0, "first run on 2022-06-10: Q2 is due soon on 06-12")
        s.clock.set("2022-06-13T08:00:00+07:00")
        XCTAssertEqual(try run(), 1)
        XCTAssertEqual(try run(), 0, "the same day again raises nothing")
        XCTAssertEqual(try keys(), ["period.due_soon:\(plan):2022-Q2"])

        // Down from 06-13 to 06-17: the overdue day (06-16) is not skipped.
        s.clock.set("2022-06-17T08:00:00+07:00")
        XCTAssertEqual(try run(), 1)
        // A new scheduler (a restart) reads its progress from the database.
        XCTAssertEqual(try EventScheduler(store: s.store, clock: s.clock.apiClock, dueSoonDays: 3).run(), 0)

        // A long gap: Q3 due soon and overdue, and task D (due 30/11/2022) overdue on 1/12.
        s.clock.set("2022-12-05T08:00:00+07:00")
        XCTAssertEqual(try run(), 3)
        XCTAssertEqual(try keys(), ["period.due_soon:\(plan):2022-Q2", "period.overdue:\(plan):2022-Q2",
                                    "period.due_soon:\(plan):2022-Q3", "period.overdue:\(plan):2022-Q3",
                                    "task.overdue:\(D):2022-11-30"])
        let data = try s.store.read { try $0.scalar("SELECT data FROM webhook_events WHERE natural_key = ?", [.text("period.overdue:\(plan):2022-Q2")]).stringValue } ?? ""
        XCTAssertTrue(data.contains("\"unit_id\":\"so-lao-dong\""), data)
    }
}
