#if canImport(Glibc)
import Glibc
#endif

/// Serializes responses into a connection's output buffer: status line, the handler's headers,
/// then the server-managed Date, Content-Length and Connection. One buffer, one send.
enum HTTPResponseEncoder {
    static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// The status line of every named status, written once.
    private static let statusLines: [Int: [UInt8]] = Dictionary(uniqueKeysWithValues: HTTPStatus.known.map {
        ($0.code, Array("HTTP/1.1 \($0.code) \($0.reasonPhrase)\r\n".utf8))
    })

    /// Appends `response` to `out`. `headRequest` drops the body but keeps its Content-Length.
    /// Returns the number of body bytes written.
    @discardableResult
    static func encode(_ response: HTTPResponse, headRequest: Bool, close: Bool, date: [UInt8],
                       keepAliveHeader: Bool = false, into out: inout [UInt8]) -> Int {
        let valid = (100...999).contains(response.status.code)
        let status = valid ? response.status.code : 500
        if let line = statusLines[status] {
            out.append(contentsOf: line)
        } else {
            let phrase = valid ? response.status.reasonPhrase : HTTPStatus.internalServerError.reasonPhrase
            out.append(contentsOf: "HTTP/1.1 \(status) \(phrase)\r\n".utf8)
        }
        let noBody = status == 204 || status == 304 || status < 200
        var hasContentType = false
        for f in response.headers {
            let n = f.name
            let len = n.utf8.count
            if len == 14 && HTTPHeaders.equalsIgnoringCase(n, "content-length") { continue }
            if len == 4 && HTTPHeaders.equalsIgnoringCase(n, "date") { continue }
            if len == 10 && HTTPHeaders.equalsIgnoringCase(n, "connection") { continue }
            if len == 17 && HTTPHeaders.equalsIgnoringCase(n, "transfer-encoding") { continue }
            if len == 12 && HTTPHeaders.equalsIgnoringCase(n, "content-type") { hasContentType = true }
            // Never let a CR/LF inside a handler's header split the response.
            if n.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x3A }) { continue }
            out.append(contentsOf: n.utf8)
            out.append(0x3A); out.append(0x20)
            if f.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) {
                for b in f.value.utf8 where b != 0x0D && b != 0x0A && b != 0 { out.append(b) }
            } else {
                out.append(contentsOf: f.value.utf8)
            }
            out.append(0x0D); out.append(0x0A)
        }
        if !hasContentType && !noBody {
            out.append(contentsOf: contentTypeDefault)
        }
        out.append(contentsOf: date)
        if !noBody {
            out.append(contentsOf: contentLengthPrefix)
            appendDecimal(response.body.count, to: &out)
            out.append(0x0D); out.append(0x0A)
        }
        if close { out.append(contentsOf: connectionClose) }
        else if keepAliveHeader { out.append(contentsOf: connectionKeepAlive) }
        out.append(0x0D); out.append(0x0A)
        if noBody || headRequest { return 0 }
        out.append(contentsOf: response.body)
        return response.body.count
    }

    private static let contentTypeDefault: [UInt8] = Array("Content-Type: text/plain; charset=utf-8\r\n".utf8)
    private static let contentLengthPrefix: [UInt8] = Array("Content-Length: ".utf8)
    private static let connectionClose: [UInt8] = Array("Connection: close\r\n".utf8)
    /// HTTP/1.0 clients only keep a connection open when told so.
    private static let connectionKeepAlive: [UInt8] = Array("Connection: keep-alive\r\n".utf8)

    @inline(__always)
    static func appendDecimal(_ v: Int, to out: inout [UInt8]) {
        if v < 10 { out.append(UInt8(v) + 0x30); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = v, count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while n > 0 { d[count] = UInt8(n % 10) + 0x30; n /= 10; count += 1 }
            while count > 0 { count -= 1; out.append(d[count]) }
        }
    }
}

/// "Date: <IMF-fixdate>\r\n", recomputed at most once per second (per event loop).
struct DateHeaderCache {
    private var second: Int = -1
    private(set) var bytes: [UInt8] = []

    mutating func current() -> [UInt8] {
        let t = time(nil)
        if t != second {
            second = t
            bytes = Array(("Date: " + DateHeaderCache.imfFixdate(t) + "\r\n").utf8)
        }
        return bytes
    }

    static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
    static func imfFixdate(_ t: time_t) -> String {
        var tt = t
        var tmv = tm()
        gmtime_r(&tt, &tmv)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[Int(tmv.tm_wday)]), \(two(tmv.tm_mday)) \(months[Int(tmv.tm_mon)]) \(tmv.tm_year + 1900) \(two(tmv.tm_hour)):\(two(tmv.tm_min)):\(two(tmv.tm_sec)) GMT"
    }
}
