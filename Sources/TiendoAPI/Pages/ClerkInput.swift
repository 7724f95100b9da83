// What clerks type into the forms, turned into the API's values: dates as
// dd/mm/yyyy (or YYYY-MM-DD), periods as "Quý III/2022" (or 2022-Q3), statuses
// as the Vietnamese words. What cannot be read is passed on as typed, so the
// API's own validation names the problem (report_date_malformed, …) — one set
// of rules, one set of codes.

import TiendoDomain

enum ClerkInput {
    /// `dd/mm/yyyy`, `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy` → `YYYY-MM-DD`; an ISO date is kept;
    /// anything else comes back unchanged.
    static func date(_ text: String) -> String {
        let t = text.trimmingWhitespace
        if CivilDate(t) != nil { return t }
        let parts = t.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
              let date = CivilDate(year: y, month: m, day: d) else { return t }
        return date.description
    }

    /// A date for display: `dd/mm/yyyy`, as Vietnamese documents print it.
    static func show(_ d: CivilDate?) -> String {
        guard let d else { return "—" }
        return (d.day < 10 ? "0" : "") + "\(d.day)/" + (d.month < 10 ? "0" : "") + "\(d.month)/\(d.year)"
    }

    static let romans = ["I": 1, "II": 2, "III": 3, "IV": 4]

    /// `Quý III/2022`, `quý 3/2022`, `Q3/2022`, `III/2022`, `Quý 3 năm 2022` → `2022-Q3`;
    /// `Tháng 6/2022` → `2022-M06`; `6 tháng đầu năm 2022` → `2022-H1`; `Năm 2022` → `2022`.
    /// The API's own names pass through unchanged, as does anything unreadable.
    static func period(_ text: String) -> String {
        let t = text.trimmingWhitespace
        if ReportingPeriod(t) != nil { return t }
        let key = VietnameseText.searchKey(t)   // lower case, no diacritics
        let words = key.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        guard let year = words.last.flatMap(Int.init), (1900...2200).contains(year) else { return t }
        let head = words.dropLast().filter { $0 != "nam" }
        func number(_ w: String) -> Int? { Int(w) ?? romans[w.uppercased()] }
        if head.contains("dau") { return "\(year)-H1" }
        if head.contains("cuoi") { return "\(year)-H2" }
        if head.first == "quy" || head.first == "q", let q = head.dropFirst().first.flatMap(number), (1...4).contains(q) {
            return "\(year)-Q\(q)"
        }
        if head.count == 1, let w = head.first, w.hasPrefix("q"), let q = Int(w.dropFirst()), (1...4).contains(q) { return "\(year)-Q\(q)" }
        if head.count == 1, let w = head.first, let q = romans[w.uppercased()] { return "\(year)-Q\(q)" }
        if head.first == "thang", let m = head.dropFirst().first.flatMap({ Int($0) }), (1...12).contains(m) {
            return "\(year)-M" + (m < 10 ? "0" : "") + "\(m)"
        }
        if head.isEmpty { return "\(year)" }
        return t
    }

    /// A period for display: `Quý III/2022`, `Tháng 06/2022`, `6 tháng đầu năm 2022`, `Năm 2022`.
    static func show(_ p: ReportingPeriod) -> String {
        switch p {
        case let .quarter(y, q): return "Quý \(["I", "II", "III", "IV"][max(0, min(3, q - 1))])/\(y)"
        case let .month(y, m): return "Tháng \(m < 10 ? "0" : "")\(m)/\(y)"
        case let .half(y, h): return "6 tháng \(h == 1 ? "đầu" : "cuối") năm \(y)"
        case let .year(y): return "Năm \(y)"
        case .once: return "Báo cáo một lần"
        }
    }

    static let statusWords: [(String, String)] = [
        ("not_started", "Chưa bắt đầu"), ("in_progress", "Đang thực hiện"), ("completed", "Hoàn thành"),
    ]

    /// The reporting cycle's "nothing new" (issue 14), offered by the whole-period form only.
    static let unchangedWord = ("unchanged", "Không thay đổi")

    /// `Đang thực hiện` (any case or diacritics) → `in_progress`; API values pass through.
    static func status(_ text: String) -> String {
        let t = text.trimmingWhitespace
        if statusWords.contains(where: { $0.0 == t }) || t == unchangedWord.0 { return t }
        let key = VietnameseText.searchKey(t)
        for (value, word) in statusWords + [unchangedWord] where VietnameseText.searchKey(word) == key { return value }
        if key == "da hoan thanh" { return "completed" }
        return t
    }

    static func showStatus(_ value: String) -> String {
        statusWords.first(where: { $0.0 == value })?.1 ?? value
    }

    /// `40`, `40%`, `40,5`, `40.5` → 40.5; nil when not a number.
    static func number(_ text: String) -> Double? {
        var t = text.trimmingWhitespace
        if t.hasSuffix("%") { t = String(t.dropLast()).trimmingWhitespace }
        t = t.replacingOccurrences(of: ",", with: ".")
        guard !t.isEmpty, t.utf8.count <= 32, let v = Double(t), v.isFinite else { return nil }
        return v
    }
}
