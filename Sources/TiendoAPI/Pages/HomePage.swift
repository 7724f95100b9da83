// `/`: for the finance office (aggregator, admin) every plan with its progress
// and the four national buckets; for a clerk (reporter) what the unit must
// report now — task, period, due day, days left or late, sent or not — and one
// form that sends the unit's reports for the open periods together, through the
// batch path (all or nothing).

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// The plan of an agenda row: what the rows print of it.
struct AgendaRowPlan {
    let id: Int64
    let number: String
}

/// The task of an agenda row.
struct AgendaRowTask {
    let id: Int64
    let title: String
}

/// One (task, period) the unit answers for: the compliance entry as the API computes it.
/// Small on purpose: a district's agenda is hundreds of rows, sorted, grouped and filtered, and a
/// row holding the whole plan day cost more in copies than the page's rendering.
struct AgendaRow {
    let plan: AgendaRowPlan
    let task: AgendaRowTask
    let info: PeriodInfo
    let entry: ComplianceEntry
    let locked: Bool
    /// The aggregator's return of the latest revision, when no new one has come since.
    var returned: ReviewRecord? = nil
    /// Owed: nothing received for the period, or what was received was returned.
    var owed: Bool { entry.outcome == .missing || entry.outcome == .pending || returned != nil }
    /// Still to send: owed, and the period takes reports.
    var open: Bool { owed && !locked }
}

extension PageContext {
    func home(_ req: HTTPRequest, _ viewer: PageViewer, form: PageForm?, sent: Int? = nil) throws -> HTTPResponse {
        try api.store.read { c in
            let unitName = try viewer.principal.unitID.flatMap { try UnitStore.get($0, in: c)?.name }
            if viewer.principal.isReporter, let unit = viewer.principal.unitID {
                let rows = try agenda(unit, viewer, c)
                // One plan at a time in detail (a district answers for hundreds of tasks across plans):
                // the one asked for, else the first that still has something to send.
                let asked = Int64(form?["plan"] ?? req.query["plan"] ?? "")
                let selected = rows.first(where: { $0.plan.id == asked })?.plan.id
                    ?? rows.first(where: \.open)?.plan.id ?? rows.first?.plan.id
                let mine = rows.filter { $0.plan.id == selected }
                let title = "Việc cần báo cáo — \(unitName ?? unit)"
                return Layout.page(title, viewer: viewer, unitName: unitName, status: form?.hasErrors == true ? 422 : 200) { h in
                    if let n = sent ?? req.query["sent"].flatMap({ Int($0) }) {
                        h.el("p", [("class", "notice ok"), ("role", "status")], text: "Đã gửi \(n) báo cáo.")
                    }
                    agendaSummary(&h, rows, selected: selected)
                    agendaTable(&h, mine)
                    batchForm(&h, mine, viewer, form ?? PageForm())
                }
            }
            let plans = try visiblePlans(viewer, c)
            let asOf = try asOf(req)
            let days = try plans.map { try planDay($0.id, asOf: asOf, viewer, c) }
            return Layout.page("Tổng quan các kế hoạch", viewer: viewer, unitName: unitName) { h in
                asOfPicker(&h, action: "/", asOf: asOf)
                plansTable(&h, days, asOf: asOf)
            }
        }
    }

    func asOfPicker(_ h: inout HTML, action: String, asOf: CivilDate, extra: [(String, String)] = []) {
        h.el("form", [("method", "get"), ("action", action), ("class", "actions")]) { h in
            for (k, v) in extra { h.void("input", [("type", "hidden"), ("name", k), ("value", v)]) }
            h.el("label", [("for", "as_of")], text: "Xem số liệu tính đến ngày")
            h.void("input", [("type", "date"), ("id", "as_of"), ("name", "as_of"), ("value", asOf.description)])
            h.el("button", [("type", "submit"), ("class", "primary")], text: "Xem")
        }
    }

    func plansTable(_ h: inout HTML, _ days: [PlanDay], asOf: CivilDate) {
        guard !days.isEmpty else { h.el("p", text: "Chưa có kế hoạch nào."); return }
        h.el("div", [("class", "table-wrap")]) { h in
            h.el("table", [("class", "stack")]) { h in
                h.el("caption", text: "Tiến độ các kế hoạch tính đến \(ClerkInput.show(asOf))")
                h.el("thead") { h in
                    h.el("tr") { h in
                        h.el("th", [("scope", "col")], text: "Kế hoạch")
                        h.el("th", [("scope", "col")], text: "Tiến độ bình quân")
                        h.el("th", [("scope", "col"), ("class", "num")], text: "Số nhiệm vụ")
                        for (_, name) in Widgets.bucketNames { h.el("th", [("scope", "col"), ("class", "num")], text: name) }
                    }
                }
                h.el("tbody") { h in
                    for d in days {
                        h.el("tr") { h in
                            h.el("th", [("scope", "row")]) { h in
                                h.el("a", [("href", "/plans/\(d.plan.id)")], text: d.plan.number)
                                h.el("div", [("class", "muted")], text: d.plan.title)
                            }
                            h.el("td", [("data-label", "Tiến độ bình quân")]) { h in Widgets.progress(&h, d.averageProgress) }
                            h.el("td", [("class", "num"), ("data-label", "Số nhiệm vụ")], text: String(d.views.count))
                            Widgets.bucketTable(&h, d.buckets)
                        }
                    }
                }
            }
        }
    }

    /// The unit's (task, period) pairs for the periods whose window is open now (the latest two).
    func agenda(_ unit: String, _ viewer: PageViewer, _ c: Connection) throws -> [AgendaRow] {
        let today = api.today
        var rows: [AgendaRow] = []
        for plan in try visiblePlans(viewer, c) where plan.status != .closed {
            let day = try planDay(plan.id, asOf: today, viewer, c)
            let open = periods(day).filter { $0.expectsReports && $0.opens <= today }.suffix(2)
            guard !open.isEmpty else { continue }
            let returns = try returnsByTaskPeriod(plan.id, unit: unit, c)
            let own = UnitRows(unit: unit) { self.unitTasks(day, unit: unit).map { Int64($0.taskId) } }
            let tasks = Dictionary(day.snap.tasks.map { ($0.id, AgendaRowTask(id: $0.id, title: $0.title)) }, uniquingKeysWith: { a, _ in a })
            let p = AgendaRowPlan(id: plan.id, number: plan.number)
            for info in open {
                let r = try unitCompliance(day, unit: unit, info, rows: own, c)
                let locked = day.locks[info.period] != nil
                for e in r.entries where e.unitId == unit {
                    guard let t = tasks[Int64(e.taskId)] else { continue }
                    rows.append(AgendaRow(plan: p, task: t, info: info, entry: e, locked: locked,
                                          returned: returns[ReturnKey(taskID: t.id, period: info.period.description)]))
                }
            }
        }
        return rows.sorted { ($0.info.dueOn, $0.plan.id, $0.task.id) < ($1.info.dueOn, $1.plan.id, $1.task.id) }
    }

    /// "còn 9 ngày", "quá hạn 3 ngày", "đúng hạn", "muộn 2 ngày".
    static func agendaState(_ row: AgendaRow, today: CivilDate) -> (text: String, cls: String) {
        if let review = row.returned { return (returnedState(review), "missing") }
        switch row.entry.outcome {
        case .onTime: return ("Đã gửi, đúng hạn", "on_time")
        case .late: return ("Đã gửi, muộn \(row.entry.daysLate) ngày", "late")
        case .missing, .pending:
            let left = today.days(until: row.info.dueOn)
            if left >= 0 { return ("Chưa gửi — còn \(left) ngày", "pending") }
            return ("Chưa gửi — quá hạn \(-left) ngày", "missing")
        }
    }

    /// Per plan and open period: due day, days left, how many sent and still owed.
    func agendaSummary(_ h: inout HTML, _ rows: [AgendaRow], selected: Int64?) {
        let today = api.today
        var groups: [(AgendaRow, [AgendaRow])] = []
        var groupOf: [String: Int] = [:]
        for r in rows {
            let key = "\(r.plan.id) \(r.info.period)"
            if let i = groupOf[key] { groups[i].1.append(r) } else { groupOf[key] = groups.count; groups.append((r, [r])) }
        }
        h.el("h2", text: "Các kỳ báo cáo đang mở")
        guard !groups.isEmpty else { h.el("p", text: "Đơn vị không có nhiệm vụ nào phải báo cáo trong các kỳ đang mở."); return }
        h.el("div", [("class", "table-wrap")]) { h in
            h.el("table", [("class", "stack")]) { h in
                h.el("caption", text: "Hôm nay: \(ClerkInput.show(today))")
                h.el("thead") { h in
                    h.el("tr") { h in
                        for c in ["Kế hoạch", "Kỳ báo cáo", "Hạn gửi", "Thời hạn"] { h.el("th", [("scope", "col")], text: c) }
                        for c in ["Đã gửi", "Chưa gửi"] { h.el("th", [("scope", "col"), ("class", "num")], text: c) }
                        h.el("th", [("scope", "col")], text: "Chi tiết")
                    }
                }
                h.el("tbody") { h in
                    for (first, list) in groups {
                        let left = today.days(until: first.info.dueOn)
                        let owed = list.filter(\.owed).count
                        h.el("tr") { h in
                            h.el("th", [("scope", "row")]) { h in h.el("a", [("href", "/plans/\(first.plan.id)")], text: first.plan.number) }
                            h.el("td", [("data-label", "Kỳ báo cáo")], text: ClerkInput.show(first.info.period) + (first.locked ? " (đã khóa sổ)" : ""))
                            h.el("td", [("data-label", "Hạn gửi")], text: ClerkInput.show(first.info.dueOn))
                            h.el("td", [("class", left >= 0 ? "pending" : (owed > 0 ? "missing" : "none")), ("data-label", "Thời hạn")],
                                 text: left >= 0 ? "còn \(left) ngày" : "đã quá hạn \(-left) ngày")
                            h.el("td", [("class", "num"), ("data-label", "Đã gửi")], text: "\(list.count - owed)/\(list.count)")
                            h.el("td", [("class", owed == 0 ? "num" : (left >= 0 ? "num pending" : "num missing")), ("data-label", "Chưa gửi")], text: String(owed))
                            h.el("td", [("data-label", "Chi tiết")]) { h in
                                if first.plan.id == selected { h.text("đang xem bên dưới") }
                                else { h.el("a", [("href", "/?plan=\(first.plan.id)#chi-tiet")], text: "Xem và gửi báo cáo") }
                            }
                        }
                    }
                }
            }
        }
    }

    func agendaTable(_ h: inout HTML, _ rows: [AgendaRow]) {
        let today = api.today
        guard let plan = rows.first?.plan else { return }
        h.el("h2", [("id", "chi-tiet")], text: "Nhiệm vụ phải báo cáo — Kế hoạch \(plan.number)")
        guard !rows.isEmpty else { h.el("p", text: "Đơn vị không còn nhiệm vụ nào phải báo cáo trong các kỳ đang mở."); return }
        Widgets.stackTable(&h, columns: ["Nhiệm vụ", "Kế hoạch", "Kỳ báo cáo", "Hạn gửi", "Tình trạng"]) { h in
            for r in rows {
                let state = PageContext.agendaState(r, today: today)
                h.el("tr") { h in
                    h.el("th", [("scope", "row")]) { h in h.el("a", [("href", "/tasks/\(r.task.id)")], text: r.task.title) }
                    h.el("td", [("data-label", "Kế hoạch")]) { h in h.el("a", [("href", "/plans/\(r.plan.id)")], text: r.plan.number) }
                    h.el("td", [("data-label", "Kỳ báo cáo")], text: ClerkInput.show(r.info.period) + (r.locked ? " (đã khóa sổ)" : ""))
                    h.el("td", [("data-label", "Hạn gửi")], text: ClerkInput.show(r.info.dueOn))
                    h.el("td", [("class", state.cls), ("data-label", "Tình trạng")]) { h in
                        h.text(state.text)
                        if let review = r.returned { returnedComment(&h, review) }
                    }
                }
            }
        }
    }

    /// Rows still to send, each with the API's field names under `reports[i].`, and one report date.
    func batchForm(_ h: inout HTML, _ rows: [AgendaRow], _ viewer: PageViewer, _ form: PageForm) {
        let open = rows.filter(\.open).prefix(150)
        h.el("h2", [("id", "gui-ca-ky")], text: "Gửi báo cáo cả kỳ")
        guard !open.isEmpty else { h.el("p", text: "Không còn báo cáo nào phải gửi."); return }
        h.el("p", text: "Điền các dòng cần báo cáo (dòng để trống không được gửi). Tất cả được gửi cùng lúc: nếu một dòng có lỗi thì chưa dòng nào được lưu.")
        h.el("p", text: "Nhiệm vụ không có gì mới so với báo cáo trước: chọn tình trạng “Không thay đổi”, không cần nhập tiến độ — báo cáo giữ nguyên tình trạng và tiến độ lần trước.")
        var f = form
        if f["report_date"].isEmpty { f.values["report_date"] = ClerkInput.show(api.today) }
        h.el("form", [("method", "post"), ("action", "/"), ("class", "batch"), ("novalidate", "novalidate")]) { h in
            Layout.csrfField(&h, viewer)
            if let plan = rows.first?.plan { h.void("input", [("type", "hidden"), ("name", "plan"), ("value", String(plan.id))]) }
            FormFields.general(&h, f)
            FormFields.text(&h, f, name: "report_date", label: "Ngày báo cáo", hint: "ngày/tháng/năm, ví dụ 14/06/2022", required: true)
            Widgets.stackTable(&h, columns: ["Nhiệm vụ và kỳ", "Tình trạng", "Tiến độ (%)", "Kết quả", "Khó khăn, vướng mắc"]) { h in
                for (i, r) in open.enumerated() {
                    let p = "reports[\(i)]."
                    h.el("tr") { h in
                        h.el("th", [("scope", "row")]) { h in
                            h.void("input", [("type", "hidden"), ("name", p + "task_id"), ("value", String(r.task.id))])
                            h.void("input", [("type", "hidden"), ("name", p + "period"), ("value", r.info.period.description)])
                            h.text(r.task.title)
                            h.el("div", [("class", "muted")], text: "\(r.plan.number) · \(ClerkInput.show(r.info.period)) · hạn \(ClerkInput.show(r.info.dueOn))")
                            FormFields.errors(&h, f, p + "period")
                        }
                        h.el("td", [("data-label", "Tình trạng")]) { h in
                            FormFields.status(&h, f, name: p + "status", label: "Tình trạng", id: "r\(i)-status", allowEmpty: true,
                                              extra: [ClerkInput.unchangedWord])
                        }
                        h.el("td", [("data-label", "Tiến độ")]) { h in
                            FormFields.text(&h, f, name: p + "progress", label: "Tiến độ (%)", id: "r\(i)-progress", inputMode: "decimal")
                        }
                        h.el("td", [("data-label", "Kết quả")]) { h in
                            FormFields.textarea(&h, f, name: p + "result", label: "Kết quả", id: "r\(i)-result")
                        }
                        h.el("td", [("data-label", "Khó khăn")]) { h in
                            FormFields.textarea(&h, f, name: p + "obstacles", label: "Khó khăn, vướng mắc", id: "r\(i)-obstacles")
                        }
                    }
                }
            }
            h.el("button", [("type", "submit"), ("class", "primary")], text: "Gửi các báo cáo đã điền")
        }
    }

    func postBatch(_ req: HTTPRequest, _ viewer: PageViewer, _ body: FormBody) throws -> HTTPResponse {
        guard viewer.principal.isReporter, let unit = viewer.principal.unitID else {
            throw Problem.forbidden("role_forbidden", "Chỉ cán bộ của đơn vị được giao mới gửi báo cáo cả kỳ tại đây.")
        }
        var form = PageForm()
        for (k, v) in body.fields where k != "csrf" { form.values[k] = v }
        var items: [ReportItem] = []
        var shown: Set<String> = ["report_date"]
        for i in 0..<300 {
            let p = "reports[\(i)]."
            guard let taskText = body[p + "task_id"] else { break }
            for f in ["period", "status", "progress", "result", "obstacles", "report_date", "completed_on"] { shown.insert(p + f) }
            if form[p + "status"].trimmingWhitespace.isEmpty && form[p + "progress"].trimmingWhitespace.isEmpty { continue }
            guard let taskID = Int64(taskText), taskID > 0 else { continue }
            var item = reportItem(form, prefix: p, path: "reports[\(i)]", taskID: taskID, unitID: unit, reportDate: form["report_date"])
            // The report date is one field for the whole form: its errors go there, once.
            item.issues = item.issues.map { $0.field == p + "report_date" ? Issue("report_date", $0.code, $0.message) : $0 }
            items.append(item)
        }
        if items.isEmpty {
            form.add("", PageMessages.message("nothing_to_send", fallback: ""))
            return try home(req, viewer, form: form)
        }
        if let issues = try submit(items, viewer) {
            // Every row's report_date issue names the shared field once.
            var seen = Set<String>()
            let mapped = issues.compactMap { i -> Issue? in
                var i = i
                if i.field.hasSuffix(".report_date") { i.field = "report_date" }
                return seen.insert(i.field + "|" + i.code).inserted ? i : nil
            }
            form.take(mapped, shown: shown)
            return try home(req, viewer, form: form)
        }
        let plan = Int64(form["plan"]).map { "&plan=\($0)" } ?? ""
        return PageHeaders.redirect("/?sent=\(items.count)\(plan)")
    }
}
