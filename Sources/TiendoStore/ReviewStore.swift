// Reviews of report revisions (migration 0010): the aggregator accepts or
// returns a revision; every review is kept. A (task, unit, period) is returned
// while the latest review of its latest revision says so: the unit's next
// revision clears it.

import TiendoDomain
import TiendoSQLite

public struct ReviewRecord: Sendable, Equatable {
    public var id: Int64
    public var reportID: Int64
    public var planID: Int64
    public var taskID: Int64
    public var unitID: String
    public var period: String
    public var revision: Int
    public var decision: ReviewDecision
    public var comment: String?
    public var reviewedBy: Int64?
    public var reviewerRole: String?
    public var reviewerUnitID: String?
    public var createdAt: String
    public init(id: Int64 = 0, reportID: Int64, planID: Int64, taskID: Int64, unitID: String, period: String, revision: Int,
                decision: ReviewDecision, comment: String?, reviewedBy: Int64?, reviewerRole: String?, reviewerUnitID: String?,
                createdAt: String) {
        self.id = id; self.reportID = reportID; self.planID = planID; self.taskID = taskID; self.unitID = unitID
        self.period = period; self.revision = revision; self.decision = decision; self.comment = comment
        self.reviewedBy = reviewedBy; self.reviewerRole = reviewerRole; self.reviewerUnitID = reviewerUnitID
        self.createdAt = createdAt
    }
}

/// A (task, unit) whose latest revision for a period is returned.
public struct ReturnedPair: Sendable, Hashable {
    public var taskID: Int64
    public var unitID: String
}

public enum ReviewStore {
    static let columns = """
        id, report_id, plan_id, task_id, unit_id, period, revision, decision, comment, reviewed_by, reviewer_role,
        reviewer_unit_id, created_at
        """

    static func record(_ st: Statement) throws -> ReviewRecord {
        func text(_ i: Int) -> String? { st.isNull(i) ? nil : st.string(i) }
        guard let decided = try decision(st, 7) else { throw UnknownStoredValue(table: "report_reviews", column: "decision", value: "NULL") }
        return ReviewRecord(id: st.int64(0), reportID: st.int64(1), planID: st.int64(2), taskID: st.int64(3), unitID: st.string(4),
                            period: st.string(5), revision: Int(st.int64(6)), decision: decided, comment: text(8),
                            reviewedBy: st.isNull(9) ? nil : st.int64(9), reviewerRole: text(10), reviewerUnitID: text(11),
                            createdAt: st.string(12))
    }

    /// A stored decision as the domain's, or `UnknownStoredValue`; nil for NULL (no review).
    static func decision(_ st: Statement, _ i: Int) throws -> ReviewDecision? {
        guard !st.isNull(i) else { return nil }
        let text = st.string(i)
        guard let d = ReviewDecision(rawValue: text) else { throw UnknownStoredValue(table: "report_reviews", column: "decision", value: text) }
        return d
    }

    public static func insert(_ r: ReviewRecord, in c: Connection) throws -> ReviewRecord {
        var out = r
        out.comment = r.comment.map(nfc)
        try c.run("""
            INSERT INTO report_reviews (report_id, plan_id, task_id, unit_id, period, revision, decision, comment, reviewed_by,
                reviewer_role, reviewer_unit_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(r.reportID), .integer(r.planID), .integer(r.taskID), .text(r.unitID), .text(r.period),
                  .integer(Int64(r.revision)), .text(r.decision.rawValue), out.comment.sqlValue, r.reviewedBy.sqlValue,
                  r.reviewerRole.sqlValue, r.reviewerUnitID.sqlValue, .text(r.createdAt)])
        out.id = c.lastInsertRowID
        return out
    }

    /// Reviews of the given report revisions, oldest first, by report id.
    public static func forReports(_ ids: [Int64], in c: Connection) throws -> [Int64: [ReviewRecord]] {
        guard !ids.isEmpty else { return [:] }
        var out: [Int64: [ReviewRecord]] = [:]
        try c.forEach("SELECT \(columns) FROM report_reviews WHERE report_id IN (SELECT value FROM json_each(?)) ORDER BY id",
                      [.text("[" + ids.map(String.init).joined(separator: ",") + "]")]) { row in
            let r = try record(row.statement)
            out[r.reportID, default: []].append(r)
        }
        return out
    }

    /// Whether (task, unit, period) is returned now: the latest review of its latest revision
    /// is `returned`. The agenda and reminders read this.
    public static func isReturned(taskID: Int64, unitID: String, period: String, in c: Connection) throws -> Bool {
        let v = try c.scalar("""
            SELECT (SELECT v.decision FROM report_reviews v WHERE v.report_id = r.id ORDER BY v.id DESC LIMIT 1)
            FROM reports r WHERE r.task_id = ?1 AND r.unit_id = ?2 AND r.period = ?3 ORDER BY r.revision DESC LIMIT 1
            """, [.integer(taskID), .text(unitID), .text(period)])
        return v.stringValue == ReviewDecision.returned.rawValue
    }

    /// The latest revision of each (task, unit) of a plan's period received before `before`
    /// (exclusive, stored-text form; nil: all) with, for each, the latest decision made before
    /// `before` (nil: not reviewed yet). `period` nil: every period (key includes it).
    public static func latestDecisions(planID: Int64, period: String?, before: String?, in c: Connection)
        throws -> [(taskID: Int64, unitID: String, period: String, decision: ReviewDecision?)] {
        var out: [(Int64, String, String, ReviewDecision?)] = []
        try c.forEach("""
            SELECT r.task_id, r.unit_id, r.period,
                   (SELECT v.decision FROM report_reviews v WHERE v.report_id = r.id AND (?3 IS NULL OR v.created_at < ?3)
                    ORDER BY v.id DESC LIMIT 1)
            FROM reports r
            WHERE r.plan_id = ?1 AND (?2 IS NULL OR r.period = ?2) AND (?3 IS NULL OR r.received_at < ?3)
              AND r.revision = (SELECT max(x.revision) FROM reports x WHERE x.task_id = r.task_id AND x.unit_id = r.unit_id
                                AND x.period = r.period AND (?3 IS NULL OR x.received_at < ?3))
            """, [.integer(planID), period.sqlValue, before.sqlValue]) { row in
            let st = row.statement
            out.append((st.int64(0), st.string(1), st.string(2), try decision(st, 3)))
        }
        return out
    }
}

extension ReviewStore {
    /// `latestDecisions` for a plan whose every revision arrived before `before`, from the read
    /// model (migration 0006), without walking the revisions: only the reviewed reports that are
    /// still the last revision of their (task, unit, period), each with its latest decision made
    /// before `before`. Every other (task, unit, period) row of `report_periods` is "not reviewed".
    public static func latestDecisionsOnLastRevisions(planID: Int64, period: String?, before: String, in c: Connection)
        throws -> [(taskID: Int64, unitID: String, period: String, decision: ReviewDecision?)] {
        var out: [(Int64, String, String, ReviewDecision?)] = []
        try c.forEach("""
            SELECT r.task_id, r.unit_id, r.period,
                   (SELECT v.decision FROM report_reviews v WHERE v.report_id = r.id AND v.created_at < ?3 ORDER BY v.id DESC LIMIT 1)
            FROM (SELECT DISTINCT report_id FROM report_reviews
                  WHERE plan_id = ?1 AND (?2 IS NULL OR period = ?2) AND created_at < ?3) d
            JOIN reports r ON r.id = d.report_id
            JOIN report_periods s ON s.task_id = r.task_id AND s.unit_id = r.unit_id AND s.period = r.period
                                 AND s.last_revision = r.revision
            """, [.integer(planID), period.sqlValue, .text(before)]) { row in
            let st = row.statement
            out.append((st.int64(0), st.string(1), st.string(2), try decision(st, 3)))
        }
        return out
    }

    /// How many (task, unit, period) of a plan (of one period when given) have a report.
    public static func reportedPeriods(planID: Int64, period: String?, in c: Connection) throws -> Int {
        // A whole plan's count is kept by triggers (migration 0011); one period's is counted.
        let count = try period.map { try c.scalar("SELECT count(*) FROM report_periods WHERE plan_id = ? AND period = ?", [.integer(planID), .text($0)]) }
            ?? c.scalar("SELECT coalesce((SELECT periods FROM plan_report_counts WHERE plan_id = ?), 0)", [.integer(planID)])
        return Int(count.int64Value ?? 0)
    }
}

extension ReportStore {
    /// Whether `r` is the latest revision of its (task, unit, period).
    public static func isLatestRevision(_ r: ReportRecord, in c: Connection) throws -> Bool {
        let latest = try c.scalar("SELECT max(revision) FROM reports WHERE task_id = ? AND unit_id = ? AND period = ?",
                                  [.integer(r.taskID), .text(r.unitID), .text(r.period.description)]).int64Value ?? 0
        return Int64(r.revision) == latest
    }
}
