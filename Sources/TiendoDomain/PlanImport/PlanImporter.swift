import Foundation

/// Reads a plan document's text into a `PlanDraft`: header, report clause,
/// shortcomings and tasks (sectioned, paragraph or prose), each assignee resolved
/// against the unit directory and each deadline read with `DeadlineParser`.
/// Pure: no I/O; the same text and directory give the same draft.
public enum PlanImporter {
    /// Lines read at most (a 150 KB plan has ~1,200).
    public static let maxLines = 20_000

    public static func read(text: String, units: [DirectoryUnit], issuerId: String? = nil,
                            aggregatorId: String? = nil) -> Result<PlanImportResult, PlanImportError> {
        let lines = Array(PlanLines.split(VietnameseText.nfc(text)).prefix(maxLines))
        guard lines.contains(where: { $0.text.count > 3 }) else {
            return .failure(PlanImportError(code: "import_no_plan", message: "The text is empty."))
        }
        var notes = Notes()
        let header = PlanHeaderReader.read(lines)

        // issuer: as given, else the header's "ỦY BAN NHÂN DÂN TỈNH …"
        var issuer = issuerId
        if issuer == nil, let t = header.issuerText {
            let found = UnitMatcher(units: units, issuerId: nil).mentions(in: t)
            if found.count == 1, case .resolved(let ids) = found[0].resolution, ids.count == 1, !ids[0].hasPrefix("kind:") { issuer = ids[0] }
            else {
                notes.add(header.lines["issuer"] ?? 1, "issuer_not_found", t, candidates: found.flatMap(\.candidates), blocking: true)
            }
        } else if issuer == nil {
            notes.add(1, "issuer_not_found", "", blocking: true)
        }
        let matcher = UnitMatcher(units: units, issuerId: issuer)

        var structure = PlanStructureReader(matcher: matcher)
        structure.read(lines)
        var shortcomings = structure.shortcomings.filter { !$0.tasks.isEmpty }
        var lastTaskLine = structure.lastTaskLine
        // a plan laid out as a table: its rows, when they hold more tasks than the outline
        var table = TablePlanReader(matcher: matcher)
        table.read(VietnameseText.nfc(text))
        if table.shortcomings.reduce(0, { $0 + $1.tasks.count }) > shortcomings.reduce(0, { $0 + $1.tasks.count }) {
            shortcomings = table.shortcomings
            lastTaskLine = table.lastTaskLine
        }
        if shortcomings.isEmpty {
            var prose = ProsePlanReader(matcher: matcher)
            prose.read(lines)
            shortcomings = prose.shortcomings
            lastTaskLine = prose.lastTaskLine
        }
        guard !shortcomings.isEmpty else {
            return .failure(PlanImportError(code: "import_no_plan",
                message: "No remediation task found: the text has no \"Kế hoạch khắc phục\" / \"Nhiệm vụ, giải pháp\" section with bullets and no \"giao … cho …\" assignment."))
        }
        // shortcomings listed without tasks are kept in the warnings only
        for s in structure.shortcomings where s.tasks.isEmpty && !structure.shortcomings.isEmpty && shortcomings.count > 0 && s.hasLabel {
            notes.add(s.line, "shortcoming_without_tasks", s.title, blocking: false)
        }

        // one deadline for the whole plan, stated after the tasks ("… trong năm 2025 và những năm tiếp theo")
        var planDeadline: (Deadline, String, Int)? = nil
        for l in lines where l.number > lastTaskLine {
            if let (d, phrase) = DeadlineFinder.find(in: l.text) { planDeadline = (d, phrase, l.number); break }
        }

        let schedule = ReportClauseReader.find(in: lines, afterLine: lastTaskLine)
        if let note = schedule?.note { notes.add(schedule!.line, "schedule_days_differ", schedule!.text, blocking: false, detail: note) }
        if schedule == nil { notes.add(lastTaskLine, "schedule_not_found", "", blocking: false) }

        var aggregator = aggregatorId
        if aggregator == nil, let s = schedule {
            let fold = AlignedFold(s.text)
            if let r = fold.folded.range(of: " ve ", options: .backwards) {
                let after = fold.quote(fold.offsets(r).upperBound..<fold.original.count)
                if let lead = matcher.leading(in: after), case .resolved(let ids) = lead.mentions[0].resolution, ids.count == 1, !ids[0].hasPrefix("kind:") {
                    aggregator = ids[0]
                }
            }
        }
        if aggregator == nil { notes.add(schedule?.line ?? 1, "aggregator_not_found", schedule?.text ?? "", blocking: true) }
        if header.number == nil { notes.add(1, "number_not_found", "", blocking: true) }
        if header.issuedOn == nil { notes.add(1, "issued_on_not_found", "", blocking: true) }
        if header.title == nil { notes.add(1, "title_not_found", "", blocking: true) }
        if header.signer == nil { notes.add(lines.last?.number ?? 1, "signer_not_found", "", blocking: false) }

        var drafts: [ShortcomingDraft] = []
        var resolved = 0, unresolved = 0, deadlinesUnresolved = 0
        for s in shortcomings {
            var sectionDeadline: Deadline? = nil
            var sectionDeadlineText: String? = nil
            if let t = s.deadlineText {
                sectionDeadlineText = t
                switch DeadlineParser.parse(t) {
                case .success(let d): sectionDeadline = d
                case .failure(let e):
                    if let (d, phrase) = DeadlineFinder.find(in: t) { sectionDeadline = d.withPhrase(t); _ = phrase }
                    else { notes.add(s.deadlineLine ?? s.line, "deadline_unparseable", t, blocking: true, detail: e.reason) }
                }
            } else if let p = planDeadline {
                sectionDeadline = p.0; sectionDeadlineText = p.1
            }
            var tasks: [TaskDraft] = []
            for t in s.tasks {
                var deadline = sectionDeadline, deadlineText = sectionDeadlineText
                if let own = t.deadlineText {
                    deadlineText = own
                    switch DeadlineParser.parse(own) {
                    case .success(let d): deadline = d
                    case .failure(let e):
                        deadline = nil
                        notes.add(t.deadlineLine ?? t.firstLine, "deadline_unparseable", own, blocking: true, detail: e.reason)
                    }
                }
                if deadline == nil {
                    deadlinesUnresolved += 1
                    if deadlineText == nil { notes.add(t.firstLine, "deadline_not_found", String(t.title.prefix(80)), blocking: true) }
                }
                let leadSource = t.leadExplicit ? t.lead : s.lead
                var (lead, leadText) = resolve(leadSource, notes: &notes, resolved: &resolved, unresolved: &unresolved)
                let (coordAll, coordText) = resolve(t.coordinatingExplicit ? t.coordinating : s.coordinating, notes: &notes,
                                                    resolved: &resolved, unresolved: &unresolved)
                if lead.isEmpty {
                    if leadText.isEmpty, let issuer {
                        lead = [issuer]
                        notes.add(t.firstLine, "lead_from_issuer", String(t.title.prefix(80)), blocking: false)
                    } else {
                        notes.add(t.firstLine, "lead_not_found", leadText.joined(separator: "; "), blocking: true)
                    }
                }
                let leadSet = Set(lead.compactMap { $0 })
                let coordinating = coordAll.filter { $0 == nil || !leadSet.contains($0!) }
                tasks.append(TaskDraft(title: t.title, lead: lead, coordinating: coordinating, leadText: leadText,
                                       coordinatingText: coordText, deadline: deadline, deadlineText: deadlineText,
                                       lines: [t.firstLine, t.lastLine]))
            }
            drafts.append(ShortcomingDraft(code: s.code, title: String(s.title.prefix(4000)), causes: s.causes, tasks: tasks, line: s.line))
        }

        // A plan read from its document proposes Điều 148's rule: a due day on a weekend or a
        // day off moves to the next working day, as offices count it (the user may undo it).
        var proposed = schedule?.schedule
        proposed?.workingDays = .next
        let draft = PlanDraft(number: header.number, title: header.title, issuedOn: header.issuedOn, signer: header.signer,
                              issuerText: header.issuerText, issuerId: issuer, aggregatorId: aggregator,
                              schedule: proposed, scheduleText: schedule?.text, shortcomings: drafts)
        let stats = ImportStats(shortcomings: drafts.count, tasks: drafts.reduce(0) { $0 + $1.tasks.count },
                                unitsResolved: resolved, unitsUnresolved: unresolved, deadlinesUnresolved: deadlinesUnresolved)
        return .success(PlanImportResult(draft: draft, warnings: notes.sorted, stats: stats))
    }

    /// Mentions → assignees (nil for an unresolved phrase) and the document's words; warnings once per (line, phrase).
    static func resolve(_ list: [PlanStructureReader.Mentioned], notes: inout Notes, resolved: inout Int, unresolved: inout Int) -> ([String?], [String]) {
        var out: [String?] = []
        var texts: [String] = []
        var seen: Set<String> = []
        for m in list {
            texts.append(m.mention.text)
            switch m.mention.resolution {
            case .resolved(let ids):
                resolved += 1
                for id in ids where !seen.contains(id) { seen.insert(id); out.append(id) }
            case .vague:
                notes.add(m.line, "unit_group_vague", m.mention.text, blocking: false)
            case .unresolved(let candidates):
                unresolved += 1; out.append(nil)
                notes.add(m.line, "unit_not_found", m.mention.text, candidates: candidates, blocking: true)
            case .ambiguous(let candidates):
                unresolved += 1; out.append(nil)
                notes.add(m.line, "unit_ambiguous", m.mention.text, candidates: candidates, blocking: true)
            }
        }
        return (out, texts)
    }

    /// Collects warnings, each (line, code, text) once.
    struct Notes {
        var list: [ImportWarning] = []
        var seen: Set<String> = []
        mutating func add(_ line: Int, _ code: String, _ text: String, candidates: [String] = [], blocking: Bool, detail: String? = nil) {
            let key = "\(line)|\(code)|\(text)"
            guard !seen.contains(key) else { return }
            seen.insert(key)
            var message = ImportWarningMessages.english(code, text: text)
            if let detail { message += " (\(detail))" }
            list.append(ImportWarning(line: line, code: code, text: text, candidates: candidates, message: message, blocking: blocking))
        }
        var sorted: [ImportWarning] { list.sorted { ($0.line, $0.code) < ($1.line, $1.code) } }
    }
}

extension AssigneeMention {
    var candidates: [String] {
        switch resolution {
        case .unresolved(let c), .ambiguous(let c): return c
        default: return []
        }
    }
}

/// The messages of the import warnings, in English and Vietnamese (docs/import.md lists them).
public enum ImportWarningMessages {
    public static let all: [String: (en: String, vi: String)] = [
        "unit_not_found": ("No unit of the directory matches this name; pick one of the candidates or create the unit.",
                           "Không tìm thấy đơn vị này trong danh mục; hãy chọn một đơn vị gợi ý hoặc tạo đơn vị mới."),
        "unit_ambiguous": ("Several units match this name equally well; pick one.",
                           "Nhiều đơn vị khớp với tên này; hãy chọn một đơn vị."),
        "unit_group_vague": ("This group names no unit or kind of unit (e.g. \"các đơn vị liên quan\"); it is kept as text only.",
                             "Cụm từ này không chỉ rõ đơn vị hay loại đơn vị (ví dụ \"các đơn vị liên quan\"); chỉ giữ lại nguyên văn."),
        "lead_not_found": ("The task names no lead unit of the directory.", "Nhiệm vụ chưa có đơn vị chủ trì thuộc danh mục."),
        "lead_from_issuer": ("The document names no unit for this task; the issuer is taken as its lead.",
                             "Văn bản không nêu đơn vị thực hiện nhiệm vụ này; lấy cơ quan ban hành làm đơn vị chủ trì."),
        "deadline_unparseable": ("The deadline phrase could not be read; write it in one of the accepted forms.",
                                 "Không đọc được thời hạn; hãy viết theo một trong các dạng được chấp nhận."),
        "deadline_not_found": ("No deadline was found for this task.", "Không tìm thấy thời hạn của nhiệm vụ này."),
        "issuer_not_found": ("The issuing body could not be matched to a unit; pass issuer_id.",
                             "Không xác định được cơ quan ban hành trong danh mục; hãy truyền issuer_id."),
        "aggregator_not_found": ("The office that receives the reports could not be found; pass aggregator_id.",
                                 "Không xác định được cơ quan tổng hợp báo cáo; hãy truyền aggregator_id."),
        "number_not_found": ("The plan's number (\"Số: …\") was not found.", "Không tìm thấy số kế hoạch (\"Số: …\")."),
        "issued_on_not_found": ("The date of issue (\"…, ngày … tháng … năm …\") was not found.",
                                "Không tìm thấy ngày ban hành (\"…, ngày … tháng … năm …\")."),
        "title_not_found": ("The plan's title was not found.", "Không tìm thấy tên kế hoạch."),
        "signer_not_found": ("The signer's name was not found.", "Không tìm thấy người ký."),
        "schedule_not_found": ("No reporting rule (\"định kỳ … báo cáo …\") was found; the default (quarterly, day 15) applies.",
                               "Không tìm thấy quy định báo cáo định kỳ; áp dụng mặc định (hằng quý, ngày 15)."),
        "schedule_days_differ": ("The two half-year report days differ; the schedule keeps the earlier one.",
                                 "Hai ngày báo cáo 6 tháng khác nhau; lịch báo cáo lấy ngày sớm hơn."),
        "shortcoming_without_tasks": ("A shortcoming was found with no task under it; it is left out of the draft.",
                                      "Có hạn chế không kèm nhiệm vụ khắc phục; không đưa vào bản nháp."),
    ]

    public static func english(_ code: String, text: String) -> String { all[code]?.en ?? code }
    public static func vietnamese(_ code: String) -> String { all[code]?.vi ?? code }
}
