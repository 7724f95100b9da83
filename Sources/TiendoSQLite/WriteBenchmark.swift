import Foundation

/// Measures write throughput of `Database.write`: `writers` threads each insert `rowsPerWriter`
/// rows, one blocking `write` per row (each answered only after its COMMIT), into a fresh
/// database at `path` (deleted first, with its -wal/-shm). `groupCommit: false` gives the
/// baseline of one transaction and one fsync per write. For `tiendo bench-store`.
public enum WriteBenchmark {
    public static func run(path: String, writers: Int = 64, rowsPerWriter: Int = 50, groupCommit: Bool,
                           durability: Durability = .full) throws -> (rows: Int, seconds: Double) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let db = try Database(path: path, readers: 1, durability: durability, groupCommit: groupCommit)
        defer { db.close() }
        try db.write { c in
            try c.execute("""
                CREATE TABLE IF NOT EXISTS bench (
                    id INTEGER PRIMARY KEY, writer INTEGER NOT NULL, n INTEGER NOT NULL, note TEXT NOT NULL)
                """)
        }
        let group = DispatchGroup()
        let failures = Locked(0)
        let start = Date()
        for w in 0..<writers {
            group.enter()
            let t = Thread {
                for n in 0..<rowsPerWriter {
                    do {
                        try db.write { c in
                            try c.run("INSERT INTO bench (writer, n, note) VALUES (?, ?, ?)",
                                      [.integer(Int64(w)), .integer(Int64(n)), "Báo cáo kết quả khắc phục quý II"])
                        }
                    } catch {
                        failures.with { $0 += 1 }
                    }
                }
                group.leave()
            }
            t.start()
        }
        group.wait()
        let seconds = Date().timeIntervalSince(start)
        let rows = try db.read { try $0.scalar("SELECT count(*) FROM bench").int64Value ?? 0 }
        if failures.value > 0 {
            throw SQLiteError.misuse("\(failures.value) benchmark writes failed")
        }
        return (Int(rows), seconds)
    }
}

/// A value behind a lock (internal helper).
/// @unchecked Sendable: every access goes through `lock`.
final class Locked<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    func with<R>(_ body: (inout T) -> R) -> R { lock.lock(); defer { lock.unlock() }; return body(&stored) }
    var value: T { with { $0 } }
}
