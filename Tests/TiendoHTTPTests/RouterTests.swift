import Testing
import Dispatch
#if canImport(Glibc)
import Glibc
#endif
@testable import TiendoHTTP

/// Runs the responder and waits (bounded) for its single answer.
func answer(_ r: HTTPResponder, _ req: HTTPRequest) -> HTTPResponse? {
    let box = ResponseBox()
    r.respond(to: req) { box.set($0) }
    return box.wait(seconds: 5)
}

final class ResponseBox: @unchecked Sendable { // state guarded by `lock`
    private let sem = DispatchSemaphore(value: 0)
    private let lock = LockLite()
    private var value: HTTPResponse?
    func set(_ r: HTTPResponse) { lock.sync { value = r }; sem.signal() }
    func wait(seconds: Double) -> HTTPResponse? {
        guard sem.wait(timeout: .now() + seconds) == .success else { return nil }
        return lock.sync { value }
    }
}

final class LockLite: @unchecked Sendable { // wraps a pthread mutex
    private let m: UnsafeMutablePointer<pthread_mutex_t>
    init() { m = .allocate(capacity: 1); pthread_mutex_init(m, nil) }
    deinit { pthread_mutex_destroy(m); m.deallocate() }
    func sync<T>(_ f: () -> T) -> T { pthread_mutex_lock(m); defer { pthread_mutex_unlock(m) }; return f() }
}

func bodyText(_ r: HTTPResponse?) -> String { r.map { String(decoding: $0.body, as: UTF8.self) } ?? "<none>" }

@Suite struct RouterTests {
    func makeRouter() -> Router {
        let r = Router(errorLog: { _ in })
        r.add("GET", "/health", execution: .inline) { _, _ in .text(200, "ok") }
        r.add("GET", "/api/v1/plans/{id}") { _, p in .text(200, "plan \(p["id"] ?? "-")") }
        r.add("PATCH", "/api/v1/plans/{id}") { _, p in .text(200, "patched \(p["id"] ?? "-")") }
        r.add("PUT", "/api/v1/plans/{id}/periods/{period}/lock") { _, p in .text(200, "\(p["id"]!)|\(p["period"]!)") }
        r.add("DELETE", "/api/v1/plans/{id}/periods/{period}/lock") { _, p in .text(204, "") }
        r.add("GET", "/api/v1/units") { req, _ in .text(200, req.query["q"] ?? "") }
        r.add("GET", "/api/v1/units/{id}") { _, p in .text(200, "unit \(p["id"]!)") }
        r.add("POST", "/api/v1/fail") { _, _ in throw Problem(status: 422, code: "period_locked", title: "Period locked", errors: [FieldError(field: "period", code: "locked", message: "Kỳ đã khóa")]) }
        r.add("POST", "/api/v1/crash") { _, _ in struct Boom: Error {}; throw Boom() }
        r.add("POST", "/api/v1/cb") { req, _, respond in respond(.json(201, req.body)) }
        return r
    }

    @Test func staticAndParameterRoutes() {
        let r = makeRouter()
        #expect(bodyText(answer(r, HTTPRequest(method: "GET", target: "/health"))) == "ok")
        #expect(bodyText(answer(r, HTTPRequest(method: "GET", target: "/api/v1/plans/42"))) == "plan 42")
        #expect(bodyText(answer(r, HTTPRequest(method: "PATCH", target: "/api/v1/plans/42"))) == "patched 42")
        #expect(bodyText(answer(r, HTTPRequest(method: "PUT", target: "/api/v1/plans/7/periods/2022-Q2/lock"))) == "7|2022-Q2")
    }

    @Test func parametersArePercentDecodedPerSegment() {
        let r = makeRouter()
        #expect(bodyText(answer(r, HTTPRequest(method: "GET", target: "/api/v1/units/huy%E1%BB%87n%2Fx"))) == "unit huyện/x")
    }

    @Test func vietnameseQueryIsDecoded() {
        let r = makeRouter()
        let req = HTTPRequest(method: "GET", target: "/api/v1/units?kind=district&q=ho%C3%A0ng%20h%C3%B3a")
        #expect(req.query["q"] == "hoàng hóa")
        #expect(req.query["kind"] == "district")
        #expect(bodyText(answer(r, req)) == "hoàng hóa")
        let plus = HTTPRequest(method: "GET", target: "/x?q=ho%C3%A0ng+h%C3%B3a&a=1&a=2&empty&e=")
        #expect(plus.query["q"] == "hoàng hóa")
        #expect(plus.query.all("a") == ["1", "2"])
        #expect(plus.query["empty"] == "")
        #expect(plus.query["missing"] == nil)
        #expect(plus.path == "/x")
    }

    @Test func unknownPathIs404Problem() throws {
        let r = makeRouter()
        let resp = try #require(answer(r, HTTPRequest(method: "GET", target: "/nope")))
        #expect(resp.status == 404)
        #expect(resp.headers["content-type"] == "application/problem+json; charset=utf-8")
        #expect(bodyText(resp).contains("\"code\":\"not_found\""))
        #expect(bodyText(resp).contains("\"type\":\"/problems/not_found\""))
        // Same segment count as a dynamic route but a different literal.
        #expect(answer(r, HTTPRequest(method: "GET", target: "/api/v1/plans/1/periods/2/unlock"))?.status == 404)
        #expect(answer(r, HTTPRequest(method: "GET", target: "/api/v1/plans/"))?.status == 404)
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let r = makeRouter()
        let resp = try #require(answer(r, HTTPRequest(method: "DELETE", target: "/api/v1/plans/3")))
        #expect(resp.status == 405)
        #expect(resp.headers["Allow"] == "GET, HEAD, PATCH")
        #expect(bodyText(resp).contains("method_not_allowed"))
        let lock = try #require(answer(r, HTTPRequest(method: "GET", target: "/api/v1/plans/3/periods/2022-Q1/lock")))
        #expect(lock.status == 405)
        #expect(lock.headers["allow"] == "DELETE, PUT")
        let health = try #require(answer(r, HTTPRequest(method: "POST", target: "/health")))
        #expect(health.headers["Allow"] == "GET, HEAD")
    }

    @Test func headFallsBackToGet() {
        let r = makeRouter()
        #expect(bodyText(answer(r, HTTPRequest(method: "HEAD", target: "/api/v1/plans/5"))) == "plan 5")
        if case .matched(let m, let p, _) = r.resolve(method: "HEAD", target: "/health") {
            #expect(m == "GET"); #expect(p == "/health")
        } else { Issue.record("HEAD /health did not resolve") }
    }

    @Test func thrownProblemAndOtherErrors() throws {
        let r = makeRouter()
        let p = try #require(answer(r, HTTPRequest(method: "POST", target: "/api/v1/fail")))
        #expect(p.status == 422)
        #expect(bodyText(p) == #"{"type":"/problems/period_locked","title":"Period locked","status":422,"code":"period_locked","errors":[{"field":"period","code":"locked","message":"Kỳ đã khóa"}]}"#)
        let c = try #require(answer(r, HTTPRequest(method: "POST", target: "/api/v1/crash")))
        #expect(c.status == 500)
        #expect(bodyText(c).contains("internal_error"))
    }

    @Test func callbackHandler() throws {
        let r = makeRouter()
        let resp = try #require(answer(r, HTTPRequest(method: "POST", target: "/api/v1/cb", body: Array("{}".utf8))))
        #expect(resp.status == 201)
        #expect(bodyText(resp) == "{}")
    }

    @Test func routesListed() {
        let r = makeRouter()
        #expect(r.routes.count == 10)
        #expect(r.routes.first?.method == "GET")
        #expect(r.routes.first?.pattern == "/health")
    }

    @Test func patternParsing() {
        let p = RoutePattern("/api/v1/plans/{id}/periods/{period}/lock")
        #expect(p.segments == [.literal("api"), .literal("v1"), .literal("plans"), .parameter("id"), .literal("periods"), .parameter("period"), .literal("lock")])
        #expect(!p.isStatic)
        #expect(RoutePattern("/health").isStatic)
        let m = p.match(["api", "v1", "plans", "9", "periods", "2022-Q3", "lock"])
        #expect(m?["id"] == "9"); #expect(m?["period"] == "2022-Q3")
        #expect(p.match(["api", "v1", "plans", "", "periods", "x", "lock"]) == nil)
    }

    @Test func headersAreCaseInsensitiveAndOrdered() {
        var h = HTTPHeaders()
        h.add("Set-Cookie", "a"); h.add("set-cookie", "b"); h.add("X-A", "1")
        #expect(h["SET-COOKIE"] == "a")
        #expect(h.values("Set-Cookie") == ["a", "b"])
        h.set("x-a", "2")
        #expect(h["X-A"] == "2")
        #expect(h.count == 3)
        h.remove("SET-cookie")
        #expect(h.count == 1)
        var c = HTTPHeaders(); c.add("Connection", "Keep-Alive, Upgrade"); c.add("connection", " close ")
        #expect(c.tokens("connection") == ["keep-alive", "upgrade", "close"])
        #expect(!HTTPHeaders.equalsIgnoringCase("a[", "A{"))
    }

    @Test func problemEscapesJSON() {
        var p = Problem(status: 400, code: "bad_request", title: "Bad \"quote\"", detail: "line\nnext\u{01}")
        p.headers.add("X-Extra", "1")
        let r = p.response
        #expect(bodyText(r).contains(#""title":"Bad \"quote\"""#))
        #expect(bodyText(r).contains(#""detail":"line\nnext\u0001""#))
        #expect(r.headers["X-Extra"] == "1")
    }
}
