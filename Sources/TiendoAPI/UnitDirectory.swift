// Every unit, read once per units revision, with the index that expands
// `kind:` selectors (SPEC §1) and a memo of the expansions already made.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

struct UnitDirectory: Sendable {
    let records: [UnitRecord]
    let refs: [UnitRef]
    let byID: [String: UnitRecord]
    /// Built once per directory so each `kind:` expansion does not rebuild it.
    let index: UnitIndex

    init(_ units: [UnitRecord]) {
        records = units
        refs = units.map { UnitRef(id: $0.id, kind: $0.kind, parentId: $0.parentID) }
        index = UnitIndex(refs)
        var m: [String: UnitRecord] = [:]
        for u in units { m[u.id] = u }
        byID = m
    }

    static func load(_ c: Connection) throws -> UnitDirectory { UnitDirectory(try UnitStore.all(in: c)) }

    /// `kind:` expansions already computed against this (immutable) directory.
    private let memo = KindExpansionMemo()

    /// As `Assignee.expand(_:issuerId:index:)`, with each (issuer, kind) expansion computed once per directory.
    func expand(_ assignees: [String], issuer: String) -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        for text in assignees {
            switch Assignee(text) {
            case .unit(let id)?:
                if seen.insert(id).inserted { out.append(id) }
            case .kind(let k)?:
                for id in memo.ids(issuer: issuer, kind: k, index: index) where seen.insert(id).inserted { out.append(id) }
            case nil:
                continue
            }
        }
        return out
    }
}

/// Memo of `kind:K` under an issuer → unit ids (in directory order). Bounded by
/// issuers × kinds. `@unchecked Sendable`: the dictionary is guarded by `lock`.
final class KindExpansionMemo: @unchecked Sendable {
    private struct Key: Hashable { let issuer: String; let kind: UnitKind }
    private let lock = NSLock()
    private var memo: [Key: [String]] = [:]

    func ids(issuer: String, kind: UnitKind, index: UnitIndex) -> [String] {
        let key = Key(issuer: issuer, kind: kind)
        lock.lock()
        if let hit = memo[key] { lock.unlock(); return hit }
        lock.unlock()
        let ids = Assignee.expand([.kind(kind)], issuerId: issuer, index: index)
        lock.lock(); memo[key] = ids; lock.unlock()
        return ids
    }
}
