// libFuzzer target for the API's JSON reader (JSONParser) and the body reader built on it
// (ObjectReader). Built by scripts/fuzz (target `json`), which compiles this file with
// JSON.swift, BodyReader.swift and the domain sources into one module. Not part of
// `swift test`.
//
// Invariants (a violation traps):
//  - parsing any bytes either throws a typed error or gives a value; never traps;
//  - a value serialises to text that parses back to the same canonical value;
//  - the body reader, asked for every kind of field the API reads, never traps and
//    reports an issue for each field it could not read.

import Foundation

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        print("invariant violated: \(message())")
        fatalError(message())
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let value: JSON
    do { value = try JSONParser.parse(bytes) } catch { return 0 }
    let text = value.serialized()
    do {
        let again = try JSONParser.parse(text)
        check(again.canonical() == value.canonical(), "round trip changed \(String(decoding: bytes, as: UTF8.self).debugDescription)")
    } catch {
        check(false, "serialised value does not parse: \(String(decoding: text, as: UTF8.self).debugDescription)")
    }
    let issues = IssueList()
    guard let r = ObjectReader.make(value, path: "", issues: issues) else {
        check(!issues.isEmpty, "a non-object body gave no issue")
        return 0
    }
    _ = r.string("task_id", maxLength: 64)
    _ = r.int("progress", range: 0...100)
    _ = r.double("target")
    _ = r.bool("strict")
    _ = r.date("report_date")
    _ = r.oneOf("status", ["not_started", "in_progress", "completed"])
    _ = r.stringArray("lead", maxCount: 8)
    if let o = r.object("schedule") { _ = o.int("due_day", range: 1...31); o.finish() }
    _ = r.array("reports", maxCount: 4)
    r.finish()
    return 0
}
