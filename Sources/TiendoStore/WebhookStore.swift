// Webhook endpoints, the event outbox and the delivery log (migration 0010).
// Events are inserted by the writer in the transaction of the change that
// caused them; a trigger fans each out to one delivery per listening endpoint.
// With no endpoint registered nothing is written: there is nobody to owe.

import TiendoSQLite

public struct WebhookRecord: Sendable, Equatable {
    public var id: Int64
    public var url: String
    /// Event types, as stored (a JSON array's strings).
    public var events: [String]
    public var secret: String
    public var description: String?
    public var createdBy: Int64?
    public var createdAt: String
    public init(id: Int64 = 0, url: String, events: [String], secret: String, description: String?, createdBy: Int64?, createdAt: String) {
        self.id = id; self.url = url; self.events = events; self.secret = secret; self.description = description
        self.createdBy = createdBy; self.createdAt = createdAt
    }
}

/// A delivery owed now: what the worker needs to send it.
public struct DueDelivery: Sendable, Equatable {
    public var id: Int64
    public var webhookID: Int64
    public var url: String
    public var secret: String
    public var eventUID: String
    public var eventType: String
    public var eventData: String
    public var eventCreatedAt: String
    public var attempts: Int
    public var createdAt: String
}

public struct DeliveryAttemptRecord: Sendable, Equatable {
    public var attemptedAt: String
    public var statusCode: Int?
    public var error: String?
    public var durationMS: Int
    public init(attemptedAt: String, statusCode: Int?, error: String?, durationMS: Int) {
        self.attemptedAt = attemptedAt; self.statusCode = statusCode; self.error = error; self.durationMS = durationMS
    }
}

public struct DeliveryRecord: Sendable, Equatable {
    public var id: Int64
    public var eventUID: String
    public var eventType: String
    public var state: String
    public var attempts: Int
    public var nextAttemptAt: String?
    public var lastStatus: Int?
    public var lastError: String?
    public var deliveredAt: String?
    public var createdAt: String
    public var attemptLog: [DeliveryAttemptRecord]
}

public enum WebhookStore {
    // MARK: endpoints

    public static func insert(_ w: WebhookRecord, in c: Connection) throws -> WebhookRecord {
        var out = w
        try c.run("INSERT INTO webhooks (url, events, secret, description, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                  [.text(w.url), .text(jsonStrings(w.events)), .text(w.secret), w.description.map(nfc).sqlValue,
                   w.createdBy.sqlValue, .text(w.createdAt)])
        out.id = c.lastInsertRowID
        return out
    }

    /// Endpoints not deleted, by id.
    public static func list(in c: Connection) throws -> [WebhookRecord] {
        try c.query("SELECT id, url, (SELECT json_group_array(value) FROM json_each(events)) AS ev, secret, description, created_by, created_at FROM webhooks WHERE deleted_at IS NULL ORDER BY id")
            .map(record)
    }

    public static func get(_ id: Int64, in c: Connection) throws -> WebhookRecord? {
        try c.query("SELECT id, url, (SELECT json_group_array(value) FROM json_each(events)) AS ev, secret, description, created_by, created_at FROM webhooks WHERE id = ? AND deleted_at IS NULL",
                    [.integer(id)]).first.map(record)
    }

    /// How many endpoints are registered and not deleted: none, and no event needs finding.
    public static func liveCount(in c: Connection) throws -> Int {
        Int(try c.scalar("SELECT count(*) FROM webhooks WHERE deleted_at IS NULL").int64Value ?? 0)
    }

    /// Whether endpoint `id` was ever registered (deleted ones keep their delivery log).
    public static func exists(_ id: Int64, in c: Connection) throws -> Bool {
        try c.scalar("SELECT count(*) FROM webhooks WHERE id = ?", [.integer(id)]).int64Value == 1
    }

    /// Stops an endpoint: no new deliveries; those still pending are given up. Its log stays.
    public static func delete(_ id: Int64, now: String, in c: Connection) throws -> Bool {
        try c.run("UPDATE webhooks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", [.text(now), .integer(id)])
        guard c.changes > 0 else { return false }
        try c.run("UPDATE webhook_deliveries SET state = 'failed', last_error = 'webhook deleted' WHERE webhook_id = ? AND state = 'pending'",
                  [.integer(id)])
        return true
    }

    static func record(_ r: Row) -> WebhookRecord {
        WebhookRecord(id: r.reqInt("id"), url: r.req("url"), events: parseStrings(r.req("ev")), secret: r.req("secret"),
                      description: r.string("description"), createdBy: r.int("created_by"), createdAt: r.req("created_at"))
    }

    // MARK: the outbox

    /// The report.created / report.revised event of each stored revision (by id).
    public static func recordReportEvents(_ reportIDs: [Int64], now: String, in c: Connection) throws {
        for id in reportIDs {
            try c.run("""
                INSERT INTO webhook_events (uid, type, natural_key, data, created_at)
                SELECT 'evt_' || lower(hex(randomblob(16))), CASE WHEN r.revision = 1 THEN 'report.created' ELSE 'report.revised' END,
                       'report:' || r.id,
                       json_object('report_id', r.id, 'plan_id', r.plan_id, 'task_id', r.task_id, 'unit_id', r.unit_id,
                                   'period', r.period, 'revision', r.revision, 'status', r.status, 'progress', r.progress,
                                   'report_date', r.report_date, 'received_at', r.received_at),
                       ?2
                FROM reports r WHERE r.id = ?1 AND EXISTS (SELECT 1 FROM webhooks WHERE deleted_at IS NULL)
                ON CONFLICT DO NOTHING
                """, [.integer(id), .text(now)])
        }
    }

    /// The report.returned event of a review.
    public static func recordReturnEvent(_ review: ReviewRecord, in c: Connection) throws {
        try c.run("""
            INSERT INTO webhook_events (uid, type, natural_key, data, created_at)
            SELECT 'evt_' || lower(hex(randomblob(16))), 'report.returned', 'review:' || v.id,
                   json_object('review_id', v.id, 'report_id', v.report_id, 'plan_id', v.plan_id, 'task_id', v.task_id,
                               'unit_id', v.unit_id, 'period', v.period, 'revision', v.revision, 'comment', v.comment,
                               'reviewed_at', v.created_at),
                   v.created_at
            FROM report_reviews v WHERE v.id = ?1 AND EXISTS (SELECT 1 FROM webhooks WHERE deleted_at IS NULL)
            ON CONFLICT DO NOTHING
            """, [.integer(review.id)])
    }

    /// A time-based event; `naturalKey` raises it at most once whatever happens. Returns
    /// whether it was new (false too when no endpoint listens).
    @discardableResult
    public static func recordEvent(type: String, naturalKey: String, data: String, now: String, in c: Connection) throws -> Bool {
        try c.run("""
            INSERT INTO webhook_events (uid, type, natural_key, data, created_at)
            SELECT 'evt_' || lower(hex(randomblob(16))), ?1, ?2, json(?3), ?4
            WHERE EXISTS (SELECT 1 FROM webhooks WHERE deleted_at IS NULL)
            ON CONFLICT DO NOTHING
            """, [.text(type), .text(naturalKey), .text(data), .text(now)])
        return c.changes > 0
    }

    /// (uid, type) of every event, oldest first (tests and operators).
    public static func events(in c: Connection) throws -> [(uid: String, type: String, naturalKey: String)] {
        try c.query("SELECT uid, type, natural_key FROM webhook_events ORDER BY id").map { ($0.req("uid"), $0.req("type"), $0.req("natural_key")) }
    }

    // MARK: deliveries

    /// Pending deliveries whose next attempt is due at `now`, oldest first.
    public static func due(now: String, limit: Int, in c: Connection) throws -> [DueDelivery] {
        try c.query("""
            SELECT d.id, d.webhook_id, w.url, w.secret, e.uid, e.type, e.data, e.created_at AS ev_at, d.attempts, d.created_at
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN webhook_events e ON e.id = d.event_id
            WHERE d.state = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?
            """, [.text(now), .integer(Int64(limit))]).map { r in
            DueDelivery(id: r.reqInt("id"), webhookID: r.reqInt("webhook_id"), url: r.req("url"), secret: r.req("secret"),
                        eventUID: r.req("uid"), eventType: r.req("type"), eventData: r.req("data"), eventCreatedAt: r.req("ev_at"),
                        attempts: Int(r.reqInt("attempts")), createdAt: r.req("created_at"))
        }
    }

    /// What became of a delivery after an attempt.
    public enum Outcome: Sendable {
        case delivered
        case retry(at: String)
        case failed
    }

    /// Records one attempt and the delivery's new state, in one transaction.
    public static func recordAttempt(deliveryID: Int64, attempt: DeliveryAttemptRecord, outcome: Outcome, in c: Connection) throws {
        try c.run("INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?)",
                  [.integer(deliveryID), .text(attempt.attemptedAt), attempt.statusCode.map { Int64($0) }.sqlValue,
                   attempt.error.sqlValue, .integer(Int64(attempt.durationMS))])
        let state: String, next: String?, deliveredAt: String?
        switch outcome {
        case .delivered: (state, next, deliveredAt) = ("delivered", nil, attempt.attemptedAt)
        case .retry(let at): (state, next, deliveredAt) = ("pending", at, nil)
        case .failed: (state, next, deliveredAt) = ("failed", nil, nil)
        }
        try c.run("""
            UPDATE webhook_deliveries SET attempts = attempts + 1, state = ?2, next_attempt_at = coalesce(?3, next_attempt_at),
                   last_status = ?4, last_error = ?5, delivered_at = ?6
            WHERE id = ?1 AND state = 'pending'
            """, [.integer(deliveryID), .text(state), next.sqlValue, attempt.statusCode.map { Int64($0) }.sqlValue,
                  attempt.error.sqlValue, deliveredAt.sqlValue])
    }

    /// An endpoint's deliveries, newest first, each with its attempts.
    public static func deliveries(webhookID: Int64, limit: Int, offset: Int, in c: Connection) throws -> Page<DeliveryRecord> {
        let total = try c.scalar("SELECT count(*) FROM webhook_deliveries WHERE webhook_id = ?", [.integer(webhookID)]).int64Value ?? 0
        var items = try c.query("""
            SELECT d.id, e.uid, e.type, d.state, d.attempts, d.next_attempt_at, d.last_status, d.last_error, d.delivered_at, d.created_at
            FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
            WHERE d.webhook_id = ? ORDER BY d.id DESC LIMIT ? OFFSET ?
            """, [.integer(webhookID), .integer(Int64(limit)), .integer(Int64(offset))]).map { r in
            DeliveryRecord(id: r.reqInt("id"), eventUID: r.req("uid"), eventType: r.req("type"), state: r.req("state"),
                           attempts: Int(r.reqInt("attempts")), nextAttemptAt: r.req("state") == "pending" ? r.string("next_attempt_at") : nil,
                           lastStatus: r.int("last_status").map(Int.init), lastError: r.string("last_error"),
                           deliveredAt: r.string("delivered_at"), createdAt: r.req("created_at"), attemptLog: [])
        }
        for i in items.indices {
            items[i].attemptLog = try c.query("SELECT attempted_at, status_code, error, duration_ms FROM webhook_attempts WHERE delivery_id = ? ORDER BY id",
                                              [.integer(items[i].id)]).map {
                DeliveryAttemptRecord(attemptedAt: $0.req("attempted_at"), statusCode: $0.int("status_code").map(Int.init),
                                      error: $0.string("error"), durationMS: Int($0.reqInt("duration_ms")))
            }
        }
        return Page(items: items, total: Int(total))
    }

    // MARK: scheduler state

    public static func schedulerValue(_ name: String, in c: Connection) throws -> String? {
        try c.scalar("SELECT value FROM scheduler_state WHERE name = ?", [.text(name)]).stringValue
    }

    public static func setSchedulerValue(_ name: String, _ value: String, in c: Connection) throws {
        try c.run("INSERT INTO scheduler_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                  [.text(name), .text(value)])
    }

    // MARK: helpers

    /// A JSON array of strings (event type names are plain ASCII; escape anyway).
    static func jsonStrings(_ items: [String]) -> String {
        "[" + items.map { s in
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ",") + "]"
    }

    /// The strings of a JSON array written by `jsonStrings` (or json_group_array).
    static func parseStrings(_ text: String) -> [String] {
        var out: [String] = []
        var cur = "", inString = false, escaped = false
        for ch in text {
            if inString {
                if escaped { cur.append(ch); escaped = false }
                else if ch == "\\" { escaped = true }
                else if ch == "\"" { out.append(cur); cur = ""; inString = false }
                else { cur.append(ch) }
            } else if ch == "\"" { inString = true }
        }
        return out
    }
}
