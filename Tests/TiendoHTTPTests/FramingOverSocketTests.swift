import Testing
@testable import TiendoHTTP

/// Issue 15, item 5: request forms RFC 9112 makes a 400, sent as raw bytes to a real server.
/// Each must be refused with 400 and the connection closed, whatever route it names.
@Suite struct FramingOverSocketTests {
    static let refused: [(String, String)] = [
        ("empty Host", "GET /health HTTP/1.1\r\nHost:\r\n\r\n"),
        ("Host of blanks", "GET /health HTTP/1.1\r\nHost:   \r\n\r\n"),
        ("chunk-size with a bare ';'", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;\r\nhello\r\n0\r\n\r\n"),
        ("chunk-ext name with '['", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;bad[=x\r\nhello\r\n0\r\n\r\n"),
        // The route does not exist: the framing is still checked before any 404.
        ("bad chunk-ext on an unknown route", "POST /no-such-route HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;\r\nhello\r\n0\r\n\r\n"),
        ("bad chunk data end on an unknown route", "POST /no-such-route HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n"),
        ("bad trailer on an unknown route", "POST /no-such-route HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nnot a field\r\n\r\n"),
    ]

    @Test(arguments: FramingOverSocketTests.refused.map { $0.0 })
    func refusedWith400AndClosed(_ name: String) throws {
        let raw = FramingOverSocketTests.refused.first { $0.0 == name }!.1
        let (server, port) = try startServer(); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send(raw)
        let r = try c.readResponse()
        #expect(r.status == 400, "\(name): \(r.status) \(r.text)")
        #expect(r.headers["Content-Type"] == "application/problem+json; charset=utf-8")
        #expect(r.headers["Connection"] == "close")
        #expect(try c.isClosedByServer())
    }

    @Test func wellFormedExtensionsAreStillAccepted() throws {
        let (server, port) = try startServer(); defer { server.shutdown() }
        let c = try TestClient(port: port)
        try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5 ; a = 1 ;b;c=\"q;\\\"x\"\r\nhello\r\n0\r\n\r\n")
        let r = try c.readResponse()
        #expect(r.status == 200)
        #expect(r.text == "hello")
    }
}
