import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import TiendoHTTP

@Suite struct ConnectionRFCTests {
    /// A client may send its pipelined requests and half-close (`nc -N`, `shutdown(SHUT_WR)`):
    /// it still reads. Every complete request must be answered, the last with Connection: close —
    /// even when the end of input is read while the first request is still in its handler.
    @Test func halfClosedClientGetsEveryPipelinedAnswer() throws {
        let gate = Gate()
        let (server, port) = try startServer(router: testRouter(gate: gate)); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /n/3 HTTP/1.1\r\nHost: x\r\n\r\n")
        shutdown(c.fd, Int32(SHUT_WR))
        usleep(200_000)   // sequencing only: lets the server read the FIN while /slow is in flight
        gate.open()
        let r1 = try c.readResponse(), r2 = try c.readResponse(), r3 = try c.readResponse()
        #expect([r1.text, r2.text, r3.text] == ["slow", "ok", "n=3"])
        #expect(r1.headers["Connection"] == nil && r2.headers["Connection"] == nil)
        #expect(r3.headers["Connection"] == "close")
        #expect(try c.isClosedByServer())
    }

    /// A half-closed client with an incomplete request after a complete one: the complete one is
    /// answered, then the connection closes.
    @Test func halfClosedClientWithATruncatedSecondRequest() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /hea")
        shutdown(c.fd, Int32(SHUT_WR))
        #expect(try c.readResponse().text == "ok")
        #expect(try c.isClosedByServer())
    }

    /// A body on GET is read and discarded by framing, so a pipelined request after it is intact.
    @Test func getWithABodyKeepsTheConnectionInSync() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send("GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\nGET /n/9 HTTP/1.1\r\n\r\nGET /n/2 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try c.readResponse().text == "ok")
        #expect(try c.readResponse().text == "n=2")
    }

    /// A refused head with a body behind it: 400, Connection: close, and the body is never
    /// answered as a request.
    @Test func refusedRequestsBodyIsNeverParsed() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        let c = try TestClient(port: port)
        let smuggled = "GET /n/7 HTTP/1.1\r\nHost: x\r\n\r\n"
        try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(smuggled.utf8.count)\r\nTransfer-Encoding: chunked\r\n\r\n" + smuggled)
        let r = try c.readResponse()
        #expect(r.status == 400)
        #expect(r.headers["Connection"] == "close")
        #expect(try c.isClosedByServer())
    }
}
