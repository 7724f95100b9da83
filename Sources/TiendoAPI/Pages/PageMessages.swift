// Vietnamese messages for the rule codes a form can meet, shown next to the
// field. The code stays the API's; only the words are the page's. (The API's
// own catalogue for Accept-Language is built on another branch; when it lands,
// these can come from it.)

enum PageMessages {
    static let vietnamese: [String: String] = [
        "period_missing": "Chưa nhập kỳ báo cáo.",
        "period_malformed": "Kỳ báo cáo không đúng dạng, ví dụ: Quý III/2022.",
        "period_wrong_frequency": "Kỳ báo cáo không đúng tần suất báo cáo của kế hoạch.",
        "period_before_plan": "Kỳ báo cáo kết thúc trước ngày ban hành kế hoạch.",
        "period_after_plan_closed": "Kế hoạch đã kết thúc trước kỳ báo cáo này.",
        "period_not_open": "Kỳ báo cáo này chưa đến thời gian báo cáo.",
        "period_locked": "Kỳ báo cáo đã được khóa sổ; liên hệ cơ quan tổng hợp.",
        "report_date_missing": "Chưa nhập ngày báo cáo.",
        "report_date_malformed": "Ngày báo cáo không đúng dạng ngày/tháng/năm, ví dụ: 14/06/2022.",
        "report_date_in_future": "Ngày báo cáo không được sau ngày hôm nay.",
        "report_date_before_plan": "Ngày báo cáo trước ngày ban hành kế hoạch.",
        "report_date_before_period": "Ngày báo cáo trước ngày bắt đầu kỳ báo cáo.",
        "status_missing": "Chưa chọn tình trạng thực hiện.",
        "status_invalid": "Tình trạng phải là: Chưa bắt đầu, Đang thực hiện hoặc Hoàn thành.",
        "progress_required": "Chưa nhập tiến độ (%).",
        "progress_out_of_range": "Tiến độ phải từ 0 đến 100.",
        "progress_not_number": "Tiến độ phải là một số từ 0 đến 100.",
        "progress_decreased_without_obstacles": "Tiến độ thấp hơn kỳ trước: hãy ghi rõ khó khăn, vướng mắc.",
        "completed_without_date": "Đã hoàn thành thì phải nhập ngày hoàn thành.",
        "completed_on_malformed": "Ngày hoàn thành không đúng dạng ngày/tháng/năm.",
        "completed_on_after_report_date": "Ngày hoàn thành không được sau ngày báo cáo.",
        "completed_on_before_plan": "Ngày hoàn thành trước ngày ban hành kế hoạch.",
        "completed_on_not_allowed": "Chỉ nhập ngày hoàn thành khi tình trạng là Hoàn thành.",
        "completed_progress_not_100": "Đã hoàn thành thì tiến độ phải là 100%.",
        "indicator_value_invalid": "Giá trị chỉ tiêu phải là một số.",
        "indicator_value_not_number": "Giá trị chỉ tiêu phải là một số.",
        "unit_not_assignee": "Đơn vị không được giao nhiệm vụ này.",
        "token_unit_mismatch": "Tài khoản của anh/chị chỉ được báo cáo cho đơn vị mình.",
        "received_at_not_allowed": "Chỉ cơ quan tổng hợp được ghi ngày nhận.",
        "task_not_found": "Không có nhiệm vụ này.",
        "invalid_length": "Nội dung quá dài.",
        "too_long": "Nội dung quá dài.",
        "nothing_to_send": "Chưa nhập báo cáo nào: điền ít nhất một dòng (tình trạng hoặc tiến độ).",
        "required": "Chưa nhập mục này.",
        "decision_comment_required": "Không đồng ý gia hạn thì phải ghi rõ lý do vào ô Ý kiến.",
        "extension_not_later": "Hạn đề nghị phải sau hạn hiện tại của nhiệm vụ.",
        "revision_empty": "Chưa có mục nào thay đổi so với lần gửi trước: sửa ít nhất một mục rồi gửi.",
        "unchanged_without_previous": "Chưa có báo cáo trước của đơn vị về nhiệm vụ này để giữ nguyên: hãy chọn tình trạng và nhập tiến độ.",
    ]

    /// The Vietnamese message for `code`, else a general one (the code is still shown in the page's source for support).
    static func message(_ code: String, fallback: String) -> String {
        if let m = vietnamese[code] { return m }
        // Codes the pages have no words of their own for: the API's catalogue says it in Vietnamese.
        if ProblemCatalogue.entries[code] != nil { return ProblemCatalogue.message(fallback, code: code, in: .vi) }
        return "Dữ liệu chưa hợp lệ (\(code))."
    }
}
