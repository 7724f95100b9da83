// POST /reports/{id}/revisions: a correction that sends only the fields that
// change. The latest revision of the report's (task, unit, period) is the
// base; the given fields replace its own (null clears an optional one) and
// the result goes through POST /reports unchanged: same validation, same
// writer path, same outbox event, same Idempotency-Key handling (the key is
// compared on the fields sent, not on the report built from them). The base is
// read before the write: a revision landing in between is not merged in (the
// writer still validates the result against it, as for any report).

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension APIContext {
    /// The fields a revision may change; task, unit and period name the report itself.
    static let revisableFields = ["report_date", "status", "progress", "completed_on", "result", "obstacles", "proposals",
                                  "indicator_value", "received_at"]
    static let identityFields = ["task_id", "unit_id", "period"]

    func postPartialRevision(_ context: RequestContext, _ respond: @escaping @Sendable (HTTPResponse) -> Void) throws {
        let (req, params, principal) = (context.request, context.parameters, context.principal)
        let json = try jsonBody(req)
        guard case .object(let partial) = json else {
            throw Problem.validation([Issue("", "invalid_type", "The body must be a JSON object of the fields that change, got \(json.typeName).")])
        }
        let base: ReportRecord = try store.read { c in
            let (r, _) = try loadReport(params, principal, c)
            return try ReportStore.revisions(taskID: r.taskID, unitID: r.unitID, period: r.period.description, in: c).last ?? r
        }
        var merged = JSONObject([
            ("task_id", .int(base.taskID)), ("unit_id", .string(base.unitID)), ("period", .string(base.period.description)),
            ("report_date", base.reportDate.json), ("status", .string(base.status.rawValue)), ("progress", .num(base.progress)),
            ("completed_on", base.completedOn.json), ("result", .str(base.result)), ("obstacles", .str(base.obstacles)),
            ("proposals", .str(base.proposals)), ("indicator_value", .num(base.indicatorValue)),
        ])
        var issues: [Issue] = []
        for (key, value) in partial.pairs {
            if Self.identityFields.contains(key) {
                if value != merged[key] {
                    issues.append(Issue(key, "field_not_revisable",
                                        "\(key) names the report being corrected; send a new report to POST /reports for another task, unit or period."))
                }
            } else if Self.revisableFields.contains(key) {
                merged[key] = value
            } else {
                issues.append(Issue(key, "unknown_field", "Unknown field \(key)."))
            }
        }
        if partial.pairs.allSatisfy({ Self.identityFields.contains($0.0) }), issues.isEmpty {
            issues.append(Issue("", "revision_empty", "Send at least one field that changes (\(Self.revisableFields.joined(separator: ", ")))."))
        }
        // A report no longer completed drops the base's completion day unless one is sent.
        if let status = partial["status"]?.stringValue, status != "completed", partial["completed_on"] == nil {
            merged["completed_on"] = .null
        }
        guard issues.isEmpty else {
            // Every violation at once: the fields that may change are validated too (nothing is written).
            var statuses = issues.map { _ in 422 }
            let now = self.now
            do {
                _ = try store.read { c in
                    try self.validateReports([self.readReportItem(.object(merged), path: "", now: now)], principal: principal, now: now, c, insert: false)
                }
            } catch let p as Problem {
                for e in p.errors where !issues.contains(where: { $0.field == e.field && $0.code == e.code }) {
                    issues.append(Issue(e.field, e.code, e.message)); statuses.append(p.status.code)
                }
            }
            throw Problem.validation(issues, statuses: statuses)
        }
        var built = req
        built.body = JSON.object(merged).serialized()
        built.headers.set("Content-Type", "application/json")
        try postReports(built, batch: false, keyBody: json, respond)
    }
}
