/// Column names of a result set, shared by all its rows.
public final class RowLayout: Sendable {
    public let names: [String]
    let index: [String: Int]
    init(names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() where index[n] == nil { index[n] = i }  // first wins, like SQLite
        // Case-insensitive fallback, since SQL identifiers are.
        for (i, n) in names.enumerated() where index[n.lowercased()] == nil { index[n.lowercased()] = i }
        self.index = index
    }
    func position(of column: String) -> Int? { index[column] ?? index[column.lowercased()] }
}

/// A materialised row: values copied out of the statement, safe to keep and send anywhere.
public struct Row: Sendable, Equatable, CustomStringConvertible {
    public let layout: RowLayout
    public let values: [SQLValue]

    public init(layout: RowLayout, values: [SQLValue]) {
        self.layout = layout
        self.values = values
    }
    /// Convenience for tests and literals.
    public init(_ pairs: KeyValuePairs<String, SQLValue>) {
        self.init(layout: RowLayout(names: pairs.map(\.key)), values: pairs.map(\.value))
    }

    public var columnNames: [String] { layout.names }
    public var count: Int { values.count }
    public func hasColumn(_ column: String) -> Bool { layout.position(of: column) != nil }

    /// `.null` when the index is out of range.
    public subscript(_ index: Int) -> SQLValue { values.indices.contains(index) ? values[index] : .null }
    /// `.null` when there is no such column (use `hasColumn` to tell the two apart).
    public subscript(_ column: String) -> SQLValue { layout.position(of: column).map { values[$0] } ?? .null }


    public static func == (a: Row, b: Row) -> Bool { a.layout.names == b.layout.names && a.values == b.values }

    public var description: String {
        "[" + zip(layout.names, values).map { "\($0): \($1)" }.joined(separator: ", ") + "]"
    }
}

/// Typed reading of a row's columns, by name or position: shared by the
/// materialised `Row` and the statement's current `StatementRow`.
public protocol ColumnValues {
    subscript(_ index: Int) -> SQLValue { get }
    subscript(_ column: String) -> SQLValue { get }
}

extension ColumnValues {
    public func int(_ c: String) -> Int64? { self[c].int64Value }
    public func string(_ c: String) -> String? { self[c].stringValue }
    public func double(_ c: String) -> Double? { self[c].doubleValue }
    public func bool(_ c: String) -> Bool? { self[c].boolValue }
    public func blob(_ c: String) -> [UInt8]? { self[c].blobValue }
    public func int(_ i: Int) -> Int64? { self[i].int64Value }
    public func string(_ i: Int) -> String? { self[i].stringValue }
    public func double(_ i: Int) -> Double? { self[i].doubleValue }
    public func bool(_ i: Int) -> Bool? { self[i].boolValue }
    public func blob(_ i: Int) -> [UInt8]? { self[i].blobValue }
}

extension Row: ColumnValues {}
