// GET /metrics (outside /api/v1): Prometheus text exposition format 0.0.4. Every figure is a
// counter or gauge the code keeps anyway (atomics on the request path, the writer's and
// checkpointer's statistics under their own locks); a scrape only reads them.

import Foundation
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension APIContext {
    func metrics(_ req: HTTPRequest, router: Router) throws -> HTTPResponse {
        switch options.metricsAccess {
        case .off:
            throw Problem.notFound("No resource at \(req.path).")
        case .loopback:
            guard req.remoteAddress.hasPrefix("127.") else {
                throw Problem.forbidden("metrics_loopback_only", "Metrics are served only to 127.0.0.0/8 (TIENDO_METRICS=loopback).")
            }
        case .token:
            try requireManager(try authenticate(req))
        }
        var out = ""
        out.reserveCapacity(16_384)
        router.renderMetrics(into: &out)
        options.server.server?.renderMetrics(into: &out)
        renderStoreMetrics(into: &out)
        var h = HTTPHeaders()
        h.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        h.set("Cache-Control", "no-store")
        return HTTPResponse(status: 200, headers: h, body: Array(out.utf8))
    }

    private func renderStoreMetrics(into out: inout String) {
        let db = store.database
        let st = db.statistics, ck = db.checkpoints
        func one(_ name: String, _ type: String, _ help: String, _ value: Int) {
            PrometheusText.header(name, type, help, into: &out)
            PrometheusText.sample(name, [], value, into: &out)
        }
        one("tiendo_db_writer_queue_depth", "gauge", "Writes waiting for the writer, not yet in a transaction.", db.writerQueueDepth)
        one("tiendo_db_commits_total", "counter", "Successful COMMITs (with group commit, fewer than writes).", st.commits)
        one("tiendo_db_committed_writes_total", "counter", "Writes committed; divided by commits: the mean group size.", st.committedWrites)
        one("tiendo_db_failed_writes_total", "counter", "Writes answered with an error.", st.failedWrites)
        one("tiendo_db_batches_total", "counter", "Write transactions run (committed or not).", st.batches)
        one("tiendo_db_largest_group", "gauge", "The most writes that shared one COMMIT.", st.largestBatch)
        let wal = (try? FileManager.default.attributesOfItem(atPath: db.path + "-wal")[.size] as? Int) ?? 0
        one("tiendo_db_wal_bytes", "gauge", "Size of the write-ahead log file.", wal ?? 0)
        PrometheusText.header("tiendo_db_checkpoints_total", "counter", "WAL checkpoints, by who ran them.", into: &out)
        PrometheusText.sample("tiendo_db_checkpoints_total", [("by", "background")], ck.background, into: &out)
        PrometheusText.sample("tiendo_db_checkpoints_total", [("by", "writer")], ck.inline, into: &out)
        one("tiendo_db_largest_wal_frames", "gauge", "The most frames a commit left in the WAL.", ck.largestWAL)

        PrometheusText.header("tiendo_cache_lookups_total", "counter", "Read-cache lookups, by cache and result.", into: &out)
        let answers = caches.answers.lookups, plans = caches.plans.lookups
        PrometheusText.sample("tiendo_cache_lookups_total", [("cache", "answers"), ("result", "hit")], answers.hits, into: &out)
        PrometheusText.sample("tiendo_cache_lookups_total", [("cache", "answers"), ("result", "miss")], answers.misses, into: &out)
        PrometheusText.sample("tiendo_cache_lookups_total", [("cache", "plans"), ("result", "hit")], plans.hits, into: &out)
        PrometheusText.sample("tiendo_cache_lookups_total", [("cache", "plans"), ("result", "miss")], plans.misses, into: &out)
        one("tiendo_answer_cache_bytes", "gauge", "Approximate memory held by cached answers.", answers.cost)

        // A read on each scrape (not on the request path); -1 when the database does not answer.
        let backlog = (try? store.read { try WebhookStore.pendingCount(in: $0) }) ?? -1
        one("tiendo_webhook_pending_deliveries", "gauge", "Webhook deliveries waiting to be sent or retried.", backlog)

        one("tiendo_auth_failures_total", "counter", "Requests with an unknown, revoked or expired token.", brake.failures.load(ordering: .relaxed))
        one("tiendo_auth_brake_refusals_total", "counter", "Requests refused with 429 by the brute-force brake.", brake.refusals.load(ordering: .relaxed))
    }
}
