// Every problem `code` the service can answer, with what it says in English and
// in Vietnamese. ONE LINE PER MESSAGE: `("code", "English", "Tiếng Việt"),`.
//
// - The first line of a code is what it means and what to do, without holes:
//   it is the `/problems/{code}` page and the fallback detail. Adding a code is
//   adding that one line (ProblemCatalogueTests fails until you do).
// - Further lines of the same code are the details call sites write, with
//   `{holes}` for the values: the English form is matched against the message
//   the code wrote, and the values go into the Vietnamese form. Order matters
//   (the first match wins), so put specific lines before general ones.
// Keep the codes in alphabetical order: parallel branches then add lines in
// different places and merge without conflicts.

extension ProblemCatalogue {
    static let lines: [(code: String, en: String, vi: String)] = [
        ("aggregator_not_found", "The office that receives the reports could not be found; pass aggregator_id.",
         "Không xác định được cơ quan tổng hợp báo cáo; hãy truyền aggregator_id."),

        ("assignee_malformed", "An assignee is a unit id or a kind selector such as kind:district.",
         "Đơn vị được giao phải là mã đơn vị hoặc bộ chọn loại đơn vị, ví dụ kind:district."),
        ("assignee_malformed", "assignee \"{text}\" is neither a unit id ([a-z0-9-]{1,64}) nor kind:{kinds}",
         "\"{text}\" không phải mã đơn vị ([a-z0-9-]{1,64}) cũng không phải kind:{kinds}."),

        ("bad_request", "The request is malformed; correct it and send it again.",
         "Yêu cầu không đúng định dạng; vui lòng sửa và gửi lại."),
        ("bad_request", "The path has a malformed percent-escape.", "Đường dẫn có mã thoát phần trăm (%) không hợp lệ."),
        ("bad_request", "Malformed request line.", "Dòng yêu cầu không đúng định dạng."),
        ("bad_request", "Malformed header field.", "Trường tiêu đề không đúng định dạng."),
        ("bad_request", "HTTP/1.1 requires a Host header.", "HTTP/1.1 bắt buộc có tiêu đề Host."),

        ("closed_before_issued", "A plan cannot be closed before the day it was issued.",
         "Không thể kết thúc kế hoạch trước ngày ban hành."),
        ("closed_before_issued", "closed_on {closed} is before issued_on {issued}.",
         "Ngày kết thúc (closed_on) {closed} trước ngày ban hành (issued_on) {issued}."),

        ("closed_on_in_future", "A plan cannot be closed on a day after today.",
         "Không thể kết thúc kế hoạch vào một ngày sau hôm nay."),
        ("closed_on_in_future", "closed_on {closed} is after today ({today}).",
         "Ngày kết thúc (closed_on) {closed} sau ngày hôm nay ({today})."),

        ("completed_on_after_report_date", "A task cannot be completed after the date printed on the report.",
         "Ngày hoàn thành không thể sau ngày ghi trên báo cáo."),
        ("completed_on_after_report_date", "completed_on {completed} is after report_date {report}",
         "Ngày hoàn thành (completed_on) {completed} sau ngày báo cáo (report_date) {report}."),

        ("completed_on_before_plan", "A task cannot be completed before its plan was issued.",
         "Ngày hoàn thành không thể trước ngày ban hành kế hoạch."),
        ("completed_on_before_plan", "completed_on {completed} is before the plan was issued on {issued}",
         "Ngày hoàn thành (completed_on) {completed} trước ngày ban hành kế hoạch ({issued})."),

        ("completed_on_malformed", "completed_on must be a date YYYY-MM-DD.",
         "Ngày hoàn thành (completed_on) phải là ngày dạng YYYY-MM-DD."),
        ("completed_on_malformed", "completed_on must be YYYY-MM-DD (got \"{value}\")",
         "Ngày hoàn thành (completed_on) phải có dạng YYYY-MM-DD (đã nhận \"{value}\")."),

        ("completed_on_not_allowed", "completed_on is only for a report with status completed.",
         "Chỉ báo cáo có trạng thái completed (hoàn thành) mới ghi ngày hoàn thành (completed_on)."),
        ("completed_on_not_allowed", "completed_on is only for status completed",
         "Chỉ báo cáo có trạng thái completed (hoàn thành) mới ghi ngày hoàn thành (completed_on)."),

        ("completed_progress_not_100", "A completed report must have progress 100.",
         "Báo cáo hoàn thành phải có tiến độ 100."),
        ("completed_progress_not_100", "a completed report must have progress 100 (got {progress})",
         "Báo cáo hoàn thành phải có tiến độ 100 (đã nhận {progress})."),

        ("completed_without_date", "A completed report needs completed_on, the day the task was completed.",
         "Báo cáo hoàn thành phải ghi ngày hoàn thành (completed_on)."),

        ("database_busy", "The database is busy; send the request again in a moment.",
         "Cơ sở dữ liệu đang bận; vui lòng gửi lại yêu cầu sau ít phút."),

        ("database_unavailable", "The database does not answer; tell the administrator.",
         "Cơ sở dữ liệu không phản hồi; vui lòng báo quản trị viên."),

        ("date_out_of_range", "Dates must fall within the years the service keeps.",
         "Ngày phải nằm trong khoảng năm hệ thống lưu trữ."),
        ("date_out_of_range", "{field} must be between {min} and {max}.",
         "{field} phải nằm trong khoảng từ {min} đến {max}."),

        ("deadline_before_plan", "A task's deadline cannot fall before its plan was issued.",
         "Thời hạn của nhiệm vụ không thể trước ngày ban hành kế hoạch."),
        ("deadline_before_plan", "deadline {deadline} ({day}) is before the plan's issued_on {issued}",
         "Thời hạn {deadline} ({day}) trước ngày ban hành kế hoạch ({issued})."),

        ("deadline_date_malformed", "A deadline's date must be YYYY-MM-DD.",
         "Ngày của thời hạn phải có dạng YYYY-MM-DD."),
        ("deadline_date_malformed", "date must be YYYY-MM-DD (got \"{value}\")",
         "Ngày (date) phải có dạng YYYY-MM-DD (đã nhận \"{value}\")."),

        ("deadline_field_missing", "This kind of deadline needs another field; see the accepted forms.",
         "Loại thời hạn này cần thêm một trường; xem các dạng được chấp nhận."),
        ("deadline_field_missing", "a '{kind}' deadline needs {field}",
         "Thời hạn loại '{kind}' cần trường {field}."),

        ("deadline_field_not_allowed", "This kind of deadline does not take that field; remove it.",
         "Loại thời hạn này không có trường đó; vui lòng bỏ trường này."),
        ("deadline_field_not_allowed", "a '{kind}' deadline has no {field}",
         "Thời hạn loại '{kind}' không có trường {field}."),

        ("deadline_half_out_of_range", "half must be 1 (6 tháng đầu năm) or 2 (6 tháng cuối năm).",
         "Nửa năm (half) phải là 1 (6 tháng đầu năm) hoặc 2 (6 tháng cuối năm)."),
        ("deadline_half_out_of_range", "half must be 1 (6 tháng đầu năm) or 2 (6 tháng cuối năm) (got {value})",
         "Nửa năm (half) phải là 1 (6 tháng đầu năm) hoặc 2 (6 tháng cuối năm) (đã nhận {value})."),

        ("deadline_kind_unknown", "A deadline's kind must be one of the kinds the service knows.",
         "Loại thời hạn (kind) phải là một trong các loại hệ thống hỗ trợ."),
        ("deadline_kind_unknown", "kind must be one of {kinds} (got \"{value}\")",
         "Loại thời hạn (kind) phải là một trong: {kinds} (đã nhận \"{value}\")."),
        ("deadline_kind_unknown", "kind must be one of {kinds}.",
         "Loại thời hạn (kind) phải là một trong: {kinds}."),

        ("deadline_month_out_of_range", "month must be 1–12.", "Tháng (month) phải từ 1 đến 12."),
        ("deadline_month_out_of_range", "month must be 1–12 (got {value})", "Tháng (month) phải từ 1 đến 12 (đã nhận {value})."),

        ("deadline_needs_extension", "The task has reports, so its deadline can no longer be edited; grant an extension instead.",
         "Nhiệm vụ đã có báo cáo nên không sửa được thời hạn; hãy gia hạn thời hạn cho nhiệm vụ."),
        ("deadline_needs_extension", "Task {id} has reports: its deadline can no longer be edited. Grant an extension with POST /api/v1/tasks/{task}/extensions (new deadline and reason).",
         "Nhiệm vụ {id} đã có báo cáo nên không sửa được thời hạn. Hãy gia hạn bằng POST /api/v1/tasks/{task}/extensions (thời hạn mới và lý do)."),

        ("deadline_not_allowed", "A deadline is given only when granting an extension request; remove it, or grant.",
         "Chỉ nhập hạn mới khi đồng ý gia hạn; hãy bỏ hạn mới, hoặc chọn đồng ý."),

        ("deadline_not_found", "No deadline was found for this task.",
         "Không tìm thấy thời hạn của nhiệm vụ này."),

        ("deadline_quarter_out_of_range", "quarter must be 1–4.", "Quý (quarter) phải từ 1 đến 4."),
        ("deadline_quarter_out_of_range", "quarter must be 1–4 (got {value})", "Quý (quarter) phải từ 1 đến 4 (đã nhận {value})."),

        ("deadline_time_invalid", "A deadline's time of day must be HH:MM, 00:00–23:59.",
         "Giờ của thời hạn phải có dạng HH:MM, từ 00:00 đến 23:59."),

        ("deadline_unparseable", "The deadline phrase is not one of the forms the service reads; rewrite it or send the structured form.",
         "Không đọc được cụm từ thời hạn; vui lòng viết theo một trong các dạng được chấp nhận hoặc gửi dạng có cấu trúc."),
        ("deadline_unparseable", "Cannot read deadline \"{phrase}\": it is not one of the accepted forms. Accepted forms: {forms}. Or send the structured form {\"kind\":…}.",
         "Không đọc được thời hạn \"{phrase}\": không thuộc dạng nào được chấp nhận. Các dạng được chấp nhận: {forms}. Hoặc gửi dạng có cấu trúc {\"kind\":…}."),
        ("deadline_unparseable", "Cannot read deadline \"{phrase}\": it names more than one date. Accepted forms: {forms}. Or send the structured form {\"kind\":…}.",
         "Không đọc được thời hạn \"{phrase}\": cụm từ có nhiều hơn một ngày. Các dạng được chấp nhận: {forms}. Hoặc gửi dạng có cấu trúc {\"kind\":…}."),
        ("deadline_unparseable", "Cannot read deadline \"\": the phrase is empty. Accepted forms: {forms}. Or send the structured form {\"kind\":…}.",
         "Không đọc được thời hạn: cụm từ thời hạn để trống. Các dạng được chấp nhận: {forms}. Hoặc gửi dạng có cấu trúc {\"kind\":…}."),
        ("deadline_unparseable", "Cannot read deadline \"{phrase}\": {reason}. Accepted forms: {forms}. Or send the structured form {\"kind\":…}.",
         "Không đọc được thời hạn \"{phrase}\" ({reason}). Các dạng được chấp nhận: {forms}. Hoặc gửi dạng có cấu trúc {\"kind\":…}."),

        ("deadline_year_out_of_range", "The deadline's year is outside the years the service accepts.",
         "Năm của thời hạn nằm ngoài khoảng năm hệ thống chấp nhận."),
        ("deadline_year_out_of_range", "year must be {min}–{max} (got {value})",
         "Năm (year) phải từ {min} đến {max} (đã nhận {value})."),

        ("decision_comment_required", "Declining an extension request needs a comment saying why.",
         "Không đồng ý gia hạn thì phải ghi rõ lý do."),

        ("duplicate_assignee", "An assignee is listed twice; list each unit once.",
         "Một đơn vị được liệt kê hai lần; mỗi đơn vị chỉ ghi một lần."),

        ("empty", "The field must not be empty.", "Trường này không được để trống."),
        ("empty", "{field} must not be empty.", "{field} không được để trống."),

        ("empty_body", "The request needs a JSON body.", "Yêu cầu cần có nội dung JSON."),

        ("expectation_failed", "Only 'Expect: 100-continue' is understood.", "Máy chủ chỉ hỗ trợ 'Expect: 100-continue'."),

        ("expires_at_not_in_future", "expires_at must be later than now.",
         "expires_at phải sau thời điểm hiện tại."),

        ("expires_at_too_far", "expires_at must be within 10 years from now.",
         "expires_at không được quá 10 năm kể từ bây giờ."),

        ("export_too_large", "The table is too large for one worksheet; narrow the query.",
         "Bảng quá lớn để xuất trong một trang tính; vui lòng thu hẹp điều kiện truy vấn."),

        ("extension_not_later", "An extension must move the deadline later.",
         "Gia hạn phải dời thời hạn về sau."),
        ("extension_not_later", "The new due day {new} is before the current one ({current}); an extension must move the deadline later.",
         "Hạn mới {new} sớm hơn hạn hiện tại ({current}); gia hạn phải dời thời hạn về sau."),

        ("extension_request_decided", "The extension request has already been answered; the unit may send a new one.",
         "Đề nghị gia hạn này đã được trả lời; đơn vị có thể gửi đề nghị mới."),
        ("extension_request_decided", "Extension request {id} was already {state} at {at}; the unit may send a new one.",
         "Đề nghị gia hạn {id} đã được trả lời ({state}) lúc {at}; đơn vị có thể gửi đề nghị mới."),

        ("extension_request_pending", "The unit already has a pending extension request for this task; wait for the aggregator's answer.",
         "Đơn vị đã có một đề nghị gia hạn nhiệm vụ này đang chờ trả lời; hãy chờ ý kiến của cơ quan tổng hợp."),
        ("extension_request_pending", "Unit {unit} already has a pending extension request ({id}) for task {task}; wait for the aggregator's answer.",
         "Đơn vị {unit} đã có đề nghị gia hạn ({id}) nhiệm vụ {task} đang chờ trả lời; hãy chờ ý kiến của cơ quan tổng hợp."),

        ("field_not_revisable", "A correction keeps the report's task, unit and period; send a new report for another one.",
         "Bản sửa giữ nguyên nhiệm vụ, đơn vị và kỳ của báo cáo; hãy gửi báo cáo mới nếu khác."),
        ("field_not_revisable", "{field} names the report being corrected; send a new report to POST /reports for another task, unit or period.",
         "{field} xác định báo cáo đang được sửa; hãy gửi báo cáo mới tới POST /reports nếu là nhiệm vụ, đơn vị hoặc kỳ khác."),

        ("form_malformed", "The form could not be read; send it again from its page.",
         "Không đọc được biểu mẫu; vui lòng gửi lại từ trang của biểu mẫu."),

        ("form_too_large", "The form is larger than the server accepts.", "Biểu mẫu lớn hơn mức máy chủ chấp nhận."),

        ("form_too_many_fields", "The form has more fields than the server accepts.", "Biểu mẫu có nhiều trường hơn mức máy chủ chấp nhận."),

        ("headers_too_large", "The request's header fields are too large.", "Phần tiêu đề của yêu cầu quá lớn."),
        ("headers_too_large", "The header block is larger than {limit} bytes.", "Phần tiêu đề lớn hơn {limit} byte."),
        ("headers_too_large", "More than {limit} header fields.", "Có hơn {limit} trường tiêu đề."),

        ("holiday_duplicate_date", "A day can be listed only once in a year's calendar.",
         "Mỗi ngày chỉ được liệt kê một lần trong lịch nghỉ của năm."),
        ("holiday_duplicate_date", "{date} is listed twice.", "Ngày {date} bị liệt kê hai lần."),

        ("holiday_working_day_not_weekend", "Only a Saturday or Sunday can be a working day (a day worked in exchange for a swapped weekday).",
         "Chỉ thứ Bảy hoặc Chủ nhật mới có thể là ngày làm bù (đổi cho một ngày thường được nghỉ)."),
        ("holiday_working_day_not_weekend", "{date} is a weekday: only a Saturday or Sunday can be marked working_day (a swapped day).",
         "Ngày {date} là ngày thường: chỉ thứ Bảy hoặc Chủ nhật mới được đánh dấu working_day (ngày làm bù)."),

        ("holiday_wrong_year", "Every day of a year's calendar must be in that year.",
         "Mọi ngày trong lịch nghỉ của một năm phải thuộc năm đó."),
        ("holiday_wrong_year", "{date} is not in {year}.", "Ngày {date} không thuộc năm {year}."),

        ("http_version_not_supported", "Only HTTP/1.x is served.", "Máy chủ chỉ phục vụ HTTP/1.x."),

        ("idempotency_key_reused", "This Idempotency-Key was used with a different request; send a new key.",
         "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác; vui lòng dùng khóa mới."),
        ("idempotency_key_reused", "This Idempotency-Key was used with a different request.",
         "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác."),
        ("idempotency_key_reused", "Send a new key for a different body.", "Hãy gửi khóa mới cho một nội dung khác."),

        ("import_no_plan", "No plan in the text: no \"Kế hoạch khắc phục\" / \"Nhiệm vụ, giải pháp\" section with tasks and no \"giao … cho …\" assignment.",
         "Văn bản không có kế hoạch: không có phần \"Kế hoạch khắc phục\" / \"Nhiệm vụ, giải pháp\" kèm nhiệm vụ, cũng không có câu \"giao … cho …\"."),

        ("import_unresolved", "The draft is not complete: settle its blocking warnings (issuer_id/aggregator_id, units, deadlines) or edit it and send it to POST /api/v1/plans.",
         "Bản nháp chưa đầy đủ: hãy xử lý các cảnh báo chặn (issuer_id/aggregator_id, đơn vị, thời hạn) hoặc sửa bản nháp rồi gửi tới POST /api/v1/plans."),

        ("indicator_value_invalid", "indicator_value must be a finite number.", "Giá trị chỉ tiêu (indicator_value) phải là một số hữu hạn."),

        ("internal_error", "The server failed; the error is logged. Tell the administrator if it happens again.",
         "Máy chủ gặp lỗi và đã ghi nhật ký; vui lòng báo quản trị viên nếu lỗi lặp lại."),

        ("invalid_date", "The field must be a date YYYY-MM-DD.", "Trường này phải là ngày dạng YYYY-MM-DD."),
        ("invalid_date", "{field} must be a date YYYY-MM-DD.", "{field} phải là ngày dạng YYYY-MM-DD."),

        ("invalid_email", "email must look like name@example.gov.vn.", "Thư điện tử (email) phải có dạng ten@vidu.gov.vn."),

        ("invalid_idempotency_key", "Idempotency-Key must be 1–255 visible ASCII characters.",
         "Idempotency-Key phải gồm 1–255 ký tự ASCII hiển thị được."),

        ("invalid_json", "The body is not valid JSON.", "Nội dung gửi lên không phải JSON hợp lệ."),
        ("invalid_json", "{detail}", "Nội dung gửi lên không phải JSON hợp lệ ({detail})."),

        ("invalid_phone", "phone must be 8–15 digits, optionally with spaces, dots, dashes, parentheses and a leading + (e.g. 0237.3852.346).",
         "Số điện thoại phải có 8–15 chữ số, có thể kèm dấu cách, dấu chấm, gạch ngang, ngoặc đơn và dấu + ở đầu (ví dụ 0237.3852.346)."),

        ("invalid_query", "A query parameter has a value the service does not accept.",
         "Một tham số truy vấn có giá trị không được chấp nhận."),
        ("invalid_query", "format must be json, csv or xlsx.", "Định dạng (format) phải là json, csv hoặc xlsx."),
        ("invalid_query", "lang must be en or vi.", "lang phải là en hoặc vi."),
        ("invalid_query", "sep must be , or ;.", "sep phải là dấu phẩy (,) hoặc dấu chấm phẩy (;)."),
        ("invalid_query", "status must be active or closed.", "status phải là active (đang thực hiện) hoặc closed (đã kết thúc)."),
        ("invalid_query", "latest must be true or false.", "latest phải là true hoặc false."),
        ("invalid_query", "{name} must be a non-negative integer.", "{name} phải là số nguyên không âm."),
        ("invalid_query", "{name} must be a date YYYY-MM-DD.", "{name} phải là ngày dạng YYYY-MM-DD."),
        ("invalid_query", "{name} is too long.", "{name} quá dài."),
        ("invalid_query", "limit must be 1–{max}.", "limit phải từ 1 đến {max}."),
        ("invalid_query", "The plan has no period yet as of {date}; give period=.",
         "Tính đến ngày {date} kế hoạch chưa có kỳ báo cáo nào; vui lòng chỉ rõ period=."),
        ("invalid_query", "{name} must be one of {values}.", "{name} phải là một trong: {values}."),
        ("invalid_query", "{name} must be {values}.", "{name} phải là {values}."),

        ("invalid_timestamp", "The field must be an RFC 3339 timestamp, e.g. 2022-06-14T09:10:00+07:00.",
         "Trường này phải là thời điểm theo RFC 3339, ví dụ 2022-06-14T09:10:00+07:00."),
        ("invalid_timestamp", "received_at must be RFC 3339, e.g. 2022-06-14T09:10:00+07:00.",
         "Thời điểm nhận (received_at) phải theo RFC 3339, ví dụ 2022-06-14T09:10:00+07:00."),

        ("invalid_type", "The field has the wrong JSON type.", "Trường này sai kiểu dữ liệu JSON."),
        ("invalid_type", "Expected an object, got {type}.", "Cần một đối tượng JSON (object), nhưng nhận được {type}."),
        ("invalid_type", "Expected a non-empty string.", "Cần một chuỗi ký tự không rỗng."),
        ("invalid_type", "deadline must be a phrase (string) or a structured deadline (object).",
         "Thời hạn (deadline) phải là cụm từ (chuỗi) hoặc thời hạn có cấu trúc (object)."),
        ("invalid_type", "{field} must be an integer.", "{field} phải là số nguyên."),
        ("invalid_type", "{field} must be a string, got {type}.", "{field} phải là chuỗi ký tự, nhưng nhận được {type}."),
        ("invalid_type", "{field} must be an integer, got {type}.", "{field} phải là số nguyên, nhưng nhận được {type}."),
        ("invalid_type", "{field} must be a number, got {type}.", "{field} phải là số, nhưng nhận được {type}."),
        ("invalid_type", "{field} must be true or false, got {type}.", "{field} phải là true hoặc false, nhưng nhận được {type}."),
        ("invalid_type", "{field} must be an array, got {type}.", "{field} phải là mảng, nhưng nhận được {type}."),

        ("invalid_unit_id", "A unit id is 1–64 characters of a–z, 0–9 and -, e.g. so-tai-chinh.",
         "Mã đơn vị gồm 1–64 ký tự a–z, 0–9 và dấu -, ví dụ so-tai-chinh."),
        ("invalid_unit_id", "id must match [a-z0-9-]{1,64}, e.g. so-tai-chinh.",
         "Mã đơn vị (id) phải khớp [a-z0-9-]{1,64}, ví dụ so-tai-chinh."),

        ("invalid_utf8", "The body is not valid UTF-8 text.", "Nội dung gửi lên không phải văn bản UTF-8 hợp lệ."),
        ("invalid_utf8", "{detail}", "Nội dung gửi lên không phải văn bản UTF-8 hợp lệ ({detail})."),

        ("invalid_value", "The field has a value the service does not accept.", "Trường này có giá trị không được chấp nhận."),
        ("invalid_value", "A unit cannot be its own parent.", "Một đơn vị không thể là đơn vị cấp trên của chính nó."),
        ("invalid_value", "{field} must not contain NUL characters.", "{field} không được chứa ký tự NUL."),
        ("invalid_value", "{field} must be one of: {values}.", "{field} phải là một trong: {values}."),

        ("issued_on_in_future", "A plan cannot be issued after today.", "Ngày ban hành kế hoạch không thể sau hôm nay."),
        ("issued_on_in_future", "issued_on {issued} is after today ({today}).",
         "Ngày ban hành (issued_on) {issued} sau ngày hôm nay ({today})."),

        ("issued_on_not_found", "The date of issue (\"…, ngày … tháng … năm …\") was not found.",
         "Không tìm thấy ngày ban hành (\"…, ngày … tháng … năm …\")."),

        ("issuer_not_found", "The issuing body could not be matched to a unit; pass issuer_id.",
         "Không xác định được cơ quan ban hành trong danh mục; hãy truyền issuer_id."),

        ("last_admin_token", "This is the last live admin token; create another admin token before revoking it.",
         "Đây là mã quản trị cuối cùng còn hiệu lực; hãy tạo mã quản trị khác trước khi thu hồi mã này."),

        ("lead_from_issuer", "The document names no unit for this task; the issuer is taken as its lead.",
         "Văn bản không nêu đơn vị thực hiện nhiệm vụ này; lấy cơ quan ban hành làm đơn vị chủ trì."),

        ("lead_not_found", "The task names no lead unit of the directory.",
         "Nhiệm vụ chưa có đơn vị chủ trì thuộc danh mục."),

        ("method_not_allowed", "This resource does not take that method; use one of those in Allow.",
         "Tài nguyên này không hỗ trợ phương thức đó; hãy dùng một phương thức trong tiêu đề Allow."),
        ("method_not_allowed", "Allowed: {methods}", "Các phương thức được phép: {methods}."),

        ("metrics_loopback_only", "Metrics are served only to the server's own machine (127.0.0.0/8); set TIENDO_METRICS to change that.",
         "Số liệu giám sát chỉ phục vụ truy cập từ chính máy chủ (127.0.0.0/8); đặt TIENDO_METRICS để thay đổi."),

        ("not_found", "There is nothing at this address, or it was given a wrong id.",
         "Không có dữ liệu tại địa chỉ này, hoặc mã (id) không đúng."),
        ("not_found", "No resource at {path}.", "Không có tài nguyên tại {path}."),
        ("not_found", "No unit {id}.", "Không có đơn vị {id}."),
        ("not_found", "No plan {id}.", "Không có kế hoạch {id}."),
        ("not_found", "No task {id}.", "Không có nhiệm vụ {id}."),
        ("not_found", "No report {id}.", "Không có báo cáo {id}."),
        ("not_found", "No problem code {code}.", "Không có mã lỗi {code}."),
        ("not_found", "No {what} {id}.", "Không có {what} {id}."),

        ("not_plan_aggregator", "Only the plan's aggregating office or an admin may review its reports.",
         "Chỉ cơ quan tổng hợp của kế hoạch hoặc quản trị viên mới được xem xét báo cáo."),
        ("not_plan_aggregator", "Only the plan's aggregator ({aggregator}) or an admin may review its reports; your token is {unit}'s.",
         "Chỉ cơ quan tổng hợp của kế hoạch ({aggregator}) hoặc quản trị viên mới được xem xét báo cáo; token của bạn thuộc {unit}."),

        ("number_not_found", "The plan's number (\"Số: …\") was not found.",
         "Không tìm thấy số kế hoạch (\"Số: …\")."),

        ("out_of_range", "The number is outside the range the field accepts.", "Giá trị số nằm ngoài khoảng cho phép."),
        ("out_of_range", "indicator_value must be a finite number within ±1e15.",
         "Giá trị chỉ tiêu (indicator_value) phải là số hữu hạn trong khoảng ±1e15."),
        ("out_of_range", "{field} must be between {min} and {max}.", "{field} phải nằm trong khoảng từ {min} đến {max}."),

        ("parent_cycle", "A unit cannot be placed under itself or one of its own subunits.",
         "Không thể đặt một đơn vị trực thuộc chính nó hoặc một đơn vị cấp dưới của nó."),
        ("parent_cycle", "{parent} is {id} itself or one of its subunits; a unit cannot be its own ancestor.",
         "{parent} là chính đơn vị {id} hoặc một đơn vị cấp dưới của nó; một đơn vị không thể là cấp trên của chính mình."),

        ("parent_not_found", "The parent unit does not exist; create it first.",
         "Đơn vị cấp trên không tồn tại; vui lòng tạo đơn vị đó trước."),
        ("parent_not_found", "No unit {id}.", "Không có đơn vị {id}."),

        ("payload_too_large", "The request body is larger than the server accepts.", "Nội dung yêu cầu lớn hơn mức máy chủ chấp nhận."),
        ("payload_too_large", "The body is {size} bytes; the limit is {limit}.", "Nội dung dài {size} byte; giới hạn là {limit} byte."),

        ("period_after_plan_closed", "The period starts after the plan was closed; no report is taken for it.",
         "Kỳ báo cáo bắt đầu sau khi kế hoạch đã kết thúc; không nhận báo cáo cho kỳ này."),
        ("period_after_plan_closed", "period {period} starts {start}, after the plan was closed on {closed}",
         "Kỳ {period} bắt đầu ngày {start}, sau ngày kết thúc kế hoạch ({closed})."),

        ("period_before_plan", "The period ends before the plan was issued; report for a later period.",
         "Kỳ báo cáo kết thúc trước ngày ban hành kế hoạch; vui lòng báo cáo cho kỳ sau."),
        ("period_before_plan", "period {period} ends {end}, before the plan was issued on {issued}",
         "Kỳ {period} kết thúc ngày {end}, trước ngày ban hành kế hoạch ({issued})."),

        ("period_locked", "The aggregating office has locked this period; ask it to unlock the period to change reports.",
         "Cơ quan tổng hợp đã khóa kỳ báo cáo này; đề nghị cơ quan tổng hợp mở khóa nếu cần sửa báo cáo."),
        ("period_locked", "the aggregator has locked period {period}",
         "Cơ quan tổng hợp đã khóa kỳ báo cáo {period}."),

        ("period_malformed", "A period is written 2022-M06, 2022-Q2, 2022-H1 or 2022.",
         "Kỳ báo cáo được viết dạng 2022-M06, 2022-Q2, 2022-H1 hoặc 2022."),
        ("period_malformed", "period \"{period}\" is not one of YYYY-Mmm, YYYY-Qn, YYYY-Hn, YYYY, once (e.g. 2022-M06, 2022-Q2, 2022-H1, 2022)",
         "Kỳ báo cáo \"{period}\" không thuộc dạng YYYY-Mmm, YYYY-Qn, YYYY-Hn, YYYY, once (ví dụ 2022-M06, 2022-Q2, 2022-H1, 2022)."),
        ("period_malformed", "Period {period} has no dates under this schedule.",
         "Kỳ {period} không có ngày nào theo lịch báo cáo này."),

        ("period_missing", "period is required.", "Phải ghi kỳ báo cáo (period)."),
        ("period_missing", "period is required (e.g. {example})", "Phải ghi kỳ báo cáo (period), ví dụ {example}."),

        ("period_not_open", "The period has not opened for reports yet.", "Kỳ báo cáo chưa mở để nhận báo cáo."),
        ("period_not_open", "period {period} opens for reports on {opens}; today is {today}",
         "Kỳ {period} mở nhận báo cáo từ ngày {opens}; hôm nay là {today}."),

        ("period_wrong_frequency", "The period is not of the plan's reporting frequency.",
         "Kỳ báo cáo không đúng tần suất báo cáo của kế hoạch."),
        ("period_wrong_frequency", "period {period} is {frequency} but the plan reports {planFrequency} (e.g. {example})",
         "Kỳ {period} thuộc loại {frequency} nhưng kế hoạch báo cáo theo {planFrequency} (ví dụ {example})."),

        ("plan_closed", "The plan is closed.", "Kế hoạch đã kết thúc."),
        ("plan_closed", "Plan {id} is closed.", "Kế hoạch {id} đã kết thúc."),

        ("plan_forbidden", "Your unit takes no part in this plan.", "Đơn vị của bạn không tham gia kế hoạch này."),
        ("plan_forbidden", "Your unit {unit} takes no part in plan {plan}.", "Đơn vị {unit} không tham gia kế hoạch {plan}."),

        ("plan_has_reports", "The schedule cannot change once reports have been received.",
         "Không thể thay đổi lịch báo cáo khi đã nhận báo cáo."),

        ("plan_not_closed", "closed_on is only for a closed plan; send \"status\": \"closed\".",
         "Chỉ kế hoạch đã kết thúc mới có ngày kết thúc (closed_on); hãy gửi \"status\": \"closed\"."),

        ("precondition_failed", "The plan changed since you read it; read it again and re-apply your change.",
         "Kế hoạch đã thay đổi kể từ khi bạn đọc; vui lòng tải lại và thực hiện lại thay đổi."),
        ("precondition_failed", "Plan {id} has changed since that ETag was read; GET it again and re-apply your change.",
         "Kế hoạch {id} đã thay đổi kể từ khi đọc ETag đó; vui lòng GET lại rồi thực hiện lại thay đổi."),

        ("progress_decreased_without_obstacles", "Progress lower than last period's needs an explanation in obstacles.",
         "Tiến độ thấp hơn kỳ trước cần được giải trình trong mục khó khăn, vướng mắc (obstacles)."),
        ("progress_decreased_without_obstacles", "progress {progress} is lower than {previous} reported for {period}; explain it in obstacles (khó khăn, vướng mắc)",
         "Tiến độ {progress} thấp hơn mức {previous} đã báo cáo kỳ {period}; vui lòng giải trình trong mục khó khăn, vướng mắc (obstacles)."),

        ("progress_out_of_range", "progress must be 0–100.", "Tiến độ (progress) phải từ 0 đến 100."),
        ("progress_out_of_range", "progress must be 0–100 (got {value})", "Tiến độ (progress) phải từ 0 đến 100 (đã nhận {value})."),

        ("progress_required", "An in_progress report needs progress (0–100).",
         "Báo cáo đang thực hiện (in_progress) phải ghi tiến độ (progress, 0–100)."),
        ("progress_required", "an in_progress report needs progress (0–100)",
         "Báo cáo đang thực hiện (in_progress) phải ghi tiến độ (progress, từ 0 đến 100)."),

        ("read_only", "This field cannot be changed.", "Trường này không được phép thay đổi."),
        ("read_only", "{field} cannot be changed.", "Không được phép thay đổi {field}."),

        ("received_at_before_report_date", "A report cannot be received before the date printed on it.",
         "Thời điểm nhận báo cáo không thể trước ngày ghi trên báo cáo."),
        ("received_at_before_report_date", "received_at {at} (local day {day}) is before report_date {report}",
         "Thời điểm nhận (received_at) {at} (ngày {day} giờ Việt Nam) trước ngày báo cáo (report_date) {report}."),

        ("received_at_in_future", "received_at cannot be after the server's clock.",
         "Thời điểm nhận (received_at) không thể sau đồng hồ của máy chủ."),
        ("received_at_in_future", "received_at {at} is after the server's clock.",
         "Thời điểm nhận (received_at) {at} sau đồng hồ của máy chủ."),

        ("received_at_not_allowed", "Only the aggregating office or an admin may set received_at.",
         "Chỉ cơ quan tổng hợp hoặc quản trị viên mới được ghi thời điểm nhận (received_at)."),
        ("received_at_not_allowed", "only the aggregator or an admin may set received_at",
         "Chỉ cơ quan tổng hợp hoặc quản trị viên mới được ghi thời điểm nhận (received_at)."),

        ("report_date_before_period", "The report date is before the period opened.",
         "Ngày báo cáo trước ngày mở kỳ báo cáo."),
        ("report_date_before_period", "report_date {date} is before period {period} starts ({opens})",
         "Ngày báo cáo (report_date) {date} trước ngày bắt đầu kỳ {period} ({opens})."),

        ("report_date_before_plan", "The report date is before the plan was issued.",
         "Ngày báo cáo trước ngày ban hành kế hoạch."),
        ("report_date_before_plan", "report_date {date} is before the plan was issued on {issued}",
         "Ngày báo cáo (report_date) {date} trước ngày ban hành kế hoạch ({issued})."),

        ("report_date_in_future", "The report date cannot be after today.", "Ngày báo cáo không thể sau ngày hôm nay."),
        ("report_date_in_future", "report_date {date} is after today ({today})",
         "Ngày báo cáo (report_date) {date} sau ngày hôm nay ({today})."),

        ("report_date_malformed", "report_date must be a date YYYY-MM-DD.", "Ngày báo cáo (report_date) phải có dạng YYYY-MM-DD."),
        ("report_date_malformed", "report_date must be YYYY-MM-DD (got \"{value}\")",
         "Ngày báo cáo (report_date) phải có dạng YYYY-MM-DD (đã nhận \"{value}\")."),

        ("report_date_missing", "report_date (the date printed on the report) is required.",
         "Phải ghi ngày báo cáo (report_date), là ngày ghi trên văn bản báo cáo."),
        ("report_date_missing", "report_date (the date printed on the report) is required",
         "Phải ghi ngày báo cáo (report_date), là ngày ghi trên văn bản báo cáo."),

        ("report_not_latest", "Only the latest revision of a report can be reviewed; review the latest one.",
         "Chỉ xem xét được lần gửi mới nhất của báo cáo; hãy xem xét lần gửi mới nhất."),
        ("report_not_latest", "Report {id} is revision {revision}, not the latest of its task, unit and period: review the latest one.",
         "Báo cáo {id} là lần gửi thứ {revision}, không phải lần mới nhất của nhiệm vụ, đơn vị và kỳ này; hãy xem xét lần mới nhất."),

        ("request_line_too_long", "The request line is too long.", "Dòng yêu cầu quá dài."),
        ("request_line_too_long", "The request line is longer than {limit} bytes.", "Dòng yêu cầu dài hơn {limit} byte."),

        ("request_timeout", "The request did not arrive in time.", "Yêu cầu không đến kịp thời hạn chờ."),

        ("required", "The field is required.", "Trường này là bắt buộc."),
        ("required", "A task needs at least one lead unit.", "Mỗi nhiệm vụ cần ít nhất một đơn vị chủ trì."),
        ("required", "reports must hold at least one report.", "Danh sách reports phải có ít nhất một báo cáo."),
        ("required", "{field} is required.", "{field} là bắt buộc."),
        ("required", "{field} must not be empty.", "{field} không được để trống."),

        ("review_comment_required", "A returned report needs a comment saying what to correct.",
         "Khi trả lại báo cáo phải ghi ý kiến nêu rõ nội dung cần sửa."),

        ("revision_empty", "A correction must change at least one field.", "Bản sửa phải thay đổi ít nhất một trường."),
        ("revision_empty", "Send at least one field that changes ({fields}).",
         "Hãy gửi ít nhất một trường có thay đổi ({fields})."),

        ("role_forbidden", "Your token's role may not do this.", "Vai trò của mã truy cập (token) không được phép thực hiện thao tác này."),
        ("role_forbidden", "This needs an aggregator or admin token; yours is a {role} token.",
         "Thao tác này cần token của cơ quan tổng hợp (aggregator) hoặc quản trị viên (admin); token của bạn có vai trò {role}."),
        ("role_forbidden", "This needs an admin token; yours is a {role} token.",
         "Thao tác này cần token quản trị viên (admin); token của bạn có vai trò {role}."),

        ("schedule_days_differ", "The two half-year report days differ; the schedule keeps the earlier one.",
         "Hai ngày báo cáo 6 tháng khác nhau; lịch báo cáo lấy ngày sớm hơn."),

        ("schedule_due_day_out_of_range", "due_day must be 1–31.", "Ngày hạn báo cáo (due_day) phải từ 1 đến 31."),
        ("schedule_due_day_out_of_range", "due_day must be 1–31 (got {value})", "Ngày hạn báo cáo (due_day) phải từ 1 đến 31 (đã nhận {value})."),

        ("schedule_due_on_before_plan", "A one-off report cannot be due before the plan was issued.",
         "Hạn báo cáo một lần không thể trước ngày ban hành kế hoạch."),
        ("schedule_due_on_before_plan", "due_on {due} is before the plan's issued_on {issued}",
         "Hạn báo cáo (due_on) {due} trước ngày ban hành kế hoạch ({issued})."),

        ("schedule_due_on_not_allowed", "due_on is only for frequency 'once'; periodic schedules use due_day.",
         "Chỉ lịch báo cáo một lần ('once') mới ghi due_on; lịch định kỳ dùng due_day."),

        ("schedule_due_on_required", "A 'once' schedule needs due_on, the day the report is due.",
         "Lịch báo cáo một lần ('once') phải ghi hạn báo cáo (due_on)."),

        ("schedule_due_time_malformed", "due_time must be HH:MM, 00:00–23:59.", "Giờ hạn báo cáo (due_time) phải có dạng HH:MM, từ 00:00 đến 23:59."),

        ("schedule_due_time_not_allowed", "due_time is only for frequency 'once' (\"trước 14 giờ, ngày 05/12/2017\").",
         "Giờ hạn (due_time) chỉ dùng cho báo cáo một lần (frequency 'once'), ví dụ \"trước 14 giờ, ngày 05/12/2017\"."),
        ("schedule_due_time_not_allowed", "due_time is only for frequency 'once' (\"trước 14 giờ, ngày 05/12/2017\")",
         "Giờ hạn (due_time) chỉ dùng cho báo cáo một lần (frequency 'once'), ví dụ \"trước 14 giờ, ngày 05/12/2017\"."),

        ("schedule_not_found", "No reporting rule was found; the default (quarterly, day 15) applies.",
         "Không tìm thấy quy định báo cáo định kỳ; áp dụng mặc định (hằng quý, ngày 15)."),

        ("schedule_unparseable", "The schedule phrase could not be read; write e.g. \"định kỳ ngày 15 của tháng cuối quý\" or send the structured schedule.",
         "Không đọc được quy định báo cáo; hãy viết ví dụ \"định kỳ ngày 15 của tháng cuối quý\" hoặc gửi lịch báo cáo dạng cấu trúc."),

        ("server_busy", "Too many answers are being computed; send the request again after the seconds in Retry-After.",
         "Máy chủ đang bận tính toán nhiều yêu cầu; vui lòng gửi lại sau số giây ghi trong Retry-After."),

        ("service_unavailable", "The server is busy; retry shortly.", "Máy chủ đang quá tải; vui lòng thử lại sau ít phút."),
        ("service_unavailable", "Too many connections; retry shortly.", "Quá nhiều kết nối; vui lòng thử lại sau ít phút."),

        ("shortcoming_has_reports", "A task of this shortcoming has reports, so it cannot be deleted; cancel those tasks instead.",
         "Hạn chế này có nhiệm vụ đã được báo cáo nên không xóa được; hãy hủy các nhiệm vụ đó."),
        ("shortcoming_has_reports", "A task of shortcoming {id} has reports, so it cannot be deleted; cancel those tasks instead.",
         "Hạn chế {id} có nhiệm vụ đã được báo cáo nên không xóa được; hãy hủy các nhiệm vụ đó."),

        ("shortcoming_without_tasks", "A shortcoming was found with no task under it; it is left out of the draft.",
         "Có hạn chế không kèm nhiệm vụ khắc phục; không đưa vào bản nháp."),

        ("signer_not_found", "The signer's name was not found.",
         "Không tìm thấy người ký."),

        ("status_invalid", "status must be not_started, in_progress or completed.",
         "Trạng thái (status) phải là not_started (chưa thực hiện), in_progress (đang thực hiện) hoặc completed (hoàn thành)."),
        ("status_invalid", "status must be not_started, in_progress, completed or unchanged (got \"{value}\")",
         "Trạng thái (status) phải là not_started (chưa thực hiện), in_progress (đang thực hiện), completed (hoàn thành) hoặc unchanged (không có gì mới) (đã nhận \"{value}\")."),

        ("status_missing", "status is required (not_started, in_progress, completed).",
         "Phải ghi trạng thái (status): not_started, in_progress hoặc completed."),
        ("status_missing", "status is required (not_started, in_progress, completed, unchanged)",
         "Phải ghi trạng thái (status): not_started (chưa thực hiện), in_progress (đang thực hiện), completed (hoàn thành) hoặc unchanged (không có gì mới)."),

        ("task_has_reports", "The task has reports and cannot be deleted; cancel it instead.",
         "Nhiệm vụ đã có báo cáo nên không xóa được; hãy hủy nhiệm vụ."),
        ("task_has_reports", "Task {id} has reports and cannot be deleted; cancel it instead (PATCH with \"status\": \"cancelled\" and a cancel_reason).",
         "Nhiệm vụ {id} đã có báo cáo nên không xóa được; hãy hủy nhiệm vụ (PATCH với \"status\": \"cancelled\" và cancel_reason)."),

        ("task_not_found", "There is no such task.", "Không có nhiệm vụ này."),
        ("task_not_found", "No task {id}.", "Không có nhiệm vụ {id}."),

        ("title_not_found", "The plan's title was not found.",
         "Không tìm thấy tên kế hoạch."),

        ("token_unit_mismatch", "Your token belongs to another unit; report only for your own unit.",
         "Token của bạn thuộc đơn vị khác; chỉ được báo cáo cho đơn vị của mình."),
        ("token_unit_mismatch", "Your token is for unit {mine}, not {unit}.", "Mã truy cập của bạn thuộc đơn vị {mine}, không phải {unit}."),
        ("token_unit_mismatch", "your token belongs to unit {mine}, not {unit}",
         "Token của bạn thuộc đơn vị {mine}, không phải {unit}."),

        ("too_long", "The text is too long.", "Nội dung quá dài."),
        ("too_long", "The deadline phrase is longer than 500 characters.", "Cụm từ thời hạn dài hơn 500 ký tự."),
        ("too_long", "{field} is longer than {max} characters.", "{field} dài hơn {max} ký tự."),

        ("too_many", "The list is too long.", "Danh sách quá dài."),
        ("too_many", "A plan may have at most {max} tasks.", "Một kế hoạch có tối đa {max} nhiệm vụ."),
        ("too_many", "{field} has more than {max} items.", "{field} có hơn {max} phần tử."),

        ("too_many_connections_from_client", "This address has too many open connections; close some and retry shortly.",
         "Địa chỉ này đang mở quá nhiều kết nối; hãy đóng bớt và thử lại sau giây lát."),

        ("too_many_failed_authentications", "Too many wrong tokens from this address; retry after the seconds in Retry-After.",
         "Quá nhiều lần gửi mã truy cập sai từ địa chỉ này; hãy thử lại sau số giây ghi trong Retry-After."),

        ("unauthorized", "Sign in: send Authorization: Bearer <token> with a valid token.",
         "Cần xác thực: gửi tiêu đề Authorization: Bearer <token> với token hợp lệ."),
        ("unauthorized", "Send Authorization: Bearer <token>.", "Vui lòng gửi tiêu đề Authorization: Bearer <token>."),
        ("unauthorized", "The Authorization header must be: Bearer <token>.", "Tiêu đề Authorization phải có dạng: Bearer <token>."),
        ("unauthorized", "The token is unknown or revoked.", "Token không tồn tại hoặc đã bị thu hồi."),

        ("unchanged_with_progress", "An unchanged report carries the last progress forward; to report a change send status in_progress or completed.",
         "Báo cáo \"không có gì mới\" giữ nguyên tiến độ kỳ trước; muốn báo cáo thay đổi hãy gửi trạng thái in_progress hoặc completed."),
        ("unchanged_with_progress", "an unchanged report carries the last progress forward; to report new progress send status in_progress or completed",
         "Báo cáo \"không có gì mới\" giữ nguyên tiến độ kỳ trước; muốn báo cáo tiến độ mới hãy gửi trạng thái in_progress hoặc completed."),
        ("unchanged_with_progress", "an unchanged report carries the last completed_on forward; send status completed to report completion",
         "Báo cáo \"không có gì mới\" giữ nguyên ngày hoàn thành kỳ trước; muốn báo cáo hoàn thành hãy gửi trạng thái completed."),

        ("unchanged_without_previous", "Nothing to carry forward: the unit has no earlier report on this task; send not_started, in_progress or completed.",
         "Không có báo cáo trước để giữ nguyên: đơn vị chưa báo cáo nhiệm vụ này; hãy gửi not_started, in_progress hoặc completed."),
        ("unchanged_without_previous", "nothing to carry forward: unit {unit} has no earlier report on this task; send not_started, in_progress or completed",
         "Không có báo cáo trước để giữ nguyên: đơn vị {unit} chưa báo cáo nhiệm vụ này; hãy gửi not_started, in_progress hoặc completed."),

        ("unit_ambiguous", "Several units match this name equally well; pick one.",
         "Nhiều đơn vị khớp với tên này; hãy chọn một đơn vị."),

        ("unit_exists", "A unit with this id already exists.", "Đã có đơn vị với mã này."),
        ("unit_exists", "A unit {id} already exists.", "Đã có đơn vị {id}."),

        ("unit_group_vague", "This group names no unit or kind of unit (e.g. \"các đơn vị liên quan\"); it is kept as text only.",
         "Cụm từ này không chỉ rõ đơn vị hay loại đơn vị (ví dụ \"các đơn vị liên quan\"); chỉ giữ lại nguyên văn."),

        ("unit_not_assignee", "The unit is neither a lead nor a coordinating unit of this task.",
         "Đơn vị không phải đơn vị chủ trì hay phối hợp của nhiệm vụ này."),
        ("unit_not_assignee", "unit {unit} is neither a lead nor a coordinating unit of this task",
         "Đơn vị {unit} không phải đơn vị chủ trì hay phối hợp của nhiệm vụ này."),

        ("unit_not_found", "There is no such unit; create it first.", "Không có đơn vị này; vui lòng tạo đơn vị trước."),
        ("unit_not_found", "No unit {id}.", "Không có đơn vị {id}."),

        ("unknown_field", "The body has a field the contract does not know; remove it.",
         "Nội dung có trường không có trong đặc tả API; vui lòng bỏ trường đó."),
        ("unknown_field", "Unknown field {field}.", "Trường không xác định: {field}."),

        ("unsupported_charset", "The document must be UTF-8.",
         "Văn bản phải được mã hóa UTF-8."),

        ("unsupported_media_type", "Send the body as application/json.", "Vui lòng gửi nội dung dạng application/json."),

        ("unsupported_transfer_coding", "Only the chunked transfer coding is supported.",
         "Máy chủ chỉ hỗ trợ mã hóa truyền tải chunked."),

        ("validation_failed", "The request has several problems; each is listed under errors.",
         "Yêu cầu có nhiều lỗi; từng lỗi được liệt kê trong mục errors."),
        ("validation_failed", "{count} problems; see errors.", "Có {count} lỗi; xem chi tiết trong mục errors."),

        ("webhook_event_unknown", "A webhook must name events the service sends.",
         "Webhook phải đăng ký các sự kiện mà hệ thống gửi."),
        ("webhook_event_unknown", "events must name at least one of: {events}.", "events phải có ít nhất một trong: {events}."),
        ("webhook_event_unknown", "Unknown event {event}; known: {events}.", "Sự kiện không xác định: {event}; các sự kiện hợp lệ: {events}."),

        ("webhook_secret_too_short", "secret must be at least 16 bytes (32 random characters are better).",
         "Khóa bí mật (secret) phải dài ít nhất 16 byte (nên dùng 32 ký tự ngẫu nhiên)."),

        ("webhook_url_https_unsupported", "Only http:// URLs can be called: the service has no TLS client. Put a TLS-terminating proxy on the receiver's side, or use http on a trusted network.",
         "Chỉ gọi được địa chỉ http://: hệ thống không có máy khách TLS. Hãy đặt proxy TLS phía bên nhận, hoặc dùng http trong mạng tin cậy."),

        ("webhook_url_invalid", "url must be an absolute http:// URL.", "url phải là địa chỉ http:// tuyệt đối."),
        ("webhook_url_invalid", "url must be an absolute http:// URL: {why}.", "url phải là địa chỉ http:// tuyệt đối ({why})."),
    ]
}
