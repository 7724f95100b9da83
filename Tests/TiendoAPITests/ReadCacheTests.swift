// The read side caches the unit directory, plan snapshots and computed answers
// under revision counters read in the request's own snapshot. Every test here
// fills a cache, changes what it was computed from, and checks the next answer
// shows the change — through the API, and by SQL from outside the API (as
// another process would).

import Foundation
import XCTest
@testable import TiendoAPI

final class UnitDirectoryCacheTests: XCTestCase {
    func testNewUnitIsSeenByKindSelectorsAfterTheDirectoryWasCached() throws {
        let s = try TestServer(now: "2022-03-25T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (_, tasks) = try Plan83.create(s, admin: admin)
        // Fill the cache.
        XCTAssertEqual(try admin.get("/api/v1/tasks/\(tasks[0])").status, 200)
        let r = try admin.post("/api/v1/units", ["id": "huyen-moi", "name": "UBND huyện Mới", "kind": "district", "parent_id": "tinh-thanh-hoa"])
        XCTAssertEqual(r.status, 201, r.text)
        // Task A has coordinating kind:district: the new district takes part in the plan.
        let reporter = s.client(try s.token("tok-huyen-moi", role: "reporter", unit: "huyen-moi"))
        let t = try reporter.get("/api/v1/tasks/\(tasks[0])")
        XCTAssertEqual(t.status, 200, t.text)
        XCTAssertTrue(t.text.contains("huyen-moi"), t.text)
        // A second unit, then a report-writing read path (visible plans) must see it too.
        XCTAssertEqual(try admin.post("/api/v1/units", ["id": "huyen-moi-2", "name": "UBND huyện Mới 2", "kind": "district",
                                                        "parent_id": "tinh-thanh-hoa"]).status, 201)
        let reporter2 = s.client(try s.token("tok-huyen-moi-2", role: "reporter", unit: "huyen-moi-2"))
        XCTAssertEqual(try reporter2.get("/api/v1/tasks/\(tasks[0])").status, 200)
        XCTAssertFalse(try reporter2.get("/api/v1/tasks").items.isEmpty)  // the plan is visible to the new district
    }

    /// GET /tasks/{id} reads only its own task unless a reporter's unit needs the plan's other tasks.
    func testTaskVisibilityAndShortcomingAfterNarrowRead() throws {
        let s = try TestServer(now: "2022-03-25T09:00:00+07:00")
        defer { s.stop() }
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let (_, tasks) = try Plan83.create(s, admin: admin)
        XCTAssertEqual(try admin.post("/api/v1/units", ["id": "so-tu-phap", "name": "Sở Tư pháp", "kind": "department",
                                                        "parent_id": "tinh-thanh-hoa"]).status, 201)
        let outsider = s.client(try s.token("tok-tu-phap", role: "reporter", unit: "so-tu-phap"))
        XCTAssertEqual(try outsider.get("/api/v1/tasks/\(tasks[0])").code, "plan_forbidden")
        // so-y-te leads task B only; it still takes part in the plan, so it may read task A.
        let yTe = s.client(try s.token("tok-so-y-te", role: "reporter", unit: "so-y-te"))
        let a = try yTe.get("/api/v1/tasks/\(tasks[0])")
        XCTAssertEqual(a.status, 200, a.text)
        let sc = a.object["shortcoming"] as? [String: Any]
        XCTAssertEqual(sc?["code"] as? String, "I.3", a.text)
        let d = try admin.get("/api/v1/tasks/\(tasks[3])")
        XCTAssertEqual((d.object["shortcoming"] as? [String: Any])?["code"] as? String, "I.1", d.text)
        // The aggregator takes part through the plan itself.
        let agg = s.client(try s.token("tok-aggregator-kh", role: "reporter", unit: "so-ke-hoach-dau-tu"))
        XCTAssertEqual(try agg.get("/api/v1/tasks/\(tasks[1])").status, 200)
    }
}

final class AnswerCacheTests: Plan83TestCase {
    func progress(_ path: String, line: UInt = #line) throws -> Double? {
        let r = try admin.get(path)
        XCTAssertEqual(r.status, 200, r.text, line: line)
        return number(r.object["progress"] ?? r.object["average_progress"])
    }

    func testTaskSummaryAndComplianceFollowANewReport() throws {
        let task = "/api/v1/tasks/\(A)", summary = "/api/v1/plans/\(plan)/summary"
        let compliance = "/api/v1/plans/\(plan)/compliance?period=2022-Q2"
        // Fill the caches (twice: the second answer comes from the cache).
        for _ in 0..<2 {
            XCTAssertEqual(try progress(task), 0)
            XCTAssertEqual(try progress(summary), 0)
            XCTAssertEqual(number(try admin.get(compliance).object["on_time"]), 0)
        }
        let lead = s.client("tok-lao-dong")
        let r = try lead.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 40))
        XCTAssertEqual(r.status, 201, r.text)
        XCTAssertGreaterThan(try progress(task) ?? 0, 0)
        XCTAssertGreaterThan(try progress(summary) ?? 0, 0)
        XCTAssertEqual(number(try admin.get(compliance).object["on_time"]), 1)
        let latest = try admin.get(task).object["latest_reports"] as? [[String: Any]] ?? []
        XCTAssertTrue(latest.contains { ($0["report"] as? [String: Any])?["progress"] as? Double == 40 }, "\(latest)")
    }

    func testComplianceFollowsLockAndUnlock() throws {
        let path = "/api/v1/plans/\(plan)/compliance?period=2022-Q2"
        XCTAssertEqual(try admin.get(path).object["locked"] as? Bool, false)
        XCTAssertEqual(try admin.send("PUT", "/api/v1/plans/\(plan)/periods/2022-Q2/lock", json: [String: Any]()).status / 100, 2)
        XCTAssertEqual(try admin.get(path).object["locked"] as? Bool, true)
        XCTAssertEqual(try admin.send("DELETE", "/api/v1/plans/\(plan)/periods/2022-Q2/lock", json: [String: Any]()).status / 100, 2)
        XCTAssertEqual(try admin.get(path).object["locked"] as? Bool, false)
    }

    func testTaskFollowsAnExtension() throws {
        let path = "/api/v1/tasks/\(A)"
        let before = try admin.get(path).object["due_on"] as? String
        let e = try admin.post("\(path)/extensions", ["reason": "Gia hạn theo văn bản số 12", "deadline": "Trước ngày 31/12/2030"])
        XCTAssertEqual(e.status, 201, e.text)
        let after = try admin.get(path).object["due_on"] as? String
        XCTAssertNotEqual(before, after)
        XCTAssertEqual(after, "2030-12-30")  // "trước ngày" = before that day
    }

    /// A write that bypasses the API (another process, the sqlite3 shell) still
    /// changes the revision the next reader sees: the triggers, not the handlers, keep it.
    func testAWriteFromOutsideTheAPIIsSeen() throws {
        let path = "/api/v1/tasks/\(A)"
        XCTAssertEqual(try progress(path), 0)
        XCTAssertEqual(try progress(path), 0)
        let (task, planID) = (Int64(A), Int64(plan))
        try s.store.write { c in
            try c.run("""
                INSERT INTO reports (task_id, plan_id, unit_id, period, revision, report_date, status, progress, received_at, created_at)
                VALUES (?, ?, 'so-lao-dong', '2022-Q2', 1, '2022-06-09', 'in_progress', 55, '2022-06-09T02:00:00Z', '2022-06-09T02:00:00Z')
                """, [.integer(task), .integer(planID)])
        }
        XCTAssertEqual(try progress(path), 55)
    }

    func testRevisionCacheEvictsLeastRecentlyUsedByCost() {
        let cache = RevisionCache<Int, [UInt8]>(capacity: 100) { $0.count }
        cache.insert(1, Array(repeating: 0, count: 20))
        cache.insert(2, Array(repeating: 0, count: 20))
        cache.insert(3, Array(repeating: 0, count: 20))
        XCTAssertNotNil(cache.value(1))  // 1 is now more recent than 2 and 3
        cache.insert(4, Array(repeating: 0, count: 25))  // 85: fits
        XCTAssertEqual(cache.count, 4)
        cache.insert(5, Array(repeating: 0, count: 25))  // 110 > 100: evict down to 75, oldest first (2, then 3)
        XCTAssertNil(cache.value(2))
        XCTAssertNil(cache.value(3))
        XCTAssertNotNil(cache.value(1))
        XCTAssertNotNil(cache.value(5))
        cache.insert(6, Array(repeating: 0, count: 26))  // over a quarter of the capacity: never cached
        XCTAssertNil(cache.value(6))
        let off = RevisionCache<Int, Int>(capacity: 0)
        off.insert(1, 1)
        XCTAssertNil(off.value(1))
        var computed = 0
        XCTAssertEqual(off.value(1) { computed += 1; return 7 }, 7)
        XCTAssertEqual(off.value(1) { computed += 1; return 7 }, 7)
        XCTAssertEqual(computed, 2)
    }
}

final class EntityTagTests: Plan83TestCase {
    func testCachedAnswersCarryAnETagAndAnswer304UntilTheyChange() throws {
        for path in ["/api/v1/tasks/\(A)", "/api/v1/plans/\(plan)/summary", "/api/v1/plans/\(plan)/compliance?period=2022-Q2"] {
            let first = try admin.get(path)
            XCTAssertEqual(first.status, 200, first.text)
            let tag = try XCTUnwrap(first.header("ETag"), path)
            XCTAssertTrue(tag.hasPrefix("\"") && tag.hasSuffix("\""), tag)
            XCTAssertEqual(first.header("Cache-Control"), "private, no-cache")
            // The same answer again: 304, no body, no Content-Length, the same tag.
            for inm in [tag, "W/\(tag)", "\"nope\", \(tag)", "*"] {
                let again = try admin.get(path, headers: [("If-None-Match", inm)])
                XCTAssertEqual(again.status, 304, "\(path) \(inm)")
                XCTAssertTrue(again.body.isEmpty)
                XCTAssertNil(again.header("Content-Length"))
                XCTAssertEqual(again.header("ETag"), tag)
            }
            XCTAssertEqual(try admin.get(path, headers: [("If-None-Match", "\"other\"")]).status, 200)
            // Another day is another answer.
            let otherDay = try admin.get(path + (path.contains("?") ? "&" : "?") + "as_of=2022-06-01", headers: [("If-None-Match", tag)])
            XCTAssertEqual(otherDay.status, 200)
            XCTAssertNotEqual(otherDay.header("ETag"), tag)
        }
        // A report changes every answer of the plan: the old tags no longer match.
        let tags = try ["/api/v1/tasks/\(A)", "/api/v1/plans/\(plan)/summary"].map { ($0, try admin.get($0).header("ETag") ?? "") }
        XCTAssertEqual(try s.client("tok-lao-dong").post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 30)).status, 201)
        for (path, tag) in tags {
            let r = try admin.get(path, headers: [("If-None-Match", tag)])
            XCTAssertEqual(r.status, 200, path)
            XCTAssertNotEqual(r.header("ETag"), tag)
        }
        // Without the right to read the plan, no 304 either.
        let tag = try admin.get("/api/v1/tasks/\(A)").header("ETag") ?? ""
        XCTAssertEqual(try s.client("nobody-token").get("/api/v1/tasks/\(A)", headers: [("If-None-Match", tag)]).status, 401)
    }
}

/// Cases from review: writes by SQL that the API never makes, and preconditions on failing requests.
final class RevisionEdgeTests: Plan83TestCase {
    /// A task id freed by a deletion and reused by another plan must not get the old plan's answer.
    func testAReusedTaskIDGetsItsNewPlansAnswer() throws {
        let last = D
        let before = try admin.get("/api/v1/tasks/\(last)")
        XCTAssertEqual(before.object["plan_id"] as? Int, plan)
        let planID = Int64(plan)
        try s.store.write { try $0.run("DELETE FROM tasks WHERE plan_id = ?", [.integer(planID)]) }
        let again = try admin.post("/api/v1/plans", Plan83.plan)
        XCTAssertEqual(again.status, 201, again.text)
        let newPlan = again.object["id"] as? Int ?? 0
        XCTAssertNotEqual(newPlan, plan)
        let after = try admin.get("/api/v1/tasks/\(last)", headers: [("If-None-Match", before.header("ETag") ?? "")])
        XCTAssertEqual(after.status, 200, "the freed id \(last) now belongs to plan \(newPlan)")
        XCTAssertEqual(after.object["plan_id"] as? Int, newPlan, after.text)
    }

    /// An UPDATE that moves a report to another plan changes both plans' answers.
    func testMovingAReportBetweenPlansChangesBoth() throws {
        let other = try admin.post("/api/v1/plans", Plan83.plan)
        XCTAssertEqual(other.status, 201, other.text)
        let otherPlan = other.object["id"] as? Int ?? 0
        let otherA = ((other.object["shortcomings"] as? [[String: Any]])?.flatMap { ($0["tasks"] as? [[String: Any]]) ?? [] }
            .first { ($0["title"] as? String) == (try? admin.get("/api/v1/tasks/\(A)").object["title"] as? String) })?["id"] as? Int ?? 0
        XCTAssertNotEqual(otherA, 0)
        XCTAssertEqual(try s.client("tok-lao-dong").post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 40)).status, 201)
        func average(_ p: Int) throws -> Double? { number(try admin.get("/api/v1/plans/\(p)/summary").object["average_progress"]) }
        XCTAssertGreaterThan(try average(plan) ?? 0, 0)
        XCTAssertEqual(try average(otherPlan), 0)
        let (to, task) = (Int64(otherPlan), Int64(otherA))
        try s.store.write { try $0.run("UPDATE reports SET plan_id = ?, task_id = ?", [.integer(to), .integer(task)]) }
        XCTAssertEqual(try average(plan), 0, "the plan the report left")
        XCTAssertGreaterThan(try average(otherPlan) ?? 0, 0, "the plan it joined")
    }

    /// Preconditions do not turn a failing request into a 304 (RFC 9110 §13.2.1).
    func testIfNoneMatchNeverHidesAnError() throws {
        XCTAssertEqual(try admin.get("/api/v1/plans/\(plan)/compliance?period=2022-Q9", headers: [("If-None-Match", "*")]).status, 400)
        XCTAssertEqual(try admin.get("/api/v1/tasks/999999", headers: [("If-None-Match", "*")]).status, 404)
        let tag = try admin.get("/api/v1/tasks/\(A)").header("ETag") ?? ""
        XCTAssertEqual(try admin.post("/api/v1/units", ["id": "so-tu-phap", "name": "Sở Tư pháp", "kind": "department",
                                                        "parent_id": "tinh-thanh-hoa"]).status, 201)
        let outsider = s.client(try s.token("tok-tu-phap", role: "reporter", unit: "so-tu-phap"))
        let r = try outsider.get("/api/v1/tasks/\(A)", headers: [("If-None-Match", tag)])
        XCTAssertEqual(r.status, 403, "a unit outside the plan gets no 304 for a tag it guessed")
        XCTAssertEqual(r.code, "plan_forbidden")
    }

    /// A counter row deleted by hand: nothing is cached against it, and revocation still works.
    func testAMissingTokensCounterCachesNothing() throws {
        let created = try s.tokens.create(role: "aggregator", unitID: nil, label: "temp")
        try s.store.write { try $0.run("DELETE FROM data_revisions WHERE name = 'tokens'") }
        let fresh = TokenService(store: s.store)
        XCTAssertNotNil(try fresh.authenticate(token: created.token))
        XCTAssertNotNil(try fresh.authenticate(token: created.token))
        let id = created.record.id
        try s.store.write { c in
            try c.run("UPDATE tokens SET revoked_at = '2022-06-10T02:00:00Z' WHERE id = ?", [.integer(id)])
            try c.run("DELETE FROM data_revisions WHERE name = 'tokens'")  // the trigger had put it back
        }
        XCTAssertNil(try fresh.authenticate(token: created.token))
        XCTAssertEqual(try s.client(created.token).get("/api/v1/units").status, 401)
    }
}
