// A period's compliance assembled from parts: ComplianceEvaluator decides every
// task on its own (its pairs' reports, the period's window), so evaluating the
// tasks in groups and appending the results in task order gives the evaluation
// of all of them at once — what lets a page evaluate again only the task whose
// reports changed. ComplianceMergeTests hold the two equal.

import Foundation

extension ComplianceResult {
    /// Appends the results of the tasks that follow this result's, in task order (same period,
    /// window and day): entries and lists concatenated, counts summed, units kept in order of
    /// first appearance. One pass over the parts, one index of the units.
    public mutating func append<S: Sequence>(contentsOf parts: S) where S.Element == ComplianceResult {
        var index: [String: Int] = [:]
        for (i, u) in perUnit.enumerated() { index[u.unitId] = i }
        for part in parts {
            totals.expected += part.totals.expected; totals.onTime += part.totals.onTime; totals.late += part.totals.late
            totals.missing += part.totals.missing; totals.pending += part.totals.pending
            for u in part.perUnit {
                guard let i = index[u.unitId] else { index[u.unitId] = perUnit.count; perUnit.append(u); continue }
                perUnit[i].counts.expected += u.counts.expected; perUnit[i].counts.onTime += u.counts.onTime
                perUnit[i].counts.late += u.counts.late; perUnit[i].counts.missing += u.counts.missing
                perUnit[i].counts.pending += u.counts.pending
                perUnit[i].coordinating.reported += u.coordinating.reported; perUnit[i].coordinating.onTime += u.coordinating.onTime
                perUnit[i].coordinating.late += u.coordinating.late
            }
            entries += part.entries
            missing += part.missing
            pending += part.pending
            excludedCompleted += part.excludedCompleted
            excludedCancelled += part.excludedCancelled
            coordinating += part.coordinating
            coordinatingTotals.reported += part.coordinatingTotals.reported
            coordinatingTotals.onTime += part.coordinatingTotals.onTime
            coordinatingTotals.late += part.coordinatingTotals.late
        }
    }

    /// Appends one part (see `append(contentsOf:)`).
    public mutating func append(_ part: ComplianceResult) { append(contentsOf: CollectionOfOne(part)) }
}
