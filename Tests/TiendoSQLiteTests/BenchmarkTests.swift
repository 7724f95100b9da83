import Foundation
import XCTest
@testable import TiendoSQLite

/// Throughput of group commit vs one COMMIT per write. Skipped unless TIENDO_BENCH=1:
///   TIENDO_BENCH=1 swift test -c release --filter TiendoSQLiteTests.BenchmarkTests
final class BenchmarkTests: XCTestCase {
    func testGroupCommitVersusOneCommitPerWrite() throws {
        let env = ProcessInfo.processInfo.environment
        try XCTSkipUnless(env["TIENDO_BENCH"] == "1", "set TIENDO_BENCH=1 to run the write benchmark")
        let writers = Int(env["TIENDO_BENCH_WRITERS"] ?? "") ?? 64
        let rows = Int(env["TIENDO_BENCH_ROWS"] ?? "") ?? 50
        let dir = makeTempDir(self)
        // Alternate twice so neither mode gets a warmer disk/cache.
        for round in 1...2 {
            for grouped in [true, false] {
                let r = try WriteBenchmark.run(path: dir.appendingPathComponent("bench-\(grouped).sqlite").path,
                                               writers: writers, rowsPerWriter: rows, groupCommit: grouped)
                XCTAssertEqual(r.rows, writers * rows)
                print(String(format: "bench round %d: %@ %d writers × %d rows: %d rows in %.3f s = %.0f rows/s",
                             round, grouped ? "group commit      " : "one commit/write  ", writers, rows,
                             r.rows, r.seconds, Double(r.rows) / r.seconds))
            }
        }
    }
}
