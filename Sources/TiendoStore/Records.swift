// Plain values the repositories read and write. Dates are `CivilDate`,
// timestamps RFC 3339 UTC text (see `Timestamp`), deadlines the JSON text of
// the domain's structured `Deadline` (the store does not interpret it beyond
// its kind and due day, which have their own columns for queries).

import Foundation
import TiendoDomain
import TiendoSQLite

public struct UnitRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: UnitKind
    public var parentID: String?
    public var createdAt: String
    /// Whom to call or write to when the unit owes a report (all optional).
    public var contact: UnitContact
    public init(id: String, name: String, kind: UnitKind, parentID: String?, createdAt: String, contact: UnitContact = UnitContact()) {
        self.id = id; self.name = name; self.kind = kind; self.parentID = parentID; self.createdAt = createdAt
        self.contact = contact
    }
}

public struct UnitContact: Sendable, Equatable {
    public var name: String?
    public var phone: String?
    public var email: String?
    public init(name: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name; self.phone = phone; self.email = email
    }
}

public struct CauseRecord: Sendable, Equatable, Codable {
    public var kind: String
    public var text: String
    public init(kind: String, text: String) { self.kind = kind; self.text = text }
}

public struct IndicatorRecord: Sendable, Equatable {
    public var name: String
    public var unit: String?
    public var target: Double?
    public var aggregate: String
    public init(name: String, unit: String?, target: Double?, aggregate: String) {
        self.name = name; self.unit = unit; self.target = target; self.aggregate = aggregate
    }
}

public struct TaskRecord: Sendable, Equatable {
    public var id: Int64
    public var shortcomingID: Int64
    public var planID: Int64
    public var position: Int
    public var title: String
    /// JSON text of the structured deadline (with its original phrase).
    public var deadlineJSON: String
    public var deadlineKind: DeadlineKind
    /// The original deadline's due day (nil for from_year / continuous).
    public var dueOn: CivilDate?
    public var indicator: IndicatorRecord?
    /// Assignees in the order given: unit ids or `kind:…` selectors.
    public var lead: [String]
    public var coordinating: [String]
    /// When the task was cancelled (RFC 3339 UTC, server clock) and why; nil while it counts.
    public var cancelledAt: String?
    public var cancelReason: String?
    public init(id: Int64 = 0, shortcomingID: Int64 = 0, planID: Int64 = 0, position: Int = 0, title: String,
                deadlineJSON: String, deadlineKind: DeadlineKind, dueOn: CivilDate?, indicator: IndicatorRecord?,
                lead: [String], coordinating: [String], cancelledAt: String? = nil, cancelReason: String? = nil) {
        self.id = id; self.shortcomingID = shortcomingID; self.planID = planID; self.position = position
        self.title = title; self.deadlineJSON = deadlineJSON; self.deadlineKind = deadlineKind; self.dueOn = dueOn
        self.indicator = indicator; self.lead = lead; self.coordinating = coordinating
        self.cancelledAt = cancelledAt; self.cancelReason = cancelReason
    }
    /// The local day (Asia/Ho_Chi_Minh) of the cancellation, from which the task stops counting.
    public var cancelledOn: CivilDate? {
        cancelledAt.flatMap { Timestamp.parse($0) }.map { VietnamTime.localDate(of: $0) }
    }
}

public struct ShortcomingRecord: Sendable, Equatable {
    public var id: Int64
    public var planID: Int64
    public var position: Int
    public var code: String?
    public var title: String
    public var causes: [CauseRecord]
    public var tasks: [TaskRecord]
    public init(id: Int64 = 0, planID: Int64 = 0, position: Int = 0, code: String?, title: String,
                causes: [CauseRecord], tasks: [TaskRecord]) {
        self.id = id; self.planID = planID; self.position = position; self.code = code; self.title = title
        self.causes = causes; self.tasks = tasks
    }
}

public struct PlanRecord: Sendable, Equatable {
    public var id: Int64
    public var number: String
    public var title: String
    public var issuerID: String
    public var issuedOn: CivilDate
    public var signer: String?
    public var aggregatorID: String
    public var schedule: ReportSchedule
    public var status: PlanStatus
    public var closedOn: CivilDate?
    public var createdAt: String
    public var updatedAt: String
    public init(id: Int64 = 0, number: String, title: String, issuerID: String, issuedOn: CivilDate, signer: String?,
                aggregatorID: String, schedule: ReportSchedule, status: PlanStatus = .active, closedOn: CivilDate? = nil,
                createdAt: String, updatedAt: String) {
        self.id = id; self.number = number; self.title = title; self.issuerID = issuerID; self.issuedOn = issuedOn
        self.signer = signer; self.aggregatorID = aggregatorID; self.schedule = schedule; self.status = status
        self.closedOn = closedOn; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

public struct ExtensionRecord: Sendable, Equatable {
    public var id: Int64
    public var taskID: Int64
    public var deadlineJSON: String
    public var dueOn: CivilDate?
    public var reason: String
    public var grantedBy: Int64?
    public var createdAt: String
    public init(id: Int64 = 0, taskID: Int64, deadlineJSON: String, dueOn: CivilDate?, reason: String, grantedBy: Int64?, createdAt: String) {
        self.id = id; self.taskID = taskID; self.deadlineJSON = deadlineJSON; self.dueOn = dueOn
        self.reason = reason; self.grantedBy = grantedBy; self.createdAt = createdAt
    }
}

public struct ReportRecord: Sendable, Equatable {
    public var id: Int64
    public var taskID: Int64
    public var planID: Int64
    public var unitID: String
    public var period: ReportingPeriod
    public var revision: Int
    public var reportDate: CivilDate
    public var status: ReportStatus
    public var progress: Double
    public var completedOn: CivilDate?
    public var result: String?
    public var obstacles: String?
    public var proposals: String?
    public var indicatorValue: Double?
    public var receivedAt: String
    public var submittedBy: Int64?
    public var createdAt: String
    /// Sent as `"status": "unchanged"`: status, progress and completed_on were carried
    /// forward from the unit's previous report on the task.
    public var unchanged = false
    public init(id: Int64 = 0, taskID: Int64, planID: Int64, unitID: String, period: ReportingPeriod, revision: Int = 0,
                reportDate: CivilDate, status: ReportStatus, progress: Double, completedOn: CivilDate?, result: String?,
                obstacles: String?, proposals: String?, indicatorValue: Double?, receivedAt: String,
                submittedBy: Int64?, createdAt: String) {
        self.id = id; self.taskID = taskID; self.planID = planID; self.unitID = unitID; self.period = period
        self.revision = revision; self.reportDate = reportDate; self.status = status; self.progress = progress
        self.completedOn = completedOn; self.result = result; self.obstacles = obstacles; self.proposals = proposals
        self.indicatorValue = indicatorValue; self.receivedAt = receivedAt; self.submittedBy = submittedBy
        self.createdAt = createdAt
    }
}

extension ReportRecord {
    /// Brings the free-text fields to NFC, the form they are stored (and answered) in.
    public mutating func normalizeText() {
        result = result.map(nfc)
        obstacles = obstacles.map(nfc)
        proposals = proposals.map(nfc)
    }
}

public struct PeriodLockRecord: Sendable, Equatable {
    public var planID: Int64
    public var period: ReportingPeriod
    public var lockedAt: String
    public var lockedBy: Int64?
    public init(planID: Int64, period: ReportingPeriod, lockedAt: String, lockedBy: Int64?) {
        self.planID = planID; self.period = period; self.lockedAt = lockedAt; self.lockedBy = lockedBy
    }
}

public struct TokenRecord: Sendable, Equatable {
    public var id: Int64
    public var hash: String
    public var role: CallerRole
    public var unitID: String?
    public var label: String?
    public var createdAt: String
    public var revokedAt: String?
    /// RFC 3339 UTC; nil: never expires (migration 0005).
    public var expiresAt: String?
    public init(id: Int64 = 0, hash: String, role: CallerRole, unitID: String?, label: String?, createdAt: String, revokedAt: String? = nil,
                expiresAt: String? = nil) {
        self.id = id; self.hash = hash; self.role = role; self.unitID = unitID; self.label = label
        self.createdAt = createdAt; self.revokedAt = revokedAt; self.expiresAt = expiresAt
    }
}

public struct IdempotencyRecord: Sendable, Equatable {
    public var tokenID: Int64
    public var key: String
    public var method: String
    public var path: String
    public var requestHash: String
    public var responseStatus: Int
    public var responseBody: [UInt8]
    public var responseType: String
    public var createdAt: String
    public init(tokenID: Int64, key: String, method: String, path: String, requestHash: String, responseStatus: Int,
                responseBody: [UInt8], responseType: String, createdAt: String) {
        self.tokenID = tokenID; self.key = key; self.method = method; self.path = path; self.requestHash = requestHash
        self.responseStatus = responseStatus; self.responseBody = responseBody; self.responseType = responseType
        self.createdAt = createdAt
    }
}

/// A page of a list plus the total number of matches.
public struct Page<T: Sendable>: Sendable {
    public var items: [T]
    public var total: Int
    public init(items: [T], total: Int) { self.items = items; self.total = total }
}

// MARK: row helpers

extension Row {
    func req(_ c: String) -> String { string(c) ?? "" }
    func reqInt(_ c: String) -> Int64 { int(c) ?? 0 }
    func date(_ c: String) -> CivilDate? { string(c).flatMap { CivilDate($0) } }
}

extension CivilDate: SQLValueConvertible {
    public var sqlValue: SQLValue { .text(description) }
}

/// Every text the store writes is NFC (SPEC §4): the API normalises on input,
/// and the store makes sure again for callers that bypass it (demo, CLI).
@inline(__always) func nfc(_ s: String) -> String { VietnameseText.nfc(s) }
