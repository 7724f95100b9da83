import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The HTTP/1.1 server: one epoll event loop per thread (`eventLoops`), loop 0 accepting and
/// handing connections out round-robin. Inline handlers run on the loops; offloaded ones answer
/// from any thread and the answer hops back to the connection's loop.
public final class HTTPServer: Sendable {
    private struct State {
        var loops: [EventLoop] = []
        var threads: [pthread_t] = []
        var started = false
        var stopped = false
        var port = 0
    }

    private let context: ServerContext
    private let state = Mutex(State())
    private let running = DispatchGroup()

    /// `logger` receives one line per request unless `configuration.accessLog` is false.
    public init(configuration: HTTPServerConfiguration, responder: HTTPResponder,
                logger: AccessLogger? = AccessLogger.standardError) {
        context = ServerContext(configuration: configuration, responder: responder, logger: logger)
    }

    public var configuration: HTTPServerConfiguration { context.configuration }

    /// Open connections that count toward `maxConnections` (for tests and metrics).
    public var activeConnections: Int { context.active.load(ordering: .relaxed) }

    /// The connection cap in force: `maxConnections`, or less when the file limit is lower.
    public var connectionCap: Int { context.connectionCap.load(ordering: .relaxed) }

    /// What the connection table did since start (reclaims, refusals), for /metrics.
    public var connectionCounters: ConnectionCounters { context.counters }

    /// Binds, listens and starts the event loops. Returns the port actually bound.
    /// Also ignores SIGPIPE and raises the soft descriptor limit to fit `maxConnections`.
    @discardableResult
    public func start() throws -> Int {
        _ = Socket.ignoreSIGPIPE
        // Past the file limit accept(2) fails and new clients wait unanswered in the backlog:
        // keep the cap where every connection, and the 503 of one more, has a descriptor.
        let requested = context.configuration.maxConnections
        let soft = Socket.raiseDescriptorLimit(to: requested * 2 + 256)
        let cap = Socket.connectionCap(requested: requested, softLimit: soft)
        context.connectionCap.store(cap, ordering: .relaxed)
        if cap < requested {
            Router.logToStandardError("{\"level\":\"warning\",\"msg\":\"connection cap lowered to fit the file limit\",\"max_connections\":\(requested),\"effective\":\(cap),\"nofile_soft_limit\":\(soft ?? -1)}")
        }
        return try state.withLock { s -> Int in
            if s.started { return s.port }
            let c = context.configuration
            let fd = try Socket.listen(host: c.host, port: c.port, backlog: c.backlog, reusePort: false)
            var loops: [EventLoop] = []
            do {
                for i in 0..<max(1, c.eventLoops) { loops.append(try EventLoop(context: context, index: i)) }
            } catch {
                close(fd); throw error
            }
            loops[0].setListener(fd, peers: loops)
            for loop in loops {
                running.enter()
                let group = running
                s.threads.append(try loop.start(onExit: { group.leave() }))
            }
            s.loops = loops
            s.started = true
            s.port = Socket.localPort(fd)
            return s.port
        }
    }

    /// The port bound by `start()` (0 before).
    public var port: Int { state.withLock { $0.port } }

    /// Graceful stop: stops accepting, closes idle connections, lets in-flight requests finish
    /// (up to `shutdownGrace` seconds), then closes the rest and returns when every loop has
    /// ended. Safe to call more than once; do not call it from a request handler running inline.
    public func shutdown() {
        let (loops, threads) = state.withLock { s -> ([EventLoop], [pthread_t]) in
            if !s.started || s.stopped { return ([], []) }
            s.stopped = true
            let r = (s.loops, s.threads)
            return r
        }
        if loops.isEmpty { running.wait(); return }
        for loop in loops { loop.execute { loop.beginDrain() } }
        let deadline = Socket.now() + context.configuration.shutdownGrace
        while context.active.load(ordering: .relaxed) > 0 && Socket.now() < deadline {
            usleep(5_000)
        }
        for loop in loops { loop.execute { loop.stop() } }
        for t in threads { pthread_join(t, nil) }
        running.wait()
        context.logger?.flush()
    }

    /// Blocks until the server has stopped (returns at once if it never started).
    public func waitUntilStopped() {
        running.wait()
    }

    /// Blocks SIGTERM and SIGINT in the calling thread and so in every thread created after it.
    /// Call it first thing in `main`, before any thread exists: a signal sent at any moment then
    /// stays pending until `shutdownOnSignals` takes it with `sigwait`, so none is lost. (With
    /// Dispatch signal sources one sent between `SIG_IGN` and the source's arming was dropped,
    /// and the server ran on: seen as `serve` ignoring a SIGTERM sent just after "listening".)
    public static func blockShutdownSignals() {
        var set = sigset_t()
        sigemptyset(&set); sigaddset(&set, SIGTERM); sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Whether this thread has SIGTERM blocked (`blockShutdownSignals` ran before it was made).
    static var shutdownSignalsBlocked: Bool {
        var current = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &current)
        return sigismember(&current, SIGTERM) == 1
    }

    /// Calls `shutdown()` and then `then` (e.g. `exit(0)`) on SIGTERM or SIGINT. After
    /// `blockShutdownSignals`, a thread waits for them with `sigwait` (nothing returned);
    /// otherwise Dispatch signal sources are installed (keep the returned sources alive).
    public func shutdownOnSignals(queue: DispatchQueue = DispatchQueue(label: "tiendo.signals"),
                                  then: @escaping @Sendable () -> Void = {}) -> [DispatchSourceSignal] {
        if HTTPServer.shutdownSignalsBlocked {
            final class Box { let run: () -> Void; init(_ r: @escaping () -> Void) { run = r } }
            let box = Unmanaged.passRetained(Box { [self] in
                var set = sigset_t()
                sigemptyset(&set); sigaddset(&set, SIGTERM); sigaddset(&set, SIGINT)
                var received: Int32 = 0
                while sigwait(&set, &received) != 0 {}
                self.shutdown()
                then()
            }).toOpaque()
            var tid = pthread_t()
            let rc = pthread_create(&tid, nil, { arg in
                Unmanaged<Box>.fromOpaque(arg!).takeRetainedValue().run()
                return nil
            }, box)
            if rc == 0 {
                pthread_detach(tid)
                return []
            }
            Unmanaged<Box>.fromOpaque(box).release()
            // No thread for sigwait: unblock and fall back to signal sources below.
            var set = sigset_t()
            sigemptyset(&set); sigaddset(&set, SIGTERM); sigaddset(&set, SIGINT)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
        }
        return [SIGTERM, SIGINT].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [self] in
                self.shutdown()
                then()
            }
            source.resume()
            return source
        }
    }
}

extension HTTPServer {
    /// The connection table as Prometheus text: open connections, the cap, and what was
    /// accepted, reclaimed and refused since start.
    public func renderMetrics(prefix: String = "tiendo", into out: inout String) {
        let c = context.counters
        PrometheusText.header("\(prefix)_http_open_connections", "gauge", "Open connections holding a slot.", into: &out)
        PrometheusText.sample("\(prefix)_http_open_connections", [], activeConnections, into: &out)
        PrometheusText.header("\(prefix)_http_connection_cap", "gauge", "Connections allowed at once (lowered when the file limit is smaller).", into: &out)
        PrometheusText.sample("\(prefix)_http_connection_cap", [], connectionCap, into: &out)
        PrometheusText.header("\(prefix)_http_connections_accepted_total", "counter", "Connections accepted.", into: &out)
        PrometheusText.sample("\(prefix)_http_connections_accepted_total", [], c.accepted.load(ordering: .relaxed), into: &out)
        let reclaimed = "\(prefix)_http_connections_reclaimed_total"
        PrometheusText.header(reclaimed, "counter", "Connections closed to make room for a new one, by what they were doing.", into: &out)
        PrometheusText.sample(reclaimed, [("reason", "idle")], c.reclaimedIdle.load(ordering: .relaxed), into: &out)
        PrometheusText.sample(reclaimed, [("reason", "slow")], c.reclaimedSlow.load(ordering: .relaxed), into: &out)
        PrometheusText.sample(reclaimed, [("reason", "lingering")], c.reclaimedLingering.load(ordering: .relaxed), into: &out)
        let refused = "\(prefix)_http_connections_refused_total"
        PrometheusText.header(refused, "counter", "New connections answered 503 and closed.", into: &out)
        PrometheusText.sample(refused, [("reason", "full")], c.refusedFull.load(ordering: .relaxed), into: &out)
        PrometheusText.sample(refused, [("reason", "per_client")], c.refusedPerClient.load(ordering: .relaxed), into: &out)
        PrometheusText.header("\(prefix)_http_continue_refused_total", "counter", "Requests answered before their body was invited (Expect: 100-continue).", into: &out)
        PrometheusText.sample("\(prefix)_http_continue_refused_total", [], c.refusedBeforeContinue.load(ordering: .relaxed), into: &out)
    }
}
