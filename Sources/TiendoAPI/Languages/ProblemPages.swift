// GET /problems and GET /problems/{code}: the pages a problem's `type` points
// at. Static HTML in Vietnamese and English, no auth, no script, no style
// sheet, under a Content-Security-Policy that allows nothing else.

import TiendoHTTP

enum ProblemPages {
    static let securityHeaders: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "public, max-age=3600"),
    ]

    /// Rendered once: the catalogue is fixed for the life of the process.
    static let pages: [String: [UInt8]] = {
        var out: [String: [UInt8]] = [:]
        for code in ProblemCatalogue.codes { out[code] = Array(page(code).utf8) }
        return out
    }()
    static let index: [UInt8] = Array(indexPage().utf8)

    static func respond(_ code: String?) throws -> HTTPResponse {
        let body: [UInt8]
        if let code {
            guard let b = pages[code] else { throw Problem.notFound("No problem code \(code).") }
            body = b
        } else {
            body = index
        }
        var r = HTTPResponse(status: 200, headers: ["Content-Type": "text/html; charset=utf-8"], body: body)
        for (k, v) in securityHeaders { r.headers.set(k, v) }
        return r
    }

    static func page(_ code: String) -> String {
        guard let e = ProblemCatalogue.entries[code] else { return "" }
        let c = escape(code)
        var s = head(title: "Mã lỗi \(c) — Tiến độ")
        s += "<main>\n<p><a href=\"/problems\">Danh mục mã lỗi / Problem codes</a></p>\n"
        s += "<h1><code>\(c)</code></h1>\n"
        s += "<section lang=\"vi\">\n<h2>Ý nghĩa và cách xử lý</h2>\n<p>\(escape(e.meaning(.vi)))</p>\n"
        if !e.details.isEmpty {
            s += "<h3>Các thông báo chi tiết</h3>\n<ul>\n"
            for d in e.detailForms { s += "<li>\(escape(d.vi))</li>\n" }
            s += "</ul>\n"
        }
        s += "</section>\n<section lang=\"en\">\n<h2>Meaning and what to do</h2>\n<p>\(escape(e.meaning(.en)))</p>\n"
        if !e.details.isEmpty {
            s += "<h3>Detail messages</h3>\n<ul>\n"
            for d in e.detailForms { s += "<li>\(escape(d.en))</li>\n" }
            s += "</ul>\n"
        }
        s += "</section>\n"
        s += "<p>Trong câu trả lời <code>application/problem+json</code>, trường <code>code</code> có giá trị <code>\(c)</code>; "
        s += "<code>{tên}</code> là chỗ hệ thống điền giá trị cụ thể. "
        s += "<span lang=\"en\">In an <code>application/problem+json</code> answer, <code>code</code> is <code>\(c)</code>; "
        s += "<code>{name}</code> marks where the service puts the actual value.</span></p>\n"
        s += "</main>\n</body>\n</html>\n"
        return s
    }

    static func indexPage() -> String {
        var s = head(title: "Danh mục mã lỗi — Tiến độ")
        s += "<main>\n<h1>Danh mục mã lỗi <span lang=\"en\">(problem codes)</span></h1>\n"
        s += "<table>\n<thead><tr><th scope=\"col\">Mã <span lang=\"en\">(code)</span></th><th scope=\"col\">Ý nghĩa</th>"
        s += "<th scope=\"col\" lang=\"en\">Meaning</th></tr></thead>\n<tbody>\n"
        for code in ProblemCatalogue.codes {
            guard let e = ProblemCatalogue.entries[code] else { continue }
            let c = escape(code)
            s += "<tr><td><a href=\"/problems/\(c)\"><code>\(c)</code></a></td><td>\(escape(e.meaning(.vi)))</td>"
            s += "<td lang=\"en\">\(escape(e.meaning(.en)))</td></tr>\n"
        }
        s += "</tbody>\n</table>\n</main>\n</body>\n</html>\n"
        return s
    }

    static func head(title: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>\(title)</title>\n</head>\n<body>\n"
    }

    /// HTML text and attribute escaping.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
