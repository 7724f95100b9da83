// The webhook outbox's backlog, for /metrics.

import TiendoSQLite

extension WebhookStore {
    /// Deliveries still pending (due now or waiting for a retry): one index range count.
    public static func pendingCount(in c: Connection) throws -> Int {
        Int(try c.scalar("SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'").int64Value ?? 0)
    }
}
