// application/x-www-form-urlencoded bodies (what a <form method="post"> sends),
// decoded with bounds: the body, the number of fields and each value are capped,
// so a client cannot make the server hold or loop over more than a form needs.

import TiendoHTTP

struct FormBody: Sendable {
    static let maxBytes = 256 * 1024
    static let maxFields = 600
    static let maxNameBytes = 64

    enum Failure: Error, Equatable {
        case tooLarge
        case tooManyFields
        case malformed
    }

    private(set) var fields: [(String, String)] = []

    init(fields: [(String, String)]) { self.fields = fields }

    /// Decodes `a=1&b=x+y&c=%C3%A0`: `+` is a space, `%XX` a byte, UTF-8 throughout.
    /// Empty pairs are skipped; a name without `=` has the empty value.
    /// `limit`: the body's bound (the import form takes a whole plan document, up to the API's import bound).
    static func decode(_ body: [UInt8], limit: Int = maxBytes) throws(Failure) -> FormBody {
        guard body.count <= limit else { throw .tooLarge }
        var out: [(String, String)] = []
        var start = 0
        while start <= body.count {
            var end = start
            while end < body.count, body[end] != UInt8(ascii: "&") { end += 1 }
            if end > start {
                guard out.count < maxFields else { throw .tooManyFields }
                let part = body[start..<end]
                let eq = part.firstIndex(of: UInt8(ascii: "="))
                let rawName = eq.map { body[start..<$0] } ?? part
                let rawValue = eq.map { body[($0 + 1)..<end] } ?? []
                // Bytes that are not UTF-8 (raw or percent-escaped) are refused, never replaced.
                guard rawName.count <= maxNameBytes * 3,
                      let nameText = String(validating: rawName, as: UTF8.self),
                      let valueText = String(validating: rawValue, as: UTF8.self),
                      let name = PercentDecoding.decode(nameText, plusAsSpace: true), name.utf8.count <= maxNameBytes,
                      let value = PercentDecoding.decode(valueText, plusAsSpace: true)
                else { throw .malformed }
                out.append((name, value))
            }
            start = end + 1
        }
        return FormBody(fields: out)
    }

    /// The first value of `name`, trimmed of surrounding white space (nil when absent).
    subscript(name: String) -> String? {
        for (n, v) in fields where n == name { return v.trimmingWhitespace }
        return nil
    }

    /// The value as typed (not trimmed), for texts kept verbatim.
    func raw(_ name: String) -> String? {
        for (n, v) in fields where n == name { return v }
        return nil
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
