// The read model's rows as the computed answers read them: only the columns the
// rules use, decoded straight into ReportFact from SQLite's buffers (no PairState,
// no String per timestamp), and found by the plan's task ids — the primary key's
// order — rather than through the `plan_id` indexes, which cost one primary-key
// probe per row (perf: most of a computed summary's SQLite time). A plan's tasks
// are created together, so their ids come in a few contiguous runs.

import Foundation
import TiendoDomain
import TiendoSQLite

/// What task statuses read of a plan's (task, unit) rows.
public struct PairFacts: Sendable {
    /// Each (task, unit)'s latest revision.
    public var latest: [ReportFact] = []
    /// Each (task, unit)'s latest revision carrying an indicator value.
    public var indicators: [ReportFact] = []
}

/// Contiguous runs of task ids: one primary-key range scan each.
public struct TaskIDRuns: Sendable, Equatable {
    public let runs: [ClosedRange<Int64>]

    /// nil: unknown (read through the plan index).
    public init(_ ids: [Int64]?) {
        guard let ids, !ids.isEmpty else { self.runs = []; self.scannable = false; return }
        var runs: [ClosedRange<Int64>] = []
        for id in ids.sorted() {
            if let last = runs.last, id == last.upperBound || (last.upperBound < Int64.max && id == last.upperBound + 1) {
                runs[runs.count - 1] = last.lowerBound...id
            } else {
                runs.append(id...id)
            }
        }
        self.runs = runs
        self.scannable = runs.count <= 16
    }

    /// Whether range scans beat the `plan_id` index (one probe per row): known ids, few runs.
    let scannable: Bool
}

/// Whether two texts hold the same bytes.
func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
}

/// The last texts parsed and what they parsed to: rows in key order repeat the same few
/// periods and days, so most rows parse nothing. Texts of up to 16 bytes (periods, days) are
/// kept inline, four at a time, so a miss allocates nothing either.
struct Memo<Value> {
    private struct Entry {
        var bytes: (UInt64, UInt64) = (0, 0)
        var count = -1
        var value: Value?
    }
    private var entries = (Entry(), Entry(), Entry(), Entry())
    private var next = 0

    mutating func value(_ t: UnsafeBufferPointer<UInt8>, _ parse: (UnsafeBufferPointer<UInt8>) -> Value?) -> Value? {
        guard t.count <= 16, let base = t.baseAddress else { return parse(t) }
        var key: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &key) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: t.count)) }
        return withUnsafeMutablePointer(to: &entries) { p in
            p.withMemoryRebound(to: Entry.self, capacity: 4) { e in
                for i in 0..<4 where e[i].count == t.count && e[i].bytes == key { return e[i].value }
                let v = parse(t)
                e[next] = Entry(bytes: key, count: t.count, value: v)
                next = (next + 1) & 3
                return v
            }
        }
    }
}

/// Unit ids as Strings, each made once: a plan's rows in key order name the same units, in
/// the same order, for every task.
struct UnitIDs {
    private var known: [(bytes: [UInt8], id: String)] = []
    private var next = 0

    mutating func id(_ t: UnsafeBufferPointer<UInt8>) -> String {
        // Where the last one was found, plus one: the same position in the previous task's run.
        if next < known.count, known[next].bytes.withUnsafeBufferPointer({ same($0, t) }) {
            next += 1
            return known[next - 1].id
        }
        // A short search while there are few units; a plan with more gets a String per row, as
        // before (no search that grows with the units).
        guard known.count < 64 else { return String(decoding: t, as: UTF8.self) }
        if let i = known.firstIndex(where: { $0.bytes.withUnsafeBufferPointer { same($0, t) } }) {
            next = i + 1
            return known[i].id
        }
        let id = String(decoding: t, as: UTF8.self)
        known.append((Array(t), id))
        next = known.count
        return id
    }
}

extension ReadModelStore {
    static let factColumnsOfPairs = """
        task_id, unit_id, latest_period, latest_received_at, latest_revision, latest_status, latest_progress,
        latest_completed_on, indicator_period, indicator_received_at, indicator_revision, indicator_value
        """

    /// `where` over the plan's rows of `report_pairs`: primary-key ranges when `tasks` allow, else
    /// the plan index. A range needs no test of `plan_id`: every id in it is one of the plan's
    /// tasks (runs are made of consecutive ids of the plan's own), and a task never moves to
    /// another plan, so its rows are the plan's.
    static func planRows(planID: Int64, tasks: TaskIDRuns, _ body: (_ filter: String, _ args: [SQLValue]) throws -> Void) throws {
        if tasks.scannable {
            for r in tasks.runs { try body("task_id BETWEEN ? AND ?", [.integer(r.lowerBound), .integer(r.upperBound)]) }
        } else {
            try body("plan_id = ?", [.integer(planID)])
        }
    }

    static func period(_ st: Statement, _ i: Int) -> ReportingPeriod? { st.withText(i) { ReportingPeriod(utf8: $0) } }
    static func date(_ st: Statement, _ i: Int) -> Date? { st.withText(i) { RFC3339.parse(utf8: $0) } }
    static func civil(_ st: Statement, _ i: Int) -> CivilDate? { st.isNull(i) ? nil : st.withText(i) { CivilDate(utf8: $0) } }
    /// The stored status text as the enum, told apart by length and first byte, then checked whole.
    static func status(_ st: Statement, _ i: Int) -> ReportStatus? { st.withText(i) { status($0) } }

    static func status(_ u: UnsafeBufferPointer<UInt8>) -> ReportStatus? {
        func equals(_ s: StaticString) -> Bool {
            s.withUTF8Buffer { b in b.count == u.count && memcmp(b.baseAddress!, u.baseAddress!, b.count) == 0 }
        }
        guard u.count > 0 else { return nil }
        switch u[0] {
        case UInt8(ascii: "c"): return equals("completed") ? .completed : nil
        case UInt8(ascii: "i"): return equals("in_progress") ? .inProgress : nil
        case UInt8(ascii: "n"): return equals("not_started") ? .notStarted : nil
        default: return nil
        }
    }

    /// Every (task, unit) row of a plan whose tasks are `taskIDs`, as the status rules read them.
    /// Per row, each text column is fetched once and parsed only when it differs from the row
    /// before's (a plan's rows share a few periods and days): SQLite's per-column calls and the
    /// parses were most of a computed summary's time after the rows themselves.
    public static func pairFacts(ofPlan planID: Int64, taskIDs: [Int64]?, in c: Connection) throws -> PairFacts {
        var out = PairFacts()
        out.latest.reserveCapacity(taskIDs.map { $0.count * 32 } ?? 256)
        out.indicators.reserveCapacity(out.latest.capacity)
        var periods = Memo<ReportingPeriod>(), completions = Memo<CivilDate>()
        var units = UnitIDs()
        try planRows(planID: planID, tasks: TaskIDRuns(taskIDs)) { filter, args in
            try c.forEach("SELECT \(factColumnsOfPairs) FROM report_pairs WHERE \(filter)", args) { row in
                let st = row.statement
                let task = Int(st.int64(0)), unit = units.id(st.textBytes(1))
                let periodText = st.textBytes(2), atText = st.textBytes(3)
                let p = periods.value(periodText, ReportingPeriod.init(utf8:)), at = RFC3339.parse(utf8: atText)
                if let p, let at, let s = status(st.textBytes(5)) {
                    // A NULL reads as no text (every stored day has ten characters).
                    let doneText = st.textBytes(7)
                    let done = doneText.isEmpty ? nil : completions.value(doneText, CivilDate.init(utf8:))
                    out.latest.append(ReportFact(taskId: task, unitId: unit, period: p, revision: Int(st.int64(4)), receivedAt: at,
                                                 status: s, progress: st.double(6), completedOn: done))
                }
                // The four indicator columns are NULL together (the trigger and the back-fill set them so).
                let ipText = st.textBytes(8)
                if !ipText.isEmpty, !st.isNull(11) {
                    // Mostly the latest revision itself carries the value: its period and arrival are parsed already.
                    let iatText = st.textBytes(9)
                    let ip = same(ipText, periodText) ? p : periods.value(ipText, ReportingPeriod.init(utf8:))
                    let iat = same(iatText, atText) ? at : RFC3339.parse(utf8: iatText)
                    if let ip, let iat {
                        out.indicators.append(ReportFact(taskId: task, unitId: unit, period: ip, revision: Int(st.int64(10)), receivedAt: iat,
                                                         status: .inProgress, progress: 0, indicatorValue: st.double(11)))
                    }
                }
            }
        }
        return out
    }

    /// The latest arrival of any revision of the plan (stored text); nil before the first report.
    /// One row: kept by triggers in plan_report_counts (migration 0014).
    public static func maxReceivedAt(ofPlan planID: Int64, in c: Connection) throws -> String? {
        try c.scalar("SELECT max_received_at FROM plan_report_counts WHERE plan_id = ?", [.integer(planID)]).stringValue
    }

    /// Whether every revision of the plan arrived before `before` (stored text): then the read
    /// model's rows are exactly the plan's state as of then.
    public static func allReceived(ofPlan planID: Int64, before: String, in c: Connection) throws -> Bool {
        try maxReceivedAt(ofPlan: planID, in: c).map { $0 < before } ?? true
    }

    /// Compliance's two reads of the read model, each one range of an index of migration 0014
    /// (ComplianceReadModelTests checks the query plans).
    static let completedPairsQuery = """
        SELECT task_id, unit_id, max_received_at, latest_period, latest_received_at, latest_revision, latest_status,
               latest_progress, latest_completed_on
        FROM report_pairs WHERE plan_id = ? AND first_completed_at < ?
        """
    static let firstArrivalsQuery = "SELECT task_id, unit_id, first_received_at FROM report_periods WHERE plan_id = ? AND period = ?"

    /// For compliance's "completed before the window opened" exemption: the plan's latest arrival,
    /// and for the pairs that reported `completed` before `opens` (stored text) their latest revision
    /// received before it — the pair's own latest when every revision of the pair came before
    /// `opens`; the other such pairs are returned by key, for `latest(of:receivedBefore:)` over their
    /// period rows. Only those pairs are read: one range of report_pairs_by_plan_completed
    /// (migration 0014), a table probe each (42 of plan 1's 1,635 pairs in the province data).
    public static func exemptionScan(ofPlan planID: Int64, completedBefore opens: String, in c: Connection) throws
        -> (facts: [ReportFact], pending: [(task: Int64, unit: String)]) {
        var facts: [ReportFact] = [], pending: [(task: Int64, unit: String)] = []
        try c.forEach(completedPairsQuery, [.integer(planID), .text(opens)]) { row in
            let st = row.statement
            let task = st.int64(0), unit = st.string(1)
            let allBefore = st.withText(2) { u in u.lexicographicallyPrecedes(opens.utf8) }  // max_received_at < opens
            if allBefore, let p = period(st, 3), let at = date(st, 4), let s = status(st, 6) {
                facts.append(ReportFact(taskId: Int(task), unitId: unit, period: p, revision: Int(st.int64(5)), receivedAt: at, status: s,
                                        progress: st.double(7), completedOn: civil(st, 8)))
            } else {
                pending.append((task, unit))
            }
        }
        return (facts, pending)
    }

    /// The first arrival of each (task, unit) in `period` of a plan: one range of the covering index
    /// report_periods_by_plan_first (migration 0014), no table row. Each fact says `in_progress`: the
    /// evaluator reads a status only of a pair's latest revision received before the window opened, and
    /// for a pair that had reported `completed` by then the exemption facts hold that revision exactly,
    /// sorting after this one (revision 0; stored ones start at 1). Through the API no arrival of a
    /// period comes before its window anyway (rules 3 and 5). `capacity`: how many the caller expects.
    public static func firstFacts(ofPlan planID: Int64, period name: String, capacity: Int = 0, in c: Connection) throws -> [ReportFact] {
        guard let p = ReportingPeriod(name) else { return [] }
        var out: [ReportFact] = []
        out.reserveCapacity(capacity)
        // (UnitIDs costs more than a String per row here: a period's rows mix leads and coordinating units.)
        try c.forEach(firstArrivalsQuery, [.integer(planID), .text(name)]) { row in
            let st = row.statement
            guard let at = RFC3339.parse(utf8: st.textBytes(2)) else { return }
            out.append(ReportFact(taskId: Int(st.int64(0)), unitId: st.string(1), period: p, revision: 0, receivedAt: at,
                                  status: .inProgress, progress: 0))
        }
        return out
    }
}
