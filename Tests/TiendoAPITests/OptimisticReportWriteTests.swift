// POST /reports validates in a reader's snapshot and hands the writer a stamp of
// what it read; the writer re-checks the stamp and validates again when another
// write changed it. These tests make such writes land between the two (through
// `ReportWriteTestHook`) and check every answer is the one a serial server gives.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoSQLite
import TiendoStore

final class OptimisticReportWriteTests: Plan83TestCase {
    var laoDong: TestClient { s.client("tok-lao-dong") }

    override func tearDown() {
        if let s { ReportWriteTestHook.set(s.store, nil) }
        super.tearDown()
    }

    func reports(_ query: String = "") throws -> [[String: Any]] {
        try admin.get("/api/v1/reports?limit=500\(query)").items
    }

    /// Runs `between` once, on the first POST that passed validation, before its write is queued.
    func onFirstValidatedPost(_ between: @escaping @Sendable () -> Void) {
        let done = Locked(false)
        ReportWriteTestHook.set(s.store) {
            let first = done.withLock { d -> Bool in
                defer { d = true }
                return !d
            }
            if first { between() }
        }
    }

    /// Runs `body` once, on the first POST that passed validation, on a connection of its own
    /// to the same file, as another process (the CLI, the sqlite3 shell) would.
    func onFirstValidatedPost(asAnotherWriter body: @escaping @Sendable (Connection) throws -> Void) {
        let path = s.store.database.path
        onFirstValidatedPost {
            let other = try? Database(path: path, readers: 1, durability: .normal)
            _ = try? other?.write { try body($0) }
            other?.close()
        }
    }

    /// Q2 at 50, then Q3 at 30 without obstacles is rule 7's refusal. Here Q3 is validated
    /// before Q2 is stored (so its snapshot shows no earlier period) and written after: the
    /// writer must notice and refuse it as a serial server would.
    func testLowerProgressThanAReportStoredMeanwhileIsRefused() throws {
        s.clock.set("2022-09-10T09:00:00+07:00")
        let port = s.port, A = self.A
        let q2 = Locked<TestResponse?>(nil)
        onFirstValidatedPost {
            let r = try? TestClient(port: port, token: "tok-lao-dong")
                .post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-09-10", progress: 50))
            q2.withLock { $0 = r }
        }
        let q3 = try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q3", "2022-09-10", progress: 30))
        XCTAssertEqual(q2.withLock { $0 }?.status, 201, q2.withLock { $0 }?.text ?? "no answer")
        assertProblem(q3, 422, "progress_decreased_without_obstacles", field: "obstacles")
        XCTAssertEqual(try reports().map { $0["period"] as? String }, ["2022-Q2"])
    }

    /// The same race where the later report is fine (it keeps progress): stored, once.
    func testReportStoredMeanwhileThatChangesNothingStillStores() throws {
        s.clock.set("2022-09-10T09:00:00+07:00")
        let port = s.port, A = self.A
        onFirstValidatedPost {
            _ = try? TestClient(port: port, token: "tok-lao-dong")
                .post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-09-10", progress: 50))
        }
        let q3 = try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q3", "2022-09-10", progress: 55))
        XCTAssertEqual(q3.status, 201, q3.text)
        XCTAssertEqual(q3.object["revision"] as? Int, 1)
        XCTAssertEqual(try reports().compactMap { $0["period"] as? String }.sorted(), ["2022-Q2", "2022-Q3"])
    }

    /// The aggregator locks the period after the report was validated, before it is written: 409.
    func testPeriodLockedBetweenValidationAndWriteIsRefused() throws {
        let port = s.port, plan = self.plan
        let lock = Locked<Int?>(nil)
        onFirstValidatedPost {
            let r = try? TestClient(port: port, token: "tok-aggregator").request("PUT", "/api/v1/plans/\(plan)/periods/2022-Q2/lock")
            lock.withLock { $0 = r?.status }
        }
        let r = try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10))
        XCTAssertEqual(lock.withLock { $0 }, 200)
        assertProblem(r, 409, "period_locked", field: "period")
        XCTAssertEqual(try reports().count, 0)
    }

    /// Locked first, then posted: refused without a write (the reader's validation answers).
    func testPostAfterLockIsRefusedWithoutAWrite() throws {
        let agg = s.client("tok-aggregator")
        XCTAssertEqual(try agg.request("PUT", "/api/v1/plans/\(plan)/periods/2022-Q2/lock").status, 200)
        let before = s.store.database.statistics
        let r = try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10))
        assertProblem(r, 409, "period_locked")
        let after = s.store.database.statistics
        XCTAssertEqual(after.committedWrites + after.failedWrites, before.committedWrites + before.failedWrites,
                       "an invalid report must not reach the writer")
        XCTAssertEqual(try reports().count, 0)
    }

    /// The plan is closed (before Q3 starts) after a Q3 report was validated: rule 2 refuses it.
    func testPlanClosedBetweenValidationAndWriteIsRefused() throws {
        s.clock.set("2022-09-10T09:00:00+07:00")
        let port = s.port, plan = self.plan
        let patch = Locked<TestResponse?>(nil)
        onFirstValidatedPost {
            let r = try? TestClient(port: port, token: "test-admin-token")
                .send("PATCH", "/api/v1/plans/\(plan)", json: ["status": "closed", "closed_on": "2022-06-30"])
            patch.withLock { $0 = r }
        }
        let r = try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q3", "2022-09-10", progress: 10))
        XCTAssertEqual(patch.withLock { $0 }?.status, 200, patch.withLock { $0 }?.text ?? "no answer")
        assertProblem(r, 422, "period_after_plan_closed", field: "period")
        XCTAssertEqual(try reports().count, 0)
        // Reopened, the same report goes in (the cached plan is not used once its columns changed).
        XCTAssertEqual(try admin.send("PATCH", "/api/v1/plans/\(plan)", json: ["status": "active"]).status, 200)
        XCTAssertEqual(try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q3", "2022-09-10", progress: 10)).status, 201)
    }

    /// POSTs of one (task, unit, period) validated before any of them is written: each gets its
    /// own revision, 1…N, none fails. (A few only: each held POST holds a Dispatch thread, and
    /// the pool grows slowly on a 2-core box.)
    func testPostsOfOneTaskUnitPeriodValidatedTogetherGetRevisionsOneToN() throws {
        let n = 3
        let arrived = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        ReportWriteTestHook.set(s.store) {
            arrived.signal()
            _ = release.wait(timeout: .now() + 20)
        }
        let statuses = try postConcurrently(n, report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 20)) {
            var validated = 0
            for _ in 0..<n where arrived.wait(timeout: .now() + 20) == .success { validated += 1 }
            XCTAssertEqual(validated, n, "every POST should have been validated before any write")
            for _ in 0..<n { release.signal() }
        }
        XCTAssertEqual(statuses, Array(repeating: 201, count: n))
        XCTAssertEqual(try reports().compactMap { $0["revision"] as? Int }.sorted(), Array(1...n))
    }

    /// Many POSTs of one (task, unit, period) at once: revisions 1…N, no 500.
    func testManyConcurrentPostsOfOneTaskUnitPeriodGetRevisionsOneToN() throws {
        let n = 32
        let statuses = try postConcurrently(n, report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 20)) {}
        XCTAssertEqual(statuses, Array(repeating: 201, count: n))
        XCTAssertEqual(try reports().compactMap { $0["revision"] as? Int }.sorted(), Array(1...n))
    }

    /// Sends `body` n times at once as lao-dong; `meanwhile` runs while they are in flight. Sorted statuses.
    func postConcurrently(_ n: Int, _ body: [String: Any], meanwhile: () -> Void) throws -> [Int] {
        let port = s.port
        let bytes = Array(try JSONSerialization.data(withJSONObject: body))
        let statuses = Locked<[Int]>([])
        let group = DispatchGroup()
        for _ in 0..<n {
            group.enter()
            Thread.detachNewThread {
                let st = (try? TestClient(port: port, token: "tok-lao-dong").request("POST", "/api/v1/reports", body: bytes).status) ?? -1
                statuses.withLock { $0.append(st) }
                group.leave()
            }
        }
        meanwhile()
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
        return statuses.withLock { $0 }.sorted()
    }

    /// A reader-validated idempotent POST replays even after the period was locked (the key
    /// is looked up before any rule), and a different body under the key is still 422.
    func testIdempotentReplayAfterLockAndKeyReuse() throws {
        let body = report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 30)
        let key = [("Idempotency-Key", "k-after-lock")]
        let first = try laoDong.post("/api/v1/reports", body, headers: key)
        XCTAssertEqual(first.status, 201, first.text)
        XCTAssertEqual(try s.client("tok-aggregator").request("PUT", "/api/v1/plans/\(plan)/periods/2022-Q2/lock").status, 200)
        let replay = try laoDong.post("/api/v1/reports", body, headers: key)
        XCTAssertEqual(replay.status, 201, replay.text)
        XCTAssertEqual(replay.header("Idempotent-Replayed"), "true")
        XCTAssertEqual(replay.body, first.body)
        XCTAssertEqual(replay.header("Location"), first.header("Location"))
        var changed = body; changed["progress"] = 31
        assertProblem(try laoDong.post("/api/v1/reports", changed, headers: key), 422, "idempotency_key_reused")
        XCTAssertEqual(try reports().count, 1)
    }

    /// Two requests with one key, both validated before either is written: one stores, the
    /// other replays its answer.
    func testOneKeyTwiceInFlightStoresOnce() throws {
        let port = s.port, A = self.A
        let body = report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 30)
        let bytes = Array(try JSONSerialization.data(withJSONObject: body))
        let second = Locked<TestResponse?>(nil)
        onFirstValidatedPost {
            let r = try? TestClient(port: port, token: "tok-lao-dong").request("POST", "/api/v1/reports", body: bytes,
                                                                                headers: [("Idempotency-Key", "twice")])
            second.withLock { $0 = r }
        }
        let first = try laoDong.post("/api/v1/reports", body, headers: [("Idempotency-Key", "twice")])
        let other = try XCTUnwrap(second.withLock { $0 })
        XCTAssertEqual(first.status, 201, first.text)
        XCTAssertEqual(other.status, 201, other.text)
        XCTAssertEqual(first.header("Idempotent-Replayed"), "true", "the one written second replays the first")
        XCTAssertEqual(first.body, other.body)
        XCTAssertEqual(try reports().count, 1)
    }

    /// A batch naming one (task, unit) twice: the second item is judged against the first,
    /// as before (rule 7 across the batch's own items).
    func testBatchItemsOfOneTaskUnitSeeEachOther() throws {
        s.clock.set("2022-09-10T09:00:00+07:00")
        let lower = try laoDong.post("/api/v1/reports/batch", ["reports": [
            report(A, "so-lao-dong", "2022-Q2", "2022-09-10", progress: 50),
            report(A, "so-lao-dong", "2022-Q3", "2022-09-10", progress: 30),
        ]])
        assertProblem(lower, 422, "progress_decreased_without_obstacles", field: "reports[1].obstacles")
        XCTAssertEqual(try reports().count, 0)
        let fine = try laoDong.post("/api/v1/reports/batch", ["reports": [
            report(A, "so-lao-dong", "2022-Q2", "2022-09-10", progress: 50),
            report(A, "so-lao-dong", "2022-Q3", "2022-09-10", progress: 60),
        ]])
        XCTAssertEqual(fine.status, 201, fine.text)
        XCTAssertEqual(fine.object["count"] as? Int, 2)
    }

    /// A batch whose one item races a report of its (task, unit) is judged again whole: with
    /// the item now refused, nothing of the batch is stored.
    func testBatchRacingAReportIsJudgedAgainWhole() throws {
        s.clock.set("2022-09-10T09:00:00+07:00")
        let port = s.port, A = self.A
        onFirstValidatedPost {
            _ = try? TestClient(port: port, token: "tok-lao-dong")
                .post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-09-10", progress: 50))
        }
        let r = try laoDong.post("/api/v1/reports/batch", ["reports": [report(A, "so-lao-dong", "2022-Q3", "2022-09-10", progress: 30)]])
        assertProblem(r, 422, "progress_decreased_without_obstacles", field: "reports[0].obstacles")
        XCTAssertEqual(try reports().map { $0["period"] as? String }, ["2022-Q2"])
    }

    /// Invalid bodies keep their codes and never reach the writer.
    func testInvalidBodiesKeepTheirCodesWithoutAWrite() throws {
        let before = s.store.database.statistics
        let notJSON = try laoDong.request("POST", "/api/v1/reports", body: Array("{".utf8))
        XCTAssertEqual(notJSON.status, 400, notJSON.text)
        XCTAssertEqual(notJSON.code, "invalid_json")
        assertProblem(try laoDong.post("/api/v1/reports", ["task_id": "x"]), 422, "invalid_type", field: "task_id")
        assertProblem(try laoDong.post("/api/v1/reports", report(999, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 1)),
                      422, "task_not_found")
        assertProblem(try laoDong.post("/api/v1/reports", report(A, "so-y-te", "2022-Q2", "2022-06-10", progress: 1)),
                      403, "token_unit_mismatch")
        assertProblem(try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-07-01", progress: 1)),
                      422, "report_date_in_future")
        assertProblem(try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 1,
                                                                 extra: ["colour": "red"])), 422, "unknown_field")
        let badKey = try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 1),
                                      headers: [("Idempotency-Key", "has space")])
        XCTAssertEqual(badKey.status, 400, badKey.text)
        XCTAssertEqual(badKey.code, "invalid_idempotency_key")
        XCTAssertEqual(try s.client("nobody-token").post("/api/v1/reports", ["task_id": 1]).status, 401)
        let after = s.store.database.statistics
        XCTAssertEqual(after.committedWrites + after.failedWrites, before.committedWrites + before.failedWrites)
        XCTAssertEqual(try reports().count, 0)
    }

    /// A token revoked by another process (straight in the file, not through this server's
    /// TokenService) is refused on the very next request, though the server had it cached.
    func testTokenRevokedByAnotherProcessIsRefusedOnTheNextRequest() throws {
        XCTAssertEqual(try laoDong.get("/api/v1/units").status, 200)  // now cached
        let other = try Database(path: s.store.database.path, readers: 1, durability: .normal)
        defer { other.close() }
        let hash = TokenService.hash("tok-lao-dong")
        try other.write { c in
            try c.run("UPDATE tokens SET revoked_at = ? WHERE hash = ?", [.text("2022-06-10T02:00:00Z"), .text(hash)])
        }
        XCTAssertEqual(try laoDong.get("/api/v1/units").status, 401)
        XCTAssertEqual(try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10)).status, 401)
    }

    /// Reports written one after another, with unrelated writes between them (a title PATCH,
    /// another unit's report), all take the fast path: the stamp does not change spuriously.
    func testSequentialReportsTakeTheFastPath() throws {
        s.clock.set("2022-09-10T09:00:00+07:00")
        let before = ReportWriteTestHook.revalidationCount(s.store)
        XCTAssertEqual(try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-09-10", progress: 20)).status, 201)
        XCTAssertEqual(try admin.send("PATCH", "/api/v1/plans/\(plan)", json: ["title": "Kế hoạch (sửa tên)"]).status, 200)
        XCTAssertEqual(try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q3", "2022-09-10", progress: 30)).status, 201)
        XCTAssertEqual(try s.client("tok-y-te").post("/api/v1/reports", report(B, "so-y-te", "2022-Q3", "2022-09-10", progress: 5)).status, 201)
        XCTAssertEqual(try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q3", "2022-09-10", progress: 35)).status, 201)
        XCTAssertEqual(ReportWriteTestHook.revalidationCount(s.store), before)
        XCTAssertEqual(try reports().count, 4)
    }

    /// Changes no API makes after a plan exists, made by another writer of the file between a
    /// report's validation and its write: the writer notices (the stamp carries the task's plan
    /// and the structure and units revisions) and answers as a serial server would.
    func testAssigneeRemovedByAnotherWriterBetweenValidationAndWriteIsRefused() throws {
        let A = Int64(self.A)
        onFirstValidatedPost(asAnotherWriter: { try $0.run("DELETE FROM task_assignees WHERE task_id = ? AND assignee = 'so-lao-dong'", [.integer(A)]) })
        let r = try laoDong.post("/api/v1/reports", report(self.A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10))
        assertProblem(r, 403, "unit_not_assignee")
        XCTAssertTrue(try reports().isEmpty)
    }

    func testTaskDeletedByAnotherWriterBetweenValidationAndWriteIsNotFoundNot500() throws {
        let A = Int64(self.A)
        onFirstValidatedPost(asAnotherWriter: { try $0.run("DELETE FROM tasks WHERE id = ?", [.integer(A)]) })
        let r = try laoDong.post("/api/v1/reports", report(self.A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10))
        assertProblem(r, 422, "task_not_found")
        XCTAssertTrue(try reports().isEmpty)
    }

    func testTokenRevokedBetweenValidationAndWriteStoresNothing() throws {
        let hash = TokenService.hash("tok-lao-dong")
        onFirstValidatedPost(asAnotherWriter: { try $0.run("UPDATE tokens SET revoked_at = '2022-06-10T02:00:00Z' WHERE hash = ?", [.text(hash)]) })
        let r = try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10))
        assertProblem(r, 401, "unauthorized")
        XCTAssertTrue(try reports().isEmpty)
    }

    /// A token moved to another unit (by plain SQL) between validation and write: the request
    /// was authenticated as a unit the token no longer speaks for, so nothing is stored.
    func testTokenMovedToAnotherUnitBetweenValidationAndWriteStoresNothing() throws {
        let hash = TokenService.hash("tok-lao-dong")
        onFirstValidatedPost(asAnotherWriter: { try $0.run("UPDATE tokens SET unit_id = 'so-ke-hoach-dau-tu' WHERE hash = ?", [.text(hash)]) })
        let r = try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q2", "2022-06-10", progress: 10))
        assertProblem(r, 401, "unauthorized")
        XCTAssertTrue(try reports().isEmpty)
    }

    /// The plan closed by plain SQL, with its revision counters put back by hand to what the
    /// validation read: the stamp still carries the plan's own columns, so the writer sees the
    /// change and refuses the report as a serial server would.
    func testPlanClosedByHandWithItsCountersPutBackIsStillRefused() throws {
        s.clock.set("2022-09-10T09:00:00+07:00")
        let plan = Int64(self.plan)
        onFirstValidatedPost(asAnotherWriter: { c in
            let before = try c.queryOne("SELECT revision, structure FROM plan_revisions WHERE plan_id = ?", [.integer(plan)])
            try c.run("UPDATE plans SET status = 'closed', closed_on = '2022-06-30' WHERE id = ?", [.integer(plan)])
            try c.run("UPDATE plan_revisions SET revision = ?, structure = ? WHERE plan_id = ?",
                      [before?[0] ?? .null, before?[1] ?? .null, .integer(plan)])
        })
        let r = try laoDong.post("/api/v1/reports", report(A, "so-lao-dong", "2022-Q3", "2022-09-10", progress: 10))
        assertProblem(r, 422, "period_after_plan_closed", field: "period")
        XCTAssertEqual(try reports().count, 0)
    }

    /// Revoked in this process: refused at once.
    func testTokenRevokedInProcessStopsWorkingAtOnce() throws {
        let created = try s.tokens.create(role: "reporter", unitID: "so-lao-dong", label: "short-lived")
        let c = s.client(created.token)
        XCTAssertEqual(try c.get("/api/v1/units").status, 200)
        XCTAssertTrue(try s.tokens.revoke(id: created.record.id))
        XCTAssertEqual(try c.get("/api/v1/units").status, 401)
    }
}

/// A value behind a lock, for test closures run on other threads.
final class Locked<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T
    init(_ v: T) { value = v }
    func withLock<R>(_ body: (inout T) -> R) -> R {
        lock.lock(); defer { lock.unlock() }
        return body(&value)
    }
}
