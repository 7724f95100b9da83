import CSQLite
import Foundation

/// How a connection opens its file.
public enum OpenMode: Sendable {
    case readOnly, readWrite, readWriteCreate
    var flags: Int32 {
        switch self {
        case .readOnly: return SQLITE_OPEN_READONLY
        case .readWrite: return SQLITE_OPEN_READWRITE
        case .readWriteCreate: return SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
    }
}

/// One sqlite3* handle. NOT Sendable: a connection belongs to one thread or serial queue at a
/// time (the `Database` pool guarantees that), so it is opened with SQLITE_OPEN_NOMUTEX and
/// SQLite's own per-connection mutex is not paid for.
public final class Connection {
    public let path: String
    public let mode: OpenMode
    private(set) var handle: OpaquePointer?
    private var cache: [StatementKey: Statement] = [:]
    private var savepointCounter = 0

    public init(path: String, mode: OpenMode = .readWrite, busyTimeoutMs: Int32 = 5000) throws {
        precondition(sqlite3_threadsafe() != 0, "libsqlite3 was built without thread support")
        _ = SQLiteProcessConfiguration.applied
        self.path = path
        self.mode = mode
        var db: OpaquePointer?
        let flags = mode.flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let err = SQLiteError(db: db, code: rc, sql: nil)
            sqlite3_close_v2(db)  // a handle is returned even on failure
            throw SQLiteError(code: err.code, message: "cannot open \(path): \(err.message)")
        }
        handle = db
        do {
            try check(sqlite3_extended_result_codes(db, 1), db)
            try check(sqlite3_busy_timeout(db, busyTimeoutMs), db)
            try execute("PRAGMA foreign_keys = ON")
            guard try queryOne("PRAGMA foreign_keys")?.int(0) == 1 else {
                throw SQLiteError.misuse("could not enable foreign keys on \(path)")
            }
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Finalizes every cached statement and closes the handle. Idempotent.
    public func close() {
        for s in cache.values { s.finalize() }
        cache = [:]
        if let h = handle {
            // close_v2 cannot fail for a valid handle; statements a caller still holds make it a
            // zombie that SQLite frees when they are finalized.
            sqlite3_close_v2(h)
            handle = nil
        }
    }

    public var isOpen: Bool { handle != nil }

    func live() throws -> OpaquePointer {
        guard let h = handle else { throw SQLiteError.misuse("connection to \(path) is closed") }
        return h
    }

    // MARK: Executing

    /// Runs one or more `;`-separated statements with no arguments (sqlite3_exec). For DDL,
    /// pragmas and migration scripts.
    public func execute(_ sql: String) throws {
        let h = try live()
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(h, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let message = err.map { String(cString: $0) }
            sqlite3_free(err)
            let base = SQLiteError(db: h, code: rc, sql: sql)
            throw SQLiteError(code: base.code, message: message ?? base.message, sql: sql)
        }
    }

    /// Runs one statement (cached) to completion.
    public func run(_ sql: String, _ args: [SQLValue] = []) throws {
        try withStatement(sql, args) { try $0.run() }
    }

    /// Runs one statement and materialises every row.
    public func query(_ sql: String, _ args: [SQLValue] = []) throws -> [Row] {
        try withStatement(sql, args) { st in
            var rows: [Row] = []
            while try st.step() { rows.append(st.row()) }
            return rows
        }
    }

    /// The first row, or nil. Stops stepping after it.
    public func queryOne(_ sql: String, _ args: [SQLValue] = []) throws -> Row? {
        try withStatement(sql, args) { st in try st.step() ? st.row() : nil }
    }

    /// Streams rows without materialising them; `StatementRow` is valid only inside `body`.
    public func forEach(_ sql: String, _ args: [SQLValue] = [], _ body: (StatementRow) throws -> Void) throws {
        try withStatement(sql, args) { st in
            let row = StatementRow(statement: st)
            while try st.step() { try body(row) }
        }
    }

    // Named arguments: `[":unit": "so-y-te"]` (keys with their prefix).
    public func run(_ sql: String, _ named: [String: SQLValue]) throws {
        try withStatement(sql, bind: { try $0.bind(named) }) { try $0.run() }
    }
    public func query(_ sql: String, _ named: [String: SQLValue]) throws -> [Row] {
        try withStatement(sql, bind: { try $0.bind(named) }) { st in
            var rows: [Row] = []
            while try st.step() { rows.append(st.row()) }
            return rows
        }
    }
    public func queryOne(_ sql: String, _ named: [String: SQLValue]) throws -> Row? {
        try withStatement(sql, bind: { try $0.bind(named) }) { st in try st.step() ? st.row() : nil }
    }

    /// First column of the first row (e.g. `SELECT count(*) …`).
    public func scalar(_ sql: String, _ args: [SQLValue] = []) throws -> SQLValue {
        try queryOne(sql, args)?[0] ?? .null
    }

    public var lastInsertRowID: Int64 { handle.map { sqlite3_last_insert_rowid($0) } ?? 0 }
    /// Rows changed by the most recent INSERT/UPDATE/DELETE.
    public var changes: Int { handle.map { Int(sqlite3_changes64($0)) } ?? 0 }
    public var totalChanges: Int { handle.map { Int(sqlite3_total_changes64($0)) } ?? 0 }
    /// True when no transaction is open.
    public var isAutocommit: Bool { handle.map { sqlite3_get_autocommit($0) != 0 } ?? true }
    public var isReadOnly: Bool { handle.map { sqlite3_db_readonly($0, "main") == 1 } ?? true }

    // MARK: Statements

    /// A statement cached by its SQL text, reset and with bindings cleared. Only the first
    /// statement of `sql` is allowed; trailing SQL (other than whitespace/comments) is an error.
    /// It is the cached statement itself: running the same SQL through `run`/`query`/`forEach`
    /// while you step it resets it (your cursor starts over), so finish with it first.
    public func prepare(_ sql: String) throws -> Statement {
        if let st = cache[StatementKey(sql)] {
            if st.inUse { return try prepareUncached(sql) }  // being stepped by run/query/forEach
            st.resetQuietly()
            st.clearBindings()
            return st
        }
        let st = try prepareUncached(sql, persistent: true)
        cache[StatementKey(sql)] = st
        return st
    }

    /// A fresh statement not kept in the cache (finalized when released).
    public func prepareUncached(_ sql: String, persistent: Bool = false) throws -> Statement {
        let h = try live()
        var stmt: OpaquePointer?
        var rest = ""
        let bytes = Array(sql.utf8)
        let rc: Int32 = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buf.count, 1)) { base in
                var tail: UnsafePointer<CChar>?
                let rc = sqlite3_prepare_v3(h, base, Int32(buf.count),
                                            UInt32(persistent ? SQLITE_PREPARE_PERSISTENT : 0), &stmt, &tail)
                if rc == SQLITE_OK, let tail {
                    let used = base.distance(to: tail)
                    if used < buf.count {
                        rest = String(decoding: UnsafeBufferPointer(start: buf.baseAddress! + used, count: buf.count - used), as: UTF8.self)
                    }
                }
                return rc
            }
        }
        if rc != SQLITE_OK {
            sqlite3_finalize(stmt)
            throw SQLiteError(db: h, code: rc, sql: sql)
        }
        guard let stmt else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "empty statement", sql: sql)
        }
        if !Connection.isOnlyTrivia(rest) {
            sqlite3_finalize(stmt)
            throw SQLiteError(code: SQLITE_MISUSE, message: "more than one statement; use execute() for scripts", sql: sql)
        }
        return Statement(handle: stmt, sql: sql)
    }

    /// Whitespace, `;` and comments only.
    static func isOnlyTrivia(_ s: String) -> Bool {
        var rest = Substring(s)
        while let c = rest.first {
            if c.isWhitespace || c == ";" { rest = rest.dropFirst(); continue }
            if rest.hasPrefix("--") {
                if let nl = rest.firstIndex(of: "\n") { rest = rest[rest.index(after: nl)...] } else { return true }
                continue
            }
            if rest.hasPrefix("/*") {
                if let end = rest.range(of: "*/") { rest = rest[end.upperBound...] } else { return true }
                continue
            }
            return false
        }
        return true
    }

    /// Borrows the cached statement for `sql` (or a fresh one when the cached one is busy, e.g. a
    /// nested query of the same SQL inside `forEach`), binds, runs `body`, and always resets and
    /// clears bindings afterwards — also on error.
    func withStatement<T>(_ sql: String, _ args: [SQLValue], _ body: (Statement) throws -> T) throws -> T {
        try withStatement(sql, bind: { try $0.bind(args) }, body)
    }

    func withStatement<T>(_ sql: String, bind: (Statement) throws -> Void, _ body: (Statement) throws -> T) throws -> T {
        // One lookup. A cached statement is reset and cleared again: `prepare` hands cached
        // statements out, and its caller may have left one mid-step (both are cheap when done).
        let st: Statement
        let key = StatementKey(sql)
        if let cached = cache[key] {
            if cached.inUse {
                st = try prepareUncached(sql)  // a nested query of the same SQL
            } else {
                st = cached
                st.resetQuietly()
                st.clearBindings()
            }
        } else {
            st = try prepareUncached(sql, persistent: true)
            cache[key] = st
        }
        st.inUse = true
        defer {
            st.resetQuietly()
            st.clearBindings()
            st.inUse = false
        }
        try bind(st)
        return try body(st)
    }

    /// Drops all cached statements (e.g. after a schema change you want to forget).
    public func clearStatementCache() {
        for s in cache.values where !s.inUse { s.finalize() }
        cache = cache.filter { $0.value.inUse }
    }

    public var cachedStatementCount: Int { cache.count }

    // MARK: Transactions

    /// BEGIN IMMEDIATE … COMMIT, ROLLBACK on error. When a transaction is already open (e.g. inside
    /// `Database.write`, which runs each write in the group-commit transaction) it nests as a
    /// SAVEPOINT instead, so repository code can use `transaction` without caring.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if !isAutocommit { return try savepoint(nil, body) }
        try run("BEGIN IMMEDIATE")
        let value: T
        do {
            value = try body()
        } catch {
            if !isAutocommit { try? run("ROLLBACK") }
            throw error
        }
        do {
            try run("COMMIT")
        } catch {
            if !isAutocommit { try? run("ROLLBACK") }
            throw error
        }
        return value
    }

    /// SAVEPOINT name … RELEASE; on error ROLLBACK TO name, RELEASE, rethrow. Nests freely.
    public func savepoint<T>(_ name: String? = nil, _ body: () throws -> T) throws -> T {
        let sp: String
        if let name {
            sp = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        } else {
            savepointCounter += 1
            sp = "sp\(savepointCounter)"
        }
        try run("SAVEPOINT \(sp)")
        let value: T
        do {
            value = try body()
        } catch {
            if !isAutocommit {
                try? run("ROLLBACK TO \(sp)")
                try? run("RELEASE \(sp)")
            }
            throw error
        }
        try run("RELEASE \(sp)")
        return value
    }

    // MARK: Checks

    /// `PRAGMA integrity_check` lines; `["ok"]` when healthy.
    public func integrityCheck() throws -> [String] {
        try query("PRAGMA integrity_check").compactMap { $0.string(0) }
    }
}

/// Process-wide SQLite settings, applied once, before this process opens its first connection
/// (sqlite3_config refuses once SQLite is initialised; then the defaults stay, which is safe).
enum SQLiteProcessConfiguration {
    /// Memory statistics off: they cost a global mutex per allocation (~10% of a POST's CPU
    /// in A/B runs, docs/performance.md) and nothing reads them.
    static let applied: Void = { _ = tiendo_sqlite3_config_memstatus(0) }()
}

/// The statement cache's key: the SQL text, hashed by its length and 16 bytes sampled across
/// it (and the last) instead of all of it. The texts are few and long (the report stamp's is ~700 bytes), and
/// hashing each in full on every execution showed in profiles; equality still compares the
/// whole text (memcmp), so a collision only costs a compare.
struct StatementKey: Hashable {
    let sql: String
    init(_ sql: String) { self.sql = sql }

    /// Byte equality, like the hash (String's `==` is Unicode canonical equivalence, which
    /// would break Hashable for non-ASCII SQL): the same UTF-8 bytes, compared with memcmp.
    static func == (a: StatementKey, b: StatementKey) -> Bool {
        var x = a.sql, y = b.sql
        return x.withUTF8 { xs in
            y.withUTF8 { ys in
                xs.count == ys.count && (xs.count == 0 || memcmp(xs.baseAddress!, ys.baseAddress!, xs.count) == 0)
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        var text = sql
        text.withUTF8 { bytes in
            let n = bytes.count
            hasher.combine(n)
            guard n > 0 else { return }
            // 16 bytes spread over the text (the stride's offset keeps short texts in range).
            let step = max(1, n / 16)
            var words: (UInt64, UInt64) = (0, 0)
            for i in 0..<16 {
                let byte = UInt64(bytes[(i * n) / 16 + (n > 16 ? (i * 7) % step : 0)])
                if i < 8 { words.0 = words.0 << 8 | byte } else { words.1 = words.1 << 8 | byte }
            }
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(bytes[n - 1])
        }
    }
}
