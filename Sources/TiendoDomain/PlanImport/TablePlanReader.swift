import Foundation

/// Reads plans laid out as a table (*"STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối
/// hợp | Thời gian hoàn thành"*), as a table copied out of Word or a spreadsheet arrives: one
/// row per line, cells separated by tabs or `|`. The header row names the columns; a row whose
/// unit and deadline cells are empty ("I | Về y tế | | |") opens a shortcoming; every other
/// row is a task.
struct TablePlanReader {
    let matcher: UnitMatcher
    var shortcomings: [PlanStructureReader.OpenShortcoming] = []
    var lastTaskLine = 0

    struct Columns { var number: Int?; var content: Int; var lead: Int; var coordinating: Int?; var deadline: Int? }

    static func cells(_ raw: String) -> [String]? {
        let sep: Character? = raw.contains("\t") ? "\t" : (raw.filter { $0 == "|" }.count >= 2 ? "|" : nil)
        guard let sep else { return nil }
        var c = raw.split(separator: sep, omittingEmptySubsequences: false).map { VietnameseText.collapseWhitespace(String($0)) }
        // "| a | b |": the outer bars make empty first/last cells
        if sep == "|" { if c.first == "" { c.removeFirst() }; if c.last == "" { c.removeLast() } }
        return c.count >= 3 ? c : nil
    }

    static func columns(_ header: [String]) -> Columns? {
        let keys = header.map { VietnameseText.searchKey($0) }
        func find(_ words: [String]) -> Int? { keys.firstIndex { k in words.contains { k.contains($0) } } }
        guard let lead = find(["chu tri", "don vi thuc hien", "co quan thuc hien", "trach nhiem"]),
              let content = find(["noi dung", "nhiem vu", "giai phap", "han che", "cong viec"]), content != lead else { return nil }
        let coord = find(["phoi hop"])
        return Columns(number: find(["stt", "so tt", "tt"]).flatMap { $0 == content || $0 == lead ? nil : $0 },
                       content: content, lead: lead, coordinating: coord == lead ? nil : coord,
                       deadline: find(["thoi gian", "thoi han", "tien do", "han hoan thanh"]))
    }

    mutating func read(_ text: String) {
        var columns: Columns? = nil
        var current: PlanStructureReader.OpenShortcoming? = nil
        var n = 0
        var lineNumber = 0
        func close() { if let s = current, !s.tasks.isEmpty { shortcomings.append(s) }; current = nil }
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            lineNumber += 1
            guard raw.count <= PlanLines.maxLineLength, let cells = Self.cells(String(raw)) else { continue }
            guard let cols = columns else { columns = Self.columns(cells); continue }
            func cell(_ i: Int?) -> String { i.flatMap { $0 < cells.count ? cells[$0] : nil } ?? "" }
            let content = cell(cols.content), lead = cell(cols.lead), deadline = cell(cols.deadline)
            guard !content.isEmpty else { continue }
            if lead.isEmpty && deadline.isEmpty {
                close(); n += 1
                let number = cell(cols.number)
                current = PlanStructureReader.OpenShortcoming(code: number.isEmpty ? String(n) : number.trimmingCharacters(in: CharacterSet(charactersIn: ". ")),
                                                              title: content, line: lineNumber)
                current!.hasLabel = true
                continue
            }
            if current == nil {
                n += 1
                current = PlanStructureReader.OpenShortcoming(code: String(n), title: content, line: lineNumber)
                current!.hasLabel = true
            }
            let task = PlanStructureReader.OpenTask(
                title: content, level: 0,
                lead: PlanStructureReader.mentions(matcher.mentions(in: lead), line: lineNumber),
                coordinating: PlanStructureReader.mentions(matcher.mentions(in: cell(cols.coordinating)), line: lineNumber),
                leadExplicit: true, coordinatingExplicit: true,
                deadlineText: deadline.isEmpty ? nil : deadline, deadlineLine: deadline.isEmpty ? nil : lineNumber,
                firstLine: lineNumber, lastLine: lineNumber)
            current!.tasks.append(task)
            lastTaskLine = lineNumber
        }
        close()
    }
}
