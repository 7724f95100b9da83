// `/tokens` (admin): every token — role, unit, label, state — with a revoke
// button for the live ones, and a form that mints one and shows its secret
// once (only its SHA-256 is stored). Same rules and store calls as the tokens
// API (TokenRules.swift).

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

extension PageContext {
    static let roleNames: [(String, String)] = [("reporter", "Cán bộ đơn vị (báo cáo)"), ("aggregator", "Cơ quan tổng hợp"),
                                                ("admin", "Quản trị")]
    static let tokenFields: Set<String> = ["role", "unit_id", "label", "expires_at"]
    static let tokenStateNames = ["active": "Đang dùng", "expired": "Hết hạn", "revoked": "Đã thu hồi"]

    func tokensPage(_ viewer: PageViewer, form: PageForm? = nil, created: TokenService.Created? = nil, notice: String? = nil) throws -> HTTPResponse {
        try api.requireAdmin(viewer.principal)
        let list = try api.tokens.list()
        let units = try api.store.read { try api.unitDirectory($0).byID }
        let f = form ?? PageForm()
        return Layout.page("Mã truy cập (token)", viewer: viewer, status: f.hasErrors ? 422 : 200) { h in
            if let notice { h.el("p", [("class", "notice ok"), ("role", "status")], text: notice) }
            if let created {
                h.el("div", [("class", "notice ok"), ("role", "status"), ("id", "token-moi")]) { h in
                    h.el("p", text: "Đã tạo mã truy cập số \(created.record.id). Hãy sao chép và gửi cho người dùng ngay: mã chỉ hiển thị một lần này, máy chủ không lưu lại.")
                    h.el("p") { h in h.el("code", [("class", "secret")], text: created.token) }
                }
            }
            h.el("h2", [("id", "tao-moi")], text: "Tạo mã truy cập")
            h.el("form", [("method", "post"), ("action", "/tokens#tao-moi"), ("novalidate", "novalidate"), ("class", "report tokens")]) { h in
                Layout.csrfField(&h, viewer)
                if f.hasErrors {
                    h.el("div", [("class", "notice error"), ("role", "alert")]) { h in
                        h.el("p", text: "Chưa tạo được mã. Hãy sửa các mục được đánh dấu.")
                        if let list = f.errors[""] { h.el("ul") { h in for m in list { h.el("li", text: m) } } }
                    }
                }
                h.el("div", [("class", f.has("role") ? "field has-error" : "field")]) { h in
                    h.el("label", [("for", "role")], text: "Vai trò")
                    h.el("select", [("id", "role"), ("name", "role")]) { h in
                        for (value, word) in PageContext.roleNames {
                            h.el("option", [("value", value), ("selected", f["role"] == value ? "selected" : nil)], text: word)
                        }
                    }
                    FormFields.errors(&h, f, "role")
                }
                h.el("div", [("class", f.has("unit_id") ? "field has-error" : "field")]) { h in
                    h.el("label", [("for", "unit_id")], text: "Đơn vị")
                    h.el("select", [("id", "unit_id"), ("name", "unit_id"), ("aria-invalid", f.has("unit_id") ? "true" : nil),
                                    ("aria-describedby", f.has("unit_id") ? FormFields.errorID("unit_id") : nil)]) { h in
                        h.el("option", [("value", "")], text: "— không gắn đơn vị —")
                        for u in units.values.sorted(by: { $0.name < $1.name }) {
                            h.el("option", [("value", u.id), ("selected", f["unit_id"] == u.id ? "selected" : nil)], text: u.name)
                        }
                    }
                    FormFields.errors(&h, f, "unit_id")
                }
                FormFields.text(&h, f, name: "label", label: "Ghi chú (người dùng, mục đích)", id: "label")
                FormFields.text(&h, f, name: "expires_at", label: "Hết hạn sau ngày", hint: "ngày/tháng/năm; để trống: không hết hạn",
                                id: "expires_at")
                h.el("button", [("type", "submit"), ("class", "primary")], text: "Tạo mã")
            }
            h.el("h2", text: "Các mã truy cập (\(list.count))")
            Widgets.stackTable(&h, columns: ["Số", "Vai trò", "Đơn vị", "Ghi chú", "Trạng thái", "Tạo ngày", "Hết hạn", ""]) { h in
                for t in list {
                    let state = api.tokenJSON(t)["status"]?.stringValue ?? "active"
                    h.el("tr") { h in
                        h.el("th", [("scope", "row")], text: String(t.id))
                        h.el("td", [("data-label", "Vai trò")], text: PageContext.roleNames.first { $0.0 == t.role.rawValue }?.1 ?? t.role.rawValue)
                        h.el("td", [("data-label", "Đơn vị")], text: t.unitID.map { units[$0]?.name ?? $0 } ?? "—")
                        h.el("td", [("data-label", "Ghi chú")], text: t.label ?? "")
                        h.el("td", [("class", state == "active" ? "on_time" : "none"), ("data-label", "Trạng thái")],
                             text: PageContext.tokenStateNames[state] ?? state)
                        h.el("td", [("data-label", "Tạo ngày")], text: PageContext.day(t.createdAt))
                        h.el("td", [("data-label", "Hết hạn")], text: t.expiresAt == nil ? "—" : PageContext.day(t.expiresAt))
                        h.el("td", [("data-label", "Thu hồi")]) { h in
                            if state != "revoked" {
                                h.el("form", [("method", "post"), ("action", "/tokens/\(t.id)/revoke"), ("class", "inline")]) { h in
                                    Layout.csrfField(&h, viewer)
                                    h.el("button", [("type", "submit")], text: "Thu hồi mã \(t.id)")
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    func postToken(_ viewer: PageViewer, _ body: FormBody) throws -> HTTPResponse {
        try api.requireAdmin(viewer.principal)
        var form = PageForm()
        for (k, v) in body.fields where k != "csrf" { form.values[k] = v }
        let role = form["role"].trimmingWhitespace, unitText = form["unit_id"].trimmingWhitespace
        let label = form["label"].trimmingWhitespace, expires = form["expires_at"].trimmingWhitespace
        var issues: [Issue] = []
        if CallerRole(rawValue: role) == nil { issues.append(Issue("role", "invalid_value", "role must be reporter, aggregator or admin.")) }
        if label.count > 200 { issues.append(Issue("label", "too_long", "label is longer than 200 characters")) }
        // A day typed as clerks type it: the token ends with that local day.
        let day = ClerkInput.date(expires)
        let expiresText: String? = expires.isEmpty ? nil : (CivilDate(day).map { "\($0)T23:59:59+07:00" } ?? String(expires.prefix(64)))
        let unit: String? = unitText.isEmpty ? nil : String(unitText.prefix(64))
        let (more, expiresAt) = api.newTokenIssues(role: role, unit: unit, expiresText: expiresText, unitIssue: false)
        issues += more
        do {
            guard issues.isEmpty else { throw Problem.validation(issues) }
            let created = try api.createCheckedToken(role: role, unit: unit, label: label.isEmpty ? nil : VietnameseText.nfc(label),
                                                     expiresAt: expiresAt)
            return try tokensPage(viewer, created: created)
        } catch let p as Problem where p.status == 422 {
            form.take(p.errors.map { Issue($0.field, $0.code, $0.message) }, shown: PageContext.tokenFields)
            return try tokensPage(viewer, form: form)
        }
    }

    func postRevokeToken(_ params: RouteParameters, _ viewer: PageViewer) throws -> HTTPResponse {
        try api.requireAdmin(viewer.principal)
        let id = try pathInt(params, "id", what: "token")
        do {
            try api.revokeStoredToken(id)
        } catch let p as Problem where p.status == 409 {
            return try tokensPage(viewer, notice: "Không thu hồi được: đây là mã quản trị cuối cùng còn dùng được; hãy tạo một mã quản trị khác trước.")
        }
        return PageHeaders.redirect("/tokens?revoked=\(id)")
    }
}
