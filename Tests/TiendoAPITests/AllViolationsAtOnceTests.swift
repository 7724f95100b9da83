// Issue 15, item 7: a body missing everything hears about everything, in one answer.

import Foundation
import XCTest
@testable import TiendoAPI

final class AllViolationsAtOnceTests: Plan83TestCase {
    func testEmptyReportNamesEveryMissingField() throws {
        let r = try s.client("tok-hoang-hoa").post("/api/v1/reports", [String: Any]())
        XCTAssertEqual(r.status, 422, r.text)
        XCTAssertEqual(Set(r.errorFields), ["task_id", "unit_id", "period", "report_date", "status"], r.text)
        XCTAssertEqual(Set(r.errorCodes), ["required", "period_missing", "report_date_missing", "status_missing"], r.text)
    }

    func testAReportWithoutTaskStillNamesItsOtherProblems() throws {
        let r = try s.client("tok-hoang-hoa").post("/api/v1/reports", ["unit_id": "huyen-hoang-hoa", "period": "2022-Q2", "report_date": "14/06/2022",
                                                      "status": "in_progress", "progress": 140])
        XCTAssertEqual(r.status, 422, r.text)
        XCTAssertEqual(Set(r.errorCodes), ["required", "report_date_malformed", "progress_out_of_range"], r.text)
    }

    func testABatchItemNamesEveryMissingField() throws {
        let r = try s.client("tok-hoang-hoa").post("/api/v1/reports/batch", ["reports": [[String: Any](), ["task_id": "x", "status": "done"]]])
        XCTAssertEqual(r.status, 422, r.text)
        let fields = Set(r.errorFields)
        for f in ["reports[0].task_id", "reports[0].unit_id", "reports[0].period", "reports[0].report_date", "reports[0].status",
                  "reports[1].task_id", "reports[1].unit_id", "reports[1].period", "reports[1].report_date", "reports[1].status"] {
            XCTAssertTrue(fields.contains(f), "\(f) missing from \(fields)")
        }
        XCTAssertEqual(r.errors.filter { $0["field"] as? String == "reports[1].task_id" }.count, 1, "a wrong type is named once")
    }

    func testOtherBodiesNameEveryMissingFieldAtOnce() throws {
        let cases: [(String, String, Set<String>)] = [
            ("POST", "/api/v1/units", ["id", "name", "kind"]),
            ("POST", "/api/v1/plans", ["number", "title", "issuer_id", "issued_on", "aggregator_id", "shortcomings"]),
            ("POST", "/api/v1/tokens", ["role"]),
        ]
        for (method, path, expected) in cases {
            let r = try admin.send(method, path, json: [String: Any]())
            XCTAssertEqual(r.status, 422, "\(path): \(r.text)")
            XCTAssertTrue(expected.isSubset(of: Set(r.errorFields)), "\(path): \(r.errorFields)")
        }
        let ext = try s.client("tok-aggregator").post("/api/v1/tasks/\(A)/extensions", [String: Any]())
        XCTAssertEqual(ext.status, 422, ext.text)
        XCTAssertGreaterThanOrEqual(ext.errors.count, 2, ext.text)
    }
}
