#if canImport(Glibc)
import CLinuxEvents
import Glibc
#endif

/// One client connection: reads bytes, feeds the parser, hands requests to the responder one at
/// a time (so pipelined requests are answered in order), writes responses, enforces timeouts.
final class HTTPConnection: @unchecked Sendable { // confined to its loop's thread; completions from other threads hop back through `loop.execute`
    private enum State { case open, lingering, closed }

    private struct InFlight {
        var method: String
        var path: String
        var isHead: Bool
        var keepAlive: Bool
        var http10: Bool
        var start: Double
    }

    let fd: Int32
    unowned let loop: EventLoop
    let remoteAddress: String
    private let counted: Bool
    private let clientKey: UInt32?
    private let context: ServerContext

    private var state = State.open
    private var input: [UInt8] = []
    private var inStart = 0
    private var output: [UInt8] = []
    private var outStart = 0
    private var parser: HTTPRequestParser

    private var inFlight: InFlight?
    private var sequence = 0
    private var dispatching = false
    private var inlineResponse: HTTPResponse?
    private var closeAfterFlush = false
    private var peerClosed = false
    private var servedAny = false
    /// A request head asked for `100 Continue` and the responder has not said yet whether to.
    private var awaitingContinue = false
    private var askingContinue = false
    private var inlineVerdict: HTTPResponse?? = nil

    private var phase = HTTPRequestParser.Phase.idle
    private var phaseStart: Double
    private var lastWrite: Double
    private var lingerDeadline: Double = 0
    private var interest: UInt32 = Epoll.IN

    private static let maxBufferedInput = 4 << 20
    private static let maxBufferedOutput = 1 << 20

    init(fd: Int32, loop: EventLoop, remoteAddress: String, counted: Bool, clientKey: UInt32? = nil) {
        self.fd = fd
        self.loop = loop
        self.remoteAddress = remoteAddress
        self.counted = counted
        self.clientKey = clientKey
        self.context = loop.context
        self.parser = HTTPRequestParser(limits: loop.context.limits)
        phaseStart = loop.now
        lastWrite = loop.now
    }

    // MARK: events

    func handle(events: UInt32) {
        if state == .closed { return }
        if events & (Epoll.ERR | Epoll.HUP) != 0 && events & Epoll.IN == 0 {
            close(); return
        }
        if events & Epoll.OUT != 0 {
            flush()
            if state == .open && inFlight == nil && output.isEmpty && !closeAfterFlush { process() }
        }
        if events & (Epoll.IN | Epoll.HUP | Epoll.ERR) != 0 && state != .closed { readable() }
        updateInterest()
    }

    private func readable() {
        if state == .lingering {
            // Discard what the client still sends until it closes (so it sees our answer, not a reset).
            while true {
                let n = recv(fd, loop.readBuffer.baseAddress, loop.readBuffer.count, 0)
                if n > 0 { continue }
                if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
                if n < 0 && errno == EINTR { continue }
                close(); return
            }
        }
        let n = recv(fd, loop.readBuffer.baseAddress, loop.readBuffer.count, 0)
        if n > 0 {
            input.append(contentsOf: UnsafeRawBufferPointer(rebasing: loop.readBuffer[0..<n]))
            process()
        } else if n == 0 {
            peerClosed = true
            if inFlight == nil && outStart == output.count { close() }
        } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
            close()
        }
    }

    /// Parses and dispatches buffered requests until one is in flight or more bytes are needed.
    private func process() {
        while state == .open && inFlight == nil && !closeAfterFlush && !awaitingContinue && output.count - outStart < HTTPConnection.maxBufferedOutput {
            let event = parser.next(input, &inStart, remoteAddress: remoteAddress)
            switch event {
            case .needMore:
                break
            case .sendContinue:
                if askBeforeContinue() { continue }
            case .request(let request, let keepAlive):
                dispatch(request, keepAlive: keepAlive)
                continue
            case .failed(let error):
                refuse(error)
            }
            break
        }
        if inStart == input.count {
            if input.capacity > 1 << 20 { input = [] } else { input.removeAll(keepingCapacity: true) }
            inStart = 0
        } else if inStart > 65536 {
            input.removeFirst(inStart)
            inStart = 0
        }
        updatePhase()
        flush()
        if state == .open && peerClosed && inFlight == nil && output.isEmpty { close() }
    }

    /// Asks the responder whether to invite the body. True when the answer came at once and was
    /// "continue" (the 100 is written); false when it is pending or refused the request.
    private func askBeforeContinue() -> Bool {
        guard let head = parser.pendingHead(remoteAddress: remoteAddress) else {
            output.append(contentsOf: HTTPResponseEncoder.continueBytes)
            flush(); updatePhase()
            return true
        }
        awaitingContinue = true
        askingContinue = true
        let loop = self.loop
        context.responder.checkBeforeContinue(head) { [self] verdict in
            if loop.isOnLoop && self.askingContinue { self.inlineVerdict = .some(verdict) }
            else { loop.execute { self.continueVerdict(verdict, head) } }
        }
        askingContinue = false
        guard let verdict = inlineVerdict else { return false }
        inlineVerdict = nil
        return applyContinueVerdict(verdict, head)
    }

    /// A verdict that arrived later, from another thread.
    private func continueVerdict(_ verdict: HTTPResponse?, _ head: HTTPRequest) {
        guard state == .open, awaitingContinue else { return }
        if applyContinueVerdict(verdict, head) { process() }
        flush()
        updateInterest()
    }

    private func applyContinueVerdict(_ verdict: HTTPResponse?, _ head: HTTPRequest) -> Bool {
        awaitingContinue = false
        guard let refusal = verdict else {
            // Body bytes that came anyway make the invitation moot (RFC 9110 §10.1.1).
            if inStart == input.count {
                output.append(contentsOf: HTTPResponseEncoder.continueBytes)
                flush()
            }
            updatePhase()
            return true
        }
        context.counters.refusedBeforeContinue.add(1, ordering: .relaxed)
        // The body was never invited: answer and close, so it is never parsed as a request.
        respondAndClose(refusal, method: head.method.rawValue, path: head.path)
        return false
    }

    private func updatePhase() {
        let p = parser.phase(pendingBytes: input.count - inStart)
        if p != phase { phase = p; phaseStart = loop.now }
    }

    private func dispatch(_ request: HTTPRequest, keepAlive: Bool) {
        sequence &+= 1
        let seq = sequence
        inFlight = InFlight(method: request.method.rawValue, path: request.path, isHead: request.method == .head,
                            keepAlive: keepAlive, http10: request.version == .http1_0, start: loop.now)
        dispatching = true
        let loop = self.loop
        context.responder.respond(to: request) { [self] response in
            if loop.isOnLoop {
                if self.dispatching { self.inlineResponse = response } else { self.finish(response, seq) }
            } else {
                loop.execute { self.finish(response, seq) }
            }
        }
        dispatching = false
        if let r = inlineResponse {
            inlineResponse = nil
            encode(r, seq)
        }
    }

    /// A response that arrived later (off the inline path): write it and go on with pipelined input.
    private func finish(_ response: HTTPResponse, _ seq: Int) {
        guard state == .open, encode(response, seq) else { return }
        process()
        updateInterest()
    }

    /// Encodes the response to the request in flight. False when it is stale or a duplicate.
    @discardableResult
    private func encode(_ response: HTTPResponse, _ seq: Int) -> Bool {
        guard let f = inFlight, seq == sequence else { return false }
        inFlight = nil
        servedAny = true
        // A half-closed peer still reads: answer what it sent, and say close on the last answer
        // (when bytes remain they may be further pipelined requests; process() closes after them).
        let close = !f.keepAlive || loop.draining || (peerClosed && inStart == input.count)
        let bytes = HTTPResponseEncoder.encode(response, headRequest: f.isHead, close: close,
                                               date: loop.dateCache.current(), keepAliveHeader: f.http10, into: &output)
        if close { closeAfterFlush = true }
        log(f.method, f.path, response.status.code, bytes, f.start)
        phase = .idle
        phaseStart = loop.now
        return true
    }

    /// Answers a request the parser refused, then closes (the unread rest must never be parsed).
    private func refuse(_ error: HTTPParseError) {
        respondAndClose(error.problem.response, method: "-", path: "-")
    }

    private func respondAndClose(_ response: HTTPResponse, method: String, path: String) {
        let bytes = HTTPResponseEncoder.encode(response, headRequest: false, close: true,
                                               date: loop.dateCache.current(), into: &output)
        closeAfterFlush = true
        log(method, path, response.status.code, bytes, loop.now)
    }

    /// Why a new connection is refused.
    enum Refusal { case full, perClient }

    /// Over the connection limit (or the client's share of it): 503 and close.
    func reject(_ why: Refusal = .full) {
        var p: Problem
        switch why {
        case .full:
            context.counters.refusedFull.add(1, ordering: .relaxed)
            p = Problem(status: 503, code: "service_unavailable", title: "Service unavailable",
                        detail: "Too many connections; retry shortly.")
        case .perClient:
            context.counters.refusedPerClient.add(1, ordering: .relaxed)
            p = Problem(status: 503, code: "too_many_connections_from_client", title: "Service unavailable",
                        detail: "This address has too many open connections; close some or retry shortly.")
        }
        p.headers.set("Retry-After", "1")
        respondAndClose(p.response, method: "-", path: "-")
        flush()
        updateInterest()
    }

    private func log(_ method: String, _ path: String, _ status: Int, _ bytes: Int, _ start: Double) {
        guard let logger = context.logger else { return }
        let end = Socket.now()
        let wall = AccessLogger.wallClock() - (end - start)
        logger.log(time: wall, method: method, path: path, status: status, bytes: bytes,
                   durationMs: (end - start) * 1000, client: remoteAddress)
    }

    // MARK: writing

    private func flush() {
        if state == .closed { return }
        while outStart < output.count {
            let n = output.withUnsafeBytes { p in
                send(fd, p.baseAddress! + outStart, p.count - outStart, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                outStart += n
                lastWrite = loop.now
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                return
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                close(); return
            }
        }
        if output.capacity > 1 << 20 { output = [] } else { output.removeAll(keepingCapacity: true) }
        outStart = 0
        if closeAfterFlush && state == .open { linger() }
    }

    /// Half-closes and drains the client's remaining bytes for a moment before closing.
    private func linger() {
        state = .lingering
        shutdown(fd, Int32(SHUT_WR))
        lingerDeadline = loop.now + (loop.draining ? 0.5 : 2)
        if peerClosed { close() }
    }

    private func updateInterest() {
        if state == .closed { return }
        var want: UInt32 = 0
        if state == .lingering {
            want = Epoll.IN
        } else {
            if !peerClosed && input.count - inStart < HTTPConnection.maxBufferedInput { want |= Epoll.IN }
            if outStart < output.count { want |= Epoll.OUT }
        }
        if want != interest {
            interest = want
            loop.modifyInterest(fd, want)
        }
    }

    // MARK: timeouts and closing

    func checkTimeouts() {
        let now = loop.now
        switch state {
        case .closed: return
        case .lingering:
            if now >= lingerDeadline { close() }
            return
        case .open: break
        }
        if inFlight != nil { return }
        if outStart < output.count {
            if now - lastWrite > context.configuration.idleTimeout { close() }
            return
        }
        if loop.draining && phase == .idle { close(); return }
        switch phase {
        case .idle:
            let limit = servedAny ? context.configuration.idleTimeout : context.configuration.headerTimeout
            if now - phaseStart > limit { close() }
        case .head:
            if now - phaseStart > context.configuration.headerTimeout { timeout("The request head did not arrive in time.") }
        case .body:
            if now - phaseStart > context.configuration.bodyTimeout { timeout("The request body did not arrive in time.") }
        }
    }

    private func timeout(_ detail: String) {
        respondAndClose(HTTPParseError(status: 408, code: "request_timeout", detail: detail).problem.response, method: "-", path: "-")
        flush()
        updateInterest()
    }

    /// How good a victim this connection is when the table is full (lower rank first, then the
    /// older `since`), or nil when it must not be reclaimed. Only slot-holding connections count.
    func reclaimRank(now: Double, slowAfter: Double) -> (rank: Int, since: Double)? {
        guard counted else { return nil }
        switch state {
        case .closed: return nil
        case .lingering: return (0, lingerDeadline)
        case .open: break
        }
        guard inFlight == nil, !awaitingContinue, outStart == output.count, !closeAfterFlush else { return nil }
        switch phase {
        case .idle: return inStart == input.count ? (1, phaseStart) : nil
        case .head, .body: return now - phaseStart >= slowAfter ? (2, phaseStart) : nil
        }
    }

    /// Closes to give this connection's slot to a newcomer (the caller counts it there).
    func reclaim() {
        switch state {
        case .closed: return
        case .lingering: context.counters.reclaimedLingering.add(1, ordering: .relaxed)
        case .open:
            if phase == .idle {
                context.counters.reclaimedIdle.add(1, ordering: .relaxed)
            } else {
                // A slow head or body: tell it why, best effort, then go.
                context.counters.reclaimedSlow.add(1, ordering: .relaxed)
                respondAndClose(HTTPParseError(status: 408, code: "request_timeout",
                                               detail: "The server needed this connection for another client; the request did not arrive in time.").problem.response,
                                method: "-", path: "-")
                flush()
            }
        }
        close(releasingSlot: false)
    }

    func closeIfIdle() {
        if state == .open && inFlight == nil && outStart == output.count && phase == .idle { close() }
        else if state == .lingering { lingerDeadline = min(lingerDeadline, loop.now + 0.5) }
    }

    func close(releasingSlot: Bool = true) {
        if state == .closed { return }
        state = .closed
        loop.connectionClosed(fd: fd, counted: counted && releasingSlot, clientKey: clientKey)
        Glibc.close(fd)
        input = []; output = []
    }
}
