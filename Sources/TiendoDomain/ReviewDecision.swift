/// What the aggregator decides on a report revision (the review of SPEC's reporting cycle):
/// accepted as it is, or returned to the unit with a comment, which makes the report owed
/// again until the unit sends a new revision. Stored as its raw value.
public enum ReviewDecision: String, Sendable, Hashable, CaseIterable {
    case accepted
    case returned
}
