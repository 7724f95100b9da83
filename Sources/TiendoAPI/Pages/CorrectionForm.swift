// "Sửa báo cáo" on /tasks/{id}: beside the unit's latest report, a form
// prefilled with its values. Only the fields the clerk changed are sent, as a
// partial revision (what POST /reports/{id}/revisions does, through the same
// merge): the new revision keeps the rest. Errors come back next to the
// fields, with what was typed.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// The task page's clerk forms other than the report form, as typed (nil: fresh).
struct ClerkForms {
    var correction: PageForm? = nil
    var extensionRequest: PageForm? = nil
    /// The aggregator's review form (ReviewForm.swift).
    var review: PageForm? = nil
    var hasErrors: Bool { correction?.hasErrors == true || extensionRequest?.hasErrors == true || review?.hasErrors == true }
}

extension PageContext {
    static let correctionFields = ["report_date", "status", "progress", "completed_on", "indicator_value",
                                   "result", "obstacles", "proposals"]

    /// The form's values for a stored report, as the clerk would type them.
    static func correctionValues(_ r: ReportRecord) -> [String: String] {
        ["report_date": ClerkInput.show(r.reportDate), "status": r.status.rawValue, "progress": Widgets.fmt(r.progress),
         "completed_on": r.completedOn.map { ClerkInput.show($0) } ?? "",
         "indicator_value": r.indicatorValue.map(Widgets.fmt) ?? "",
         "result": r.result ?? "", "obstacles": r.obstacles ?? "", "proposals": r.proposals ?? ""]
    }

    func correctionForm(_ h: inout HTML, _ view: TaskView, _ report: ReportRecord, _ viewer: PageViewer, _ form: PageForm?) {
        var f = form ?? PageForm()
        if form == nil { f.values = PageContext.correctionValues(report) }
        let period = ClerkInput.show(report.period)
        h.el("h2", [("id", "sua-bao-cao")], text: "Sửa báo cáo \(period)")
        h.el("p", text: "Sửa trực tiếp mục cần sửa trong báo cáo mới nhất của đơn vị (lần gửi \(report.revision)). "
             + "Chỉ những mục anh/chị thay đổi được gửi đi; các mục khác giữ nguyên như lần gửi trước.")
        h.el("form", [("method", "post"), ("action", "/tasks/\(view.task.id)/correction#sua-bao-cao"), ("novalidate", "novalidate"),
                      ("class", "report correction")]) { h in
            Layout.csrfField(&h, viewer)
            h.void("input", [("type", "hidden"), ("name", "report_id"), ("value", String(report.id))])
            FormFields.general(&h, f)
            FormFields.text(&h, f, name: "report_date", label: "Ngày báo cáo", hint: "ngày/tháng/năm", id: "sua-report_date")
            FormFields.status(&h, f, name: "status", label: "Tình trạng thực hiện", id: "sua-status", allowEmpty: false)
            FormFields.text(&h, f, name: "progress", label: "Tiến độ (%)", id: "sua-progress", inputMode: "decimal")
            FormFields.text(&h, f, name: "completed_on", label: "Ngày hoàn thành", hint: "chỉ khi đã hoàn thành; ngày/tháng/năm",
                            id: "sua-completed_on")
            if let ind = view.task.indicator {
                FormFields.text(&h, f, name: "indicator_value", label: "Giá trị chỉ tiêu: \(ind.name)\(ind.unit.map { " (\($0))" } ?? "")",
                                id: "sua-indicator_value", inputMode: "decimal")
            }
            FormFields.textarea(&h, f, name: "result", label: "Kết quả thực hiện", id: "sua-result")
            FormFields.textarea(&h, f, name: "obstacles", label: "Khó khăn, vướng mắc", id: "sua-obstacles")
            FormFields.textarea(&h, f, name: "proposals", label: "Kiến nghị, đề xuất", id: "sua-proposals")
            h.el("button", [("type", "submit"), ("class", "primary")], text: "Gửi phần sửa")
        }
    }

    /// The fields the clerk changed against `base`, as the API's JSON values; what cannot be
    /// read becomes an issue on its field.
    static func changedFields(_ form: PageForm, base: ReportRecord) -> (JSONObject, [Issue]) {
        let before = correctionValues(base)
        var partial = JSONObject([])
        var issues: [Issue] = []
        for name in correctionFields where form.values[name] != nil {
            let typed = form[name].trimmingWhitespace
            guard typed != (before[name] ?? "").trimmingWhitespace else { continue }
            switch name {
            case "report_date", "completed_on":
                let d = ClerkInput.date(typed)
                if typed.isEmpty { partial[name] = .null }
                else if d.utf8.count > 32 { issues.append(Issue(name, name + "_malformed", "\(name) is too long")) }
                else if d != ClerkInput.date(before[name] ?? "") { partial[name] = .string(d) }
            case "status":
                let v = ClerkInput.status(typed)
                if v != base.status.rawValue { partial[name] = .string(String(v.prefix(32))) }
            case "progress", "indicator_value":
                if typed.isEmpty { if name == "indicator_value" { partial[name] = .null }; continue }
                guard let v = ClerkInput.number(typed), abs(v) <= 1e15 else {
                    issues.append(Issue(name, name + "_not_number", "\(name) must be a number")); continue
                }
                let old = name == "progress" ? base.progress : base.indicatorValue
                if v != old { partial[name] = .num(v) }
            default:
                if form[name].count > PageContext.maxText {
                    issues.append(Issue(name, "too_long", "\(name) is longer than \(PageContext.maxText) characters")); continue
                }
                partial[name] = typed.isEmpty ? .null : .string(VietnameseText.nfc(typed))
            }
        }
        return (partial, issues)
    }

    func postCorrection(_ req: HTTPRequest, _ params: RouteParameters, _ viewer: PageViewer, _ body: FormBody) throws -> HTTPResponse {
        let id = try pathInt(params, "id", what: "task")
        var form = PageForm()
        for (k, v) in body.fields where k != "csrf" { form.values[k] = v }
        guard let reportID = Int64(form["report_id"].trimmingWhitespace), reportID > 0 else {
            throw Problem.notFound("report", form["report_id"])
        }
        // The base is the latest revision of the report's (task, unit, period), as for the API.
        let base: ReportRecord = try api.store.read { c in
            guard let r = try ReportStore.get(reportID, in: c), r.taskID == id else { throw Problem.notFound("report", String(reportID)) }
            return try ReportStore.revisions(taskID: r.taskID, unitID: r.unitID, period: r.period.description, in: c).last ?? r
        }
        let (partial, typeIssues) = PageContext.changedFields(form, base: base)
        var (merged, issues) = APIContext.mergeRevision(base: base, partial: partial)
        issues = typeIssues + issues.filter { $0.code != "revision_empty" || typeIssues.isEmpty }
        if issues.contains(where: { $0.code == "revision_empty" }) {
            issues = [Issue("", "revision_empty", "Nothing changed.")]
        }
        merged["unit_id"] = .string(base.unitID)
        var item = api.readReportItem(.object(merged), path: "", now: api.now)
        item.issues += issues
        for i in issues { item.badFields.insert(i.field) }
        guard let problems = try submit([item], viewer) else { return PageHeaders.redirect("/tasks/\(id)?sent=1#sua-bao-cao") }
        var clerk = ClerkForms()
        var shown = form
        shown.take(problems, shown: Set(PageContext.correctionFields))
        clerk.correction = shown
        return try task(HTTPRequest(method: .get, target: "/tasks/\(id)"), params, viewer, form: nil, clerk: clerk)
    }
}
