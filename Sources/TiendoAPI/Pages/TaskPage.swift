// `/tasks/{id}`: the task — its deadline phrase and extensions, each assignee's
// latest report, the revision history — and, for a clerk of an assigned unit,
// the report form (the API's field names and values: period, report_date,
// status, progress, completed_on, result, obstacles, proposals).

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension PageContext {
    func task(_ req: HTTPRequest, _ params: RouteParameters, _ viewer: PageViewer, form: PageForm?,
              clerk: ClerkForms = ClerkForms()) throws -> HTTPResponse {
        let id = try pathInt(params, "id", what: "task")
        let asOf = try asOf(req)
        return try api.store.read { c in
            let (view, plan) = try api.taskView(id, asOf: asOf, principal: viewer.principal, c)
            let names = try api.unitDirectory(c).byID
            func name(_ u: String) -> String { names[u]?.name ?? u }
            let history = try ReportStore.forTask(id, receivedBefore: Timestamp.endOfLocalDay(asOf), in: c)
                .sorted { ($0.receivedAt, $0.id) > ($1.receivedAt, $1.id) }
            let r = view.result
            let myUnit = viewer.principal.isReporter ? viewer.principal.unitID : nil
            let mayReport = myUnit.map { u in view.lead.contains(u) || view.coordinating.contains(u) } ?? false
            let reviews = try ReviewStore.forReports(view.latest.compactMap { $0.report?.id }, in: c)
            let myLatest = view.latest.first(where: { $0.unit == myUnit })?.report
            let myReturn = myLatest.flatMap { reviews[$0.id]?.last }.flatMap { $0.decision == .returned ? $0 : nil }
            let myRequests = mayReport ? try ExtensionRequestStore.forTask(id, unitID: myUnit, in: c) : []
            let status = form?.hasErrors == true || clerk.hasErrors ? 422 : 200
            return Layout.page("Nhiệm vụ", viewer: viewer, unitName: myUnit.map(name), status: status) { h in
                if req.query["sent"] == "1", form == nil {
                    h.el("p", [("class", "notice ok"), ("role", "status")], text: "Đã gửi báo cáo. Cảm ơn anh/chị.")
                }
                if req.query["requested"] == "1", !clerk.hasErrors {
                    h.el("p", [("class", "notice ok"), ("role", "status")], text: "Đã gửi đề nghị gia hạn; cơ quan tổng hợp sẽ trả lời trên trang này.")
                }
                h.el("p", [("class", "lead task-title")], text: view.task.title)
                h.el("dl", [("class", "kv")]) { h in
                    h.el("dt", text: "Kế hoạch"); h.el("dd") { h in h.el("a", [("href", "/plans/\(plan.id)")], text: "\(plan.number) — \(plan.title)") }
                    if let s = view.shortcoming {
                        h.el("dt", text: "Hạn chế, yếu kém"); h.el("dd", text: [s.code, s.title].compactMap { $0 }.joined(separator: " "))
                    }
                    h.el("dt", text: "Thời gian khắc phục"); h.el("dd", text: r.originalDeadline.phrase ?? "—")
                    h.el("dt", text: "Hạn hiện tại"); h.el("dd", text: ClerkInput.show(r.dueOn) + (r.extensionsApplied > 0 ? " (đã gia hạn)" : ""))
                    h.el("dt", text: "Tình trạng"); h.el("dd", [("class", "s-\(r.status.rawValue)")],
                                                         text: (Widgets.taskStatusNames[r.status] ?? r.status.rawValue)
                                                             + (r.status == .overdue ? ", quá hạn \(r.daysOverdue) ngày" : ""))
                    h.el("dt", text: "Tiến độ"); h.el("dd") { h in Widgets.progress(&h, r.progress) }
                    h.el("dt", text: "Đơn vị chủ trì"); h.el("dd") { h in unitLinks(&h, view.lead, names) }
                    h.el("dt", text: "Đơn vị phối hợp"); h.el("dd") { h in view.coordinating.isEmpty ? h.text("—") : unitLinks(&h, view.coordinating, names) }
                    if let ind = view.task.indicator {
                        h.el("dt", text: "Chỉ tiêu"); h.el("dd", text: "\(ind.name): \(ind.target.map(Widgets.fmt) ?? "—") \(ind.unit ?? "")")
                    }
                }
                if !view.extensions.isEmpty {
                    h.el("h2", text: "Gia hạn")
                    h.el("table") { h in
                        h.el("thead") { h in h.el("tr") { h in for c in ["Ngày gia hạn", "Hạn mới", "Lý do"] { h.el("th", [("scope", "col")], text: c) } } }
                        h.el("tbody") { h in
                            for e in view.extensions {
                                h.el("tr") { h in
                                    h.el("td", text: ClerkInput.show(Timestamp.parse(e.createdAt).map { VietnamTime.localDate(of: $0) }))
                                    h.el("td", text: ClerkInput.show(e.dueOn))
                                    h.el("td", [("class", "pre")], text: e.reason)
                                }
                            }
                        }
                    }
                }
                latestTable(&h, view, plan, name, reviews: reviews)
                if let decided = req.query["reviewed"], !clerk.hasErrors {
                    h.el("p", [("class", "notice ok"), ("role", "status"), ("id", "da-xem-xet")],
                         text: ReviewDecision(rawValue: decided) == .returned ? "Đã trả lại báo cáo; đơn vị sẽ thấy ý kiến của anh/chị khi mở nhiệm vụ này."
                                                     : "Đã tiếp nhận báo cáo.")
                }
                if mayReview(viewer, plan) { reviewSection(&h, view, name, viewer, clerk.review) }
                if mayReport { returnedNotice(&h, myReturn) }
                if mayReport, let unit = myUnit {
                    reportForm(&h, view, plan, unit: unit, unitName: name(unit), viewer, form ?? PageForm())
                    // After the report form: its fields keep being the page's first of their names.
                    if let mine = myLatest { correctionForm(&h, view, mine, viewer, clerk.correction) }
                    extensionRequestSection(&h, view, myRequests, viewer, clerk.extensionRequest)
                }
                historyTable(&h, history, name)
            }
        }
    }

    func unitLinks(_ h: inout HTML, _ ids: [String], _ names: [String: UnitRecord]) {
        for (i, u) in ids.enumerated() {
            if i > 0 { h.text(", ") }
            h.el("a", [("href", "/units/\(u)")], text: names[u]?.name ?? u)
        }
    }

    func reportCells(_ h: inout HTML, _ rep: ReportRecord, _ plan: PlanRecord) {
        let due = plan.schedule.info(for: rep.period, issuedOn: plan.issuedOn)?.dueOn
        h.el("td", [("data-label", "Kỳ")], text: ClerkInput.show(rep.period))
        h.el("td", [("data-label", "Ngày báo cáo")], text: ClerkInput.show(rep.reportDate))
        h.el("td", [("data-label", "Tình trạng")], text: ClerkInput.showStatus(rep.status.rawValue))
        h.el("td", [("class", "num"), ("data-label", "Tiến độ")], text: Widgets.fmt(rep.progress) + "%")
        h.el("td", [("class", "pre report-result"), ("data-label", "Kết quả")], text: rep.result ?? "")
        h.el("td", [("class", "pre"), ("data-label", "Khó khăn")], text: rep.obstacles ?? "")
        var received = rep.receivedAt
        var cls = "none"
        if let at = Timestamp.parse(rep.receivedAt) {
            received = ClerkInput.show(VietnamTime.localDate(of: at))
            if let due {
                let t = Timeliness(receivedAt: at, dueOn: due)
                received += t.onTime ? " (đúng hạn)" : " (muộn \(t.daysLate) ngày)"
                cls = t.onTime ? "on_time" : "late"
            }
        }
        h.el("td", [("class", cls), ("data-label", "Nhận lúc")], text: received)
    }

    func latestTable(_ h: inout HTML, _ view: TaskView, _ plan: PlanRecord, _ name: (String) -> String,
                     reviews: [Int64: [ReviewRecord]] = [:]) {
        h.el("h2", text: "Báo cáo mới nhất của từng đơn vị")
        Widgets.stackTable(&h, columns: ["Đơn vị", "Vai trò", "Kỳ", "Ngày báo cáo", "Tình trạng", "Tiến độ", "Kết quả", "Khó khăn, vướng mắc", "Nhận lúc", "Xem xét"]) { h in
            for row in view.latest {
                h.el("tr") { h in
                    h.el("th", [("scope", "row")]) { h in h.el("a", [("href", "/units/\(row.unit)")], text: name(row.unit)) }
                    h.el("td", [("data-label", "Vai trò")], text: row.role == .lead ? "Chủ trì" : "Phối hợp")
                    if let rep = row.report { reportCells(&h, rep, plan); reviewCell(&h, reviews[rep.id]) }
                    else { h.el("td", [("colspan", "8"), ("class", "missing")], text: "Chưa có báo cáo") }
                }
            }
        }
    }

    func historyTable(_ h: inout HTML, _ history: [ReportRecord], _ name: (String) -> String) {
        h.el("h2", text: "Lịch sử báo cáo (\(history.count) lần gửi)")
        guard !history.isEmpty else { h.el("p", text: "Chưa có báo cáo nào."); return }
        Widgets.stackTable(&h, columns: ["Đơn vị", "Kỳ", "Lần", "Ngày báo cáo", "Tình trạng", "Tiến độ", "Kết quả", "Khó khăn, vướng mắc", "Kiến nghị"]) { h in
            for rep in history.prefix(100) {
                h.el("tr") { h in
                    h.el("th", [("scope", "row")], text: name(rep.unitID))
                    h.el("td", [("data-label", "Kỳ")], text: ClerkInput.show(rep.period))
                    h.el("td", [("class", "num"), ("data-label", "Lần")], text: String(rep.revision))
                    h.el("td", [("data-label", "Ngày báo cáo")], text: ClerkInput.show(rep.reportDate))
                    h.el("td", [("data-label", "Tình trạng")], text: ClerkInput.showStatus(rep.status.rawValue))
                    h.el("td", [("class", "num"), ("data-label", "Tiến độ")], text: Widgets.fmt(rep.progress) + "%")
                    h.el("td", [("class", "pre"), ("data-label", "Kết quả")], text: rep.result ?? "")
                    h.el("td", [("class", "pre"), ("data-label", "Khó khăn")], text: rep.obstacles ?? "")
                    h.el("td", [("class", "pre"), ("data-label", "Kiến nghị")], text: rep.proposals ?? "")
                }
            }
            if history.count > 100 { h.el("tr") { h in h.el("td", [("colspan", "9")], text: "… còn \(history.count - 100) lần gửi cũ hơn (xem qua API)") } }
        }
    }

    /// The period a clerk most likely reports on: the latest whose window has opened.
    func defaultPeriod(_ plan: PlanRecord) -> PeriodInfo? {
        plan.schedule.periods(issuedOn: plan.issuedOn, through: api.today).last(where: { $0.opens <= api.today })
    }

    func reportForm(_ h: inout HTML, _ view: TaskView, _ plan: PlanRecord, unit: String, unitName: String,
                    _ viewer: PageViewer, _ form: PageForm) {
        var f = form
        if f.values.isEmpty {
            f.values["period"] = defaultPeriod(plan).map { ClerkInput.show($0.period) } ?? ""
            f.values["report_date"] = ClerkInput.show(api.today)
            f.values["status"] = "in_progress"
        }
        h.el("h2", [("id", "bao-cao")], text: "Gửi báo cáo của \(unitName)")
        h.el("form", [("method", "post"), ("action", "/tasks/\(view.task.id)#bao-cao"), ("novalidate", "novalidate"), ("class", "report")]) { h in
            Layout.csrfField(&h, viewer)
            h.void("input", [("type", "hidden"), ("name", "unit_id"), ("value", unit)])
            FormFields.general(&h, f)
            FormFields.text(&h, f, name: "period", label: "Kỳ báo cáo", hint: "ví dụ: Quý III/2022 (hoặc 2022-Q3)", required: true)
            FormFields.text(&h, f, name: "report_date", label: "Ngày báo cáo", hint: "ngày/tháng/năm, ví dụ 14/06/2022", required: true)
            FormFields.status(&h, f, name: "status", label: "Tình trạng thực hiện", allowEmpty: false)
            FormFields.text(&h, f, name: "progress", label: "Tiến độ (%)", hint: "từ 0 đến 100", inputMode: "decimal")
            FormFields.text(&h, f, name: "completed_on", label: "Ngày hoàn thành", hint: "chỉ khi đã hoàn thành; ngày/tháng/năm")
            if let ind = view.task.indicator {
                FormFields.text(&h, f, name: "indicator_value", label: "Giá trị chỉ tiêu: \(ind.name)\(ind.unit.map { " (\($0))" } ?? "")", inputMode: "decimal")
            }
            FormFields.textarea(&h, f, name: "result", label: "Kết quả thực hiện")
            FormFields.textarea(&h, f, name: "obstacles", label: "Khó khăn, vướng mắc")
            FormFields.textarea(&h, f, name: "proposals", label: "Kiến nghị, đề xuất")
            h.el("button", [("type", "submit"), ("class", "primary")], text: "Gửi báo cáo")
        }
    }

    func postReport(_ req: HTTPRequest, _ params: RouteParameters, _ viewer: PageViewer, _ body: FormBody) throws -> HTTPResponse {
        let id = try pathInt(params, "id", what: "task")
        var form = PageForm()
        for (k, v) in body.fields where k != "csrf" { form.values[k] = v }
        let unit = form["unit_id"].trimmingWhitespace.isEmpty ? (viewer.principal.unitID ?? "") : form["unit_id"].trimmingWhitespace
        let item = reportItem(form, prefix: "", path: "", taskID: id, unitID: String(unit.prefix(64)), reportDate: form["report_date"])
        guard let issues = try submit([item], viewer) else { return PageHeaders.redirect("/tasks/\(id)?sent=1") }
        form.take(issues, shown: ["period", "report_date", "status", "progress", "completed_on", "indicator_value",
                                  "result", "obstacles", "proposals"])
        return try task(HTTPRequest(method: .get, target: "/tasks/\(id)"), params, viewer, form: form)
    }
}
