// Columns of the aggregate exports (lists keep theirs beside their handlers:
// taskCSVColumns, reportCSVColumns…). Every path needs a ColumnHeadings line.

enum ExportColumns {
    static let summary = ["unit_id", "name", "tasks_total", "by_status.completed", "by_status.overdue",
                          "by_status.due_soon", "by_status.ongoing", "by_status.in_progress",
                          "by_status.not_started", "buckets.completed_on_time", "buckets.completed_late",
                          "buckets.open_within_deadline", "buckets.open_overdue", "completion_rate",
                          "average_progress"]
    static let scorecard = ["plan_id", "number", "tasks_total", "by_status.completed", "by_status.overdue",
                            "buckets.completed_on_time", "buckets.completed_late",
                            "buckets.open_within_deadline", "buckets.open_overdue", "completion_rate",
                            "average_progress", "reports.expected", "reports.on_time", "reports.late",
                            "reports.missing"]
    static let complianceUnits = ["unit_id", "name", "expected", "on_time", "late", "missing", "pending",
                                  "coordinating.reported", "coordinating.on_time", "coordinating.late"]
    static let complianceMissing = ["period", "task_id", "shortcoming_code", "task_title", "unit_id", "unit_name", "due_on"]
    static let complianceLate = ["period", "task_id", "shortcoming_code", "task_title", "unit_id", "unit_name", "due_on",
                                 "first_received_at", "days_late"]
    static let complianceAll = ["period", "task_id", "shortcoming_code", "task_title", "unit_id", "unit_name", "outcome",
                                "due_on", "first_received_at", "days_late"]
    static let periods = ["period", "first_day", "last_day", "window_opens", "window_closes", "due_on",
                          "nominal_due_on", "expects_reports", "locked", "locked_at"]
    static let units = ["id", "name", "kind", "parent_id", "created_at", "contact_name", "phone", "email"]
    static let plans = ["id", "number", "title", "issuer_id", "issued_on", "signer", "aggregator_id",
                        "schedule.frequency", "schedule.due_day", "schedule.strict", "schedule.window",
                        "status", "closed_on"]

    /// Every column list an export writes (for the headings test).
    static var all: [[String]] {
        [summary, scorecard, complianceUnits, complianceMissing, complianceLate, complianceAll, periods, units, plans,
         taskCSVColumns, reportCSVColumns]
    }
}
