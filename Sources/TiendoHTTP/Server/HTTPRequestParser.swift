/// Why a request was refused while being read. Every parse error closes the connection.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var detail: String
    public init(status: Int, code: String, detail: String) {
        self.status = status; self.code = code; self.detail = detail
    }
    public var description: String { "\(status) \(code): \(detail)" }

    public var problem: Problem {
        Problem(status: status, code: code, title: HTTPParseError.title(status), detail: detail)
    }

    static func title(_ status: Int) -> String {
        switch status {
        case 400: return "Bad request"
        case 408: return "Request timeout"
        case 413: return "Payload too large"
        case 414: return "Request line too long"
        case 417: return "Expectation failed"
        case 431: return "Request header fields too large"
        case 501: return "Not implemented"
        case 505: return "HTTP version not supported"
        default: return HTTPResponse.reasonPhrase(status)
        }
    }

    static func bad(_ detail: String) -> HTTPParseError { .init(status: 400, code: "bad_request", detail: detail) }
    static func tooLarge(_ detail: String) -> HTTPParseError { .init(status: 413, code: "payload_too_large", detail: detail) }
}

/// Limits the parser enforces (taken from `HTTPServerConfiguration`).
public struct HTTPParserLimits: Sendable {
    public var maxRequestLineBytes: Int
    public var maxHeaderBytes: Int
    public var maxHeaderCount: Int
    public var maxBodyBytes: Int
    public init(maxRequestLineBytes: Int = 8192, maxHeaderBytes: Int = 16384, maxHeaderCount: Int = 100, maxBodyBytes: Int = 1_048_576) {
        self.maxRequestLineBytes = maxRequestLineBytes; self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount; self.maxBodyBytes = maxBodyBytes
    }
}

/// How the body of a request is delimited.
enum BodyFraming: Equatable {
    case none
    case length(Int)
    case chunked
}

/// The request line and header block, validated.
struct RequestHead {
    var method: String
    var target: String
    var version: HTTPVersion
    var headers: HTTPHeaders
    var framing: BodyFraming
    var keepAlive: Bool
    var expectContinue: Bool
}

/// What the parser found in the bytes it was given.
enum ParseEvent {
    /// More bytes are needed.
    case needMore
    /// The head asked for `100 Continue` and its body has not arrived yet: send it now, then call again.
    case sendContinue
    case request(HTTPRequest, keepAlive: Bool)
    case failed(HTTPParseError)
}

/// Incremental, byte-level HTTP/1.1 request parser (RFC 9112). Knows nothing of sockets or routing.
/// Feed it the connection's input buffer and a read index; it consumes whole elements only.
struct HTTPRequestParser {
    enum Phase { case idle, head, body }
    private enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        /// Refused: every later call answers the same error and consumes nothing.
        case failed(HTTPParseError)
    }

    let limits: HTTPParserLimits
    private var state: State = .head
    private var scanned = 0            // bytes of the head already searched for its end
    private var head: RequestHead?
    private var body: [UInt8] = []
    private var continueHandled = false
    private var trailerBytes = 0
    private var extensionBytes = 0

    init(limits: HTTPParserLimits) { self.limits = limits }

    /// `.idle` between requests, `.head` while a head is arriving, `.body` while a body is.
    func phase(pendingBytes: Int) -> Phase {
        switch state {
        case .head: return pendingBytes > 0 ? .head : .idle
        case .failed: return .idle
        default: return .body
        }
    }

    /// Parses from `buffer[start...]`, advancing `start` past what it consumed.
    mutating func next(_ buffer: [UInt8], _ start: inout Int, remoteAddress: String = "") -> ParseEvent {
        while true {
            switch state {
            case .failed(let e):
                return .failed(e)
            case .head:
                // Skip empty lines before a request line (RFC 9112 §2.2).
                if scanned == 0 {
                    while start < buffer.count {
                        if buffer[start] == 0x0A { start += 1; continue }
                        if buffer[start] == 0x0D {
                            if start + 1 >= buffer.count { return .needMore }
                            if buffer[start + 1] == 0x0A { start += 2; continue }
                        }
                        break
                    }
                }
                let avail = buffer.count - start
                if avail == 0 { return .needMore }
                guard let end = findHeadEnd(buffer, start) else {
                    // No end yet: enforce the limits on what arrived.
                    if let lf = firstLF(buffer, start, limit: min(avail, limits.maxRequestLineBytes + 2)) {
                        var lineEnd = lf
                        if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                        if lineEnd - start > limits.maxRequestLineBytes { return fail(.init(status: 414, code: "request_line_too_long", detail: "The request line is longer than \(limits.maxRequestLineBytes) bytes.")) }
                        // A head whose field lines fit may still be waiting for the CR of its blank line.
                        if buffer.count - (lf + 1) > limits.maxHeaderBytes + 1 {
                            return fail(.init(status: 431, code: "headers_too_large", detail: "The header block is larger than \(limits.maxHeaderBytes) bytes."))
                        }
                    } else if avail > limits.maxRequestLineBytes + 1 {
                        return fail(.init(status: 414, code: "request_line_too_long", detail: "The request line is longer than \(limits.maxRequestLineBytes) bytes."))
                    }
                    return .needMore
                }
                let parsed: RequestHead
                switch parseHead(buffer, start, end.headEnd) {
                case .success(let h): parsed = h
                case .failure(let e): return fail(e)
                }
                start = end.next
                scanned = 0
                head = parsed
                body = []
                extensionBytes = 0
                continueHandled = false
                switch parsed.framing {
                case .none, .length(0):
                    return complete(remoteAddress)
                case .length(let n):
                    if n > limits.maxBodyBytes { return fail(.tooLarge("The body is \(n) bytes; the limit is \(limits.maxBodyBytes).")) }
                    body.reserveCapacity(n)
                    state = .fixedBody(remaining: n)
                case .chunked:
                    state = .chunkSize
                }
                if parsed.expectContinue && buffer.count == start {
                    continueHandled = true
                    return .sendContinue
                }

            case .fixedBody(let remaining):
                let avail = buffer.count - start
                if avail == 0 { return .needMore }
                let take = min(avail, remaining)
                body.append(contentsOf: buffer[start..<(start + take)])
                start += take
                if take == remaining { return complete(remoteAddress) }
                state = .fixedBody(remaining: remaining - take)
                return .needMore

            case .chunkSize:
                guard let lf = firstLF(buffer, start, limit: min(buffer.count - start, 4096)) else {
                    if buffer.count - start >= 4096 { return fail(.bad("A chunk-size line is too long.")) }
                    return .needMore
                }
                var lineEnd = lf
                if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                var i = start
                var size = 0
                var digits = 0
                var significant = 0
                while i < lineEnd, let v = PercentDecoding.hexValue(buffer[i]) {
                    digits += 1
                    if significant > 0 || v != 0 { significant += 1 }   // leading zeros do not overflow
                    if significant > 15 { return fail(.tooLarge("A chunk is larger than the body limit.")) }
                    size = size << 4 | Int(v)
                    i += 1
                }
                if digits == 0 { return fail(.bad("A chunk size is not hexadecimal.")) }
                // Optional chunk extensions: BWS ";" ... — tolerated, not interpreted.
                var j = i
                while j < lineEnd && (buffer[j] == 0x20 || buffer[j] == 0x09) { j += 1 }
                if j < lineEnd {
                    if buffer[j] != UInt8(ascii: ";") { return fail(.bad("A chunk size is not hexadecimal.")) }
                    // Extensions are ignored but still cost reading: bound their total per message.
                    extensionBytes += lineEnd - i
                    if extensionBytes > limits.maxHeaderBytes {
                        return fail(.tooLarge("The chunk extensions exceed \(limits.maxHeaderBytes) bytes."))
                    }
                    for k in j..<lineEnd where (buffer[k] < 0x20 && buffer[k] != 0x09) || buffer[k] == 0x7F {
                        _ = k; return fail(.bad("A chunk extension has a control character."))
                    }
                    if let problem = HTTPRequestParser.chunkExtensionProblem(buffer, j, lineEnd) {
                        return fail(.bad("Malformed chunk extension: \(problem)"))
                    }
                } else if j != i {
                    return fail(.bad("A chunk size is followed by whitespace."))
                }
                start = lf + 1
                if size == 0 {
                    trailerBytes = 0
                    state = .trailers
                } else {
                    if body.count + size > limits.maxBodyBytes {
                        return fail(.tooLarge("The chunked body exceeds the limit of \(limits.maxBodyBytes) bytes."))
                    }
                    state = .chunkData(remaining: size)
                }

            case .chunkData(let remaining):
                let avail = buffer.count - start
                if avail == 0 { return .needMore }
                let take = min(avail, remaining)
                body.append(contentsOf: buffer[start..<(start + take)])
                start += take
                if take == remaining { state = .chunkDataEnd } else {
                    state = .chunkData(remaining: remaining - take)
                    return .needMore
                }

            case .chunkDataEnd:
                let avail = buffer.count - start
                if avail == 0 { return .needMore }
                if buffer[start] == 0x0A { start += 1; state = .chunkSize; continue }
                if buffer[start] != 0x0D { return fail(.bad("Chunk data is not followed by CRLF.")) }
                if avail < 2 { return .needMore }
                if buffer[start + 1] != 0x0A { return fail(.bad("Chunk data is not followed by CRLF.")) }
                start += 2
                state = .chunkSize

            case .trailers:
                // Trailer fields are read and ignored; an empty line ends the message.
                guard let lf = firstLF(buffer, start, limit: buffer.count - start) else {
                    if trailerBytes + (buffer.count - start) > limits.maxHeaderBytes {
                        return fail(.init(status: 431, code: "headers_too_large", detail: "The trailer section is too large."))
                    }
                    return .needMore
                }
                var lineEnd = lf
                if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                trailerBytes += lf + 1 - start
                if trailerBytes > limits.maxHeaderBytes {
                    return fail(.init(status: 431, code: "headers_too_large", detail: "The trailer section is too large."))
                }
                let empty = lineEnd == start
                if !empty, let problem = HTTPRequestParser.fieldLineProblem(buffer, start, lineEnd) {
                    return fail(.bad("Malformed trailer field: \(problem)"))
                }
                start = lf + 1
                if empty { return complete(remoteAddress) }
            }
        }
    }

    /// The head whose body is being read, as a request with an empty body (for the check
    /// made before `100 Continue`); nil between requests.
    func pendingHead(remoteAddress: String) -> HTTPRequest? {
        guard let h = head else { return nil }
        return HTTPRequest(method: HTTPMethod(rawValue: h.method), target: h.target, version: h.version,
                           headers: h.headers, body: [], remoteAddress: remoteAddress)
    }

    private mutating func fail(_ e: HTTPParseError) -> ParseEvent {
        // Sticky: what follows a refused element is not trustworthy framing, so it is never parsed.
        state = .failed(e); scanned = 0; head = nil; body = []
        return .failed(e)
    }

    private mutating func complete(_ remoteAddress: String) -> ParseEvent {
        let h = head!
        head = nil
        state = .head
        let req = HTTPRequest(method: HTTPMethod(rawValue: h.method), target: h.target, version: h.version,
                              headers: h.headers, body: body, remoteAddress: remoteAddress)
        body = []
        return .request(req, keepAlive: h.keepAlive)
    }

    private func firstLF(_ b: [UInt8], _ from: Int, limit: Int) -> Int? {
        b.withUnsafeBufferPointer { p in
            var i = from
            let end = from + limit
            while i < end { if p[i] == 0x0A { return i }; i += 1 }
            return nil
        }
    }

    /// Finds the blank line ending the head; `headEnd` is the index just after the last header
    /// line's LF, `next` the first byte after the blank line.
    private mutating func findHeadEnd(_ b: [UInt8], _ start: Int) -> (headEnd: Int, next: Int)? {
        let count = b.count
        let found: (Int, Int)? = b.withUnsafeBufferPointer { p in
            var i = max(start, start + scanned - 2)
            while i < count {
                if p[i] == 0x0A {
                    if i + 1 < count && p[i + 1] == 0x0A { return (i + 1, i + 2) }
                    if i + 2 < count && p[i + 1] == 0x0D && p[i + 2] == 0x0A { return (i + 1, i + 3) }
                    if i + 2 >= count { break }   // might complete with more bytes
                }
                i += 1
            }
            return nil
        }
        if found == nil { scanned = max(0, count - start) }
        return found
    }

    /// Why `b[start..<end]` (one line, without its line ending) is not a field-line, or nil.
    static func fieldLineProblem(_ b: [UInt8], _ start: Int, _ end: Int) -> String? {
        if b[start] == 0x20 || b[start] == 0x09 { return "obsolete line folding." }
        var c = start
        while c < end && isTChar(b[c]) { c += 1 }
        if c == start || c >= end || b[c] != UInt8(ascii: ":") { return "no field name and colon." }
        for k in (c + 1)..<end where (b[k] < 0x20 && b[k] != 0x09) || b[k] == 0x7F { _ = k; return "a control character." }
        return nil
    }

    private static func isTChar(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default: return false
        }
    }

    /// Why `b[start..<end]` is not a chunk-ext (RFC 9112 §7.1.1), or nil:
    /// `*( BWS ";" BWS token [ BWS "=" BWS ( token / quoted-string ) ] )`. Extensions are
    /// ignored, but a name that is missing or not a token is malformed framing all the same.
    static func chunkExtensionProblem(_ b: [UInt8], _ start: Int, _ end: Int) -> String? {
        var i = start
        func skipBlanks() { while i < end && (b[i] == 0x20 || b[i] == 0x09) { i += 1 } }
        while true {
            skipBlanks()
            if i == end { return nil }
            guard b[i] == UInt8(ascii: ";") else { return "expected ';'." }
            i += 1
            skipBlanks()
            let nameStart = i
            while i < end && isTChar(b[i]) { i += 1 }
            if i == nameStart { return "an extension without a name." }
            skipBlanks()
            if i == end { return nil }
            if b[i] == UInt8(ascii: ";") { continue }
            guard b[i] == UInt8(ascii: "=") else { return "a name with a character that is not a token character." }
            i += 1
            skipBlanks()
            if i < end && b[i] == UInt8(ascii: "\"") {
                i += 1
                var closed = false
                while i < end {
                    if b[i] == UInt8(ascii: "\\") { i += 2; continue }
                    if b[i] == UInt8(ascii: "\"") { closed = true; i += 1; break }
                    i += 1
                }
                if !closed { return "an unterminated quoted value." }
            } else {
                let valueStart = i
                while i < end && isTChar(b[i]) { i += 1 }
                if i == valueStart { return "an empty or malformed value." }
            }
        }
    }

    /// Host = uri-host [ ":" port ] (RFC 9110 §7.2): reg-name, IPv4 or IP-literal characters only,
    /// so no whitespace, "/", "@" or other delimiters (emptiness is checked by the caller).
    static func isValidHost<C: Collection>(_ s: C) -> Bool where C.Element == UInt8 {
        s.allSatisfy { c in
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "%"),
                 UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="),
                 UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"):
                return true
            default: return false
            }
        }
    }

    /// Parses and validates `b[start..<end]` (request line + header lines, each ending in LF).
    private func parseHead(_ b: [UInt8], _ start: Int, _ end: Int) -> Result<RequestHead, HTTPParseError> {
        b.withUnsafeBufferPointer { p -> Result<RequestHead, HTTPParseError> in
            // Request line.
            var lf = start
            while p[lf] != 0x0A { lf += 1 }
            var lineEnd = lf
            if lineEnd > start && p[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if lineEnd - start > limits.maxRequestLineBytes {
                return .failure(.init(status: 414, code: "request_line_too_long", detail: "The request line is longer than \(limits.maxRequestLineBytes) bytes."))
            }
            if end - (lf + 1) > limits.maxHeaderBytes {
                return .failure(.init(status: 431, code: "headers_too_large", detail: "The header block is larger than \(limits.maxHeaderBytes) bytes."))
            }
            var i = start
            while i < lineEnd && HTTPRequestParser.isTChar(p[i]) { i += 1 }
            if i == start || i >= lineEnd || p[i] != 0x20 { return .failure(.bad("Malformed request line.")) }
            let method = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
            i += 1
            let targetStart = i
            while i < lineEnd && p[i] > 0x20 && p[i] < 0x7F { i += 1 }
            if i == targetStart || i >= lineEnd || p[i] != 0x20 { return .failure(.bad("Malformed request line.")) }
            let first = p[targetStart]
            if !(first == UInt8(ascii: "/") || (first == UInt8(ascii: "*") && i == targetStart + 1) || first == UInt8(ascii: "h") || first == UInt8(ascii: "H")) {
                return .failure(.bad("Malformed request target."))
            }
            let target = String(decoding: UnsafeBufferPointer(rebasing: p[targetStart..<i]), as: UTF8.self)
            // asterisk-form is only for a server-wide OPTIONS (RFC 9112 §3.2.4).
            if first == UInt8(ascii: "*") && method != "OPTIONS" { return .failure(.bad("The request target '*' is only for OPTIONS.")) }
            i += 1
            // HTTP-version = "HTTP/" DIGIT "." DIGIT
            guard lineEnd - i == 8, p[i] == 0x48, p[i+1] == 0x54, p[i+2] == 0x54, p[i+3] == 0x50, p[i+4] == 0x2F,
                  p[i+6] == 0x2E, p[i+5] >= 0x30, p[i+5] <= 0x39, p[i+7] >= 0x30, p[i+7] <= 0x39 else {
                return .failure(.bad("Malformed HTTP version."))
            }
            let major = Int(p[i+5] - 0x30), minor = Int(p[i+7] - 0x30)
            if major != 1 { return .failure(.init(status: 505, code: "http_version_not_supported", detail: "Only HTTP/1.x is served.")) }
            let version = HTTPVersion(major: 1, minor: minor == 0 ? 0 : 1)
            if first != UInt8(ascii: "/") && first != UInt8(ascii: "*") {
                let lower = target.lowercasedASCII()
                if !(lower.hasPrefix("http://") || lower.hasPrefix("https://")) { return .failure(.bad("Malformed request target.")) }
                // An http(s) URI needs a non-empty host (RFC 9110 §4.2.1); userinfo is refused (§4.2.4).
                let afterScheme = lower.utf8.drop(while: { $0 != UInt8(ascii: ":") }).dropFirst(3)
                let authority = afterScheme.prefix(while: { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") })
                if authority.isEmpty || authority.first == UInt8(ascii: ":") || !HTTPRequestParser.isValidHost(authority) {
                    return .failure(.bad("The absolute-form target has no valid host."))
                }
            }

            // Header fields.
            var headers = HTTPHeaders()
            headers.fields.reserveCapacity(8)
            var pos = lf + 1
            while pos < end {
                var e = pos
                while p[e] != 0x0A { e += 1 }
                var le = e
                if le > pos && p[le - 1] == 0x0D { le -= 1 }
                if le == pos { break }   // the blank line (not reached: end excludes it)
                if p[pos] == 0x20 || p[pos] == 0x09 { return .failure(.bad("Obsolete line folding is not allowed.")) }
                var c = pos
                while c < le && HTTPRequestParser.isTChar(p[c]) { c += 1 }
                if c >= le || p[c] != UInt8(ascii: ":") {
                    if c < le && (p[c] == 0x20 || p[c] == 0x09) { return .failure(.bad("Whitespace between a header name and its colon.")) }
                    return .failure(.bad("Malformed header field."))
                }
                if c == pos { return .failure(.bad("Empty header name.")) }
                var vs = c + 1
                while vs < le && (p[vs] == 0x20 || p[vs] == 0x09) { vs += 1 }
                var ve = le
                while ve > vs && (p[ve - 1] == 0x20 || p[ve - 1] == 0x09) { ve -= 1 }
                var k = vs
                while k < ve {
                    let ch = p[k]
                    if (ch < 0x20 && ch != 0x09) || ch == 0x7F { return .failure(.bad("A header value has a control character (NUL, bare CR, …).")) }
                    k += 1
                }
                if headers.fields.count >= limits.maxHeaderCount {
                    return .failure(.init(status: 431, code: "headers_too_large", detail: "More than \(limits.maxHeaderCount) header fields."))
                }
                headers.fields.append((name: String(decoding: UnsafeBufferPointer(rebasing: p[pos..<c]), as: UTF8.self),
                                       value: String(decoding: UnsafeBufferPointer(rebasing: p[vs..<ve]), as: UTF8.self)))
                pos = e + 1
            }
            // A bare CR or NUL in the request line.
            for k in start..<lineEnd where p[k] == 0x0D || p[k] == 0x00 { _ = k; return .failure(.bad("Bare CR or NUL in the request line.")) }
            return HTTPRequestParser.semantics(method: method, target: target, version: version, headers: headers)
        }
    }

    /// Host, framing, Connection and Expect rules.
    static func semantics(method: String, target: String, version: HTTPVersion, headers: HTTPHeaders) -> Result<RequestHead, HTTPParseError> {
        var hostCount = 0
        var clValue: Int? = nil
        var clSeen = false
        var teSeen = false
        var connectionClose = false
        var connectionKeepAlive = false
        var expect: String? = nil
        for f in headers.fields {
            let n = f.name
            let len = n.utf8.count
            if len == 4 && HTTPHeaders.equalsIgnoringCase(n, "host") {
                hostCount += 1
                // Empty is only for a target without an authority (RFC 9112 §3.2), which we never serve.
                if f.value.isEmpty { return .failure(.bad("The Host header is empty.")) }
                if !isValidHost(f.value.utf8) { return .failure(.bad("The Host header is not a valid host[:port].")) }
            } else if len == 14 && HTTPHeaders.equalsIgnoringCase(n, "content-length") {
                clSeen = true
                for part in f.value.split(separator: ",", omittingEmptySubsequences: false) {
                    let t = part.trimmingASCIIWhitespace()
                    if t.isEmpty || !t.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                        return .failure(.bad("Content-Length is not a non-negative decimal number."))
                    }
                    let significant = t.drop(while: { $0 == "0" })   // 1*DIGIT: leading zeros are allowed
                    guard significant.utf8.count <= 18, let v = significant.isEmpty ? 0 : Int(significant) else {
                        return .failure(.tooLarge("Content-Length is larger than the body limit."))
                    }
                    if let prev = clValue, prev != v { return .failure(.bad("Differing Content-Length values.")) }
                    clValue = v
                }
            } else if len == 17 && HTTPHeaders.equalsIgnoringCase(n, "transfer-encoding") {
                teSeen = true
            } else if len == 10 && HTTPHeaders.equalsIgnoringCase(n, "connection") {
                for part in f.value.split(separator: ",") {
                    let t = part.trimmingASCIIWhitespace()
                    if HTTPHeaders.equalsIgnoringCase(String(t), "close") { connectionClose = true }
                    else if HTTPHeaders.equalsIgnoringCase(String(t), "keep-alive") { connectionKeepAlive = true }
                }
            } else if len == 6 && HTTPHeaders.equalsIgnoringCase(n, "expect") {
                expect = f.value
            }
        }
        if version == .http1_1 && hostCount != 1 {
            return .failure(.bad(hostCount == 0 ? "HTTP/1.1 requires a Host header." : "More than one Host header."))
        }
        if hostCount > 1 { return .failure(.bad("More than one Host header.")) }
        var framing = BodyFraming.none
        if teSeen {
            if clSeen { return .failure(.bad("Both Content-Length and Transfer-Encoding.")) }
            if version == .http1_0 { return .failure(.bad("Transfer-Encoding in an HTTP/1.0 request.")) }
            let codings = headers.tokens("transfer-encoding")
            guard codings.last == "chunked" else {
                return .failure(.bad("The final transfer coding is not chunked."))
            }
            if codings.count > 1 {
                if codings.dropLast().contains("chunked") { return .failure(.bad("chunked applied more than once.")) }
                return .failure(.init(status: 501, code: "unsupported_transfer_coding", detail: "Only the chunked transfer coding is supported."))
            }
            framing = .chunked
        } else if let n = clValue {
            framing = .length(n)
        } else if clSeen {
            return .failure(.bad("Empty Content-Length."))
        }
        var expectContinue = false
        if let e = expect {
            if HTTPHeaders.equalsIgnoringCase(String(Substring(e).trimmingASCIIWhitespace()), "100-continue") {
                expectContinue = version == .http1_1 && framing != .none && framing != .length(0)
            } else {
                return .failure(.init(status: 417, code: "expectation_failed", detail: "Only 'Expect: 100-continue' is understood."))
            }
        }
        let keepAlive = version == .http1_1 ? !connectionClose : (connectionKeepAlive && !connectionClose)
        return .success(RequestHead(method: method, target: target, version: version, headers: headers,
                                    framing: framing, keepAlive: keepAlive, expectContinue: expectContinue))
    }
}
