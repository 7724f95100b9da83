// The read model (migration 0006) against a full recomputation from the revision
// history, after a random but seeded sequence of writes through the API: reports
// and batches (many refused, which must change nothing), back-fills with an
// explicit received_at, extensions, period locks and unlocks, plan edits and new
// units that kind selectors pick up, with the clock moving forward. Two servers
// share one database: the one under test reads the read model, the reference one
// recomputes every answer from the revisions (and has no answer cache). Their
// answers must be byte for byte the same, and the kept tables equal the views that
// compute them from `reports`.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// SplitMix64: a fixed seed gives the same sequence on every machine.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

final class ReadModelPropertyTests: XCTestCase {
    func testReadModelEqualsRecomputationFromHistory() throws {
        let s = try TestServer(now: "2022-03-25T09:00:00+07:00")
        defer { s.stop() }
        // The reference: same database, answers recomputed from the revisions, nothing cached.
        let (refServer, refPort) = try s.startReference()
        defer { refServer.shutdown() }

        let token = try s.token("test-admin-token", role: "admin")
        let admin = s.client(token)
        let ref = TestClient(port: refPort, token: token)
        let (plan, tasks) = try Plan83.create(s, admin: admin)
        var units = ["so-lao-dong", "so-y-te", "so-nong-nghiep", "so-ke-hoach-dau-tu", "huyen-hoang-hoa", "huyen-thuong-xuan",
                     "thanh-pho-thanh-hoa", "xa-hoang-dao"]
        let schedule = ReportSchedule(frequency: .quarterly)
        let issued = CivilDate("2022-03-24")!
        var rng = SeededGenerator(state: 20_220_324)
        var day = CivilDate("2022-03-25")!
        var accepted = 0, refused = 0, backFilled = 0, extensions = 0, locks = 0
        var lockedPeriods: Set<String> = []
        var lastProgress: [String: Double] = [:]
        var codes: [String: Int] = [:]
        var reportIDs: [Int] = []
        var reviews = 0

        func periodsOpen() -> [ReportingPeriod] {
            // Now and then one not open yet (refused: rule 3).
            schedule.periods(issuedOn: issued, through: day.adding(days: Int.random(in: 0..<8, using: &rng) == 0 ? 100 : 0)).map(\.period)
        }
        func randomDay(from a: CivilDate, to b: CivilDate) -> CivilDate {
            guard a < b else { return a }
            return a.adding(days: Int.random(in: 0...a.days(until: b), using: &rng))
        }
        func randomReport() -> [String: Any] {
            let i = Int.random(in: 0..<tasks.count, using: &rng)
            let task = tasks[i]
            // Mostly an assignee of the task (its lead department, or a district), now and then anyone (refused: rule 8).
            let districts = units.filter { $0.hasPrefix("huyen-") || $0.hasPrefix("thanh-pho-") }
            let assignees = [["so-lao-dong"], ["so-y-te"], ["so-nong-nghiep"], ["so-ke-hoach-dau-tu"]][i] + (i < 3 ? districts : [])
            let unit = Int.random(in: 0..<8, using: &rng) == 0 ? units.randomElement(using: &rng)! : assignees.randomElement(using: &rng)!
            let period = periodsOpen().randomElement(using: &rng)!
            let opens = schedule.info(for: period, issuedOn: issued)?.opens ?? issued
            let date = randomDay(from: max(opens, issued), to: day)
            let key = "\(task)/\(unit)"
            var progress = min(100, (lastProgress[key] ?? 0) + Double(Int.random(in: -10...40, using: &rng)))
            progress = max(0, progress)
            let status = Int.random(in: 0..<5, using: &rng) == 0 ? "completed" : (progress == 0 ? "not_started" : "in_progress")
            var r = report(task, unit, period.description, date.description, status: status,
                           progress: status == "completed" ? 100 : progress, completedOn: status == "completed" ? date.description : nil,
                           extra: ["obstacles": "Thiếu kinh phí"])
            if Bool.random(using: &rng) { r["indicator_value"] = Double(Int.random(in: 0...100, using: &rng)) / 10 }
            if Int.random(in: 0..<4, using: &rng) == 0 {
                // A paper report back-filled by the aggregator: received some day between its date and today.
                let at = randomDay(from: date, to: day)
                r["received_at"] = "\(at)T\(10 + Int.random(in: 0...9, using: &rng)):00:00+07:00"
            }
            return r
        }

        for step in 0..<240 {
            day = day.adding(days: Int.random(in: 0...5, using: &rng))
            s.clock.set("\(day)T\(10 + step % 10):\(10 + step % 50):00+07:00")
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<60:
                let body = randomReport()
                let r = try admin.post("/api/v1/reports", body)
                if r.status == 201 {
                    accepted += 1
                    if let id = r.object["id"] as? Int { reportIDs.append(id) }
                    if body["received_at"] != nil { backFilled += 1 }
                    lastProgress["\(body["task_id"]!)/\(body["unit_id"]!)"] = number(body["progress"]) ?? 0
                } else { refused += 1; codes[r.errorCodes.joined(separator: ","), default: 0] += 1 }
            case 60..<75:
                let items = (0..<Int.random(in: 2...4, using: &rng)).map { _ in randomReport() }
                let r = try admin.post("/api/v1/reports/batch", ["reports": items])
                if r.status == 201 { accepted += items.count } else { refused += 1 }
            case 75..<82:
                let task = tasks.randomElement(using: &rng)!
                let due = day.adding(days: Int.random(in: 1...200, using: &rng))
                let r = try admin.post("/api/v1/tasks/\(task)/extensions",
                                       ["deadline": "chậm nhất ngày \(due.day)/\(due.month)/\(due.year)", "reason": "Gia hạn theo đề nghị"])
                if r.status == 201 { extensions += 1 }
            case 82..<88:
                // Mostly unlocking what is locked, so most reports still land.
                let period = !lockedPeriods.isEmpty && Int.random(in: 0..<4, using: &rng) > 0
                    ? lockedPeriods.sorted().randomElement(using: &rng)! : periodsOpen().randomElement(using: &rng)!.description
                let method = lockedPeriods.contains(period) ? "DELETE" : "PUT"
                let r = try admin.request(method, "/api/v1/plans/\(plan)/periods/\(period)/lock")
                XCTAssertEqual(r.status, 200, r.text)
                if method == "PUT" { lockedPeriods.insert(period); locks += 1 } else { lockedPeriods.remove(period) }
            case 88..<93:
                // A review of a stored report (the latest revision or an older one: refused 409).
                guard let newest = reportIDs.last, let any = reportIDs.randomElement(using: &rng) else { break }
                let id = Int.random(in: 0..<4, using: &rng) == 0 ? any : newest
                let returned = Bool.random(using: &rng)
                let r = try admin.post("/api/v1/reports/\(id)/review", returned ? ["decision": "returned", "comment": "Bổ sung số liệu"]
                                                                            : ["decision": "accepted"])
                if r.status == 201 || r.status == 200 { reviews += 1 }
            case 93..<95:
                let r = try admin.send("PATCH", "/api/v1/plans/\(plan)", json: ["title": "Kế hoạch khắc phục, bản \(step)",
                                                                                "signer": "Đỗ Minh Tuấn \(step)"])
                XCTAssertEqual(r.status, 200, r.text)
            default:
                // A new district: every kind:district selector picks it up (a lead of task C).
                let id = "huyen-moi-\(step)"
                let r = try admin.post("/api/v1/units", ["id": id, "name": "UBND huyện Mới \(step)", "kind": "district",
                                                         "parent_id": "tinh-thanh-hoa"])
                XCTAssertEqual(r.status, 201, r.text)
                units.append(id)
            }
            if step % 40 == 39 { try compare() }
        }
        try compare()
        // The sequence did what it is for.
        XCTAssertGreaterThan(accepted, 100, "\(codes)")
        XCTAssertGreaterThan(refused, 10)
        XCTAssertGreaterThan(backFilled, 10)
        XCTAssertGreaterThan(extensions, 3)
        XCTAssertGreaterThan(locks, 3)
        XCTAssertGreaterThan(reviews, 3)

        func compare() throws {
            // The kept tables equal their recomputation from the revisions, row for row.
            try s.store.read { c in
                for (kept, computed) in [("report_periods", "report_periods_computed"), ("report_pairs", "report_pairs_computed")] {
                    let n = try c.scalar("""
                        SELECT (SELECT count(*) FROM (SELECT * FROM \(kept) EXCEPT SELECT * FROM \(computed)))
                             + (SELECT count(*) FROM (SELECT * FROM \(computed) EXCEPT SELECT * FROM \(kept)))
                        """).int64Value
                    XCTAssertEqual(n, 0, "\(kept) differs from \(computed) on \(day)")
                }
                // The per-plan row (migrations 0011, 0014): its counts and latest arrival.
                let stale = try c.scalar("""
                    SELECT count(*) FROM plan_report_counts k
                    WHERE k.periods IS NOT (SELECT count(*) FROM report_periods WHERE plan_id = k.plan_id)
                       OR k.max_received_at IS NOT (SELECT max(max_received_at) FROM report_pairs WHERE plan_id = k.plan_id)
                    """).int64Value
                XCTAssertEqual(stale, 0, "plan_report_counts differs from report_periods / report_pairs on \(day)")
            }
            // Every answer, as of days before, at and after the last report, for every period.
            var days = [day, day.adding(days: 40), issued]
            for _ in 0..<4 { days.append(randomDay(from: issued, to: day)) }
            var paths: [String] = []
            for d in days {
                paths.append("/api/v1/plans/\(plan)/summary?as_of=\(d)")
                paths.append("/api/v1/tasks?plan_id=\(plan)&as_of=\(d)&limit=500")
                for t in tasks { paths.append("/api/v1/tasks/\(t)?as_of=\(d)") }
                for u in ["so-lao-dong", "huyen-hoang-hoa", "so-ke-hoach-dau-tu"] { paths.append("/api/v1/units/\(u)/scorecard?as_of=\(d)") }
                for p in schedule.periods(issuedOn: issued, through: day) {
                    paths.append("/api/v1/plans/\(plan)/compliance?period=\(p.period)&as_of=\(d)")
                }
            }
            for path in paths {
                let a = try admin.get(path), b = try ref.get(path)
                XCTAssertEqual(a.status, b.status, path)
                XCTAssertEqual(a.text, b.text, "\(path) on \(day)")
            }
        }
    }
}
