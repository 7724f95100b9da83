// Extension requests on the pages (issue 13): on /tasks/{id} a clerk of an
// assigned unit sees the unit's requests and, with none pending, the
// "Đề nghị gia hạn" form; on /plans/{id} the aggregator sees the pending ones
// with grant / decline buttons. Both go through the API's own functions
// (fileExtensionRequest, decideExtensionRequest): same rules, same codes.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// The plan page's decision form as typed for one request, with its errors.
struct DecisionForm {
    let requestID: Int64
    var form: PageForm
}

extension PageContext {
    static let requestStateNames = ["pending": "Đang chờ trả lời", "granted": "Đã đồng ý gia hạn", "declined": "Không đồng ý"]

    static func requestedDeadline(_ r: ExtensionRequestRecord) -> String {
        let phrase = (try? JSONParser.parse(Array(r.deadlineJSON.utf8)))?["phrase"]?.stringValue
        let due = ClerkInput.show(r.dueOn)
        if let phrase, !phrase.isEmpty, phrase != due { return "\(phrase) (hạn \(due))" }
        return due
    }

    static func day(_ timestamp: String?) -> String {
        ClerkInput.show(timestamp.flatMap(Timestamp.parse).map { VietnamTime.localDate(of: $0) })
    }

    // MARK: the clerk, on the task page

    func extensionRequestSection(_ h: inout HTML, _ view: TaskView, _ requests: [ExtensionRequestRecord], _ viewer: PageViewer,
                                 _ form: PageForm?) {
        h.el("h2", [("id", "de-nghi-gia-han")], text: "Đề nghị gia hạn")
        if !requests.isEmpty {
            Widgets.stackTable(&h, columns: ["Ngày đề nghị", "Hạn đề nghị", "Lý do", "Trạng thái", "Ý kiến cơ quan tổng hợp"]) { h in
                for r in requests {
                    h.el("tr") { h in
                        h.el("td", [("data-label", "Ngày đề nghị")], text: PageContext.day(r.createdAt))
                        h.el("td", [("data-label", "Hạn đề nghị")], text: PageContext.requestedDeadline(r))
                        h.el("td", [("class", "pre"), ("data-label", "Lý do")], text: r.reason)
                        let cls = r.state == "granted" ? "on_time" : (r.state == "declined" ? "missing" : "pending")
                        h.el("td", [("class", cls), ("data-label", "Trạng thái")],
                             text: (PageContext.requestStateNames[r.state] ?? r.state)
                                + (r.decidedAt != nil ? " ngày \(PageContext.day(r.decidedAt))" : ""))
                        h.el("td", [("class", "pre"), ("data-label", "Ý kiến")], text: r.decisionComment ?? "")
                    }
                }
            }
        }
        if requests.contains(where: { $0.state == "pending" }) {
            h.el("p", text: "Đơn vị đang có một đề nghị gia hạn chờ cơ quan tổng hợp trả lời.")
            return
        }
        let f = form ?? PageForm()
        h.el("p", text: "Đề nghị cơ quan tổng hợp gia hạn thời hạn thực hiện nhiệm vụ này; hạn mới chỉ có hiệu lực khi được đồng ý.")
        h.el("form", [("method", "post"), ("action", "/tasks/\(view.task.id)/extension-request#de-nghi-gia-han"),
                      ("novalidate", "novalidate"), ("class", "report extension-request")]) { h in
            Layout.csrfField(&h, viewer)
            if f.hasErrors {
                h.el("div", [("class", "notice error"), ("role", "alert")]) { h in
                    h.el("p", text: "Đề nghị chưa được gửi. Hãy sửa các mục được đánh dấu bên dưới (dữ liệu đã nhập vẫn được giữ nguyên).")
                    if let list = f.errors[""] { h.el("ul") { h in for m in list { h.el("li", text: m) } } }
                }
            }
            FormFields.text(&h, f, name: "deadline", label: "Hạn đề nghị", hint: "ví dụ: 30/06/2027, Quý II/2027 hoặc Năm 2027",
                            id: "gh-deadline", required: true)
            FormFields.textarea(&h, f, name: "reason", label: "Lý do đề nghị gia hạn", id: "gh-reason")
            h.el("button", [("type", "submit"), ("class", "primary")], text: "Gửi đề nghị gia hạn")
        }
    }

    func postExtensionRequest(_ req: HTTPRequest, _ params: RouteParameters, _ viewer: PageViewer, _ body: FormBody) throws -> HTTPResponse {
        let id = try pathInt(params, "id", what: "task")
        var form = PageForm()
        for (k, v) in body.fields where k != "csrf" { form.values[k] = v }
        let deadline = form["deadline"].trimmingWhitespace, reason = form["reason"].trimmingWhitespace
        var issues = IssueSet()
        if deadline.isEmpty { issues.add(Issue("deadline", "required", "deadline is required.")) }
        if reason.isEmpty { issues.add(Issue("reason", "required", "reason is required.")) }
        if reason.count > 5000 { issues.add(Issue("reason", "too_long", "reason is longer than 5000 characters")) }
        let input = APIContext.ExtensionRequestInput(deadline: deadline.isEmpty ? nil : .string(VietnameseText.nfc(deadline)),
                                                     reason: reason.isEmpty || reason.count > 5000 ? nil : VietnameseText.nfc(reason),
                                                     issues: issues)
        do {
            _ = try api.fileExtensionRequest(taskID: id, input, principal: viewer.principal)
            return PageHeaders.redirect("/tasks/\(id)?requested=1#de-nghi-gia-han")
        } catch let p as Problem where p.status == 422 || p.status == 409 || (p.status == 403 && !p.errors.isEmpty) {
            form.take(p.errors.isEmpty ? [Issue("", p.code, p.detail ?? p.title)] : p.errors.map { Issue($0.field, $0.code, $0.message) },
                      shown: ["deadline", "reason"])
            var clerk = ClerkForms()
            clerk.extensionRequest = form
            return try task(HTTPRequest(method: .get, target: "/tasks/\(id)"), params, viewer, form: nil, clerk: clerk)
        }
    }

    // MARK: the aggregator, on the plan page

    /// The plan's pending requests, for a viewer who may answer them (else none).
    func pendingExtensionRequests(_ plan: PlanRecord, _ viewer: PageViewer, _ c: Connection) throws -> [ExtensionRequestRecord] {
        guard (try? api.requirePlanAggregator(viewer.principal, plan)) != nil else { return [] }
        return try ExtensionRequestStore.forPlan(plan.id, state: ExtensionRequestState.pending.rawValue, in: c)
    }

    func extensionRequestsPanel(_ h: inout HTML, _ day: PlanDay, _ requests: [ExtensionRequestRecord], _ viewer: PageViewer,
                                _ decision: DecisionForm?, notice: String?) {
        guard !requests.isEmpty || notice != nil else { return }
        h.el("h2", [("id", "de-nghi-gia-han")], text: "Đề nghị gia hạn chờ trả lời (\(requests.count))")
        if let notice { h.el("p", [("class", "notice ok"), ("role", "status")], text: notice) }
        for r in requests {
            let f = decision.flatMap { $0.requestID == r.id ? $0.form : nil } ?? PageForm()
            let p = "yc\(r.id)-"
            h.el("form", [("method", "post"), ("action", "/extension-requests/\(r.id)/decision"), ("novalidate", "novalidate"),
                          ("class", "report extension-decision"), ("id", "de-nghi-\(r.id)")]) { h in
                Layout.csrfField(&h, viewer)
                h.el("dl", [("class", "kv")]) { h in
                    h.el("dt", text: "Nhiệm vụ"); h.el("dd") { h in
                        h.el("a", [("href", "/tasks/\(r.taskID)")], text: day.snap.task(r.taskID)?.title ?? "Nhiệm vụ \(r.taskID)")
                    }
                    h.el("dt", text: "Đơn vị đề nghị"); h.el("dd", text: day.unitName(r.unitID))
                    h.el("dt", text: "Ngày đề nghị"); h.el("dd", text: PageContext.day(r.createdAt))
                    h.el("dt", text: "Hạn đề nghị"); h.el("dd", text: PageContext.requestedDeadline(r))
                    h.el("dt", text: "Lý do"); h.el("dd", [("class", "pre")], text: r.reason)
                }
                if f.hasErrors {
                    h.el("div", [("class", "notice error"), ("role", "alert")]) { h in
                        h.el("p", text: "Chưa lưu được ý kiến. Hãy sửa các mục được đánh dấu.")
                        if let list = f.errors[""] { h.el("ul") { h in for m in list { h.el("li", text: m) } } }
                    }
                }
                FormFields.textarea(&h, f, name: "comment", label: "Ý kiến (bắt buộc khi không đồng ý)", id: p + "comment")
                FormFields.text(&h, f, name: "deadline", label: "Hạn khác hạn đề nghị (nếu có, chỉ khi đồng ý)",
                                hint: "để trống: gia hạn đúng như đề nghị", id: p + "deadline")
                h.el("div", [("class", "actions")]) { h in
                    h.el("button", [("type", "submit"), ("name", "decision"), ("value", "granted"), ("class", "primary")], text: "Đồng ý gia hạn")
                    h.el("button", [("type", "submit"), ("name", "decision"), ("value", "declined")], text: "Không đồng ý")
                }
            }
        }
    }

    func postExtensionDecision(_ req: HTTPRequest, _ params: RouteParameters, _ viewer: PageViewer, _ body: FormBody) throws -> HTTPResponse {
        let id = try pathInt(params, "id", what: "extension request")
        var form = PageForm()
        for (k, v) in body.fields where k != "csrf" { form.values[k] = v }
        guard let request = try api.store.read({ try ExtensionRequestStore.get(id, in: $0) }) else {
            throw Problem.notFound("extension request", String(id))
        }
        let decision = ExtensionRequestDecision(rawValue: form["decision"])
        let comment = form["comment"].trimmingWhitespace, deadline = form["deadline"].trimmingWhitespace
        let deadlineJSON: JSON? = deadline.isEmpty ? nil : .string(VietnameseText.nfc(deadline))
        var issues = APIContext.decisionIssues(decision, comment: comment, deadline: deadlineJSON)
        if decision == nil { issues.append(Issue("", "invalid_value", "decision must be granted or declined.")) }
        if comment.count > 5000 { issues.append(Issue("comment", "too_long", "comment is longer than 5000 characters")) }
        do {
            guard issues.isEmpty, let decision else { throw Problem.validation(issues) }
            _ = try api.decideExtensionRequest(id, decision: decision, comment: comment.isEmpty ? nil : VietnameseText.nfc(comment),
                                               deadline: deadlineJSON, principal: viewer.principal)
            return PageHeaders.redirect("/plans/\(request.planID)?decided=\(decision.rawValue)#de-nghi-gia-han")
        } catch let p as Problem where p.status == 422 || p.status == 409 {
            form.take(p.errors.isEmpty ? [Issue("", p.code, p.detail ?? p.title)] : p.errors.map { Issue($0.field, $0.code, $0.message) },
                      shown: ["comment", "deadline"])
            return try plan(HTTPRequest(method: .get, target: "/plans/\(request.planID)"), RouteParameters([("id", String(request.planID))]), viewer,
                            decision: DecisionForm(requestID: id, form: form))
        }
    }
}
