// A report the aggregator returned (*bị trả lại*), as the pages show it: the
// word, the reviewer's date and comment. Until the unit sends a new revision
// the (task, period) is owed again: the agenda counts it and offers it in the
// whole-period form.

import TiendoDomain
import TiendoSQLite
import TiendoStore

/// A (task, period) of one unit.
struct ReturnKey: Hashable {
    let taskID: Int64
    let period: String
}

extension PageContext {
    /// The unit's open returns in a plan, by (task, period).
    func returnsByTaskPeriod(_ planID: Int64, unit: String, _ c: Connection) throws -> [ReturnKey: ReviewRecord] {
        var out: [ReturnKey: ReviewRecord] = [:]
        for r in try ReviewStore.openReturns(planID: planID, unitID: unit, in: c) {
            out[ReturnKey(taskID: r.taskID, period: r.period)] = r
        }
        return out
    }

    /// "Bị trả lại ngày 10/09/2022 — cần gửi lại".
    static func returnedState(_ review: ReviewRecord) -> String {
        "Bị trả lại ngày \(reviewDay(review)) — cần gửi lại"
    }

    static func reviewDay(_ review: ReviewRecord) -> String {
        ClerkInput.show(Timestamp.parse(review.createdAt).map { VietnamTime.localDate(of: $0) })
    }

    /// The reviewer's comment, quoted under the state.
    func returnedComment(_ h: inout HTML, _ review: ReviewRecord) {
        h.el("div", [("class", "returned-comment")]) { h in
            h.el("span", [("class", "muted")], text: "Ý kiến của cơ quan tổng hợp: ")
            h.el("q", [("class", "pre")], text: review.comment ?? "")
        }
    }

    /// The review column of a unit's latest report on the task page.
    func reviewCell(_ h: inout HTML, _ reviews: [ReviewRecord]?) {
        guard let last = reviews?.last else { h.el("td", [("data-label", "Xem xét")], text: "Chờ xem xét"); return }
        if last.decision == .returned {
            h.el("td", [("class", "missing"), ("data-label", "Xem xét")]) { h in
                h.el("strong", text: "Bị trả lại")
                h.text(" ngày \(PageContext.reviewDay(last))")
                returnedComment(&h, last)
            }
        } else {
            h.el("td", [("class", "on_time"), ("data-label", "Xem xét")], text: "Đã tiếp nhận ngày \(PageContext.reviewDay(last))")
        }
    }

    /// Above the clerk's forms: the unit's returned report on this task, and what to do.
    func returnedNotice(_ h: inout HTML, _ review: ReviewRecord?) {
        guard let review else { return }
        h.el("div", [("class", "notice error"), ("role", "status"), ("id", "bi-tra-lai")]) { h in
            let period = ReportingPeriod(review.period).map(ClerkInput.show) ?? review.period
            h.el("p") { h in
                h.el("strong", text: "Bị trả lại")
                h.text(": báo cáo \(period) của đơn vị bị cơ quan tổng hợp trả lại ngày \(PageContext.reviewDay(review)). "
                       + "Báo cáo này vẫn tính là chưa gửi cho đến khi đơn vị gửi lại (sửa báo cáo hoặc gửi báo cáo mới).")
            }
            returnedComment(&h, review)
        }
    }
}
