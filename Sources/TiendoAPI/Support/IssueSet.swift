// Collects every issue of a request before answering, so a client sees them all at once.

import TiendoDomain
import TiendoHTTP

/// Issues plus the HTTP status each one asks for (rule violations carry 403/409).
struct IssueSet {
    var issues: [Issue] = []
    var statuses: [Int] = []
    mutating func add(_ i: Issue, status: Int = 422) { issues.append(i); statuses.append(status) }
    mutating func add(_ v: RuleViolation, prefix: String = "") {
        let f = prefix.isEmpty ? v.field : (v.field.isEmpty ? prefix : "\(prefix).\(v.field)")
        add(Issue(f, v.code, v.message), status: v.httpStatus)
    }
    mutating func add(contentsOf list: IssueList) { for i in list.items { add(i) } }
    var isEmpty: Bool { issues.isEmpty }
    var problem: Problem { Problem.validation(issues, statuses: statuses) }
}
