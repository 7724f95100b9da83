import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Where a synchronous handler runs.
public enum RouteExecution: Sendable {
    /// On the router's offload queue: handlers may block (SQLite, file I/O).
    case offloaded
    /// On the calling thread (the server's event loop): only for cheap, non-blocking routes.
    case inline
}

/// Maps (method, path pattern) to handlers. Knows nothing of sockets.
///
/// Unknown path → 404 `not_found`; known path with another method → 405 `method_not_allowed`
/// with `Allow`; HEAD falls back to the GET route (the server drops the body).
public final class Router: HTTPResponder {
    public typealias SyncHandler = @Sendable (HTTPRequest, RouteParameters) throws -> HTTPResponse
    public typealias CallbackHandler = @Sendable (HTTPRequest, RouteParameters, @escaping @Sendable (HTTPResponse) -> Void) -> Void

    enum Handler: Sendable {
        case sync(SyncHandler, RouteExecution)
        case callback(CallbackHandler)
    }

    struct Route: Sendable {
        let method: HTTPMethod
        let pattern: RoutePattern
        let handler: Handler
        let stats: RouteStats
        init(method: HTTPMethod, pattern: RoutePattern, handler: Handler) {
            self.method = method; self.pattern = pattern; self.handler = handler
            stats = RouteStats(method: method.rawValue, pattern: pattern.pattern)
        }
    }

    /// Requests that matched no route (404, 405, a malformed path).
    private let unmatchedStats = RouteStats(method: "-", pattern: "unmatched")

    /// Every route's counters, then the unmatched ones (for `renderMetrics`).
    var routeStats: [RouteStats] { table.withLock { $0.ordered.map(\.stats) } + [unmatchedStats] }

    struct Table: Sendable {
        var ordered: [Route] = []
        /// Static patterns by exact path, then method.
        var staticRoutes: [String: [HTTPMethod: Route]] = [:]
        /// Patterns with parameters, by segment count.
        var dynamicRoutes: [Int: [Route]] = [:]
    }

    private let table = Mutex(Table())
    /// Re-renders problem answers for their request (the application localises them).
    public typealias ProblemRenderer = @Sendable (HTTPRequest, HTTPResponse, Problem) -> HTTPResponse
    private let problemRenderer = Mutex<ProblemRenderer?>(nil)
    /// Set by the application: what `checkBeforeContinue` asks (nil: always continue).
    private let continueCheck = Mutex<(@Sendable (HTTPRequest, @escaping @Sendable (HTTPResponse?) -> Void) -> Void)?>(nil)
    private let offloadQueue: DispatchQueue
    /// Where handlers of methods other than GET and HEAD run (nil: `offloadQueue`): writes get
    /// threads of their own, so reads queued by the hundred never stand in front of a write.
    private let writeQueue: DispatchQueue?
    /// Receives a line for each non-Problem error a handler throws (default: stderr).
    public let errorLog: @Sendable (String) -> Void
    /// The application's mapping of its own errors (a busy or full database…) to problems;
    /// nil from it means 500 `internal_error`, logged.
    public let errorMapper: @Sendable (Error) -> Problem?

    public init(offloadQueue: DispatchQueue = .global(), writeQueue: DispatchQueue? = nil,
                errorLog: @escaping @Sendable (String) -> Void = Router.logToStandardError,
                errorMapper: @escaping @Sendable (Error) -> Problem? = { _ in nil }) {
        self.offloadQueue = offloadQueue
        self.writeQueue = writeQueue
        self.errorLog = errorLog
        self.errorMapper = errorMapper
    }

    public static let logToStandardError: @Sendable (String) -> Void = { line in
        var l = line + "\n"
        l.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }

    /// Synchronous handler: throwing a `Problem` answers with it; any other error → 500
    /// `internal_error` (logged). `.offloaded` (default) runs it on the offload queue;
    /// `.inline` runs it on the calling (event-loop) thread.
    public func add(_ method: HTTPMethod, _ pattern: String, execution: RouteExecution = .offloaded,
                    _ handler: @escaping SyncHandler) {
        insert(Route(method: method, pattern: RoutePattern(pattern), handler: .sync(handler, execution)))
    }

    /// Callback handler (for group-committed writes): runs on the offload queue and calls
    /// `respond` exactly once, from any thread.
    public func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping CallbackHandler) {
        insert(Route(method: method, pattern: RoutePattern(pattern), handler: .callback(handler)))
    }

    /// Every registered (method, pattern), in registration order.
    public var routes: [(method: HTTPMethod, pattern: String)] {
        table.withLock { $0.ordered.map { (method: $0.method, pattern: $0.pattern.pattern) } }
    }

    private func insert(_ route: Route) {
        table.withLock { t in
            t.ordered.append(route)
            if route.pattern.isStatic {
                t.staticRoutes["/" + route.pattern.segments.map { seg -> String in
                    if case .literal(let l) = seg { return l } else { return "" }
                }.joined(separator: "/"), default: [:]][route.method] = route
            } else {
                t.dynamicRoutes[route.pattern.segments.count, default: []].append(route)
            }
        }
    }

    /// The outcome of looking a request up, without running anything.
    public enum Resolution {
        case matched(method: HTTPMethod, pattern: String, parameters: RouteParameters)
        case notFound
        case methodNotAllowed(allow: [HTTPMethod])
    }

    enum Lookup {
        case route(Route, RouteParameters)
        case problem(Problem)
    }

    /// Resolves a request for inspection (tests, docs).
    public func resolve(method: HTTPMethod, target: String) -> Resolution {
        switch lookup(HTTPRequest(method: method, target: target)) {
        case .route(let r, let p): return .matched(method: r.method, pattern: r.pattern.pattern, parameters: p)
        case .problem(let p):
            if p.status == .methodNotAllowed {
                return .methodNotAllowed(allow: p.headers["Allow"]?.split(separator: ",").map { HTTPMethod(rawValue: String($0.trimmingASCIIWhitespace())) } ?? [])
            }
            return .notFound
        }
    }

    func lookup(_ request: HTTPRequest) -> Lookup {
        let t = table.withLock { $0 }
        var candidates: [HTTPMethod: Route] = [:]
        var params = RouteParameters()

        // Fast path: the decoded path is a static route.
        if let byMethod = t.staticRoutes[request.path] {
            candidates = byMethod
        } else {
            let (rawPath, _) = HTTPRequest.splitTarget(request.target)
            var segs: [String] = []
            for raw in RoutePattern.split(rawPath) {
                guard let d = PercentDecoding.decode(raw, plusAsSpace: false) else {
                    return .problem(.badRequest("The path has a malformed percent-escape."))
                }
                segs.append(d)
            }
            if let list = t.dynamicRoutes[segs.count] {
                var matchedPattern: RoutePattern?
                for route in list {
                    if let mp = matchedPattern {
                        if route.pattern == mp { candidates[route.method] = route }
                        continue
                    }
                    if let p = route.pattern.match(segs) {
                        matchedPattern = route.pattern
                        params = p
                        candidates[route.method] = route
                    }
                }
            }
        }
        if candidates.isEmpty {
            return .problem(.notFound("No resource at \(request.path)."))
        }
        if let r = candidates[request.method] { return .route(r, params) }
        if request.method == .head, let r = candidates[.get] { return .route(r, params) }
        var allow = candidates.keys.map(\.rawValue)
        if candidates[.get] != nil && candidates[.head] == nil { allow.append(HTTPMethod.head.rawValue) }
        allow.sort()
        return .problem(.methodNotAllowed(allow: allow))
    }

    /// Every problem answer (thrown, returned or from the router itself) passes through
    /// `renderer` before it is sent; the answer's status and headers are the renderer's to keep.
    public func renderProblems(_ renderer: @escaping ProblemRenderer) {
        problemRenderer.withLock { $0 = renderer }
    }

    public func respond(to request: HTTPRequest, completion original: @escaping @Sendable (HTTPResponse) -> Void) {
        let start = Router.monotonicNow()
        let answer: @Sendable (HTTPResponse) -> Void
        if let render = problemRenderer.withLock({ $0 }) {
            answer = { r in
                if let p = r.problem { original(render(request, r, p)) } else { original(r) }
            }
        } else {
            answer = original
        }
        switch lookup(request) {
        case .problem(let p):
            let r = p.response
            unmatchedStats.record(status: r.status.code, seconds: Router.monotonicNow() - start)
            answer(r)
        case .route(let route, let params):
            let stats = route.stats
            if case .sync(let h, .inline) = route.handler {
                // The hot inline path records without wrapping the completion (no allocation).
                let r = run(h, request, params)
                stats.record(status: r.status.code, seconds: Router.monotonicNow() - start)
                answer(r)
                return
            }
            let completion: @Sendable (HTTPResponse) -> Void = { r in
                stats.record(status: r.status.code, seconds: Router.monotonicNow() - start)
                answer(r)
            }
            switch route.handler {
            case .sync(let h, .inline):
                completion(run(h, request, params))
            case .sync(let h, .offloaded):
                queue(for: request).async { completion(self.run(h, request, params)) }
            case .callback(let h):
                queue(for: request).async { h(request, params, completion) }
            }
        }
    }

    private func queue(for request: HTTPRequest) -> DispatchQueue {
        guard let writeQueue, !request.method.isGetOrHead else { return offloadQueue }
        return writeQueue
    }

    /// Installs the check made before `100 Continue` (e.g. the bearer token). It runs on the
    /// offload queue, so it may read the database.
    public func setContinueCheck(_ check: @escaping @Sendable (HTTPRequest) -> HTTPResponse?) {
        let queue = offloadQueue
        continueCheck.withLock { $0 = { head, completion in queue.async { completion(check(head)) } } }
    }

    public func checkBeforeContinue(_ head: HTTPRequest, completion: @escaping @Sendable (HTTPResponse?) -> Void) {
        guard let check = continueCheck.withLock({ $0 }) else { completion(nil); return }
        check(head, completion)
    }

    @inline(__always)
    static func monotonicNow() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private func run(_ h: SyncHandler, _ request: HTTPRequest, _ params: RouteParameters) -> HTTPResponse {
        do {
            return try h(request, params)
        } catch let p as Problem {
            return p.response
        } catch {
            if let p = errorMapper(error) { return p.response }
            errorLog("{\"level\":\"error\",\"msg\":\"handler failed\",\"method\":\(JSONText.quoted(request.method.rawValue)),\"path\":\(JSONText.quoted(request.path)),\"error\":\(JSONText.quoted(String(describing: error)))}")
            return Problem.internalError().response
        }
    }
}
