import Foundation

/// Finds the reporting rule in a plan's text and reads it as a `ReportSchedule`:
/// "định kỳ ngày 15 của tháng cuối quý" → quarterly, day 15; "trước ngày 15 của
/// tháng cuối quý" → the same, strict; "trước ngày 05/6 và 05/12 hàng năm" →
/// half-yearly, day 5; "định kỳ 6 tháng" → half-yearly, day 15; "trước ngày 20
/// hằng tháng" → monthly; "báo cáo kết quả thực hiện vào 09/6/2017" → once.
///
/// `ReportSchedule` holds one `due_day`; when the two half-year days differ
/// ("15/6 và 10/12") the earlier one is kept and the reader says so.
public enum ReportClauseReader {
    public struct Found: Sendable, Hashable {
        public var schedule: ReportSchedule
        /// The clause in the document's words.
        public var text: String
        public var line: Int
        /// Set when the clause said more than the schedule holds.
        public var note: String?
    }

    struct Pattern {
        let regex: Regex<AnyRegexOutput>
        /// How explicit the form is: dated forms beat "định kỳ 6 tháng".
        let weight: Int
        let build: ([String?]) -> (ReportSchedule, String?)?
    }

    static func day(_ s: String?) -> Int? { s.flatMap { Int($0) }.flatMap { (1...31).contains($0) ? $0 : nil } }

    /// Built per use: `Regex` is not `Sendable`, and a document is read once.
    static func makePatterns() -> [Pattern] {
        func rx(_ s: String) -> Regex<AnyRegexOutput> { pattern(s) }
        return [
            Pattern(regex: rx(#"(truoc |cham nhat )?(?:vao )?ngay (\d{1,2}) (?:cua |hang |hàng )?thang cuoi (?:cua )?(?:moi |hang |cac )?quy"#), weight: 3) { c in
                day(c[1]).map { (ReportSchedule(frequency: .quarterly, dueDay: $0, strict: c[0] != nil), nil) }
            },
            Pattern(regex: rx(#"(truoc |cham nhat )?(?:vao )?(?:ngay )?(\d{1,2}) ?[/.-] ?(\d{1,2}) va (?:ngay )?(\d{1,2}) ?[/.-] ?(\d{1,2}) (?:hang|moi) nam"#), weight: 3) { c in
                guard let d1 = day(c[1]), let d2 = day(c[3]), let m1 = c[2].flatMap({ Int($0) }), let m2 = c[4].flatMap({ Int($0) }) else { return nil }
                let strict = c[0].map { $0.hasPrefix("truoc") } ?? false
                guard Set([m1, m2]) == [6, 12] || (m1 != m2 && abs(m1 - m2) == 6) else { return nil }
                let note = d1 == d2 ? nil : "the two days differ (\(d1)/\(m1) and \(d2)/\(m2)); the schedule keeps the earlier day, \(min(d1, d2))"
                return (ReportSchedule(frequency: .halfYearly, dueDay: min(d1, d2), strict: strict), note)
            },
            Pattern(regex: rx(#"(truoc |cham nhat )?(?:vao )?ngay (\d{1,2}) (?:cua )?(?:thang cuoi (?:cua )?(?:moi )?(?:0?6 thang|nua nam)|thang 6 va thang 12)"#), weight: 3) { c in
                day(c[1]).map { (ReportSchedule(frequency: .halfYearly, dueDay: $0, strict: c[0] != nil), nil) }
            },
            Pattern(regex: rx(#"(truoc |cham nhat )?(?:vao )?ngay (\d{1,2}) ?(?:[/.-] ?12|thang 12) (?:hang|moi) nam"#), weight: 3) { c in
                day(c[1]).map { (ReportSchedule(frequency: .yearly, dueDay: $0, strict: c[0] != nil), nil) }
            },
            Pattern(regex: rx(#"(truoc |cham nhat )?(?:vao )?ngay (\d{1,2}) (?:hang|moi|cua moi|cua hang) thang"#), weight: 3) { c in
                day(c[1]).map { (ReportSchedule(frequency: .monthly, dueDay: $0, strict: c[0] != nil), nil) }
            },
            Pattern(regex: rx(#"bao cao ket qua[^.;]{0,80}?(vao|truoc|cham nhat|trong) (?:ngay )?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"#), weight: 3) { c in
                guard let d = c[1].flatMap({ Int($0) }), let m = c[2].flatMap({ Int($0) }), let y = c[3].flatMap({ Int($0) }),
                      Deadline.yearRange.contains(y), let date = CivilDate(year: y, month: m, day: d) else { return nil }
                return (ReportSchedule(frequency: .once, strict: c[0] == "truoc", onceDueOn: date), nil)
            },
            Pattern(regex: rx(#"(?:dinh ky (?:0?6|sau) thang|(?:0?6|sau) thang (?:mot|1) lan|(?:0?6|sau) thang (?:tong hop|bao cao))"#), weight: 1) { _ in
                (ReportSchedule(frequency: .halfYearly, dueDay: 15), nil)
            },
            Pattern(regex: rx(#"dinh ky (?:hang|moi) quy"#), weight: 1) { _ in (ReportSchedule(frequency: .quarterly, dueDay: 15), nil) },
            Pattern(regex: rx(#"dinh ky (?:hang|moi) thang"#), weight: 0) { _ in (ReportSchedule(frequency: .monthly, dueDay: 15), nil) },
        ]
    }

    /// Reads a schedule phrase on its own (what `POST /plans` accepts as `schedule`).
    public static func parse(phrase: String) -> ReportSchedule? {
        if let s = ReportSchedule.parse(phrase: phrase) { return s }
        let lines = PlanLines.split(phrase)
        return find(in: lines, afterLine: 0)?.schedule
    }

    /// The reporting rule of a document. Clauses after `afterLine` (the end of the
    /// tasks, where plans put "Tổ chức thực hiện") win; then the most explicit form.
    public static func find(in lines: [PlanLine], afterLine: Int) -> Found? {
        var best: (score: Int, found: Found)? = nil
        let patterns = makePatterns()
        for line in lines {
            let fold = AlignedFold(line.text)
            guard fold.folded.contains("bao cao") || fold.folded.contains("dinh ky") else { continue }
            for p in patterns {
                guard let m = fold.firstMatch(p.regex), let (schedule, note) = p.build(m.groups) else { continue }
                let clause = fold.clause(around: m.range)
                let clauseText = fold.quote(clause)
                let clauseFold = VietnameseText.searchKey(clauseText)
                var score = p.weight
                if line.number > afterLine { score += 10 }
                if clauseFold.contains("bao cao") { score += 2 }
                if clauseFold.contains("ket qua") || clauseFold.contains("khac phuc") { score += 1 }
                if best == nil || score > best!.score {
                    best = (score, Found(schedule: schedule, text: clauseText, line: line.number, note: note))
                }
                break
            }
        }
        return best?.found
    }
}
