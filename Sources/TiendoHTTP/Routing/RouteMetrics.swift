import Synchronization

/// One relaxed atomic counter (a class, so arrays of them can be shared immutably).
public final class MetricCounter: Sendable {
    private let value = Atomic<Int>(0)
    public init() {}
    @inline(__always) public func add(_ n: Int = 1) { value.add(n, ordering: .relaxed) }
    public var current: Int { value.load(ordering: .relaxed) }
}

/// Requests and latency of one route: counters by status and a latency histogram, all
/// relaxed atomics bumped once per request, so recording takes no lock.
public final class RouteStats: Sendable {
    public let method: String
    public let pattern: String
    /// Statuses counted by themselves; any other falls into its class ("2xx", …).
    static let knownStatuses = [200, 201, 204, 206, 301, 302, 304, 400, 401, 403, 404, 405, 406, 408, 409, 410,
                                412, 413, 414, 415, 416, 417, 422, 428, 429, 431, 500, 501, 502, 503, 504, 505]
    private static let statusIndex: [Int] = {
        var table = [Int](repeating: -1, count: 600)
        for (i, s) in knownStatuses.enumerated() { table[s] = i }
        return table
    }()
    /// Upper bounds in seconds (Prometheus `le`), then +Inf.
    public static let bucketBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    let byStatus: [MetricCounter]          // knownStatuses, then 1xx…5xx, then "other"
    let buckets: [MetricCounter]           // bucketBounds, then +Inf (not cumulative)
    let sumMicros = MetricCounter()
    /// Requests recorded (the buckets' sum: one atomic fewer per request).
    var count: Int { buckets.reduce(0) { $0 + $1.current } }

    init(method: String, pattern: String) {
        self.method = method
        self.pattern = pattern
        byStatus = (0..<(Self.knownStatuses.count + 6)).map { _ in MetricCounter() }
        buckets = (0...Self.bucketBounds.count).map { _ in MetricCounter() }
    }

    @inline(__always)
    func record(status: Int, seconds: Double) {
        let i: Int
        if status >= 0 && status < 600, Self.statusIndex[status] >= 0 { i = Self.statusIndex[status] }
        else if status >= 100 && status < 600 { i = Self.knownStatuses.count + status / 100 - 1 }
        else { i = Self.knownStatuses.count + 5 }
        byStatus[i].add()
        var b = 0
        while b < Self.bucketBounds.count && seconds > Self.bucketBounds[b] { b += 1 }
        buckets[b].add()
        sumMicros.add(seconds.isFinite && seconds > 0 ? Int(min(seconds, 1e6) * 1e6) : 0)
    }

    func statusLabel(_ i: Int) -> String {
        if i < Self.knownStatuses.count { return String(Self.knownStatuses[i]) }
        let c = i - Self.knownStatuses.count
        return c < 5 ? "\(c + 1)xx" : "other"
    }
}

/// Prometheus text exposition format 0.0.4 helpers.
public enum PrometheusText {
    /// `# HELP` and `# TYPE` lines.
    public static func header(_ name: String, _ type: String, _ help: String, into out: inout String) {
        out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    /// One sample line; `labels` values are escaped.
    public static func sample(_ name: String, _ labels: [(String, String)] = [], _ value: Double, into out: inout String) {
        out += name
        if !labels.isEmpty {
            out += "{"
            for (i, (k, v)) in labels.enumerated() {
                if i > 0 { out += "," }
                out += k; out += "=\""; out += escape(v); out += "\""
            }
            out += "}"
        }
        out += " "
        out += format(value)
        out += "\n"
    }

    public static func sample(_ name: String, _ labels: [(String, String)] = [], _ value: Int, into out: inout String) {
        sample(name, labels, Double(value), into: &out)
    }

    static func format(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

extension Router {
    /// Requests by route and status, and latency histograms per route, as Prometheus text.
    /// Latency is from routing to the handler's answer (parsing and writing are not in it).
    public func renderMetrics(prefix: String = "tiendo", into out: inout String) {
        let all = routeStats
        let requests = "\(prefix)_http_requests_total"
        PrometheusText.header(requests, "counter", "Requests answered by the router, by method, route pattern and status.", into: &out)
        for s in all {
            for (i, c) in s.byStatus.enumerated() where c.current > 0 {
                PrometheusText.sample(requests, [("method", s.method), ("route", s.pattern), ("status", s.statusLabel(i))], c.current, into: &out)
            }
        }
        let duration = "\(prefix)_http_request_duration_seconds"
        PrometheusText.header(duration, "histogram", "Time from routing to the handler's answer, by method and route pattern.", into: &out)
        for s in all where s.count > 0 {
            let labels = [("method", s.method), ("route", s.pattern)]
            var cumulative = 0
            for (b, bound) in RouteStats.bucketBounds.enumerated() {
                cumulative += s.buckets[b].current
                PrometheusText.sample(duration + "_bucket", labels + [("le", PrometheusText.format(bound))], cumulative, into: &out)
            }
            cumulative += s.buckets[RouteStats.bucketBounds.count].current
            PrometheusText.sample(duration + "_bucket", labels + [("le", "+Inf")], cumulative, into: &out)
            PrometheusText.sample(duration + "_sum", labels, Double(s.sumMicros.current) / 1e6, into: &out)
            PrometheusText.sample(duration + "_count", labels, cumulative, into: &out)
        }
    }
}
