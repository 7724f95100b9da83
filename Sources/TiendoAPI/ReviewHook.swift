// What the agenda asks about review (accept / return, built by the events work):
// which reports of a plan were returned as of a day and not revised since.

import TiendoDomain
import TiendoSQLite
import TiendoStore

extension APIContext {
    /// (task, unit, period) of `planID` whose latest revision received by `asOf` has, as its
    /// latest review made by then, a return: the unit owes a new revision.
    func returnedReports(planID: Int64, asOf: CivilDate, _ c: Connection) throws -> Set<ReturnedReport> {
        var out: Set<ReturnedReport> = []
        for d in try ReviewStore.latestDecisions(planID: planID, period: nil, before: Timestamp.endOfLocalDay(asOf), in: c)
        where d.decision == .returned {
            if let p = ReportingPeriod(d.period) { out.insert(ReturnedReport(taskId: Int(d.taskID), unitId: d.unitID, period: p)) }
        }
        return out
    }
}
