import Testing
import Dispatch
#if canImport(Glibc)
import Glibc
#endif
@testable import TiendoHTTP

@Suite struct ServerTests {
    @Test func threeRequestsOnOneKeepAliveConnection() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        let c = try TestClient(port: port)
        for i in 1...3 {
            try c.send("GET /n/\(i) HTTP/1.1\r\nHost: x\r\n\r\n")
            let r = try c.readResponse()
            #expect(r.status == 200)
            #expect(r.text == "n=\(i)")
            #expect(r.headers["Connection"] == nil)
            #expect(r.headers["Date"] != nil)
            #expect(r.headers["Content-Type"] == "text/plain; charset=utf-8")
        }
    }

    @Test func pipelinedRequestsAnswerInOrderEvenWhenTheFirstIsOffloaded() throws {
        let gate = Gate()
        let (server, port) = try startServer(router: testRouter(gate: gate)); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
        gate.open()
        let r1 = try c.readResponse(), r2 = try c.readResponse(), r3 = try c.readResponse()
        #expect([r1.text, r2.text, r3.text] == ["slow", "ok", "hello"])
    }

    @Test func chunkedBodyIsEchoed() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n")
        try c.send("5;name=value\r\nhello\r\n")
        try c.send("7\r\n, world\r\nA\r\n0123456789\r\n")
        try c.send("0\r\nX-Trailer: ignored\r\n\r\n")
        let r = try c.readResponse()
        #expect(r.status == 200)
        #expect(r.text == "hello, world0123456789")
        // The connection stays usable.
        try c.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try c.readResponse().text == "ok")
    }

    @Test func callbackHandlerAnswersFromAnotherThread() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send("PUT /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
        let r = try c.readResponse()
        #expect(r.text == "{}")
        #expect(r.headers["Content-Type"] == "application/json; charset=utf-8")
    }

    @Test func expectContinueGets100BeforeTheBody() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        #expect(try c.readUntil("\r\n\r\n") == "HTTP/1.1 100 Continue\r\n\r\n")
        try c.send("body")
        let r = try c.readResponse()
        #expect(r.status == 200)
        #expect(r.text == "body")
    }

    @Test func expectContinueOverTheLimitIs413AndClose() throws {
        let (server, port) = try startServer({ $0.maxBodyBytes = 100 }); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n")
        let r = try c.readResponse()
        #expect(r.status == 413)
        #expect(r.headers["Connection"] == "close")
        #expect(try c.isClosedByServer())
    }

    func expectRefusal(_ raw: String, status: Int, code: String, configure: (inout HTTPServerConfiguration) -> Void = { _ in }) throws {
        let (server, port) = try startServer(configure); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send(raw)
        let r = try c.readResponse()
        #expect(r.status == status, "\(raw.prefix(60).debugDescription)")
        #expect(r.headers["Content-Type"] == "application/problem+json; charset=utf-8")
        #expect(r.text.contains("\"code\":\"\(code)\""), "\(r.text)")
        #expect(r.headers["Connection"] == "close")
        #expect(try c.isClosedByServer(), "connection not closed after \(status)")
    }

    @Test func malformedRequestLineIs400() throws {
        try expectRefusal("GARBAGE\r\n\r\n", status: 400, code: "bad_request")
    }

    @Test func headersOverTheLimitAre431() throws {
        let big = String(repeating: "a", count: 17000)
        try expectRefusal("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: \(big)\r\n\r\n", status: 431, code: "headers_too_large")
    }

    @Test func requestLineOverTheLimitIs414() throws {
        let long = String(repeating: "a", count: 9000)
        try expectRefusal("GET /\(long) HTTP/1.1\r\nHost: x\r\n\r\n", status: 414, code: "request_line_too_long")
    }

    @Test func bodyOverTheLimitIs413() throws {
        try expectRefusal("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + String(repeating: "x", count: 5000),
                          status: 413, code: "payload_too_large", configure: { $0.maxBodyBytes = 1024 })
    }

    @Test func contentLengthWithTransferEncodingIs400AndCloses() throws {
        try expectRefusal("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n",
                          status: 400, code: "bad_request")
    }

    @Test func differingContentLengthsAre400() throws {
        try expectRefusal("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", status: 400, code: "bad_request")
    }

    @Test func unknownTransferCodingIs501() throws {
        try expectRefusal("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", status: 501, code: "unsupported_transfer_coding")
    }

    @Test func slowlorisGets408AndIsClosed() throws {
        let (server, port) = try startServer({ $0.headerTimeout = 1 }); defer { server.shutdown() }
        let c = try TestClient(port: port, receiveTimeout: 6)
        try c.send("GET /health HTTP/1.1\r\nHo")
        let r = try c.readResponse()
        #expect(r.status == 408)
        #expect(r.text.contains("request_timeout"))
        #expect(try c.isClosedByServer())
    }

    @Test func bodyTimeoutGets408() throws {
        let (server, port) = try startServer({ $0.bodyTimeout = 1 }); defer { server.shutdown() }
        let c = try TestClient(port: port, receiveTimeout: 6)
        try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        let r = try c.readResponse()
        #expect(r.status == 408)
        #expect(try c.isClosedByServer())
    }

    @Test func idleKeepAliveConnectionIsClosedSilently() throws {
        let (server, port) = try startServer({ $0.idleTimeout = 1 }); defer { server.shutdown() }
        let c = try TestClient(port: port, receiveTimeout: 6)
        try c.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try c.readResponse().status == 200)
        #expect(try c.isClosedByServer())
    }

    @Test func connectionsOverTheLimitGet503WhenNoneCanBeReclaimed() throws {
        let gate = Gate()
        let (server, port) = try startServer({ $0.maxConnections = 2 }, router: testRouter(gate: gate)); defer { server.shutdown() }
        // Both slots hold a request being handled: neither is idle, so neither is reclaimed.
        let a = try TestClient(port: port), b = try TestClient(port: port)
        for c in [a, b] { try c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n") }
        // Both requests inside the handler, not merely connected: a connection whose bytes the
        // server has not read yet counts as silent, and a silent one may be reclaimed.
        #expect(try waitUntil { server.activeConnections == 2 && gate.arrived == 2 })
        let third = try TestClient(port: port)
        try third.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        let r = try third.readResponse()
        #expect(r.status == 503)
        #expect(r.headers["Retry-After"] == "1")
        #expect(r.text.contains("service_unavailable"))
        #expect(try third.isClosedByServer())
        // The first two are answered.
        gate.open(); gate.open()
        #expect(try a.readResponse().text == "slow")
        #expect(try b.readResponse().text == "slow")
    }

    @Test func headHasNoBodyButTheContentLengthOfGet() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send("GET /text HTTP/1.1\r\nHost: x\r\n\r\n")
        let get = try c.readResponse()
        try c.send("HEAD /text HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try c.readResponse(head: true)
        #expect(head.status == 200)
        #expect(head.headers["Content-Length"] == get.headers["Content-Length"])
        #expect(head.headers["Content-Length"] == String("hello, Thanh Hóa".utf8.count))
        // If the HEAD response had carried a body, this would read it instead of the next status line.
        try c.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try c.readResponse().text == "ok")
    }

    @Test func notFoundAndMethodNotAllowedAreProblems() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n")
        let nf = try c.readResponse()
        #expect(nf.status == 404)
        #expect(nf.headers["Content-Type"] == "application/problem+json; charset=utf-8")
        #expect(nf.text.contains("\"code\":\"not_found\""))
        try c.send("DELETE /health HTTP/1.1\r\nHost: x\r\n\r\n")
        let na = try c.readResponse()
        #expect(na.status == 405)
        #expect(na.headers["Allow"] == "GET, HEAD")
        #expect(na.text.contains("\"code\":\"method_not_allowed\""))
    }

    @Test func vietnameseQueryOverTheWire() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send("GET /q?q=ho%C3%A0ng%20h%C3%B3a HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try c.readResponse().text == "hoàng hóa")
    }

    @Test func http10ClosesUnlessKeepAlive() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send("GET /health HTTP/1.0\r\n\r\n")
        let r = try c.readResponse()
        #expect(r.status == 200)
        #expect(r.headers["Connection"] == "close")
        #expect(try c.isClosedByServer())

        let k = try TestClient(port: port)
        try k.send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try k.readResponse().headers["Connection"] == "keep-alive")
        try k.send("GET /health HTTP/1.0\r\n\r\n")
        #expect(try k.readResponse().status == 200)
        #expect(try k.isClosedByServer())
    }

    @Test func connectionCloseIsHonouredAndEchoed() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: foo, Close\r\n\r\n")
        let r = try c.readResponse()
        #expect(r.headers["Connection"] == "close")
        #expect(try c.isClosedByServer())
    }

    @Test func missingHostIs400() throws {
        try expectRefusal("GET /health HTTP/1.1\r\n\r\n", status: 400, code: "bad_request")
    }

    @Test func manyShortConnectionsThenStillServing() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        for i in 0..<400 {
            let c = try TestClient(port: port)
            switch i % 4 {
            case 0:
                try c.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try c.readResponse().status == 200)
            case 1:
                try c.send("GET /heal")          // half a request, then gone
            case 2:
                try c.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")   // then gone before reading
            default:
                break                            // connect and close at once
            }
            c.close()
        }
        let c = try TestClient(port: port)
        try c.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try c.readResponse().text == "ok")
    }

    @Test func concurrentClientsOnManyThreads() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        let failures = LockLite()
        nonisolated(unsafe) var failed = 0
        DispatchQueue.concurrentPerform(iterations: 16) { t in
            do {
                let c = try TestClient(port: port)
                for i in 0..<50 {
                    let path = i % 5 == 0 ? "/slow-not-here" : "/n/\(t)-\(i)"
                    try c.send("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
                    let r = try c.readResponse()
                    if i % 5 == 0 ? r.status != 404 : r.text != "n=\(t)-\(i)" { failures.sync { failed += 1 } }
                }
            } catch { failures.sync { failed += 1 } }
        }
        #expect(failures.sync { failed } == 0)
    }

    @Test func shutdownFinishesInFlightRequests() throws {
        let gate = Gate()
        let (server, port) = try startServer(router: testRouter(gate: gate))
        let busy = try TestClient(port: port)
        let idle = try TestClient(port: port)
        try idle.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try idle.readResponse().status == 200)
        try busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        let done = DispatchSemaphore(value: 0)
        // Make sure the slow request is in flight before shutting down.
        try idle.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try idle.readResponse().status == 200)
        DispatchQueue.global().async { server.shutdown(); done.signal() }
        // The idle connection is closed; the busy one gets its answer once the handler finishes.
        #expect(try idle.isClosedByServer())
        gate.open()
        let r = try busy.readResponse()
        #expect(r.text == "slow")
        #expect(r.headers["Connection"] == "close")
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(throws: (any Error).self) { _ = try TestClient(port: port) }
    }
}
