import Foundation

extension ReportSchedule {
    /// Reads the reporting rule as plans write it (window `calendar`):
    /// - "định kỳ ngày 15 của tháng cuối quý" (83/KH-UBND) → quarterly, due_day 15
    /// - "định kỳ trước ngày 15 của tháng cuối quý" (63/KH-UBND) → quarterly, 15, strict
    /// - "định kỳ ngày 20 hằng tháng", "trước ngày 20 hằng tháng" → monthly
    /// - "định kỳ ngày 15 của tháng cuối mỗi 6 tháng" / "… tháng 6 và tháng 12" → half_yearly
    /// - "trước ngày 15 tháng 12 hằng năm" → yearly
    /// - "báo cáo kết quả thực hiện vào 09/6/2017" (000) → once, due_on 2017-06-09
    ///   ("trước 09/6/2017" → strict once)
    /// Surrounding words ("gửi báo cáo kết quả … về Sở Tài chính") are not allowed:
    /// pass the rule itself. Anything else is `nil`.
    public static func parse(phrase: String) -> ReportSchedule? {
        var s = VietnameseText.searchKey(phrase.map { ",;*_".contains($0) ? " " : $0 }.map(String.init).joined())
        while let l = s.last, ". ".contains(l) { s.removeLast() }
        func m(_ pattern: String) -> [String]? {
            guard let r = try? Regex(pattern), let hit = s.wholeMatch(of: r) else { return nil }
            return (1..<hit.output.count).map { hit.output[$0].substring.map(String.init) ?? "" }
        }
        let lead = #"(?:(?:gui )?bao cao (?:ket qua )?(?:thuc hien )?)?(?:dinh ky )?(?:(?:gui )?bao cao )?"#
        func day(_ t: String) -> Int? { Int(t).flatMap { (1...31).contains($0) ? $0 : nil } }
        if let c = m(lead + #"(truoc )?ngay (\d{1,2}) (?:cua |hang )?thang cuoi (?:cua )?(?:moi |hang )?quy"#), let d = day(c[1]) {
            return ReportSchedule(frequency: .quarterly, dueDay: d, strict: !c[0].isEmpty)
        }
        if let c = m(lead + #"(truoc )?ngay (\d{1,2}) (?:hang|moi|cua moi|cua hang) thang"#), let d = day(c[1]) {
            return ReportSchedule(frequency: .monthly, dueDay: d, strict: !c[0].isEmpty)
        }
        if let c = m(lead + #"(?:hang|moi) thang (truoc )?ngay (\d{1,2})"#), let d = day(c[1]) {
            return ReportSchedule(frequency: .monthly, dueDay: d, strict: !c[0].isEmpty)
        }
        if let c = m(lead + #"(truoc )?ngay (\d{1,2}) (?:cua )?(?:thang cuoi (?:cua )?(?:moi )?(?:0?6 thang|nua nam)|thang 6 va thang 12)(?: hang nam)?"#), let d = day(c[1]) {
            return ReportSchedule(frequency: .halfYearly, dueDay: d, strict: !c[0].isEmpty)
        }
        if let c = m(lead + #"(truoc )?ngay (\d{1,2}) thang 12 (?:hang|moi) nam"#), let d = day(c[1]) {
            return ReportSchedule(frequency: .yearly, dueDay: d, strict: !c[0].isEmpty)
        }
        // "báo cáo kết quả trước 14 giờ, ngày 05/12/2017": once, due that day by 14:00.
        if let c = m(#"(?:(?:gui )?bao cao (?:ket qua )?(?:thuc hien )?)?(?:cham nhat )?truoc (\d{1,2}) ?(?:gio|h)(?: ?(\d{1,2})(?: phut)?)? (?:ngay )?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"#),
           let h = Int(c[0]), let time = TimeOfDay(hour: h, minute: Int(c[1]) ?? 0),
           let d = Int(c[2]), let mo = Int(c[3]), let y = Int(c[4]), let date = CivilDate(year: y, month: mo, day: d) {
            var s = ReportSchedule(frequency: .once, onceDueOn: date)
            s.onceDueTime = time
            return s
        }
        if let c = m(#"(?:(?:gui )?bao cao (?:ket qua )?(?:thuc hien )?)?(vao|truoc|cham nhat) (?:ngay )?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"#),
           let d = Int(c[1]), let mo = Int(c[2]), let y = Int(c[3]), let date = CivilDate(year: y, month: mo, day: d) {
            return ReportSchedule(frequency: .once, strict: c[0] == "truoc", onceDueOn: date)
        }
        return nil
    }
}
