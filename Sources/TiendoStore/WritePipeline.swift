// The one way a change reaches the database (issue 11): decide against a read
// snapshot on the request's thread — validation, every violation at once — then,
// in the serial writer, re-check what that decision depended on and apply it, in a
// group-committed transaction. If what it depended on changed in between, the
// writer decides again itself, against the rows as they are now, so a decision is
// never applied to data it was not made on. The writer's thread only re-reads a
// few counters and writes in the common case; the validation's reads and CPU stay
// on the request's thread.

import Foundation
import Synchronization
import TiendoSQLite

/// What a decision read that another write can change, read in the same transaction as the
/// decision. Equal stamps: the decision would be the same now. A part that could not be read
/// (a counter missing) makes the stamp incomplete, and an incomplete stamp never matches.
public struct WriteStamp: Sendable, Equatable {
    var parts: [String]
    var complete: Bool

    public init() { parts = []; complete = true }

    public func matches(_ o: WriteStamp) -> Bool { complete && o.complete && parts == o.parts }

    /// Appends one value read (nil: missing).
    public mutating func add(_ value: String?) {
        if let value { parts.append(value) } else { parts.append("∅"); complete = false }
    }

    /// The plan's structure revision and its columns the rules read (status, dates, schedule,
    /// aggregator): a change to the plan, its tasks, assignees or extensions changes it.
    public mutating func addPlan(_ planID: Int64, in c: Connection) throws {
        var value: String?
        try c.forEach("""
            SELECT (SELECT \(RevisionStore.integer("structure")) FROM plan_revisions WHERE plan_id = p.id) || ':' || \(ReportStore.planFingerprintSQL)
                   || ',' || quote(p.aggregator_id)
            FROM plans p WHERE p.id = ?
            """, [.integer(planID)]) { row in value = row.statement.isNull(0) ? nil : row.statement.string(0) }
        add(value)
    }

    /// The units counter: any unit created, renamed or moved changes it.
    public mutating func addUnits(in c: Connection) throws { add(try RevisionStore.units(in: c).map { String($0) }) }

    /// The tokens counter: any token created or revoked changes it.
    public mutating func addTokens(in c: Connection) throws { add(try RevisionStore.tokens(in: c).map { String($0) }) }
}

/// One change: how to decide it, re-check it in the writer, and apply it.
public struct Change<Decision: Sendable, Output: Sendable>: Sendable {
    /// Validates against what `c` sees and returns what to write; throws to refuse (nothing is
    /// written). Runs on a reader's snapshot first, and again in the writer when `recheck` says so.
    public var decide: @Sendable (Connection) throws -> Decision
    /// In the writer: the decision as it holds now (adjusted, e.g. with the next revision
    /// numbers), or nil when what it read has changed and it must be decided again there.
    public var recheck: @Sendable (Decision, Connection) throws -> Decision?
    /// In the writer: writes the decision.
    public var apply: @Sendable (Decision, Connection) throws -> Output

    public init(decide: @escaping @Sendable (Connection) throws -> Decision,
                recheck: @escaping @Sendable (Decision, Connection) throws -> Decision?,
                apply: @escaping @Sendable (Decision, Connection) throws -> Output) {
        self.decide = decide; self.recheck = recheck; self.apply = apply
    }
}

/// A decision with the stamp of what it read.
public struct Stamped<Decision: Sendable>: Sendable {
    public var decision: Decision
    public var stamp: WriteStamp
    public init(decision: Decision, stamp: WriteStamp) { self.decision = decision; self.stamp = stamp }
}

extension Change {
    /// A change whose re-check is a stamp: `stamp` reads, for a decision, what it depended on;
    /// the same stamp in the writer means the decision stands.
    public static func stamped<D: Sendable>(decide: @escaping @Sendable (Connection) throws -> D,
                                            stamp: @escaping @Sendable (D, Connection) throws -> WriteStamp,
                                            apply: @escaping @Sendable (D, Connection) throws -> Output) -> Change<Stamped<D>, Output>
    where Decision == Stamped<D> {
        Change<Stamped<D>, Output>(
            decide: { c in let d = try decide(c); return Stamped(decision: d, stamp: try stamp(d, c)) },
            recheck: { s, c in try stamp(s.decision, c).matches(s.stamp) ? s : nil },
            apply: { s, c in try apply(s.decision, c) })
    }
}

extension Change where Decision == Bool {
    /// A change whose checks read what it changes, so it is decided where it is applied, in the
    /// writer's transaction (plan edits, reviews): no snapshot first, nothing to re-check.
    public static func inWriter(_ body: @escaping @Sendable (Connection) throws -> Output) -> Change<Bool, Output> {
        Change<Bool, Output>(decide: { _ in true }, recheck: { d, _ in d }, apply: { _, c in try body(c) })
    }
}

extension Store {
    /// `Change.inWriter(body)` through the pipeline, answered after the COMMIT.
    public func submitInWriter<O: Sendable>(_ body: @escaping @Sendable (Connection) throws -> O,
                                            completion: @escaping @Sendable (Result<O, Error>) -> Void) {
        submit(Change<Bool, O>.inWriter(body), decided: true, completion: completion)
    }

    /// The same, waiting for the answer.
    public func submitInWriter<O: Sendable>(_ body: @escaping @Sendable (Connection) throws -> O) throws -> O {
        try submit(Change<Bool, O>.inWriter(body), decided: true)
    }
}

/// How often the writer had to decide again (tests check the fast path is the common one).
public struct PipelineStatistics: Sendable, Equatable {
    public var submitted = 0
    public var decidedAgainInWriter = 0
}

final class PipelineCounters: Sendable {
    let value = Mutex(PipelineStatistics())
}

extension Store {
    /// Decides `change` on a reader (or takes `decided`, made by the caller on one), then
    /// re-checks and applies it in the writer; `completion` runs after the durable COMMIT, or
    /// with the refusal. A refusal changes nothing.
    public func submit<D: Sendable, O: Sendable>(_ change: Change<D, O>, decided: D? = nil,
                                                 completion: @escaping @Sendable (Result<O, Error>) -> Void) {
        let first: D
        if let decided {
            first = decided
        } else {
            do { first = try readForWrite { try change.decide($0) } } catch { completion(.failure(error)); return }
        }
        pipeline.value.withLock { $0.submitted += 1 }
        let counters = pipeline
        write({ c -> O in
            if let now = try change.recheck(first, c) { return try change.apply(now, c) }
            counters.value.withLock { $0.decidedAgainInWriter += 1 }
            return try change.apply(try change.decide(c), c)
        }, completion: completion)
    }

    /// `submit`, waiting for the answer (on the request's thread).
    public func submit<D: Sendable, O: Sendable>(_ change: Change<D, O>, decided: D? = nil) throws -> O {
        let done = DispatchSemaphore(value: 0)
        let box = Mutex<Result<O, Error>?>(nil)
        submit(change, decided: decided) { r in box.withLock { $0 = r }; done.signal() }
        done.wait()
        return try box.withLock { $0! }.get()
    }

    public var pipelineStatistics: PipelineStatistics { pipeline.value.withLock { $0 } }
}
