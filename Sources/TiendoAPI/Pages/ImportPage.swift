// `/import`: paste a plan's text, see the draft with its warnings, confirm.
// The page holds no reading of its own: a preview runs `draftPlan` (the
// PlanImporter over the unit directory, as POST /api/v1/plans/import does) and
// a commit goes through `answerImport(commit: true)` — the same refusal while a
// blocking warning is unresolved and the same POST /plans validation and write.
// Aggregator and admin only, like the API. The text is kept on the server as a
// draft between the posts (ImportDrafts.swift): a preview of a whole plan shows
// the draft, not the document again, and «Sửa văn bản» brings the text back.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoStore

/// What the import form holds between posts: everything typed comes back.
struct ImportForm {
    var text = ""
    var issuer = ""
    var aggregator = ""
    /// A draft to show under the form (after a preview or a refused commit).
    var result: PlanImportResult?
    /// Why nothing was read or stored, shown at the top of the form.
    var errors: [String] = []
    /// An error about the text field itself (empty).
    var textError: String?
    /// The stored draft holding `text` (after a preview, a refused commit, or «Sửa văn bản»).
    var draft: ImportDraft?

    /// Whether the page carries the text in its textarea: always on the form itself, and on a
    /// preview while the text is small; a larger one stays in the draft.
    var showsText: Bool { result == nil || draft == nil || text.utf8.count <= ImportDrafts.inlineTextBytes }
}

extension PageContext {
    func importPage(_ viewer: PageViewer) throws -> HTTPResponse {
        try api.requireManager(viewer.principal)
        return try importPage(viewer, ImportForm(), status: 200)
    }

    func postImport(_ viewer: PageViewer, _ body: FormBody) throws -> HTTPResponse {
        try api.requireManager(viewer.principal)
        var form = ImportForm()
        form.issuer = String((body["issuer_id"] ?? "").prefix(64))
        form.aggregator = String((body["aggregator_id"] ?? "").prefix(64))
        enum Action { case preview, commit, edit }
        let action: Action
        switch body["action"] ?? "preview" {
        case "preview", "": action = .preview
        case "commit": action = .commit
        case "edit": action = .edit
        default:
            throw Problem(status: 400, code: "form_malformed", title: "Bad request", detail: "Thao tác phải là xem bản nháp hoặc lưu kế hoạch.")
        }
        // The textarea, when the page showed one, is what counts (the person may have changed it);
        // a page without it names its draft.
        if let typed = body.raw("text") {
            form.text = typed
            if form.text.hasPrefix("\u{FEFF}") { form.text.removeFirst() }
        } else if let id = body["draft"] {
            guard let draft = try loadDraft(id, viewer) else {
                form.errors = ["Bản nháp không còn trên máy chủ (đã quá \(Int(ImportDrafts.lifetime / 3600)) giờ, đã đăng xuất, hoặc thuộc phiên khác). Hãy dán lại văn bản."]
                return try importPage(viewer, form, status: 422)
            }
            form.text = draft.record.text
            form.draft = draft
        }
        guard !form.text.trimmingWhitespace.isEmpty else {
            form.textError = "Chưa dán nội dung văn bản kế hoạch."
            return try importPage(viewer, form, status: 422)
        }
        // «Sửa văn bản»: the stored text back in the textarea, nothing read.
        if action == .edit { return try importPage(viewer, form, status: 200) }
        let commit = action == .commit
        let result: PlanImportResult
        do {
            result = try api.draftPlan(form.text, issuer: form.issuer.isEmpty ? nil : form.issuer,
                                       aggregator: form.aggregator.isEmpty ? nil : form.aggregator)
        } catch let p as Problem {
            form.errors = problemLines(p)
            return try importPage(viewer, form, status: p.status.code)
        }
        form.result = result
        if form.draft == nil, !commit || !result.isComplete {
            form.draft = try saveDraft(form.text, issuer: form.issuer, aggregator: form.aggregator, viewer)
        }
        guard commit else { return try importPage(viewer, form, status: 200) }

        // The API's own commit: refused (422 import_unresolved) while a blocking warning stands,
        // else stored through POST /plans' validation and write.
        let box = ResponseBox()
        do {
            try api.answerImport(result, commit: true, by: viewer.principal) { box.set($0) }
        } catch let p as Problem {
            form.errors = ["Kế hoạch chưa được lưu."] + problemLines(p)
            if form.draft == nil { form.draft = try saveDraft(form.text, issuer: form.issuer, aggregator: form.aggregator, viewer) }
            return try importPage(viewer, form, status: p.status.code)
        }
        let answer = box.wait()
        if answer.status == 201, let location = answer.headers["Location"],
           let id = location.split(separator: "/").last.flatMap({ Int64($0) }) {
            return PageHeaders.redirect("/plans/\(id)")
        }
        if form.draft == nil { form.draft = try saveDraft(form.text, issuer: form.issuer, aggregator: form.aggregator, viewer) }
        let problem = PageContext.problem(in: answer)
        if problem.code == "import_unresolved" {
            let blocking = result.warnings.filter(\.blocking).count
            form.errors = ["Kế hoạch chưa được lưu: còn \(blocking) cảnh báo chặn (đánh dấu «Phải xử lý» bên dưới). "
                           + "Hãy sửa văn bản hoặc chọn cơ quan ban hành, cơ quan tổng hợp rồi xem lại bản nháp."]
        } else {
            form.errors = ["Kế hoạch chưa được lưu."] + problemLines(problem)
        }
        return try importPage(viewer, form, status: answer.status.code)
    }

    /// The problem an API answer carries (its code, detail and errors), read back from its JSON.
    static func problem(in r: HTTPResponse) -> Problem {
        let object = (try? JSONSerialization.jsonObject(with: Data(r.body))) as? [String: Any] ?? [:]
        var p = Problem(status: r.status, code: object["code"] as? String ?? "error", title: object["title"] as? String ?? "",
                        detail: object["detail"] as? String)
        for e in object["errors"] as? [[String: Any]] ?? [] {
            p.errors.append(FieldError(field: e["field"] as? String ?? "", code: e["code"] as? String ?? "", message: e["message"] as? String ?? ""))
        }
        return p
    }

    /// A problem in Vietnamese words, one line per error (the catalogue's messages).
    func problemLines(_ p: Problem) -> [String] {
        let vi = ProblemCatalogue.localize(p, to: .vi)
        if vi.errors.isEmpty { return [vi.detail ?? PageContext.vietnamese(p)] }
        return vi.errors.map { e in
            let field: String
            switch e.field {
            case "issuer_id": field = "Cơ quan ban hành: "
            case "aggregator_id": field = "Cơ quan tổng hợp: "
            case "issued_on": field = "Ngày ban hành: "
            case "": field = ""
            default: field = e.field + ": "
            }
            return field + e.message
        }
    }

    /// The page, within a page's budget: a preview whose task titles would take it past
    /// `ImportDrafts.pageBytes` shows each title's beginning only (the whole text is one click away).
    func importPage(_ viewer: PageViewer, _ form: ImportForm, status: Int) throws -> HTTPResponse {
        let full = try importPage(viewer, form, status: status, clip: nil)
        guard full.body.count > ImportDrafts.pageBytes, let r = form.result else { return full }
        let titles = r.draft.shortcomings.flatMap { $0.tasks.map(\.title) }
        return try importPage(viewer, form, status: status,
                              clip: ImportDrafts.titleClip(titles, saving: full.body.count - ImportDrafts.pageBytes))
    }

    func importPage(_ viewer: PageViewer, _ form: ImportForm, status: Int, clip: Int?) throws -> HTTPResponse {
        let units = try api.store.read { try api.unitDirectory($0) }
        // Communes (hundreds in a province) are left out of the selects, which name who issues a
        // provincial plan or aggregates it; the text can still name one, and a chosen one stays.
        let sorted = units.records.filter { $0.kind != .commune || $0.id == form.issuer || $0.id == form.aggregator }
            .sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
        return Layout.page("Nhập kế hoạch từ văn bản", viewer: viewer, status: status) { h in
            h.el("p", text: "Dán toàn văn kế hoạch (sao chép từ tệp Word hoặc PDF), bấm «Xem bản nháp» để kiểm tra những gì đọc được, rồi bấm «Lưu kế hoạch». Chưa có gì được lưu cho đến khi bấm «Lưu kế hoạch».")
            h.el("form", [("method", "post"), ("action", "/import"), ("novalidate", "novalidate"), ("class", "import")]) { h in
                Layout.csrfField(&h, viewer)
                if !form.errors.isEmpty {
                    h.el("div", [("class", "notice error"), ("role", "alert"), ("id", "loi-bieu-mau")]) { h in
                        if form.errors.count == 1 { h.el("p", text: form.errors[0]) }
                        else { h.el("ul") { h in for e in form.errors { h.el("li", text: e) } } }
                    }
                }
                if let d = form.draft { h.void("input", [("type", "hidden"), ("name", "draft"), ("value", d.id)]) }
                if form.showsText { textField(&h, form) } else { keptText(&h, form) }
                unitSelect(&h, sorted, name: "issuer_id", label: "Cơ quan ban hành",
                           hint: "để trống: đọc từ phần đầu văn bản (ỦY BAN NHÂN DÂN TỈNH …)", selected: form.issuer)
                unitSelect(&h, sorted, name: "aggregator_id", label: "Cơ quan tổng hợp báo cáo",
                           hint: "để trống: đọc từ câu «… gửi báo cáo về …»", selected: form.aggregator)
                h.el("div", [("class", "actions")]) { h in
                    h.el("button", [("type", "submit"), ("name", "action"), ("value", "preview"), ("class", form.result == nil ? "primary" : nil)],
                         text: "Xem bản nháp")
                    if let r = form.result {
                        h.el("button", [("type", "submit"), ("name", "action"), ("value", "commit"), ("class", r.isComplete ? "primary" : nil)],
                             text: "Lưu kế hoạch")
                    }
                }
            }
            if let r = form.result { draft(&h, r, units.byID, clip: clip) }
        }
    }

    /// The labelled textarea with the text as typed.
    func textField(_ h: inout HTML, _ form: ImportForm) {
        h.el("div", [("class", form.textError == nil ? "field" : "field has-error")]) { h in
            h.el("label", [("for", "text")], text: "Nội dung văn bản kế hoạch")
            h.el("span", [("class", "hint"), ("id", "text-goi-y")],
                 text: "gồm phần đầu (Số, ngày ban hành, tên kế hoạch), các hạn chế với nhiệm vụ, đơn vị và thời hạn, và phần tổ chức thực hiện")
            // A leading newline: the HTML parser drops the first one of a textarea, so a text starting with one keeps it.
            h.el("textarea", [("id", "text"), ("name", "text"), ("rows", "18"), ("class", "document"), ("spellcheck", "false"),
                              ("aria-invalid", form.textError == nil ? nil : "true"),
                              ("aria-describedby", form.textError == nil ? "text-goi-y" : "text-goi-y loi-text")],
                 text: "\n" + form.text)
            if let e = form.textError { h.el("p", [("class", "field-error"), ("id", "loi-text"), ("role", "alert")], text: e) }
        }
    }

    /// In place of a large text: what is kept, until when, and the button that brings it back.
    func keptText(_ h: inout HTML, _ form: ImportForm) {
        let lines = form.text.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        // The expiry in local time: "14:05 ngày 07/12/2026".
        let until = form.draft.flatMap { Timestamp.parse($0.record.expiresAt) }.map { at -> String in
            let minutes = (Int64(at.timeIntervalSince1970) + 7 * 3600) / 60 % 1440
            return String(format: "%02d:%02d ngày ", Int(minutes / 60), Int(minutes % 60)) + ClerkInput.show(VietnamTime.localDate(of: at))
        } ?? ""
        h.el("div", [("class", "field")]) { h in
            h.el("p", [("id", "van-ban-da-giu")],
                 text: "Văn bản đã dán (\(Widgets.fmt(Double(form.text.utf8.count) / 1000)) KB, \(lines) dòng) được giữ trên máy chủ"
                     + (until.isEmpty ? "" : " đến \(until)") + "; bản nháp dưới đây đọc từ văn bản đó.")
            h.el("button", [("type", "submit"), ("name", "action"), ("value", "edit"), ("aria-describedby", "van-ban-da-giu")],
                 text: "Sửa văn bản")
        }
    }

    func unitSelect(_ h: inout HTML, _ units: [UnitRecord], name: StaticString, label: String, hint: String, selected: String) {
        let id = name.description
        h.el("div", [("class", "field")]) { h in
            h.el("label", [("for", id)], text: label)
            h.el("span", [("class", "hint"), ("id", id + "-goi-y")], text: hint)
            h.el("select", [("id", id), ("name", id), ("aria-describedby", id + "-goi-y")]) { h in
                h.el("option", [("value", "")], text: "— đọc từ văn bản —")
                for u in units {
                    h.el("option", [("value", u.id), ("selected", u.id == selected ? "selected" : nil)], text: u.name)
                }
            }
        }
    }

    static let kindNames: [String: String] = [
        "kind:province": "các đơn vị cấp tỉnh", "kind:department": "các sở, ban, ngành",
        "kind:district": "UBND các huyện, thị xã, thành phố", "kind:commune": "UBND các xã, phường, thị trấn",
        "kind:agency": "các cơ quan, đơn vị",
    ]

    static func scheduleWords(_ s: ReportSchedule) -> String {
        let freq: String
        switch s.frequency {
        case .monthly: freq = "hằng tháng"
        case .quarterly: freq = "hằng quý"
        case .halfYearly: freq = "6 tháng một lần"
        case .yearly: freq = "hằng năm"
        case .once: return "một lần, \(s.strict ? "trước" : "vào") ngày \(ClerkInput.show(s.onceDueOn))"
        }
        let last = s.frequency == .monthly ? "của tháng" : "của tháng cuối kỳ"
        return "\(freq), \(s.strict ? "trước ngày" : "ngày") \(s.dueDay) \(last)"
    }

    /// The draft as read: header facts, warnings with their lines, then each shortcoming's tasks.
    func draft(_ h: inout HTML, _ r: PlanImportResult, _ names: [String: UnitRecord], clip: Int? = nil) {
        let d = r.draft
        func unit(_ id: String?) -> String {
            guard let id else { return "chưa xác định" }
            return PageContext.kindNames[id] ?? names[id]?.name ?? id
        }
        let blocking = r.warnings.filter(\.blocking).count
        h.el("h2", [("id", "ban-nhap")], text: "Bản nháp đọc được")
        h.el("p", [("class", blocking == 0 ? "notice ok" : "notice error"), ("role", "status")],
             text: "\(r.stats.shortcomings) hạn chế, \(r.stats.tasks) nhiệm vụ; \(r.warnings.count) cảnh báo"
                 + (blocking == 0 ? ", không có cảnh báo chặn: có thể lưu kế hoạch."
                                  : ", trong đó \(blocking) cảnh báo phải xử lý trước khi lưu."))
        h.el("dl", [("class", "kv")]) { h in
            h.el("dt", text: "Số"); h.el("dd", text: d.number ?? "— chưa đọc được —")
            h.el("dt", text: "Tên kế hoạch"); h.el("dd", text: d.title ?? "— chưa đọc được —")
            h.el("dt", text: "Cơ quan ban hành")
            h.el("dd", text: [d.issuerText.map { "«\($0)»" }, d.issuerId.map { "→ " + unit($0) } ?? "→ chưa xác định"]
                     .compactMap { $0 }.joined(separator: " "))
            h.el("dt", text: "Ngày ban hành"); h.el("dd", text: d.issuedOn.map { ClerkInput.show($0) } ?? "— chưa đọc được —")
            h.el("dt", text: "Người ký"); h.el("dd", text: d.signer ?? "— chưa đọc được —")
            h.el("dt", text: "Cơ quan tổng hợp"); h.el("dd", text: d.aggregatorId.map { unit($0) } ?? "— chưa xác định —")
            h.el("dt", text: "Chế độ báo cáo")
            h.el("dd", text: (d.schedule.map(PageContext.scheduleWords) ?? "mặc định: hằng quý, ngày 15 của tháng cuối quý")
                     + (d.scheduleText.map { " — «\($0)»" } ?? ""))
        }
        h.el("h2", [("id", "canh-bao")], text: "Cảnh báo (\(r.warnings.count))")
        if r.warnings.isEmpty {
            h.el("p", text: "Không có cảnh báo.")
        } else {
            h.el("div", [("class", "table-wrap")]) { h in
                h.el("table", [("class", "stack warnings")]) { h in
                    h.el("caption", text: "Những điểm chưa đọc chắc chắn, theo dòng của văn bản")
                    h.el("thead") { h in
                        h.el("tr") { h in for c in ["Dòng", "Mức độ", "Trong văn bản", "Cảnh báo", "Gợi ý"] { h.el("th", [("scope", "col")], text: c) } }
                    }
                    h.el("tbody") { h in
                        for w in r.warnings {
                            h.el("tr", [("class", w.blocking ? "blocking" : nil)]) { h in
                                h.el("th", [("scope", "row"), ("class", "num"), ("data-label", "Dòng")], text: String(w.line))
                                h.el("td", [("class", w.blocking ? "missing" : "pending"), ("data-label", "Mức độ")],
                                     text: w.blocking ? "Phải xử lý" : "Lưu ý")
                                h.el("td", [("class", "pre"), ("data-label", "Trong văn bản")], text: w.text.isEmpty ? "—" : "«\(w.text)»")
                                h.el("td", [("data-label", "Cảnh báo")], text: ImportWarningMessages.vietnamese(w.code))
                                h.el("td", [("data-label", "Gợi ý")], text: w.candidates.isEmpty ? "—" : w.candidates.prefix(5).map { unit($0) }.joined(separator: "; "))
                            }
                        }
                    }
                }
            }
        }
        // One list item a task, not a table row: a whole plan's 161 tasks are mostly their titles,
        // and six labelled cells each (for phones) cost more than the titles' third again.
        h.el("h2", [("id", "nhiem-vu")], text: "Hạn chế và nhiệm vụ")
        if let clip {
            h.el("p", [("class", "notice")], text: "Tên nhiệm vụ dài hơn \(clip) ký tự chỉ hiện phần đầu, để trang không quá 200 KB; "
                 + "toàn văn ở «Sửa văn bản» và được lưu đầy đủ.")
        }
        for s in d.shortcomings {
            h.el("h3", text: "\(s.code). \(s.title)")
            h.el("p", [("class", "muted")], text: "dòng \(s.line)" + (s.causes.isEmpty ? "" : " · nguyên nhân: " + PageContext.clipped(s.causes.map(\.text).joined(separator: " "), 200)))
            h.el("ol", [("class", "tasks")]) { h in
                for t in s.tasks {
                    h.el("li") { h in
                        h.el("p", [("class", "pre")], text: clip.map { PageContext.clipped(t.title, $0) } ?? t.title)
                        h.el("p", [("class", "task-facts")]) { h in
                            h.text(t.lines.count == 2 && t.lines[0] != t.lines[1] ? "Dòng \(t.lines[0])–\(t.lines[1])" : "Dòng \(t.lines.first ?? 0)")
                            assignees(&h, label: "Chủ trì", text: t.leadText, ids: t.lead, unit)
                            assignees(&h, label: "Phối hợp", text: t.coordinatingText, ids: t.coordinating, unit)
                            h.text(" · Thời hạn: " + (t.deadlineText.map { "«\($0)» " } ?? ""))
                            switch t.deadline {
                            case nil: h.el("span", [("class", "missing")], text: "chưa đọc được")
                            case let dl?:
                                if let on = dl.dueOn { h.text("→ " + ClerkInput.show(on) + (dl.time.map { " (\($0))" } ?? "")) }
                                else if dl.kind == .fromYear, let first = dl.firstReviewOn { h.text("→ không có hạn cụ thể; xem xét lần đầu \(ClerkInput.show(first))") }
                                else { h.text("→ thường xuyên (không có hạn cụ thể)") }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `s` cut to `limit` characters, with an ellipsis when cut.
    static func clipped(_ s: String, _ limit: Int) -> String { s.count <= limit ? s : String(s.prefix(limit)) + "…" }

    /// " · Chủ trì: «the document's words» → what they resolved to; → …", unresolved ones marked.
    func assignees(_ h: inout HTML, label: String, text: [String], ids: [String?], _ unit: (String?) -> String) {
        if text.isEmpty && ids.isEmpty { return }
        h.text(" · \(label): ")
        if !text.isEmpty { h.text("«" + text.joined(separator: "; ") + "»") }
        for (i, id) in ids.enumerated() {
            h.text(i == 0 ? " " : "; ")
            if let id { h.text("→ " + unit(id)) } else { h.el("span", [("class", "missing")], text: "⚠ chưa xác định được đơn vị") }
        }
    }
}
