import CSQLite

/// SQLITE_TRANSIENT: SQLite copies bound text/blobs before the bind call returns.
@inline(__always)
var sqliteTransient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

/// One prepared statement. Confined to its connection's thread/queue, like the connection.
/// Finalized on deinit (or when the connection closes).
public final class Statement {
    public let sql: String
    private(set) var handle: OpaquePointer?
    /// True while a `Connection` helper is stepping it; a busy cached statement is not handed out twice.
    var inUse = false
    private var layoutCache: RowLayout?
    /// SQLITE_STMTSTATUS_REPREPARE when `layoutCache` was built: SQLite re-prepares a statement
    /// after a schema change, and only then may its column names change.
    private var layoutPrepareCount: Int32 = -1

    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
    }

    deinit { finalize() }

    func finalize() {
        if let h = handle { sqlite3_finalize(h); handle = nil }
    }

    private var db: OpaquePointer? { handle.flatMap { sqlite3_db_handle($0) } }

    private func live() throws -> OpaquePointer {
        guard let h = handle else { throw SQLiteError.misuse("statement already finalized", sql: sql) }
        return h
    }

    // MARK: Binding

    public var parameterCount: Int { handle.map { Int(sqlite3_bind_parameter_count($0)) } ?? 0 }

    /// Binds positional arguments 1...n; the count must match the statement's parameters.
    public func bind(_ values: [SQLValue]) throws {
        let h = try live()
        let n = Int(sqlite3_bind_parameter_count(h))
        guard n == values.count else {
            throw SQLiteError(code: SQLITE_RANGE, message: "statement takes \(n) argument(s), \(values.count) given", sql: sql)
        }
        for (i, v) in values.enumerated() { try bind(v, at: Int32(i + 1)) }
    }

    /// Binds named arguments (`:name`, `@name` or `$name`; pass the name with its prefix).
    public func bind(_ named: [String: SQLValue]) throws {
        let h = try live()
        for (name, v) in named {
            let i = sqlite3_bind_parameter_index(h, name)
            guard i > 0 else { throw SQLiteError(code: SQLITE_RANGE, message: "no parameter named \(name)", sql: sql) }
            try bind(v, at: i)
        }
    }

    /// Binds one value at a 1-based index.
    public func bind(_ value: SQLValue, at index: Int32) throws {
        let h = try live()
        let rc: Int32
        switch value {
        case .null:
            rc = sqlite3_bind_null(h, index)
        case .integer(let v):
            rc = sqlite3_bind_int64(h, index, v)
        case .real(let d):
            rc = sqlite3_bind_double(h, index, d)
        case .text(let s):
            // Exact UTF-8 byte length, so embedded NULs survive and nothing is re-encoded.
            var s = s
            rc = s.withUTF8 { p in
                guard let base = p.baseAddress, p.count > 0 else {
                    // A NULL pointer would bind SQL NULL; bind a real empty string.
                    return sqlite3_bind_text64(h, index, "", 0, sqliteTransient, UInt8(SQLITE_UTF8))
                }
                return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: p.count) { cp in
                    sqlite3_bind_text64(h, index, cp, sqlite3_uint64(p.count), sqliteTransient, UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let b):
            if b.isEmpty {
                rc = sqlite3_bind_zeroblob(h, index, 0)  // an empty blob, not NULL
            } else {
                rc = b.withUnsafeBytes { p in
                    sqlite3_bind_blob64(h, index, p.baseAddress, sqlite3_uint64(p.count), sqliteTransient)
                }
            }
        }
        try check(rc, db, sql: sql)
    }

    public func clearBindings() {
        if let h = handle { sqlite3_clear_bindings(h) }
    }

    // MARK: Stepping

    /// Advances one row: `true` when a row is available, `false` when done.
    @discardableResult
    public func step() throws -> Bool {
        let h = try live()
        let rc = sqlite3_step(h)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(db: db, code: rc, sql: sql)
        }
    }

    /// Resets for re-execution (bindings are kept; see `clearBindings`). Throws the error of the
    /// last step, if any — most callers want `resetQuietly()` in a `defer`.
    public func reset() throws {
        let h = try live()
        try check(sqlite3_reset(h), db, sql: sql)
    }

    /// Reset ignoring the (already reported) error of the last step.
    func resetQuietly() {
        if let h = handle { sqlite3_reset(h) }
    }

    /// Steps to completion, ignoring rows.
    public func run() throws { while try step() {} }

    // MARK: Columns of the current row

    public var columnCount: Int { handle.map { Int(sqlite3_column_count($0)) } ?? 0 }

    public func columnName(_ i: Int) -> String {
        guard let h = handle, let p = sqlite3_column_name(h, Int32(i)) else { return "" }
        return String(cString: p)
    }

    /// The column names, built once per preparation (not per use: that was ~4% of a cached GET).
    public var layout: RowLayout {
        let prepares = handle.map { sqlite3_stmt_status($0, Int32(SQLITE_STMTSTATUS_REPREPARE), 0) } ?? 0
        if let l = layoutCache, prepares == layoutPrepareCount, l.names.count == columnCount { return l }
        let l = RowLayout(names: (0..<columnCount).map(columnName))
        layoutCache = l
        layoutPrepareCount = prepares
        return l
    }

    public func isNull(_ i: Int) -> Bool {
        guard let h = handle else { return true }
        return sqlite3_column_type(h, Int32(i)) == SQLITE_NULL
    }

    /// Whether column `i` holds an integer (not NULL, REAL, text or blob).
    public func isInteger(_ i: Int) -> Bool { handle.map { sqlite3_column_type($0, Int32(i)) == SQLITE_INTEGER } ?? false }

    public func int64(_ i: Int) -> Int64 { handle.map { sqlite3_column_int64($0, Int32(i)) } ?? 0 }
    public func double(_ i: Int) -> Double { handle.map { sqlite3_column_double($0, Int32(i)) } ?? 0 }

    public func string(_ i: Int) -> String {
        guard let h = handle, let p = sqlite3_column_text(h, Int32(i)) else { return "" }
        let n = Int(sqlite3_column_bytes(h, Int32(i)))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    /// The column's text as UTF-8 bytes, valid only inside `body` (no String is made:
    /// for parsing per-row values such as dates straight from SQLite's buffer).
    public func withText<T>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        guard let h = handle, let p = sqlite3_column_text(h, Int32(i)) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(h, Int32(i)))))
    }

    /// The column's text as UTF-8 bytes, for reading several columns of one row side by side.
    /// SQLite keeps the buffer until the statement steps or resets, or the column is read as
    /// another type: use it only within the row, reading the column only as text.
    public func textBytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        // Through the column's value: one column call, then two value calls, which skip the
        // per-call bookkeeping of sqlite3_column_text and _bytes (a computed summary reads ten
        // text columns from each of 1,635 rows).
        guard let h = handle, let v = sqlite3_column_value(h, Int32(i)), let p = sqlite3_value_text(v) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: p, count: Int(sqlite3_value_bytes(v)))
    }

    public func blob(_ i: Int) -> [UInt8] {
        guard let h = handle, let p = sqlite3_column_blob(h, Int32(i)) else { return [] }
        let n = Int(sqlite3_column_bytes(h, Int32(i)))
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }

    /// The column as a value of its actual storage class.
    public func value(_ i: Int) -> SQLValue {
        guard let h = handle else { return .null }
        switch sqlite3_column_type(h, Int32(i)) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(h, Int32(i)))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(h, Int32(i)))
        case SQLITE_TEXT: return .text(string(i))
        case SQLITE_BLOB: return .blob(blob(i))
        default: return .null
        }
    }

    /// Copies the current row out.
    public func row() -> Row {
        let n = columnCount
        var values: [SQLValue] = []
        values.reserveCapacity(n)
        for i in 0..<n { values.append(value(i)) }
        return Row(layout: layout, values: values)
    }
}

/// A view of a statement's current row, valid only inside the `forEach` body that received it.
/// Reads straight from SQLite without materialising the row.
public struct StatementRow {
    public let statement: Statement

    public var columnCount: Int { statement.columnCount }
    public subscript(_ index: Int) -> SQLValue { index >= 0 && index < columnCount ? statement.value(index) : .null }
    public subscript(_ column: String) -> SQLValue {
        statement.layout.position(of: column).map { statement.value($0) } ?? .null
    }
    /// Materialise this row.
    public func copy() -> Row { statement.row() }
}

extension StatementRow: ColumnValues {}
