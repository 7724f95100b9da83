// The message catalogue covers every problem code the sources can answer, in
// both languages, and its detail lines recover the values call sites write.
//
// The scan reads Sources/**/*.swift for code literals in the forms the code
// base uses; when you add a code, add its line to ProblemMessages.swift.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoDomain
import TiendoHTTP

final class ProblemCatalogueTests: XCTestCase {
    static let sources = OpenAPIConsistencyTests.repositoryRoot.appendingPathComponent("Sources")

    /// The shapes a code literal takes at a call site.
    static let patterns: [String] = [
        #"\bcode:\s*"([a-z][a-z0-9_]*)""#,                                   // Problem(code:), RuleViolation(code:), HTTPParseError
        #"\b(?:forbidden|conflict)\(\s*"([a-z][a-z0-9_]*)""#,                // Problem.forbidden("code", …)
        #"\bIssue\((?:"(?:[^"\\]|\\.)*"|[^",()]|\([^()]*\))*,\s*"([a-z][a-z0-9_]*)""#,  // Issue(field, "code", …)
        #"\.add\((?:"(?:[^"\\]|\\.)*"|[^",()]|\([^()]*\))*,\s*"([a-z][a-z0-9_]*)","#,   // IssueList.add(field, "code", …)
        #"(?<![.\w])add\(\s*"([a-z][a-z0-9_]*)",\s*"[a-z0-9_.]*","#,          // ReportValidator's add("code", "field", …)
        #"var code: String \{\s*"([a-z][a-z0-9_]*)"\s*\}"#,                  // DeadlineParseError.code
    ]

    static func codesInSources() throws -> [String: Set<String>] {
        var found: [String: Set<String>] = [:]
        let regexes = try patterns.map { try NSRegularExpression(pattern: $0) }
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            let ns = text as NSString
            for re in regexes {
                for m in re.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                    found[ns.substring(with: m.range(at: 1)), default: []].insert(url.lastPathComponent)
                }
            }
        }
        return found
    }

    func testEveryCodeInTheSourcesHasBothMessages() throws {
        let found = try Self.codesInSources()
        // The scan itself works: codes from each layer and each call-site shape are seen.
        for known in ["headers_too_large", "not_found", "period_locked", "invalid_type", "role_forbidden", "unit_exists",
                      "task_not_found", "report_date_in_future", "deadline_unparseable", "unit_not_found", "received_at_before_report_date",
                      "date_out_of_range"] {
            XCTAssertNotNil(found[known], "the scan no longer sees \(known): update ProblemCatalogueTests.patterns")
        }
        XCTAssertGreaterThan(found.count, 80)
        var missing: [String] = []
        for (code, files) in found.sorted(by: { $0.key < $1.key }) where ProblemCatalogue.entries[code] == nil {
            missing.append("(\"\(code)\", \"English …\", \"Tiếng Việt …\"),   // used in \(files.sorted().joined(separator: ", "))")
        }
        XCTAssertTrue(missing.isEmpty, "Add these lines to Sources/TiendoAPI/Languages/ProblemMessages.swift:\n" + missing.joined(separator: "\n"))
    }

    func testEveryLineIsWellFormed() {
        var seenFirst = Set<String>()
        for line in ProblemCatalogue.lines {
            XCTAssertTrue(line.code.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "code \(line.code) is not snake_case")
            XCTAssertFalse(line.en.isEmpty || line.vi.isEmpty, line.code)
            XCTAssertNotEqual(line.en, line.vi, "\(line.code): the Vietnamese line is the English one")
            let en = MessageTemplate(line.en), vi = MessageTemplate(line.vi)
            if seenFirst.insert(line.code).inserted {
                XCTAssertTrue(en.holes.isEmpty && vi.holes.isEmpty, "\(line.code): the first line (its meaning) must have no {holes}")
            }
            XCTAssertTrue(en.isMatchable, "\(line.code): two holes side by side in \(line.en)")
            XCTAssertTrue(Set(vi.holes).isSubset(of: Set(en.holes)), "\(line.code): \(line.vi) uses a hole \(line.en) lacks")
            XCTAssertTrue(Set(en.holes).isSubset(of: Set(vi.holes)), "\(line.code): \(line.vi) drops a value of \(line.en)")
            // Vietnamese with its diacritics, not ASCII transliteration.
            XCTAssertTrue(line.vi.unicodeScalars.contains { $0.value >= 0xC0 && $0.properties.isAlphabetic },
                          "\(line.code): \(line.vi) has no Vietnamese letter")
        }
        // Codes are kept in alphabetical order (so parallel branches merge cleanly).
        let order = ProblemCatalogue.lines.map(\.code)
        var firsts: [String] = []
        for c in order where firsts.last != c { firsts.append(c) }
        XCTAssertEqual(firsts, firsts.sorted(), "keep the codes of ProblemMessages.swift in alphabetical order")
        XCTAssertEqual(firsts.count, Set(firsts).count, "a code's lines must be together")
    }

    func testTemplatesKeepTheValuesInVietnamese() {
        let vi = { (code: String, msg: String) in ProblemCatalogue.message(msg, code: code, in: .vi) }
        XCTAssertEqual(vi("report_date_in_future", "report_date 2022-07-01 is after today (2022-06-30)"),
                       "Ngày báo cáo (report_date) 2022-07-01 sau ngày hôm nay (2022-06-30).")
        XCTAssertEqual(vi("not_found", "No task 17."), "Không có nhiệm vụ 17.")
        XCTAssertEqual(vi("invalid_type", "progress must be a number, got string."),
                       "progress phải là số, nhưng nhận được string.")
        XCTAssertEqual(vi("out_of_range", "due_day must be between 1 and 31."), "due_day phải nằm trong khoảng từ 1 đến 31.")
        XCTAssertEqual(vi("validation_failed", "3 problems; see errors."), "Có 3 lỗi; xem chi tiết trong mục errors.")
        // Unknown wording of a known code: its meaning. Unknown code: unchanged.
        XCTAssertEqual(vi("period_locked", "something new"), ProblemCatalogue.entries["period_locked"]?.meaning(.vi))
        XCTAssertEqual(vi("no_such_code_yet", "Left as written."), "Left as written.")
        // A detail a call site already wrote in Vietnamese is kept; Vietnamese values inside an
        // English message do not make it Vietnamese.
        XCTAssertEqual(vi("form_malformed", "Thao tác phải là khóa hoặc mở khóa."), "Thao tác phải là khóa hoặc mở khóa.")
        XCTAssertEqual(vi("period_locked", "locked by \"Sở Tài chính\" (khóa sổ)"), ProblemCatalogue.entries["period_locked"]?.meaning(.vi))
        XCTAssertEqual(ProblemCatalogue.message("report_date 2022-07-01 is after today (2022-06-30)", code: "report_date_in_future", in: .en),
                       "report_date 2022-07-01 is after today (2022-06-30)")
    }

    /// Every message the report rules write today is matched by a detail line (so its values survive).
    func testEveryReportRuleMessageHasADetailLine() {
        let schedule = ReportSchedule.quarterly15
        let issued = CivilDate(year: 2022, month: 3, day: 24)!
        let today = CivilDate(year: 2022, month: 6, day: 10)!
        let fact = ReportFact(taskId: 1, unitId: "so-y-te", period: ReportingPeriod("2022-Q1")!, revision: 1,
                              receivedAt: Date(timeIntervalSince1970: 1_648_000_000), status: .inProgress, progress: 80)
        func ctx(role: AssigneeRole? = .lead, locked: Bool = false) -> ReportContext {
            ReportContext(taskId: 1, planIssuedOn: issued, schedule: schedule, today: today,
                          lockedPeriods: locked ? [ReportingPeriod("2022-Q2")!] : [], unitTaskReports: [fact],
                          unitRole: role, callerRole: .reporter, callerUnitId: "so-lao-dong")
        }
        let submissions: [(ReportSubmission, ReportContext)] = [
            (ReportSubmission(unitId: "so-y-te", period: "2022-Q2", reportDate: "2022-07-01", status: "completed", progress: 50,
                              completedOn: "2022-07-02", receivedAtExplicit: true), ctx(role: nil, locked: true)),
            (ReportSubmission(unitId: "so-y-te", period: "2022-Q3", reportDate: "2022-03-01", status: "done", progress: 150,
                              completedOn: "2022-01-01"), ctx()),
            (ReportSubmission(unitId: "so-y-te", period: "2021-Q4", reportDate: "2022-13-01", status: nil, progress: 10,
                              completedOn: "x"), ctx()),
            (ReportSubmission(unitId: "so-y-te", period: "2022-M06", reportDate: nil, status: "in_progress", progress: nil), ctx()),
            (ReportSubmission(unitId: "so-y-te", period: "Q9", reportDate: "2022-06-01", status: "not_started", progress: nil,
                              completedOn: "2022-06-01"), ctx()),
            (ReportSubmission(unitId: "so-y-te", period: "2022-Q2", reportDate: "2022-06-01", status: "in_progress", progress: 10), ctx()),
            (ReportSubmission(unitId: "so-y-te", period: nil, reportDate: "2022-06-01", status: "in_progress", progress: 10), ctx()),
        ]
        var seen = Set<String>()
        for (s, c) in submissions {
            for v in ReportValidator.validate(s, c).violations {
                seen.insert(v.code)
                guard let entry = ProblemCatalogue.entries[v.code] else { XCTFail("no entry for \(v.code)"); continue }
                if v.message == entry.meaning[.en] { continue }
                XCTAssertTrue(entry.details.contains { $0.en.match(v.message) != nil }, "\(v.code): no detail line matches \(v.message)")
            }
        }
        XCTAssertGreaterThan(seen.count, 15, "the submissions should break most rules: \(seen.sorted())")
    }
}
