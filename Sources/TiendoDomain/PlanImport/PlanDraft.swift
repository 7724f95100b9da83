import Foundation

/// Something the reader could not settle; the user reviews it in the draft.
public struct ImportWarning: Sendable, Hashable {
    /// 1-based line of the document.
    public var line: Int
    /// Stable snake_case code (see docs/import.md).
    public var code: String
    /// The document's words the warning is about.
    public var text: String
    /// Unit ids that might be meant.
    public var candidates: [String]
    public var message: String
    /// True when the plan cannot be stored until it is settled (an unresolved unit or deadline).
    public var blocking: Bool

    public init(line: Int, code: String, text: String, candidates: [String] = [], message: String, blocking: Bool) {
        self.line = line; self.code = code; self.text = text; self.candidates = candidates
        self.message = message; self.blocking = blocking
    }
}

/// A remediation task as read: resolved assignees beside the document's words.
public struct TaskDraft: Sendable, Hashable {
    public var title: String
    /// Resolved unit ids / `kind:` selectors; `nil` entries stand for phrases that did not resolve.
    public var lead: [String?]
    public var coordinating: [String?]
    public var leadText: [String]
    public var coordinatingText: [String]
    public var deadline: Deadline?
    public var deadlineText: String?
    /// First and last line of the task in the document.
    public var lines: [Int]
}

public struct CauseDraft: Sendable, Hashable {
    /// "objective", "subjective" or "unspecified".
    public var kind: String
    public var text: String
}

public struct ShortcomingDraft: Sendable, Hashable {
    public var code: String
    public var title: String
    public var causes: [CauseDraft]
    public var tasks: [TaskDraft]
    public var line: Int
}

/// The whole plan as read from its text: what POST /plans takes, plus the document's words.
public struct PlanDraft: Sendable, Hashable {
    public var number: String?
    public var title: String?
    public var issuedOn: CivilDate?
    public var signer: String?
    public var issuerText: String?
    public var issuerId: String?
    public var aggregatorId: String?
    public var schedule: ReportSchedule?
    public var scheduleText: String?
    public var shortcomings: [ShortcomingDraft]
}

/// Counts for the draft's `stats`.
public struct ImportStats: Sendable, Hashable {
    public var shortcomings: Int
    public var tasks: Int
    public var unitsResolved: Int
    public var unitsUnresolved: Int
    public var deadlinesUnresolved: Int
}

/// What the importer returns for a text that holds a plan.
public struct PlanImportResult: Sendable {
    public var draft: PlanDraft
    public var warnings: [ImportWarning]
    public var stats: ImportStats
    /// True when nothing blocks storing the plan.
    public var isComplete: Bool { !warnings.contains { $0.blocking } }
}

/// Why a text could not be read as a plan.
public struct PlanImportError: Error, Sendable, Hashable {
    /// `import_no_plan` or `import_too_large`.
    public var code: String
    public var message: String
}
