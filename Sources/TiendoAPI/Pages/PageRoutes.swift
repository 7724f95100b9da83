// The HTML pages for people, beside the JSON API on the same port (outside
// /api/v1): /login, /logout, /, /plans/{id}, /plans/{id}/periods/{period},
// /tasks/{id}, /units/{id}, /import, and the static stylesheet. Every page reads through
// the API's own snapshot, visibility and rule functions; every form post needs
// a live session and its CSRF token, checked before anything else is read.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

/// What page handlers share: the API context, whether cookies are Secure, and the pages' own caches.
final class PageContext: Sendable {
    let api: APIContext
    let secureCookies: Bool
    /// Per plan revision and day: the evaluated tasks, so a page over many plans costs a lookup per plan.
    let planViews: RevisionCache<PlanDayKey, PlanDay>

    /// Per plan day and period: the compliance result.
    let periodResults: RevisionCache<PeriodKey, ComplianceResult>

    /// Per plan day, unit and period: one unit's compliance (scorecard, agenda).
    let unitResults: RevisionCache<UnitPeriodKey, ComplianceResult>

    /// Per task (and its report mark) and day: its view; per period too, its compliance (PlanDayParts.swift).
    let taskViewParts: RevisionCache<TaskPartKey, TaskView>
    let taskComplianceParts: RevisionCache<TaskPeriodKey, ComplianceResult>
    let taskRowParts: RevisionCache<TaskRowsKey, TaskRows>

    /// The pages' caches are answers too: TIENDO_ANSWER_CACHE_MB=0 turns them off with the API's.
    init(api: APIContext, secureCookies: Bool) {
        self.api = api; self.secureCookies = secureCookies
        let on = api.caches.answers.capacity > 0
        planViews = RevisionCache(capacity: on ? 48 << 20 : 0) { $0.views.count * 512 + 1024 }
        taskViewParts = RevisionCache(capacity: on ? 32 << 20 : 0) { _ in 768 }
        taskComplianceParts = RevisionCache(capacity: on ? 64 << 20 : 0) { $0.entries.count * 128 + $0.perUnit.count * 96 + 512 }
        taskRowParts = RevisionCache(capacity: on ? 8 << 20 : 0) { $0.count * 224 + 512 }
        periodResults = RevisionCache(capacity: on ? 32 << 20 : 0) { $0.entries.count * 96 + 1024 }
        unitResults = RevisionCache(capacity: on ? 16 << 20 : 0) { $0.entries.count * 96 + 512 }
    }
}

/// The page paths, for tools that list the API's routes (they are HTML, not API).
public enum PageRoutes {
    public static let patterns: Set<String> = Set([
        Stylesheet.path, Stylesheet.iconPath, "/login", "/logout", "/", "/plans/{id}", "/plans/{id}/periods/{period}",
        "/plans/{id}/periods/{period}/lock", "/tasks/{id}", "/units/{id}", "/import",
    ]).union(ClerkPageRoutes.patterns)

    public static func isPage(_ pattern: String) -> Bool { patterns.contains(pattern) }
}

/// Registers the pages on `router`. `TIENDO_PUBLIC_URL` starting with https makes the cookies Secure.
func addPageRoutes(_ router: Router, _ api: APIContext,
                   environment: [String: String] = ProcessInfo.processInfo.environment) {
    let secure = environment["TIENDO_PUBLIC_URL"]?.lowercased().hasPrefix("https://") ?? false
    let pages = PageContext(api: api, secureCookies: secure)

    router.add(.get, Stylesheet.path, execution: .inline) { _, _ in Stylesheet.response(Stylesheet.css, type: "text/css; charset=utf-8") }
    router.add(.get, Stylesheet.iconPath, execution: .inline) { _, _ in Stylesheet.response(Stylesheet.icon, type: "image/svg+xml") }

    router.add(.get, "/login") { req, _ in pages.loginForm(req, error: nil) }
    router.add(.post, "/login") { req, _ in pages.guardedPage(nil) { try pages.login(req) } }
    router.add(.get, "/logout") { req, _ in pages.page(req) { v in pages.logoutForm(v) } }
    router.add(.post, "/logout") { req, _ in pages.form(req) { v, _ in try pages.logout(v) } }

    router.add(.get, "/") { req, _ in pages.page(req) { v in try pages.home(req, v, form: nil) } }
    router.add(.post, "/") { req, _ in pages.form(req) { v, f in try pages.postBatch(req, v, f) } }
    router.add(.get, "/plans/{id}") { req, p in pages.page(req) { v in try pages.plan(req, p, v) } }
    router.add(.get, "/plans/{id}/periods/{period}") { req, p in pages.page(req) { v in try pages.period(req, p, v) } }
    router.add(.post, "/plans/{id}/periods/{period}/lock") { req, p in pages.form(req) { v, f in try pages.postLock(req, p, v, f) } }
    router.add(.get, "/tasks/{id}") { req, p in pages.page(req) { v in try pages.task(req, p, v, form: nil) } }
    router.add(.post, "/tasks/{id}") { req, p in pages.form(req) { v, f in try pages.postReport(req, p, v, f) } }
    router.add(.get, "/units/{id}") { req, p in pages.page(req) { v in try pages.unit(req, p, v) } }
    router.add(.get, "/import") { req, _ in pages.page(req) { v in try pages.importPage(v) } }
    // A plan document percent-encoded is up to ~3× its bytes: the form takes what the server's body bound lets through.
    router.add(.post, "/import") { req, _ in pages.form(req, limit: APIContext.importMaxBytes) { v, f in try pages.postImport(v, f) } }
    pages.addClerkRoutes(router)
}

extension PageContext {
    /// A GET page: needs a live session (else 303 to /login), answers problems as Vietnamese pages.
    func page(_ req: HTTPRequest, _ body: (PageViewer) throws -> HTTPResponse) -> HTTPResponse {
        guardedPage(nil) {
            guard let viewer = try api.pageViewer(req) else {
                return PageHeaders.redirect("/login?next=" + percentEncode(req.target))
            }
            return guardedPage(viewer) { try body(viewer) }
        }
    }

    /// A form post: a live session, a url-encoded body within bounds, and the session's CSRF
    /// token — each checked before the handler runs, so a refused post stores nothing.
    func form(_ req: HTTPRequest, limit: Int = FormBody.maxBytes, _ body: (PageViewer, FormBody) throws -> HTTPResponse) -> HTTPResponse {
        guardedPage(nil) {
            guard let viewer = try api.pageViewer(req) else {
                return Layout.error(403, "Phiên đăng nhập đã hết hạn hoặc chưa đăng nhập. Hãy đăng nhập lại rồi gửi lại.", viewer: nil)
            }
            let form = try decodeForm(req, limit: limit)
            guard let sent = form["csrf"], SHA256.constantTimeEquals(sent, viewer.csrf) else {
                return Layout.error(403, "Biểu mẫu thiếu mã bảo vệ (CSRF) hoặc mã không đúng; không có gì được lưu. Hãy tải lại trang rồi gửi lại.", viewer: viewer)
            }
            return guardedPage(viewer) { try body(viewer, form) }
        }
    }

    func decodeForm(_ req: HTTPRequest, limit: Int = FormBody.maxBytes) throws -> FormBody {
        let type = req.headers["Content-Type"]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw Problem(status: 415, code: "unsupported_media_type", title: "Unsupported media type",
                          detail: "Biểu mẫu phải gửi dạng application/x-www-form-urlencoded.")
        }
        do {
            return try FormBody.decode(req.body, limit: limit)
        } catch .tooLarge {
            throw Problem(status: 413, code: "form_too_large", title: "Form too large", detail: "Biểu mẫu quá lớn.")
        } catch .tooManyFields {
            throw Problem(status: 413, code: "form_too_many_fields", title: "Too many fields", detail: "Biểu mẫu có quá nhiều trường.")
        } catch {
            throw Problem(status: 400, code: "form_malformed", title: "Malformed form", detail: "Biểu mẫu không đọc được (mã hóa sai).")
        }
    }

    /// Runs a page body; a Problem becomes a Vietnamese error page with its status, anything else a 500 page.
    func guardedPage(_ viewer: PageViewer?, _ body: () throws -> HTTPResponse) -> HTTPResponse {
        do {
            return try body()
        } catch let p as Problem {
            return Layout.error(p.status.code, PageContext.vietnamese(p), viewer: viewer)
        } catch let e as SQLiteError where e.isBusy {
            return Layout.error(503, "Cơ sở dữ liệu đang bận; hãy thử lại sau ít phút.", viewer: viewer)
        } catch {
            Router.logToStandardError("{\"level\":\"error\",\"msg\":\"page failed\",\"error\":\(JSONText.quoted(String(describing: error)))}")
            return Layout.error(500, "Lỗi máy chủ; thao tác chưa được thực hiện.", viewer: viewer)
        }
    }

    static func vietnamese(_ p: Problem) -> String {
        switch p.code {
        case "plan_forbidden": return "Đơn vị của anh/chị không tham gia kế hoạch này."
        case "role_forbidden": return "Chức năng này chỉ dành cho cơ quan tổng hợp."
        case "not_found": return "Không tìm thấy nội dung yêu cầu."
        case "invalid_query": return "Tham số trên địa chỉ không hợp lệ."
        case "period_malformed", "period_wrong_frequency": return PageMessages.message(p.code, fallback: "")
        default:
            if let d = p.detail, d.unicodeScalars.contains(where: { $0.value > 0x7F }) { return d }
            return "Yêu cầu không thực hiện được (\(p.code))."
        }
    }

    /// `as_of` from the query (YYYY-MM-DD or dd/mm/yyyy), else today.
    func asOf(_ req: HTTPRequest) throws -> CivilDate {
        guard let s = req.query["as_of"], !s.isEmpty else { return api.today }
        guard s.utf8.count <= 32, let d = CivilDate(ClerkInput.date(s)), (1900...2200).contains(d.year) else {
            throw Problem(status: 400, code: "invalid_query", title: "Invalid query parameter",
                          detail: "Ngày xem (as_of) không hợp lệ; nhập dạng ngày/tháng/năm.")
        }
        return d
    }
}
