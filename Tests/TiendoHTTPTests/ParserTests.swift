import Testing
@testable import TiendoHTTP

enum Outcome: Equatable, CustomStringConvertible {
    case ok(method: String, path: String, body: String)
    case refused(Int, String)
    case needMore
    var description: String {
        switch self {
        case .ok(let m, let p, let b): return "ok(\(m) \(p) body=\(b.debugDescription))"
        case .refused(let s, let c): return "refused(\(s) \(c))"
        case .needMore: return "needMore"
        }
    }
}

let smallLimits = HTTPParserLimits(maxRequestLineBytes: 64, maxHeaderBytes: 256, maxHeaderCount: 5, maxBodyBytes: 32)

/// Feeds `raw` in pieces of `step` bytes (0 = all at once) and reports the first outcome.
func parse(_ raw: String, step: Int = 0, limits: HTTPParserLimits = smallLimits) -> Outcome {
    var parser = HTTPRequestParser(limits: limits)
    let all = Array(raw.utf8)
    var buffer: [UInt8] = []
    var start = 0
    var fed = 0
    while true {
        let n = step == 0 ? all.count - fed : min(step, all.count - fed)
        buffer.append(contentsOf: all[fed..<(fed + n)])
        fed += n
        while true {
            switch parser.next(buffer, &start) {
            case .request(let r, _): return .ok(method: r.method.rawValue, path: r.path, body: String(decoding: r.body, as: UTF8.self))
            case .failed(let e): return .refused(e.status, e.code)
            case .sendContinue: continue
            case .needMore: break
            }
            break
        }
        if fed == all.count { return .needMore }
    }
}

struct ParserCase: CustomTestStringConvertible, Sendable {
    let name: String
    let raw: String
    let expected: Outcome
    var testDescription: String { name }
}

extension Outcome: @unchecked Sendable {}

let get = "GET /a HTTP/1.1\r\nHost: x\r\n"

let parserCases: [ParserCase] = [
    .init(name: "simple GET", raw: get + "\r\n", expected: .ok(method: "GET", path: "/a", body: "")),
    .init(name: "LF-only line endings", raw: "GET /a HTTP/1.1\nHost: x\n\n", expected: .ok(method: "GET", path: "/a", body: "")),
    .init(name: "leading empty line ignored", raw: "\r\n" + get + "\r\n", expected: .ok(method: "GET", path: "/a", body: "")),
    .init(name: "percent-decoded path", raw: "GET /units/huy%E1%BB%87n?q=a HTTP/1.1\r\nHost: x\r\n\r\n", expected: .ok(method: "GET", path: "/units/huyện", body: "")),
    .init(name: "absolute-form target", raw: "GET http://x/a/b?c=1 HTTP/1.1\r\nHost: x\r\n\r\n", expected: .ok(method: "GET", path: "/a/b", body: "")),
    .init(name: "absolute-form, upper-case scheme", raw: "GET HTTPS://x?c=1 HTTP/1.1\r\nHost: x\r\n\r\n", expected: .ok(method: "GET", path: "/", body: "")),
    .init(name: "HTTP/1.0 without Host", raw: "GET /a HTTP/1.0\r\n\r\n", expected: .ok(method: "GET", path: "/a", body: "")),
    .init(name: "incomplete head", raw: get, expected: .needMore),
    .init(name: "Content-Length body", raw: "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", expected: .ok(method: "POST", path: "/a", body: "hello")),
    .init(name: "identical CL list", raw: "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\n\r\nabc", expected: .ok(method: "POST", path: "/a", body: "abc")),
    .init(name: "chunked with extension and trailer", raw: "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2 ;z\r\nde\r\n0\r\nT: v\r\n\r\n", expected: .ok(method: "POST", path: "/a", body: "abcde")),
    .init(name: "chunked case-insensitive", raw: "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n", expected: .ok(method: "POST", path: "/a", body: "")),

    .init(name: "garbage request line", raw: "GARBAGE\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "double space", raw: "GET  /a HTTP/1.1\r\nHost: x\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "bad method char", raw: "G(T /a HTTP/1.1\r\nHost: x\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "target not origin-form", raw: "GET a HTTP/1.1\r\nHost: x\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "lowercase version", raw: "GET /a http/1.1\r\nHost: x\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "HTTP/2.0", raw: "GET /a HTTP/2.0\r\nHost: x\r\n\r\n", expected: .refused(505, "http_version_not_supported")),
    .init(name: "bare CR in request line", raw: "GET /a\rb HTTP/1.1\r\nHost: x\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "NUL in target", raw: "GET /a\u{0}b HTTP/1.1\r\nHost: x\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "NUL in header value", raw: get + "X: a\u{0}b\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "bare CR in header value", raw: get + "X: a\rb\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "space before colon", raw: get + "X-A : 1\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "obs-fold", raw: get + "X-A: 1\r\n  continued\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "header without colon", raw: get + "NoColon\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "missing Host on 1.1", raw: "GET /a HTTP/1.1\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "duplicate Host", raw: get + "Host: y\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "signed Content-Length", raw: get + "Content-Length: +5\r\n\r\nhello", expected: .refused(400, "bad_request")),
    .init(name: "negative Content-Length", raw: get + "Content-Length: -1\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "hex Content-Length", raw: get + "Content-Length: 0x5\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "empty Content-Length", raw: get + "Content-Length: \r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "differing Content-Lengths", raw: get + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "differing CL list", raw: get + "Content-Length: 5, 6\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "CL and TE", raw: get + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "TE final coding not chunked", raw: get + "Transfer-Encoding: chunked, gzip\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "TE identity", raw: get + "Transfer-Encoding: identity\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "TE chunked twice", raw: get + "Transfer-Encoding: chunked, chunked\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "TE unsupported coding", raw: get + "Transfer-Encoding: gzip, chunked\r\n\r\n", expected: .refused(501, "unsupported_transfer_coding")),
    .init(name: "TE on HTTP/1.0", raw: "POST /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "chunk size with sign", raw: get + "Transfer-Encoding: chunked\r\n\r\n+3\r\nabc\r\n0\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "chunk size with 0x", raw: get + "Transfer-Encoding: chunked\r\n\r\n0x3\r\nabc\r\n0\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "chunk size leading space", raw: get + "Transfer-Encoding: chunked\r\n\r\n 3\r\nabc\r\n0\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "chunk size trailing space", raw: get + "Transfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "chunk size overflow", raw: get + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n", expected: .refused(413, "payload_too_large")),
    .init(name: "chunk data without CRLF", raw: get + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n", expected: .refused(400, "bad_request")),
    .init(name: "chunked body over limit", raw: get + "Transfer-Encoding: chunked\r\n\r\n14\r\n" + String(repeating: "a", count: 20) + "\r\n14\r\n", expected: .refused(413, "payload_too_large")),
    .init(name: "Content-Length over limit", raw: get + "Content-Length: 33\r\n\r\n", expected: .refused(413, "payload_too_large")),
    .init(name: "huge Content-Length", raw: get + "Content-Length: 99999999999999999999999\r\n\r\n", expected: .refused(413, "payload_too_large")),
    .init(name: "unknown expectation", raw: get + "Content-Length: 1\r\nExpect: magic\r\n\r\nx", expected: .refused(417, "expectation_failed")),
    .init(name: "request line too long", raw: "GET /" + String(repeating: "a", count: 80) + " HTTP/1.1\r\nHost: x\r\n\r\n", expected: .refused(414, "request_line_too_long")),
    .init(name: "request line too long, incomplete", raw: "GET /" + String(repeating: "a", count: 80), expected: .refused(414, "request_line_too_long")),
    .init(name: "headers too large", raw: get + "X: " + String(repeating: "a", count: 300) + "\r\n\r\n", expected: .refused(431, "headers_too_large")),
    .init(name: "headers too large, incomplete", raw: get + "X: " + String(repeating: "a", count: 300), expected: .refused(431, "headers_too_large")),
    .init(name: "too many headers", raw: get + "A: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\n\r\n", expected: .refused(431, "headers_too_large")),
]

@Suite struct ParserTests {
    @Test(arguments: parserCases)
    func wholeInput(_ c: ParserCase) {
        #expect(parse(c.raw) == c.expected)
    }

    @Test(arguments: parserCases)
    func byteAtATime(_ c: ParserCase) {
        #expect(parse(c.raw, step: 1) == c.expected)
    }

    @Test func pipelinedRequestsComeOutOneByOne() {
        var parser = HTTPRequestParser(limits: smallLimits)
        let buf = Array((get + "\r\n" + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi" + get + "Connection: close\r\n\r\n").utf8)
        var start = 0
        var seen: [String] = []
        var keep: [Bool] = []
        while case .request(let r, let k) = parser.next(buf, &start) { seen.append(r.method.rawValue + " " + r.path); keep.append(k) }
        #expect(seen == ["GET /a", "POST /b", "GET /a"])
        #expect(keep == [true, true, false])
        #expect(start == buf.count)
    }

    @Test func expectContinueAsksToSendContinue() {
        var parser = HTTPRequestParser(limits: smallLimits)
        var buf = Array((get + "Content-Length: 2\r\nExpect: 100-continue\r\n\r\n").utf8)
        var start = 0
        guard case .sendContinue = parser.next(buf, &start) else { Issue.record("no 100-continue"); return }
        guard case .needMore = parser.next(buf, &start) else { Issue.record("expected needMore"); return }
        buf.append(contentsOf: Array("ok".utf8))
        guard case .request(let r, _) = parser.next(buf, &start) else { Issue.record("no request"); return }
        #expect(r.body == Array("ok".utf8))
    }

    @Test func keepAliveRules() {
        func keepAlive(_ raw: String) -> Bool? {
            var p = HTTPRequestParser(limits: smallLimits)
            var s = 0
            if case .request(_, let k) = p.next(Array(raw.utf8), &s) { return k }
            return nil
        }
        #expect(keepAlive(get + "\r\n") == true)
        #expect(keepAlive(get + "Connection: upgrade, CLOSE\r\n\r\n") == false)
        #expect(keepAlive("GET / HTTP/1.0\r\n\r\n") == false)
        #expect(keepAlive("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") == true)
    }

    @Test func configurationFromEnvironment() {
        let c = HTTPServerConfiguration.fromEnvironment([
            "TIENDO_HOST": "0.0.0.0", "TIENDO_PORT": "9090", "TIENDO_HEADER_TIMEOUT": "1.5",
            "TIENDO_BODY_TIMEOUT": "7", "TIENDO_IDLE_TIMEOUT": "30", "TIENDO_MAX_CONNECTIONS": "10",
            "TIENDO_MAX_BODY_BYTES": "2048", "TIENDO_MAX_HEADER_BYTES": "4096", "TIENDO_ACCESS_LOG": "off",
            "TIENDO_EVENT_LOOPS": "3",
        ])
        #expect(c.host == "0.0.0.0"); #expect(c.port == 9090)
        #expect(c.headerTimeout == 1.5); #expect(c.bodyTimeout == 7); #expect(c.idleTimeout == 30)
        #expect(c.maxConnections == 10); #expect(c.maxBodyBytes == 2048); #expect(c.maxHeaderBytes == 4096)
        #expect(c.accessLog == false); #expect(c.eventLoops == 3)
        let d = HTTPServerConfiguration.fromEnvironment(["TIENDO_PORT": "nope", "TIENDO_HEADER_TIMEOUT": "-1"])
        #expect(d.port == 8080); #expect(d.headerTimeout == 10); #expect(d.accessLog == true)
    }

    @Test func dateHeaderFormat() {
        #expect(DateHeaderCache.imfFixdate(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(AccessLogger.rfc3339(784111777.25) == "1994-11-06T08:49:37.250Z")
    }

    @Test func encoderAddsServerHeaders() {
        var out: [UInt8] = []
        var h = HTTPHeaders(); h.add("X-Evil", "a\r\nInjected: yes")
        HTTPResponseEncoder.encode(HTTPResponse(status: 200, headers: h, body: Array("hi".utf8)), headRequest: false, close: true,
                                   date: Array("Date: D\r\n".utf8), into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "HTTP/1.1 200 OK\r\nX-Evil: aInjected: yes\r\nContent-Type: text/plain; charset=utf-8\r\nDate: D\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi")
        out = []
        HTTPResponseEncoder.encode(HTTPResponse(status: 204), headRequest: false, close: false, date: [], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "HTTP/1.1 204 No Content\r\n\r\n")
        out = []
        HTTPResponseEncoder.encode(.text(200, "12345678901"), headRequest: true, close: false, date: [], into: &out)
        #expect(String(decoding: out, as: UTF8.self).hasSuffix("Content-Length: 11\r\n\r\n"))
    }
}
