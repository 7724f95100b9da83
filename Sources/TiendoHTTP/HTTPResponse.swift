public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The problem this answer renders, when it is one (set by `Problem.response`), so the
    /// router can re-render it for the request (language). Boxed: most answers carry none.
    public var problem: Problem? {
        get { problemBox?.problem }
        set { problemBox = newValue.map(ProblemBox.init) }
    }
    private var problemBox: ProblemBox?

    /// The server adds Date, Content-Length and Connection; give Content-Type here.
    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status; self.headers = headers; self.body = body
    }

    /// For a status held as a number (an `Int` variable, a code read back from storage).
    public init(status code: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.init(status: HTTPStatus(code: code), headers: headers, body: body)
    }

    /// `application/json; charset=utf-8`.
    public static func json(_ status: HTTPStatus, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: body)
    }

    public static func text(_ status: HTTPStatus, _ s: String, contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(s.utf8))
    }

    /// The standard reason phrase for `status` ("Unknown" when none).
    public static func reasonPhrase(_ status: Int) -> String { HTTPStatus.standardPhrase(status) }
}

/// Anything that answers requests. The server calls `respond` once per request.
public protocol HTTPResponder: Sendable {
    /// Called by the server for every request. May answer inline or later, from any thread; exactly once.
    func respond(to request: HTTPRequest, completion: @escaping @Sendable (HTTPResponse) -> Void)
    /// Called with the head (empty body) of a request that sent `Expect: 100-continue`, before
    /// the server invites its body: `nil` sends `100 Continue`; a response (e.g. 401) is sent
    /// instead and the connection closes with the body unread. From any thread, exactly once.
    func checkBeforeContinue(_ head: HTTPRequest, completion: @escaping @Sendable (HTTPResponse?) -> Void)
}

extension HTTPResponder {
    public func checkBeforeContinue(_ head: HTTPRequest, completion: @escaping @Sendable (HTTPResponse?) -> Void) {
        completion(nil)
    }
}

/// Keeps `HTTPResponse` one pointer larger, not one `Problem` larger.
final class ProblemBox: Sendable {
    let problem: Problem
    init(_ problem: Problem) { self.problem = problem }
}
