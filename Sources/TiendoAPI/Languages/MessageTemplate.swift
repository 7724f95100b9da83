// A message with `{name}` holes. The English form doubles as a pattern: the

import Foundation
// call sites keep writing plain English messages (`"report_date 2022-07-01 is
// after today (2022-06-30)"`), and matching that text against the English
// template recovers the values to put into the Vietnamese one. So rules and
// handlers carry their parameters in the message they already write, and no
// call site had to change.

public struct MessageTemplate: Sendable {
    enum Piece: Sendable, Equatable { case text(String), hole(String) }

    public let text: String
    let pieces: [Piece]

    public init(_ text: String) {
        self.text = text
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}"),
                  case let name = rest[rest.index(after: open)..<close],
                  !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "_" }) else {
                literal += rest[...open]; rest = rest[rest.index(after: open)...]; continue
            }
            literal += rest[..<open]
            if !literal.isEmpty { pieces.append(.text(literal)); literal = "" }
            pieces.append(.hole(String(name)))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { pieces.append(.text(literal)) }
        self.pieces = pieces
    }

    /// The hole names, in order.
    public var holes: [String] { pieces.compactMap { if case .hole(let n) = $0 { n } else { nil } } }

    /// Two holes side by side cannot be told apart when matching.
    var isMatchable: Bool {
        zip(pieces, pieces.dropFirst()).allSatisfy { a, b in
            if case .hole = a, case .hole = b { return false }
            return true
        }
    }

    /// The values of the holes when `message` is this template filled in; nil otherwise.
    /// A hole takes the shortest non-empty text up to the next literal (the last one: the rest).
    public func match(_ message: String) -> [String: String]? {
        var values: [String: String] = [:]
        var rest = Substring(message)
        var i = 0
        while i < pieces.count {
            switch pieces[i] {
            case .text(let t):
                guard rest.hasPrefix(t) else { return nil }
                rest = rest.dropFirst(t.count)
            case .hole(let name):
                if i + 1 == pieces.count {
                    guard !rest.isEmpty else { return nil }
                    values[name] = String(rest); rest = ""
                } else if case .text(let next) = pieces[i + 1] {
                    // Skip at least one character so a hole is never empty.
                    guard !rest.isEmpty, let r = rest.dropFirst().range(of: next) else { return nil }
                    values[name] = String(rest[..<r.lowerBound]); rest = rest[r.lowerBound...]
                } else {
                    return nil
                }
            }
            i += 1
        }
        return rest.isEmpty ? values : nil
    }

    /// The template with its holes filled (a hole without a value keeps its name).
    public func fill(_ values: [String: String]) -> String {
        var out = ""
        for p in pieces {
            switch p {
            case .text(let t): out += t
            case .hole(let n): out += values[n] ?? "{\(n)}"
            }
        }
        return out
    }
}
