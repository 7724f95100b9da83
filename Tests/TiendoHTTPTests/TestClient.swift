import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import TiendoHTTP

struct TestError: Error, CustomStringConvertible { var description: String; init(_ d: String) { description = d } }

/// A response as read off the wire.
struct RawResponse {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A tiny blocking client on a raw socket, with a receive timeout so a broken server fails the
/// test instead of hanging it.
final class TestClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, receiveTimeout: Double = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if fd < 0 { throw TestError("socket failed") }
        var tv = timeval(tv_sec: Int(receiveTimeout), tv_usec: Int((receiveTimeout - Double(Int(receiveTimeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if rc != 0 { let e = errno; Glibc.close(fd); throw TestError("connect failed: errno \(e)") }
    }

    deinit { Glibc.close(fd) }

    func close() { shutdown(fd, Int32(SHUT_RDWR)) }

    func send(_ s: String) throws { try send(Array(s.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + off, bytes.count - off, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { throw TestError("send failed: errno \(errno)") }
            off += n
        }
    }

    /// Reads more bytes; nil on EOF; throws on timeout or error.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 { buffer.append(contentsOf: chunk[0..<n]); return true }
        if n == 0 { return false }
        if errno == EAGAIN || errno == EWOULDBLOCK { throw TestError("receive timed out") }
        if errno == ECONNRESET { return false }
        throw TestError("recv failed: errno \(errno)")
    }

    /// Reads exactly `marker`-terminated bytes (e.g. an interim 100 response).
    func readUntil(_ marker: String) throws -> String {
        let m = Array(marker.utf8)
        while true {
            if let r = find(m) {
                let s = String(decoding: buffer[0..<r.upperBound], as: UTF8.self)
                buffer.removeFirst(r.upperBound)
                return s
            }
            if try !fill() { throw TestError("EOF before \(marker.debugDescription); got \(String(decoding: buffer, as: UTF8.self).debugDescription)") }
        }
    }

    private func find(_ m: [UInt8]) -> Range<Int>? {
        if buffer.count < m.count { return nil }
        for i in 0...(buffer.count - m.count) where buffer[i] == m[0] && Array(buffer[i..<(i + m.count)]) == m {
            return i..<(i + m.count)
        }
        return nil
    }

    /// Reads one response (framed by Content-Length; none for HEAD/204/304).
    func readResponse(head: Bool = false) throws -> RawResponse {
        let headText = try readUntil("\r\n\r\n")
        var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else { throw TestError("bad status line \(statusLine)") }
        var headers = HTTPHeaders()
        for l in lines {
            guard let c = l.firstIndex(of: ":") else { throw TestError("bad header \(l)") }
            headers.add(String(l[..<c]), String(l[l.index(after: c)...]).trimmingASCIIWhitespaceString())
        }
        var body: [UInt8] = []
        if !head && status != 204 && status != 304, let cl = headers["Content-Length"].flatMap({ Int($0) }) {
            while buffer.count < cl { if try !fill() { throw TestError("EOF inside body") } }
            body = Array(buffer[0..<cl])
            buffer.removeFirst(cl)
        }
        return RawResponse(status: status, headers: headers, body: body)
    }

    /// True when the server closed the connection (recv returns 0 or reset) with no further bytes.
    func isClosedByServer() throws -> Bool {
        if !buffer.isEmpty { return false }
        return try !fill()
    }
}

/// A router with the routes the server tests use.
final class Gate: @unchecked Sendable { // a semaphore is thread-safe; `count` is under `lock`
    let sem = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var count = 0
    func open() { sem.signal() }
    /// Called by a handler as it starts waiting at the gate.
    func arrive() { lock.lock(); count += 1; lock.unlock() }
    /// Handlers waiting at (or past) the gate so far.
    var arrived: Int { lock.lock(); defer { lock.unlock() }; return count }
}

func testRouter(gate: Gate = Gate()) -> Router {
    let r = Router(errorLog: { _ in })
    r.add("GET", "/health", execution: .inline) { _, _ in .text(200, "ok") }
    r.add("GET", "/text", execution: .inline) { _, _ in .text(200, "hello, Thanh Hóa") }
    r.add("GET", "/slow") { _, _ in
        gate.arrive()
        _ = gate.sem.wait(timeout: .now() + 10)
        return .text(200, "slow")
    }
    r.add("GET", "/n/{n}", execution: .inline) { _, p in .text(200, "n=\(p["n"]!)") }
    r.add("POST", "/echo") { req, _ in
        var h = HTTPHeaders()
        h.set("Content-Type", req.headers["Content-Type"] ?? "application/octet-stream")
        return HTTPResponse(status: 200, headers: h, body: req.body)
    }
    r.add("PUT", "/echo") { req, _, respond in
        DispatchQueue.global().async { respond(.json(200, req.body)) }
    }
    r.add("GET", "/q", execution: .inline) { req, _ in .text(200, req.query["q"] ?? "-") }
    return r
}

/// Starts a server on an ephemeral port; the caller shuts it down.
func startServer(_ configure: (inout HTTPServerConfiguration) -> Void = { _ in }, router: Router = testRouter()) throws -> (HTTPServer, Int) {
    var c = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
    c.accessLog = false
    c.eventLoops = 2
    c.shutdownGrace = 5
    configure(&c)
    let server = HTTPServer(configuration: c, responder: router)
    let port = try server.start()
    return (server, port)
}
