// /metrics: Prometheus text over a real socket, and who may read it.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoHTTP
import TiendoStore

final class MetricsTests: XCTestCase {
    /// Every sample line is `name{labels} value` with a known TYPE, as format 0.0.4 wants.
    func assertWellFormed(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        var typed = Set<String>()
        for l in text.split(separator: "\n") {
            if l.hasPrefix("# TYPE ") { typed.insert(String(l.split(separator: " ")[2])); continue }
            if l.hasPrefix("#") { continue }
            let name = String(l.prefix { $0 != "{" && $0 != " " })
            let base = ["_bucket", "_sum", "_count"].reduce(name) { n, s in typed.contains(n) ? n : (n.hasSuffix(s) ? String(n.dropLast(s.count)) : n) }
            XCTAssertTrue(typed.contains(base), "no TYPE for \(name)", file: file, line: line)
            XCTAssertNotNil(Double(l.split(separator: " ").last.map(String.init)?.replacingOccurrences(of: "+Inf", with: "inf") ?? ""),
                            "bad value in \(l)", file: file, line: line)
        }
    }

    func testCountsRequestsConnectionsStoreAndFailedAuth() throws {
        let s = try TestServer(options: ApplicationOptions())
        defer { s.stop() }
        let admin = s.client(try s.tokens.create(role: "admin", unitID: nil, token: "test-admin-token").token)
        XCTAssertEqual(try admin.post("/api/v1/units", ["id": "so-y-te", "name": "Sở Y tế", "kind": "department"]).status, 201)
        XCTAssertEqual(try admin.get("/api/v1/units/so-y-te").status, 200)
        XCTAssertEqual(try s.client("not-a-token").get("/api/v1/units").status, 401)
        XCTAssertEqual(try s.client().get("/nowhere").status, 404)

        let r = try s.client().get("/metrics")
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(r.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8")
        let t = r.text
        assertWellFormed(t)
        XCTAssertTrue(t.contains("tiendo_http_requests_total{method=\"POST\",route=\"/api/v1/units\",status=\"201\"} 1"), t)
        XCTAssertTrue(t.contains("tiendo_http_requests_total{method=\"GET\",route=\"/api/v1/units/{id}\",status=\"200\"} 1"), t)
        XCTAssertTrue(t.contains("tiendo_http_requests_total{method=\"GET\",route=\"/api/v1/units\",status=\"401\"} 1"), t)
        XCTAssertTrue(t.contains("tiendo_http_requests_total{method=\"-\",route=\"unmatched\",status=\"404\"} 1"), t)
        XCTAssertTrue(t.contains("tiendo_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/units/{id}\",le=\"+Inf\"} 1"), t)
        XCTAssertTrue(t.contains("tiendo_http_request_duration_seconds_count{method=\"POST\",route=\"/api/v1/units\"} 1"), t)
        XCTAssertTrue(t.contains("tiendo_auth_failures_total 1"), t)
        XCTAssertTrue(t.contains("tiendo_http_open_connections 1"), t)   // this scrape's own connection
        XCTAssertTrue(t.contains("tiendo_db_commits_total "), t)
        XCTAssertTrue(t.contains("tiendo_db_writer_queue_depth 0"), t)
        XCTAssertTrue(t.contains("tiendo_db_wal_bytes "), t)
        XCTAssertTrue(t.contains("tiendo_db_checkpoints_total{by=\"background\"} "), t)
        XCTAssertTrue(t.contains("tiendo_cache_lookups_total{cache=\"answers\",result=\"miss\"} "), t)
        XCTAssertTrue(t.contains("tiendo_webhook_pending_deliveries 0"), t)
        XCTAssertFalse(t.contains("test-admin-token"))
    }

    func testOffAnswers404AndTokenModeNeedsAManagerToken() throws {
        let off = try TestServer(options: ApplicationOptions(metricsAccess: .off))
        defer { off.stop() }
        XCTAssertEqual(try off.client().get("/metrics").status, 404)

        let tok = try TestServer(options: ApplicationOptions(metricsAccess: .token))
        defer { tok.stop() }
        XCTAssertEqual(try tok.client().get("/metrics").status, 401)
        _ = try tok.tokens.create(role: "admin", unitID: nil, token: "test-admin-token")
        let admin = tok.client("test-admin-token")
        XCTAssertEqual(try admin.post("/api/v1/units", ["id": "huyen-hoang-hoa", "name": "UBND huyện Hoằng Hóa", "kind": "district"]).status, 201)
        _ = try tok.tokens.create(role: "reporter", unitID: "huyen-hoang-hoa", token: "test-reporter-token")
        XCTAssertEqual(try tok.client("test-reporter-token").get("/metrics").status, 403)
        XCTAssertEqual(try admin.get("/metrics").status, 200)
    }

    /// Recording touches only the route's own atomics: counts stay exact under concurrency.
    func testRouterCountsAreExactUnderConcurrentRequests() throws {
        let router = Router(errorLog: { _ in })
        router.add("GET", "/x", execution: .inline) { _, _ in .text(200, "x") }
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<1000 { router.respond(to: HTTPRequest(method: "GET", target: "/x")) { _ in } }
        }
        var out = ""
        router.renderMetrics(into: &out)
        XCTAssertTrue(out.contains("tiendo_http_requests_total{method=\"GET\",route=\"/x\",status=\"200\"} 8000"), out)
        XCTAssertTrue(out.contains("tiendo_http_request_duration_seconds_count{method=\"GET\",route=\"/x\"} 8000"), out)
    }
}
