// Calendar feeds (RFC 5545): the writer's escaping and folding, and the feed routes
// end to end on the 2025 plan of CycleTestCase.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoDomain
import TiendoSQLite

final class ICalendarFormatTests: XCTestCase {
    func testTextEscaping() {
        let cases: [(String, String)] = [
            ("a,b;c\\d", "a\\,b\\;c\\\\d"),
            ("dòng 1\ndòng 2", "dòng 1\\ndòng 2"),
            ("CRLF\r\nmột lần", "CRLF\\nmột lần"),
            ("CR\rthôi", "CR\\nthôi"),
            ("Kế hoạch 83/KH-UBND: \"ngày 15\"", "Kế hoạch 83/KH-UBND: \"ngày 15\""),
            ("bell\u{07}gone", "bellgone"),
        ]
        for (input, expected) in cases { XCTAssertEqual(ICalendar.escapeText(input), expected, input) }
    }

    /// Splits folded output into physical lines (without their CRLF).
    func physicalLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = [], cur: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { lines.append(cur); cur = []; i += 2; continue }
            XCTAssertNotEqual(bytes[i], 0x0A, "bare LF")
            cur.append(bytes[i]); i += 1
        }
        XCTAssertTrue(cur.isEmpty, "output must end with CRLF")
        return lines
    }

    func testFoldingNeverSplitsAUTF8SequenceAndUnfoldsToTheOriginal() {
        // 74 ASCII octets, then "ệ" (3 octets) would straddle octet 75: the break goes before it.
        let straddling = "SUMMARY:" + String(repeating: "a", count: 66) + "ệ" + " tiếp"
        let lines = physicalLines(ICalendar.fold(straddling))
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines[0].count, 74)
        XCTAssertEqual(lines[1].first, 0x20)
        XCTAssertEqual(String(decoding: lines[1].dropFirst(), as: UTF8.self), "ệ tiếp")

        let long = "DESCRIPTION:" + ICalendar.escapeText(String(repeating: "Tập trung triển khai chiến dịch tiêm chủng, vắc xin; ", count: 12))
        let folded = physicalLines(ICalendar.fold(long))
        XCTAssertGreaterThan(folded.count, 5)
        for (n, l) in folded.enumerated() {
            XCTAssertLessThanOrEqual(l.count, 75, "line \(n)")
            XCTAssertNotNil(String(validating: l, as: UTF8.self), "line \(n) splits a UTF-8 sequence")
            if n > 0 { XCTAssertEqual(l.first, 0x20) }
        }
        let unfolded = folded.enumerated().flatMap { n, l in n == 0 ? l : Array(l.dropFirst()) }
        XCTAssertEqual(String(decoding: unfolded, as: UTF8.self), long)
        // Exactly 75 octets stays one line.
        XCTAssertEqual(physicalLines(ICalendar.fold(String(repeating: "x", count: 75))).count, 1)
        XCTAssertEqual(physicalLines(ICalendar.fold(String(repeating: "x", count: 76))).map(\.count), [75, 2])
    }

    func testEventShape() {
        let e = CalendarEvent(uid: "report-1-2025-Q1-so-y-te@tiendo", date: CivilDate("2025-03-17")!,
                              summary: "Hạn báo cáo 2025-Q1 — 63/KH-UBND", description: "a, b")
        let text = String(decoding: ICalendar.render(name: "Tiến độ — Sở Y tế", events: [e], stamp: Date(timeIntervalSince1970: 0)), as: UTF8.self)
        for needle in ["BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "UID:report-1-2025-Q1-so-y-te@tiendo\r\n", "DTSTAMP:19700101T000000Z\r\n",
                       "DTSTART;VALUE=DATE:20250317\r\n", "DTEND;VALUE=DATE:20250318\r\n", "DESCRIPTION:a\\, b\r\n",
                       "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P3D\r\n", "END:VEVENT\r\nEND:VCALENDAR\r\n"] {
            XCTAssertTrue(text.contains(needle), needle)
        }
    }
}

final class CalendarFeedTests: CycleTestCase {
    func unfold(_ r: TestResponse) -> String { r.text.replacingOccurrences(of: "\r\n ", with: "") }

    func testFeedLifecycle() throws {
        let hh = s.client("tok-hoang-hoa")
        assertProblem(try hh.post("/api/v1/units/so-y-te/calendar-feed", [:]), 403, "token_unit_mismatch")
        assertProblem(try admin.post("/api/v1/units/khong-co/calendar-feed", [:]), 404, "not_found")
        let created = try hh.post("/api/v1/units/huyen-hoang-hoa/calendar-feed", [:])
        XCTAssertEqual(created.status, 201, created.text)
        let url = created.object["url"] as? String ?? ""
        XCTAssertTrue(url.hasPrefix("/calendar/") && url.hasSuffix(".ics"), url)
        let secret = String(url.dropFirst("/calendar/".count).dropLast(4))
        let stored = try s.store.read { try $0.query("SELECT secret_hash FROM calendar_feeds").compactMap { $0.string("secret_hash") } }
        XCTAssertEqual(stored.count, 1)
        XCTAssertFalse(stored.contains(secret), "only the hash is stored")

        let feed = try s.client().get(url)  // no Authorization
        XCTAssertEqual(feed.status, 200, feed.text)
        XCTAssertEqual(feed.header("Content-Type"), "text/calendar; charset=utf-8")
        XCTAssertFalse(feed.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF only")
        for line in feed.text.components(separatedBy: "\r\n") { XCTAssertLessThanOrEqual(line.utf8.count, 75, line) }
        let text = unfold(feed)
        // Report due days: 15/3/2025 is a Saturday, so Monday 17/3; 15/6/2025 a Sunday, so Monday 16/6.
        XCTAssertTrue(text.contains("UID:report-\(plan)-2025-Q1-huyen-hoang-hoa@tiendo\r\nDTSTAMP:"), text)
        XCTAssertTrue(text.contains("DTSTART;VALUE=DATE:20250317"), text)
        XCTAssertTrue(text.contains("DTSTART;VALUE=DATE:20250616"), text)
        XCTAssertTrue(text.contains("Hạn theo kế hoạch 15/3/2025 là ngày nghỉ\\, lùi sang ngày làm việc tiếp theo."), text)
        // The dated task it coordinates: "chậm nhất ngày 30/6/2025".
        XCTAssertTrue(text.contains("UID:task-\(tasks[1])-huyen-hoang-hoa@tiendo"), text)
        XCTAssertTrue(text.contains("DTSTART;VALUE=DATE:20250630"), text)
        XCTAssertTrue(text.contains("SUMMARY:Hạn báo cáo 2025-Q1 — 63/KH-UBND"), text)
        XCTAssertTrue(text.contains("TRIGGER:-P3D"), text)
        XCTAssertEqual(text.components(separatedBy: "BEGIN:VEVENT").count - 1, text.components(separatedBy: "BEGIN:VALARM").count - 1)
        // Stable UIDs: the same feed twice has the same events.
        XCTAssertEqual(unfold(try s.client().get(url)).components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") },
                       text.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") })

        // A new secret revokes the old URL; DELETE revokes the feed.
        let again = try s.client("tok-aggregator").post("/api/v1/units/huyen-hoang-hoa/calendar-feed", [:])
        XCTAssertEqual(again.status, 201)
        let url2 = again.object["url"] as? String ?? ""
        XCTAssertNotEqual(url, url2)
        XCTAssertEqual(try s.client().get(url).status, 404)
        XCTAssertEqual(try s.client().get(url2).status, 200)
        XCTAssertEqual(try hh.request("DELETE", "/api/v1/units/huyen-hoang-hoa/calendar-feed").status, 204)
        XCTAssertEqual(try s.client().get(url2).status, 404)
        assertProblem(try hh.request("DELETE", "/api/v1/units/huyen-hoang-hoa/calendar-feed"), 404, "not_found")
        for bad in ["/calendar/x.ics", "/calendar/\(secret)", "/calendar/\(String(repeating: "0", count: 64)).ics"] {
            XCTAssertEqual(try s.client().get(bad).status, 404, bad)
        }
    }
}
