import Foundation
import XCTest
@testable import TiendoSQLite

final class BackupTests: XCTestCase {
    func testBackupDuringConcurrentWrites() throws {
        let dir = makeTempDir(self)
        let db = try Database(path: dir.appendingPathComponent("live.sqlite").path, readers: 2)
        defer { db.close() }
        try db.write { c in
            try c.execute("CREATE TABLE r (id INTEGER PRIMARY KEY, w INTEGER, body TEXT); CREATE INDEX r_w ON r(w);")
            for i in 0..<2000 {
                try c.run("INSERT INTO r (w, body) VALUES (?, ?)", [.integer(Int64(i % 7)), .text(String(repeating: "Hoằng Hóa ", count: 20))])
            }
        }
        // Writers keep going while the backups run.
        let stop = Locked(false)
        let written = Locked(0)
        let group = DispatchGroup()
        for w in 0..<4 {
            group.enter()
            Thread {
                while !stop.value {
                    do {
                        try db.write { try $0.run("INSERT INTO r (w, body) VALUES (?, ?)", [.integer(Int64(w)), "Sở Tài chính"]) }
                        written.with { $0 += 1 }
                    } catch { XCTFail("\(error)"); break }
                }
                group.leave()
            }.start()
        }
        for k in 0..<3 {
            let dest = dir.appendingPathComponent("backup-\(k).sqlite").path
            try Backup.copy(from: db, to: dest)
            let c = try Connection(path: dest, mode: .readOnly)
            XCTAssertEqual(try c.integrityCheck(), ["ok"])
            XCTAssertGreaterThanOrEqual(try c.scalar("SELECT count(*) FROM r").int64Value ?? 0, 2000)
            c.close()
        }
        stop.with { $0 = true }
        group.wait()
        XCTAssertGreaterThan(written.value, 0, "writes continued during the backups")

        // The path variant, after the pool is closed.
        db.close()
        let dest = dir.appendingPathComponent("offline.sqlite").path
        try Backup.copy(fromPath: db.path, to: dest)
        let c = try Connection(path: dest, mode: .readOnly)
        XCTAssertEqual(try c.integrityCheck(), ["ok"])
        XCTAssertEqual(try c.scalar("SELECT count(*) FROM r").int64Value, Int64(2000 + written.value))
        XCTAssertEqual(try c.scalar("PRAGMA journal_mode"), "delete", "a backup is one self-contained file")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("partial") }
        XCTAssertEqual(leftovers, [])
    }

    func testBackupReplacesDestinationAndFailsCleanly() throws {
        let dir = makeTempDir(self)
        let db = try Database(path: dir.appendingPathComponent("a.sqlite").path, readers: 1)
        defer { db.close() }
        try db.write { try $0.execute("CREATE TABLE t (s TEXT); INSERT INTO t VALUES ('Quý II/2017');") }
        let dest = dir.appendingPathComponent("b.sqlite").path
        try Backup.copy(from: db, to: dest)
        try db.write { try $0.run("INSERT INTO t VALUES ('6 tháng đầu năm 2024')") }
        try Backup.copy(from: db, to: dest)  // overwrites the older backup
        let c = try Connection(path: dest, mode: .readOnly)
        XCTAssertEqual(try c.query("SELECT s FROM t").compactMap { $0.string(0) }, ["Quý II/2017", "6 tháng đầu năm 2024"])
        XCTAssertThrowsError(try Backup.copy(from: db, to: dir.appendingPathComponent("no/such/dir.sqlite").path))
    }
}
