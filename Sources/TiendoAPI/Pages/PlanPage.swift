// `/plans/{id}`: the plan as of a day — the four buckets as an SVG chart,
// progress by shortcoming, the overdue tasks with their lead units, and every
// period with its on-time / late / missing counts (the API's compliance).

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension PageContext {
    func plan(_ req: HTTPRequest, _ params: RouteParameters, _ viewer: PageViewer, decision: DecisionForm? = nil) throws -> HTTPResponse {
        let id = try pathInt(params, "id", what: "plan")
        let asOf = try asOf(req)
        return try api.store.read { c in
            let day = try planDay(id, asOf: asOf, viewer, c)
            let plan = day.plan
            var results: [String: ComplianceCounts] = [:]
            for info in periods(day) where info.expectsReports && info.opens <= day.asOf {
                results[info.period.description] = try complianceTotals(day, info, c)
            }
            let requests = try pendingExtensionRequests(plan, viewer, c)
            let decided = ["granted": "Đã đồng ý gia hạn; hạn mới đã được ghi.", "declined": "Đã ghi ý kiến không đồng ý gia hạn."][req.query["decided"] ?? ""]
            return Layout.page("Kế hoạch \(plan.number)", viewer: viewer, unitName: viewer.principal.unitID.map(day.unitName),
                               status: decision?.form.hasErrors == true ? 422 : 200) { h in
                h.el("p", [("class", "lead")], text: plan.title)
                h.el("dl", [("class", "kv")]) { h in
                    h.el("dt", text: "Ngày ban hành"); h.el("dd", text: ClerkInput.show(plan.issuedOn))
                    h.el("dt", text: "Người ký"); h.el("dd", text: plan.signer ?? "—")
                    h.el("dt", text: "Cơ quan tổng hợp"); h.el("dd") { h in
                        h.el("a", [("href", "/units/\(plan.aggregatorID)")], text: day.unitName(plan.aggregatorID))
                    }
                    h.el("dt", text: "Chế độ báo cáo"); h.el("dd", text: PageContext.scheduleText(plan.schedule))
                    h.el("dt", text: "Trạng thái"); h.el("dd", text: plan.status == .closed ? "Đã kết thúc" : "Đang thực hiện")
                }
                extensionRequestsPanel(&h, day, requests, viewer, decision, notice: decision == nil ? decided : nil)
                asOfPicker(&h, action: "/plans/\(plan.id)", asOf: asOf)
                h.el("h2", text: "Kết quả thực hiện tính đến \(ClerkInput.show(asOf))")
                Widgets.bucketChart(&h, day.buckets)
                h.el("p") { h in
                    h.text("Tiến độ bình quân: ")
                    Widgets.progress(&h, day.averageProgress)
                    h.text(" · Tỷ lệ hoàn thành: \(Widgets.fmt(day.completionRate))%")
                }
                exportLinks(&h, "/api/v1/plans/\(plan.id)/summary?as_of=\(asOf)", what: "bảng tổng hợp theo đơn vị")
                shortcomingTable(&h, day)
                overdueTable(&h, day)
                periodTable(&h, day, results)
            }
        }
    }

    static func scheduleText(_ s: ReportSchedule) -> String {
        let f: String
        switch s.frequency {
        case .monthly: f = "Hằng tháng"
        case .quarterly: f = "Hằng quý"
        case .halfYearly: f = "6 tháng một lần"
        case .yearly: f = "Hằng năm"
        case .once: return "Báo cáo một lần, hạn \(ClerkInput.show(s.onceDueOn))"
        }
        return "\(f), \(s.strict ? "trước ngày" : "chậm nhất ngày") \(s.dueDay) của tháng cuối kỳ"
    }

    func exportLinks(_ h: inout HTML, _ url: String, what: String) {
        h.el("p", [("class", "actions")]) { h in
            h.text("Tải \(what): ")
            h.el("a", [("href", url + "&format=csv"), ("download", "")], text: "CSV")
            h.el("a", [("href", url + "&format=xlsx"), ("download", "")], text: "Excel (.xlsx)")
        }
    }

    func shortcomingTable(_ h: inout HTML, _ day: PlanDay) {
        var order: [Int64] = []
        var byShortcoming: [Int64: [TaskView]] = [:]
        for v in day.views {
            if byShortcoming[v.task.shortcomingID] == nil { order.append(v.task.shortcomingID) }
            byShortcoming[v.task.shortcomingID, default: []].append(v)
        }
        h.el("h2", text: "Tiến độ theo hạn chế, yếu kém")
        h.el("div", [("class", "table-wrap")]) { h in
            h.el("table", [("class", "stack")]) { h in
                h.el("thead") { h in
                    h.el("tr") { h in
                        h.el("th", [("scope", "col")], text: "Mục")
                        h.el("th", [("scope", "col")], text: "Hạn chế, yếu kém")
                        h.el("th", [("scope", "col"), ("class", "num")], text: "Nhiệm vụ")
                        h.el("th", [("scope", "col"), ("class", "num")], text: "Hoàn thành")
                        h.el("th", [("scope", "col"), ("class", "num")], text: "Quá hạn")
                        h.el("th", [("scope", "col")], text: "Tiến độ bình quân")
                    }
                }
                h.el("tbody") { h in
                    for sid in order {
                        let views = byShortcoming[sid] ?? []
                        let s = day.snap.shortcomings[sid]
                        let avg = views.isEmpty ? 0 : views.map(\.result.progress).reduce(0, +) / Double(views.count)
                        h.el("tr") { h in
                            h.el("td", [("data-label", "Mục")], text: s?.code ?? "")
                            h.el("th", [("scope", "row")], text: s?.title ?? "")
                            h.el("td", [("class", "num"), ("data-label", "Nhiệm vụ")], text: String(views.count))
                            h.el("td", [("class", "num"), ("data-label", "Hoàn thành")], text: String(views.filter { $0.result.status == .completed }.count))
                            h.el("td", [("class", "num"), ("data-label", "Quá hạn")], text: String(views.filter { $0.result.status == .overdue }.count))
                            h.el("td", [("data-label", "Tiến độ")]) { h in Widgets.progress(&h, avg) }
                        }
                    }
                }
            }
        }
    }

    func unitLinks(_ h: inout HTML, _ ids: [String], _ day: PlanDay) {
        for (i, u) in ids.enumerated() {
            if i > 0 { h.text(", ") }
            h.el("a", [("href", "/units/\(u)")], text: day.unitName(u))
        }
    }

    /// The lead units as the plan assigns them: a kind selector in the plan's words with how many
    /// units it names (27 district links on each overdue task were a third of the page), a unit by its link.
    func leadUnits(_ h: inout HTML, _ v: TaskView, _ day: PlanDay) {
        let named = Set(v.lead)
        var first = true
        for a in v.task.lead {
            if !first { h.text(", ") }
            first = false
            if a.hasPrefix("kind:") {
                let n = day.snap.units.expand([a], issuer: day.plan.issuerID).filter(named.contains).count
                h.text("\(PageContext.kindNames[a] ?? a) (\(n))")
            } else {
                h.el("a", [("href", "/units/\(a)")], text: day.unitName(a))
            }
        }
    }

    func overdueTable(_ h: inout HTML, _ day: PlanDay) {
        let overdue = day.views.filter { $0.result.status == .overdue }
        h.el("h2", text: "Nhiệm vụ quá hạn (\(overdue.count))")
        guard !overdue.isEmpty else { h.el("p", text: "Không có nhiệm vụ quá hạn."); return }
        Widgets.stackTable(&h, columns: ["Nhiệm vụ", "Đơn vị chủ trì", "Hạn", "Quá hạn", "Tiến độ"]) { h in
            for v in overdue {
                h.el("tr") { h in
                    h.el("th", [("scope", "row")]) { h in
                        if let code = v.shortcoming?.code { h.el("span", [("class", "muted")], text: code + " · ") }
                        h.el("a", [("href", "/tasks/\(v.task.id)")], text: v.task.title)
                    }
                    h.el("td", [("data-label", "Đơn vị chủ trì")]) { h in leadUnits(&h, v, day) }
                    h.el("td", [("data-label", "Hạn")], text: ClerkInput.show(v.result.dueOn))
                    h.el("td", [("class", "num late"), ("data-label", "Quá hạn")], text: "\(v.result.daysOverdue) ngày")
                    h.el("td", [("data-label", "Tiến độ")]) { h in Widgets.progress(&h, v.result.progress) }
                }
            }
        }
    }

    func periodTable(_ h: inout HTML, _ day: PlanDay, _ results: [String: ComplianceCounts]) {
        let list = periods(day).reversed()
        h.el("h2", text: "Các kỳ báo cáo")
        h.el("div", [("class", "table-wrap")]) { h in
            h.el("table", [("class", "stack")]) { h in
                h.el("thead") { h in
                    h.el("tr") { h in
                        for c in ["Kỳ", "Hạn gửi", "Khóa sổ"] { h.el("th", [("scope", "col")], text: c) }
                        for c in ["Phải gửi", "Đúng hạn", "Muộn", "Thiếu"] { h.el("th", [("scope", "col"), ("class", "num")], text: c) }
                    }
                }
                h.el("tbody") { h in
                    for info in list {
                        let notYet = info.dueOn >= day.asOf
                        let totals = results[info.period.description]
                        h.el("tr") { h in
                            h.el("th", [("scope", "row")]) { h in
                                h.el("a", [("href", "/plans/\(day.plan.id)/periods/\(info.period)?as_of=\(day.asOf)")], text: ClerkInput.show(info.period))
                            }
                            h.el("td", [("data-label", "Hạn gửi")], text: ClerkInput.show(info.dueOn))
                            h.el("td", [("data-label", "Khóa sổ")], text: day.locks[info.period] != nil ? "Đã khóa" : "")
                            if let t = totals {
                                h.el("td", [("class", "num"), ("data-label", "Phải gửi")], text: String(t.expected))
                                h.el("td", [("class", "num on_time"), ("data-label", "Đúng hạn")], text: String(t.onTime))
                                h.el("td", [("class", "num late"), ("data-label", "Muộn")], text: String(t.late))
                                h.el("td", [("class", notYet ? "num pending" : "num missing"), ("data-label", notYet ? "Chưa gửi" : "Thiếu")],
                                     text: notYet ? "\(t.missing + t.pending) chưa gửi" : String(t.missing))
                            } else {
                                h.el("td", [("colspan", "4"), ("class", "muted")], text: info.expectsReports ? "Chưa đến kỳ báo cáo" : "Kỳ trước ngày ban hành: không phải báo cáo")
                            }
                        }
                    }
                }
            }
        }
    }
}
