// Columns that hold a domain value (a status, a role, a kind, a period) are read into the
// domain's type here, at the store's edge. A stored text the domain does not know (a row
// edited by hand, a newer version's value) is an error of the store, thrown, never a trap.

import TiendoSQLite

public struct UnknownStoredValue: Error, CustomStringConvertible, Sendable {
    public let table: String
    public let column: String
    public let value: String
    public var description: String { "\(table).\(column) holds \"\(value)\", which this version does not know" }
}

extension Row {
    /// The column as a value of `T`, or `UnknownStoredValue`.
    func value<T: RawRepresentable>(_ column: String, of table: String, as _: T.Type = T.self) throws -> T where T.RawValue == String {
        let text = req(column)
        guard let v = T(rawValue: text) else { throw UnknownStoredValue(table: table, column: column, value: text) }
        return v
    }
}
