import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import TiendoHTTP

/// Deterministic xorshift, so a failure can be replayed.
struct XorShift { var s: UInt64; mutating func next() -> UInt64 { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s } }

@Suite struct RobustnessTests {
    static let seeds = [
        "GET /a?q=ho%C3%A0ng HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n",
        "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
        "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;e=1\r\nabc\r\n0\r\nT: v\r\n\r\n",
        "GET / HTTP/1.0\r\n\r\n",
    ]

    /// Mutated requests never crash the parser, and feeding them whole or in random pieces
    /// gives the same answer (the parser's decisions do not depend on how bytes arrive).
    @Test func mutatedInputsAreHandledTheSameWayHoweverTheyArrive() {
        var rng = XorShift(s: 0x9E3779B97F4A7C15)
        let alphabet: [UInt8] = Array(" \t\r\n:;,0123456789abcdefABCDEF-+/%\u{0}xX".utf8) + [0x80, 0xFF, 0x7F]
        for _ in 0..<3000 {
            var bytes = Array(RobustnessTests.seeds[Int(rng.next() % UInt64(RobustnessTests.seeds.count))].utf8)
            for _ in 0..<(1 + rng.next() % 4) {
                let i = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: i)
                default: if bytes.count > 1 { bytes.remove(at: i) }
                }
            }
            let whole = feed(bytes, pieces: [bytes.count])
            var cuts: [Int] = []
            var left = bytes.count
            while left > 0 { let n = min(left, 1 + Int(rng.next() % 7)); cuts.append(n); left -= n }
            let split = feed(bytes, pieces: cuts)
            #expect(whole == split, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    func feed(_ bytes: [UInt8], pieces: [Int]) -> [String] {
        var parser = HTTPRequestParser(limits: HTTPParserLimits(maxRequestLineBytes: 64, maxHeaderBytes: 128, maxHeaderCount: 4, maxBodyBytes: 16))
        var buffer: [UInt8] = []
        var start = 0
        var fed = 0
        var events: [String] = []
        for n in pieces {
            buffer.append(contentsOf: bytes[fed..<(fed + n)]); fed += n
            loop: while true {
                switch parser.next(buffer, &start) {
                case .request(let r, let k): events.append("\(r.method) \(r.target) \(r.body.count) \(k)")
                case .failed(let e): events.append("\(e.status) \(e.code)"); return events
                case .sendContinue: continue
                case .needMore: break loop
                }
            }
        }
        return events
    }

    @Test func accessLogWritesOneJSONLinePerRequest() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let logger = AccessLogger(fileDescriptor: fds[1])
        logger.log(time: 784111777.25, method: "GET", path: "/units/\"x\"", status: 200, bytes: 15, durationMs: 0.5, client: "127.0.0.1:5000")
        logger.flush()
        close(fds[1])
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = read(fds[0], &buf, 4096)
        let line = String(decoding: buf[0..<max(0, n)], as: UTF8.self)
        #expect(line == #"{"time":"1994-11-06T08:49:37.250Z","method":"GET","path":"/units/\"x\"","status":200,"bytes":15,"duration_ms":0.500,"client":"127.0.0.1:5000"}"# + "\n")
    }
}

@Suite struct AccessLogIntegrationTests {
    @Test func serverLogsEachRequestIncludingRefusals() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        var c = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        c.eventLoops = 1
        let server = HTTPServer(configuration: c, responder: testRouter(), logger: AccessLogger(fileDescriptor: fds[1]))
        let port = try server.start()
        let client = try TestClient(port: port)
        try client.send("GET /q?q=ho%C3%A0ng HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        try client.send("BAD\r\n\r\n")
        #expect(try client.readResponse().status == 400)
        server.shutdown()   // flushes the log
        close(fds[1])
        var all: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true { let n = read(fds[0], &buf, 4096); if n <= 0 { break }; all.append(contentsOf: buf[0..<n]) }
        let lines = String(decoding: all, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.contains(#""method":"GET","path":"/q","status":200,"bytes":6,"#) == true, "\(lines)")
        #expect(lines.first?.contains(#""client":"127.0.0.1:"#) == true)
        #expect(lines.last?.contains(#""status":400"#) == true)
    }

    @Test func accessLogSwitchTurnsItOff() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let c = HTTPServerConfiguration.fromEnvironment(["TIENDO_PORT": "0", "TIENDO_ACCESS_LOG": "off", "TIENDO_EVENT_LOOPS": "1"])
        let server = HTTPServer(configuration: c, responder: testRouter(), logger: AccessLogger(fileDescriptor: fds[1]))
        let port = try server.start()
        let client = try TestClient(port: port)
        try client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        server.shutdown()
        close(fds[1])
        var buf = [UInt8](repeating: 0, count: 16)
        #expect(read(fds[0], &buf, 16) == 0)
    }
}
