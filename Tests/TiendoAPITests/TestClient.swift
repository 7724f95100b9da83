// A tiny blocking HTTP/1.1 client over a real TCP socket: the tests talk to
// the server exactly as curl would, bytes included.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct TestResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first(where: { $0.0.lowercased() == name.lowercased() })?.1
    }
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var code: String? { object["code"] as? String }
    var errors: [[String: Any]] { object["errors"] as? [[String: Any]] ?? [] }
    var errorCodes: [String] { errors.compactMap { $0["code"] as? String } }
    var errorFields: [String] { errors.compactMap { $0["field"] as? String } }
    var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
}

struct TestClientError: Error, CustomStringConvertible { let description: String }

struct TestClient {
    let port: Int
    var token: String?

    func request(_ method: String, _ target: String, body: [UInt8]? = nil,
                 headers: [(String, String)] = [], token: String? = nil) throws -> TestResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let t = token ?? self.token { head += "Authorization: Bearer \(t)\r\n" }
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if let body {
            if !headers.contains(where: { $0.0.lowercased() == "content-type" }) { head += "Content-Type: application/json\r\n" }
            head += "Content-Length: \(body.count)\r\n"
        } else if method == "POST" || method == "PUT" || method == "PATCH" {
            head += "Content-Length: 0\r\n"
        }
        head += "\r\n"
        return try exchange(Array(head.utf8) + (body ?? []))
    }

    func send(_ method: String, _ target: String, json: Any, headers: [(String, String)] = [], token: String? = nil) throws -> TestResponse {
        let data = try JSONSerialization.data(withJSONObject: json, options: [.fragmentsAllowed])
        return try request(method, target, body: Array(data), headers: headers, token: token)
    }

    func get(_ target: String, headers: [(String, String)] = [], token: String? = nil) throws -> TestResponse {
        try request("GET", target, headers: headers, token: token)
    }

    func post(_ target: String, _ json: Any, headers: [(String, String)] = [], token: String? = nil) throws -> TestResponse {
        try send("POST", target, json: json, headers: headers, token: token)
    }

    func exchange(_ bytes: [UInt8]) throws -> TestResponse {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw TestClientError(description: "socket() failed") }
        defer { close(fd) }
        var tv = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw TestClientError(description: "connect() failed: \(errno)") }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestClientError(description: "send() failed") }
            sent += n
        }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int? = nil
        var contentLength: Int? = nil
        var status = 0
        var headers: [(String, String)] = []
        while true {
            if let he = headerEnd, let cl = contentLength, buffer.count >= he + cl { break }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 { throw TestClientError(description: "recv() failed or timed out") }
            if n == 0 { break }
            buffer.append(contentsOf: chunk[0..<n])
            if headerEnd == nil, let r = find(buffer, [13, 10, 13, 10]) {
                headerEnd = r + 4
                let head = String(decoding: buffer[0..<r], as: UTF8.self)
                let lines = head.components(separatedBy: "\r\n")
                let parts = lines[0].split(separator: " ")
                status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
                for line in lines.dropFirst() {
                    guard let c = line.firstIndex(of: ":") else { continue }
                    let k = String(line[..<c]).trimmingCharacters(in: .whitespaces)
                    let v = String(line[line.index(after: c)...]).trimmingCharacters(in: .whitespaces)
                    headers.append((k, v))
                    if k.lowercased() == "content-length" { contentLength = Int(v) }
                }
                if contentLength == nil, status == 204 || status == 304 { contentLength = 0 }
            }
        }
        guard let he = headerEnd else { throw TestClientError(description: "no response head") }
        var body = Array(buffer[he...])
        if let cl = contentLength, body.count > cl { body = Array(body[0..<cl]) }
        return TestResponse(status: status, headers: headers, body: body)
    }

    private func find(_ hay: [UInt8], _ needle: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where Array(hay[i..<i + needle.count]) == needle { return i }
        return nil
    }
}

/// A JSON number as Double, whichever way JSONSerialization bridged it.
func number(_ v: Any?) -> Double? {
    if let d = v as? Double { return d }
    if let i = v as? Int { return Double(i) }
    if let n = v as? NSNumber { return n.doubleValue }
    return nil
}
