/// A response status: its code and its reason phrase (RFC 9110 §15). A struct, not an enum:
/// any three-digit code can be answered; the ones the service uses have names.
///
/// Integer literals convert (`200`), so code written against the old `Int` status —
/// `HTTPResponse(status: 201, …)`, `Problem(status: 422, …)`, `r.status == 404` — still compiles;
/// `code` is the number where an `Int` is needed.
public struct HTTPStatus: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public let code: Int
    /// What follows the code on the status line; "Unknown" for a code without one.
    public let reasonPhrase: String

    init(_ code: Int, _ reasonPhrase: String) { self.code = code; self.reasonPhrase = reasonPhrase }
    /// The status with this code and its standard reason phrase.
    public init(code: Int) { self.code = code; self.reasonPhrase = HTTPStatus.standardPhrase(code) }
    public init(integerLiteral code: Int) { self.init(code: code) }

    /// Two statuses are the same status when their codes are.
    public static func == (a: HTTPStatus, b: HTTPStatus) -> Bool { a.code == b.code }
    public func hash(into h: inout Hasher) { h.combine(code) }
    public var description: String { String(code) }

    public var isInformational: Bool { code < 200 }
    public var isSuccess: Bool { (200..<300).contains(code) }
    public var isClientError: Bool { (400..<500).contains(code) }
    public var isServerError: Bool { code >= 500 }

    public static let `continue` = HTTPStatus(100, "Continue")
    public static let switchingProtocols = HTTPStatus(101, "Switching Protocols")
    public static let ok = HTTPStatus(200, "OK")
    public static let created = HTTPStatus(201, "Created")
    public static let accepted = HTTPStatus(202, "Accepted")
    public static let noContent = HTTPStatus(204, "No Content")
    public static let partialContent = HTTPStatus(206, "Partial Content")
    public static let movedPermanently = HTTPStatus(301, "Moved Permanently")
    public static let found = HTTPStatus(302, "Found")
    public static let seeOther = HTTPStatus(303, "See Other")
    public static let notModified = HTTPStatus(304, "Not Modified")
    public static let temporaryRedirect = HTTPStatus(307, "Temporary Redirect")
    public static let permanentRedirect = HTTPStatus(308, "Permanent Redirect")
    public static let badRequest = HTTPStatus(400, "Bad Request")
    public static let unauthorized = HTTPStatus(401, "Unauthorized")
    public static let forbidden = HTTPStatus(403, "Forbidden")
    public static let notFound = HTTPStatus(404, "Not Found")
    public static let methodNotAllowed = HTTPStatus(405, "Method Not Allowed")
    public static let notAcceptable = HTTPStatus(406, "Not Acceptable")
    public static let requestTimeout = HTTPStatus(408, "Request Timeout")
    public static let conflict = HTTPStatus(409, "Conflict")
    public static let gone = HTTPStatus(410, "Gone")
    public static let lengthRequired = HTTPStatus(411, "Length Required")
    public static let preconditionFailed = HTTPStatus(412, "Precondition Failed")
    public static let contentTooLarge = HTTPStatus(413, "Content Too Large")
    public static let uriTooLong = HTTPStatus(414, "URI Too Long")
    public static let unsupportedMediaType = HTTPStatus(415, "Unsupported Media Type")
    public static let expectationFailed = HTTPStatus(417, "Expectation Failed")
    public static let unprocessableContent = HTTPStatus(422, "Unprocessable Content")
    public static let locked = HTTPStatus(423, "Locked")
    public static let preconditionRequired = HTTPStatus(428, "Precondition Required")
    public static let tooManyRequests = HTTPStatus(429, "Too Many Requests")
    public static let requestHeaderFieldsTooLarge = HTTPStatus(431, "Request Header Fields Too Large")
    public static let internalServerError = HTTPStatus(500, "Internal Server Error")
    public static let notImplemented = HTTPStatus(501, "Not Implemented")
    public static let badGateway = HTTPStatus(502, "Bad Gateway")
    public static let serviceUnavailable = HTTPStatus(503, "Service Unavailable")
    public static let gatewayTimeout = HTTPStatus(504, "Gateway Timeout")
    public static let httpVersionNotSupported = HTTPStatus(505, "HTTP Version Not Supported")

    /// Every status above: the one list of codes and their phrases.
    public static let known: [HTTPStatus] = [
        .`continue`, .switchingProtocols, .ok, .created, .accepted, .noContent,
        .partialContent, .movedPermanently, .found, .seeOther, .notModified, .temporaryRedirect,
        .permanentRedirect, .badRequest, .unauthorized, .forbidden, .notFound, .methodNotAllowed,
        .notAcceptable, .requestTimeout, .conflict, .gone, .lengthRequired, .preconditionFailed,
        .contentTooLarge, .uriTooLong, .unsupportedMediaType, .expectationFailed, .unprocessableContent, .locked,
        .preconditionRequired, .tooManyRequests, .requestHeaderFieldsTooLarge, .internalServerError, .notImplemented, .badGateway,
        .serviceUnavailable, .gatewayTimeout, .httpVersionNotSupported,
    ]
    private static let phrases: [Int: String] = Dictionary(uniqueKeysWithValues: known.map { ($0.code, $0.reasonPhrase) })

    /// The standard reason phrase for `code` ("Unknown" when none).
    public static func standardPhrase(_ code: Int) -> String { phrases[code] ?? "Unknown" }
}
