import Foundation

/// The fixed labels plans put before their parts, recognised on a line's folded
/// body ("1.1. Nguyên nhân", "b) Nhiệm vụ, giải pháp khắc phục", "- Đơn vị chủ
/// trì:", "c) Thời gian hoàn thành:"), with the text after the label's colon.
public enum LineLabel: Sendable, Hashable {
    case causes(rest: String)
    /// "Kế hoạch khắc phục", "Nhiệm vụ, giải pháp khắc phục": the tasks follow.
    case tasks(rest: String)
    /// "Trách nhiệm của các đơn vị": lead/coordinating lines follow.
    case responsibilities
    case lead(rest: String)
    case coordinating(rest: String)
    case deadline(rest: String)
    /// "Tổ chức thực hiện", "Nơi nhận": the plan's content is over.
    case closing

    static func rx(_ s: String) -> Regex<AnyRegexOutput> { pattern(s) }

    /// Reads the label of `line`, if any.
    public static func of(_ line: PlanLine) -> LineLabel? {
        let f = line.folded
        func rest() -> String {
            guard let colon = line.body.firstIndex(of: ":") else { return "" }
            return String(line.body[line.body.index(after: colon)...]).trimmingWhitespace()
        }
        func starts(_ prefixes: [String]) -> Bool { prefixes.contains { f.hasPrefix($0) } }
        if starts(["noi nhan"]) || f == "to chuc thuc hien" || (line.marker != nil && f.hasPrefix("to chuc thuc hien") && f.count < 40) {
            return .closing
        }
        if f.hasPrefix("nguyen nhan"), f.count < 40 || f.prefix(40).contains(":") { return .causes(rest: rest()) }
        if starts(["trach nhiem cua cac don vi", "trach nhiem thuc hien", "trach nhiem cua cac co quan", "phan cong trach nhiem", "phan cong thuc hien"]), f.count < 60 {
            return .responsibilities
        }
        if f.wholeMatch(of: rx(#"(?:(?:don vi|co quan) )?(?:chu tri|chiu trach nhiem chinh|thuc hien|chiu trach nhiem)(?: thuc hien)?(?: la)? ?:.*"#)) != nil,
           starts(["don vi", "co quan", "chu tri"]) {
            return .lead(rest: rest())
        }
        if f.wholeMatch(of: rx(#"(?:(?:don vi|co quan) )?phoi hop(?: thuc hien)?(?: la)? ?:.*"#)) != nil { return .coordinating(rest: rest()) }
        if f.wholeMatch(of: rx(#"(?:thoi gian|thoi han|han hoan thanh)(?: [a-z]+){0,4} ?:.*"#)) != nil { return .deadline(rest: rest()) }
        if starts(["ke hoach khac phuc", "nhiem vu, giai phap", "nhiem vu va giai phap", "nhiem vu giai phap", "giai phap khac phuc",
                   "bien phap khac phuc", "nhiem vu khac phuc", "cac nhiem vu, giai phap", "giai phap, nhiem vu", "nhiem vu, bien phap",
                   "cac giai phap", "cac nhiem vu", "giai phap", "bien phap", "phuong huong khac phuc", "noi dung khac phuc",
                   "nhiem vu trong tam"]),
           f.count < 60 || f.prefix(60).contains(":") {
            return .tasks(rest: rest())
        }
        return nil
    }
}
