// A plan's `schedule` as POST/PATCH /plans take it: the structured object, or the
// reporting rule as plans write it ("định kỳ trước ngày 15 của tháng cuối quý").

import TiendoDomain

extension APIContext {
    /// When `schedule` is a phrase: the schedule read from it (nil, with an issue, when unreadable).
    /// `.none` when `schedule` is absent or an object (read as before).
    func schedulePhrase(_ body: ObjectReader, issuedOn: CivilDate?, issues: inout IssueSet) -> ReportSchedule?? {
        guard case .string(let phrase)? = body.object["schedule"] else { return .none }
        _ = body.raw("schedule")
        guard phrase.count <= 1000, let s = ReportClauseReader.parse(phrase: VietnameseText.nfc(phrase)) else {
            issues.add(Issue("schedule", "schedule_unparseable",
                             "Cannot read the schedule phrase; write e.g. \"định kỳ ngày 15 của tháng cuối quý\", \"trước ngày 15 của tháng cuối quý\", \"trước ngày 05/6 và 05/12 hằng năm\", \"trước ngày 20 hằng tháng\", or send the structured schedule."))
            return .some(nil)
        }
        let violations = issuedOn.map { s.validate(issuedOn: $0) } ?? s.validate()
        for v in violations { issues.add(v) }
        return .some(violations.isEmpty ? s : nil)
    }
}
