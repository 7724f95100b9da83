import Testing
@testable import TiendoHTTP

/// Cases from a review of the parser against RFC 9112 / RFC 9110. Each runs whole and byte at a time.
let rfcCases: [ParserCase] = {
    let te = get + "Transfer-Encoding: chunked\r\n\r\n"
    let post = "POST /a HTTP/1.1\r\nHost: x\r\n"
    var cases: [ParserCase] = [
        // Request line (RFC 9112 §3).
        .init(name: "asterisk-form for OPTIONS", raw: "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", expected: .ok(method: "OPTIONS", path: "*", body: "")),
        .init(name: "asterisk-form for GET", raw: "GET * HTTP/1.1\r\nHost: x\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "absolute-form without a path", raw: "GET http://x HTTP/1.1\r\nHost: x\r\n\r\n", expected: .ok(method: "GET", path: "/", body: "")),
        .init(name: "absolute-form with an empty host", raw: "GET http:///a HTTP/1.1\r\nHost: x\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "absolute-form, scheme only", raw: "GET http:// HTTP/1.1\r\nHost: x\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "absolute-form with userinfo", raw: "GET http://u@x/a HTTP/1.1\r\nHost: x\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "authority-form", raw: "CONNECT x:443 HTTP/1.1\r\nHost: x\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "lower-case method is a token", raw: "get /a HTTP/1.1\r\nHost: x\r\n\r\n", expected: .ok(method: "get", path: "/a", body: "")),
        .init(name: "tab between method and target", raw: "GET\t/a HTTP/1.1\r\nHost: x\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "trailing space after version", raw: "GET /a HTTP/1.1 \r\nHost: x\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "HTTP/1.2 is served as 1.1", raw: "GET /a HTTP/1.2\r\nHost: x\r\n\r\n", expected: .ok(method: "GET", path: "/a", body: "")),

        // Field lines (RFC 9112 §5, RFC 9110 §5.5).
        .init(name: "obs-text in a value", raw: get + "X: ho\u{E0}ng\r\n\r\n", expected: .ok(method: "GET", path: "/a", body: "")),
        .init(name: "HTAB in a value", raw: get + "X: a\tb\r\n\r\n", expected: .ok(method: "GET", path: "/a", body: "")),
        .init(name: "DEL in a value", raw: get + "X: a\u{7F}b\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "non-token char in a name", raw: get + "X@Y: 1\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "tab before colon", raw: get + "X-A\t: 1\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "obs-fold with a tab", raw: get + "X-A: 1\r\n\tmore\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "whitespace before the first field", raw: "GET /a HTTP/1.1\r\n Host: x\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "bare LF mixed with CRLF", raw: "GET /a HTTP/1.1\nHost: x\r\nX: 1\n\r\n", expected: .ok(method: "GET", path: "/a", body: "")),
        .init(name: "header block exactly at the limit", raw: get + "X: " + String(repeating: "a", count: 256 - 9 - 5) + "\r\n\r\n", expected: .ok(method: "GET", path: "/a", body: "")),
        .init(name: "header block one byte over the limit", raw: get + "X: " + String(repeating: "a", count: 256 - 9 - 4) + "\r\n\r\n", expected: .refused(431, "headers_too_large")),

        // Host (RFC 9112 §3.2, RFC 9110 §7.2).
        .init(name: "Host with a space", raw: "GET /a HTTP/1.1\r\nHost: a b\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "Host with a slash", raw: "GET /a HTTP/1.1\r\nHost: x/y\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "Host with userinfo", raw: "GET /a HTTP/1.1\r\nHost: u@x\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "Host IPv6 literal with port", raw: "GET /a HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", expected: .ok(method: "GET", path: "/a", body: "")),
        .init(name: "empty Host", raw: "GET /a HTTP/1.1\r\nHost:\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "Host of blanks only", raw: "GET /a HTTP/1.1\r\nHost:  \t \r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "duplicate Host on 1.0", raw: "GET /a HTTP/1.0\r\nHost: x\r\nHost: x\r\n\r\n", expected: .refused(400, "bad_request")),

        // Content-Length (RFC 9112 §6.3, RFC 9110 §8.6): an identical list or repeat is taken as the one value.
        .init(name: "identical CL in two fields", raw: post + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc", expected: .ok(method: "POST", path: "/a", body: "abc")),
        .init(name: "CL with leading zeros", raw: post + "Content-Length: 0000000000000000000003\r\n\r\nabc", expected: .ok(method: "POST", path: "/a", body: "abc")),
        .init(name: "CL list with an empty element", raw: post + "Content-Length: 3,\r\n\r\nabc", expected: .refused(400, "bad_request")),
        .init(name: "CL with an inner space", raw: post + "Content-Length: 1 2\r\n\r\nabc", expected: .refused(400, "bad_request")),
        .init(name: "body on GET is framed and read", raw: get + "Content-Length: 5\r\n\r\nhello", expected: .ok(method: "GET", path: "/a", body: "hello")),

        // Transfer-Encoding and chunked (RFC 9112 §6.1, §7.1).
        .init(name: "TE chunked in two fields", raw: get + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "TE chunked with a parameter", raw: get + "Transfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "chunk size with leading zeros", raw: te + "00000000000000000003\r\nabc\r\n0\r\n\r\n", expected: .ok(method: "GET", path: "/a", body: "abc")),
        .init(name: "chunk-ext with a quoted string", raw: te + "3;n=\"a;b\\\"c\"\r\nabc\r\n0;last\r\n\r\n", expected: .ok(method: "GET", path: "/a", body: "abc")),
        .init(name: "chunk-ext: bare ';' without a name", raw: te + "3;\r\nabc\r\n0\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "chunk-ext: non-token char in the name", raw: te + "3;bad[=x\r\nabc\r\n0\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "chunk-ext: '=' without a value", raw: te + "3;a=\r\nabc\r\n0\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "chunk-ext: unterminated quoted value", raw: te + "3;a=\"x\r\nabc\r\n0\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "chunk-ext: two extensions with BWS", raw: te + "3 ; a = 1 ;b\r\nabc\r\n0\r\n\r\n", expected: .ok(method: "GET", path: "/a", body: "abc")),
        .init(name: "chunk-ext with DEL", raw: te + "3;n=\"\u{7F}\"\r\nabc\r\n0\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "chunked with bare LF lines", raw: te.replacingOccurrences(of: "\r\n\r\n", with: "\n\n") + "3\nabc\n0\n\n", expected: .ok(method: "GET", path: "/a", body: "abc")),
        .init(name: "chunk data followed by bare CR", raw: te + "3\r\nabc\rX0\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "trailer field", raw: te + "0\r\nT: v\r\nU: w\r\n\r\n", expected: .ok(method: "GET", path: "/a", body: "")),
        .init(name: "trailer with obs-fold", raw: te + "0\r\nT: v\r\n w\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "trailer without colon", raw: te + "0\r\nnot a field\r\n\r\n", expected: .refused(400, "bad_request")),
        .init(name: "trailer section over the limit", raw: te + "0\r\n" + String(repeating: "T: 0123456789012345678901234567890123456789\r\n", count: 8) + "\r\n", expected: .refused(431, "headers_too_large")),
    ]
    // Many chunks whose extensions add up far beyond the header limit, with a tiny body
    // (the unbounded chunk-extension DoS, cf. CVE-2024-22019).
    let ext = ";" + String(repeating: "e", count: 60)
    cases.append(.init(name: "chunk extensions over the limit", raw: te + String(repeating: "1\(ext)\r\na\r\n", count: 10) + "0\r\n\r\n",
                       expected: .refused(413, "payload_too_large")))
    return cases
}()

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: a) { out += rest[..<r.lowerBound] + b; rest = rest[r.upperBound...] }
        return out + rest
    }
}

@Suite struct RFC9112Tests {
    @Test(arguments: rfcCases)
    func wholeInput(_ c: ParserCase) {
        #expect(parse(c.raw) == c.expected)
    }

    @Test(arguments: rfcCases)
    func byteAtATime(_ c: ParserCase) {
        #expect(parse(c.raw, step: 1) == c.expected)
    }

    /// One long field line and many short ones are held to the same byte limit.
    @Test func oneLongLineAndManySmallLinesShareTheByteLimit() {
        let limits = HTTPParserLimits(maxRequestLineBytes: 64, maxHeaderBytes: 1024, maxHeaderCount: 100, maxBodyBytes: 32)
        let small = (0..<60).map { "X-\($0 + 10): 0123456789012\r\n" }.joined()   // 60 × 20 bytes
        let long = "X: " + String(repeating: "a", count: 1200) + "\r\n"
        let fits = (0..<40).map { "X-\($0 + 10): 0123456789012\r\n" }.joined()
        for step in [0, 1, 7] {
            #expect(parse(get + small + "\r\n", step: step, limits: limits) == .refused(431, "headers_too_large"))
            #expect(parse(get + long + "\r\n", step: step, limits: limits) == .refused(431, "headers_too_large"))
            #expect(parse(get + fits + "\r\n", step: step, limits: limits) == .ok(method: "GET", path: "/a", body: ""))
        }
    }

    /// A GET with a body is framed like any other request, so the next pipelined request is intact.
    @Test func bodyOnGetDoesNotLeakIntoTheNextRequest() {
        var parser = HTTPRequestParser(limits: smallLimits)
        let buf = Array((get + "Content-Length: 15\r\n\r\nGET /b HTTP/1.1" + get + "\r\n").utf8)
        var start = 0
        var seen: [String] = []
        while case .request(let r, _) = parser.next(buf, &start) { seen.append(r.method.rawValue + " " + r.path + " " + String(decoding: r.body, as: UTF8.self)) }
        #expect(seen == ["GET /a GET /b HTTP/1.1", "GET /a "])
    }
}

extension RFC9112Tests {
    /// After a refusal the connection closes; the parser itself must not turn the unread bytes
    /// that follow a refused head into a request either (defence in depth for smuggling).
    @Test func noRequestAfterAnError() {
        let inputs = [
            get + "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n" + get + "\r\n",
            // The chunk data lacks its CRLF; the refusal leaves "X" + a well-formed request behind.
            get + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX" + get + "\r\n",
        ]
        for input in inputs {
            var parser = HTTPRequestParser(limits: smallLimits)
            let buf = Array(input.utf8)
            var start = 0
            guard case .failed(let e) = parser.next(buf, &start) else { Issue.record("expected a refusal"); continue }
            #expect(e.status == 400)
            for _ in 0..<3 {
                guard case .failed(let again) = parser.next(buf, &start) else { Issue.record("a request after an error: \(input.debugDescription)"); break }
                #expect(again == e)
            }
        }
    }
}
