// What compliance and the summary show of reviews: which expected pairs are
// returned (their latest revision's latest review says so, as of the day
// asked) and how many latest revisions nobody has reviewed yet. Timeliness is
// not touched: a returned report keeps its first receipt.

import Foundation
import TiendoDomain
import TiendoSQLite
import TiendoStore

struct ReviewCounts {
    /// Expected lead pairs of the period that are returned, in compliance order.
    var returned: [TaskUnit] = []
    var returnedByUnit: [String: Int] = [:]
    /// Expected lead pairs whose latest revision has no review yet.
    var awaitingReview = 0
    private var returnedSet: Set<TaskUnit> = []

    func isReturned(_ task: Int, _ unit: String) -> Bool { returnedSet.contains(TaskUnit(taskId: task, unitId: unit)) }

    var totalsJSON: [(String, JSON)] { [("returned", .num(returned.count)), ("awaiting_review", .num(awaitingReview))] }

    /// `fromReadModel`: whether the read model answers (nothing of the plan arrived after as_of's
    /// day), when the caller knows it already; nil: asked here.
    static func load(_ planID: Int64, period: String, asOf: CivilDate, entries: [ComplianceEntry], _ c: Connection,
                     readModel: Bool = true, fromReadModel known: Bool? = nil) throws -> ReviewCounts {
        let before = Timestamp.endOfLocalDay(asOf)
        var decisions: [TaskUnit: ReviewDecision?] = [:]
        // From the read model when nothing of the plan arrived after as_of's day: an expected
        // pair that reported has a latest revision, reviewed (listed) or not (absent = nil).
        let fromReadModel = try readModel && (known ?? ReadModelStore.allReceived(ofPlan: planID, before: before, in: c))
        for d in try fromReadModel ? ReviewStore.latestDecisionsOnLastRevisions(planID: planID, period: period, before: before, in: c)
                                   : ReviewStore.latestDecisions(planID: planID, period: period, before: before, in: c) {
            decisions[TaskUnit(taskId: Int(d.taskID), unitId: d.unitID)] = .some(d.decision)
        }
        var out = ReviewCounts()
        for e in entries where e.outcome == .onTime || e.outcome == .late {
            let key = TaskUnit(taskId: e.taskId, unitId: e.unitId)
            guard let decision = decisions[key] ?? (fromReadModel ? .some(nil) : nil) else { continue }
            switch decision {
            case .returned?:
                out.returned.append(key); out.returnedSet.insert(key); out.returnedByUnit[e.unitId, default: 0] += 1
            case nil: out.awaitingReview += 1
            case .accepted?: break
            }
        }
        return out
    }

    /// The summary's `reviews` block: over every period, latest revisions by review state.
    static func summaryJSON(_ planID: Int64, asOf: CivilDate, _ c: Connection, readModel: Bool = true,
                            fromReadModel known: Bool? = nil) throws -> [(String, JSON)] {
        var awaiting = 0, returned = 0, accepted = 0
        let before = Timestamp.endOfLocalDay(asOf)
        let fromReadModel = try readModel && (known ?? ReadModelStore.allReceived(ofPlan: planID, before: before, in: c))
        for d in try fromReadModel ? ReviewStore.latestDecisionsOnLastRevisions(planID: planID, period: nil, before: before, in: c)
                                   : ReviewStore.latestDecisions(planID: planID, period: nil, before: before, in: c) {
            switch d.decision {
            case nil: awaiting += 1
            case .returned?: returned += 1
            case .accepted?: accepted += 1
            }
        }
        // The read model lists only reviewed last revisions: every other reported period awaits.
        if fromReadModel { awaiting += try ReviewStore.reportedPeriods(planID: planID, period: nil, in: c) - returned - accepted }
        return [("awaiting_review", .num(awaiting)),
                ("reviews", .obj([("awaiting_review", .num(awaiting)), ("accepted", .num(accepted)), ("returned", .num(returned))]))]
    }
}
