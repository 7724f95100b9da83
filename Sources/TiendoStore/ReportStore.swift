// Progress reports: every revision is kept; (task, unit, period, revision) is unique.

import Foundation
import TiendoDomain
import TiendoSQLite

public struct ReportFilter: Sendable {
    public var planID: Int64?
    /// Restricts to these plans (nil: any plan).
    public var planIDs: [Int64]?
    public var taskID: Int64?
    public var unitID: String?
    public var period: String?
    /// Only the latest revision of each (task, unit, period).
    public var latestOnly: Bool
    public init(planID: Int64? = nil, planIDs: [Int64]? = nil, taskID: Int64? = nil, unitID: String? = nil, period: String? = nil,
                latestOnly: Bool = false) {
        self.planID = planID; self.planIDs = planIDs; self.taskID = taskID; self.unitID = unitID; self.period = period; self.latestOnly = latestOnly
    }
}

public enum ReportStore {
    static let columns = """
        id, task_id, plan_id, unit_id, period, revision, report_date, status, progress, completed_on, result,
        obstacles, proposals, indicator_value, received_at, submitted_by, created_at, unchanged
        """

    /// The current row of a statement over `columns`, with typed reads (no SQLValue boxing).
    static func record(_ st: Statement) throws -> ReportRecord {
        func text(_ i: Int) -> String? { st.isNull(i) ? nil : st.string(i) }
        func real(_ i: Int) -> Double? { st.isNull(i) ? nil : st.double(i) }
        func date(_ i: Int) -> CivilDate? { st.isNull(i) ? nil : st.withText(i) { CivilDate(utf8: $0) } }
        let statusText = st.string(7)
        guard let status = ReportStatus(rawValue: statusText) else {
            throw UnknownStoredValue(table: "reports", column: "status", value: statusText)
        }
        let periodText = st.string(4)
        guard let period = ReportingPeriod(periodText) else {
            throw UnknownStoredValue(table: "reports", column: "period", value: periodText)
        }
        var r = ReportRecord(id: st.int64(0), taskID: st.int64(1), planID: st.int64(2), unitID: st.string(3), period: period,
                             revision: Int(st.int64(5)), reportDate: date(6) ?? CivilDate(daysSinceEpoch: 0), status: status,
                             progress: st.double(8), completedOn: date(9), result: text(10), obstacles: text(11), proposals: text(12),
                             indicatorValue: real(13), receivedAt: st.string(14), submittedBy: st.isNull(15) ? nil : st.int64(15),
                             createdAt: st.string(16))
        r.unchanged = !st.isNull(17) && st.int64(17) != 0
        return r
    }

    /// Streams the rows of a query over `columns` into records.
    static func records(_ sql: String, _ args: [SQLValue], in c: Connection) throws -> [ReportRecord] {
        var out: [ReportRecord] = []
        try c.forEach(sql, args) { out.append(try record($0.statement)) }
        return out
    }

    /// Inserts the next revision for (task, unit, period); returns the stored report.
    public static func insert(_ rep: ReportRecord, in c: Connection) throws -> ReportRecord {
        // The read model's row (migration 0006), not max() over the revisions.
        let last = try c.scalar("SELECT last_revision FROM report_periods WHERE task_id = ? AND unit_id = ? AND period = ?",
                                [.integer(rep.taskID), .text(rep.unitID), .text(rep.period.description)]).int64Value ?? 0
        return try insert(rep, revision: Int(last) + 1, in: c)
    }

    /// Inserts `rep` as `revision` (the caller read the current last one on this connection,
    /// in this transaction: see `writeState`); returns the stored report.
    /// `normalized`: the caller already applied `normalizeText()`.
    public static func insert(_ rep: ReportRecord, revision: Int, normalized: Bool = false, in c: Connection) throws -> ReportRecord {
        var r = rep
        r.revision = revision
        if !normalized { r.normalizeText() }
        try c.run("""
            INSERT INTO reports (task_id, plan_id, unit_id, period, revision, report_date, status, progress, completed_on,
                result, obstacles, proposals, indicator_value, received_at, submitted_by, created_at, unchanged)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(r.taskID), .integer(r.planID), .text(r.unitID), .text(r.period.description), .integer(Int64(r.revision)),
                  r.reportDate.sqlValue, .text(r.status.rawValue), .real(r.progress), r.completedOn.sqlValue, r.result.sqlValue,
                  r.obstacles.sqlValue, r.proposals.sqlValue, r.indicatorValue.sqlValue, .text(r.receivedAt),
                  r.submittedBy.sqlValue, .text(r.createdAt), .integer(r.unchanged ? 1 : 0)])
        r.id = c.lastInsertRowID
        return r
    }

    /// What validating a report for (task, unit, period) of a plan read that a concurrent write
    /// can change, plus the last revision of (task, unit, period). See `writeState`.
    public struct WriteState: Sendable, Equatable {
        /// Revisions of (task, unit), any period, and the largest id among them (0 when none), from
        /// the read model's (task, unit) row: rule 7's baseline is read from the rows these count.
        public var unitTaskReports: Int64
        public var lastUnitTaskReportID: Int64
        /// Whether the aggregator has locked `period` (stored canonical, e.g. `2022-Q2`).
        public var periodLocked: Bool
        /// The plan columns the rules read (status, closed_on, issued_on, issuer, schedule), quoted
        /// and joined: equal text, equal inputs. `structure` changes with them too, but a counter
        /// reset or edited by hand must not let a closed plan take reports.
        public var plan: String
        /// max(revision) of (task, unit, period); 0 when none. Not a validation input.
        public var lastRevision: Int
        /// The task's plan now (nil: the task is gone): a task deleted or moved between
        /// validation and write must not be written to the plan it was validated in.
        public var taskPlanID: Int64?
        /// The plan's structure revision and the units revision (migration 0002; nil when a
        /// counter is missing). `structure` changes with every change to the plan row (status,
        /// closing, schedule), its tasks and assignees; `units` with the units: together they
        /// are everything else the rules read — by the API never changed after the plan is
        /// made except the plan's status, but any writer of the file may.
        public var structure: Int64?
        public var units: Int64?
        /// The tokens revision (nil when missing): a token's role or unit changed since the
        /// validation read it sends the write back through it.
        public var tokens: Int64?
        /// Whether the caller's token is live (not revoked, not deleted).
        public var tokenLive: Bool

        /// Same inputs to the validation (everything but `lastRevision`), and the token still
        /// live. A missing counter never matches, so the writer then validates again.
        public func validatesLike(_ o: WriteState) -> Bool {
            unitTaskReports == o.unitTaskReports && lastUnitTaskReportID == o.lastUnitTaskReportID
                && periodLocked == o.periodLocked && plan == o.plan
                && taskPlanID != nil && taskPlanID == o.taskPlanID
                && structure != nil && structure == o.structure && units != nil && units == o.units
                && tokens != nil && tokens == o.tokens && tokenLive
        }
    }

    /// One statement of primary-key probes for everything in `WriteState` (the read model's rows,
    /// so its cost does not grow with the pair's history); nil when the plan does not exist. Read in the validation's snapshot it is the stamp; read again by the writer,
    /// an equal stamp means the validation would decide the same now. Scalar subqueries only:
    /// an aggregate in FROM would be materialised in an ephemeral table on every call.
    public static func writeState(taskID: Int64, unitID: String, planID: Int64, period: String, tokenID: Int64,
                                  in c: Connection) throws -> WriteState? {
        var out: WriteState?
        try c.forEach("""
            SELECT coalesce((SELECT revisions FROM report_pairs WHERE task_id = ?1 AND unit_id = ?2), 0),
                   coalesce((SELECT last_report_id FROM report_pairs WHERE task_id = ?1 AND unit_id = ?2), 0),
                   EXISTS (SELECT 1 FROM period_locks WHERE plan_id = ?3 AND period = ?4),
                   coalesce((SELECT last_revision FROM report_periods WHERE task_id = ?1 AND unit_id = ?2 AND period = ?4), 0),
                   (SELECT plan_id FROM tasks WHERE id = ?1),
                   (SELECT structure FROM plan_revisions WHERE plan_id = ?3),
                   (SELECT revision FROM data_revisions WHERE name = 'units'),
                   (SELECT revision FROM data_revisions WHERE name = 'tokens'),
                   EXISTS (SELECT 1 FROM tokens WHERE id = ?5 AND revoked_at IS NULL),
                   \(planFingerprintSQL)
            FROM plans p WHERE p.id = ?3
            """, [.integer(taskID), .text(unitID), .integer(planID), .text(period), .integer(tokenID)]) { row in
            let st = row.statement
            func optional(_ i: Int) -> Int64? { st.isInteger(i) ? st.int64(i) : nil }  // a NULL, REAL or text counter: missing
            out = WriteState(unitTaskReports: st.int64(0), lastUnitTaskReportID: st.int64(1), periodLocked: st.int64(2) != 0,
                             plan: st.string(9), lastRevision: Int(st.int64(3)), taskPlanID: optional(4), structure: optional(5),
                             units: optional(6), tokens: optional(7), tokenLive: st.int64(8) != 0)
        }
        return out
    }

    /// The plan columns report validation reads, quoted and joined (`WriteState.plan`), from `plans p`.
    static let planFingerprintSQL = """
        quote(p.status) || ',' || quote(p.closed_on) || ',' || quote(p.issued_on) || ',' || quote(p.issuer_id) || ','
          || quote(p.schedule_frequency) || ',' || quote(p.schedule_due_day) || ',' || quote(p.schedule_strict) || ','
          || quote(p.schedule_window) || ',' || quote(p.schedule_due_on) || ',' || quote(p.schedule_working_days)
          || ',' || quote(p.schedule_due_time)
        """

    /// The latest revision of each period of one unit on one task, as the rules read them: rule
    /// 7's baseline is the latest of those in an earlier period, which is the latest revision of
    /// the latest earlier period — so the read model's period rows give the same answer as the
    /// whole history, at a cost that grows with periods, not revisions.
    public static func facts(ofTask taskID: Int64, unit unitID: String, in c: Connection) throws -> [ReportFact] {
        try ReadModelStore.periods(ofTask: taskID, unit: unitID, in: c).compactMap(\.latestFact)
    }

    /// Every revision of one unit on one task (all periods), in index order: what the read model
    /// summarises (tests compare the two).
    public static func allFacts(ofTask taskID: Int64, unit unitID: String, in c: Connection) throws -> [ReportFact] {
        try facts("SELECT \(factColumns) FROM reports WHERE task_id = ? AND unit_id = ?",
                  [.integer(taskID), .text(unitID)], in: c)
    }

    /// The revisions with these ids (any order; unknown ids are skipped).
    public static func records(ids: [Int64], in c: Connection) throws -> [ReportRecord] {
        guard !ids.isEmpty else { return [] }
        return try records("SELECT \(columns) FROM reports WHERE id IN (SELECT value FROM json_each(?))",
                           [.text("[" + ids.map(String.init).joined(separator: ",") + "]")], in: c)
    }

    public static func get(_ id: Int64, in c: Connection) throws -> ReportRecord? {
        try records("SELECT \(columns) FROM reports WHERE id = ?", [.integer(id)], in: c).first
    }

    /// Every revision of (task, unit, period), oldest first.
    public static func revisions(taskID: Int64, unitID: String, period: String, in c: Connection) throws -> [ReportRecord] {
        try records("SELECT \(columns) FROM reports WHERE task_id = ? AND unit_id = ? AND period = ? ORDER BY revision",
                    [.integer(taskID), .text(unitID), .text(period)], in: c)
    }

    /// A filtered page, ordered by id. Only the filters given are in the SQL, so SQLite can
    /// use an index for them (`plan_id` and `plan_id, period`: reports_by_plan_period;
    /// `task_id[, unit_id[, period]]`: the UNIQUE index) instead of scanning every report.
    public static func list(_ f: ReportFilter, limit: Int, offset: Int, in c: Connection) throws -> Page<ReportRecord> {
        var conditions: [String] = []
        var args: [SQLValue] = []
        func add(_ sql: String, _ value: SQLValue) { conditions.append(sql); args.append(value) }
        if let v = f.planID { add("r.plan_id = ?", .integer(v)) }
        if let v = f.taskID { add("r.task_id = ?", .integer(v)) }
        if let v = f.unitID { add("r.unit_id = ?", .text(v)) }
        if let v = f.period { add("r.period = ?", .text(v)) }
        if let ids = f.planIDs {
            add("r.plan_id IN (SELECT value FROM json_each(?))", .text("[" + ids.map(String.init).joined(separator: ",") + "]"))
        }
        if f.latestOnly {
            conditions.append("""
                r.revision = (SELECT max(x.revision) FROM reports x
                              WHERE x.task_id = r.task_id AND x.unit_id = r.unit_id AND x.period = r.period)
                """)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let total = try c.scalar("SELECT count(*) FROM reports r \(filter)", args).int64Value ?? 0
        let items = try records("SELECT \(listColumns) FROM reports r \(filter) ORDER BY r.id LIMIT ? OFFSET ?",
                                args + [.integer(Int64(limit)), .integer(Int64(offset))], in: c)
        return Page(items: items, total: Int(total))
    }

    /// `columns`, each prefixed with the table alias `r.`.
    static let listColumns = columns.split(separator: ",").map { "r." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        .joined(separator: ", ")

    /// Every revision of a plan received before `receivedBefore` (exclusive,
    /// stored-text form; nil = all), ordered by id (= arrival order).
    public static func forPlan(_ planID: Int64, receivedBefore: String?, in c: Connection) throws -> [ReportRecord] {
        try records("SELECT \(columns) FROM reports WHERE plan_id = ? AND (?2 IS NULL OR received_at < ?2) ORDER BY id",
                    [.integer(planID), receivedBefore.sqlValue], in: c)
    }

    /// What the compliance and status rules read of every revision of a plan received
    /// before `receivedBefore` (nil = all), in index order — the rules order revisions
    /// themselves (period, received_at, revision), so no sort: nine columns straight into
    /// the domain's `ReportFact`, without the record in between. Rows whose period,
    /// status or timestamp do not parse (none are written so) are skipped.
    public static func facts(ofPlan planID: Int64, receivedBefore: String?, in c: Connection) throws -> [ReportFact] {
        try facts("SELECT \(factColumns) FROM reports WHERE plan_id = ? AND (?2 IS NULL OR received_at < ?2)",
                  [.integer(planID), receivedBefore.sqlValue], in: c)
    }

    /// What the rules read of each revision, in the order `fact(_:)` reads them.
    static let factColumns = "task_id, unit_id, period, revision, received_at, status, progress, completed_on, indicator_value"

    /// The current row of a statement over `factColumns`, with typed reads and byte-level parses
    /// (this runs for every revision of a plan); nil for a row whose period, timestamp or status
    /// does not parse (none are written so).
    static func fact(_ st: Statement) -> ReportFact? {
        guard let period = st.withText(2, { ReportingPeriod(utf8: $0) }), let at = st.withText(4, { RFC3339.parse(utf8: $0) }),
              let status = ReportStatus(rawValue: st.string(5)) else { return nil }
        return ReportFact(taskId: Int(st.int64(0)), unitId: st.string(1), period: period, revision: Int(st.int64(3)),
                          receivedAt: at, status: status, progress: st.double(6),
                          completedOn: st.isNull(7) ? nil : st.withText(7) { CivilDate(utf8: $0) },
                          indicatorValue: st.isNull(8) ? nil : st.double(8))
    }

    static func facts(_ sql: String, _ args: [SQLValue], in c: Connection) throws -> [ReportFact] {
        var out: [ReportFact] = []
        try c.forEach(sql, args) { row in if let f = fact(row.statement) { out.append(f) } }
        return out
    }

    /// Every revision of a task received before `receivedBefore` (nil = all), arrival order.
    public static func forTask(_ taskID: Int64, receivedBefore: String?, in c: Connection) throws -> [ReportRecord] {
        try records("SELECT \(columns) FROM reports WHERE task_id = ? AND (?2 IS NULL OR received_at < ?2) ORDER BY id",
                     [.integer(taskID), receivedBefore.sqlValue], in: c)
    }

    public static func count(in c: Connection) throws -> Int {
        Int(try c.scalar("SELECT count(*) FROM reports").int64Value ?? 0)
    }
}
