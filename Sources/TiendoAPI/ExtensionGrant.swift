// An extension of a task's deadline (gia hạn), decided and applied: what POST
// /tasks/{id}/extensions does, and what granting an extension request does in
// the same write — one path, so both check and log an extension alike.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension APIContext {
    /// Validates an extension of task `id` to `rawDeadline` (a phrase or the structured form)
    /// against what `c` sees: every violation at once, 409 for a closed plan.
    func decideExtension(taskID id: Int64, rawDeadline: JSON?, reason: String?, bodyIssues: [Issue],
                         principal: Principal, now: String, _ c: Connection) throws -> ExtensionDecision {
        guard let task = try TaskStore.get(id, in: c), let plan = try PlanStore.get(task.planID, in: c) else {
            throw Problem.notFound("task", String(id))
        }
        let granted = try TaskStore.extensions(of: id, in: c)
        var issues = IssueSet()
        for i in bodyIssues { issues.add(i) }
        var deadline: Deadline? = nil
        if let rawDeadline {
            (deadline, issues) = self.readDeadline(rawDeadline, path: "deadline", issues: issues)
            if let d = deadline, let v = d.validate(issuedOn: plan.issuedOn, field: "deadline") { issues.add(v) }
            // Gia hạn moves a deadline later; an earlier date is not an extension (a typo
            // here would turn a task overdue retroactively).
            let currentDue = granted.last.map { $0.dueOn } ?? decodeDeadline(task.deadlineJSON)?.dueOn
            if let d = deadline, let new = d.dueOn, let cur = currentDue, new < cur {
                issues.add(Issue("deadline", "extension_not_later",
                                 "The new due day \(new) is before the current one (\(cur)); an extension must move the deadline later."))
            }
        }
        if plan.status == .closed { issues.add(Issue("", "plan_closed", "Plan \(plan.id) is closed."), status: 409) }
        guard issues.isEmpty, let deadline, let reason else { throw issues.problem }
        let record = ExtensionRecord(taskID: task.id, deadlineJSON: encodeDeadline(deadline), dueOn: deadline.dueOn, reason: reason,
                                     grantedBy: principal.tokenID, createdAt: now)
        return ExtensionDecision(record: record, planID: task.planID, deadline: deadline)
    }

    /// Writes the extension and its audit-log entry, in the caller's writer transaction.
    func applyExtension(_ d: ExtensionDecision, principal: Principal, _ c: Connection) throws -> ExtensionRecord {
        let id = d.record.taskID
        // The deadline in force is read in the writer's transaction, so the logged "from"
        // is the one this extension replaced even when two are granted at once.
        let inForce = try TaskStore.extensions(of: id, in: c).last?.deadlineJSON ?? TaskStore.get(id, in: c)?.deadlineJSON
        let oldDeadline: JSON = inForce.flatMap { try? JSONParser.parse(Array($0.utf8)) } ?? .null
        let e = try TaskStore.addExtension(d.record, in: c)
        // "Who moved this deadline": the deadline in force before → the extension's.
        var diff = ChangeDiff()
        diff.note("task_id", .null, .int(id))
        diff.note("deadline", oldDeadline, deadlineJSON(d.deadline))
        diff.note("reason", .null, .string(e.reason))
        try logChange(c, plan: d.planID, entity: "extension", id: String(e.id), action: "create", diff: diff, by: principal, at: e.createdAt)
        return e
    }
}
