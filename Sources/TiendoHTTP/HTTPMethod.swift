/// A request method. A struct, not an enum: a method the server does not know still parses
/// (the router answers it 405 or 404), as RFC 9110 §9.1 allows any token.
///
/// String literals convert (`"POST"`), so code written against the old `String` method —
/// `router.add("POST", …)`, `HTTPRequest(method: "GET", …)`, `req.method == "GET"` — still compiles.
public struct HTTPMethod: RawRepresentable, Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The method as sent, case-sensitive ("GET", never "get").
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")

    /// Exactly GET and HEAD (not RFC 9110's "safe", which adds OPTIONS and TRACE): they run on
    /// the read queue, and page sessions authorise only them by cookie.
    public var isGetOrHead: Bool { self == .get || self == .head }
}
