// What handlers need about a plan, read in one consistent snapshot: the plan,
// its tasks with their selectors expanded, deadlines decoded, extensions and
// shortcomings. Immutable once built, so one built for a plan revision can be
// shared by every request that reads that revision (see ReadCaches).

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

struct PlanSnapshot: Sendable {
    let plan: PlanRecord
    let tasks: [TaskRecord]
    let units: UnitDirectory
    let extensions: [Int64: [ExtensionRecord]]
    /// The plan's shortcomings by id (without their tasks).
    let shortcomings: [Int64: ShortcomingRecord]
    /// Per task id: lead and coordinating unit ids with selectors expanded, in assignment order.
    private let leads: [Int64: [String]]
    private let coordinators: [Int64: [String]]
    private let deadlines: [Int64: Deadline]
    private let grantedExtensions: [Int64: [DeadlineExtension]]
    /// Every unit taking part: issuer, aggregator, assignees.
    private let involved: Set<String>
    /// The tasks as compliance reads them (assignees expanded, without repeats), built once per
    /// plan structure rather than per computed answer.
    let complianceTasks: [ComplianceTask]
    /// The lead units as the summary lists them, by position (PlanLeadUnits).
    let leadUnits: PlanLeadUnits
    /// Per task (in task order): its lead units without repeats, for the status rules.
    let leadPositions: [LeadPositions]

    init(plan: PlanRecord, tasks: [TaskRecord], units: UnitDirectory, extensions: [Int64: [ExtensionRecord]],
         shortcomings: [ShortcomingRecord] = []) {
        self.plan = plan; self.tasks = tasks; self.units = units; self.extensions = extensions
        var sc: [Int64: ShortcomingRecord] = [:]
        for var s in shortcomings { s.tasks = []; sc[s.id] = s }
        self.shortcomings = sc
        var leads: [Int64: [String]] = [:], coordinators: [Int64: [String]] = [:], deadlines: [Int64: Deadline] = [:]
        var involved: Set<String> = [plan.issuerID, plan.aggregatorID]
        for t in tasks {
            let l = units.expand(t.lead, issuer: plan.issuerID), c = units.expand(t.coordinating, issuer: plan.issuerID)
            leads[t.id] = l; coordinators[t.id] = c
            involved.formUnion(l); involved.formUnion(c)
            deadlines[t.id] = decodeDeadline(t.deadlineJSON) ?? Deadline.continuous(phrase: nil)
        }
        self.leads = leads; self.coordinators = coordinators; self.deadlines = deadlines; self.involved = involved
        self.complianceTasks = tasks.map { t in
            ComplianceTask(taskId: Int(t.id), leadUnits: leads[t.id] ?? [], coordinatingUnits: coordinators[t.id] ?? [],
                           cancelledOn: t.cancelledOn).distinct()
        }
        self.leadUnits = PlanLeadUnits(tasks.map { leads[$0.id] ?? [] })
        self.leadPositions = tasks.map { LeadPositions(leads[$0.id] ?? []) }
        self.grantedExtensions = extensions.mapValues { list in
            list.compactMap { e in
                guard let d = decodeDeadline(e.deadlineJSON), let at = Timestamp.parse(e.createdAt) else { return nil }
                return DeadlineExtension(deadline: d, reason: e.reason, grantedOn: VietnamTime.localDate(of: at))
            }
        }
    }

    /// The whole plan as `c` sees it; nil when there is no such plan.
    static func load(_ planID: Int64, _ c: Connection, units: UnitDirectory) throws -> PlanSnapshot? {
        guard let plan = try PlanStore.get(planID, in: c) else { return nil }
        return PlanSnapshot(plan: plan, tasks: try TaskStore.forPlan(planID, in: c), units: units,
                            extensions: try TaskStore.extensions(ofPlan: planID, in: c),
                            shortcomings: try PlanStore.tree(planID, in: c))
    }

    func lead(_ t: TaskRecord) -> [String] { leads[t.id] ?? units.expand(t.lead, issuer: plan.issuerID) }
    func coordinating(_ t: TaskRecord) -> [String] { coordinators[t.id] ?? units.expand(t.coordinating, issuer: plan.issuerID) }
    func deadline(_ t: TaskRecord) -> Deadline { deadlines[t.id] ?? decodeDeadline(t.deadlineJSON) ?? Deadline.continuous(phrase: nil) }
    func task(_ id: Int64) -> TaskRecord? { tasks.first { $0.id == id } }

    /// Whether `unit` takes part in the plan (issuer, aggregator, or an assignee of a task).
    func involves(_ unit: String) -> Bool { involved.contains(unit) }

    func role(of unit: String, in t: TaskRecord) -> AssigneeRole? {
        if lead(t).contains(unit) { return .lead }
        if coordinating(t).contains(unit) { return .coordinating }
        return nil
    }

    func domainExtensions(_ t: TaskRecord) -> [DeadlineExtension] { grantedExtensions[t.id] ?? [] }
}

extension APIContext {
    /// 403 `plan_forbidden` when a reporter's unit takes no part in the plan.
    func requireVisible(_ snap: PlanSnapshot, _ p: Principal) throws {
        if p.isReporter, !snap.involves(p.unitID ?? "") {
            throw Problem.forbidden("plan_forbidden", "Your unit \(p.unitID ?? "") takes no part in plan \(snap.plan.id).")
        }
    }
}
