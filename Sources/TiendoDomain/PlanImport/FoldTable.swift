/// Folding one character (case, diacritics, `đ`) without a Foundation call per
/// character: the Latin ranges Vietnamese uses are folded once into a table.
enum FoldTable {
    static let table: [UInt32: String] = {
        var t: [UInt32: String] = [:]
        for range in [0x00C0...0x024F, 0x1E00...0x1EFF] {
            for v in range {
                guard let u = Unicode.Scalar(v) else { continue }
                t[UInt32(v)] = VietnameseText.fold(String(Character(u)))
            }
        }
        return t
    }()

    /// The folded form of `ch` (usually one character).
    static func fold(_ ch: Character) -> String {
        if ch.isASCII { return ch.lowercased() }
        let scalars = ch.unicodeScalars
        if scalars.count == 1, let f = table[scalars.first!.value] { return f }
        return VietnameseText.fold(String(ch))
    }
}
