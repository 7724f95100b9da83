// /login: paste the API token once (a POST body, never a URL); /logout ends the
// session. The login form has no session yet, so its CSRF token is a
// double-submit cookie: a random value set with the form and posted back.

import Foundation
import Synchronization
import TiendoHTTP
import TiendoStore

extension PageContext {
    func loginForm(_ req: HTTPRequest, error: String?, status: Int = 200) -> HTTPResponse {
        let csrf = PageCookies.secret()
        let next = PageContext.safeNext(req.query["next"]) ?? "/"
        var r = Layout.page("Đăng nhập", viewer: nil, status: status) { h in
            h.el("p", text: "Dán mã truy cập (token) mà cơ quan tổng hợp đã cấp cho đơn vị. Chỉ cần làm một lần trên máy này; phiên làm việc kéo dài 12 giờ.")
            if let error { h.el("p", [("class", "notice error"), ("role", "alert"), ("id", "loi-dang-nhap")], text: error) }
            h.el("form", [("method", "post"), ("action", "/login?next=" + percentEncode(next)), ("class", "login")]) { h in
                h.void("input", [("type", "hidden"), ("name", "csrf"), ("value", csrf)])
                h.el("div", [("class", error == nil ? "field" : "field has-error")]) { h in
                    h.el("label", [("for", "token")], text: "Mã truy cập")
                    h.void("input", [("type", "password"), ("id", "token"), ("name", "token"), ("required", "required"),
                                     ("autocomplete", "current-password"), ("maxlength", "512"),
                                     ("aria-describedby", error == nil ? nil : "loi-dang-nhap")])
                }
                h.el("button", [("type", "submit"), ("class", "primary")], text: "Đăng nhập")
            }
        }
        r.headers.add("Set-Cookie", "\(PageCookies.loginCSRF)=\(csrf)" + PageCookies.attributes(secure: secureCookies, maxAge: 3600))
        return r
    }

    func login(_ req: HTTPRequest) throws -> HTTPResponse {
        let form = try decodeForm(req)
        guard let cookie = PageCookies.value(PageCookies.loginCSRF, in: req), let sent = form["csrf"],
              SHA256.constantTimeEquals(cookie, sent) else {
            return loginForm(req, error: "Biểu mẫu đã cũ hoặc thiếu mã bảo vệ (CSRF). Hãy đăng nhập lại.", status: 403)
        }
        guard let token = form["token"], !token.isEmpty else {
            return loginForm(req, error: "Chưa nhập mã truy cập.", status: 422)
        }
        // The same brute-force brake as the API: pasting guesses here must not be cheaper.
        if let wait = api.brake.retryAfter(req.remoteAddress) {
            api.brake.refusals.add(1, ordering: .relaxed)
            var r = loginForm(req, error: "Quá nhiều lần nhập sai mã truy cập từ máy này. Hãy thử lại sau \(wait) giây.", status: 429)
            r.headers.set("Retry-After", String(wait))
            return r
        }
        guard let secret = try api.openSession(token: token) else {
            api.brake.recordFailure(req.remoteAddress)
            return loginForm(req, error: "Mã truy cập không đúng, đã hết hạn hoặc đã bị thu hồi.", status: 401)
        }
        let next = PageContext.safeNext(req.query["next"]) ?? "/"
        return PageHeaders.redirect(next, cookies: [
            "\(PageCookies.session)=\(secret)" + PageCookies.attributes(secure: secureCookies, maxAge: Int(PageCookies.lifetime)),
            "\(PageCookies.loginCSRF)=" + PageCookies.attributes(secure: secureCookies, maxAge: 0),
        ])
    }

    func logoutForm(_ viewer: PageViewer) -> HTTPResponse {
        Layout.page("Đăng xuất", viewer: viewer) { h in
            h.el("form", [("method", "post"), ("action", "/logout")]) { h in
                Layout.csrfField(&h, viewer)
                h.el("button", [("type", "submit"), ("class", "primary")], text: "Đăng xuất khỏi máy này")
            }
        }
    }

    func logout(_ viewer: PageViewer) throws -> HTTPResponse {
        try api.closeSession(viewer)
        return PageHeaders.redirect("/login", cookies: ["\(PageCookies.session)=" + PageCookies.attributes(secure: secureCookies, maxAge: 0)])
    }

    /// A local path to return to after login: starts with one `/`, no scheme, no `//`, no backslash.
    static func safeNext(_ s: String?) -> String? {
        guard let s, s.hasPrefix("/"), !s.hasPrefix("//"), !s.contains("\\"), s.utf8.count <= 512,
              s.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else { return nil }
        return s
    }
}
