// A full disk, a read-only file or an I/O error under the database is the storage's
// failure, not the request's: every route answers 503 with Retry-After (scripts/soak's
// disk-full probe drives the real thing). Other SQLite errors stay 500.

import XCTest
import CSQLite
@testable import TiendoAPI
import TiendoSQLite

final class StorageFailureMappingTests: XCTestCase {
    func testStorageFailuresAre503WithRetryAfter() {
        let cases: [(Int32, Int?, String?)] = [
            (SQLITE_FULL, 503, "database_unavailable"), (SQLITE_READONLY, 503, "database_unavailable"),
            (SQLITE_IOERR | (4 << 8), 503, "database_unavailable"), (SQLITE_CANTOPEN, 503, "database_unavailable"),
            (SQLITE_BUSY, 503, "database_busy"), (SQLITE_LOCKED, 503, "database_busy"),
            (SQLITE_CORRUPT, nil, nil), (SQLITE_MISUSE, nil, nil), (SQLITE_CONSTRAINT, nil, nil),
        ]
        for (code, status, problemCode) in cases {
            let p = problem(for: SQLiteError(code: code, message: "test"))
            XCTAssertEqual(p?.status.code, status, "code \(code)")
            XCTAssertEqual(p?.code, problemCode, "code \(code)")
            if p != nil { XCTAssertEqual(p?.headers["Retry-After"], "5", "code \(code)") }
        }
    }
}
