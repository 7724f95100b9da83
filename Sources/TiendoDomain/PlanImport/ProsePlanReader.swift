import Foundation

/// Reads plans told in prose (seed 004): each paragraph or bullet that assigns a
/// shortcoming — "UBND tỉnh giao nhiệm vụ khắc phục hạn chế này cho X. Đơn vị phối
/// hợp là Y", "giao X chủ trì, phối hợp với Y" — becomes one shortcoming with one
/// task; the deadline is the plan's one deadline, usually in the closing paragraph.
struct ProsePlanReader {
    let matcher: UnitMatcher
    var shortcomings: [PlanStructureReader.OpenShortcoming] = []
    var lastTaskLine = 0

    static func rx(_ s: String) -> Regex<AnyRegexOutput> { pattern(s) }

    mutating func read(_ lines: [PlanLine]) {
        let giaoCho = Self.rx(#"(?:(?:uy ban nhan dan|ubnd) (?:tinh|huyen|thi xa|thanh pho) (?:da )?)?(?:va )?giao (?:nhiem vu )?(?:khac phuc )?(?:han che,? ?)?(?:yeu kem )?(?:nay )?cho "#)
        // "giao" the verb, not "giao thông", "giáo dục", "giao dịch"
        let giaoChuTri = Self.rx(#"(?:^|[,.;] |(?:tinh|huyen|pho|xa|da|va|dong thoi) )giao (?!nhiem vu|cho|thong|duc|dich|luu|ban|nhan|tiep|khoan|hang|thuong|vien)"#)
        let coordRx = Self.rx(#"(?:don vi|co quan) phoi hop(?: la| thuc hien)?\s*:?\s*"#)
        var n = 0
        var bullets: [Bool] = []
        for line in lines {
            let fold = AlignedFold(line.body)
            var leadText = ""
            var titleEnd = 0
            if let m = fold.firstMatch(giaoCho) {
                titleEnd = m.range.lowerBound
                let after = fold.quote(m.range.upperBound..<fold.original.count)
                leadText = after
            } else if let m = fold.firstMatch(giaoChuTri) {
                let after = fold.quote(m.range.upperBound..<fold.original.count)
                guard VietnameseText.searchKey(after).contains("chu tri") else { continue }
                titleEnd = m.range.lowerBound
                leadText = after
            } else { continue }
            // lead: up to "chủ trì", the coordinating label, or the sentence end
            var coordText: String? = nil
            let lf = AlignedFold(leadText)
            var leadEnd = lf.original.count
            if let c = lf.firstMatch(coordRx) {
                leadEnd = min(leadEnd, c.range.lowerBound)
                var rest = lf.quote(c.range.upperBound..<lf.original.count)
                if let stop = rest.firstIndex(where: { $0 == "." || $0 == ";" }) { rest = String(rest[..<stop]) }
                coordText = rest
            }
            if let ct = lf.firstMatch(Self.rx(#" chu tri,? ?(?:phoi hop voi )?"#)) {
                if ct.range.lowerBound < leadEnd {
                    let after = lf.quote(ct.range.upperBound..<leadEnd)
                    leadEnd = ct.range.lowerBound
                    if coordText == nil, VietnameseText.searchKey(lf.quote(ct.range)).contains("phoi hop") { coordText = after }
                }
            }
            var leadPart = lf.quote(0..<leadEnd)
            if let stop = leadPart.firstIndex(where: { $0 == "." }) { leadPart = String(leadPart[..<stop]) }
            let key = VietnameseText.searchKey(leadPart)
            for tail in [" va don vi phoi hop", " - don vi phoi hop", " va don vi"] {
                if let r = key.range(of: tail) { leadPart = String(leadPart.prefix(key.distance(from: key.startIndex, to: r.lowerBound))) }
            }
            while let l = leadPart.last, ".,;:- ".contains(l) { leadPart.removeLast() }
            var title = fold.quote(0..<titleEnd)
            while let l = title.last, ",;:- ".contains(l) { title.removeLast() }
            for prefix in ["Đối với nội dung ", "Về nội dung ", "Đối với hạn chế ", "Về tình trạng "] where title.hasPrefix(prefix) {
                title = String(title.dropFirst(prefix.count)); title = title.prefix(1).uppercased() + title.dropFirst()
            }
            if title.isEmpty { title = line.body }
            n += 1
            var s = PlanStructureReader.OpenShortcoming(code: String(n), title: title, line: line.number)
            s.hasLabel = true
            let lead = PlanStructureReader.mentions(matcher.mentions(in: leadPart), line: line.number)
            // "… giao cụ thể cho từng cơ quan chủ trì" tells of the plan, it assigns nothing
            guard lead.contains(where: { !$0.mention.assignees.isEmpty || $0.mention.resolution != .vague && !$0.mention.candidates.isEmpty }) else { continue }
            let coord = PlanStructureReader.mentions(coordText.map { matcher.mentions(in: $0) } ?? [], line: line.number)
            s.tasks = [PlanStructureReader.OpenTask(title: line.body, level: 0, lead: lead, coordinating: coord, leadExplicit: true,
                                                    coordinatingExplicit: true, deadlineText: nil, deadlineLine: nil,
                                                    firstLine: line.number, lastLine: line.number)]
            shortcomings.append(s)
            bullets.append(line.marker != nil)
        }
        // where the assignments are a list, paragraphs around it ("Như vậy, …") only sum it up
        if bullets.contains(true) {
            shortcomings = zip(shortcomings, bullets).filter { $0.1 }.map(\.0)
            for i in shortcomings.indices { shortcomings[i].code = String(i + 1) }
        }
        lastTaskLine = shortcomings.last?.tasks.last?.lastLine ?? 0
    }
}

/// Finds a deadline phrase inside a sentence ("… phải khắc phục những hạn chế này
/// trong năm 2025 và những năm tiếp theo, …") and reads it with `DeadlineParser`.
enum DeadlineFinder {
    static let patterns: [String] = [
        #"(?:trong |tu )?(?:nam )?\d{4} (?:va|den) (?:cac|nhung) nam tiep theo"#,
        #"tu (?:nam )?\d{4} tro di"#,
        #"(?:truoc|cham nhat) (?:ngay )?\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"#,
        #"(?:trong |truoc |het )?(?:quy [ivx0-9]+ ?(?:/|nam) ?\d{4})"#,
        #"(?:trong |het )?(?:0?6|3) thang (?:dau|cuoi) nam \d{4}"#,
        #"(?:trong )?thang \d{1,2} ?(?:/|nam) ?\d{4}"#,
        #"khac phuc tung buoc,? dam bao on dinh tinh hinh"#,
        #"(?:trong )nam \d{4}"#,
    ]

    /// The first phrase in `text` the parser accepts, with the phrase in the document's words.
    static func find(in text: String) -> (Deadline, String)? {
        let fold = AlignedFold(text)
        for p in patterns {
            guard let m = fold.firstMatch(pattern(p)) else { continue }
            let phrase = fold.quote(m.range)
            if case .success(let d) = DeadlineParser.parse(phrase) { return (d, phrase) }
        }
        return nil
    }
}
