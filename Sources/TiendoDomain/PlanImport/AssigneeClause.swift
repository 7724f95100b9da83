import Foundation

/// Who a task line names: "Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu
/// tư tham mưu …", "Ngân hàng Chính sách xã hội tỉnh: Hỗ trợ …", "Phối hợp với Sở
/// Công Thương tổ chức …", "… (Đơn vị chủ trì: Sở Y tế; Thời hạn: Quý II/2024)".
public struct AssigneeClause: Sendable, Hashable {
    /// Units named as doing the task (before "chủ trì" or a colon, or as the sentence's subject).
    public var lead: [AssigneeMention] = []
    /// Units after "phối hợp với".
    public var coordinating: [AssigneeMention] = []
    /// "Thời hạn: …" written on the line.
    public var deadlineText: String? = nil
    /// The line names units and nothing else ("- UBND các huyện, thị xã, thành phố",
    /// "- Sở Y tế chủ trì, phối hợp với các đơn vị liên quan"): it introduces the lines under it.
    public var introducesOnly: Bool = false
    /// The task's own words with inline labels removed.
    public var title: String

    static func rx(_ s: String) -> Regex<AnyRegexOutput> { pattern(s) }

    /// Words that may end an introducing line without being a task.
    static let introTails: Set<String> = ["thuc hien", "thuc hien cac nhiem vu sau", "thuc hien cac noi dung sau", "trien khai cac nhiem vu sau",
                                          "thuc hien cac nhiem vu", "trien khai thuc hien", "thuc hien nhiem vu", "cac nhiem vu sau", ""]

    public static func read(_ text: String, matcher: UnitMatcher) -> AssigneeClause {
        var c = AssigneeClause(title: text)
        var body = text
        // inline labels: "(Đơn vị chủ trì: …; Đơn vị phối hợp: …; Thời hạn: …)"
        let fold = AlignedFold(body)
        let labelRx = rx(#"[(;.,-]? ?(?:(don vi chu tri|co quan chu tri|chu tri)|(don vi phoi hop|co quan phoi hop|phoi hop)|(thoi han(?: hoan thanh)?|thoi gian(?: thuc hien| hoan thanh| khac phuc)?)) ?: ?"#)
        let labels = fold.folded.matches(of: labelRx)
        if let first = labels.first, fold.offsets(first.range).lowerBound > 0 {
            for (i, m) in labels.enumerated() {
                let r = fold.offsets(m.range)
                let end = i + 1 < labels.count ? fold.offsets(labels[i + 1].range).lowerBound : fold.original.count
                var value = fold.quote(r.upperBound..<end)
                while let l = value.last, ").;".contains(l) { value.removeLast() }
                if m.output[1].range != nil { c.lead = matcher.mentions(in: value) }
                else if m.output[2].range != nil { c.coordinating = matcher.mentions(in: value) }
                else { c.deadlineText = value.trimmingWhitespace() }
            }
            var t = fold.quote(0..<fold.offsets(first.range).lowerBound)
            while let l = t.last, "(;,.- ".contains(l) { t.removeLast() }
            c.title = t
            body = t
            if !c.lead.isEmpty { return c }
        }
        // "X: rest" — units before the colon
        if let colon = body.firstIndex(of: ":") {
            let head = String(body[..<colon])
            let restText = String(body[body.index(after: colon)...]).trimmingWhitespace()
            if head.split(separator: " ").count <= 20, let lead = matcher.leading(in: head),
               lead.restStart >= lead.words.count || lead.words[lead.restStart...].allSatisfy({ $0.isSeparator }) {
                c.lead = lead.mentions
                c.introducesOnly = restText.isEmpty
                readCoordination(restText, into: &c, matcher: matcher)
                return c
            }
            // "Về đầu tư công: Sở Tài chính đôn đốc …" — a topic before the colon, the units after it
            let headKey = VietnameseText.searchKey(head)
            if (headKey.hasPrefix("ve ") || headKey.hasPrefix("doi voi ")), head.split(separator: " ").count <= 12, !restText.isEmpty {
                var inner = read(restText, matcher: matcher)
                inner.title = c.title
                inner.introducesOnly = false
                return inner
            }
        }
        // "X chủ trì, phối hợp với Y …" / "X tăng cường …"
        if let lead = matcher.leading(in: body) {
            let w = lead.words
            var p = lead.restStart
            c.lead = lead.mentions
            if p >= w.count || w[p...].allSatisfy({ $0.isSeparator }) { c.introducesOnly = true; return c }
            let chars = Array(body)
            let rest = PlanWords.quote(chars, w[p...])
            let restKey = VietnameseText.searchKey(rest)
            if restKey.hasPrefix("chu tri") {
                p += 2
                while p < w.count, w[p].isSeparator { p += 1 }
                let after = p < w.count ? PlanWords.quote(chars, w[p...]) : ""
                let leftover = readCoordination(after, into: &c, matcher: matcher)
                let key = VietnameseText.searchKey(leftover).trimmingCharacters(in: CharacterSet(charactersIn: ":. "))
                if introTails.contains(key) { c.introducesOnly = true }
            } else if restKey.hasPrefix("theo chuc nang") || restKey.hasPrefix("phoi hop") || restKey.hasPrefix("can cu") {
                readCoordination(rest, into: &c, matcher: matcher)
            }
            return c
        }
        readCoordination(body, into: &c, matcher: matcher)
        return c
    }

    /// Reads "phối hợp (chặt chẽ) với Y" at the start of `text` (after "chủ trì,") and
    /// returns what follows Y.
    @discardableResult
    static func readCoordination(_ text: String, into c: inout AssigneeClause, matcher: UnitMatcher) -> String {
        let fold = AlignedFold(text)
        guard let m = fold.firstMatch(rx(#"^(?:chu tri,? )?(?:va )?(?:cung )?phoi ho?p(?: chat che| tot)?(?: voi)? "#)) else { return text }
        let after = fold.quote(m.range.upperBound..<fold.original.count)
        guard let lead = matcher.leading(in: after) else {
            // "phối hợp với các đơn vị liên quan …" that the matcher reads as vague
            return after
        }
        c.coordinating = lead.mentions
        let chars = Array(after)
        return lead.restStart < lead.words.count ? PlanWords.quote(chars, lead.words[lead.restStart...]) : ""
    }
}
