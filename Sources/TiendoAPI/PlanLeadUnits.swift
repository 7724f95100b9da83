// The plan's lead units as the summary lists them, worked out once per plan structure
// (with its PlanSnapshot) instead of by hashing unit ids for every task of every
// computed summary: the order, each unit's lead tasks, and for each task's lead list
// where each entry's unit stands.

struct PlanLeadUnits: Sendable {
    /// Lead units in order of first appearance over the tasks' lead lists.
    let units: [String]
    /// Per unit (as in `units`): indices of its tasks in the plan's task order, once per
    /// appearance in a task's lead list.
    let tasks: [[Int]]
    /// Per task: for each entry of its lead list, that unit's index in `units`.
    let slots: [[Int]]

    /// `leads`: each task's lead unit ids (selectors expanded), in task order.
    init(_ leads: [[String]]) {
        var units: [String] = [], tasks: [[Int]] = [], slots: [[Int]] = []
        var index: [String: Int] = [:]
        for (i, lead) in leads.enumerated() {
            var mine: [Int] = []
            mine.reserveCapacity(lead.count)
            for u in lead {
                let s: Int
                if let known = index[u] { s = known } else {
                    s = units.count
                    index[u] = s
                    units.append(u)
                    tasks.append([])
                }
                tasks[s].append(i)
                mine.append(s)
            }
            slots.append(mine)
        }
        self.units = units; self.tasks = tasks; self.slots = slots
    }
}
