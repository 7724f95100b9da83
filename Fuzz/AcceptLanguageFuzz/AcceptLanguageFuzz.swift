// libFuzzer target for AcceptLanguage: any header value in → a choice among the
// offered languages, never a crash. Built by scripts/fuzz-i18n with
// Sources/TiendoHTTP/Routing/AcceptLanguage.swift. Checked on every input:
//  - at most 64 ranges, each "*" or a lower-case language-range, weights 0…1000;
//  - the choice is one of the offered languages, and the same when parsed again;
//  - choosing vi needs a range that names vi (or *) with a weight above zero;
//  - spaces around commas and semicolons change nothing.

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        print("invariant violated: \(message())")
        fatalError(message())
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let header = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let a = AcceptLanguage(header)
    check(a.ranges.count <= 64, "\(a.ranges.count) ranges")
    for r in a.ranges {
        check((0...1000).contains(r.weight), "weight \(r.weight)")
        check(r.tag == "*" || AcceptLanguage.isLanguageRange(Array(r.tag.utf8)[...]), "tag \(r.tag)")
        check(r.tag == r.tag.lowercased(), "tag \(r.tag) not lower-cased")
    }
    let choice = a.preferred(among: ["en", "vi"], fallback: "en")
    check(choice == "en" || choice == "vi", "chose \(choice)")
    check(AcceptLanguage(header).preferred(among: ["en", "vi"], fallback: "en") == choice, "not deterministic")
    if choice == "vi" {
        check(a.ranges.contains { ($0.primary == "vi" || $0.tag == "*") && $0.weight > 0 }, "vi without a range for it")
    }
    if size <= 1024 {
        let spaced = header.replacingOccurrences(",", ", ").replacingOccurrences(";", " ; ")
        let b = AcceptLanguage(spaced)
        if spaced.utf8.count <= 4096 {   // the parser reads at most 4096 bytes
            check(b.ranges == a.ranges, "whitespace changed the ranges")
        }
    }
    return 0
}

extension String {
    /// Without Foundation: replaces every `target` with `replacement`.
    func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
