// `/plans/{id}/periods/{period}`: who reported for one period — a units × tasks
// grid coloured on time / late (days) / missing / not yet due, the chase list of
// who still owes what, lock and unlock for the aggregator, export links, and a
// signature block for the printed copy. Counts are the API's compliance.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension PageContext {
    func periodInfo(_ day: PlanDay, _ text: String) throws -> PeriodInfo {
        let plan = day.plan
        switch plan.schedule.parsePeriod(ClerkInput.period(String(text.prefix(40)))) {
        case .failure(let v):
            throw Problem(status: 404, code: v.code, title: "Not found", detail: PageMessages.message(v.code, fallback: v.message))
        case .success(let p):
            guard let info = plan.schedule.info(for: p, issuedOn: plan.issuedOn) else { throw Problem.notFound("period", text) }
            return info
        }
    }

    func period(_ req: HTTPRequest, _ params: RouteParameters, _ viewer: PageViewer) throws -> HTTPResponse {
        let id = try pathInt(params, "id", what: "plan")
        let asOf = try asOf(req)
        return try api.store.read { c in
            let day = try planDay(id, asOf: asOf, viewer, c)
            let info = try periodInfo(day, params["period"] ?? "")
            let plan = day.plan
            let title = "\(plan.number) — \(ClerkInput.show(info.period))"
            let locked = day.locks[info.period]
            let result = info.expectsReports && info.opens <= asOf ? try compliance(day, info, c) : nil
            return Layout.page(title, viewer: viewer, unitName: viewer.principal.unitID.map(day.unitName)) { h in
                // After the lock form's redirect: a fixed message, never text from the URL.
                switch req.query["done"] {
                case "lock": h.el("p", [("class", "notice ok"), ("role", "status")], text: "Đã khóa sổ kỳ này: không nhận thêm báo cáo.")
                case "unlock": h.el("p", [("class", "notice ok"), ("role", "status")], text: "Đã mở khóa sổ kỳ này.")
                default: break
                }
                h.el("p") { h in h.el("a", [("href", "/plans/\(plan.id)?as_of=\(asOf)")], text: "← " + plan.title) }
                h.el("dl", [("class", "kv")]) { h in
                    h.el("dt", text: "Thời gian số liệu"); h.el("dd", text: "\(ClerkInput.show(info.opens)) – \(ClerkInput.show(info.closes))")
                    h.el("dt", text: "Hạn gửi báo cáo"); h.el("dd", text: ClerkInput.show(info.dueOn))
                    h.el("dt", text: "Tính đến ngày"); h.el("dd", text: ClerkInput.show(asOf))
                    h.el("dt", text: "Khóa sổ"); h.el("dd", text: locked.map { "Đã khóa (\($0.lockedAt))" } ?? "Chưa khóa")
                }
                asOfPicker(&h, action: "/plans/\(plan.id)/periods/\(info.period)", asOf: asOf)
                if viewer.principal.canManage { lockForm(&h, day, info, locked: locked != nil, viewer) }
                guard info.expectsReports, info.opens <= asOf else {
                    h.el("p", [("class", "notice")], text: info.expectsReports ? "Kỳ này chưa mở để báo cáo." : "Kỳ này trước ngày ban hành kế hoạch: không phải báo cáo.")
                    return
                }
                guard let r = result else { return }
                let notDue = asOf <= info.dueOn
                h.el("p", [("class", "totals")]) { h in
                    h.text("Phải gửi \(r.totals.expected) · đúng hạn \(r.totals.onTime) · muộn \(r.totals.late) · ")
                    h.text(notDue ? "chưa gửi \(r.totals.missing + r.totals.pending) (chưa đến hạn)" : "thiếu \(r.totals.missing)")
                }
                exportLinks(&h, "/api/v1/plans/\(plan.id)/compliance?period=\(info.period)&as_of=\(asOf)", what: "bảng theo dõi")
                chaseList(&h, day, r, notDue: notDue)
                grid(&h, day, r, notDue: notDue)
                h.el("div", [("class", "sign")]) { h in
                    h.el("div") { h in h.el("p", text: "Người lập biểu"); h.el("p", [("class", "muted")], text: "(Ký, ghi rõ họ tên)") }
                    h.el("div") { h in h.el("p", text: "Thủ trưởng cơ quan tổng hợp"); h.el("p", [("class", "muted")], text: "(Ký, đóng dấu)") }
                }
            }
        }
    }

    func lockForm(_ h: inout HTML, _ day: PlanDay, _ info: PeriodInfo, locked: Bool, _ viewer: PageViewer) {
        h.el("form", [("method", "post"), ("action", "/plans/\(day.plan.id)/periods/\(info.period)/lock"), ("class", "actions")]) { h in
            Layout.csrfField(&h, viewer)
            h.void("input", [("type", "hidden"), ("name", "action"), ("value", locked ? "unlock" : "lock")])
            h.el("button", [("type", "submit"), ("class", "primary")],
                 text: locked ? "Mở khóa sổ kỳ này (cho phép gửi lại)" : "Khóa sổ kỳ này (không nhận thêm báo cáo)")
        }
    }

    func chaseList(_ h: inout HTML, _ day: PlanDay, _ r: ComplianceResult, notDue: Bool) {
        var order: [String] = []
        var owed: [String: [TaskUnit]] = [:]
        for m in r.missing {
            if owed[m.unitId] == nil { order.append(m.unitId) }
            owed[m.unitId, default: []].append(m)
        }
        h.el("h2", [("id", "don-doc")], text: notDue ? "Đơn vị chưa gửi báo cáo (chưa đến hạn)" : "Danh sách đôn đốc: đơn vị còn thiếu báo cáo")
        guard !order.isEmpty else { h.el("p", text: "Tất cả đơn vị đã gửi đủ báo cáo."); return }
        h.el("div", [("class", "table-wrap")]) { h in
            h.el("table", [("class", "stack chase")]) { h in
                h.el("thead") { h in
                    h.el("tr") { h in
                        h.el("th", [("scope", "col")], text: "Đơn vị")
                        h.el("th", [("scope", "col"), ("class", "num")], text: "Số báo cáo còn thiếu")
                        h.el("th", [("scope", "col")], text: "Nhiệm vụ")
                    }
                }
                h.el("tbody") { h in
                    for u in order {
                        let list = owed[u] ?? []
                        h.el("tr") { h in
                            h.el("th", [("scope", "row")]) { h in h.el("a", [("href", "/units/\(u)")], text: day.unitName(u)) }
                            h.el("td", [("class", "num"), ("data-label", "Còn thiếu")], text: String(list.count))
                            h.el("td", [("data-label", "Nhiệm vụ")]) { h in
                                h.el("ul") { h in
                                    for m in list.prefix(60) {
                                        h.el("li") { h in
                                            h.el("a", [("href", "/tasks/\(m.taskId)")], text: day.snap.task(Int64(m.taskId))?.title ?? "#\(m.taskId)")
                                        }
                                    }
                                    if list.count > 60 { h.el("li", text: "… và \(list.count - 60) nhiệm vụ khác") }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Units (rows) × tasks (columns); each cell says in words what its colour says.
    func grid(_ h: inout HTML, _ day: PlanDay, _ r: ComplianceResult, notDue: Bool) {
        var cells: [String: [Int: ComplianceEntry]] = [:]
        var taskIDs = Set<Int>()
        for e in r.entries { cells[e.unitId, default: [:]][e.taskId] = e; taskIDs.insert(e.taskId) }
        let columns = day.snap.tasks.filter { taskIDs.contains(Int($0.id)) }
        h.el("h2", text: "Bảng theo dõi: đơn vị × nhiệm vụ")
        h.el("p", [("class", "legend")]) { h in
            h.el("span", [("class", "on_time")], text: "Đúng hạn")
            h.el("span", [("class", "late")], text: "Muộn (số ngày)")
            h.el("span", [("class", "missing")], text: "Thiếu")
            h.el("span", [("class", "pending")], text: "Chưa đến hạn")
            h.el("span", [("class", "none")], text: "— không phải gửi")
        }
        h.el("div", [("class", "table-wrap")]) { h in
            h.el("table", [("class", "grid")]) { h in
                h.el("caption", text: "Mỗi cột là một nhiệm vụ (số thứ tự trong kế hoạch; di chuột hoặc mở liên kết để xem tên)")
                h.el("thead") { h in
                    h.el("tr") { h in
                        h.el("th", [("scope", "col")], text: "Đơn vị")
                        for (i, t) in columns.enumerated() {
                            h.el("th", [("scope", "col")]) { h in
                                h.el("a", [("href", "/tasks/\(t.id)"), ("title", t.title), ("aria-label", "Nhiệm vụ \(i + 1): \(t.title)")], text: "NV\(i + 1)")
                            }
                        }
                    }
                }
                h.el("tbody") { h in
                    for u in r.perUnit {
                        let row = cells[u.unitId] ?? [:]
                        h.el("tr") { h in
                            h.el("th", [("scope", "row")], text: day.unitName(u.unitId))
                            for t in columns {
                                guard let e = row[Int(t.id)] else { h.el("td", [("class", "none")], text: "—"); continue }
                                switch e.outcome {
                                case .onTime: h.el("td", [("class", "on_time")], text: "Đúng hạn")
                                case .late: h.el("td", [("class", "late")], text: "Muộn \(e.daysLate) ngày")
                                case .pending: h.el("td", [("class", "pending")], text: "Chưa đến hạn")
                                case .missing:
                                    notDue ? h.el("td", [("class", "pending")], text: "Chưa đến hạn") : h.el("td", [("class", "missing")], text: "Thiếu")
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    func postLock(_ req: HTTPRequest, _ params: RouteParameters, _ viewer: PageViewer, _ form: FormBody) throws -> HTTPResponse {
        try api.requireManager(viewer.principal)
        let id = try pathInt(params, "id", what: "plan")
        let (plan, info) = try api.store.read { c -> (PlanRecord, PeriodInfo) in
            let day = try planDay(id, asOf: api.today, viewer, c)
            return (day.plan, try periodInfo(day, params["period"] ?? ""))
        }
        let period = info.period
        let action = form["action"] ?? ""
        switch action {
        case "lock":
            let rec = PeriodLockRecord(planID: plan.id, period: period, lockedAt: api.nowText, lockedBy: viewer.principal.tokenID)
            _ = try api.store.submitInWriter { try PeriodLockStore.lock(rec, in: $0) }
        case "unlock":
            _ = try api.store.submitInWriter { try PeriodLockStore.unlock(planID: plan.id, period: period, in: $0) }
        default:
            throw Problem(status: 400, code: "form_malformed", title: "Bad request", detail: "Thao tác phải là khóa hoặc mở khóa.")
        }
        return PageHeaders.redirect("/plans/\(plan.id)/periods/\(period)?done=\(action)")
    }
}
