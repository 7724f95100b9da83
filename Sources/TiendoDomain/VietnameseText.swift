import Foundation

/// Vietnamese text helpers: storage normalisation and search folding.
public enum VietnameseText {
    /// NFC (precomposed): every text is stored this way.
    public static func nfc(_ s: String) -> String {
        isKnownNFC(s) ? s : s.precomposedStringWithCanonicalMapping
    }

    /// True when every scalar is one that NFC never changes and that never composes with
    /// the scalar before it (Unicode's NFC_Quick_Check=Yes, canonical combining class 0):
    /// then the whole string is already NFC (UAX #15 quick check). The ranges cover ASCII,
    /// Latin-1, Latin Extended-A/B, IPA (U+0000–U+02FF), precomposed Vietnamese letters
    /// (Latin Extended Additional, U+1E00–U+1EFF), general punctuation without the two
    /// singleton quads (U+2002–U+206F) and currency signs (₫, U+20A0–U+20BF); checked against
    /// the Unicode data (no decomposition pair ends with one of them, none decomposes).
    /// Anything else — combining marks, other scripts — takes Foundation's full normalisation.
    /// Typical Vietnamese text from forms is already NFC and skips the (costly) Foundation call.
    static func isKnownNFC(_ s: String) -> Bool {
        for u in s.unicodeScalars {
            switch u.value {
            case 0x0000...0x02FF, 0x1E00...0x1EFF, 0x2002...0x206F, 0x20A0...0x20BF: continue
            default: return false
            }
        }
        return true
    }

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
