// The streaming JSONWriter gives the bytes `JSON.write` gives for the same values in
// the same order: the summary and compliance answers switched from the tree to the
// writer and must not change by a byte.

import Foundation
import XCTest
import TiendoDomain
@testable import TiendoAPI

final class JSONWriterTests: XCTestCase {
    /// A value of every kind: escapes, Vietnamese, numbers the `num` rules turn into integers,
    /// into doubles and into null, empty and nested containers.
    let values: [JSON] = [
        .null, .bool(true), .bool(false), .int(0), .int(-42), .int(Int64.max), .int(Int64.min),
        .num(12.0), .num(33.3), .num(-0.5), .num(1e15), .num(1e300), .num(Double.nan), .num(Double.infinity), .num(nil as Double?),
        .double(Double.nan), .double(2.0), .string(""), .string("Huyện \"Hàm Thuận\"\\ \n\r\t\u{1}\u{1F}/"),
        .string("t01-huyen-01"), .str(nil), .array([]), .obj([]),
        .array([.int(1), .array([.null, .string("a")]), .obj([("k", .int(2))])]),
    ]

    func testEveryValueIsWrittenAsTheTreeWritesIt() {
        for v in values {
            var w = JSONWriter()
            w.value(v)
            XCTAssertEqual(w.bytes, v.serialized(), "\(v)")
        }
    }

    func testObjectsAndArraysWrittenFieldByFieldEqualTheTree() {
        let day = CivilDate(year: 2025, month: 12, day: 31)!
        let tree: JSON = .obj([
            ("plan_id", .int(7)), ("as_of", day.json), ("empty", .array([])), ("nothing", .fields([])),
            ("list", .array(values)), ("rows", .array([.fields([("unit_id", .string("u1")), ("value", .num(2.5))]),
                                                       .fields([("unit_id", .string("u2")), ("value", .null)])])),
            ("ngày \"báo cáo\"", .string("từ dữ liệu")),
        ])
        var w = JSONWriter()
        w.object { w in
            w.field("plan_id", .int(7))
            w.date("as_of", day)
            w.key("empty"); w.array { _ in }
            w.key("nothing"); w.object { _ in }
            w.key("list"); w.array { w in for v in values { w.value(v) } }
            w.key("rows")
            w.array { w in
                w.object { w in w.field("unit_id", .string("u1")); w.field("value", .num(2.5)) }
                w.object { w in w.field("unit_id", .string("u2")); w.field("value", .null) }
            }
            w.fields([("ngày \"báo cáo\"", .string("từ dữ liệu"))])
        }
        XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), tree.text)
    }

    func testFieldsBridgeGivesTheTreesFields() {
        let pairs = JSONWriter.fields { w in
            w.field("a", .num(1.5)); w.key("b"); w.array { w in w.int(3); w.string("x") }; w.field("c", .null)
        }
        XCTAssertEqual(JSON.obj(pairs).text, #"{"a":1.5,"b":[3,"x"],"c":null}"#)
    }

    func testTaskStatsNameEveryStatusInItsOrder() {
        let stats = JSON.obj(taskStats([]))
        XCTAssertEqual(stats["by_status"]?.objectValue?.keys, TaskStatus.allCases.map(\.rawValue))
        XCTAssertEqual(stats["buckets"]?.objectValue?.keys, ["completed_on_time", "completed_late", "open_within_deadline", "open_overdue"])
    }

    func testTheEightAtATimeEscapeCheckAgreesWithAByteByByteOne() {
        // Every byte value at every position of buffers of 1 to 19 bytes, among harmless ones
        // (ASCII and Vietnamese UTF-8 bytes, which are ≥ 0x80).
        let filler: [UInt8] = Array("Huyện Đức Linh - t01".utf8)
        for length in 1...19 {
            for position in 0..<length {
                for b in UInt8.min...UInt8.max {
                    var bytes = Array(filler.prefix(length))
                    bytes[position] = b
                    let expected = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
                    let got = bytes.withUnsafeBufferPointer { JSON.needsEscape($0) }
                    if got != expected { XCTFail("byte \(b) at \(position) of \(length): \(got)"); return }
                }
            }
        }
    }
}
