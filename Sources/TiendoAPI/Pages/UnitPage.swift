// `/units/{id}`: the unit's scorecard across the plans the viewer may read —
// its lead tasks in the four buckets and its reports on time / late / missing
// per period (the API's scorecard computation, `scorecardPlans`, fed the unit's
// own compliance: UnitCompliance.swift).

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension PageContext {
    func unit(_ req: HTTPRequest, _ params: RouteParameters, _ viewer: PageViewer) throws -> HTTPResponse {
        let unitID = String((params["id"] ?? "").prefix(64))
        let asOf = try asOf(req)
        return try api.store.read { c in
            guard let unit = try UnitStore.get(unitID, in: c) else { throw Problem.notFound("unit", unitID) }
            let rows = try api.scorecardPlans(unitID: unitID, principal: viewer.principal, asOf: asOf, c,
                                              evaluate: { try self.unitEvaluation($0, unit: unitID, asOf: asOf, viewer, c) })
            let myName = try viewer.principal.unitID.flatMap { try UnitStore.get($0, in: c)?.name }
            var total = ComplianceCounts()
            for r in rows {
                total.expected += r.counts.expected; total.onTime += r.counts.onTime
                total.late += r.counts.late; total.missing += r.counts.missing
            }
            let allViews = rows.flatMap(\.leadViews)
            return Layout.page(unit.name, viewer: viewer, unitName: myName) { h in
                h.el("p", [("class", "muted")], text: "Bảng điểm thực hiện các kế hoạch tính đến \(ClerkInput.show(asOf))")
                asOfPicker(&h, action: "/units/\(unit.id)", asOf: asOf)
                h.el("dl", [("class", "kv")]) { h in
                    h.el("dt", text: "Nhiệm vụ chủ trì"); h.el("dd", text: String(allViews.count))
                    h.el("dt", text: "Báo cáo phải gửi"); h.el("dd", text: String(total.expected))
                    h.el("dt", text: "Gửi đúng hạn"); h.el("dd", text: total.expected == 0 ? "—" :
                        "\(total.onTime) (\(Widgets.fmt(Double(total.onTime) * 100 / Double(total.expected)))%)")
                    h.el("dt", text: "Gửi muộn"); h.el("dd", text: String(total.late))
                    h.el("dt", text: "Không gửi"); h.el("dd", text: String(total.missing))
                }
                Widgets.bucketChart(&h, TaskStatusEvaluator.buckets(allViews.map(\.result)))
                h.el("p", [("class", "actions")]) { h in
                    h.text("Tải bảng điểm: ")
                    h.el("a", [("href", "/api/v1/units/\(unit.id)/scorecard?as_of=\(asOf)&format=csv"), ("download", "")], text: "CSV")
                    h.el("a", [("href", "/api/v1/units/\(unit.id)/scorecard?as_of=\(asOf)&format=xlsx"), ("download", "")], text: "Excel (.xlsx)")
                }
                guard !rows.isEmpty else { h.el("p", text: "Đơn vị không tham gia kế hoạch nào mà anh/chị được xem."); return }
                for r in rows {
                    h.el("h2") { h in h.el("a", [("href", "/plans/\(r.plan.id)?as_of=\(asOf)")], text: "Kế hoạch \(r.plan.number)") }
                    h.el("p", text: "Chủ trì \(r.leadViews.count) nhiệm vụ, phối hợp \(r.coordinatingTasks) nhiệm vụ.")
                    h.el("div", [("class", "table-wrap")]) { h in
                        h.el("table", [("class", "stack")]) { h in
                            h.el("thead") { h in
                                h.el("tr") { h in
                                    for c in ["Kỳ", "Hạn gửi"] { h.el("th", [("scope", "col")], text: c) }
                                    for c in ["Phải gửi", "Đúng hạn", "Muộn", "Thiếu"] { h.el("th", [("scope", "col"), ("class", "num")], text: c) }
                                }
                            }
                            h.el("tbody") { h in
                                for (info, counts) in r.periods.reversed() {
                                    h.el("tr") { h in
                                        h.el("th", [("scope", "row")]) { h in
                                            h.el("a", [("href", "/plans/\(r.plan.id)/periods/\(info.period)?as_of=\(asOf)")], text: ClerkInput.show(info.period))
                                        }
                                        h.el("td", [("data-label", "Hạn gửi")], text: ClerkInput.show(info.dueOn))
                                        h.el("td", [("class", "num"), ("data-label", "Phải gửi")], text: String(counts.expected))
                                        h.el("td", [("class", "num on_time"), ("data-label", "Đúng hạn")], text: String(counts.onTime))
                                        h.el("td", [("class", "num late"), ("data-label", "Muộn")], text: String(counts.late))
                                        h.el("td", [("class", counts.missing > 0 ? "num missing" : "num"), ("data-label", "Thiếu")], text: String(counts.missing))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
