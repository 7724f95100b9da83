// What handlers need about a plan, read in one consistent snapshot: the plan,
// its tasks, every unit (to expand `kind:` selectors at evaluation time), and
// the conversions from stored rows to domain values.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

struct UnitDirectory: Sendable {
    let records: [UnitRecord]
    let refs: [UnitRef]
    let byID: [String: UnitRecord]
    /// Built once per directory so each `kind:` expansion does not rebuild it.
    let index: UnitIndex

    init(_ units: [UnitRecord]) {
        records = units
        refs = units.map { UnitRef(id: $0.id, kind: UnitKind(rawValue: $0.kind) ?? .agency, parentId: $0.parentID) }
        index = UnitIndex(refs)
        var m: [String: UnitRecord] = [:]
        for u in units { m[u.id] = u }
        byID = m
    }

    static func load(_ c: Connection) throws -> UnitDirectory { UnitDirectory(try UnitStore.all(in: c)) }

    /// `kind:` expansions already computed against this (immutable) directory.
    private let memo = KindExpansionMemo()

    /// As `Assignee.expand(_:issuerId:index:)`, with each (issuer, kind) expansion computed once per directory.
    func expand(_ assignees: [String], issuer: String) -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        for text in assignees {
            switch Assignee(text) {
            case .unit(let id)?:
                if seen.insert(id).inserted { out.append(id) }
            case .kind(let k)?:
                for id in memo.ids(issuer: issuer, kind: k, index: index) where seen.insert(id).inserted { out.append(id) }
            case nil:
                continue
            }
        }
        return out
    }
}

/// Memo of `kind:K` under an issuer → unit ids (in directory order). Bounded by
/// issuers × kinds. `@unchecked Sendable`: the dictionary is guarded by `lock`.
final class KindExpansionMemo: @unchecked Sendable {
    private struct Key: Hashable { let issuer: String; let kind: UnitKind }
    private let lock = NSLock()
    private var memo: [Key: [String]] = [:]

    func ids(issuer: String, kind: UnitKind, index: UnitIndex) -> [String] {
        let key = Key(issuer: issuer, kind: kind)
        lock.lock()
        if let hit = memo[key] { lock.unlock(); return hit }
        lock.unlock()
        let ids = Assignee.expand([.kind(kind)], issuerId: issuer, index: index)
        lock.lock(); memo[key] = ids; lock.unlock()
        return ids
    }
}

/// Process-wide cache of each store's unit directory, so reads do not reload
/// every unit per request. An entry is valid while both hold:
///  - `generation` is unchanged: it is bumped (`invalidate()`) after every
///    in-process write that may insert units (POST /units, demo load, bench
///    seed), whether the write succeeded or not;
///  - `SELECT max(rowid) FROM units`, read on the caller's own connection, is
///    unchanged: units are insert-only, so this catches inserts by other
///    processes, and it ties the directory to the caller's snapshot (a
///    directory loaded on `c` is stored with the rowid read on `c`).
/// Entries hold the store weakly, so a new store at a reused address never
/// matches an old entry.
/// `@unchecked Sendable`: all mutable state is guarded by `lock`.
final class UnitDirectoryCache: @unchecked Sendable {
    static let shared = UnitDirectoryCache()

    private struct Entry {
        weak var store: Store?
        let generation: UInt64
        let maxRowID: Int64
        let directory: UnitDirectory
    }

    private let lock = NSLock()
    private var generation: UInt64 = 0
    private var entries: [ObjectIdentifier: Entry] = [:]

    /// Call after (not before) any write that may have inserted units.
    func invalidate() {
        lock.lock(); defer { lock.unlock() }
        generation &+= 1
        entries.removeAll()
    }

    /// The unit directory of `store`, as `c` (a connection of `store`) sees it.
    func directory(_ store: Store, _ c: Connection) throws -> UnitDirectory {
        let key = ObjectIdentifier(store)
        let g: UInt64 = { lock.lock(); defer { lock.unlock() }; return generation }()
        let maxRowID = try UnitStore.maxRowID(in: c)
        lock.lock()
        if let e = entries[key], e.store === store, e.generation == generation, e.maxRowID == maxRowID {
            let d = e.directory
            lock.unlock()
            return d
        }
        lock.unlock()
        let directory = try UnitDirectory.load(c)
        lock.lock(); defer { lock.unlock() }
        if generation == g {
            entries = entries.filter { $0.value.store != nil }
            entries[key] = Entry(store: store, generation: g, maxRowID: maxRowID, directory: directory)
        }
        return directory
    }
}

/// Drops every cached unit directory; for writers outside TiendoAPI that insert units.
public func invalidateUnitDirectoryCache() { UnitDirectoryCache.shared.invalidate() }

extension APIContext {
    /// The (cached) unit directory as `c` sees it; use instead of `UnitDirectory.load(c)`.
    func unitDirectory(_ c: Connection) throws -> UnitDirectory { try UnitDirectoryCache.shared.directory(store, c) }
}

struct PlanSnapshot {
    let plan: PlanRecord
    let tasks: [TaskRecord]
    let units: UnitDirectory
    let extensions: [Int64: [ExtensionRecord]]

    static func load(_ planID: Int64, _ c: Connection, units: UnitDirectory) throws -> PlanSnapshot? {
        guard let plan = try PlanStore.get(planID, in: c) else { return nil }
        return PlanSnapshot(plan: plan, tasks: try TaskStore.forPlan(planID, in: c), units: units,
                            extensions: try TaskStore.extensions(ofPlan: planID, in: c))
    }

    func lead(_ t: TaskRecord) -> [String] { units.expand(t.lead, issuer: plan.issuerID) }
    func coordinating(_ t: TaskRecord) -> [String] { units.expand(t.coordinating, issuer: plan.issuerID) }

    /// Whether `unit` takes part in the plan (issuer, aggregator, or an assignee of a task).
    func involves(_ unit: String) -> Bool {
        if plan.issuerID == unit || plan.aggregatorID == unit { return true }
        return tasks.contains { lead($0).contains(unit) || coordinating($0).contains(unit) }
    }

    func role(of unit: String, in t: TaskRecord) -> AssigneeRole? {
        if lead(t).contains(unit) { return .lead }
        if coordinating(t).contains(unit) { return .coordinating }
        return nil
    }

    func domainExtensions(_ t: TaskRecord) -> [DeadlineExtension] {
        (extensions[t.id] ?? []).compactMap { e in
            guard let d = decodeDeadline(e.deadlineJSON), let at = Timestamp.parse(e.createdAt) else { return nil }
            return DeadlineExtension(deadline: d, reason: e.reason, grantedOn: VietnamTime.localDate(of: at))
        }
    }

    var periodsThrough: CivilDate? { nil }
}

extension APIContext {
    /// 403 `plan_forbidden` when a reporter's unit takes no part in the plan.
    func requireVisible(_ snap: PlanSnapshot, _ p: Principal) throws {
        if p.isReporter, !snap.involves(p.unitID ?? "") {
            throw Problem.forbidden("plan_forbidden", "Your unit \(p.unitID ?? "") takes no part in plan \(snap.plan.id).")
        }
    }
}

// MARK: domain conversions

func decodeDeadline(_ json: String) -> Deadline? {
    try? JSONDecoder().decode(Deadline.self, from: Data(json.utf8))
}

func encodeDeadline(_ d: Deadline) -> String {
    deadlineJSON(d).text
}

func deadlineJSON(_ d: Deadline) -> JSON {
    var pairs: [(String, JSON)] = [("kind", .string(d.kind.rawValue))]
    if let y = d.year { pairs.append(("year", .num(y))) }
    if let m = d.month { pairs.append(("month", .num(m))) }
    if let q = d.quarter { pairs.append(("quarter", .num(q))) }
    if let h = d.half { pairs.append(("half", .num(h))) }
    if let date = d.date { pairs.append(("date", date.json)); pairs.append(("strict", .bool(d.strict))) }
    pairs.append(("phrase", .str(d.phrase)))
    pairs.append(("due_on", d.dueOn.json))
    pairs.append(("first_review_on", d.firstReviewOn.json))
    return .obj(pairs)
}

/// The order of `ReportFact.isOlder` on stored rows: period, then arrival, then revision.
func reportIsOlder(_ a: ReportRecord, _ b: ReportRecord) -> Bool {
    let pa = ReportingPeriod(a.period), pb = ReportingPeriod(b.period)
    if let pa, let pb, pa != pb { return pa < pb }
    return (a.receivedAt, a.revision, a.id) < (b.receivedAt, b.revision, b.id)
}

func fact(_ r: ReportRecord) -> ReportFact? {
    guard let period = ReportingPeriod(r.period), let at = Timestamp.parse(r.receivedAt),
          let status = ReportStatus(rawValue: r.status) else { return nil }
    return ReportFact(taskId: Int(r.taskID), unitId: r.unitID, period: period, revision: r.revision, receivedAt: at,
                      status: status, progress: r.progress, completedOn: r.completedOn)
}

// MARK: JSON views

func unitJSON(_ u: UnitRecord) -> JSON {
    .obj([("id", .string(u.id)), ("name", .string(u.name)), ("kind", .string(u.kind)), ("parent_id", .str(u.parentID)),
          ("created_at", .string(u.createdAt))])
}

func scheduleJSON(_ s: ReportSchedule) -> JSON {
    var pairs: [(String, JSON)] = [("frequency", .string(s.frequency.rawValue)), ("due_day", .num(s.dueDay)),
                                   ("strict", .bool(s.strict)), ("window", .string(s.window.rawValue))]
    if s.frequency == .once { pairs.append(("due_on", s.onceDueOn.json)) }
    return .obj(pairs)
}

func planJSON(_ p: PlanRecord, tree: [ShortcomingRecord]? = nil) -> JSON {
    var pairs: [(String, JSON)] = [
        ("id", .int(p.id)), ("number", .string(p.number)), ("title", .string(p.title)), ("issuer_id", .string(p.issuerID)),
        ("issued_on", p.issuedOn.json), ("signer", .str(p.signer)), ("aggregator_id", .string(p.aggregatorID)),
        ("schedule", scheduleJSON(p.schedule)), ("status", .string(p.status)), ("closed_on", p.closedOn.json),
        ("created_at", .string(p.createdAt)), ("updated_at", .string(p.updatedAt)),
    ]
    if let tree {
        pairs.append(("shortcomings", .array(tree.map { s in
            .obj([("id", .int(s.id)), ("code", .str(s.code)), ("title", .string(s.title)),
                  ("causes", .array(s.causes.map { .obj([("kind", .string($0.kind)), ("text", .string($0.text))]) })),
                  ("tasks", .array(s.tasks.map { taskBaseJSON($0) }))])
        })))
    }
    return .obj(pairs)
}

func indicatorJSON(_ i: IndicatorRecord?) -> JSON {
    guard let i else { return .null }
    return .obj([("name", .string(i.name)), ("unit", .str(i.unit)), ("target", .num(i.target)), ("aggregate", .string(i.aggregate))])
}

func taskBaseJSON(_ t: TaskRecord) -> JSON {
    let deadline: JSON = (try? JSONParser.parse(Array(t.deadlineJSON.utf8))) ?? .null
    return .obj([("id", .int(t.id)), ("plan_id", .int(t.planID)), ("shortcoming_id", .int(t.shortcomingID)),
                 ("title", .string(t.title)), ("lead", .array(t.lead.map { .string($0) })),
                 ("coordinating", .array(t.coordinating.map { .string($0) })), ("deadline", deadline),
                 ("indicator", indicatorJSON(t.indicator))])
}

/// A stored report with its period's due day and timeliness.
func reportJSON(_ r: ReportRecord, schedule: ReportSchedule?, issuedOn: CivilDate?) -> JSON {
    var dueOn: CivilDate? = nil
    if let s = schedule, let issued = issuedOn, let p = ReportingPeriod(r.period) {
        dueOn = s.info(for: p, issuedOn: issued)?.dueOn
    }
    var onTime: JSON = .null, daysLate: JSON = .null
    if let d = dueOn, let at = Timestamp.parse(r.receivedAt) {
        let t = Timeliness(receivedAt: at, dueOn: d)
        onTime = .bool(t.onTime); daysLate = .num(t.daysLate)
    }
    return .obj([
        ("id", .int(r.id)), ("task_id", .int(r.taskID)), ("plan_id", .int(r.planID)), ("unit_id", .string(r.unitID)),
        ("period", .string(r.period)), ("revision", .num(r.revision)), ("report_date", r.reportDate.json),
        ("status", .string(r.status)), ("progress", .num(r.progress)), ("completed_on", r.completedOn.json),
        ("result", .str(r.result)), ("obstacles", .str(r.obstacles)), ("proposals", .str(r.proposals)),
        ("indicator_value", .num(r.indicatorValue)), ("received_at", .string(r.receivedAt)), ("due_on", dueOn.json),
        ("on_time", onTime), ("days_late", daysLate), ("created_at", .string(r.createdAt)),
    ])
}

let reportCSVColumns = ["id", "task_id", "plan_id", "unit_id", "period", "revision", "report_date", "status", "progress",
                        "completed_on", "result", "obstacles", "proposals", "indicator_value", "received_at", "due_on",
                        "on_time", "days_late"]
