import Synchronization
#if canImport(Glibc)
import CLinuxEvents
import Glibc
#endif

/// What every event loop of one server shares. Immutable apart from the atomic counter.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let limits: HTTPParserLimits
    let responder: HTTPResponder
    let logger: AccessLogger?
    /// Open connections that count toward `maxConnections`.
    let active = Atomic<Int>(0)
    /// `maxConnections`, or less when the descriptor limit cannot fit it (set by `start()`).
    let connectionCap: Atomic<Int>
    /// Open sockets per client IPv4 address, when `maxConnectionsPerClient` is set.
    let clients = ClientTable()
    /// What the connection table did, for /metrics.
    let counters = ConnectionCounters()

    init(configuration: HTTPServerConfiguration, responder: HTTPResponder, logger: AccessLogger?) {
        self.configuration = configuration
        self.limits = HTTPParserLimits(maxRequestLineBytes: configuration.maxRequestLineBytes,
                                       maxHeaderBytes: configuration.maxHeaderBytes,
                                       maxHeaderCount: configuration.maxHeaderCount,
                                       maxBodyBytes: configuration.maxBodyBytes)
        self.responder = responder
        self.logger = configuration.accessLog ? logger : nil
        self.connectionCap = Atomic(configuration.maxConnections)
    }

    /// Counts a new connection if a slot is free.
    func takeSlot() -> Bool {
        if active.add(1, ordering: .relaxed).newValue <= connectionCap.load(ordering: .relaxed) { return true }
        active.subtract(1, ordering: .relaxed)
        return false
    }
}

/// One thread running one epoll instance. Owns its connections; other threads reach it only
/// through `execute`, which queues a task and wakes the loop through an eventfd.
final class EventLoop: @unchecked Sendable { // mutable state is touched only on the loop thread; `tasks` is under a Mutex
    let context: ServerContext
    let index: Int
    private let epfd: Int32
    private let wakeFd: Int32
    private let tasks = Mutex<(queue: [@Sendable () -> Void], signaled: Bool)>(([], false))
    private var threadID = pthread_t()
    private var running = true

    // Loop-confined state.
    var connections: [HTTPConnection?] = []
    private(set) var liveConnections = 0
    var now: Double = Socket.now()
    var dateCache = DateHeaderCache()
    let readBuffer: UnsafeMutableRawBufferPointer
    private(set) var draining = false
    /// Accepting (loop 0 only): the listening socket and the loops connections are handed to.
    private var listenFd: Int32 = -1
    private var acceptPausedUntil: Double = 0
    private var nextDescriptorWarning: Double = 0
    private var peers: [EventLoop] = []
    private var nextPeer = 0
    private var nextTick: Double = 0

    static let readBufferSize = 65536

    init(context: ServerContext, index: Int) throws {
        self.context = context
        self.index = index
        epfd = Epoll.create()
        if epfd < 0 { throw SocketError(call: "epoll_create1", errno: errno) }
        wakeFd = Epoll.makeEventfd()
        if wakeFd < 0 { let e = errno; close(epfd); throw SocketError(call: "eventfd", errno: e) }
        readBuffer = .allocate(byteCount: EventLoop.readBufferSize, alignment: 16)
        _ = addInterest(wakeFd, Epoll.IN)
    }

    deinit { readBuffer.deallocate() }

    /// Makes this loop the acceptor for `fd`, handing connections round-robin to `peers`.
    func setListener(_ fd: Int32, peers: [EventLoop]) {
        listenFd = fd
        self.peers = peers
        _ = addInterest(fd, Epoll.IN)
    }

    var isOnLoop: Bool { pthread_equal(pthread_self(), threadID) != 0 }

    /// Runs `task` on the loop thread (soon; in submission order).
    func execute(_ task: @escaping @Sendable () -> Void) {
        let signal = tasks.withLock { t -> Bool in
            t.queue.append(task)
            if t.signaled { return false }
            t.signaled = true
            return true
        }
        if signal {
            var one: UInt64 = 1
            _ = write(wakeFd, &one, 8)
        }
    }

    // MARK: epoll

    @discardableResult
    func addInterest(_ fd: Int32, _ events: UInt32) -> Bool {
        Epoll.control(epfd, Epoll.ctlAdd, fd, events) == 0
    }

    func modifyInterest(_ fd: Int32, _ events: UInt32) {
        _ = Epoll.control(epfd, Epoll.ctlMod, fd, events)
    }

    func removeInterest(_ fd: Int32) {
        _ = Epoll.control(epfd, Epoll.ctlDel, fd, 0)
    }

    // MARK: run

    /// Starts the thread. `onExit` runs on it after the loop ended and everything is closed.
    func start(onExit: @escaping @Sendable () -> Void) throws -> pthread_t {
        final class Box { let loop: EventLoop; let onExit: @Sendable () -> Void; init(_ l: EventLoop, _ e: @escaping @Sendable () -> Void) { loop = l; onExit = e } }
        let box = Unmanaged.passRetained(Box(self, onExit)).toOpaque()
        var tid = pthread_t()
        let rc = pthread_create(&tid, nil, { arg in
            let b = Unmanaged<Box>.fromOpaque(arg!).takeRetainedValue()
            b.loop.run()
            b.onExit()
            return nil
        }, box)
        if rc != 0 {
            Unmanaged<Box>.fromOpaque(box).release()
            throw SocketError(call: "pthread_create", errno: rc)
        }
        return tid
    }

    private func run() {
        threadID = pthread_self()
        let maxEvents = 256
        let events = Epoll.EventBuffer(capacity: maxEvents)
        defer { events.deallocate() }
        while running {
            let n = events.wait(epfd, timeoutMs: 100)
            now = Socket.now()
            if n > 0 {
                for i in 0..<Int(n) {
                    let ev = events[i]
                    let fd = ev.fd
                    if fd == wakeFd {
                        runTasks()
                    } else if fd == listenFd {
                        acceptConnections()
                    } else if Int(fd) < connections.count, let c = connections[Int(fd)] {
                        c.handle(events: ev.events)
                    }
                }
            }
            if now >= nextTick {
                nextTick = now + 0.1
                tick()
            }
        }
        // Stopped: close everything this loop owns.
        for c in connections { c?.close() }
        if listenFd >= 0 { close(listenFd); listenFd = -1 }
        runTasks()   // hand-offs that arrived late close their sockets
        close(epfd)
        close(wakeFd)
    }

    private func runTasks() {
        var counter: UInt64 = 0
        _ = read(wakeFd, &counter, 8)
        let batch = tasks.withLock { t -> [@Sendable () -> Void] in
            let q = t.queue
            t.queue = []
            t.signaled = false
            return q
        }
        for task in batch { task() }
    }

    private func tick() {
        if listenFd >= 0 && acceptPausedUntil > 0 && now >= acceptPausedUntil {
            acceptPausedUntil = 0
            _ = addInterest(listenFd, Epoll.IN)
        }
        for c in connections { c?.checkTimeouts() }
    }

    // MARK: accepting

    private func acceptConnections() {
        for _ in 0..<64 {
            var addr = sockaddr_in()
            var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            let fd = withUnsafeMutablePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Epoll.accept(listenFd, $0, &len)
                }
            }
            if fd < 0 {
                switch errno {
                case EAGAIN, EWOULDBLOCK: return
                case EINTR, ECONNABORTED, EPROTO, EPERM: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of descriptors: stop watching the listener for a moment and keep serving.
                    removeInterest(listenFd)
                    acceptPausedUntil = now + 0.1
                    if now >= nextDescriptorWarning {
                        nextDescriptorWarning = now + 10
                        writeError("accept: out of file descriptors (errno \(errno)); pausing accept for 100 ms at a time")
                    }
                    return
                default:
                    return
                }
            }
            Socket.setNoDelay(fd)
            context.counters.accepted.add(1, ordering: .relaxed)
            let remote = Socket.describe(addr)
            // A client over its own share is refused even while slots are free (checked first,
            // so one address cannot take the whole table by reclaiming everyone else's idle slots).
            var clientKey: UInt32? = nil
            var admission = Admission.counted
            let perClient = context.configuration.maxConnectionsPerClient
            if perClient > 0 {
                if context.clients.admit(addr.sin_addr.s_addr, cap: perClient) {
                    clientKey = addr.sin_addr.s_addr
                } else {
                    admission = .refusedClient
                }
            }
            if admission == .counted && !context.takeSlot() {
                admission = .needsSlot(hopsLeft: max(0, peers.count - 1))
            }
            let target = peers.isEmpty ? self : peers[nextPeer % peers.count]
            nextPeer &+= 1
            if target === self {
                adopt(fd: fd, remote: remote, admission: admission, clientKey: clientKey)
            } else {
                let (a, k) = (admission, clientKey)
                target.execute { target.adopt(fd: fd, remote: remote, admission: a, clientKey: k) }
            }
        }
    }

    /// How an accepted socket may enter the table.
    enum Admission: Equatable {
        /// It holds a slot.
        case counted
        /// The table was full: reclaim a slot here, else ask the next loop, else 503.
        case needsSlot(hopsLeft: Int)
        /// Its address already has `maxConnectionsPerClient` open: 503 at once.
        case refusedClient
    }

    /// Takes ownership of an accepted socket (on the loop thread).
    func adopt(fd: Int32, remote: String, admission: Admission, clientKey: UInt32?) {
        var counted = false
        var refusal: HTTPConnection.Refusal? = nil
        switch admission {
        case .counted:
            counted = true
        case .refusedClient:
            refusal = .perClient
        case .needsSlot(let hopsLeft):
            if context.takeSlot() {
                counted = true
            } else if running && !draining, let victim = reclaimVictim() {
                // The victim's slot passes to the newcomer: the count does not move.
                victim.reclaim()
                counted = true
            } else if running && !draining && hopsLeft > 0 && peers.count > 1 {
                let next = peers[(index + 1) % peers.count]
                next.execute { next.adopt(fd: fd, remote: remote, admission: .needsSlot(hopsLeft: hopsLeft - 1), clientKey: clientKey) }
                return
            } else {
                refusal = .full
            }
        }
        if !running || (draining && counted) {
            close(fd)
            if counted { context.active.subtract(1, ordering: .relaxed) }
            if let k = clientKey { context.clients.release(k) }
            return
        }
        let conn = HTTPConnection(fd: fd, loop: self, remoteAddress: remote, counted: counted, clientKey: clientKey)
        let i = Int(fd)
        if i >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: max(i + 1 - connections.count, 64)))
        }
        connections[i] = conn
        liveConnections += 1
        addInterest(fd, Epoll.IN)
        if let refusal { conn.reject(refusal) }
    }

    /// The connection to give up when the table is full, best first: one already answered and
    /// lingering; then the one idle longest (between requests, nothing buffered); then, past
    /// `slowReclaimAfter`, the one that has been sending its head or body longest. Requests
    /// being handled or answered are never taken.
    private func reclaimVictim() -> HTTPConnection? {
        var best: HTTPConnection? = nil
        var bestRank = Int.max
        var bestSince = Double.infinity
        let grace = context.configuration.slowReclaimAfter
        for case let c? in connections {
            guard let (rank, since) = c.reclaimRank(now: now, slowAfter: grace) else { continue }
            if rank < bestRank || (rank == bestRank && since < bestSince) {
                best = c; bestRank = rank; bestSince = since
            }
        }
        return best
    }

    /// Called by a connection when it has closed its descriptor.
    func connectionClosed(fd: Int32, counted: Bool, clientKey: UInt32?) {
        connections[Int(fd)] = nil
        liveConnections -= 1
        if counted { context.active.subtract(1, ordering: .relaxed) }
        if let k = clientKey { context.clients.release(k) }
    }

    // MARK: shutdown

    /// Stops accepting and closes idle connections; busy ones close after their response.
    func beginDrain() {
        draining = true
        if listenFd >= 0 {
            removeInterest(listenFd)
            close(listenFd)
            listenFd = -1
        }
        for c in connections { c?.closeIfIdle() }
    }

    func stop() { running = false }

    func writeError(_ message: String) {
        Router.logToStandardError("{\"level\":\"error\",\"msg\":\(JSONText.quoted(message))}")
    }
}
