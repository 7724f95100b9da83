// The caches of the read side, all keyed by revisions read inside the request's
// own snapshot (RevisionStore): the unit directory, plan snapshots, and the
// encoded answers of the computed routes (task status, summary, compliance).
// A write never has to invalidate anything; see RevisionCache.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// One computed answer: which route, for what (and in which plan: a task id can be
/// reused by another plan), as of which day, in which variant (query and format), from
/// which revision of its plan.
struct AnswerKey: Hashable, Sendable {
    enum Route: Hashable, Sendable { case task, summary, compliance }
    let route: Route
    let plan: Int64
    let id: Int64
    let asOf: CivilDate
    let variant: String
    let revision: PlanRevision
}

extension AnswerKey {
    /// A strong entity tag naming exactly this answer: every field of the key, literally
    /// (the variant's characters outside `A-Z a-z 0-9 -` as `_XX` hex, to stay within ETag's
    /// characters). `epoch` is drawn at each start: a database restored from a backup counts
    /// its revisions again from older values, and a tag from before must not match after.
    func entityTag(epoch: UInt32) -> String {
        var v = ""
        for b in variant.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"):
                v.unicodeScalars.append(Unicode.Scalar(b))
            default:
                v += "_" + String(b, radix: 16)
            }
        }
        let r: String
        switch route { case .task: r = "t"; case .summary: r = "s"; case .compliance: r = "c" }
        return "\"\(r)\(plan).\(id)-\(asOf)-\(v)-\(revision.plan).\(revision.units)-\(String(epoch, radix: 16))\""
    }
}

/// Whether an `If-None-Match` / `If-Match` field value names `tag` (or is `*`).
/// `weak` (If-None-Match, RFC 9110 §13.1.2): a `W/` prefix on either side is ignored;
/// strong (If-Match, §13.1.1): a weak tag never matches.
func entityTagMatches(_ fieldValue: String, _ tag: String, weak: Bool = true) -> Bool {
    func trimmed(_ item: Substring) -> Substring {
        var t = item
        while let f = t.first, f == " " || f == "\t" { t.removeFirst() }
        while let l = t.last, l == " " || l == "\t" { t.removeLast() }
        return t
    }
    func opaque(_ t: Substring) -> Substring { t.hasPrefix("W/") ? t.dropFirst(2) : t }
    let want = opaque(Substring(tag))
    return fieldValue.split(separator: ",").contains { item in
        let t = trimmed(item)
        if t == "*" { return true }
        if !weak && t.hasPrefix("W/") { return false }
        return opaque(t) == want
    }
}

/// Which readers may share one computation (AnswerFlights): the same answer, whatever the
/// revision (each flight computes at the revision of its own snapshot), for the same caller.
struct FlightKey: Hashable, Sendable {
    let route: AnswerKey.Route
    let plan: Int64
    let id: Int64
    let asOf: CivilDate
    let variant: String
    let principal: Principal
}

/// A plan snapshot depends on the plan's structure (not its reports) and the units.
struct PlanKey: Hashable, Sendable {
    let planID: Int64
    let structure: Int64
    let units: Int64
}

public final class ReadCaches: Sendable {
    /// Answers cached by default, in bytes (TIENDO_ANSWER_CACHE_MB).
    public static let defaultAnswerBytes = 32 << 20

    let units = RevisionCache<Int64, UnitDirectory>(capacity: 4)
    let plans = RevisionCache<PlanKey, PlanSnapshot>(capacity: 1024)
    let answers: RevisionCache<AnswerKey, HTTPResponse>
    /// Readers waiting for the same computed answer (see AnswerFlights).
    let flights = AnswerFlights<FlightKey, PlanRevision, (AnswerKey, HTTPResponse)>()
    /// Part of every ETag; new at each start (see `AnswerKey.entityTag`).
    let epoch = UInt32.random(in: 0...UInt32.max)

    init(answerBytes: Int) {
        answers = RevisionCache(capacity: answerBytes) { $0.body.count + 256 }
    }
}

extension APIContext {
    /// The unit directory as `c` sees it.
    func unitDirectory(_ c: Connection) throws -> UnitDirectory {
        try unitDirectory(c, revision: RevisionStore.units(in: c) ?? -1)
    }

    /// The unit directory at units `revision` (read on `c`; negative: counter missing, not cached).
    func unitDirectory(_ c: Connection, revision: Int64) throws -> UnitDirectory {
        guard revision >= 0 else { return try UnitDirectory.load(c) }
        return try caches.units.value(revision) { try UnitDirectory.load(c) }
    }

    /// A computed answer (task status, summary, compliance), carrying its `ETag`; 304 instead when
    /// the request's `If-None-Match` names it. `source` runs in a read snapshot: it checks what the
    /// caller may read (throwing 404 / 403 / 400 as the route does), and names the answer at that
    /// snapshot's revision with the way to compute it there. It runs first in the request's own
    /// snapshot — where the answer may already be cached — and, on a miss, again in the snapshot
    /// of the computation, which readers of the same answer that are waiting share (AnswerFlights)
    /// and which passes the compute gate (Fairness). The two must be snapshots of their own: the
    /// routes are registered by `addComputedRead`, never inside a request-wide read transaction.
    /// The answer is found or computed first, so a request that fails (a bad `period`, say) fails
    /// whatever its preconditions (RFC 9110 §13.2.1).
    func computedAnswer(_ req: HTTPRequest, _ principal: Principal,
                        _ source: (Connection) throws -> (key: AnswerKey, compute: () throws -> HTTPResponse)) throws -> HTTPResponse {
        let asked: (key: AnswerKey, cached: HTTPResponse?) = try store.read { c in
            let key = try source(c).key
            return (key, key.revision.isCacheable ? caches.answers.value(key) : nil)
        }
        let (key, computed): (AnswerKey, HTTPResponse)
        if let cached = asked.cached {
            (key, computed) = (asked.key, cached)
        } else {
            // Readers are coalesced per answer and per caller, so a refusal computed for one
            // caller never reaches another.
            let flight = FlightKey(route: asked.key.route, plan: asked.key.plan, id: asked.key.id, asOf: asked.key.asOf,
                                   variant: asked.key.variant, principal: principal)
            (key, computed) = try caches.flights.run(flight, arrivedAt: asked.key.revision.isCacheable ? asked.key.revision : nil) { close, running in
                // A reader, then the gate: the order every computed read takes them in. The read
                // transaction is DEFERRED, so its snapshot is taken by `source`'s first query, after
                // `close()`: after every reader sharing this computation arrived.
                try store.read { c in
                    try computeGate.run {
                        close()
                        let (key, compute) = try source(c)
                        // Readers whose own snapshot saw this very revision may share it too.
                        if key.revision.isCacheable { running(key.revision) }
                        if key.revision.isCacheable, let done = caches.answers.value(key, countingMiss: false) { return (key, done) }
                        let r = try compute()
                        if key.revision.isCacheable { caches.answers.insert(key, r) }
                        return (key, r)
                    }
                }
            }
        }
        var r = computed
        let tag = key.entityTag(epoch: caches.epoch)
        if r.status == 200, let inm = req.headers["If-None-Match"], entityTagMatches(inm, tag) {
            return HTTPResponse(status: 304, headers: ["ETag": tag, "Cache-Control": "private, no-cache"])
        }
        r.headers.set("ETag", tag)
        // Authenticated, and stale as soon as someone reports: clients revalidate each time.
        r.headers.set("Cache-Control", "private, no-cache")
        return r
    }

    /// The plan as `c` sees it, with the revision it was read at; nil when there is no such plan.
    func planSnapshot(_ planID: Int64, _ c: Connection) throws -> (PlanSnapshot, PlanRevision)? {
        guard let revision = try RevisionStore.plan(planID, in: c) else { return nil }
        return (try planSnapshot(planID, revision: revision, c), revision)
    }

    /// The plan at `revision`, which the caller read on `c` (so the plan exists in `c`'s snapshot).
    func planSnapshot(_ planID: Int64, revision: PlanRevision, _ c: Connection) throws -> PlanSnapshot {
        func load() throws -> PlanSnapshot {
            guard let snap = try PlanSnapshot.load(planID, c, units: unitDirectory(c, revision: revision.units)) else {
                throw Problem.notFound("plan", String(planID))
            }
            return snap
        }
        guard revision.isCacheable else { return try load() }
        return try caches.plans.value(PlanKey(planID: planID, structure: revision.structure, units: revision.units), orCompute: load)
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
