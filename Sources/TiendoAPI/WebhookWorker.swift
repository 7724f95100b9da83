// Delivers the outbox: a background thread takes the deliveries that are due,
// POSTs each event, signed, with our HTTP/1.1 client, and records every attempt.
// A 2xx answer delivers; anything else (status, refusal, timeout) is retried
// with exponential backoff and jitter until `retryFor` after the event, then
// the delivery is marked failed. Deliveries are at least once: a crash between
// a receiver's 2xx and our record of it sends the event again, with the same
// id (docs/webhooks.md). The scheduler of time-based events runs on the same
// thread. Timing is injectable so tests run in milliseconds without sleeping.

import Foundation
import Synchronization
import TiendoDomain
import TiendoHTTP
import TiendoStore

public struct WebhookTiming: Sendable {
    /// How long the worker sleeps when nothing is due.
    public var pollInterval: TimeInterval
    /// Bound on one whole HTTP exchange (connect, send, status line).
    public var requestTimeout: TimeInterval
    /// How long after an event its delivery is retried.
    public var retryFor: TimeInterval
    /// Delay before retry `n` (1: after the first failure).
    public var backoff: @Sendable (Int) -> TimeInterval
    /// How often the time-based event scheduler runs.
    public var schedulerInterval: TimeInterval

    public init(pollInterval: TimeInterval = 1, requestTimeout: TimeInterval = 10, retryFor: TimeInterval = 24 * 3600,
                backoff: @escaping @Sendable (Int) -> TimeInterval = WebhookTiming.exponential(),
                schedulerInterval: TimeInterval = 60) {
        self.pollInterval = pollInterval; self.requestTimeout = requestTimeout; self.retryFor = retryFor
        self.backoff = backoff; self.schedulerInterval = schedulerInterval
    }

    /// `base · 2^(n-1)` capped at `cap`, then scaled by a random factor in [0.5, 1] so that
    /// endpoints failing together do not retry together.
    public static func exponential(base: TimeInterval = 30, cap: TimeInterval = 3600) -> @Sendable (Int) -> TimeInterval {
        { n in
            let raw = min(cap, base * pow(2, Double(min(max(n, 1), 30) - 1)))
            return raw * Double.random(in: 0.5...1)
        }
    }
}

public final class WebhookWorker: Sendable {
    let store: Store
    let clock: APIClock
    let timing: WebhookTiming
    let scheduler: EventScheduler?
    let log: @Sendable (String) -> Void

    private struct State {
        var stopped = false
        var held = false
        var started = false
        var lastSchedulerRun: Date?
    }
    private let state = Mutex(State())
    private let wake = NSCondition()
    private let finished = DispatchSemaphore(value: 0)

    public init(store: Store, clock: APIClock, timing: WebhookTiming = WebhookTiming(), scheduler: EventScheduler? = nil,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store; self.clock = clock; self.timing = timing; self.scheduler = scheduler; self.log = log
    }

    public func start() {
        let t = Thread { [self] in self.loop() }
        t.name = "tiendo-webhooks"
        state.withLock { $0.started = true }
        t.start()
    }

    /// Stops the loop and waits for the attempt in progress (at most one request timeout).
    public func stop() {
        let running = state.withLock { s -> Bool in
            let was = s.started && !s.stopped
            s.stopped = true
            return was
        }
        nudge()
        if running { finished.wait() }
    }

    /// Test hook: a held worker delivers nothing (events stay in the outbox) until released.
    public func hold(_ on: Bool) {
        state.withLock { $0.held = on }
        nudge()
    }

    /// Wakes the loop now (e.g. after a commit that wrote events).
    public func nudge() {
        wake.lock(); wake.signal(); wake.unlock()
    }

    func loop() {
        defer { finished.signal() }
        while true {
            let (stopped, held) = state.withLock { ($0.stopped, $0.held) }
            if stopped { return }
            var busy = false
            if !held {
                runSchedulerIfDue()
                do { busy = try deliverDue() > 0 } catch { log("webhook worker: \(error)") }
            }
            if !busy {
                wake.lock()
                _ = wake.wait(until: Date().addingTimeInterval(timing.pollInterval))
                wake.unlock()
            }
        }
    }

    func runSchedulerIfDue() {
        guard let scheduler else { return }
        let due = state.withLock { s -> Bool in
            let now = Date()
            guard s.lastSchedulerRun.map({ now.timeIntervalSince($0) >= timing.schedulerInterval }) ?? true else { return false }
            s.lastSchedulerRun = now
            return true
        }
        guard due else { return }
        do { try scheduler.run() } catch { log("event scheduler: \(error)") }
    }

    /// Attempts every delivery due now (a batch); returns how many were attempted.
    @discardableResult
    public func deliverDue(limit: Int = 20) throws -> Int {
        let due = try store.read { try WebhookStore.due(now: Timestamp.format(clock.now()), limit: limit, in: $0) }
        for d in due {
            if state.withLock({ $0.stopped || $0.held }) { break }
            try attempt(d)
        }
        return due.count
    }

    /// The body receivers get: `{"id", "type", "created_at", "data"}`, the same bytes on every attempt.
    static func body(_ d: DueDelivery) -> [UInt8] {
        let data = (try? JSONParser.parse(Array(d.eventData.utf8))) ?? .obj([])
        return JSON.obj([("id", .string(d.eventUID)), ("type", .string(d.eventType)), ("created_at", .string(d.eventCreatedAt)),
                         ("data", data)]).serialized()
    }

    func attempt(_ d: DueDelivery) throws {
        let body = Self.body(d)
        let at = clock.now()
        let timestamp = Int64(at.timeIntervalSince1970.rounded(.down))
        let headers = [("Content-Type", "application/json"), ("User-Agent", "tiendo-webhooks/1"),
                       ("Tiendo-Event-Id", d.eventUID), ("Tiendo-Event-Type", d.eventType),
                       ("Tiendo-Signature", WebhookSignature.header(secret: d.secret, timestamp: timestamp, body: body))]
        let started = Date()
        var status: Int?
        var failure: String?
        switch HTTPURL.parse(d.url) {
        case .success(let url):
            do { status = try HTTPClient.post(url, headers: headers, body: body, timeout: timing.requestTimeout) }
            catch { failure = String(describing: error) }
        case .failure(let e):
            failure = "unusable URL: \(e)"
        }
        let elapsed = Int((Date().timeIntervalSince(started) * 1000).rounded())
        let ok = status.map { (200...299).contains($0) } ?? false
        if !ok, failure == nil, let status { failure = "HTTP \(status)" }
        let outcome: WebhookStore.Outcome
        if ok {
            outcome = .delivered
        } else {
            let next = at.addingTimeInterval(timing.backoff(d.attempts + 1))
            let giveUp = (Timestamp.parse(d.eventCreatedAt) ?? at).addingTimeInterval(timing.retryFor)
            outcome = next > giveUp ? .failed : .retry(at: Timestamp.format(next))
        }
        let record = DeliveryAttemptRecord(attemptedAt: Timestamp.format(at), statusCode: status, error: failure, durationMS: elapsed)
        try store.write { c in try WebhookStore.recordAttempt(deliveryID: d.id, attempt: record, outcome: outcome, in: c) }
    }
}

extension WebhookWorker {
    /// The worker `tiendo serve` runs, with the scheduler. `TIENDO_WEBHOOK_DUE_SOON_DAYS` (default 3)
    /// sets when period.due_soon is raised; `TIENDO_WEBHOOK_TIMEOUT` (seconds, default 10) bounds
    /// one delivery attempt.
    public static func fromEnvironment(store: Store, clock: APIClock, _ env: [String: String]) throws -> WebhookWorker {
        func number(_ name: String, _ range: ClosedRange<Int>, _ fallback: Int) throws -> Int {
            guard let text = env[name], !text.isEmpty else { return fallback }
            guard let v = Int(text), range.contains(v) else {
                throw WebhookSettingError(description: "\(name)=\(text) must be an integer in \(range.lowerBound)…\(range.upperBound)")
            }
            return v
        }
        let days = try number("TIENDO_WEBHOOK_DUE_SOON_DAYS", 0...60, 3)
        let timeout = try number("TIENDO_WEBHOOK_TIMEOUT", 1...120, 10)
        let worker = WebhookWorker(store: store, clock: clock, timing: WebhookTiming(requestTimeout: TimeInterval(timeout)),
                                   scheduler: EventScheduler(store: store, clock: clock, dueSoonDays: days),
                                   log: { FileHandle.standardError.write(Data(("{\"level\":\"warn\",\"msg\":" + JSONText.quoted($0) + "}\n").utf8)) })
        // Test hook: the kill-between-commit-and-delivery test holds a child server's worker.
        if env["TIENDO_WEBHOOK_HOLD"] == "1" { worker.hold(true) }
        return worker
    }
}

public struct WebhookSettingError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
