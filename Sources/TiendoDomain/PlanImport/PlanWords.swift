import Foundation

/// One token of a text, folded for matching (case, diacritics and `đ` folded,
/// abbreviations expanded), remembering where it came from so that the
/// document's own words can be quoted back.
public struct PlanWord: Sendable, Hashable {
    /// Folded key, e.g. "uy" for "Ủy"; a separator is its character (",", ";", ":", ".", "-", "(", ")").
    public let key: String
    public let isSeparator: Bool
    /// Range in the original text, as character offsets.
    public let start: Int
    public let end: Int
}

/// Splits a text into folded words and separators. "UBND" becomes the four words
/// of "Ủy ban nhân dân", "PTNT" "phát triển nông thôn", "TP" "thành phố",
/// "KKT"/"KCN" the economic zone and industrial parks — the abbreviations plans use.
public enum PlanWords {
    /// Abbreviations written in plans → the folded words they stand for.
    static let abbreviations: [String: [String]] = [
        "ubnd": ["uy", "ban", "nhan", "dan"],
        "hdnd": ["hoi", "dong", "nhan", "dan"],
        "ptnt": ["phat", "trien", "nong", "thon"],
        "tp": ["thanh", "pho"],
        "kkt": ["khu", "kinh", "te"],
        "kcn": ["khu", "cong", "nghiep"],
        "ccn": ["cum", "cong", "nghiep"],
        "bhxh": ["bao", "hiem", "xa", "hoi"],
        "ldtb&xh": ["lao", "dong", "thuong", "binh", "va", "xa", "hoi"],
        "ldtbxh": ["lao", "dong", "thuong", "binh", "va", "xa", "hoi"],
        "nn&ptnt": ["nong", "nghiep", "va", "phat", "trien", "nong", "thon"],
        "tn&mt": ["tai", "nguyen", "va", "moi", "truong"],
        "tnmt": ["tai", "nguyen", "va", "moi", "truong"],
        "kh&dt": ["ke", "hoach", "va", "dau", "tu"],
        "khdt": ["ke", "hoach", "va", "dau", "tu"],
        "gd&dt": ["giao", "duc", "va", "dao", "tao"],
        "gddt": ["giao", "duc", "va", "dao", "tao"],
        "khcn": ["khoa", "hoc", "va", "cong", "nghe"],
        "kh&cn": ["khoa", "hoc", "va", "cong", "nghe"],
        "gtvt": ["giao", "thong", "van", "tai"],
        "vh": ["van", "hoa"],
    ]

    static let separators: Set<Character> = [",", ";", ":", ".", "-", "(", ")", "/", "–", "—", "…"]

    /// Tokenises `text`. Offsets are in `Character`s of `text`.
    public static func split(_ text: String) -> [PlanWord] {
        var out: [PlanWord] = []
        var current = ""
        var start = 0
        var index = 0
        func flush() {
            guard !current.isEmpty else { return }
            if let expansion = abbreviations[current] {
                for k in expansion { out.append(PlanWord(key: k, isSeparator: false, start: start, end: index)) }
            } else {
                out.append(PlanWord(key: current, isSeparator: false, start: start, end: index))
            }
            current = ""
        }
        for ch in text {
            let folded = FoldTable.fold(ch)
            if let f = folded.first, folded.count == 1, f.isLetter || f.isNumber || f == "&" {
                if current.isEmpty { start = index }
                current.append(f)
            } else if folded.count > 1, folded.allSatisfy({ $0.isLetter }) {
                if current.isEmpty { start = index }
                current.append(folded)
            } else {
                flush()
                if let f = folded.first, folded.count == 1, separators.contains(f) {
                    let key: String = (f == "–" || f == "—") ? "-" : String(f)
                    out.append(PlanWord(key: key, isSeparator: true, start: index, end: index + 1))
                }
            }
            index += 1
        }
        flush()
        return out
    }

    /// The original text of `words[range]` (from the first word's start to the last's end).
    public static func quote(_ text: [Character], _ words: ArraySlice<PlanWord>) -> String {
        guard let first = words.first, let last = words.last, first.start < last.end, last.end <= text.count else { return "" }
        return String(text[first.start..<last.end]).trimmingWhitespace()
    }

    /// Levenshtein distance, capped: returns `cap + 1` as soon as it exceeds `cap`.
    static func distance(_ a: String, _ b: String, cap: Int = 1) -> Int {
        let x = Array(a), y = Array(b)
        if abs(x.count - y.count) > cap { return cap + 1 }
        var prev = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var row = [i] + Array(repeating: 0, count: y.count)
            var best = row[0]
            for j in 1...max(y.count, 1) where !y.isEmpty {
                row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                best = min(best, row[j])
            }
            if best > cap { return cap + 1 }
            prev = row
        }
        return x.isEmpty ? y.count : prev[y.count]
    }
}
