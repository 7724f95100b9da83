import Foundation

/// The text of an HTML document as a person reads it: block elements become line
/// breaks, other tags vanish, `<script>`/`<style>` are dropped, entities are decoded.
/// Not a parser: enough for a plan pasted from a legal-documents site or saved from Word.
public enum HTMLText {
    static let blockTags: Set<String> = ["p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
                                         "section", "article", "blockquote", "pre", "hr", "dt", "dd", "title"]
    static let entities: [String: Character] = ["nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
                                                "ndash": "–", "mdash": "—", "hellip": "…", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
                                                "lsquo": "\u{2018}", "rsquo": "\u{2019}", "laquo": "«", "raquo": "»", "bull": "•"]

    public static func plainText(_ html: String) -> String {
        var out = ""
        let chars = Array(html)
        var i = 0
        var skipUntil: String? = nil
        while i < chars.count {
            let c = chars[i]
            if c == "<" {
                // a tag: read its name up to '>'
                var j = i + 1
                while j < chars.count, chars[j] != ">" { j += 1 }
                let inner = String(chars[(i + 1)..<min(j, chars.count)])
                i = j + 1
                if inner.hasPrefix("!--") { continue }
                let closing = inner.hasPrefix("/")
                let name = inner.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                if let s = skipUntil {
                    if closing && name == s { skipUntil = nil }
                    continue
                }
                if !closing && (name == "script" || name == "style") { skipUntil = name; continue }
                if blockTags.contains(name) { out.append("\n") }
                else if name == "td" || name == "th" { out.append(" ") }
                continue
            }
            if skipUntil != nil { i += 1; continue }
            if c == "&", let semi = chars[i..<min(chars.count, i + 12)].firstIndex(of: ";") {
                let name = String(chars[(i + 1)..<semi])
                if let e = entities[name.lowercased()] { out.append(e); i = semi + 1; continue }
                if name.hasPrefix("#") {
                    let digits = name.dropFirst()
                    let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                    if let v = value, let u = Unicode.Scalar(v), v != 0 { out.unicodeScalars.append(u); i = semi + 1; continue }
                }
            }
            out.append(c == "\r" ? "\n" : c)
            i += 1
        }
        // whitespace inside a line collapses as a browser shows it; line breaks stay
        return out.split(separator: "\n", omittingEmptySubsequences: false)
            .map { VietnameseText.nfc(String($0)).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }).joined(separator: " ") }
            .joined(separator: "\n")
    }
}
