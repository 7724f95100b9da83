// HMAC-SHA256 against the RFC 4231 test vectors (cases 1–4, 6, 7; case 5 is a
// truncated output), and the webhook signature built on it.

import XCTest
import TiendoStore

final class HMACTests: XCTestCase {
    func hex(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = s.startIndex
        while i < s.endIndex { let j = s.index(i, offsetBy: 2); out.append(UInt8(s[i..<j], radix: 16)!); i = j }
        return out
    }

    func testRFC4231Vectors() {
        let cases: [([UInt8], [UInt8], String)] = [
            ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
             "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
             "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
             "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            (hex("0102030405060708090a0b0c0d0e0f10111213141516171819"), [UInt8](repeating: 0xcd, count: 50),
             "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
            ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
             "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
            ([UInt8](repeating: 0xaa, count: 131),
             Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
             "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
        ]
        for (i, (key, data, expected)) in cases.enumerated() {
            XCTAssertEqual(HMACSHA256.hex(key: key, message: data), expected, "case \(i)")
        }
    }

    func testSignatureVerifiesAndRejectsTampering() {
        let body = Array(#"{"id":"evt_1","type":"report.created"}"#.utf8)
        let header = WebhookSignature.header(secret: "bí-mật-của-sở-tài-chính", timestamp: 1_655_000_000, body: body)
        XCTAssertTrue(header.hasPrefix("t=1655000000,v1="))
        XCTAssertTrue(WebhookSignature.verify(header: header, secret: "bí-mật-của-sở-tài-chính", body: body))
        XCTAssertFalse(WebhookSignature.verify(header: header, secret: "another-secret-value", body: body))
        XCTAssertFalse(WebhookSignature.verify(header: header, secret: "bí-mật-của-sở-tài-chính", body: body + [0x20]))
        XCTAssertFalse(WebhookSignature.verify(header: header.replacingOccurrences(of: "t=1655000000", with: "t=1655000001"),
                                               secret: "bí-mật-của-sở-tài-chính", body: body))
    }
}
