import Foundation

/// Vietnamese text helpers: storage normalisation and search folding.
public enum VietnameseText {
    /// NFC (precomposed): every text is stored this way.
    public static func nfc(_ s: String) -> String { s.precomposedStringWithCanonicalMapping }

    /// Search key: case, diacritics (tones and vowel marks), `đ`→`d`, and old/new
    /// tone placement ("Hoá"/"Hóa") folded; any run of whitespace becomes one space;
    /// leading/trailing whitespace dropped. NFC and NFD input give the same key.
    /// `hoang hoa`, `Hoằng Hoá`, `HOẰNG HÓA` → `hoang hoa`.
    public static func searchKey(_ s: String) -> String {
        collapseWhitespace(fold(s))
    }

    /// Lower-case, mark-free, `đ`→`d`; keeps every other character (punctuation, digits).
    static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch u.value {
            case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F:
                continue // combining marks
            case 0x0110, 0x0111, 0x0189: // Đ đ Ɖ
                out.append("d")
            default:
                for l in u.properties.lowercaseMapping.unicodeScalars { out.append(l) }
            }
        }
        return String(out)
    }

    static func collapseWhitespace(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in s {
            if ch.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(ch)
            }
        }
        return out
    }

    /// True when `needle`'s search key occurs in `haystack`'s.
    public static func matches(_ haystack: String, query needle: String) -> Bool {
        let k = searchKey(needle)
        return k.isEmpty || searchKey(haystack).contains(k)
    }
}
