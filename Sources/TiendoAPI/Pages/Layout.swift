// The frame of every page (head, navigation, main) and the headers every page
// answer carries: a CSP with no inline script or style and no framing, nosniff,
// a same-origin referrer, and no caching of private data.

import TiendoDomain
import TiendoHTTP

enum PageHeaders {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func apply(_ r: inout HTTPResponse) {
        r.headers.set("Content-Security-Policy", contentSecurityPolicy)
        r.headers.set("X-Content-Type-Options", "nosniff")
        r.headers.set("Referrer-Policy", "same-origin")
        r.headers.set("X-Frame-Options", "DENY")
        if r.headers["Cache-Control"] == nil { r.headers.set("Cache-Control", "no-store") }
    }

    static func html(_ status: Int, _ h: HTML) -> HTTPResponse {
        var r = HTTPResponse(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: Array(h.output.utf8))
        apply(&r)
        return r
    }

    /// 303 See Other: after a successful post, and to /login without a session.
    static func redirect(_ location: String, cookies: [String] = []) -> HTTPResponse {
        var r = HTTPResponse(status: 303, headers: ["Location": location, "Content-Type": "text/plain; charset=utf-8"],
                             body: Array("→ \(location)\n".utf8))
        for c in cookies { r.headers.add("Set-Cookie", c) }
        apply(&r)
        return r
    }
}

enum Layout {
    /// A whole page: `<head>`, the navigation for `viewer` (none on /login), `body` inside `<main>`.
    static func page(_ title: String, viewer: PageViewer?, unitName: String? = nil, status: Int = 200,
                     _ body: (inout HTML) -> Void) -> HTTPResponse {
        var h = HTML()
        h.doctype()
        h.el("html", [("lang", "vi")]) { h in
            h.el("head") { h in
                h.void("meta", [("charset", "utf-8")])
                h.void("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
                h.el("title", text: title + " · Tiến độ")
                h.void("link", [("rel", "stylesheet"), ("href", Stylesheet.path)])
                h.void("link", [("rel", "icon"), ("href", Stylesheet.iconPath), ("type", "image/svg+xml")])
            }
            h.el("body") { h in
                h.el("a", [("class", "skip"), ("href", "#noi-dung")], text: "Bỏ qua điều hướng")
                h.el("header", [("class", "top")]) { h in
                    h.el("a", [("class", "brand"), ("href", "/")], text: "Tiến độ")
                    if let viewer {
                        h.el("nav", [("aria-label", "Điều hướng chính")]) { h in
                            h.el("a", [("href", "/")], text: "Tổng quan")
                            if viewer.principal.canManage { h.el("a", [("href", "/import")], text: "Nhập kế hoạch") }
                            if viewer.principal.role == .admin { h.el("a", [("href", "/tokens")], text: "Mã truy cập") }
                            if let u = viewer.principal.unitID {
                                h.el("a", [("href", "/units/\(u)")], text: unitName ?? u)
                            }
                            h.el("form", [("method", "post"), ("action", "/logout"), ("class", "inline")]) { h in
                                csrfField(&h, viewer)
                                h.el("button", [("type", "submit"), ("class", "link")], text: "Đăng xuất")
                            }
                        }
                    }
                }
                h.el("main", [("id", "noi-dung")]) { h in
                    h.el("h1", text: title)
                    body(&h)
                }
                h.el("footer") { h in
                    h.text("Tiến độ — theo dõi thực hiện kế hoạch khắc phục hạn chế, yếu kém. Múi giờ: Asia/Ho_Chi_Minh (UTC+7).")
                }
            }
        }
        return PageHeaders.html(status, h)
    }

    static func csrfField(_ h: inout HTML, _ viewer: PageViewer) {
        h.void("input", [("type", "hidden"), ("name", "csrf"), ("value", viewer.csrf)])
    }

    /// An error page in Vietnamese (403 / 404 / 400 …).
    static func error(_ status: Int, _ message: String, viewer: PageViewer?) -> HTTPResponse {
        let title: String
        switch status {
        case 403: title = "Không có quyền truy cập"
        case 404: title = "Không tìm thấy trang"
        case 400, 422: title = "Yêu cầu không hợp lệ"
        case 503: title = "Máy chủ đang bận"
        default: title = "Có lỗi xảy ra"
        }
        return page(title, viewer: viewer, status: status) { h in
            h.el("p", [("class", "notice error")], text: message)
            h.el("p") { h in h.el("a", [("href", "/")], text: "Về trang tổng quan") }
        }
    }
}

/// Small pieces several pages share.
enum Widgets {
    static let bucketNames: [(String, String)] = [
        ("completed_on_time", "Hoàn thành đúng hạn"), ("completed_late", "Hoàn thành quá hạn"),
        ("open_within_deadline", "Chưa hoàn thành – trong hạn"), ("open_overdue", "Chưa hoàn thành – quá hạn"),
    ]

    static func bucketValues(_ b: BucketCounts) -> [Int] {
        [b.completedOnTime, b.completedLate, b.openWithinDeadline, b.openOverdue]
    }

    static let taskStatusNames: [TaskStatus: String] = [
        .completed: "Hoàn thành", .overdue: "Quá hạn", .dueSoon: "Sắp đến hạn", .ongoing: "Thường xuyên / nhiều năm",
        .inProgress: "Đang thực hiện", .notStarted: "Chưa bắt đầu", .cancelled: "Đã hủy bỏ",
    ]

    /// A table that stacks into labelled cards on a phone: `columns` as its header cells, then
    /// `rows` writes the body.
    static func stackTable(_ h: inout HTML, columns: [String], rows: (inout HTML) -> Void) {
        h.el("div", [("class", "table-wrap")]) { h in
            h.el("table", [("class", "stack")]) { h in
                h.el("thead") { h in
                    h.el("tr") { h in for c in columns { h.el("th", [("scope", "col")], text: c) } }
                }
                h.el("tbody") { h in rows(&h) }
            }
        }
    }

    /// A progress bar that needs no inline style: an SVG whose width attribute carries the value.
    static func progress(_ h: inout HTML, _ value: Double) {
        let v = max(0, min(100, value))
        let label = "\(fmt(v))%"
        h.el("span", [("class", "progress")]) { h in
            h.el("svg", [("width", "100"), ("height", "12"), ("viewBox", "0 0 100 12"), ("role", "img"), ("aria-label", "Tiến độ \(label)")]) { h in
                h.leaf("rect", [("width", "100"), ("height", "12"), ("class", "track")])
                h.leaf("rect", [("width", String(Int(v.rounded()))), ("height", "12"), ("class", "fill")])   // an SVG length: digits only
            }
            h.el("span", text: " " + label)
        }
    }

    static func fmt(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r).replacingOccurrences(of: ".", with: ",")
    }

    /// The four national buckets as a horizontal bar chart (inline SVG, no script, no inline style).
    static func bucketChart(_ h: inout HTML, _ b: BucketCounts) {
        let values = bucketValues(b)
        let maxV = max(1, values.max() ?? 1)
        let total = values.reduce(0, +)
        h.el("figure", [("class", "chart")]) { h in
            h.el("svg", [("viewBox", "0 0 520 150"), ("role", "img"), ("class", "buckets"),
                         ("aria-label", "Nhiệm vụ theo bốn nhóm: " + zip(bucketNames, values).map { "\($0.1) \($1)" }.joined(separator: ", "))]) { h in
                for (i, (key, name)) in bucketNames.enumerated() {
                    let y = 8 + i * 35
                    let w = Int((Double(values[i]) / Double(maxV)) * 250)
                    h.el("text", [("x", "0"), ("y", String(y + 17)), ("class", "label")], text: name)
                    h.leaf("rect", [("x", "210"), ("y", String(y)), ("width", String(max(w, 1))), ("height", "24"), ("class", "bar \(key)")])
                    h.el("text", [("x", String(216 + w)), ("y", String(y + 17)), ("class", "value")], text: String(values[i]))
                }
            }
            h.el("figcaption", text: "Tổng số \(total) nhiệm vụ, phân loại theo Quyết định 42/2014/QĐ-TTg.")
        }
    }

    static func bucketTable(_ h: inout HTML, _ b: BucketCounts) {
        for (i, (key, name)) in bucketNames.enumerated() {
            h.el("td", [("class", "num \(key)"), ("data-label", name)], text: String(bucketValues(b)[i]))
        }
    }
}
