// RFC3339's fast path for the store's own form (`YYYY-MM-DDTHH:MM:SSZ`) must answer
// exactly as the general parse does: each text is also parsed with `+00:00` in place
// of `Z`, which takes the general path, and the two must agree, valid or not.

import Testing
import Foundation
@testable import TiendoDomain

@Suite struct StoredTimestampParseTests {
    @Test(arguments: [
        ("2026-01-19T08:30:05Z", "2026-01-19T08:30:05Z"), ("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"),
        ("2025-12-06 06:54:52Z", "2025-12-06T06:54:52Z"), ("2025-12-06t06:54:52Z", "2025-12-06T06:54:52Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"), ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"),
        ("2023-02-29T10:00:00Z", nil), ("2025-13-01T10:00:00Z", nil), ("2025-00-10T10:00:00Z", nil), ("2025-01-00T10:00:00Z", nil),
        ("0000-01-01T10:00:00Z", nil), ("2025-01-01T24:00:00Z", nil), ("2025-01-01T10:60:00Z", nil), ("2025-01-01T10:00:60Z", nil),
        ("202x-01-01T10:00:00Z", nil), ("20x5-01-01T10:00:00Z", nil), ("2025-0x-01T10:00:00Z", nil), ("2025-01-01T1x:00:00Z", nil),
        ("2025-01-01T10:0/:00Z", nil), ("2025-01-01T10:00:0:Z", nil), ("2025/01/01T10:00:00Z", nil), ("2025-01-01X10:00:00Z", nil),
        ("2025-01-01T10-00:00Z", nil), ("2025-01-01T10:00-00Z", nil), ("-025-01-01T10:00:00Z", nil), ("2025-01-01T10:00:00z", "2025-01-01T10:00:00Z"),
    ] as [(String, String?)])
    func storedFormAgreesWithTheGeneralParse(text: String, formatted: String?) {
        let fast = RFC3339.parse(text)
        #expect(fast.map { RFC3339.format($0) } == formatted, "\(text)")
        if text.hasSuffix("Z") {
            let general = RFC3339.parse(String(text.dropLast()) + "+00:00")
            #expect(fast == general, "\(text)")
        }
    }
}
