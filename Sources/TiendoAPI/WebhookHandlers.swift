// POST /webhooks, GET /webhooks, GET /webhooks/{id}/deliveries,
// DELETE /webhooks/{id}: aggregators and admins register endpoints for events
// (docs/webhooks.md). URLs are plain http: https would need a TLS stack of our
// own, which we do not write, so it is refused with its own code. Secrets are
// write-only: no answer ever carries one.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

enum WebhookEventType {
    static let all = ["report.created", "report.revised", "report.returned", "period.due_soon", "period.overdue", "task.overdue"]
}

extension APIContext {
    func createWebhook(_ context: RequestContext) throws -> HTTPResponse {
        let (req, principal) = (context.request, context.principal)
        try requireManager(principal)
        let list = IssueList()
        let body = try objectBody(req, issues: list)
        let urlText = body.string("url", required: true, maxLength: 2048)
        let events = body.stringArray("events", required: true, maxCount: 20)
        let secret = body.string("secret", required: true, maxLength: 256)
        let description = body.string("description", maxLength: 500, allowEmpty: true)
        body.finish()
        if let urlText {
            switch HTTPURL.parse(urlText) {
            case .success: break
            case .failure(.https):
                list.add("url", "webhook_url_https_unsupported",
                         "Only http:// URLs can be called: the service has no TLS client. Put a TLS-terminating proxy on the receiver's side, or use http on a trusted network.")
            case .failure(.invalid(let why)):
                list.add("url", "webhook_url_invalid", "url must be an absolute http:// URL: \(why).")
            }
        }
        if let events {
            if events.isEmpty { list.add("events", "webhook_event_unknown", "events must name at least one of: \(WebhookEventType.all.joined(separator: ", ")).") }
            for (i, e) in events.enumerated() where !WebhookEventType.all.contains(e) {
                list.add("events[\(i)]", "webhook_event_unknown", "Unknown event \(e); known: \(WebhookEventType.all.joined(separator: ", ")).")
            }
        }
        if let secret, secret.utf8.count < 16 {
            list.add("secret", "webhook_secret_too_short", "secret must be at least 16 bytes (32 random characters are better).")
        }
        guard list.isEmpty, let urlText, let events, let secret else { throw Problem.validation(list.items) }
        var unique: [String] = []
        for e in events where !unique.contains(e) { unique.append(e) }
        let rec = WebhookRecord(url: urlText, events: unique, secret: secret, description: description, createdBy: principal.tokenID,
                                createdAt: nowText)
        let stored = try store.submitInWriter { c in try WebhookStore.insert(rec, in: c) }
        return jsonResponse(201, webhookJSON(stored), headers: [("Location", "\(apiBase)/webhooks/\(stored.id)")])
    }

    func listWebhooks(_ context: RequestContext) throws -> HTTPResponse {
        let (req, principal) = (context.request, context.principal)
        try requireManager(principal)
        let paging = try Paging(req)
        let all = try store.read { try WebhookStore.list(in: $0) }
        let items = all.dropFirst(paging.offset).prefix(paging.limit).map(webhookJSON)
        return try listResponse(req, items: Array(items), total: all.count, paging: paging,
                                columns: ["id", "url", "description", "created_at"], name: "webhooks")
    }

    func webhookDeliveries(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        try requireManager(principal)
        let paging = try Paging(req)
        let id = try pathInt(params, "id", what: "webhook")
        let page = try store.read { c -> Page<DeliveryRecord> in
            guard try WebhookStore.exists(id, in: c) else { throw Problem.notFound("webhook", String(id)) }
            return try WebhookStore.deliveries(webhookID: id, limit: paging.limit, offset: paging.offset, in: c)
        }
        return try listResponse(req, items: page.items.map(deliveryJSON), total: page.total, paging: paging,
                                columns: ["id", "event_id", "event_type", "state", "attempts", "last_status", "last_error", "delivered_at"],
                                name: "deliveries")
    }

    func deleteWebhook(_ context: RequestContext) throws -> HTTPResponse {
        let (params, principal) = (context.parameters, context.principal)
        try requireManager(principal)
        let id = try pathInt(params, "id", what: "webhook")
        let now = nowText
        guard try store.submitInWriter({ c in try WebhookStore.delete(id, now: now, in: c) }) else { throw Problem.notFound("webhook", String(id)) }
        return jsonResponse(200, .obj([("id", .int(id)), ("deleted", .bool(true)), ("deleted_at", .string(now))]))
    }
}

func webhookJSON(_ w: WebhookRecord) -> JSON {
    .obj([("id", .int(w.id)), ("url", .string(w.url)), ("events", .array(w.events.map { .string($0) })),
          ("description", .str(w.description)), ("created_at", .string(w.createdAt))])
}

func deliveryJSON(_ d: DeliveryRecord) -> JSON {
    .obj([("id", .int(d.id)), ("event_id", .string(d.eventUID)), ("event_type", .string(d.eventType)), ("state", .string(d.state)),
          ("attempts", .num(d.attempts)), ("next_attempt_at", .str(d.nextAttemptAt)), ("last_status", .num(d.lastStatus)),
          ("last_error", .str(d.lastError)), ("delivered_at", .str(d.deliveredAt)), ("created_at", .string(d.createdAt)),
          ("attempt_log", .array(d.attemptLog.map { a in
              .obj([("attempted_at", .string(a.attemptedAt)), ("status", .num(a.statusCode)), ("error", .str(a.error)),
                    ("duration_ms", .num(a.durationMS))])
          }))])
}
