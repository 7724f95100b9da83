import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One line per request: `{"time","method","path","status","bytes","duration_ms","client"}`.
/// Lines are buffered and written to the file descriptor by a background queue (at most every
/// 100 ms, or at once past 64 KiB), so event loops never block on stderr.
public final class AccessLogger: Sendable {
    private struct State {
        var buffer: [UInt8] = []
        var flushScheduled = false
    }
    private let fd: Int32
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "tiendo.accesslog")

    /// Writes to standard error.
    public static let standardError = AccessLogger(fileDescriptor: 2)

    public init(fileDescriptor: Int32) { self.fd = fileDescriptor }

    /// Appends a line (a newline is added). Cheap: copies bytes under a lock.
    public func write(line: String) {
        var bytes = Array(line.utf8); bytes.append(0x0A)
        let (schedule, flushNow) = state.withLock { s -> (Bool, Bool) in
            s.buffer.append(contentsOf: bytes)
            if s.flushScheduled { return (false, s.buffer.count > 65536) }
            s.flushScheduled = true
            return (true, false)
        }
        if flushNow { queue.async { self.flush() } }
        if schedule { queue.asyncAfter(deadline: .now() + .milliseconds(100)) { self.flush() } }
    }

    public func log(time: Double, method: String, path: String, status: Int, bytes: Int, durationMs: Double, client: String) {
        var s = "{\"time\":\""
        s += AccessLogger.rfc3339(time)
        s += "\",\"method\":"; JSONText.appendString(method, to: &s)
        s += ",\"path\":"; JSONText.appendString(path, to: &s)
        s += ",\"status\":\(status),\"bytes\":\(bytes),\"duration_ms\":"
        let tenths = Int((durationMs * 1000).rounded())   // microsecond precision, printed as ms
        s += "\(tenths / 1000).\(AccessLogger.pad3(tenths % 1000))"
        s += ",\"client\":"; JSONText.appendString(client, to: &s)
        s += "}"
        write(line: s)
    }

    /// Writes out everything buffered now (also called by the server on shutdown).
    public func flush() {
        let bytes = state.withLock { s -> [UInt8] in
            let b = s.buffer; s.buffer = []; s.flushScheduled = false; return b
        }
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, bytes.count - off) }
            if n < 0 { if errno == EINTR { continue }; return }
            off += n
        }
    }

    static func pad3(_ v: Int) -> String { v < 10 ? "00\(v)" : v < 100 ? "0\(v)" : "\(v)" }

    /// Wall-clock seconds since the epoch.
    public static func wallClock() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// RFC 3339 UTC with milliseconds, e.g. "2026-11-23T09:14:05.123Z".
    public static func rfc3339(_ t: Double) -> String {
        var secs = time_t(t.rounded(.down))
        let ms = Int((t - Double(secs)) * 1000)
        var tmv = tm()
        gmtime_r(&secs, &tmv)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(tmv.tm_year + 1900)-\(two(tmv.tm_mon + 1))-\(two(tmv.tm_mday))T\(two(tmv.tm_hour)):\(two(tmv.tm_min)):\(two(tmv.tm_sec)).\(pad3(ms))Z"
    }
}
