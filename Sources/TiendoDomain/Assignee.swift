/// Kinds of unit (*đơn vị*).
public enum UnitKind: String, Sendable, Hashable, CaseIterable, Codable {
    case province, department, district, commune, agency
}

/// What the expansion of selectors needs to know about a unit.
public struct UnitRef: Sendable, Hashable, Codable {
    public var id: String
    public var kind: UnitKind
    public var parentId: String?
    public init(id: String, kind: UnitKind, parentId: String? = nil) {
        self.id = id; self.kind = kind; self.parentId = parentId
    }
    enum CodingKeys: String, CodingKey { case id, kind, parentId = "parent_id" }
}

/// The parent links and per-kind unit lists that selector expansion needs,
/// built once for a set of units and reused for every expansion against it.
public struct UnitIndex: Sendable {
    /// Child id → parent id (units without a parent are absent).
    public let parent: [String: String]
    /// Unit ids of each kind, in the order of the units given.
    public let idsByKind: [UnitKind: [String]]

    public init(_ units: [UnitRef]) {
        var parent: [String: String] = [:]
        parent.reserveCapacity(units.count)
        var byKind: [UnitKind: [String]] = [:]
        for u in units {
            if let p = u.parentId { parent[u.id] = p }
            byKind[u.kind, default: []].append(u.id)
        }
        self.parent = parent
        self.idsByKind = byKind
    }

    public func ids(ofKind k: UnitKind) -> [String] { idsByKind[k] ?? [] }

    /// Whether `ancestor` is on `id`'s parent chain (at any depth, `id` itself
    /// excluded). Cycles in the parent chain are tolerated.
    public func isDescendant(_ id: String, of ancestor: String) -> Bool {
        var seen: Set<String> = [id]
        var cur = parent[id]
        while let c = cur {
            if c == ancestor { return true }
            if !seen.insert(c).inserted { return false }
            cur = parent[c]
        }
        return false
    }
}

/// A unit id (`so-y-te`) or a kind selector (`kind:district`: every unit of that
/// kind under the plan's issuer — the plans' "UBND các huyện, thị xã, thành phố").
/// JSON: the string form.
public enum Assignee: Sendable, Hashable, Codable, CustomStringConvertible, LosslessStringConvertible {
    case unit(String)
    case kind(UnitKind)

    /// `[a-z0-9-]{1,64}`.
    public static func isValidUnitId(_ s: String) -> Bool {
        let u = s.utf8
        guard (1...64).contains(u.count) else { return false }
        return u.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    /// `kind:<kind>` or a valid unit id; anything else is `nil`.
    public init?(_ description: String) {
        if description.hasPrefix("kind:") {
            guard let k = UnitKind(rawValue: String(description.dropFirst(5))) else { return nil }
            self = .kind(k)
        } else if Assignee.isValidUnitId(description) {
            self = .unit(description)
        } else {
            return nil
        }
    }

    /// Parse with a violation (`assignee_malformed`) naming `field`.
    public static func parse(_ text: String, field: String = "lead") -> Result<Assignee, RuleViolation> {
        if let a = Assignee(text) { return .success(a) }
        return .failure(RuleViolation(code: "assignee_malformed", field: field,
            message: "assignee \"\(text)\" is neither a unit id ([a-z0-9-]{1,64}) nor kind:\(UnitKind.allCases.map(\.rawValue).joined(separator: "|"))"))
    }

    public var description: String {
        switch self {
        case .unit(let id): return id
        case .kind(let k): return "kind:\(k.rawValue)"
        }
    }

    /// Expands assignees to unit ids, in order of first appearance, without duplicates.
    /// A unit id is kept as given (whether or not it is in `units`). `kind:K`
    /// expands to every unit of kind K that is a descendant of `issuerId` at any
    /// depth (the issuer itself excluded), in the order of `units`. Cycles in the
    /// parent chain are tolerated.
    public static func expand(_ assignees: [Assignee], issuerId: String, units: [UnitRef]) -> [String] {
        expand(assignees, issuerId: issuerId, index: UnitIndex(units))
    }

    /// As `expand(_:issuerId:units:)`, with the parent/kind index built once by the caller.
    public static func expand(_ assignees: [Assignee], issuerId: String, index: UnitIndex) -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        for a in assignees {
            switch a {
            case .unit(let id):
                if seen.insert(id).inserted { out.append(id) }
            case .kind(let k):
                for id in index.ids(ofKind: k) where id != issuerId && index.isDescendant(id, of: issuerId) {
                    if seen.insert(id).inserted { out.append(id) }
                }
            }
        }
        return out
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        switch Assignee.parse(s) {
        case .success(let a): self = a
        case .failure(let v): throw v
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// How a unit is assigned to a task.
public enum AssigneeRole: String, Sendable, Hashable, Codable {
    /// *đơn vị chủ trì*
    case lead
    /// *đơn vị phối hợp*
    case coordinating
}
