import Foundation

/// The plan's own header: number ("Số: 83/KH-UBND"), place and date ("Thanh Hóa,
/// ngày 24 tháng 3 năm 2022"), issuer ("ỦY BAN NHÂN DÂN / TỈNH THANH HÓA"),
/// title (the lines after "KẾ HOẠCH") and signer (the name under "CHỦ TỊCH").
/// Summaries that only tell of a plan ("Ngày 8 tháng 4 năm 2025, UBND tỉnh Thanh
/// Hóa đã ban hành Kế hoạch số 63/KH-UBND về việc …") are read too.
public struct PlanHeader: Sendable, Hashable {
    public var number: String?
    public var issuedOn: CivilDate?
    public var place: String?
    public var issuerText: String?
    public var title: String?
    public var signer: String?
    /// Line of each field, for warnings.
    public var lines: [String: Int] = [:]
}

public enum PlanHeaderReader {
    static func rx(_ s: String) -> Regex<AnyRegexOutput> { pattern(s) }

    public static func read(_ lines: [PlanLine]) -> PlanHeader {
        var h = PlanHeader()
        let head = lines.prefix(60)
        let numberRx = rx(#"^so\s*(?:hieu)?\s*[:.]?\s*(\d{1,6}\s?/\s?[a-z0-9đ/.-]*[a-z0-9])"#)
        let proseNumberRx = rx(#"ke hoach (?:so|so hieu)\s*:?\s*(\d{1,6}/[a-z0-9/.-]*[a-z0-9])"#)
        let dateRx = rx(#"^([^,]{2,40}), ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})"#)
        let textDateRx = rx(#"ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})"#)
        let numericDateRx = rx(#"ngay (\d{1,2})/(\d{1,2})/(\d{4})"#)

        func date(_ d: String?, _ m: String?, _ y: String?) -> CivilDate? {
            guard let d, let m, let y, d.count <= 2, m.count <= 2, y.count == 4,
                  let dd = Int(d), let mm = Int(m), let yy = Int(y), Deadline.yearRange.contains(yy) else { return nil }
            return CivilDate(year: yy, month: mm, day: dd)
        }
        // number: "Số: 83/KH-UBND" on a line of its own, else "Số hiệu: …"
        for l in head {
            let f = AlignedFold(l.text)
            if let m = f.firstMatch(numberRx), let r = matchRange(f, numberRx, group: 1) {
                _ = m
                h.number = f.quote(r).replacingOccurrences(of: " ", with: ""); h.lines["number"] = l.number
                if f.folded.hasPrefix("so:") || f.folded.hasPrefix("so ") && !f.folded.hasPrefix("so hieu") { break }
            }
        }
        // place and date
        for l in head {
            let f = AlignedFold(l.text)
            guard l.text.count <= 80, let m = f.firstMatch(dateRx), let d = date(m.groups[1], m.groups[2], m.groups[3]) else { continue }
            h.issuedOn = d; h.lines["issued_on"] = l.number
            if let r = matchRange(f, dateRx, group: 0) { h.place = f.quote(r) }
            break
        }
        // issuer: "ỦY BAN NHÂN DÂN" + the next line ("TỈNH THANH HÓA")
        for (i, l) in head.enumerated() {
            let k = l.folded
            if k == "uy ban nhan dan" || k == "ubnd", i + 1 < head.count {
                let next = head[head.startIndex + i + 1]
                h.issuerText = l.text + " " + next.text; h.lines["issuer"] = l.number
                break
            }
            if (k.hasPrefix("uy ban nhan dan ") || k.hasPrefix("ubnd ")), l.text.count <= 60, l.text == l.text.uppercased() {
                h.issuerText = l.text; h.lines["issuer"] = l.number
                break
            }
        }
        // title: the lines after "KẾ HOẠCH"
        if let i = head.firstIndex(where: { $0.folded == "ke hoach" && $0.marker == nil }) {
            var parts: [String] = []
            var j = i + 1
            while j < head.endIndex, parts.count < 4 {
                let l = head[j]
                if l.marker != nil || l.folded.hasPrefix("can cu") || l.folded.hasPrefix("ngay ") || l.text.count > 400 { break }
                parts.append(l.text); j += 1
                if l.text.hasSuffix(".") { break }
            }
            if !parts.isEmpty {
                var t = parts.joined(separator: " ")
                while let last = t.last, ".*".contains(last) { t.removeLast() }
                if t == t.uppercased() { t = t.lowercased() }
                if !VietnameseText.searchKey(t).hasPrefix("ke hoach") { t = "Kế hoạch " + lowerFirst(t) }
                h.title = t; h.lines["title"] = lines[i].number
            }
        }
        // a summary telling of the plan: "… ban hành Kế hoạch số 63/KH-UBND về việc …"
        if h.number == nil || h.title == nil || h.issuedOn == nil || h.issuerText == nil {
            for l in lines {
                let f = AlignedFold(l.text)
                guard let m = f.firstMatch(proseNumberRx), let r = matchRange(f, proseNumberRx, group: 1) else { continue }
                if h.number == nil { h.number = f.quote(r); h.lines["number"] = l.number }
                let sentence = f.clause(around: m.range)
                let before = f.quote(sentence.lowerBound..<m.range.lowerBound)
                let bf = AlignedFold(before)
                if h.issuedOn == nil {
                    if let dm = bf.firstMatch(textDateRx) { h.issuedOn = date(dm.groups[0], dm.groups[1], dm.groups[2]) }
                    else if let dm = bf.firstMatch(numericDateRx) { h.issuedOn = date(dm.groups[0], dm.groups[1], dm.groups[2]) }
                    if h.issuedOn != nil { h.lines["issued_on"] = l.number }
                }
                if h.issuerText == nil, let im = bf.firstMatch(rx(#"(?:uy ban nhan dan|ubnd) (?:tinh|huyen|thi xa|thanh pho|quan|xa|phuong|thi tran)(?: [^ ,.;]+){1,3}?(?= (?:da |vua )?(?:ban hanh|xay dung))"#)) {
                    h.issuerText = bf.quote(im.range); h.lines["issuer"] = l.number
                }
                if h.title == nil {
                    let after = f.quote(m.range.upperBound..<sentence.upperBound)
                    var t = after
                    if VietnameseText.searchKey(t).hasPrefix("ve viec ") { t = String(t.dropFirst("về việc ".count)) }
                    if !t.isEmpty { h.title = "Kế hoạch " + lowerFirst(t); h.lines["title"] = l.number }
                }
                break
            }
        }
        // issuer in an introduction: "UBND huyện Hoàng Hóa xây dựng kế hoạch …"
        if h.issuerText == nil {
            let introRx = rx(#"(?:uy ban nhan dan|ubnd) (?:tinh|huyen|thi xa|thanh pho|quan|xa|phuong|thi tran)(?: [^ ,.;]+){1,3}? (?:da |vua )?(?:xay dung|ban hanh) (?:ke hoach)"#)
            for l in head {
                let f = AlignedFold(l.text)
                if let m = f.firstMatch(introRx) {
                    let words = f.quote(m.range).split(separator: " ")
                    var keep: [Substring] = []
                    for w in words {
                        let k = VietnameseText.searchKey(String(w))
                        if ["da", "vua", "xay", "ban"].contains(k) && keep.count >= 3 { break }
                        keep.append(w)
                    }
                    h.issuerText = keep.joined(separator: " "); h.lines["issuer"] = l.number
                    break
                }
            }
        }
        // signer: the person's name under "CHỦ TỊCH" / "TM. …", else the last name-like line
        var signerLine: PlanLine? = nil
        if let sig = lines.lastIndex(where: { ["chu tich", "kt. chu tich", "pho chu tich", "tm. uy ban nhan dan"].contains($0.folded) || $0.folded.hasPrefix("tm. ") }) {
            signerLine = lines[sig...].dropFirst().prefix(6).first(where: { isPersonName($0.text) })
        }
        if signerLine == nil { signerLine = lines.suffix(40).last(where: { isPersonName($0.text) }) }
        if let s = signerLine { h.signer = s.text; h.lines["signer"] = s.number }
        return h
    }

    static func matchRange(_ f: AlignedFold, _ r: Regex<AnyRegexOutput>, group: Int) -> Range<Int>? {
        guard let m = f.folded.firstMatch(of: r), group < m.output.count, let range = m.output[group].range else { return nil }
        return f.offsets(range)
    }

    static func lowerFirst(_ s: String) -> String {
        guard let f = s.first else { return s }
        // keep an abbreviation or a proper noun of two capitals ("UBND", "Thanh Hóa")
        if s.count > 1, s[s.index(after: s.startIndex)].isUppercase { return s }
        return f.lowercased() + s.dropFirst()
    }

    /// "Đỗ Minh Tuấn": two to five words, each a capital followed by small letters.
    static func isPersonName(_ t: String) -> Bool {
        let words = t.split(separator: " ")
        guard (2...5).contains(words.count), t.count <= 40 else { return false }
        return words.allSatisfy { w in
            guard let f = w.first, f.isUppercase, w.count >= 1 else { return false }
            return w.dropFirst().allSatisfy { $0.isLetter && $0.isLowercase }
        }
    }
}
