// Compliance as rows an office can work from: `rows=units` (default, one row
// per unit with its counts), `rows=missing` (who still owes which report),
// `rows=late` (who reported late, by how many days), `rows=all` (every
// expected report with its outcome). Only for CSV and xlsx; JSON carries
// all of them already.

import TiendoDomain
import TiendoHTTP
import TiendoStore

enum ComplianceRows: String, Sendable, CaseIterable {
    case units, missing, late, all

    init(_ req: HTTPRequest) throws {
        guard let r = req.query["rows"], !r.isEmpty else { self = .units; return }
        guard let rows = ComplianceRows(rawValue: r.lowercased()) else {
            throw Problem.invalidQuery("rows", "rows must be one of units, missing, late, all.")
        }
        self = rows
    }
}

extension APIContext {
    func complianceExport(_ export: ExportOptions, rows: ComplianceRows, snap: PlanSnapshot, result r: ComplianceResult,
                          perUnit: [JSON], period: ReportingPeriod, asOf: CivilDate) throws -> HTTPResponse {
        let base = "compliance-plan-\(snap.plan.id)-\(period)-\(asOf)"
        switch rows {
        case .units:
            return try exportResponse(export, items: perUnit, columns: ExportColumns.complianceUnits, name: base,
                                      sheet: "\(period)")
        case .missing, .late, .all:
            let tasks = Dictionary(uniqueKeysWithValues: snap.tasks.map { ($0.id, $0) })
            let wanted: (ComplianceEntry) -> Bool = {
                switch rows {
                case .missing: return $0.outcome == .missing
                case .late: return $0.outcome == .late
                default: return true
                }
            }
            let items: [JSON] = r.entries.filter(wanted).map { e in
                let task = tasks[Int64(e.taskId)]
                return .obj([("period", .string(period.description)), ("task_id", .num(e.taskId)),
                             ("shortcoming_code", .str(task.flatMap { snap.shortcomings[$0.shortcomingID]?.code })),
                             ("task_title", .str(task?.title)), ("unit_id", .string(e.unitId)),
                             ("unit_name", .str(snap.units.byID[e.unitId]?.name)),
                             ("outcome", .string(outcomeText(e.outcome, export.language))),
                             ("due_on", r.info?.dueOn.json ?? .null),
                             ("first_received_at", .str(e.firstReceivedAt.map(Timestamp.format))),
                             ("days_late", e.outcome == .late ? .num(e.daysLate) : .null)])
            }
            let columns = rows == .missing ? ExportColumns.complianceMissing
                : rows == .late ? ExportColumns.complianceLate : ExportColumns.complianceAll
            return try exportResponse(export, items: items, columns: columns, name: "\(base)-\(rows.rawValue)",
                                      sheet: "\(period) \(rows.rawValue)")
        }
    }

    func outcomeText(_ o: ComplianceOutcome, _ lang: Language) -> String {
        guard lang == .vi else { return o.rawValue }
        switch o {
        case .onTime: return "đúng hạn"
        case .late: return "trễ hạn"
        case .missing: return "chưa báo cáo"
        case .pending: return "chưa đến hạn"
        }
    }
}
