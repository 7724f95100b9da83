// A bounded map from "what an answer was computed from" to the answer. Keys
// carry the revision counters read inside the computing snapshot, so an entry
// never goes stale: a change makes later readers ask for a new key and the old
// entry just stops being used. Eviction is therefore only about memory: least
// recently used first, once the total cost passes `capacity`.

import Foundation

/// `@unchecked Sendable`: all mutable state is guarded by `lock`.
final class RevisionCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private struct Entry {
        let value: Value
        let cost: Int
        var lastUse: UInt64
    }

    /// Most total cost kept; 0 disables the cache (every lookup computes).
    let capacity: Int
    private let cost: @Sendable (Value) -> Int
    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var clock: UInt64 = 0
    private var total = 0
    private var hits = 0
    private var misses = 0

    init(capacity: Int, cost: @escaping @Sendable (Value) -> Int = { _ in 1 }) {
        self.capacity = capacity
        self.cost = cost
    }

    /// `countingMiss` false: a second look after a miss already counted (a hit still counts).
    func value(_ key: Key, countingMiss: Bool = true) -> Value? {
        lock.lock(); defer { lock.unlock() }
        clock &+= 1
        guard var e = entries[key] else { if countingMiss { misses += 1 }; return nil }
        hits += 1
        e.lastUse = clock
        entries[key] = e
        return e.value
    }

    func insert(_ key: Key, _ value: Value) {
        let c = cost(value)
        guard capacity > 0, c <= capacity / 4 else { return }  // one answer may not flush the rest
        lock.lock(); defer { lock.unlock() }
        clock &+= 1
        if let old = entries.updateValue(Entry(value: value, cost: c, lastUse: clock), forKey: key) { total -= old.cost }
        total += c
        if total > capacity { evict() }
    }

    /// The cached value, or `compute()`'s, cached. Concurrent misses may both compute
    /// (same key, same snapshot revision: the same answer); the lock is never held while computing.
    func value(_ key: Key, orCompute compute: () throws -> Value) rethrows -> Value {
        if let v = value(key) { return v }
        let v = try compute()
        insert(key, v)
        return v
    }

    var count: Int { lock.lock(); defer { lock.unlock() }; return entries.count }

    /// Lookups answered from the cache and not, since start (for /metrics).
    var lookups: (hits: Int, misses: Int, entries: Int, cost: Int) {
        lock.lock(); defer { lock.unlock() }
        return (hits, misses, entries.count, total)
    }

    /// Drops least recently used entries down to three quarters of the capacity, so
    /// eviction (a sort) runs once per many inserts, not on each.
    private func evict() {
        let target = capacity * 3 / 4
        for (key, e) in entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }) {
            guard total > target else { break }
            entries[key] = nil
            total -= e.cost
        }
    }
}
