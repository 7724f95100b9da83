#if canImport(Glibc)
import CLinuxEvents
import Glibc
#endif

/// A failed system call, with its errno.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    public var call: String
    public var errno: Int32
    public var description: String { "\(call): \(String(cString: strerror(errno))) (errno \(errno))" }
}

/// Thin helpers over Glibc sockets. All descriptors are non-blocking and close-on-exec.
enum Socket {
    /// Ignores SIGPIPE once for the process (we also pass MSG_NOSIGNAL on every send).
    static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// A listening IPv4 TCP socket with SO_REUSEADDR and, when `reusePort`, SO_REUSEPORT.
    static func listen(host: String, port: Int, backlog: Int, reusePort: Bool) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        if fd < 0 { throw SocketError(call: "socket", errno: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if reusePort { setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, socklen_t(MemoryLayout<Int32>.size)) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        let h = (host == "localhost" || host.isEmpty) ? "127.0.0.1" : host
        if inet_pton(AF_INET, h, &addr.sin_addr) != 1 {
            close(fd); throw SocketError(call: "inet_pton(\(host))", errno: EINVAL)
        }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if rc != 0 { let e = errno; close(fd); throw SocketError(call: "bind(\(host):\(port))", errno: e) }
        if Glibc.listen(fd, Int32(backlog)) != 0 { let e = errno; close(fd); throw SocketError(call: "listen", errno: e) }
        return fd
    }

    static func localPort(_ fd: Int32) -> Int {
        var addr = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// "a.b.c.d:port" for an accepted peer.
    static func describe(_ addr: sockaddr_in) -> String {
        let ip = UInt32(bigEndian: addr.sin_addr.s_addr)
        let port = UInt16(bigEndian: addr.sin_port)
        return "\(ip >> 24).\((ip >> 16) & 0xFF).\((ip >> 8) & 0xFF).\(ip & 0xFF):\(port)"
    }

    /// Raises the soft RLIMIT_NOFILE toward the hard limit so `needed` descriptors fit
    /// (the common soft default of 1024 is below a 1024-connection limit plus files and SQLite).
    /// Returns the soft limit in force afterwards (nil when it cannot be read).
    @discardableResult
    static func raiseDescriptorLimit(to needed: Int) -> Int? {
        var rl = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &rl) == 0 else { return nil }
        let want = rlim_t(needed)
        if rl.rlim_cur < want {
            rl.rlim_cur = min(want, rl.rlim_max)
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &rl)
            guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &rl) == 0 else { return nil }
        }
        return Int(clamping: rl.rlim_cur)   // RLIM_INFINITY is the largest value: clamps to Int.max
    }

    /// Descriptors kept free of connections: the listener, epoll and eventfd per loop, the
    /// database and its WAL per reader, log files, and room to accept and refuse with 503.
    static let reservedDescriptors = 64

    /// The connection cap that fits `softLimit` descriptors: `requested`, or fewer when each
    /// connection's descriptor plus `reserved` would not fit (at least 1).
    static func connectionCap(requested: Int, softLimit: Int?, reserved: Int = reservedDescriptors) -> Int {
        guard let soft = softLimit else { return requested }
        return max(1, min(requested, soft - reserved))
    }

    static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Monotonic seconds.
    @inline(__always)
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
