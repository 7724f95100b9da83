import Testing
import Dispatch
#if canImport(Glibc)
import Glibc
#endif
@testable import TiendoHTTP

@Suite struct StressTests {
    /// Makes the kernel answer close() with a reset instead of a FIN (SO_LINGER with a zero timeout).
    static func resetOnClose(_ fd: Int32) {
        var l = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, socklen_t(MemoryLayout<linger>.size))
    }

    /// ~2,000 short connections from 8 threads, a fifth of them reset mid-request and another
    /// fifth reset right after sending a whole request (so the server writes to a dead peer).
    /// The server keeps answering and its connection count drains back to zero.
    @Test func twoThousandShortConnectionsSomeResetMidRequest() throws {
        let (server, port) = try startServer { $0.eventLoops = 2 }
        defer { server.shutdown() }
        let threads = 8, perThread = 250
        let lock = LockLite()
        nonisolated(unsafe) var errors: [String] = []
        nonisolated(unsafe) var answered = 0
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for i in 0..<perThread {
                do {
                    let c = try TestClient(port: port)
                    switch (t + i) % 5 {
                    case 0:   // a whole exchange
                        try c.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                        if try c.readResponse().status == 200 { lock.sync { answered += 1 } }
                        c.close()
                    case 1:   // reset in the middle of the head
                        try c.send("GET /health HTTP/1.1\r\nHo")
                        StressTests.resetOnClose(c.fd)
                    case 2:   // reset after a whole request, before reading the answer
                        try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
                        StressTests.resetOnClose(c.fd)
                    case 3:   // reset in the middle of a body
                        try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhel")
                        StressTests.resetOnClose(c.fd)
                    default:  // connect, then an orderly close at once
                        c.close()
                    }
                    // `c` is released here: close(2), which resets when SO_LINGER is 0.
                } catch {
                    lock.sync { errors.append("thread \(t) #\(i): \(error)") }
                }
            }
        }
        #expect(errors.isEmpty, "\(errors.prefix(5))")
        #expect(answered == threads * perThread / 5)

        do {
            let c = try TestClient(port: port)
            try c.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try c.readResponse().text == "ok")
            c.close()
        }
        // Every connection, including that last one, is eventually closed and uncounted.
        let deadline = Socket.now() + 10
        while server.activeConnections != 0 && Socket.now() < deadline {
            usleep(10_000)
        }
        #expect(server.activeConnections == 0)
    }
}
