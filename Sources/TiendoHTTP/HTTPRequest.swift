public struct HTTPVersion: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public init(major: Int, minor: Int) { self.major = major; self.minor = minor }
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)
    public var description: String { "HTTP/\(major).\(minor)" }
}

/// One parsed request. Built by the server's parser, or by hand in tests.
public struct HTTPRequest: Sendable {
    /// The method as sent, e.g. `.get`.
    public var method: HTTPMethod
    /// The raw request-target, e.g. "/api/v1/units?q=ho%C3%A0ng".
    public var target: String
    /// The percent-decoded path, without the query.
    public var path: String
    /// The query, parsed and percent-decoded ('+' = space).
    public var query: QueryParameters
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// "ip:port" of the peer, or "" when built by hand.
    public var remoteAddress: String

    /// Builds a request from a raw target: `path` and `query` are derived from it.
    public init(method: HTTPMethod, target: String, version: HTTPVersion = .http1_1,
                headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], remoteAddress: String = "") {
        self.method = method
        self.target = target
        let (rawPath, rawQuery) = HTTPRequest.splitTarget(target)
        self.path = PercentDecoding.decode(rawPath, plusAsSpace: false) ?? String(rawPath)
        self.query = QueryParameters(rawQuery: rawQuery ?? "")
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// Memberwise init, for when path and query are already known.
    public init(method: HTTPMethod, target: String, path: String, query: QueryParameters,
                version: HTTPVersion, headers: HTTPHeaders, body: [UInt8], remoteAddress: String) {
        self.method = method; self.target = target; self.path = path; self.query = query
        self.version = version; self.headers = headers; self.body = body; self.remoteAddress = remoteAddress
    }

    /// Splits "path?query" (an absolute-form "http://host/path?q" is reduced to its path).
    static func splitTarget(_ target: String) -> (Substring, Substring?) {
        var t = Substring(target)
        if t.first != "/" && (t.prefix(8).lowercasedASCII().hasPrefix("http://") || t.prefix(8).lowercasedASCII() == "https://") {
            let afterScheme = t[t.index(t.firstIndex(of: ":")!, offsetBy: 3)...]
            if let slash = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) {
                t = afterScheme[slash...]
                if t.first == "?" { t = "/" + t }
            } else {
                t = "/"
            }
        }
        if let q = t.firstIndex(of: "?") {
            return (t[..<q], t[t.index(after: q)...])
        }
        return (t, nil)
    }

    /// True when the body is UTF-8 text (convenience for handlers).
    public var bodyString: String? { String(validating: body, as: UTF8.self) }
}
