// The one place the reporting-cycle routes ask about review (accept / return),
// which the events branch builds. Until it is merged nothing can be returned.

import TiendoDomain

extension APIContext {
    /// Whether the latest revision of (task, unit, period) has been returned by the
    /// aggregator and not yet revised. WIRING: once review exists, answer from its table
    /// (read in the caller's snapshot); the agenda and the chase list already show it.
    func isAwaitingRevisionAfterReturn(taskID: Int, unitID: String, period: ReportingPeriod) -> Bool {
        false
    }
}
