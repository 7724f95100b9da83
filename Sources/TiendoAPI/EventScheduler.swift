// Raises the time-based webhook events once each: period.due_soon (N days
// before a period's due day), period.overdue (the day after it, when expected
// reports are missing) and task.overdue (the day after a task's current due
// day, when it is not completed). Each run covers every local day from the
// last day it covered (kept in scheduler_state) to today, so a server that was
// down raises what fell due meanwhile (no gaps), and each event's natural key
// is unique in the outbox, so covering a day twice raises nothing twice (no
// duplicates). The first run ever starts at its own day: nothing from before
// webhooks were set up is raised.

import Foundation
import TiendoDomain
import TiendoSQLite
import TiendoStore

public struct EventScheduler: Sendable {
    public let store: Store
    public let clock: APIClock
    /// period.due_soon is raised this many days before the due day.
    public let dueSoonDays: Int

    static let lastDayKey = "last_day"
    /// A longer gap is covered from its last this-many days only.
    static let maxCatchUpDays = 366

    public init(store: Store, clock: APIClock, dueSoonDays: Int = 3) {
        self.store = store; self.clock = clock; self.dueSoonDays = max(0, min(dueSoonDays, 60))
    }

    struct Candidate {
        var type: String
        var key: String
        var data: JSON
    }

    /// Covers every day up to today; returns how many new events were written.
    @discardableResult
    public func run() throws -> Int {
        let now = clock.now()
        let today = VietnamTime.localDate(of: now)
        let nowText = Timestamp.format(now)
        // Read phase: which days, and the events they raise (plans evaluated off the writer).
        let (from, candidates): (CivilDate?, [Candidate]) = try store.read { c in
            let last = try WebhookStore.schedulerValue(Self.lastDayKey, in: c).flatMap { CivilDate($0) }
            var from = last ?? today
            if from.days(until: today) > Self.maxCatchUpDays { from = today.adding(days: -Self.maxCatchUpDays) }
            guard from <= today else { return (nil, []) }
            let listening = try WebhookStore.liveCount(in: c)
            guard listening > 0 else { return (from, []) }
            return (from, try self.candidates(from: from, through: today, c))
        }
        guard from != nil else { return 0 }
        // Write phase: the events (each at most once) and the day covered, in one transaction.
        return try store.write { c in
            var written = 0
            for e in candidates {
                if try WebhookStore.recordEvent(type: e.type, naturalKey: e.key, data: e.data.text, now: nowText, in: c) { written += 1 }
            }
            try WebhookStore.setSchedulerValue(Self.lastDayKey, today.description, in: c)
            return written
        }
    }

    func candidates(from: CivilDate, through today: CivilDate, _ c: Connection) throws -> [Candidate] {
        var out: [Candidate] = []
        let units = try UnitDirectory.load(c)
        for plan in try PlanStore.all(in: c) where plan.status == .active {
            guard let snap = try PlanSnapshot.load(plan.id, c, units: units) else { continue }
            let facts = try ReportStore.facts(ofPlan: plan.id, receivedBefore: Timestamp.endOfLocalDay(today), in: c)
            let base: [(String, JSON)] = [("plan_id", .int(plan.id)), ("plan_number", .string(plan.number))]
            for info in plan.schedule.periods(issuedOn: plan.issuedOn, through: today.adding(days: dueSoonDays)) where info.expectsReports {
                let soon = info.dueOn.adding(days: -dueSoonDays)
                let late = info.dueOn.adding(days: 1)
                guard (from <= soon && soon <= today) || (from <= late && late <= today) else { continue }
                let tasks = snap.tasks.map { ComplianceTask(taskId: Int($0.id), leadUnits: snap.lead($0), coordinatingUnits: snap.coordinating($0)) }
                let r = ComplianceEvaluator.evaluate(ComplianceInput(planIssuedOn: plan.issuedOn, schedule: plan.schedule, period: info.period,
                                                                     asOf: today, tasks: tasks, reports: facts))
                let owing: JSON = .array(r.missing.map { .obj([("task_id", .num($0.taskId)), ("unit_id", .string($0.unitId))]) })
                let period: [(String, JSON)] = [("period", .string(info.period.description)), ("due_on", info.dueOn.json)]
                if from <= soon, soon <= today, soon < info.dueOn || dueSoonDays == 0 {
                    out.append(Candidate(type: "period.due_soon", key: "period.due_soon:\(plan.id):\(info.period)",
                                         data: .obj(base + period + [("days_left", .num(dueSoonDays)), ("not_received", owing)])))
                }
                if from <= late, late <= today, !r.missing.isEmpty {
                    out.append(Candidate(type: "period.overdue", key: "period.overdue:\(plan.id):\(info.period)",
                                         data: .obj(base + period + [("missing", owing)])))
                }
            }
            for v in snap.statuses(asOf: today, facts: facts) where v.result.status == .overdue {
                guard let due = v.result.dueOn, case let day = due.adding(days: 1), from <= day, day <= today else { continue }
                out.append(Candidate(type: "task.overdue", key: "task.overdue:\(v.task.id):\(due)",
                                     data: .obj(base + [("task_id", .int(v.task.id)), ("title", .string(v.task.title)), ("due_on", due.json),
                                                        ("progress", .num(v.result.progress)),
                                                        ("lead_units", .array(v.lead.map { .string($0) }))])))
            }
        }
        return out
    }
}
