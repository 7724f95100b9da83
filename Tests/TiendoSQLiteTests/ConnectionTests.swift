import Foundation
import XCTest
@testable import TiendoSQLite
import CSQLite

final class ConnectionTests: XCTestCase {
    func open() throws -> Connection {
        let dir = makeTempDir(self)
        return try Connection(path: dir.appendingPathComponent("c.sqlite").path, mode: .readWriteCreate)
    }

    func testRoundTripsEveryStorageClass() throws {
        let c = try open()
        try c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v)")
        let vietnamese = "Kế hoạch khắc phục những hạn chế, yếu kém — UBND huyện Hoằng Hóa (Hoá) ✓ 𝄞"
        let values: [SQLValue] = [
            .null, .integer(Int64.max), .integer(Int64.min), .integer(0), .real(3.25), .real(-0.0),
            .text(vietnamese), .text(""), .text("a\u{0}b"), .blob([]), .blob([0, 1, 2, 255]),
            .blob(Array(repeating: 0xAB, count: 100_000)),
        ]
        for v in values { try c.run("INSERT INTO t (v) VALUES (?)", [v]) }
        let rows = try c.query("SELECT v FROM t ORDER BY id")
        XCTAssertEqual(rows.map { $0[0] }, values)
        XCTAssertEqual(rows[6].string("v"), vietnamese)
        XCTAssertEqual(rows[6].string(0), vietnamese)
        XCTAssertEqual(rows[1].int("V"), Int64.max)  // column names are case-insensitive
        XCTAssertNil(rows[0].int("v"))
        XCTAssertEqual(rows[9].blob("v"), [])
        // SQLite agrees on the character count of Vietnamese text (UTF-8 bound correctly).
        XCTAssertEqual(try c.scalar("SELECT length(?)", [.text(vietnamese)]), .integer(Int64(vietnamese.unicodeScalars.count)))
        XCTAssertEqual(try c.scalar("SELECT upper(?) = upper(?)", ["Hoằng", "Hoằng"]), 1)
    }

    func testLiteralsAndConvertibles() throws {
        let c = try open()
        let id: Int? = nil
        let row = try c.queryOne("SELECT ?, ?, ?, ?, ?, ?", [1, 2.5, "x", nil, true, id.sqlValue])!
        XCTAssertEqual(row.values, [.integer(1), .real(2.5), .text("x"), .null, .integer(1), .null])
        XCTAssertEqual(row.bool(4), true)
        XCTAssertEqual(SQLValue(Int64(7)), .integer(7))
        XCTAssertEqual([UInt8]([1, 2]).sqlValue, .blob([1, 2]))
        XCTAssertEqual(Optional<String>.some("a").sqlValue, .text("a"))
    }

    func testExtendedErrorCodes() throws {
        let c = try open()
        try c.execute("""
            CREATE TABLE p (id INTEGER PRIMARY KEY, slug TEXT UNIQUE NOT NULL, n INTEGER CHECK (n >= 0));
            CREATE TABLE ch (id INTEGER PRIMARY KEY, p INTEGER REFERENCES p(id));
            """)
        try c.run("INSERT INTO p (slug, n) VALUES (?, ?)", ["huyen-hoang-hoa", 1])
        XCTAssertEqual(c.lastInsertRowID, 1)
        XCTAssertEqual(c.changes, 1)
        func expect(_ sql: String, _ args: [SQLValue], code: Int32, line: UInt = #line) {
            XCTAssertThrowsError(try c.run(sql, args), line: line) { e in
                let e = e as! SQLiteError
                XCTAssertEqual(e.code, code, "\(e)", line: line)
                XCTAssertEqual(e.sql, sql, line: line)
                XCTAssertTrue(e.isConstraintViolation, line: line)
            }
        }
        expect("INSERT INTO p (slug, n) VALUES (?, ?)", ["huyen-hoang-hoa", 2], code: 2067)
        expect("INSERT INTO p (id, slug) VALUES (?, ?)", [1, "x"], code: 1555)
        expect("INSERT INTO p (slug) VALUES (?)", [nil], code: 1299)
        expect("INSERT INTO p (slug, n) VALUES (?, ?)", ["y", -1], code: 275)
        expect("INSERT INTO ch (p) VALUES (?)", [99], code: 787)  // foreign_keys = ON
        do {
            try c.run("INSERT INTO p (slug, n) VALUES (?, ?)", ["huyen-hoang-hoa", 2])
        } catch let e as SQLiteError {
            XCTAssertTrue(e.isUniqueViolation)
            XCTAssertEqual(e.primaryCode, 19)
            XCTAssertTrue(e.message.contains("UNIQUE"), e.message)
        }
        // The statement that failed is reset and reusable.
        try c.run("INSERT INTO p (slug, n) VALUES (?, ?)", ["thi-xa-nghi-son", 3])
        XCTAssertEqual(try c.scalar("SELECT count(*) FROM p"), 2)
        // Syntax errors and wrong argument counts.
        XCTAssertThrowsError(try c.run("SELEKT 1")) { XCTAssertEqual(($0 as! SQLiteError).primaryCode, 1) }
        XCTAssertThrowsError(try c.run("SELECT ?", [])) { XCTAssertEqual(($0 as! SQLiteError).code, 25) }
        XCTAssertThrowsError(try c.run("SELECT 1; SELECT 2")) { XCTAssertEqual(($0 as! SQLiteError).code, 21) }
        try c.run("SELECT 1; -- trailing comment")
    }

    func testStatementCacheAndNestedSameSQL() throws {
        let c = try open()
        try c.execute("CREATE TABLE t (n INTEGER)")
        let before = c.cachedStatementCount
        for i in 0..<10 { try c.run("INSERT INTO t VALUES (?)", [.integer(Int64(i))]) }
        XCTAssertEqual(c.cachedStatementCount, before + 1)  // prepared once, reused 10 times
        var pairs = 0
        try c.forEach("SELECT n FROM t WHERE n < ?", [3]) { outer in
            // The same SQL while its cached statement is stepping gets a fresh statement.
            try c.forEach("SELECT n FROM t WHERE n < ?", [3]) { _ in pairs += 1 }
            XCTAssertNotNil(outer.int("n"))
        }
        XCTAssertEqual(pairs, 9)
        var sum: Int64 = 0
        try c.forEach("SELECT n FROM t") { sum += $0.int(0)! }
        XCTAssertEqual(sum, 45)
        // A body error still resets the statement (otherwise the table stays read-locked).
        struct Stop: Error {}
        XCTAssertThrowsError(try c.forEach("SELECT n FROM t") { _ in throw Stop() })
        try c.execute("DROP TABLE t")
    }

    /// SQLite's memory statistics are off in this process (they cost a global mutex per
    /// allocation): with them off, SQLite reports no memory in use.
    func testMemoryStatisticsAreOff() throws {
        let c = try open()
        try c.execute("CREATE TABLE t (a); INSERT INTO t VALUES (randomblob(100000))")
        var current: Int64 = -1, high: Int64 = -1
        XCTAssertEqual(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &high, 0), SQLITE_OK)
        XCTAssertEqual(current, 0)
    }

    /// `prepare` hands out the cached statement; one left mid-step by its caller must not
    /// break (or silently continue) the next query of the same SQL.
    func testStatementLeftMidStepByPrepareIsResetForTheNextQuery() throws {
        let c = try open()
        try c.execute("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)")
        let sql = "SELECT n FROM t WHERE n >= ? ORDER BY n"
        let st = try c.prepare(sql)
        try st.bind([.integer(1)])
        XCTAssertTrue(try st.step())  // left on the first row
        XCTAssertEqual(try c.query(sql, [.integer(2)]).map { $0.int(0)! }, [2, 3])
        let noArgs = "SELECT n FROM t ORDER BY n"
        let st2 = try c.prepare(noArgs)
        XCTAssertTrue(try st2.step())
        XCTAssertEqual(try c.query(noArgs).map { $0.int(0)! }, [1, 2, 3], "from the first row, not after the old cursor")
    }

    /// The cache key hashes a sample of the SQL's bytes but compares all of them: texts that
    /// differ only where the sample does not look, or in their last byte, or that are Unicode
    /// canonically equivalent but not byte-equal, are different statements.
    func testStatementKeysCompareEveryByte() throws {
        let base = String(repeating: "x", count: 40)
        var texts: [String] = []
        for i in 0..<40 {
            var bytes = Array(base.utf8)
            bytes[i] = UInt8(ascii: "y")
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        texts += ["SELECT 'Hoà'", "SELECT 'Hoa\u{0300}'", "a", "b", "", String(repeating: "z", count: 17), String(repeating: "z", count: 16) + "y"]
        XCTAssertEqual(Set(texts.map(StatementKey.init)).count, texts.count)
        for t in texts { XCTAssertEqual(StatementKey(t), StatementKey(String(decoding: Array(t.utf8), as: UTF8.self))) }
        XCTAssertEqual(StatementKey(texts[3]).hashValue, StatementKey(String(decoding: Array(texts[3].utf8), as: UTF8.self)).hashValue)
        // And the cache keeps them apart: two texts that hash alike still run their own SQL.
        let c = try open()
        XCTAssertEqual(try c.scalar("SELECT 'Hoà'").stringValue, "Hoà")
        XCTAssertEqual(try c.scalar("SELECT 'Hoa\u{0300}'").stringValue, "Hoa\u{0300}")
    }

    /// Column names are cached per statement; a schema change that renames a column
    /// makes SQLite re-prepare the cached statement, and the names must follow.
    func testCachedStatementColumnNamesFollowASchemaChange() throws {
        let c = try open()
        try c.execute("CREATE TABLE t (a INTEGER, b TEXT)")
        try c.run("INSERT INTO t VALUES (1, 'x')")
        XCTAssertEqual(try c.queryOne("SELECT * FROM t")?.int("a"), 1)
        XCTAssertEqual(try c.queryOne("SELECT * FROM t")?.columnNames, ["a", "b"])
        try c.execute("ALTER TABLE t RENAME COLUMN a TO renamed")
        let row = try c.queryOne("SELECT * FROM t")
        XCTAssertEqual(row?.columnNames, ["renamed", "b"])
        XCTAssertEqual(row?.int("renamed"), 1)
        XCTAssertNil(row?.int("a"))
    }

    func testTransactionsAndSavepoints() throws {
        let c = try open()
        try c.execute("CREATE TABLE t (n INTEGER UNIQUE)")
        struct Boom: Error {}
        XCTAssertThrowsError(try c.transaction { try c.run("INSERT INTO t VALUES (1)"); throw Boom() })
        XCTAssertEqual(try c.scalar("SELECT count(*) FROM t"), 0)
        XCTAssertTrue(c.isAutocommit)
        try c.transaction {
            try c.run("INSERT INTO t VALUES (1)")
            XCTAssertThrowsError(try c.savepoint { try c.run("INSERT INTO t VALUES (2)"); try c.run("INSERT INTO t VALUES (1)") })
            // nested transaction becomes a savepoint
            try c.transaction { try c.run("INSERT INTO t VALUES (3)") }
        }
        XCTAssertEqual(try c.query("SELECT n FROM t ORDER BY n").map { $0.int(0)! }, [1, 3])
    }

    func testNamedArgumentsAndSchemaChangesUnderCachedStatements() throws {
        let c = try open()
        try c.execute("CREATE TABLE u (id TEXT PRIMARY KEY, name TEXT)")
        try c.run("INSERT INTO u VALUES (:id, :name)", [":id": "so-y-te", ":name": "Sở Y tế"])
        XCTAssertEqual(try c.queryOne("SELECT name FROM u WHERE id = :id", [":id": "so-y-te"])?.string("name"), "Sở Y tế")
        XCTAssertThrowsError(try c.run("SELECT :a", [":b": 1]))
        XCTAssertEqual(try c.queryOne("SELECT * FROM u")?.columnNames, ["id", "name"])
        try c.execute("ALTER TABLE u ADD COLUMN kind TEXT DEFAULT 'department'")
        let row = try c.queryOne("SELECT * FROM u")  // same cached SQL, re-prepared by SQLite
        XCTAssertEqual(row?.columnNames, ["id", "name", "kind"])
        XCTAssertEqual(row?.string("kind"), "department")
    }

    func testReadOnlyAndMissingFiles() throws {
        let dir = makeTempDir(self)
        XCTAssertThrowsError(try Connection(path: dir.appendingPathComponent("none.sqlite").path, mode: .readWrite)) { e in
            XCTAssertEqual((e as? SQLiteError)?.primaryCode, 14)  // SQLITE_CANTOPEN
        }
    }

    func testStatementDirectly() throws {
        let c = try open()
        try c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, b BLOB, r REAL)")
        let ins = try c.prepare("INSERT INTO t (s, b, r) VALUES (?, ?, ?)")
        XCTAssertEqual(ins.parameterCount, 3)
        for i in 0..<3 {
            try ins.bind(["Quý \(i + 1)", .blob([UInt8(i)]), .real(Double(i) / 2)])
            XCTAssertFalse(try ins.step())
            try ins.reset()
            ins.clearBindings()
        }
        let sel = try c.prepare("SELECT id, s, b, r, NULL AS n FROM t ORDER BY id")
        XCTAssertTrue(try c.prepare("INSERT INTO t (s, b, r) VALUES (?, ?, ?)") === ins, "cached by SQL text")
        var seen: [String] = []
        while try sel.step() {
            XCTAssertEqual(sel.columnCount, 5)
            XCTAssertEqual(sel.columnName(1), "s")
            seen.append(sel.string(1))
            XCTAssertEqual(sel.blob(2).count, 1)
            XCTAssertTrue(sel.isNull(4))
            XCTAssertEqual(sel.value(0), .integer(sel.int64(0)))
            XCTAssertEqual(sel.double(3), Double(sel.int64(0) - 1) / 2)
        }
        XCTAssertEqual(seen, ["Quý 1", "Quý 2", "Quý 3"])
        // A cached statement handed out by prepare() comes back reset with bindings cleared.
        let again = try c.prepare("SELECT id, s, b, r, NULL AS n FROM t ORDER BY id")
        XCTAssertTrue(try again.step())
        XCTAssertEqual(again.int64(0), 1)
        try again.reset()
    }
}
