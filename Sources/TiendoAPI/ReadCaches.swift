// The caches of the read side, all keyed by revisions read inside the request's
// own snapshot (RevisionStore): the unit directory, plan snapshots, and the
// encoded answers of the computed routes (task status, summary, compliance).
// A write never has to invalidate anything; see RevisionCache.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// One computed answer: which route, for what, as of which day, in which variant
/// (query and format), from which revision of its plan.
struct AnswerKey: Hashable, Sendable {
    enum Route: Hashable, Sendable { case task, summary, compliance }
    let route: Route
    let id: Int64
    let asOf: CivilDate
    let variant: String
    let revision: PlanRevision
}

struct PlanKey: Hashable, Sendable {
    let planID: Int64
    let revision: PlanRevision
}

public final class ReadCaches: Sendable {
    /// Answers cached by default, in bytes (TIENDO_ANSWER_CACHE_MB).
    public static let defaultAnswerBytes = 32 << 20

    let units = RevisionCache<Int64, UnitDirectory>(capacity: 4)
    let plans = RevisionCache<PlanKey, PlanSnapshot>(capacity: 1024)
    let answers: RevisionCache<AnswerKey, HTTPResponse>

    init(answerBytes: Int) {
        answers = RevisionCache(capacity: answerBytes) { $0.body.count + 256 }
    }
}

extension APIContext {
    /// The unit directory as `c` sees it.
    func unitDirectory(_ c: Connection) throws -> UnitDirectory {
        try unitDirectory(c, revision: RevisionStore.units(in: c))
    }

    func unitDirectory(_ c: Connection, revision: Int64) throws -> UnitDirectory {
        try caches.units.value(revision) { try UnitDirectory.load(c) }
    }

    /// The plan as `c` sees it, with the revision it was read at; nil when there is no such plan.
    func planSnapshot(_ planID: Int64, _ c: Connection) throws -> (PlanSnapshot, PlanRevision)? {
        guard let revision = try RevisionStore.plan(planID, in: c) else { return nil }
        return (try planSnapshot(planID, revision: revision, c), revision)
    }

    /// The plan at `revision`, which the caller read on `c` (so the plan exists in `c`'s snapshot).
    func planSnapshot(_ planID: Int64, revision: PlanRevision, _ c: Connection) throws -> PlanSnapshot {
        try caches.plans.value(PlanKey(planID: planID, revision: revision)) {
            guard let snap = try PlanSnapshot.load(planID, c, units: unitDirectory(c, revision: revision.units)) else {
                throw Problem.notFound("plan", String(planID))
            }
            return snap
        }
    }
}

extension ReadCaches {
    /// `TIENDO_ANSWER_CACHE_MB` (whole MiB, 0 turns the answer cache off), else the default.
    public static func answerBytes(fromEnvironment env: [String: String] = ProcessInfo.processInfo.environment) throws -> Int {
        guard let text = env["TIENDO_ANSWER_CACHE_MB"], !text.isEmpty else { return defaultAnswerBytes }
        guard let mb = Int(text), mb >= 0, mb <= 65_536 else { throw AnswerCacheSettingError(text: text) }
        return mb << 20
    }
}

public struct AnswerCacheSettingError: Error, CustomStringConvertible, Sendable {
    public let text: String
    public var description: String { "TIENDO_ANSWER_CACHE_MB=\(text) must be a whole number of MiB from 0 (off) to 65536" }
}
