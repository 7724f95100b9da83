/// The report rules that need no plan, task or unit: what is missing or malformed in the body
/// itself. Used when `task_id` or `unit_id` is missing or invalid, so the caller still learns
/// every other problem at once instead of in rounds; the same codes as `ReportValidator`.
public enum ReportFieldChecks {
    public static func violations(period: String?, reportDate: String?, status: String?, progress: Double?,
                                  completedOn: String?, indicatorValue: Double?) -> [RuleViolation] {
        var v: [RuleViolation] = []
        func add(_ code: String, _ field: String, _ message: String) {
            v.append(RuleViolation(code: code, field: field, message: message))
        }
        if period == nil { add("period_missing", "period", "period is required (e.g. 2022-Q2)") }
        var reportDay: CivilDate? = nil
        if let t = reportDate {
            reportDay = CivilDate(t)
            if reportDay == nil { add("report_date_malformed", "report_date", "report_date must be YYYY-MM-DD (got \"\(t)\")") }
        } else {
            add("report_date_missing", "report_date", "report_date (the date printed on the report) is required")
        }
        var st: ReportStatus? = nil
        if let t = status {
            st = ReportStatus(rawValue: t)
            if st == nil { add("status_invalid", "status", "status must be not_started, in_progress or completed (got \"\(t)\")") }
        } else {
            add("status_missing", "status", "status is required (not_started, in_progress, completed)")
        }
        var completedDay: CivilDate? = nil
        if let t = completedOn {
            completedDay = CivilDate(t)
            if completedDay == nil { add("completed_on_malformed", "completed_on", "completed_on must be YYYY-MM-DD (got \"\(t)\")") }
        }
        if st == .completed {
            if completedOn == nil { add("completed_without_date", "completed_on", "a completed report needs completed_on") }
            if let p = progress, p != 100 { add("completed_progress_not_100", "progress", "a completed report must have progress 100") }
        } else if st != nil, completedOn != nil {
            add("completed_on_not_allowed", "completed_on", "completed_on is only for status completed")
        }
        if let c = completedDay, let r = reportDay, c > r {
            add("completed_on_after_report_date", "completed_on", "completed_on \(c) is after report_date \(r)")
        }
        if let p = progress {
            if !p.isFinite || p < 0 || p > 100 { add("progress_out_of_range", "progress", "progress must be 0–100") }
        } else if st == .inProgress {
            add("progress_required", "progress", "an in_progress report needs progress (0–100)")
        }
        if let x = indicatorValue, !x.isFinite {
            add("indicator_value_invalid", "indicator_value", "indicator_value must be a finite number")
        }
        return v
    }
}
