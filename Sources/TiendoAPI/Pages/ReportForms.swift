// The report forms (one report on /tasks/{id}, a unit's whole period on /):
// what the clerk typed, read into the API's ReportItem (same field names) and
// sent through the API's own validation and write (validateReports in the
// writer, all or nothing, as POST /reports and /reports/batch do). Errors come
// back per field, in Vietnamese, and the typed values are shown again.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// A form's values as typed and its errors by field name (`progress`, `reports[2].progress`).
struct PageForm {
    var values: [String: String] = [:]
    var errors: [String: [String]] = [:]

    subscript(_ name: String) -> String { values[name] ?? "" }
    func has(_ name: String) -> Bool { errors[name] != nil }
    var hasErrors: Bool { !errors.isEmpty }

    mutating func add(_ field: String, _ message: String) { errors[field, default: []].append(message) }

    /// Every error, with a field the page does not show put under `""` (shown at the top).
    mutating func take(_ issues: [Issue], shown: Set<String>) {
        for i in issues {
            let message = PageMessages.message(i.code, fallback: i.message)
            add(shown.contains(i.field) ? i.field : "", message)
        }
    }
}

enum FormFields {
    static func errorID(_ name: String) -> String {
        "loi-" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    /// Errors right under the field, tied to it with aria-describedby.
    static func errors(_ h: inout HTML, _ form: PageForm, _ name: String) {
        guard let list = form.errors[name] else { return }
        h.el("p", [("class", "field-error"), ("id", errorID(name)), ("role", "alert")], text: list.joined(separator: " "))
    }

    static func text(_ h: inout HTML, _ form: PageForm, name: String, label: String, hint: String? = nil,
                     id: String? = nil, inputMode: String? = nil, required: Bool = false) {
        let fid = id ?? name
        h.el("div", [("class", form.has(name) ? "field has-error" : "field")]) { h in
            h.el("label", [("for", fid)], text: label)
            if let hint { h.el("span", [("class", "hint"), ("id", fid + "-goi-y")], text: hint) }
            h.void("input", [("type", "text"), ("id", fid), ("name", name), ("value", form[name]), ("inputmode", inputMode),
                             ("required", required ? "required" : nil), ("aria-invalid", form.has(name) ? "true" : nil),
                             ("aria-describedby", describedBy(form, name, hint: hint == nil ? nil : fid + "-goi-y"))])
            errors(&h, form, name)
        }
    }

    static func textarea(_ h: inout HTML, _ form: PageForm, name: String, label: String, id: String? = nil) {
        let fid = id ?? name
        h.el("div", [("class", form.has(name) ? "field has-error" : "field")]) { h in
            h.el("label", [("for", fid)], text: label)
            h.el("textarea", [("id", fid), ("name", name), ("rows", "3"), ("aria-invalid", form.has(name) ? "true" : nil),
                              ("aria-describedby", describedBy(form, name, hint: nil))], text: form[name])
            errors(&h, form, name)
        }
    }

    static func status(_ h: inout HTML, _ form: PageForm, name: String, label: String, id: String? = nil, allowEmpty: Bool,
                       extra: [(String, String)] = []) {
        let fid = id ?? name
        let typed = form[name]
        let current = typed.isEmpty ? "" : ClerkInput.status(typed)   // a blank row's select, hundreds of times on `/`
        h.el("div", [("class", form.has(name) ? "field has-error" : "field")]) { h in
            h.el("label", [("for", fid)], text: label)
            h.el("select", [("id", fid), ("name", name), ("aria-invalid", form.has(name) ? "true" : nil),
                            ("aria-describedby", describedBy(form, name, hint: nil))]) { h in
                if allowEmpty { h.el("option", [("value", "")], text: "— không báo cáo —") }
                for (value, word) in ClerkInput.statusWords + extra {
                    h.el("option", [("value", value), ("selected", current == value ? "selected" : nil)], text: word)
                }
            }
            errors(&h, form, name)
        }
    }

    static func describedBy(_ form: PageForm, _ name: String, hint: String?) -> String? {
        let ids = [hint, form.has(name) ? errorID(name) : nil].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    /// The errors the page has no field for (a rule about the whole report), at the top of the form.
    static func general(_ h: inout HTML, _ form: PageForm) {
        guard form.hasErrors else { return }
        h.el("div", [("class", "notice error"), ("role", "alert"), ("id", "loi-bieu-mau")]) { h in
            h.el("p", text: "Báo cáo chưa được lưu. Hãy sửa các mục được đánh dấu bên dưới (dữ liệu đã nhập vẫn được giữ nguyên).")
            if let list = form.errors[""] { h.el("ul") { h in for m in list { h.el("li", text: m) } } }
        }
    }
}

extension PageContext {
    static let textFields = ["result", "obstacles", "proposals"]
    static let maxText = 20_000

    /// One report as the API reads it, from the form fields under `prefix` (`""` or `reports[3].`).
    func reportItem(_ form: PageForm, prefix: String, path: String, taskID: Int64, unitID: String, reportDate: String) -> ReportItem {
        func f(_ name: String) -> String { form[prefix + name].trimmingWhitespace }
        var item = ReportItem(path: path, taskID: taskID, unitID: unitID, receivedAtGiven: false, issues: [], badFields: [])
        func issue(_ field: String, _ code: String, _ message: String) {
            item.issues.append(Issue(prefix + field, code, message))
            item.badFields.insert(field)
        }
        func short(_ field: String, _ value: String) -> String? {
            if value.isEmpty { return nil }
            if value.utf8.count > 32 { issue(field, field + "_malformed", "\(field) is too long"); return nil }
            return value
        }
        item.period = short("period", ClerkInput.period(f("period")))
        item.reportDate = short("report_date", ClerkInput.date(reportDate))
        item.status = short("status", ClerkInput.status(f("status")))
        item.completedOn = short("completed_on", ClerkInput.date(f("completed_on")))
        let progress = f("progress")
        if !progress.isEmpty {
            if let v = ClerkInput.number(progress) { item.progress = v }
            else { issue("progress", "progress_not_number", "progress must be a number 0–100") }
        }
        let indicator = f("indicator_value")
        if !indicator.isEmpty {
            if let v = ClerkInput.number(indicator), abs(v) <= 1e15 { item.indicatorValue = v }
            else { issue("indicator_value", "indicator_value_not_number", "indicator_value must be a number") }
        }
        for name in PageContext.textFields {
            let v = form[prefix + name]
            if v.count > PageContext.maxText { issue(name, "too_long", "\(name) is longer than \(PageContext.maxText) characters"); continue }
            let t = v.trimmingWhitespace
            let value: String? = t.isEmpty ? nil : VietnameseText.nfc(t)
            switch name {
            case "result": item.result = value
            case "obstacles": item.obstacles = value
            default: item.proposals = value
            }
        }
        return item
    }

    /// Validates and stores `items` in the writer exactly as POST /reports(/batch) does (all or
    /// nothing). Nil when stored; else every issue, with the API's codes and field paths.
    func submit(_ items: [ReportItem], _ viewer: PageViewer) throws -> [Issue]? {
        let principal = viewer.principal, now = api.now, api = self.api
        do {
            _ = try api.store.write { c -> Int in
                guard try TokenStore.stillGrants(principal.tokenID, role: principal.role.rawValue, unitID: principal.unitID, in: c) else {
                    throw Problem.unauthorized("The token is unknown or revoked.")
                }
                return try api.validateReports(items, principal: principal, now: now, c, insert: true).reports.count
            }
            return nil
        } catch let p as Problem where p.status == 422 || p.status == 403 || p.status == 409 {
            if p.errors.isEmpty { return [Issue("", p.code, p.detail ?? p.title)] }
            return p.errors.map { Issue($0.field, $0.code, $0.message) }
        }
    }
}
