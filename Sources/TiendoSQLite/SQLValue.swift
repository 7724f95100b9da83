/// One SQLite value, exactly the five storage classes SQLite has.
public enum SQLValue: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The integer, or a real that holds an exact integer. Nothing else.
    public var int64Value: Int64? {
        switch self {
        case .integer(let v): return v
        case .real(let d):
            guard d.rounded() == d, let v = Int64(exactly: d) else { return nil }
            return v
        default: return nil
        }
    }
    /// A real, or an integer widened to Double.
    public var doubleValue: Double? {
        switch self {
        case .real(let d): return d
        case .integer(let v): return Double(v)
        default: return nil
        }
    }
    /// Text only (no implicit number formatting).
    public var stringValue: String? { if case .text(let s) = self { return s } else { return nil } }
    /// A blob, or the UTF-8 bytes of a text.
    public var blobValue: [UInt8]? {
        switch self {
        case .blob(let b): return b
        case .text(let s): return Array(s.utf8)
        default: return nil
        }
    }
    /// SQLite has no booleans: integer 0 is false, any other integer true.
    public var boolValue: Bool? { int64Value.map { $0 != 0 } }
}

extension SQLValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByStringInterpolation
{
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

extension SQLValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let v): return String(v)
        case .real(let d): return String(d)
        case .text(let s): return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let b): return "X'" + b.map { hex2($0) }.joined() + "'"
        }
    }
}

private func hex2(_ b: UInt8) -> String {
    let digits: [Character] = Array("0123456789ABCDEF")
    return String([digits[Int(b >> 4)], digits[Int(b & 0xf)]])
}

/// Anything that can be bound as a statement argument.
public protocol SQLValueConvertible {
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLValueConvertible { public var sqlValue: SQLValue { self } }
extension Int: SQLValueConvertible { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int32: SQLValueConvertible { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLValueConvertible { public var sqlValue: SQLValue { .integer(self) } }
extension Double: SQLValueConvertible { public var sqlValue: SQLValue { .real(self) } }
extension Bool: SQLValueConvertible { public var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension String: SQLValueConvertible { public var sqlValue: SQLValue { .text(self) } }
extension Substring: SQLValueConvertible { public var sqlValue: SQLValue { .text(String(self)) } }
extension Array: SQLValueConvertible where Element == UInt8 { public var sqlValue: SQLValue { .blob(self) } }
extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension SQLValue {
    /// `SQLValue(x)` for any convertible value, handy for building argument arrays from variables.
    public init(_ value: some SQLValueConvertible) { self = value.sqlValue }
}
