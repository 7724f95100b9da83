// The returns a unit still has to answer, with the reviewer's words: the pages
// show "Bị trả lại" with the comment and date, not only a flag.

import TiendoSQLite

extension ReviewStore {
    /// The latest review of each latest revision of a plan's (task, unit, period) when that
    /// review is a return (the unit owes a new revision); `unitID` narrows to one unit.
    public static func openReturns(planID: Int64, unitID: String?, in c: Connection) throws -> [ReviewRecord] {
        var out: [ReviewRecord] = []
        try c.forEach("""
            SELECT v.id, v.report_id, v.plan_id, v.task_id, v.unit_id, v.period, v.revision, v.decision, v.comment,
                   v.reviewed_by, v.reviewer_role, v.reviewer_unit_id, v.created_at
            FROM report_reviews v JOIN reports r ON r.id = v.report_id
            WHERE v.plan_id = ?1 AND (?2 IS NULL OR v.unit_id = ?2)
              AND v.id = (SELECT max(w.id) FROM report_reviews w WHERE w.report_id = v.report_id)
              AND r.revision = (SELECT max(x.revision) FROM reports x WHERE x.task_id = r.task_id AND x.unit_id = r.unit_id
                                AND x.period = r.period)
              AND v.decision = 'returned'
            ORDER BY v.id
            """, [.integer(planID), unitID.sqlValue]) { row in out.append(try record(row.statement)) }
        return out
    }
}
