// Token hashes and idempotency fingerprints. The digest itself is TiendoSQLite's
// (migration checksums use the same one); this adds the hex and constant-time
// comparison the API needs.

import TiendoSQLite

public enum SHA256 {
    public static func digest<S: Sequence>(_ input: S) -> [UInt8] where S.Element == UInt8 {
        Checksum.sha256(Array(input))
    }

    public static func hex<S: Sequence>(_ input: S) -> String where S.Element == UInt8 {
        hexString(Checksum.sha256(Array(input)))
    }

    public static func hex(_ string: String) -> String { hexString(Checksum.sha256(Array(string.utf8))) }

    /// Lower-case hex of `bytes`, built in one buffer (the same text as `Checksum.sha256Hex`).
    static func hexString(_ bytes: [UInt8]) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            digits.withUTF8Buffer { d in
                for (i, b) in bytes.enumerated() {
                    out[2 * i] = d[Int(b >> 4)]
                    out[2 * i + 1] = d[Int(b & 0xf)]
                }
            }
            return bytes.count * 2
        }
    }

    /// Compares two strings in time independent of where they differ.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return diff == 0
    }
}
