// libFuzzer target for the domain's text parsers: deadline phrases, report-schedule
// phrases, dates, period names, RFC 3339 timestamps and the diacritic-folding search key.
// Built by scripts/fuzz (target `domain`), which compiles this file with every source of
// TiendoDomain into one module. Not part of `swift test`.
//
// Byte 0 picks the parser; the rest is the text (any bytes: invalid UTF-8 is repaired the
// way the API's String(decoding:) would). A violated invariant traps, which libFuzzer
// reports as a crash:
//  - no parser traps, whatever the text;
//  - a parsed deadline's due_on / first review lies within the service's years, and its
//    canonical phrase parses back to the same kind, due_on and strictness;
//  - a parsed date, period or timestamp prints back as text that parses to the same value;
//  - folding for search is idempotent.

import Foundation

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        print("invariant violated: \(message())")
        fatalError(message())
    }
}

func fuzzDeadline(_ text: String) {
    guard case .success(let d) = DeadlineParser.parse(text) else { return }
    if let due = d.dueOn { check(due.isInServiceRange || due.year == CivilDate.serviceYears.upperBound + 1, "due_on \(due) out of range for \(text.debugDescription)") }
    if let r = d.firstReviewOn { check(r.year <= CivilDate.serviceYears.upperBound + 1, "first review \(r)") }
    if case .success(let again) = DeadlineParser.parse(d.canonicalPhrase) {
        check(again.kind == d.kind && again.dueOn == d.dueOn && again.strict == d.strict,
              "canonical \(d.canonicalPhrase.debugDescription) of \(text.debugDescription) reads back as \(again)")
    } else {
        check(false, "canonical phrase \(d.canonicalPhrase.debugDescription) of \(text.debugDescription) does not parse")
    }
}

func fuzzSchedule(_ text: String) {
    guard let s = ReportSchedule.parse(phrase: text) else { return }
    check(s.validate().isEmpty, "schedule phrase \(text.debugDescription) gave an invalid schedule \(s)")
}

func fuzzDate(_ text: String) {
    guard let d = CivilDate(text) else { return }
    check(d.description == text, "date \(text.debugDescription) prints as \(d)")
    check(CivilDate(daysSinceEpoch: d.daysSinceEpoch) == d, "days round trip of \(d)")
    _ = d.adding(days: Int(d.day) * 1_000_003).adding(months: -d.month * 99_991)
}

func fuzzPeriod(_ text: String) {
    guard let p = ReportingPeriod(text) else { return }
    check(ReportingPeriod(p.description) == p, "period \(text.debugDescription) prints as \(p)")
    if let first = p.firstDay, let last = p.lastDay { check(first <= last, "period \(p) ends before it starts") }
    for f in Frequency.allCases {
        let s = ReportSchedule(frequency: f, dueDay: 31, strict: true, onceDueOn: f == .once ? CivilDate("2022-06-09") : nil,
                               window: .decree09)
        _ = s.dueOn(p)
        _ = s.window(of: p)
    }
}

func fuzzTimestamp(_ text: String) {
    guard let t = RFC3339.parse(text) else { return }
    let printed = RFC3339.format(t)
    if let again = RFC3339.parse(printed) {
        check(again.timeIntervalSince1970.rounded(.down) == t.timeIntervalSince1970.rounded(.down) || CivilDate(localDayOf: t).year <= 1 || CivilDate(localDayOf: t).year >= 9999,
              "timestamp \(text.debugDescription) prints as \(printed)")
    }
    _ = VietnamTime.endOfDay(CivilDate(localDayOf: t))
}

func fuzzSearchKey(_ text: String) {
    let k = VietnameseText.searchKey(text)
    check(VietnameseText.searchKey(k) == k, "searchKey is not idempotent on \(text.debugDescription)")
    _ = VietnameseText.matches(text, query: String(text.prefix(8)))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    switch data[0] % 6 {
    case 0: fuzzDeadline(text)
    case 1: fuzzSchedule(text)
    case 2: fuzzDate(text)
    case 3: fuzzPeriod(text)
    case 4: fuzzTimestamp(text)
    default: fuzzSearchKey(text)
    }
    return 0
}
