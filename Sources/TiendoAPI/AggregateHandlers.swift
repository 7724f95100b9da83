// GET /plans/{id}/summary?as_of=, GET /plans/{id}/compliance?period=&as_of=,
// GET /units/{id}/scorecard?as_of= — every count comes from the domain's
// TaskStatusEvaluator and ComplianceEvaluator over one read snapshot.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }

/// `JSONWriter.counts`'s fields, as a tree (the scorecard).
func countsJSON(_ c: ComplianceCounts) -> [(String, JSON)] {
    JSONWriter.fields { $0.counts(c) }
}

extension JSONWriter {
    /// `countsJSON(c)`'s fields.
    mutating func counts(_ c: ComplianceCounts) {
        field("expected", .num(c.expected)); field("on_time", .num(c.onTime)); field("late", .num(c.late))
        field("missing", .num(c.missing)); field("pending", .num(c.pending))
    }
}

/// Tasks-by-status block shared by summary, per-unit rows and the scorecard, as fields of a tree.
func taskStats(_ views: [TaskView]) -> [(String, JSON)] {
    JSONWriter.fields { writeTaskStats(views, indices: views.indices, into: &$0) }
}

/// The tasks-by-status block's fields. Cancelled tasks are counted apart (`cancelled`) and
/// nowhere else: not in the total, the rates or the buckets. One pass over the views, reading
/// them in place: a TaskView is large, and copying it per status and per unit was most of a
/// computed summary's time.
func writeTaskStats<C: Collection>(_ views: [TaskView], indices: C, into w: inout JSONWriter) where C.Element == Int {
    // Counts by the status's position in `statusOrder` (no hashing, no `allCases` array per task),
    // reading each view's fields in place: a TaskStatusResult copied per task and per unit (its
    // arrays retained and released) was most of this block's cost.
    var byStatus = (0, 0, 0, 0, 0, 0, 0)
    var buckets = BucketCounts(), original = BucketCounts()
    var completed = 0, total = 0, all = 0
    var progress = 0.0
    views.withUnsafeBufferPointer { views in
        for i in indices {
            all += 1
            switch views[i].result.status {
            case .completed: byStatus.0 += 1
            case .overdue: byStatus.1 += 1
            case .dueSoon: byStatus.2 += 1
            case .ongoing: byStatus.3 += 1
            case .inProgress: byStatus.4 += 1
            case .notStarted: byStatus.5 += 1
            case .cancelled: byStatus.6 += 1
            }
            guard views[i].result.counts else { continue }
            total += 1
            if views[i].result.status == .completed { completed += 1 }
            buckets.add(views[i].result.bucket)
            original.add(views[i].result.bucketAgainstOriginal)
            progress += views[i].result.progress
        }
    }
    let avg = total == 0 ? 0 : progress / Double(total)
    w.field("tasks_total", .num(total))
    w.key("by_status")
    w.object { w in
        // The order of TaskStatus.allCases (JSONWriterTests.testTaskStatsNameEveryStatusInItsOrder).
        w.field("completed", .num(byStatus.0)); w.field("overdue", .num(byStatus.1)); w.field("due_soon", .num(byStatus.2))
        w.field("ongoing", .num(byStatus.3)); w.field("in_progress", .num(byStatus.4)); w.field("not_started", .num(byStatus.5))
        w.field("cancelled", .num(byStatus.6))
    }
    w.key("buckets"); w.buckets(buckets)
    w.key("buckets_against_original"); w.buckets(original)
    w.field("completion_rate", .num(total == 0 ? 0 : round1(Double(completed) * 100 / Double(total))))
    w.field("average_progress", .num(round1(avg)))
    w.field("cancelled", .num(all - total))
}

extension JSONWriter {
    /// The four buckets as an object.
    mutating func buckets(_ b: BucketCounts) {
        object { w in
            w.field("completed_on_time", .num(b.completedOnTime)); w.field("completed_late", .num(b.completedLate))
            w.field("open_within_deadline", .num(b.openWithinDeadline)); w.field("open_overdue", .num(b.openOverdue))
        }
    }
}

/// Each unit's latest of `facts` (by period, arrival, revision; the first of equals), in unit id
/// order: the summary's indicator roll-up. The read model gives one fact per unit, already in unit
/// id order (the primary key's): then they are the answer as they are, with no dictionary and no sort.
func latestIndicatorByUnit(_ facts: [ReportFact]) -> [ReportFact] {
    if facts.indices.dropFirst().allSatisfy({ facts[$0 - 1].unitId < facts[$0].unitId }) { return facts }
    var latestByUnit: [String: ReportFact] = [:]
    for f in facts {
        if let cur = latestByUnit[f.unitId], !ReportFact.isOlder(cur, f) { continue }
        latestByUnit[f.unitId] = f
    }
    return latestByUnit.keys.sorted().compactMap { latestByUnit[$0] }
}

extension APIContext {
    func summary(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        let asOf = try asOf(req)
        let export = try ExportOptions(req)
        return try computedAnswer(req, principal) { c in
            let (snap, revision) = try loadPlanRevision(params, principal, c)
            let key = AnswerKey(route: .summary, plan: snap.plan.id, id: snap.plan.id, asOf: asOf, variant: export.variant, revision: revision)
            return (key, { try self.summary(snap, asOf: asOf, export: export, c) })
        }
    }

    func summary(_ snap: PlanSnapshot, asOf: CivilDate, csv: Bool, _ c: Connection) throws -> HTTPResponse {
        try summary(snap, asOf: asOf, export: csv ? .csv : .json, c)
    }

    /// The summary of `snap` as of `asOf`, computed from `c`'s snapshot (its read model's rows).
    func summary(_ snap: PlanSnapshot, asOf: CivilDate, export: ExportOptions, _ c: Connection) throws -> HTTPResponse {
        let read = try statusFacts(snap, asOf: asOf, c)
        let views = snap.statuses(asOf: asOf, facts: read.facts)
        // Per lead unit: its lead tasks (by position, worked out with the snapshot: PlanLeadUnits)
        // and its own progress on them. A task's `result.leads` are its `lead` without repeats,
        // in the same order: when nothing repeats they line up one for one, and no search is needed.
        let index = snap.leadUnits
        var own = [Double](repeating: 0, count: index.units.count)
        for (i, v) in views.enumerated() {
            let leads = v.result.leads
            let aligned = leads.count == v.lead.count
            for (k, u) in v.lead.enumerated() {
                let progress = (aligned ? leads[k] : leads.first(where: { $0.unitId == u }))?.latest?.progress ?? 0
                own[index.slots[i][k]] += progress
            }
        }
        func writeUnit(_ s: Int, _ w: inout JSONWriter) {
            let u = index.units[s], mine = index.tasks[s]
            w.field("unit_id", .string(u))
            w.field("name", .str(snap.units.byID[u]?.name))
            writeTaskStats(views, indices: mine, into: &w)
            w.field("own_average_progress", .num(mine.isEmpty ? 0 : round1(own[s] / Double(mine.count))))
        }
        if export.isTable {
            let perUnit: [JSON] = index.units.indices.map { s in .obj(JSONWriter.fields { writeUnit(s, &$0) }) }
            return try exportResponse(export, items: perUnit, columns: ExportColumns.summary,
                                      name: "summary-plan-\(snap.plan.id)-\(asOf)", sheet: "summary \(asOf)")
        }
        // Indicator roll-up: each unit's latest indicator_value (as of), aggregated per task.
        let withValue = FactsByTask(read.indicators.filter { $0.indicatorValue != nil })
        let reviews = try ReviewCounts.summaryJSON(snap.plan.id, asOf: asOf, c, readModel: readModel, fromReadModel: read.fromReadModel)
        // Written straight out (JSONWriter): an 80 KB answer of thousands of small objects.
        var w = JSONWriter(capacity: 128 << 10)
        w.object { w in
            w.field("plan_id", .int(snap.plan.id))
            w.field("number", .string(snap.plan.number))
            w.date("as_of", asOf)
            writeTaskStats(views, indices: views.indices, into: &w)
            w.key("overdue")
            w.array { w in
                for v in views where v.result.status == .overdue {
                    w.object { w in
                        w.field("task_id", .int(v.task.id)); w.field("title", .string(v.task.title))
                        w.field("shortcoming_code", .str(v.shortcoming?.code)); w.field("due_on", v.result.dueOn.json)
                        w.field("days_overdue", .num(v.result.daysOverdue)); w.field("progress", .num(v.result.progress))
                        w.key("lead_units")
                        w.array { w in for u in v.lead { w.string(u) } }
                    }
                }
            }
            w.key("per_unit")
            w.array { w in for s in index.units.indices { w.object { writeUnit(s, &$0) } } }
            w.key("indicators")
            w.array { w in
                for v in views {
                    guard let ind = v.task.indicator else { continue }
                    let byUnit = latestIndicatorByUnit(withValue[Int(v.task.id)])
                    let values = byUnit.compactMap(\.indicatorValue)
                    var value: Double? = nil
                    if !values.isEmpty {
                        let sum = values.reduce(0, +)
                        value = ind.aggregate == "average" ? sum / Double(values.count) : sum
                    }
                    var ratio: JSON = .null
                    if let value, let t = ind.target, t != 0 { ratio = .num(round1(value * 100 / t)) }
                    w.object { w in
                        w.field("task_id", .int(v.task.id)); w.field("name", .string(ind.name)); w.field("unit", .str(ind.unit))
                        w.field("target", .num(ind.target)); w.field("aggregate", .string(ind.aggregate)); w.field("value", .num(value))
                        w.field("reporting_units", .num(values.count)); w.field("percent_of_target", ratio)
                        w.key("by_unit")
                        w.array { w in
                            for f in byUnit { w.object { w in w.field("unit_id", .string(f.unitId)); w.field("value", .num(f.indicatorValue)) } }
                        }
                    }
                }
            }
            w.fields(reviews)
        }
        return HTTPResponse.json(200, w.bytes)
    }

    func complianceResult(_ snap: PlanSnapshot, period: ReportingPeriod, asOf: CivilDate, facts: [ReportFact]) -> ComplianceResult {
        return ComplianceEvaluator.evaluate(ComplianceInput(planIssuedOn: snap.plan.issuedOn, schedule: snap.plan.schedule, period: period,
                                                            asOf: asOf, tasks: snap.complianceTasks, reports: facts,
                                                            planClosedOn: snap.plan.status == .closed ? (snap.plan.closedOn ?? asOf) : nil))
    }

    func compliance(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        let asOf = try asOf(req)
        let periodText = try queryString(req, "period", maxLength: 32)
        let export = try ExportOptions(req)
        let rows = try ComplianceRows(req)
        return try computedAnswer(req, principal) { c in
            let (snap, revision) = try loadPlanRevision(params, principal, c)
            let variant = export.isTable ? "\(export.variant)-\(rows.rawValue)" : export.variant
            let key = AnswerKey(route: .compliance, plan: snap.plan.id, id: snap.plan.id, asOf: asOf, variant: "\(variant)-\(periodText ?? "")",
                                revision: revision)
            return (key, { try self.compliance(snap, periodText: periodText, asOf: asOf, export: export, rows: rows, c) })
        }
    }

    func compliance(_ snap: PlanSnapshot, periodText: String?, asOf: CivilDate, csv: Bool, _ c: Connection) throws -> HTTPResponse {
        try compliance(snap, periodText: periodText, asOf: asOf, export: csv ? .csv : .json, rows: .units, c)
    }

    /// Who reported for a period of `snap`'s plan (the latest due by `asOf` when `periodText` is nil).
    func compliance(_ snap: PlanSnapshot, periodText: String?, asOf: CivilDate, export: ExportOptions, rows: ComplianceRows,
                    _ c: Connection) throws -> HTTPResponse {
        let locks = try PeriodLockStore.forPlan(snap.plan.id, in: c)
        let plan = snap.plan
        let period: ReportingPeriod
        if let text = periodText {
            switch plan.schedule.parsePeriod(text) {
            case .success(let p): period = p
            case .failure(let v):
                throw Problem(status: 400, code: v.code, title: "Invalid query parameter", detail: v.message,
                              errors: [FieldError(field: "period", code: v.code, message: v.message)])
            }
        } else {
            // Default: the latest period due on or before as_of, else the first one.
            let closed = plan.status == .closed ? (plan.closedOn ?? asOf) : asOf
            let all = plan.schedule.periods(issuedOn: plan.issuedOn, through: min(asOf, closed))
            guard let p = all.last(where: { $0.dueOn <= asOf && $0.expectsReports })?.period ?? all.first?.period else {
                throw Problem.invalidQuery("period", "The plan has no period yet as of \(asOf); give period=.")
            }
            period = p
        }
        let read = try complianceRead(snap, period: period, asOf: asOf, c)
        let r = complianceResult(snap, period: period, asOf: asOf, facts: read.facts)
        let review = try ReviewCounts.load(snap.plan.id, period: period.description, asOf: asOf, entries: r.entries, c, readModel: readModel,
                                           fromReadModel: read.readModelAnswers)
        func writeUnit(_ u: UnitCompliance, _ w: inout JSONWriter) {
            w.field("unit_id", .string(u.unitId))
            w.field("name", .str(snap.units.byID[u.unitId]?.name))
            w.counts(u.counts)
            w.field("returned", .num(review.returnedByUnit[u.unitId] ?? 0))
            w.key("coordinating")
            w.object { w in
                w.field("reported", .num(u.coordinating.reported)); w.field("on_time", .num(u.coordinating.onTime))
                w.field("late", .num(u.coordinating.late))
            }
        }
        if export.isTable {
            let perUnit: [JSON] = r.perUnit.map { u in .obj(JSONWriter.fields { writeUnit(u, &$0) }) }
            return try complianceExport(export, rows: rows, snap: snap, result: r, perUnit: perUnit, period: period, asOf: asOf)
        }
        let titles = Dictionary(uniqueKeysWithValues: snap.tasks.map { ($0.id, $0.title) })
        func pairs(_ list: [TaskUnit], _ w: inout JSONWriter) {
            w.array { w in
                for p in list {
                    w.object { w in
                        w.field("task_id", .num(p.taskId)); w.field("unit_id", .string(p.unitId))
                        w.field("task_title", .str(titles[Int64(p.taskId)])); w.field("returned", .bool(review.isReturned(p.taskId, p.unitId)))
                    }
                }
            }
        }
        func totals(_ w: inout JSONWriter) {
            w.counts(r.totals)
            w.fields(review.totalsJSON)
        }
        // Written straight out (JSONWriter), as the summary.
        var w = JSONWriter(capacity: 64 << 10)
        w.object { w in
            w.field("plan_id", .int(plan.id))
            w.field("period", .string(period.description))
            w.date("as_of", asOf)
            if let i = r.info {
                w.date("window_opens", i.opens); w.date("window_closes", i.closes); w.date("due_on", i.dueOn)
                w.date("nominal_due_on", i.nominalDueOn); w.field("expects_reports", .bool(i.expectsReports))
            }
            w.field("locked", .bool(locks[period] != nil))
            w.key("totals")
            w.object(totals)
            totals(&w)
            w.key("coordinating_totals")
            w.object { w in
                w.field("reported", .num(r.coordinatingTotals.reported)); w.field("on_time", .num(r.coordinatingTotals.onTime))
                w.field("late", .num(r.coordinatingTotals.late))
            }
            w.key("per_unit")
            w.array { w in for u in r.perUnit { w.object { writeUnit(u, &$0) } } }
            w.key("missing_list"); pairs(r.missing, &w)
            w.key("pending_list"); pairs(r.pending, &w)
            w.key("late_list")
            w.array { w in
                for e in r.entries where e.outcome == .late {
                    w.object { w in
                        w.field("task_id", .num(e.taskId)); w.field("unit_id", .string(e.unitId)); w.field("days_late", .num(e.daysLate))
                        w.field("first_received_at", .str(e.firstReceivedAt.map(Timestamp.format)))
                        w.field("returned", .bool(review.isReturned(e.taskId, e.unitId)))
                    }
                }
            }
            w.key("excluded_completed"); pairs(r.excludedCompleted, &w)
            w.key("excluded_cancelled"); pairs(r.excludedCancelled, &w)
            w.key("returned_list"); pairs(review.returned, &w)
        }
        return HTTPResponse.json(200, w.bytes)
    }

    /// One plan evaluated as of a day: what the scorecard reads of it.
    struct PlanEvaluation {
        let snap: PlanSnapshot
        let views: [TaskView]
        let compliance: (PeriodInfo) throws -> ComplianceResult
    }

    /// The plan evaluated as of `asOf` from `c`'s snapshot, uncached.
    func evaluatePlan(_ planID: Int64, asOf: CivilDate, _ c: Connection) throws -> PlanEvaluation? {
        guard let (snap, _) = try planSnapshot(planID, c) else { return nil }
        // The read model's rows (ReadModelReads.swift): each (task, unit)'s latest for the
        // statuses, and per period its first arrivals for compliance.
        let read = try statusFacts(snap, asOf: asOf, c)
        return PlanEvaluation(snap: snap, views: snap.statuses(asOf: asOf, facts: read.facts),
                              compliance: { info in
                                  self.complianceResult(snap, period: info.period, asOf: asOf,
                                                        facts: try self.complianceFacts(snap, period: info.period, asOf: asOf, c))
                              })
    }

    /// One unit across the plans `principal` may read, as of `asOf`: its lead tasks and its
    /// reports per period that was due by then (shared by the API's scorecard and /units/{id},
    /// which passes its cached evaluations as `evaluate`).
    func scorecardPlans(unitID: String, principal: Principal, asOf: CivilDate, _ c: Connection,
                        evaluate: ((Int64) throws -> PlanEvaluation?)? = nil) throws -> [ScorecardPlan] {
        var out: [ScorecardPlan] = []
        for plan in try PlanStore.all(in: c) {
            guard let (snap, _) = try planSnapshot(plan.id, c), snap.involves(unitID) else { continue }
            if principal.isReporter, !snap.involves(principal.unitID ?? "") { continue }
            guard let e = try (evaluate ?? { try self.evaluatePlan($0, asOf: asOf, c) })(plan.id) else { continue }
            let views = e.views
            var row = ScorecardPlan(plan: plan, leadViews: views.filter { $0.lead.contains(unitID) },
                                    coordinatingTasks: views.filter { $0.coordinating.contains(unitID) && !$0.lead.contains(unitID) }.count)
            for info in plan.schedule.periods(issuedOn: plan.issuedOn, through: asOf) where info.expectsReports && info.dueOn <= asOf {
                let r = try e.compliance(info)
                guard let mine = r.perUnit.first(where: { $0.unitId == unitID }) else { continue }
                row.counts.expected += mine.counts.expected; row.counts.onTime += mine.counts.onTime
                row.counts.late += mine.counts.late; row.counts.missing += mine.counts.missing
                row.counts.pending += mine.counts.pending
                row.periods.append((info, mine.counts))
            }
            out.append(row)
        }
        return out
    }

    func scorecard(_ context: RequestContext) throws -> HTTPResponse {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        let unitID = params["id"] ?? ""
        let asOf = try asOf(req)
        let export = try ExportOptions(req)
        var planRows: [JSON] = []
        var totalViews: [TaskView] = []
        var totalCounts = ComplianceCounts()
        let unit: UnitRecord = try store.read { c in try computeGate.run {
            guard let unit = try UnitStore.get(unitID, in: c) else { throw Problem.notFound("unit", unitID) }
            for row in try scorecardPlans(unitID: unitID, principal: principal, asOf: asOf, c) {
                let counts = row.counts
                totalCounts.expected += counts.expected; totalCounts.onTime += counts.onTime
                totalCounts.late += counts.late; totalCounts.missing += counts.missing
                totalCounts.pending += counts.pending
                totalViews += row.leadViews
                let periodRows: [JSON] = row.periods.map { info, counts in
                    .obj([("period", .string(info.period.description)), ("due_on", info.dueOn.json)] + countsJSON(counts))
                }
                planRows.append(.obj([("plan_id", .int(row.plan.id)), ("number", .string(row.plan.number)), ("title", .string(row.plan.title)),
                                      ("coordinating_tasks", .num(row.coordinatingTasks))] + taskStats(row.leadViews)
                                     + [("reports", .obj(countsJSON(counts))), ("periods", .array(periodRows))]))
            }
            return unit
        } }
        if export.isTable {
            return try exportResponse(export, items: planRows, columns: ExportColumns.scorecard,
                                      name: "scorecard-\(unitID)-\(asOf)", sheet: "scorecard \(asOf)")
        }
        let body: JSON = .obj([("unit", unitJSON(unit)), ("as_of", asOf.json)] + taskStats(totalViews)
                              + [("reports", .obj(countsJSON(totalCounts))),
                                 ("on_time_rate", .num(totalCounts.expected == 0 ? 0 : round1(Double(totalCounts.onTime) * 100 / Double(totalCounts.expected)))),
                                 ("plans", .array(planRows))])
        return jsonResponse(200, body)
    }
}

/// One plan of a unit's scorecard: its lead tasks as of the day, how many it coordinates,
/// and its report counts per period due by then.
struct ScorecardPlan {
    let plan: PlanRecord
    let leadViews: [TaskView]
    let coordinatingTasks: Int
    var counts = ComplianceCounts()
    var periods: [(PeriodInfo, ComplianceCounts)] = []
}
