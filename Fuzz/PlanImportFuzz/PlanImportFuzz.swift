// libFuzzer target for the plan-document reader (PlanImporter and what it calls: lines,
// markers, labels, unit matching, header, report clause, deadline phrases, HTML text).
// Built by `scripts/fuzz import`, which compiles this file with every TiendoDomain source
// into one module. Not part of `swift test`.
//
// Input: the bytes of a document (invalid UTF-8 is repaired, as the route would refuse it).
// Byte 0 picks text or HTML reading. Invariants (a violation traps, reported as a crash):
//  - reading never traps and always ends (libFuzzer's -timeout catches a hang);
//  - a draft's tasks count equals stats.tasks, every task has lines [first, last] with
//    first ≤ last inside the document, and a task's `lead` is as long as its resolved
//    assignees plus its unresolved phrases;
//  - a complete draft (no blocking warning) has a deadline and a non-nil lead for every task;
//  - reading the same text twice gives the same draft (no hidden state).

import Foundation

let units: [DirectoryUnit] = [
    DirectoryUnit(id: "tinh-thanh-hoa", name: "UBND tỉnh Thanh Hóa", kind: .province),
    DirectoryUnit(id: "so-y-te", name: "Sở Y tế", kind: .department, parentId: "tinh-thanh-hoa"),
    DirectoryUnit(id: "so-lao-dong", name: "Sở Lao động - Thương binh và Xã hội", kind: .department, parentId: "tinh-thanh-hoa"),
    DirectoryUnit(id: "so-nong-nghiep", name: "Sở Nông nghiệp và Phát triển nông thôn", kind: .department, parentId: "tinh-thanh-hoa"),
    DirectoryUnit(id: "so-nong-nghiep-moi-truong", name: "Sở Nông nghiệp và Môi trường", kind: .department, parentId: "tinh-thanh-hoa"),
    DirectoryUnit(id: "ban-quan-ly-kkt", name: "Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp", kind: .department, parentId: "tinh-thanh-hoa"),
    DirectoryUnit(id: "thanh-tra-tinh", name: "Thanh tra tỉnh", kind: .agency, parentId: "tinh-thanh-hoa"),
    DirectoryUnit(id: "huyen-hoang-hoa", name: "UBND huyện Hoằng Hóa", kind: .district, parentId: "tinh-thanh-hoa"),
    DirectoryUnit(id: "bhxh-hoang-hoa", name: "Bảo hiểm xã hội huyện Hoằng Hóa", kind: .agency, parentId: "huyen-hoang-hoa"),
    DirectoryUnit(id: "xa-hoang-dao", name: "UBND xã Hoằng Đạo", kind: .commune, parentId: "huyen-hoang-hoa"),
    // a parent cycle and an empty name must not hang or trap the matcher
    DirectoryUnit(id: "loop-a", name: "Trung tâm A", kind: .agency, parentId: "loop-b"),
    DirectoryUnit(id: "loop-b", name: "", kind: .agency, parentId: "loop-a"),
]

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        print("invariant violated: \(message())")
        fatalError(message())
    }
}

func signature(_ r: PlanImportResult) -> String {
    r.draft.shortcomings.map { s in
        s.code + "|" + s.tasks.map { "\($0.title)#\($0.lead)#\(String(describing: $0.deadline))" }.joined(separator: ";")
    }.joined(separator: "\n") + "\(r.warnings.count)"
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let html = data[0] & 1 == 1
    var text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    if html { text = HTMLText.plainText(text) }
    let issuer: String? = data[0] & 2 == 2 ? "huyen-hoang-hoa" : nil
    let first = PlanImporter.read(text: text, units: units, issuerId: issuer)
    let lineCount = text.reduce(1) { $0 + ($1 == "\n" || $1 == "\r\n" || $1 == "\r" || $1 == "\u{2028}" ? 1 : 0) }
    switch first {
    case .failure(let e):
        check(e.code == "import_no_plan", "unexpected error code \(e.code)")
    case .success(let r):
        let tasks = r.draft.shortcomings.flatMap(\.tasks)
        check(tasks.count == r.stats.tasks, "stats.tasks \(r.stats.tasks) vs \(tasks.count)")
        check(!r.draft.shortcomings.isEmpty, "a success with no shortcoming")
        for t in tasks {
            check(t.lines.count == 2 && 1 <= t.lines[0] && t.lines[0] <= t.lines[1] && t.lines[1] <= lineCount,
                  "task lines \(t.lines) outside 1…\(lineCount)")
            if r.isComplete {
                check(t.deadline != nil, "complete draft with a task without deadline")
                check(!t.lead.isEmpty && !t.lead.contains(nil), "complete draft with an unresolved lead \(t.lead)")
            }
        }
        if case .success(let again) = PlanImporter.read(text: text, units: units, issuerId: issuer) {
            check(signature(again) == signature(r), "two reads differ")
        } else {
            check(false, "second read failed")
        }
    }
    _ = ReportClauseReader.parse(phrase: String(text.prefix(300)))
    _ = DeadlineParser.parse(String(text.prefix(200)))
    return 0
}
