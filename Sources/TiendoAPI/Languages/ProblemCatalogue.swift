// Looks up the lines of ProblemMessages.swift: a code's meaning, and a message
// a call site wrote, in either language.

import TiendoHTTP

public enum ProblemCatalogue {
    /// One code's messages.
    public struct Entry: Sendable {
        public let code: String
        /// What the code means and what to do (the code's first line).
        public let meaning: [Language: String]
        /// Details with holes, in the order written.
        let details: [(en: MessageTemplate, vi: MessageTemplate)]

        public func meaning(_ lang: Language) -> String { meaning[lang] ?? meaning[.en] ?? code }
        /// The English forms of the details (for the code's page).
        public var detailForms: [(en: String, vi: String)] { details.map { ($0.en.text, $0.vi.text) } }
    }

    public static let entries: [String: Entry] = {
        var order: [String] = []
        var first: [String: (String, String)] = [:]
        var details: [String: [(MessageTemplate, MessageTemplate)]] = [:]
        for line in lines {
            if first[line.code] == nil {
                order.append(line.code); first[line.code] = (line.en, line.vi)
            } else {
                details[line.code, default: []].append((MessageTemplate(line.en), MessageTemplate(line.vi)))
            }
        }
        var out: [String: Entry] = [:]
        for code in order {
            let (en, vi) = first[code]!
            out[code] = Entry(code: code, meaning: [.en: en, .vi: vi], details: details[code] ?? [])
        }
        return out
    }()

    /// Every code, sorted.
    public static var codes: [String] { entries.keys.sorted() }

    /// `message`, which a call site wrote in English for `code`, in `lang`. In Vietnamese: the
    /// first detail line whose English form it matches, filled with its values; else the
    /// message itself when a call site already wrote it in Vietnamese (the pages do); else
    /// the code's meaning. A code the catalogue lacks keeps its text.
    public static func message(_ message: String, code: String, in lang: Language) -> String {
        guard lang == .vi, let entry = entries[code] else { return message }
        if message == entry.meaning[.en] { return entry.meaning(.vi) }
        for d in entry.details {
            if let values = d.en.match(message) { return d.vi.fill(values) }
        }
        return isVietnamese(message) ? message : entry.meaning(.vi)
    }

    /// Written in Vietnamese: it has a letter only Vietnamese uses (U+1EA0–U+1EF9: ạ, ả, ấ … ỹ)
    /// outside quotes and parentheses, where English messages put Vietnamese values.
    static func isVietnamese(_ message: String) -> Bool {
        var depth = 0, quoted = false
        for u in message.unicodeScalars {
            switch u {
            case "\"": quoted.toggle()
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            default:
                if !quoted, depth == 0, (0x1EA0...0x1EF9).contains(u.value) { return true }
            }
        }
        return false
    }

    /// A problem's title in `lang`: English titles stay as written; Vietnamese ones
    /// name the status (titles are per kind of failure, details say the rest).
    public static func title(_ title: String, status: Int, in lang: Language) -> String {
        guard lang == .vi else { return title }
        switch status {
        case 400: return "Yêu cầu không hợp lệ"
        case 401: return "Chưa xác thực"
        case 403: return "Không có quyền"
        case 404: return "Không tìm thấy"
        case 405: return "Phương thức không được hỗ trợ"
        case 406: return "Không có định dạng phù hợp"
        case 408: return "Hết thời gian chờ yêu cầu"
        case 409: return "Xung đột dữ liệu"
        case 412: return "Điều kiện tiên quyết không thỏa mãn"
        case 413: return "Nội dung quá lớn"
        case 414: return "Dòng yêu cầu quá dài"
        case 415: return "Kiểu nội dung không được hỗ trợ"
        case 417: return "Không đáp ứng được yêu cầu Expect"
        case 422: return "Dữ liệu không hợp lệ"
        case 428: return "Thiếu điều kiện tiên quyết"
        case 429: return "Quá nhiều yêu cầu"
        case 431: return "Phần tiêu đề quá lớn"
        case 500: return "Lỗi máy chủ"
        case 501: return "Chưa được hỗ trợ"
        case 503: return "Dịch vụ tạm thời không sẵn sàng"
        case 505: return "Phiên bản HTTP không được hỗ trợ"
        default: return status < 500 ? "Yêu cầu không được chấp nhận" : "Lỗi máy chủ"
        }
    }

    /// `p` with its title, detail and every error message in `lang`; code, field, status,
    /// type and headers unchanged.
    public static func localize(_ p: Problem, to lang: Language) -> Problem {
        guard lang != .en else { return p }
        var out = p
        out.title = title(p.title, status: p.status.code, in: lang)
        out.detail = p.detail.map { message($0, code: p.code, in: lang) }
        out.errors = p.errors.map { e in
            FieldError(field: e.field, code: e.code, message: message(e.message, code: e.code, in: lang))
        }
        return out
    }
}
