// HMAC-SHA256 (RFC 2104) over our SHA-256: webhook signatures.

public enum HMACSHA256 {
    static let blockSize = 64

    public static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        // A key longer than a block is hashed first; a shorter one is zero-padded.
        var k = key.count > blockSize ? SHA256.digest(key) : key
        k += [UInt8](repeating: 0, count: blockSize - k.count)
        let inner = SHA256.digest(k.map { $0 ^ 0x36 } + message)
        return SHA256.digest(k.map { $0 ^ 0x5c } + inner)
    }

    public static func hex(key: [UInt8], message: [UInt8]) -> String {
        SHA256.hexString(mac(key: key, message: message))
    }
}

/// The `Tiendo-Signature` header of a webhook delivery:
/// `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>`.
public enum WebhookSignature {
    public static func header(secret: String, timestamp: Int64, body: [UInt8]) -> String {
        "t=\(timestamp),v1=" + HMACSHA256.hex(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + body)
    }

    /// Whether `header` signs `body` with `secret` (the timestamp's age is the receiver's call).
    public static func verify(header: String, secret: String, body: [UInt8]) -> Bool {
        var t: Int64?, v1: [String] = []
        for part in header.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            if kv[0] == "t" { t = Int64(kv[1]) } else if kv[0] == "v1" { v1.append(kv[1]) }
        }
        guard let t else { return false }
        let expected = HMACSHA256.hex(key: Array(secret.utf8), message: Array("\(t).".utf8) + body)
        return v1.contains { SHA256.constantTimeEquals($0, expected) }
    }
}
