import Foundation
import XCTest
@testable import TiendoSQLite

final class MigratorTests: XCTestCase {
    var dir: URL!
    var migrations: URL!
    var db: Database!

    override func setUpWithError() throws {
        dir = makeTempDir(self)
        migrations = dir.appendingPathComponent("migrations")
        try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
        db = try Database(path: dir.appendingPathComponent("m.sqlite").path, readers: 2)
        let db = self.db!
        addTeardownBlock { db.close() }
    }

    func put(_ file: String, _ sql: String) throws {
        try sql.write(to: migrations.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }

    func tables() throws -> [String] {
        try db.read { c in
            try c.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").compactMap { $0.string(0) }
        }
    }

    func writeTwo() throws {
        try put("0001_units.sql", """
            -- Đơn vị
            CREATE TABLE units (id TEXT PRIMARY KEY, name TEXT NOT NULL);
            INSERT INTO units VALUES ('so-tai-chinh', 'Sở Tài chính');
            """)
        try put("0002_plans.sql", """
            CREATE TABLE plans (id INTEGER PRIMARY KEY, issuer_id TEXT NOT NULL REFERENCES units(id));
            CREATE INDEX plans_issuer ON plans(issuer_id);
            """)
        try put("README.md", "not a migration")
    }

    func testAppliesOnEmptyDatabaseThenNothing() throws {
        try writeTwo()
        let m = try Migrator(directory: migrations)
        XCTAssertEqual(m.migrations.map(\.version), [1, 2])
        XCTAssertEqual(try m.pending(in: db).map(\.name), ["units", "plans"])
        XCTAssertEqual(try m.migrate(db).map(\.version), [1, 2])
        XCTAssertEqual(try tables(), ["plans", "schema_migrations", "units"])
        let rows = try db.read { try $0.query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version") }
        XCTAssertEqual(rows.map { $0.string("name")! }, ["units", "plans"])
        XCTAssertEqual(rows[0].string("checksum"), m.migrations[0].checksum)
        XCTAssertEqual(rows[0].string("checksum")?.count, 64)
        XCTAssertNotNil(rows[0].string("applied_at"))

        // Twice: nothing pending, nothing changes.
        let again = try Migrator(directory: migrations)
        XCTAssertEqual(try again.migrate(db), [])
        XCTAssertEqual(try db.read { try $0.query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version") }, rows)
        XCTAssertEqual(try db.read { try $0.scalar("SELECT count(*) FROM units") }, 1)
        XCTAssertEqual(try again.appliedVersions(in: db), [1, 2])

        // A new file is applied on its own.
        try put("0003_reports.sql", "CREATE TABLE reports (id INTEGER PRIMARY KEY);")
        XCTAssertEqual(try Migrator(directory: migrations).migrate(db).map(\.fileName), ["0003_reports.sql"])
    }

    func testChangedFileIsRefusedAndNothingApplied() throws {
        try writeTwo()
        try Migrator(directory: migrations).migrate(db)
        try put("0002_plans.sql", "CREATE TABLE plans (id INTEGER PRIMARY KEY); -- edited")
        try put("0003_reports.sql", "CREATE TABLE reports (id INTEGER PRIMARY KEY);")
        XCTAssertThrowsError(try Migrator(directory: migrations).migrate(db)) { e in
            XCTAssertEqual(e as? MigrationError, .checksumMismatch(version: 2, name: "plans"))
            XCTAssertTrue("\(e)".contains("0002_plans.sql"), "\(e)")
        }
        XCTAssertFalse(try tables().contains("reports"), "nothing applied")
    }

    func testMissingFileIsRefused() throws {
        try writeTwo()
        try Migrator(directory: migrations).migrate(db)
        try FileManager.default.removeItem(at: migrations.appendingPathComponent("0001_units.sql"))
        XCTAssertThrowsError(try Migrator(directory: migrations).migrate(db)) { e in
            XCTAssertEqual(e as? MigrationError, .missingFile(version: 1, name: "units"))
            XCTAssertTrue("\(e)".contains("0001_units.sql"), "\(e)")
        }
    }

    func testDatabaseNewerThanCodeIsRefused() throws {
        try writeTwo()
        try Migrator(directory: migrations).migrate(db)
        let older = try Migrator(migrations: [Migration(version: 1, name: "units", sql: try String(contentsOf: migrations.appendingPathComponent("0001_units.sql"), encoding: .utf8))])
        XCTAssertThrowsError(try older.migrate(db)) { e in
            XCTAssertEqual(e as? MigrationError, .databaseNewerThanCode(dbVersion: 2, codeVersion: 1))
        }
    }

    func testFailingMigrationLeavesNoPartialSchema() throws {
        try put("0001_units.sql", "CREATE TABLE units (id TEXT PRIMARY KEY);")
        try put("0002_broken.sql", """
            CREATE TABLE half (id INTEGER PRIMARY KEY);
            INSERT INTO half VALUES (1);
            CREATE TABLE units (id TEXT);
            """)
        XCTAssertThrowsError(try Migrator(directory: migrations).migrate(db)) { e in
            guard case .failed(let v, let name, let sqlError)? = e as? MigrationError else { return XCTFail("\(e)") }
            XCTAssertEqual(v, 2)
            XCTAssertEqual(name, "broken")
            XCTAssertEqual(sqlError.primaryCode, 1)
            XCTAssertTrue("\(e)".contains("0002_broken.sql"), "\(e)")
        }
        XCTAssertEqual(try tables(), ["schema_migrations", "units"], "0001 committed, 0002 rolled back whole")
        XCTAssertEqual(try Migrator(directory: migrations).appliedVersions(in: db), [1])
        // Fixing the file lets it apply.
        try put("0002_broken.sql", "CREATE TABLE half (id INTEGER PRIMARY KEY);")
        XCTAssertEqual(try Migrator(directory: migrations).migrate(db).map(\.version), [2])
    }

    func testBadFileNamesAndDuplicates() throws {
        try put("1_ok.sql", "SELECT 1;")
        try put("create.sql", "SELECT 1;")
        XCTAssertThrowsError(try Migrator(directory: migrations)) { e in
            XCTAssertEqual(e as? MigrationError, .badFileName("create.sql"))
        }
        try FileManager.default.removeItem(at: migrations.appendingPathComponent("create.sql"))
        try put("0001_again.sql", "SELECT 1;")
        XCTAssertThrowsError(try Migrator(directory: migrations)) { e in
            guard case .duplicateVersion(1, _)? = e as? MigrationError else { return XCTFail("\(e)") }
        }
        XCTAssertThrowsError(try Migrator(directory: dir.appendingPathComponent("nope")))
    }

    func testSHA256KnownAnswers() {
        XCTAssertEqual(Checksum.sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(Checksum.sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(Checksum.sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(Checksum.sha256Hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testLineEndingsAreNotAChange() {
        XCTAssertEqual(Migration(version: 1, name: "a", sql: "CREATE TABLE a (x);\r\nSELECT 1;\r\n").checksum,
                       Migration(version: 1, name: "a", sql: "CREATE TABLE a (x);\nSELECT 1;\n").checksum)
        XCTAssertNotEqual(Migration(version: 1, name: "a", sql: "SELECT 1;").checksum,
                          Migration(version: 1, name: "a", sql: "SELECT 2;").checksum)
    }
}
