import Foundation

/// Reads sectioned and paragraph plans (seeds 001 and 000): numbered headings name
/// the shortcomings; under each, labels open the causes ("Nguyên nhân"), the
/// responsibilities ("Đơn vị chủ trì: …", "Đơn vị phối hợp: …"), the tasks
/// ("Kế hoạch khắc phục", "Nhiệm vụ, giải pháp khắc phục") and the deadline
/// ("Thời gian khắc phục: …"). Tasks are the bullets (and paragraphs) after the
/// tasks label; a line that only names units (or "X chủ trì, phối hợp với Y")
/// introduces the deeper bullets under it, which X leads.
///
/// A heading counts as a shortcoming only when a label follows it, so the
/// "Mục đích, yêu cầu" and "Tổ chức thực hiện" parts are never read as tasks.
struct PlanStructureReader {
    let matcher: UnitMatcher

    enum Zone { case none, causes, responsibilities, tasks }

    struct Intro {
        var level: Int
        var lead: [Mentioned]
        var coordinating: [Mentioned]
    }

    /// A mention with the line it was read on (warnings name it once).
    struct Mentioned: Hashable {
        var mention: AssigneeMention
        var line: Int
    }

    struct OpenTask {
        var title: String
        var level: Int
        var lead: [Mentioned]
        var coordinating: [Mentioned]
        var leadExplicit: Bool
        var coordinatingExplicit: Bool
        var deadlineText: String?
        var deadlineLine: Int?
        var firstLine: Int
        var lastLine: Int
    }

    struct OpenShortcoming {
        var code: String
        var title: String
        var line: Int
        var causes: [CauseDraft] = []
        var lead: [Mentioned] = []
        var coordinating: [Mentioned] = []
        var deadlineText: String?
        var deadlineLine: Int?
        var tasks: [OpenTask] = []
        var hasLabel = false
    }

    var shortcomings: [OpenShortcoming] = []
    var lastTaskLine = 0

    init(matcher: UnitMatcher) { self.matcher = matcher }

    static func mentions(_ list: [AssigneeMention], line: Int) -> [Mentioned] { list.map { Mentioned(mention: $0, line: line) } }

    mutating func read(_ lines: [PlanLine]) {
        var current: OpenShortcoming? = nil
        var zone = Zone.none
        var intros: [Intro] = []
        var outline: [(level: Int, code: String)] = []
        var closed = false

        func finish() {
            if var s = current, s.hasLabel {
                if s.tasks.isEmpty, s.causes.isEmpty, s.lead.isEmpty { current = nil; return }
                s.title = s.title.trimmingWhitespace()
                shortcomings.append(s)
            }
            current = nil
        }
        func heading(_ code: String, _ title: String, _ line: Int) {
            finish()
            current = OpenShortcoming(code: code, title: title, line: line)
            zone = .none
            intros = []
        }
        func codeOf(_ marker: OutlineMarker) -> String {
            switch marker {
            case .roman(let r):
                outline = [(0, r)]
            case .decimal(let parts):
                outline.removeAll { $0.level >= parts.count }
                outline.append((parts.count, parts.map(String.init).joined(separator: ".")))
            default: break
            }
            let roman = outline.first { $0.level == 0 }?.code
            let deepest = outline.last { $0.level > 0 }?.code
            return [roman, deepest].compactMap { $0 }.joined(separator: ".")
        }

        for (index, line) in lines.enumerated() {
            if closed { break }
            let label = LineLabel.of(line)
            let level: Int
            switch line.marker {
            case .bullet(let l): level = l
            case .letter, .parenthesised: level = 1
            default: level = 0
            }
            if case .closing? = label {
                finish(); zone = .none
                if VietnameseText.searchKey(line.body).hasPrefix("noi nhan") { closed = true }
                continue
            }
            // numbered headings open a (candidate) shortcoming
            if let marker = line.marker, label == nil {
                switch marker {
                case .part:
                    finish(); outline = []; zone = .none; continue
                case .roman, .decimal:
                    heading(codeOf(marker), line.body, line.number); continue
                case .letter(let l) where zone != .tasks && zone != .causes:
                    heading([codeOf(.bullet(0)), l].filter { !$0.isEmpty }.joined(separator: "."), line.body, line.number); continue
                default: break
                }
            } else if let marker = line.marker, case .roman = marker { _ = codeOf(marker) }
            else if let marker = line.marker, case .decimal = marker { _ = codeOf(marker) }

            guard current != nil else { continue }
            if let label {
                current!.hasLabel = true
                switch label {
                case .causes(let rest):
                    zone = .causes
                    if !rest.isEmpty { current!.causes.append(CauseDraft(kind: Self.causeKind(line.folded), text: rest)) }
                case .responsibilities:
                    zone = .responsibilities
                case .tasks(let rest):
                    zone = .tasks; intros = []
                    if !rest.isEmpty { taskLine(rest, level: 0, line: line, next: lines[safe: index + 1], current: &current!, intros: &intros) }
                case .lead(let rest):
                    let m = Self.mentions(matcher.mentions(in: rest), line: line.number)
                    if zone == .tasks, let t = current!.tasks.last, level > t.level, line.marker != nil {
                        current!.tasks[current!.tasks.count - 1].lead = m; current!.tasks[current!.tasks.count - 1].leadExplicit = true
                    } else { current!.lead += m }
                case .coordinating(let rest):
                    let m = Self.mentions(matcher.mentions(in: rest), line: line.number)
                    if zone == .tasks, let t = current!.tasks.last, level > t.level, line.marker != nil {
                        current!.tasks[current!.tasks.count - 1].coordinating = m; current!.tasks[current!.tasks.count - 1].coordinatingExplicit = true
                    } else { current!.coordinating += m }
                case .deadline(let rest):
                    if zone == .tasks, let t = current!.tasks.last, level > t.level, line.marker != nil {
                        current!.tasks[current!.tasks.count - 1].deadlineText = rest
                        current!.tasks[current!.tasks.count - 1].deadlineLine = line.number
                    } else {
                        current!.deadlineText = rest; current!.deadlineLine = line.number
                    }
                case .closing: break
                }
                continue
            }
            switch zone {
            case .causes:
                if line.marker == nil, let last = current!.causes.indices.last, !line.text.hasPrefix("Nguyên nhân") {
                    current!.causes[last].text += "\n" + line.text
                } else {
                    current!.causes.append(CauseDraft(kind: Self.causeKind(line.folded), text: Self.stripCauseLabel(line.body)))
                }
            case .tasks:
                taskLine(line.body, level: level, line: line, next: lines[safe: index + 1], current: &current!, intros: &intros)
            case .responsibilities, .none:
                // bullets under a heading with no tasks label yet: tasks of a paragraph plan
                if line.marker != nil, case .bullet = line.marker!, zone == .none {
                    taskLine(line.body, level: level, line: line, next: lines[safe: index + 1], current: &current!, intros: &intros)
                }
            }
        }
        finish()
    }

    static func causeKind(_ folded: String) -> String {
        if folded.hasPrefix("nguyen nhan khach quan") || folded.hasPrefix("khach quan") { return "objective" }
        if folded.hasPrefix("nguyen nhan chu quan") || folded.hasPrefix("chu quan") { return "subjective" }
        return "unspecified"
    }

    static func stripCauseLabel(_ body: String) -> String {
        let f = VietnameseText.searchKey(body)
        if f.hasPrefix("nguyen nhan"), let colon = body.firstIndex(of: ":"), body.distance(from: body.startIndex, to: colon) < 40 {
            return String(body[body.index(after: colon)...]).trimmingWhitespace()
        }
        return body
    }

    /// One line of the tasks zone: a task, an introduction, or the continuation of the last task.
    mutating func taskLine(_ text: String, level: Int, line: PlanLine, next: PlanLine?, current: inout OpenShortcoming, intros: inout [Intro]) {
        intros.removeAll { $0.level >= level }
        let nextLevel: Int? = {
            guard let n = next else { return nil }
            if case .bullet(let l)? = n.marker { return l }
            return nil
        }()
        let childrenFollow = nextLevel.map { $0 > level } ?? false
        // a plain paragraph after a task continues it
        if line.marker == nil, level == 0, let last = current.tasks.indices.last, !text.hasSuffix(":"), current.tasks[last].level >= 0,
           lastTaskLine > 0, current.tasks[last].lastLine >= line.number - 3 {
            current.tasks[last].lastLine = line.number
            // a sentence cut by the line breaks of a PDF goes on here ("… rất" / "lớn, đề nghị …")
            if let end = current.tasks[last].title.last, !".;:!?".contains(end), current.tasks[last].title.count + text.count < 20_000 {
                current.tasks[last].title += " " + text
            }
            return
        }
        let clause = AssigneeClause.read(text, matcher: matcher)
        let named = clause.lead.filter { $0.resolution != .vague }
        let endsWithColon = text.trimmingWhitespace().hasSuffix(":")
        if (clause.introducesOnly || (endsWithColon && childrenFollow)) {
            if childrenFollow || clause.introducesOnly {
                let inherited = intros.last
                // a paragraph addressed to "các sở, ban, ngành, địa phương" does not override the labelled lead
                let own = (line.marker == nil && !current.lead.isEmpty) ? named.filter { !$0.assignees.allSatisfy { $0.hasPrefix("kind:") } } : named
                intros.append(Intro(level: level,
                                    lead: own.isEmpty ? (inherited?.lead ?? []) : Self.mentions(own, line: line.number),
                                    coordinating: clause.coordinating.isEmpty ? (inherited?.coordinating ?? []) : Self.mentions(clause.coordinating, line: line.number)))
                return
            }
        }
        if endsWithColon && !childrenFollow && line.marker == nil { return }
        let intro = intros.last
        var task = OpenTask(title: clause.title, level: level, lead: [], coordinating: [], leadExplicit: false, coordinatingExplicit: false,
                            deadlineText: clause.deadlineText, deadlineLine: clause.deadlineText == nil ? nil : line.number,
                            firstLine: line.number, lastLine: line.number)
        if !named.isEmpty {
            task.lead = Self.mentions(named, line: line.number); task.leadExplicit = true
        } else if let intro, !intro.lead.isEmpty {
            task.lead = intro.lead; task.leadExplicit = true
        }
        if !clause.coordinating.isEmpty {
            task.coordinating = Self.mentions(clause.coordinating, line: line.number); task.coordinatingExplicit = true
        } else if let intro, !intro.coordinating.isEmpty {
            task.coordinating = intro.coordinating; task.coordinatingExplicit = true
        }
        current.tasks.append(task)
        lastTaskLine = max(lastTaskLine, line.number)
        if childrenFollow, !named.isEmpty {
            // "+" lines under a task that named its units are that units' tasks too
            intros.append(Intro(level: level, lead: task.lead, coordinating: task.coordinating))
        }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
