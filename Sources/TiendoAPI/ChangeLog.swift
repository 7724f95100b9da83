// Building audit-log entries (PlanChangeStore): the fields an edit changed, from → to,
// and who made it. Every write that changes a plan calls `logChange` inside its own
// write closure, so the entry commits (or rolls back) with the change.

import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// The fields one change touched, in the order noted; a field whose value did not change
/// is left out.
struct ChangeDiff: Sendable {
    private(set) var fields: [(String, JSON, JSON)] = []
    var isEmpty: Bool { fields.isEmpty }

    mutating func note(_ field: String, _ from: JSON, _ to: JSON) {
        if from != to { fields.append((field, from, to)) }
    }

    var json: JSON { .obj(fields.map { ($0.0, .obj([("from", $0.1), ("to", $0.2)])) }) }

    /// Every field of `after` as created (from null).
    static func created(_ after: [(String, JSON)]) -> ChangeDiff {
        var d = ChangeDiff(); for (k, v) in after { d.note(k, .null, v) }; return d
    }
    /// Every field of `before` as deleted (to null).
    static func deleted(_ before: [(String, JSON)]) -> ChangeDiff {
        var d = ChangeDiff(); for (k, v) in before { d.note(k, v, .null) }; return d
    }
}

/// The audited fields of each entity, as JSON values.
enum Audited {
    static func task(_ t: TaskRecord) -> [(String, JSON)] {
        [("title", .string(t.title)), ("lead", .array(t.lead.map { .string($0) })),
         ("coordinating", .array(t.coordinating.map { .string($0) })),
         ("deadline", (try? JSONParser.parse(Array(t.deadlineJSON.utf8))) ?? .null), ("indicator", indicatorJSON(t.indicator)),
         ("cancelled_at", .str(t.cancelledAt)), ("cancel_reason", .str(t.cancelReason))]
    }

    static func shortcoming(_ s: ShortcomingRecord) -> [(String, JSON)] {
        [("code", .str(s.code)), ("title", .string(s.title)),
         ("causes", .array(s.causes.map { .obj([("kind", .string($0.kind)), ("text", .string($0.text))]) }))]
    }

    static func plan(_ p: PlanRecord) -> [(String, JSON)] {
        [("number", .string(p.number)), ("title", .string(p.title)), ("issuer_id", .string(p.issuerID)),
         ("issued_on", p.issuedOn.json), ("signer", .str(p.signer)), ("aggregator_id", .string(p.aggregatorID)),
         ("schedule", scheduleJSON(p.schedule)), ("status", .string(p.status.rawValue)), ("closed_on", p.closedOn.json)]
    }

    static func unit(_ u: UnitRecord) -> [(String, JSON)] {
        [("name", .string(u.name)), ("kind", .string(u.kind.rawValue)), ("parent_id", .str(u.parentID))]
    }

    /// from → to of every audited field that differs between two versions.
    static func diff(_ before: [(String, JSON)], _ after: [(String, JSON)]) -> ChangeDiff {
        var d = ChangeDiff()
        for ((k, a), (_, b)) in zip(before, after) { d.note(k, a, b) }
        return d
    }
}

/// Writes one audit entry with `c` (call inside the write closure of the change).
func logChange(_ c: Connection, plan: Int64?, entity: String, id: String, action: String, diff: ChangeDiff,
               by p: Principal, at now: String) throws {
    try PlanChangeStore.insert(PlanChangeRecord(planID: plan, entity: entity, entityID: id, action: action, changes: diff.json.text,
                                                tokenID: p.tokenID, role: p.role.rawValue, unitID: p.unitID, label: p.label,
                                                changedAt: now), in: c)
}

func planChangeJSON(_ e: PlanChangeRecord) -> JSON {
    let changes: JSON = (try? JSONParser.parse(Array(e.changes.utf8))) ?? .obj([])
    return .obj([("id", .int(e.id)), ("plan_id", e.planID.map { .int($0) } ?? .null), ("changed_at", .string(e.changedAt)),
                 ("entity", .string(e.entity)), ("entity_id", .string(e.entityID)), ("action", .string(e.action)),
                 ("by", .obj([("token_id", e.tokenID.map { .int($0) } ?? .null), ("role", .str(e.role)),
                              ("unit_id", .str(e.unitID)), ("label", .str(e.label))])),
                 ("changes", changes)])
}
