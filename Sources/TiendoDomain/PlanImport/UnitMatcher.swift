import Foundation

/// A unit of the directory, as the import needs it.
public struct DirectoryUnit: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var kind: UnitKind
    public var parentId: String?
    public init(id: String, name: String, kind: UnitKind, parentId: String? = nil) {
        self.id = id; self.name = name; self.kind = kind; self.parentId = parentId
    }
    enum CodingKeys: String, CodingKey { case id, name, kind, parentId = "parent_id" }
}

/// What one assignee phrase of the document resolved to.
public enum MentionResolution: Sendable, Hashable {
    /// Unit ids and/or `kind:` selectors.
    case resolved([String])
    /// A group that names no unit and no kind ("các đơn vị liên quan", "các chủ đầu tư").
    case vague
    /// No unit matches; the closest names as candidates.
    case unresolved(candidates: [String])
    /// Several units match equally well.
    case ambiguous(candidates: [String])
}

/// One assignee phrase in the document's words and what it resolved to.
public struct AssigneeMention: Sendable, Hashable {
    public var text: String
    public var resolution: MentionResolution
    public var assignees: [String] { if case .resolved(let a) = resolution { return a } else { return [] } }
}

/// Resolves unit names against the directory, ignoring case and diacritics and
/// tolerating the abbreviations of `PlanWords` and one mistyped word in a long
/// name ("Ban Quản ký Khu kinh tế Nghi Sơn"). Words of the issuer's own name
/// (and its ancestors'), "tỉnh" and "chi nhánh" may be left out ("Bảo hiểm xã
/// hội huyện" in a district's plan is that district's office).
public struct UnitMatcher: Sendable {
    struct Entry: Sendable {
        let unit: DirectoryUnit
        let words: [String]
        let underIssuer: Bool
    }
    let entries: [Entry]
    let optional: Set<String>

    public init(units: [DirectoryUnit], issuerId: String?) {
        var byID: [String: DirectoryUnit] = [:]
        for u in units { byID[u.id] = u }
        var lineage: [String] = []
        var cursor = issuerId
        var guardCount = 0
        while let c = cursor, let u = byID[c], guardCount < 32 {
            lineage.append(u.id); cursor = u.parentId; guardCount += 1
        }
        var optional: Set<String> = ["tinh", "chi", "nhanh"]
        let generic: Set<String> = ["uy", "ban", "nhan", "dan"]
        for id in lineage {
            for w in PlanWords.split(byID[id]!.name) where !w.isSeparator && !generic.contains(w.key) { optional.insert(w.key) }
        }
        self.optional = optional
        let issuerSet = Set(lineage.prefix(1))
        func isUnderIssuer(_ u: DirectoryUnit) -> Bool {
            guard !issuerSet.isEmpty else { return false }
            var c: String? = u.id
            var n = 0
            while let id = c, n < 32 {
                if issuerSet.contains(id) { return true }
                c = byID[id]?.parentId; n += 1
            }
            return false
        }
        entries = units.map { u in
            Entry(unit: u, words: PlanWords.split(u.name).filter { !$0.isSeparator }.map(\.key), underIssuer: isUnderIssuer(u))
        }
    }

    // MARK: single names

    /// How `entry`'s name matches the words at `p`: the index after the match and how
    /// many name words were skipped, or nil.
    func match(_ entry: Entry, _ w: [PlanWord], at p: Int) -> (end: Int, skipped: Int)? {
        let n = entry.words
        var i = 0, j = p, matched = 0, skipped = 0, fuzzy = false
        while i < n.count {
            if matched > 0 {
                while j < w.count, w[j].isSeparator, ["-", ",", "&"].contains(w[j].key), j + 1 < w.count, !w[j + 1].isSeparator,
                      w[j + 1].key == n[i] || PlanWords.distance(w[j + 1].key, n[i]) == 0 { j += 1 }
            }
            if j < w.count, !w[j].isSeparator, w[j].key == n[i] {
                i += 1; j += 1; matched += 1
            } else if optional.contains(n[i]), matched > 0 {
                i += 1; skipped += 1
            } else if !fuzzy, n.count >= 6, matched >= 2, j < w.count, !w[j].isSeparator,
                      w[j].key.count >= 2, n[i].count >= 2, PlanWords.distance(w[j].key, n[i]) <= 1 {
                fuzzy = true; i += 1; j += 1; matched += 1
            } else {
                return nil
            }
        }
        // "Thanh tra, kiểm tra …" is a verb, not "Thanh tra tỉnh": a shortened name needs three words
        guard matched >= min(2, n.count), skipped == 0 || matched >= 3 else { return nil }
        return (j, skipped + (fuzzy ? 1 : 0))
    }

    /// The best unit name at `p`: ids (more than one when tied) and the end index.
    func matchUnit(_ w: [PlanWord], at p: Int) -> (ids: [String], end: Int)? {
        guard p < w.count, !w[p].isSeparator else { return nil }
        var best: [(Entry, Int, Int)] = []
        for e in entries where e.words.first == w[p].key {
            guard let (end, skipped) = match(e, w, at: p) else { continue }
            best.append((e, end, skipped))
        }
        guard !best.isEmpty else { return nil }
        let longest = best.map(\.1).max()!
        var top = best.filter { $0.1 == longest }
        if top.count > 1, top.contains(where: { $0.0.underIssuer }) { top = top.filter { $0.0.underIssuer } }
        let fewest = top.map(\.2).min()!
        top = top.filter { $0.2 == fewest }
        return (top.map(\.0.unit.id), longest)
    }

    // MARK: groups

    /// Nouns of group phrases and the unit kinds they stand for ("" = names no kind).
    static let groupNouns: [[String]: [UnitKind]] = [
        ["so"]: [.department, .agency], ["ban"]: [.department, .agency], ["nganh"]: [.department, .agency],
        ["co", "quan"]: [.department, .agency], ["phong"]: [.department],
        ["huyen"]: [.district], ["thi", "xa"]: [.district], ["thanh", "pho"]: [.district], ["dia", "phuong"]: [.district],
        ["quan"]: [.district],
        ["xa"]: [.commune], ["phuong"]: [.commune], ["thi", "tran"]: [.commune],
        ["don", "vi"]: [], ["cap"]: [], ["to", "chuc"]: [],
    ]
    /// Nouns that also begin a unit's name: they continue a group only when no name follows.
    static let nameHeads: Set<String> = ["so", "ban", "phong"]
    static let qualifiers: [[String]] = [["cap", "tinh"], ["cap", "huyen"], ["cap", "xa"], ["co", "lien", "quan"], ["lien", "quan"],
                                         ["truc", "thuoc"], ["thuoc", "tinh"], ["tren", "dia", "ban"]]

    static func words(_ w: [PlanWord], _ p: Int, _ seq: [String]) -> Bool {
        guard p + seq.count <= w.count else { return false }
        for (k, s) in seq.enumerated() where w[p + k].isSeparator || w[p + k].key != s { return false }
        return true
    }

    /// A group phrase at `p` ("UBND các huyện, thị xã, thành phố", "các sở, ban, ngành,
    /// đơn vị cấp tỉnh", "Cấp ủy - UBND các xã, thị trấn"): its selectors (empty when
    /// it names no kind) and end index.
    func matchGroup(_ w: [PlanWord], at start: Int) -> (selectors: [String], end: Int)? {
        var p = start
        func skipSeparators(_ keys: Set<String>) { while p < w.count, w[p].isSeparator, keys.contains(w[p].key) { p += 1 } }
        var prefixed = false
        for prefix in [["cap", "uy"], ["chu", "tich"], ["nguoi", "dung", "dau"], ["uy", "ban", "nhan", "dan"]] where Self.words(w, p, prefix) {
            p += prefix.count; prefixed = true; skipSeparators(["-", ","])
            if p < w.count, w[p].key == "va" { p += 1 }
        }
        if Self.words(w, p, ["uy", "ban", "nhan", "dan"]) { p += 4; prefixed = true }
        var hasCac = false
        if p < w.count, w[p].key == "cac" {
            hasCac = true; p += 1
            if p < w.count, w[p].isSeparator, w[p].key == "," { p += 1 }  // "Các, ngành, đơn vị" (sic)
        }
        guard hasCac || prefixed else { return nil }
        var kinds: [UnitKind] = []
        var nouns = 0, namesKind = false, qualifiedProvince = false
        var lastGood = p
        loop: while p < w.count {
            if let q = Self.qualifiers.first(where: { Self.words(w, p, $0) }) {
                if q == ["cap", "tinh"] { qualifiedProvince = true }
                p += q.count; lastGood = p
            } else if let (seq, k) = Self.groupNouns.filter({ Self.words(w, p, $0.key) }).max(by: { $0.key.count < $1.key.count }) {
                let after = p + seq.count
                if Self.nameHeads.contains(seq[0]), after < w.count, !w[after].isSeparator,
                   !["va", "cac", "cap", "co", "lien"].contains(w[after].key) { break loop }
                nouns += 1; p = after; lastGood = p
                if !k.isEmpty { namesKind = true }
                for kind in k where !kinds.contains(kind) { kinds.append(kind) }
            } else if nouns > 0, p < w.count, (w[p].isSeparator && w[p].key == ",") || w[p].key == "va" || w[p].key == "cac" {
                // a list of nouns goes on after ",", "và", "các" — but only if a noun or qualifier follows
                var q = p
                var sawVa = false
                while q < w.count, (w[q].isSeparator && w[q].key == ",") || w[q].key == "va" || w[q].key == "cac" {
                    if w[q].key == "va" { sawVa = true }
                    q += 1
                }
                // "… thành phố và các đơn vị liên quan": a vague group of its own
                if sawVa, Self.groupNouns.contains(where: { Self.words(w, q, $0.key) && $0.value.isEmpty }) { break loop }
                let continues = Self.qualifiers.contains { Self.words(w, q, $0) }
                    || Self.groupNouns.keys.contains { Self.words(w, q, $0) && !(Self.nameHeads.contains($0[0]) && q + $0.count < w.count && !w[q + $0.count].isSeparator && !["va", "cac", "cap", "co", "lien"].contains(w[q + $0.count].key)) }
                guard continues else { break loop }
                p = q
            } else {
                break loop
            }
        }
        guard nouns > 0, hasCac || nouns >= 2 else { return nil }
        if !namesKind && qualifiedProvince { kinds = [.department, .agency] }
        let order: [UnitKind] = [.department, .agency, .district, .commune]
        return (order.filter { kinds.contains($0) }.map { "kind:\($0.rawValue)" }, lastGood)
    }

    // MARK: phrases

    /// First words of unit names and group phrases: a list item not starting with one
    /// continues the previous item ("Sở Văn hóa, Thể thao và Du lịch").
    static let heads: Set<String> = ["so", "uy", "ban", "cong", "bo", "thanh", "bao", "ngan", "van", "cuc", "chi", "trung",
                                     "lien", "hiep", "hoi", "phong", "cac", "cap", "tinh", "dai", "truong", "kho", "mat",
                                     "vien", "vcci", "doan", "huyen", "xa", "thi", "quan", "nguoi", "chu", "benh", "toa"]

    /// Words of phrases that name people or firms, not units of the directory ("chủ đầu tư", "doanh nghiệp").
    static let vagueMarkers: [String] = ["chu dau tu", "doanh nghiep", "nha dau tu", "nha thau", "to chuc", "ca nhan", "nguoi dan",
                                         "co so", "lien quan", "dia phuong", "don vi"]

    /// Candidates for a phrase no name matched: the units sharing most words.
    func candidates(for words: [String], limit: Int = 3) -> [String] {
        let set = Set(words).subtracting(["va", "cac", "cua", "tinh"])
        guard !set.isEmpty else { return [] }
        var scored: [(String, Double)] = []
        for e in entries {
            let names = Set(e.words).subtracting(["va", "cac", "cua", "tinh"])
            let common = set.intersection(names).count
            guard common > 0 else { continue }
            let score = Double(common) / Double(set.union(names).count)
            if score >= 0.25 { scored.append((e.unit.id, score)) }
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
    }

    /// Reads a list of assignees ("Sở Y tế; UBND các huyện, thị xã, thành phố và các đơn vị liên quan").
    public func mentions(in text: String) -> [AssigneeMention] {
        let chars = Array(text)
        let w = PlanWords.split(text)
        return mentions(chars, w, 0..<w.count)
    }

    func mentions(_ chars: [Character], _ w: [PlanWord], _ range: Range<Int>) -> [AssigneeMention] {
        var out: [AssigneeMention] = []
        var p = range.lowerBound
        var fragmentStart: Int? = nil
        func closeFragment(_ end: Int) {
            guard let s = fragmentStart, s < end else { fragmentStart = nil; return }
            var e = end
            while e > s, w[e - 1].isSeparator || w[e - 1].key == "va" { e -= 1 }
            fragmentStart = nil
            guard e > s else { return }
            let keys = w[s..<e].filter { !$0.isSeparator }.map(\.key)
            let joined = " " + keys.joined(separator: " ") + " "
            if let f = keys.first, !["so", "ban", "phong", "cuc", "trung", "vien"].contains(f),
               Self.vagueMarkers.contains(where: { joined.contains(" \($0) ") }) {
                out.append(AssigneeMention(text: PlanWords.quote(chars, w[s..<e]), resolution: .vague)); return
            }
            if let last = out.last, case .unresolved = last.resolution, let f = keys.first, !Self.heads.contains(f) {
                // continues the previous unknown name
                out.removeLast()
                out.append(AssigneeMention(text: last.text + ", " + PlanWords.quote(chars, w[s..<e]),
                                           resolution: .unresolved(candidates: candidates(for: PlanWords.split(last.text).map(\.key) + keys))))
                return
            }
            out.append(AssigneeMention(text: PlanWords.quote(chars, w[s..<e]), resolution: .unresolved(candidates: candidates(for: keys))))
        }
        while p < range.upperBound {
            if w[p].isSeparator || w[p].key == "va" {
                if fragmentStart != nil, w[p].isSeparator, [",", ";", "."].contains(w[p].key) {
                    // a comma ends an unknown name only if what follows starts another
                    var q = p + 1
                    while q < range.upperBound, w[q].isSeparator { q += 1 }
                    if q >= range.upperBound || Self.heads.contains(w[q].key) || w[p].key != "," { closeFragment(p) }
                }
                p += 1; continue
            }
            if fragmentStart == nil {
                if let g = matchGroup(w, at: p), g.end <= range.upperBound {
                    let end = extendTail(w, g.end, range.upperBound)
                    out.append(AssigneeMention(text: PlanWords.quote(chars, w[p..<end]), resolution: g.selectors.isEmpty ? .vague : .resolved(g.selectors)))
                    p = end; continue
                }
                if let u = matchUnit(w, at: p), u.end <= range.upperBound {
                    let end = extendTail(w, u.end, range.upperBound)
                    out.append(AssigneeMention(text: PlanWords.quote(chars, w[p..<end]),
                                               resolution: u.ids.count == 1 ? .resolved(u.ids) : .ambiguous(candidates: u.ids)))
                    p = end; continue
                }
                if w[p].key == "cac" {
                    // "các chủ đầu tư", "các doanh nghiệp": a group naming no unit
                    var e = p + 1
                    while e < range.upperBound, !(w[e].isSeparator && [",", ";", "."].contains(w[e].key)) { e += 1 }
                    out.append(AssigneeMention(text: PlanWords.quote(chars, w[p..<e]), resolution: .vague))
                    p = e; continue
                }
                fragmentStart = p
            }
            p += 1
        }
        closeFragment(range.upperBound)
        return out
    }

    /// After a name, words up to the next separator belong to it ("… có liên quan", "… tỉnh").
    func extendTail(_ w: [PlanWord], _ end: Int, _ limit: Int) -> Int {
        var e = end
        while e < limit, !w[e].isSeparator, w[e].key != "va" { e += 1 }
        return e
    }

    /// Units named at the start of a task ("Sở Tài chính, Sở Kế hoạch và Đầu tư tham
    /// mưu …", "UBND các huyện, thị xã, thành phố: Tổ chức …"): the mentions and the
    /// word index where the rest begins; nil when the text does not start with a name.
    public func leading(in text: String) -> (mentions: [AssigneeMention], restStart: Int, words: [PlanWord])? {
        let chars = Array(text)
        let w = PlanWords.split(text)
        var p = 0
        var out: [AssigneeMention] = []
        while p < w.count {
            if let g = matchGroup(w, at: p) {
                out.append(AssigneeMention(text: PlanWords.quote(chars, w[p..<g.end]), resolution: g.selectors.isEmpty ? .vague : .resolved(g.selectors)))
                p = g.end
            } else if let u = matchUnit(w, at: p) {
                out.append(AssigneeMention(text: PlanWords.quote(chars, w[p..<u.end]),
                                           resolution: u.ids.count == 1 ? .resolved(u.ids) : .ambiguous(candidates: u.ids)))
                p = u.end
            } else if p == 0, w[p].key == "cac" {
                // "- Các chủ đầu tư": a group naming no unit, alone on its line
                var e = p + 1
                while e < w.count, !w[e].isSeparator { e += 1 }
                guard e - p <= 5, e == w.count || w[e].key == ":" else { break }
                out.append(AssigneeMention(text: PlanWords.quote(chars, w[p..<e]), resolution: .vague))
                p = e
                break
            } else {
                break
            }
            var q = p
            while q < w.count, (w[q].isSeparator && [",", ";", "-"].contains(w[q].key)) || w[q].key == "va" { q += 1 }
            if q < w.count, matchGroup(w, at: q) != nil || matchUnit(w, at: q) != nil { p = q } else { break }
        }
        guard !out.isEmpty else { return nil }
        return (out, p, w)
    }
}
