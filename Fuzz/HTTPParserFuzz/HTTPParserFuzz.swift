// libFuzzer target for HTTPRequestParser and Router.resolve. Built by scripts/fuzz-http, which
// compiles this file together with the parser and routing sources into one module, so the
// parser's internal API is visible here. Not part of `swift test`.
//
// Input layout: bytes 0 and 1 choose two cut points, byte 2 the limits (small ones put the
// 414/431/413 boundaries within reach), the rest is the byte stream of one connection. Invariants checked (a violation traps, which libFuzzer reports as a crash):
//  - fed whole, fed in three pieces, and fed byte at a time, the parser produces the same
//    sequence of requests and refusals (100-continue prompts are ignored: they depend on timing);
//  - after a refusal, further calls refuse again and never produce a request;
//  - the read index only moves forward and never passes the end of the buffer;
//  - a body never exceeds maxBodyBytes, and equals Content-Length when that framed it;
//  - a request has a token method, a non-empty target, HTTP/1.0 or 1.1, and one Host on 1.1;
//  - resolving the request on a router with the service's route shapes does not crash, and a
//    match's parameters are as many as the pattern has.

let limitProfiles = [
    HTTPParserLimits(maxRequestLineBytes: 256, maxHeaderBytes: 1024, maxHeaderCount: 16, maxBodyBytes: 512),
    HTTPParserLimits(maxRequestLineBytes: 32, maxHeaderBytes: 64, maxHeaderCount: 4, maxBodyBytes: 16),
]
nonisolated(unsafe) var limits = limitProfiles[0]

let router: Router = {
    let r = Router()
    r.add("GET", "/health", execution: .inline) { _, _ in .text(200, "ok") }
    r.add("GET", "/api/v1/units") { _, _ in .text(200, "") }
    r.add("POST", "/api/v1/units") { _, _ in .text(201, "") }
    r.add("GET", "/api/v1/units/{id}") { _, _ in .text(200, "") }
    r.add("GET", "/api/v1/plans/{id}") { _, _ in .text(200, "") }
    r.add("PATCH", "/api/v1/plans/{id}") { _, _ in .text(200, "") }
    r.add("PUT", "/api/v1/plans/{id}/periods/{period}/lock") { _, _ in .text(200, "") }
    r.add("DELETE", "/api/v1/plans/{id}/periods/{period}/lock") { _, _ in .text(204, "") }
    r.add("GET", "/api/v1/units/{unit}/reports/{period}") { _, _ in .text(200, "") }
    return r
}()

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        print("invariant violated: \(message())")
        fatalError(message())
    }
}

func isTChar(_ c: UInt8) -> Bool {
    switch c {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
    default: return Array("!#$%&'*+-.^_`|~".utf8).contains(c)
    }
}

/// Feeds `bytes` in the given piece sizes; returns the events as comparable strings.
func run(_ bytes: [UInt8], pieces: [Int]) -> [String] {
    var parser = HTTPRequestParser(limits: limits)
    var buffer: [UInt8] = []
    buffer.reserveCapacity(bytes.count)
    var start = 0
    var fed = 0
    var events: [String] = []
    for n in pieces where n > 0 {
        buffer.append(contentsOf: bytes[fed..<(fed + n)]); fed += n
        loop: while true {
            let before = start
            let event = parser.next(buffer, &start)
            check(start >= before && start <= buffer.count, "read index moved from \(before) to \(start) of \(buffer.count)")
            switch event {
            case .sendContinue:
                continue
            case .needMore:
                break loop
            case .request(let r, let keepAlive):
                checkRequest(r)
                events.append("\(r.method) \(r.target) \(r.version) \(r.body.count) \(r.body.hashValue) \(keepAlive)")
            case .failed(let e):
                events.append("\(e.status) \(e.code)")
                let at = start
                for _ in 0..<2 {
                    let again = parser.next(buffer, &start)
                    guard case .failed(let e2) = again, e2 == e else {
                        check(false, "after \(e) the parser answered \(again)"); return events
                    }
                    check(start == at, "a failed parser consumed bytes")
                }
                return events
            }
        }
    }
    check(fed == bytes.count, "not all bytes fed")
    return events
}

func checkRequest(_ r: HTTPRequest) {
    check(r.body.count <= limits.maxBodyBytes, "body of \(r.body.count) bytes over the limit")
    check(!r.method.rawValue.isEmpty && r.method.rawValue.utf8.allSatisfy(isTChar), "method \(r.method.rawValue.debugDescription)")
    check(!r.target.isEmpty, "empty target")
    check(r.version == .http1_0 || r.version == .http1_1, "version \(r.version)")
    let hosts = r.headers.values("host").count
    check(r.version == .http1_0 ? hosts <= 1 : hosts == 1, "\(hosts) Host fields on \(r.version)")
    let cl = r.headers.values("content-length")
    let te = r.headers.values("transfer-encoding")
    check(cl.isEmpty || te.isEmpty, "both Content-Length and Transfer-Encoding accepted")
    if let first = cl.first, let part = first.split(separator: ",").first {
        let digits = part.trimmingASCIIWhitespace().drop(while: { $0 == "0" })
        let n = digits.isEmpty ? 0 : Int(digits)
        check(n == r.body.count, "Content-Length \(first) but a body of \(r.body.count)")
    }
    if cl.isEmpty && te.isEmpty { check(r.body.isEmpty, "a body without framing") }
    switch router.resolve(method: r.method, target: r.target) {
    case .matched(_, let pattern, let parameters):
        let expected = RoutePattern(pattern).segments.filter { if case .parameter = $0 { return true } else { return false } }.count
        check(parameters.all.count == expected, "pattern \(pattern) matched with \(parameters.all.count) parameters")
        check(parameters.all.allSatisfy { !$0.1.isEmpty }, "an empty parameter for \(pattern)")
    case .notFound, .methodNotAllowed:
        break
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 3 else { return 0 }
    limits = limitProfiles[Int(data[2]) % limitProfiles.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 3, count: size - 3))
    let whole = run(bytes, pieces: [bytes.count])
    if bytes.count >= 2 {
        let a = Int(data[0]) % (bytes.count + 1)
        let b = Int(data[1]) * bytes.count / 255
        let (lo, hi) = (min(a, b), max(a, b))
        let split = run(bytes, pieces: [lo, hi - lo, bytes.count - hi])
        check(whole == split, "whole \(whole) vs split at \(lo),\(hi) \(split)")
    }
    if bytes.count <= 512 {
        let single = run(bytes, pieces: Array(repeating: 1, count: bytes.count))
        check(whole == single, "whole \(whole) vs byte at a time \(single)")
    }
    return 0
}
