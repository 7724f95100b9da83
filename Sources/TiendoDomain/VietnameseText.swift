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
            // Every combining mark, not only the Latin ranges: a mark left behind would attach
            // to whatever precedes it once whitespace is collapsed, and the key would change
            // when folded again (found by the fuzzer).
            switch u.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark: continue
            default: break
            }
            switch u.value {
            case 0x0110, 0x0111, 0x0189: // Đ đ Ɖ
                out.append("d")
            default:
                for l in u.properties.lowercaseMapping.unicodeScalars { out.append(l) }
            }
        }
        return String(out)
    }

    /// Scalar by scalar, not Character by Character: grapheme clusters change when the
    /// whitespace between them does, so a Character-based pass is not idempotent.
    static func collapseWhitespace(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in s.unicodeScalars {
            if u.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(u)
            }
        }
        return String(out)
    }

    /// True when `needle`'s search key occurs in `haystack`'s.
    public static func matches(_ haystack: String, query needle: String) -> Bool {
        let k = searchKey(needle)
        return k.isEmpty || searchKey(haystack).contains(k)
    }
}
