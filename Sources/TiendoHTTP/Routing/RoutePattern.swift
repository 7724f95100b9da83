/// A path pattern such as `/api/v1/plans/{id}/periods/{period}/lock`: literal segments
/// match exactly, `{name}` segments match any one non-empty segment and capture it.
public struct RoutePattern: Sendable, Equatable, CustomStringConvertible {
    public enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    public let pattern: String
    public let segments: [Segment]

    public init(_ pattern: String) {
        self.pattern = pattern
        segments = RoutePattern.split(Substring(pattern)).map { seg in
            if seg.hasPrefix("{") && seg.hasSuffix("}") && seg.count >= 2 {
                return .parameter(String(seg.dropFirst().dropLast()))
            }
            return .literal(String(seg))
        }
    }

    public var description: String { pattern }

    public var isStatic: Bool {
        !segments.contains { if case .parameter = $0 { return true } else { return false } }
    }

    /// Path segments (empty ones from repeated or trailing slashes are kept, except a lone root).
    static func split(_ path: Substring) -> [Substring] {
        var p = path
        if p.first == "/" { p = p.dropFirst() }
        if p.isEmpty { return [] }
        return p.split(separator: "/", omittingEmptySubsequences: false)
    }

    /// Matches already-split, percent-decoded segments; returns the captures or nil.
    func match(_ path: [String]) -> RouteParameters? {
        guard path.count == segments.count else { return nil }
        var params = RouteParameters()
        for (seg, value) in zip(segments, path) {
            switch seg {
            case .literal(let l): if l != value { return nil }
            case .parameter(let name):
                if value.isEmpty { return nil }
                params.values.append((name, value))
            }
        }
        return params
    }
}

/// Values captured by `{name}` segments, percent-decoded.
public struct RouteParameters: Sendable {
    var values: [(String, String)] = []
    public init() {}
    public init(_ values: [(String, String)]) { self.values = values }
    public subscript(name: String) -> String? {
        for (n, v) in values where n == name { return v }
        return nil
    }
    /// The captured names and values, in pattern order.
    public var all: [(String, String)] { values }
}
