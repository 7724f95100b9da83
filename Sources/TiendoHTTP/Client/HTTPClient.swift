// A minimal blocking HTTP/1.1 client for outgoing webhook calls: plain http
// only (TLS would need a TLS stack of our own), one request per connection
// (`Connection: close`), a body with Content-Length, every step bounded by a
// deadline, and only the status line read back — a receiver's answer body is
// of no use to us.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `http://host[:port][/path]`, parsed strictly enough to refuse what we cannot call.
public struct HTTPURL: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// Path and query, at least "/".
    public var target: String

    public enum ParseError: Error, Equatable, Sendable {
        case https
        case invalid(String)
    }

    public static func parse(_ text: String) -> Result<HTTPURL, ParseError> {
        guard text.utf8.count <= 2048 else { return .failure(.invalid("longer than 2048 bytes")) }
        guard text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f }) else {
            return .failure(.invalid("only visible ASCII, no spaces (percent-encode the rest)"))
        }
        let lower = text.lowercased()
        if lower.hasPrefix("https://") { return .failure(.https) }
        guard lower.hasPrefix("http://") else { return .failure(.invalid("must start with http://")) }
        let rest = text.dropFirst("http://".count)
        let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = String(rest[..<slash])
        var target = String(rest[slash...])
        if target.isEmpty { target = "/" } else if target.hasPrefix("?") { target = "/" + target }
        if target.contains("#") { return .failure(.invalid("no fragment (#…)")) }
        guard !authority.isEmpty, !authority.contains("@") else { return .failure(.invalid("needs a host, without user:password@")) }
        var host = authority, port = 80
        if authority.hasPrefix("[") { return .failure(.invalid("IPv6 literals are not supported; use a name or an IPv4 address")) }
        if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let p = Int(authority[authority.index(after: colon)...]), (1...65535).contains(p) else {
                return .failure(.invalid("port must be 1–65535"))
            }
            port = p
        }
        let hostOK = !host.isEmpty && host.utf8.count <= 253
            && host.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x41 && $0 <= 0x5a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2d || $0 == 0x2e }
            && !host.hasPrefix(".") && !host.hasPrefix("-")
        guard hostOK else { return .failure(.invalid("host must be a DNS name or an IPv4 address")) }
        return .success(HTTPURL(host: host, port: port, target: target))
    }

    /// The Host header's value.
    public var authority: String { port == 80 ? host : "\(host):\(port)" }
}

public struct HTTPClientError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ d: String) { description = d }
}

public enum HTTPClient {
    /// POSTs `body` and returns the status code; throws on a network failure, a timeout
    /// (`timeout` bounds the whole exchange) or an unreadable answer.
    public static func post(_ url: HTTPURL, headers: [(String, String)], body: [UInt8], timeout: TimeInterval) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        let fd = try connect(url.host, url.port, deadline: deadline)
        defer { close(fd) }
        var head = "POST \(url.target) HTTP/1.1\r\nHost: \(url.authority)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        head += "\r\n"
        try sendAll(fd, Array(head.utf8) + body, deadline: deadline)
        return try readStatus(fd, deadline: deadline)
    }

    static func remaining(_ deadline: Date) throws -> Int32 {
        let ms = deadline.timeIntervalSinceNow * 1000
        guard ms > 0 else { throw HTTPClientError("timed out") }
        return Int32(min(ms.rounded(.up), 600_000))
    }

    /// Waits until `fd` is ready for `events` or the deadline passes.
    static func wait(_ fd: Int32, _ events: Int16, deadline: Date) throws {
        while true {
            var p = pollfd(fd: fd, events: events, revents: 0)
            let n = poll(&p, 1, try remaining(deadline))
            if n > 0 { return }
            if n == 0 { throw HTTPClientError("timed out") }
            if errno != EINTR { throw HTTPClientError("poll: \(String(cString: strerror(errno)))") }
        }
    }

    static func connect(_ host: String, _ port: Int, deadline: Date) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var res: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &res)
        guard rc == 0, let first = res else { throw HTTPClientError("cannot resolve \(host): \(String(cString: gai_strerror(rc)))") }
        defer { freeaddrinfo(res) }
        var lastError = "no address"
        var ai: UnsafeMutablePointer<addrinfo>? = first
        while let a = ai {
            ai = a.pointee.ai_next
            let fd = socket(a.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { lastError = String(cString: strerror(errno)); continue }
            if Glibc.connect(fd, a.pointee.ai_addr, a.pointee.ai_addrlen) == 0 { return fd }
            guard errno == EINPROGRESS else { lastError = String(cString: strerror(errno)); close(fd); continue }
            do {
                try wait(fd, Int16(POLLOUT), deadline: deadline)
            } catch {
                close(fd)
                throw error
            }
            var err: Int32 = 0
            var len = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len)
            if err == 0 { return fd }
            lastError = String(cString: strerror(err))
            close(fd)
        }
        throw HTTPClientError("connect to \(host):\(port): \(lastError)")
    }

    static func sendAll(_ fd: Int32, _ bytes: [UInt8], deadline: Date) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n > 0 { sent += n; continue }
            if n < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                try wait(fd, Int16(POLLOUT), deadline: deadline)
                continue
            }
            throw HTTPClientError("send: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads until the status line is complete and returns its code (`HTTP/1.x NNN …`).
    static func readStatus(_ fd: Int32, deadline: Date) throws -> Int {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while !buffer.contains(0x0A) {
            guard buffer.count < 8192 else { throw HTTPClientError("status line too long") }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { buffer += chunk[0..<n]; continue }
            if n == 0 { break }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                try wait(fd, Int16(POLLIN), deadline: deadline)
                continue
            }
            throw HTTPClientError("recv: \(String(cString: strerror(errno)))")
        }
        let line = String(decoding: buffer.prefix(while: { $0 != 0x0D && $0 != 0x0A }), as: UTF8.self)
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let code = Int(parts[1]), (100...599).contains(code) else {
            throw HTTPClientError(buffer.isEmpty ? "connection closed without an answer" : "not an HTTP/1.x status line")
        }
        return code
    }
}
