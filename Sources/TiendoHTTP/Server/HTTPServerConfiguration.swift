#if canImport(Glibc)
import Glibc
#endif

/// Limits and timeouts of the HTTP server.
public struct HTTPServerConfiguration: Sendable, Equatable {
    /// Address to bind (IPv4 dotted quad, or "0.0.0.0"). Env `TIENDO_HOST`.
    public var host: String = "127.0.0.1"
    /// TCP port; 0 picks an ephemeral port (`HTTPServer.start()` returns it). Env `TIENDO_PORT`.
    public var port: Int = 8080
    /// Longest request line (method, target, version) before 414. Env `TIENDO_MAX_REQUEST_LINE_BYTES`.
    public var maxRequestLineBytes: Int = 8192
    /// Largest header block (after the request line) before 431. Env `TIENDO_MAX_HEADER_BYTES`.
    public var maxHeaderBytes: Int = 16384
    /// Most header fields before 431. Env `TIENDO_MAX_HEADER_COUNT`.
    public var maxHeaderCount: Int = 100
    /// Largest request body (Content-Length or sum of chunks) before 413. Env `TIENDO_MAX_BODY_BYTES`.
    public var maxBodyBytes: Int = 1_048_576
    /// Seconds allowed to receive a whole request head once its first byte arrived; then 408
    /// and close (slowloris guard). Env `TIENDO_HEADER_TIMEOUT` (seconds, may be fractional).
    public var headerTimeout: Double = 10
    /// Seconds allowed to receive a whole body; then 408 and close. Env `TIENDO_BODY_TIMEOUT`.
    public var bodyTimeout: Double = 30
    /// Seconds a keep-alive connection may sit idle between requests; then closed silently.
    /// Env `TIENDO_IDLE_TIMEOUT`.
    public var idleTimeout: Double = 60
    /// Open connections allowed; beyond it a new connection gets 503 `service_unavailable` and
    /// is closed. Env `TIENDO_MAX_CONNECTIONS`.
    public var maxConnections: Int = 1024
    /// Open connections allowed per client IPv4 address; beyond it 503
    /// `too_many_connections_from_client`. 0 = no cap (behind a trusted proxy every client has
    /// the proxy's address). Env `TIENDO_MAX_CONNECTIONS_PER_IP`.
    public var maxConnectionsPerClient: Int = 0
    /// When the table is full and no connection is idle, one that has been sending its head or
    /// body for at least this many seconds is answered 408 and closed to make room.
    /// Env `TIENDO_SLOW_RECLAIM_AFTER`.
    public var slowReclaimAfter: Double = 2
    /// Event-loop threads (each runs its own epoll). Env `TIENDO_EVENT_LOOPS`; default: CPU count.
    public var eventLoops: Int = HTTPServerConfiguration.cpuCount()
    /// Seconds `shutdown()` waits for in-flight requests before closing everything.
    /// Env `TIENDO_SHUTDOWN_GRACE`.
    public var shutdownGrace: Double = 10
    /// One JSON line per request on stderr. Env `TIENDO_ACCESS_LOG` (`off`/`0`/`false` disables).
    public var accessLog: Bool = true
    /// listen(2) backlog. Env `TIENDO_BACKLOG`.
    public var backlog: Int = 1024

    public init() {}

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host; self.port = port
    }

    /// Applies the `TIENDO_*` variables documented on each property to `base`;
    /// unparsable values are ignored (the base value stays).
    public static func fromEnvironment(_ env: [String: String], base: HTTPServerConfiguration = .init()) -> HTTPServerConfiguration {
        var c = base
        func int(_ k: String, _ apply: (Int) -> Void) {
            if let s = env[k], let v = Int(s.trimmingASCIIWhitespaceString()), v >= 0 { apply(v) }
        }
        func seconds(_ k: String, _ apply: (Double) -> Void) {
            if let s = env[k], let v = Double(s.trimmingASCIIWhitespaceString()), v > 0, v.isFinite { apply(v) }
        }
        if let h = env["TIENDO_HOST"], !h.isEmpty { c.host = h }
        int("TIENDO_PORT") { if $0 <= 65535 { c.port = $0 } }
        int("TIENDO_MAX_REQUEST_LINE_BYTES") { if $0 > 0 { c.maxRequestLineBytes = $0 } }
        int("TIENDO_MAX_HEADER_BYTES") { if $0 > 0 { c.maxHeaderBytes = $0 } }
        int("TIENDO_MAX_HEADER_COUNT") { if $0 > 0 { c.maxHeaderCount = $0 } }
        int("TIENDO_MAX_BODY_BYTES") { c.maxBodyBytes = $0 }
        seconds("TIENDO_HEADER_TIMEOUT") { c.headerTimeout = $0 }
        seconds("TIENDO_BODY_TIMEOUT") { c.bodyTimeout = $0 }
        seconds("TIENDO_IDLE_TIMEOUT") { c.idleTimeout = $0 }
        seconds("TIENDO_SHUTDOWN_GRACE") { c.shutdownGrace = $0 }
        int("TIENDO_MAX_CONNECTIONS") { if $0 > 0 { c.maxConnections = $0 } }
        int("TIENDO_MAX_CONNECTIONS_PER_IP") { c.maxConnectionsPerClient = $0 }
        if let s = env["TIENDO_SLOW_RECLAIM_AFTER"], let v = Double(s.trimmingASCIIWhitespaceString()), v >= 0, v.isFinite { c.slowReclaimAfter = v }
        int("TIENDO_EVENT_LOOPS") { if $0 > 0 { c.eventLoops = min($0, 256) } }
        int("TIENDO_BACKLOG") { if $0 > 0 { c.backlog = $0 } }
        if let a = env["TIENDO_ACCESS_LOG"]?.lowercasedASCII() {
            c.accessLog = !(a == "off" || a == "0" || a == "false" || a == "no")
        }
        return c
    }

    static func cpuCount() -> Int {
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return n > 0 ? Int(n) : 1
    }
}

extension String {
    func trimmingASCIIWhitespaceString() -> String { String(Substring(self).trimmingASCIIWhitespace()) }
}
