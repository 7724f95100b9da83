// A webhook receiver on 127.0.0.1: answers each request as its script says
// (a status, or hang: read the request and never answer) and keeps what it got.

import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

final class LoopbackReceiver: Sendable {
    enum Answer: Sendable {
        case status(Int)
        case hang
    }

    struct Received: Sendable {
        var headers: [String: String]
        var body: [UInt8]
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
    }

    let port: Int
    private let fd: Int32
    private let script: Mutex<[Answer]>
    private let received = Mutex<[Received]>([])
    private let hung = Mutex<[Int32]>([])
    private let done = DispatchSemaphore(value: 0)

    /// `script`: answers in order; once used up, 200.
    init(script: [Answer]) throws {
        self.script = Mutex(script)
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(s, 16) == 0 else { close(s); throw TestClientError(description: "receiver: bind/listen failed") }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &len) } }
        fd = s
        port = Int(UInt16(bigEndian: addr.sin_port))
        let t = Thread { [self] in self.serve() }
        t.start()
    }

    var url: String { "http://127.0.0.1:\(port)/hooks/tiendo" }
    var requests: [Received] { received.withLock { $0 } }

    /// Waits (polling, generous deadline) until `count` requests arrived.
    func waitFor(_ count: Int, seconds: Double = 15) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if requests.count >= count { return true }
            usleep(10_000)
        }
        return requests.count >= count
    }

    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        done.wait()
        for h in hung.withLock({ $0 }) { close(h) }
    }

    private func serve() {
        defer { done.signal() }
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 { if errno == EINTR { continue }; return }
            guard let request = read(c) else { close(c); continue }
            received.withLock { $0.append(request) }
            let answer = script.withLock { s -> Answer in s.isEmpty ? .status(200) : s.removeFirst() }
            switch answer {
            case .hang:
                hung.withLock { $0.append(c) }
            case .status(let code):
                let text = "HTTP/1.1 \(code) X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                _ = Array(text.utf8).withUnsafeBytes { send(c, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(c)
            }
        }
    }

    private func read(_ c: Int32) -> Received? {
        var buf: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var headerEnd: Int?
        var length = 0
        while true {
            if let h = headerEnd, buf.count >= h + length { break }
            let n = chunk.withUnsafeMutableBytes { recv(c, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            buf += chunk[0..<n]
            if headerEnd == nil, let r = buf.indices.dropLast(3).first(where: { buf[$0] == 13 && buf[$0 + 1] == 10 && buf[$0 + 2] == 13 && buf[$0 + 3] == 10 }) {
                headerEnd = r + 4
                let head = String(decoding: buf[0..<r], as: UTF8.self)
                for line in head.split(separator: "\r\n").dropFirst() where line.lowercased().hasPrefix("content-length:") {
                    length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
        }
        let h = headerEnd ?? 0
        var headers: [String: String] = [:]
        for line in String(decoding: buf[0..<max(0, h - 4)], as: UTF8.self).split(separator: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Received(headers: headers, body: Array(buf[h..<(h + length)]))
    }
}
