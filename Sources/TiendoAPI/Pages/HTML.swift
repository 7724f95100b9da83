// A tiny HTML writer. Tag and attribute names are `StaticString`s (written by
// us, never by a client); every text and attribute value goes through `escape`,
// so stored text (a report's `result` holding `<script>`) can only ever render
// as text. There is no way to append raw markup.

struct HTML {
    private(set) var output: String = ""

    init() { output.reserveCapacity(16_384) }

    typealias Attributes = [(StaticString, String?)]

    /// `&`, `<`, `>`, `"` and `'` as character references: safe in text and in quoted attributes.
    static func escape(_ s: String, into out: inout String) {
        var plain = true
        for b in s.utf8 where b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 { plain = false; break }
        if plain { out.append(s); return }
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out.append("&amp;")
            case "<": out.append("&lt;")
            case ">": out.append("&gt;")
            case "\"": out.append("&quot;")
            case "'": out.append("&#39;")
            default: out.unicodeScalars.append(ch)
            }
        }
    }

    static func escape(_ s: String) -> String { var o = ""; escape(s, into: &o); return o }

    mutating func text(_ s: String) { HTML.escape(s, into: &output) }

    private mutating func start(_ tag: StaticString, _ attrs: Attributes) {
        output.append("<"); output.append(tag.description)
        for (name, value) in attrs {
            guard let value else { continue }
            output.append(" "); output.append(name.description)
            output.append("=\""); HTML.escape(value, into: &output); output.append("\"")
        }
        output.append(">")
    }

    /// `<tag attrs>` … `</tag>` around what `body` writes.
    mutating func el(_ tag: StaticString, _ attrs: Attributes = [], _ body: (inout HTML) -> Void) {
        start(tag, attrs)
        body(&self)
        output.append("</"); output.append(tag.description); output.append(">")
    }

    /// `<tag attrs>text</tag>`.
    mutating func el(_ tag: StaticString, _ attrs: Attributes = [], text: String) {
        start(tag, attrs)
        text.isEmpty ? () : HTML.escape(text, into: &output)
        output.append("</"); output.append(tag.description); output.append(">")
    }

    /// A void element (`<input …>`, `<meta …>`, `<link …>`).
    mutating func void(_ tag: StaticString, _ attrs: Attributes = []) { start(tag, attrs) }

    /// A self-closed element, for SVG shapes inside HTML (`<rect … />`).
    mutating func leaf(_ tag: StaticString, _ attrs: Attributes = []) {
        start(tag, attrs)
        output.removeLast()
        output.append("/>")
    }

    mutating func doctype() { output.append("<!DOCTYPE html>\n") }
}
