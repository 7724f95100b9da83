public struct HTTPResponse: Sendable {
    public var status: Int
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
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status; self.headers = headers; self.body = body
    }

    /// `application/json; charset=utf-8`.
    public static func json(_ status: Int, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: body)
    }

    public static func text(_ status: Int, _ s: String, contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(s.utf8))
    }

    /// The standard reason phrase for `status` ("Unknown" when none).
    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 101: return "Switching Protocols"
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 206: return "Partial Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 304: return "Not Modified"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 406: return "Not Acceptable"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 411: return "Length Required"
        case 412: return "Precondition Failed"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 415: return "Unsupported Media Type"
        case 417: return "Expectation Failed"
        case 422: return "Unprocessable Content"
        case 423: return "Locked"
        case 428: return "Precondition Required"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 505: return "HTTP Version Not Supported"
        default: return "Unknown"
        }
    }
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
