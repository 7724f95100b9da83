// The aggregator's review on the task page: accept (tiếp nhận) or return (trả lại)
// a unit's latest report with a comment, through the API's own recordReview — the
// same checks (the plan's aggregator, the latest revision, a locked period) and the
// same write as POST /api/v1/reports/{id}/review.

import TiendoDomain
import TiendoHTTP
import TiendoStore

extension PageContext {
    static let reviewFields: Set<String> = ["report_id", "decision", "comment"]
    static let decisionWords: [(String, String)] = [(ReviewDecision.accepted.rawValue, "Tiếp nhận"),
                                                    (ReviewDecision.returned.rawValue, "Trả lại, yêu cầu đơn vị sửa")]

    /// Whether `viewer` may review this plan's reports (its aggregator, or an admin).
    func mayReview(_ viewer: PageViewer, _ plan: PlanRecord) -> Bool {
        (try? api.requirePlanAggregator(viewer.principal, plan)) != nil
    }

    /// Below the latest reports: one form to accept or return any unit's latest report.
    func reviewSection(_ h: inout HTML, _ view: TaskView, _ name: (String) -> String, _ viewer: PageViewer, _ form: PageForm?) {
        let reports = view.latest.compactMap { row in row.report.map { (row.unit, $0) } }
        guard !reports.isEmpty else { return }
        let f = form ?? PageForm()
        h.el("h2", [("id", "xem-xet")], text: "Xem xét báo cáo")
        h.el("p", text: "Tiếp nhận báo cáo mới nhất của một đơn vị, hoặc trả lại kèm ý kiến nêu rõ nội dung cần sửa; "
             + "báo cáo bị trả lại được tính là chưa gửi cho đến khi đơn vị gửi lại.")
        h.el("form", [("method", "post"), ("action", "/tasks/\(view.task.id)/review#xem-xet"), ("novalidate", "novalidate"),
                      ("class", "report review")]) { h in
            Layout.csrfField(&h, viewer)
            if f.hasErrors {
                h.el("div", [("class", "notice error"), ("role", "alert")]) { h in
                    h.el("p", text: "Chưa ghi được kết quả xem xét. Hãy sửa các mục được đánh dấu bên dưới (dữ liệu đã nhập vẫn được giữ nguyên).")
                    if let list = f.errors[""] { h.el("ul") { h in for m in list { h.el("li", text: m) } } }
                }
            }
            let options = reports.map { unit, r in
                (String(r.id), "\(name(unit)) — \(ClerkInput.show(r.period)), lần gửi \(r.revision)")
            }
            FormFields.select(&h, f, name: "report_id", label: "Báo cáo", id: "xx-report", options: options)
            FormFields.select(&h, f, name: "decision", label: "Kết quả xem xét", id: "xx-decision", options: PageContext.decisionWords)
            FormFields.textarea(&h, f, name: "comment", label: "Ý kiến (bắt buộc khi trả lại)", id: "xx-comment")
            h.el("button", [("type", "submit"), ("class", "primary")], text: "Ghi kết quả xem xét")
        }
    }

    func postReview(_ params: RouteParameters, _ viewer: PageViewer, _ body: FormBody) throws -> HTTPResponse {
        let taskID = try pathInt(params, "id", what: "task")
        var form = PageForm()
        for (k, v) in body.fields where k != "csrf" { form.values[k] = v }
        let decision = ReviewDecision(rawValue: form["decision"])
        let comment = form["comment"].trimmingWhitespace
        var issues: [Issue] = []
        let reportID = Int64(form["report_id"].trimmingWhitespace).flatMap { $0 > 0 ? $0 : nil }
        if reportID == nil { issues.append(Issue("report_id", "required", "Choose a report.")) }
        if decision == nil { issues.append(Issue("decision", "invalid_value", "decision must be accepted or returned.")) }
        if decision == .returned, comment.isEmpty {
            issues.append(Issue("comment", "review_comment_required", "A returned report needs a comment saying what to correct."))
        }
        if comment.count > 5_000 { issues.append(Issue("comment", "too_long", "comment is longer than 5000 characters")) }
        do {
            guard issues.isEmpty, let reportID, let decision else { throw Problem.validation(issues) }
            _ = try api.recordReview(reportID: reportID, ofTask: taskID, decision: decision,
                                     comment: comment.isEmpty ? nil : VietnameseText.nfc(comment), principal: viewer.principal)
            return PageHeaders.redirect("/tasks/\(taskID)?reviewed=\(decision.rawValue)#xem-xet")
        } catch let p as Problem where p.status == 422 || p.status == 409 {
            form.take(p.errors.isEmpty ? [Issue("", p.code, p.detail ?? p.title)] : p.errors.map { Issue($0.field, $0.code, $0.message) },
                      shown: PageContext.reviewFields)
            var clerk = ClerkForms()
            clerk.review = form
            return try task(HTTPRequest(method: .get, target: "/tasks/\(taskID)"), params, viewer, form: nil, clerk: clerk)
        }
    }
}

extension FormFields {
    /// A labelled select of fixed choices, keeping what was chosen.
    static func select(_ h: inout HTML, _ form: PageForm, name: String, label: String, id: String, options: [(String, String)]) {
        h.el("div", [("class", form.has(name) ? "field has-error" : "field")]) { h in
            h.el("label", [("for", id)], text: label)
            h.el("select", [("id", id), ("name", name), ("aria-invalid", form.has(name) ? "true" : nil),
                            ("aria-describedby", describedBy(form, name, hint: nil))]) { h in
                for (value, text) in options {
                    h.el("option", [("value", value), ("selected", form[name] == value ? "selected" : nil)], text: text)
                }
            }
            errors(&h, form, name)
        }
    }
}
