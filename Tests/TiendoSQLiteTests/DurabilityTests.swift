import Foundation
import XCTest
@testable import TiendoSQLite

/// SIGKILL a writer mid-stream: every write it acknowledged must be in the database afterwards.
///
/// The child is this same test binary, re-launched with a filter that runs only
/// `testChildWriterLoop` and the env var `TIENDO_SQLITE_CHILD_DB`; without that variable the
/// child test returns at once. The child prints `ack <id>` after each `write` is answered (i.e.
/// after the COMMIT that holds it). Note: SIGKILL kills the process, not the kernel, so this
/// proves "answered only after COMMIT" and crash-consistency of the WAL; power loss is covered
/// by synchronous=FULL (checked in DatabaseTests.testPragmas), not by this test.
final class DurabilityTests: XCTestCase {
    static let childEnv = "TIENDO_SQLITE_CHILD_DB"

    func testChildWriterLoop() throws {
        guard let path = ProcessInfo.processInfo.environment[Self.childEnv] else { return }  // only as a child
        let db = try Database(path: path, readers: 1)
        let out = FileHandle.standardOutput
        let printLock = NSLock()
        out.write("ready\n".data(using: .utf8)!)
        // 8 writer threads so acknowledgements come from shared (group) commits.
        for t in 0..<8 {
            Thread {
                var n = 0
                while true {
                    n += 1
                    let n = n
                    do {
                        let id = try db.write { c in
                            try c.run("INSERT INTO acked (writer, n, note) VALUES (?, ?, ?)",
                                      [.integer(Int64(t)), .integer(Int64(n)), "Báo cáo quý \(n % 4 + 1)"])
                            return c.lastInsertRowID
                        }
                        printLock.lock()
                        out.write("ack \(id)\n".data(using: .utf8)!)  // unbuffered write(2)
                        printLock.unlock()
                    } catch {
                        printLock.lock()
                        out.write("error \(error)\n".data(using: .utf8)!)
                        printLock.unlock()
                    }
                }
            }.start()
        }
        Thread.sleep(forTimeInterval: 120)  // killed long before
        XCTFail("child was not killed")
    }

    func testSIGKILLMidWritesLosesNoAcknowledgedWrite() throws {
        if ProcessInfo.processInfo.environment[Self.childEnv] != nil { return }
        let dir = makeTempDir(self)
        let path = dir.appendingPathComponent("durable.sqlite").path
        do {
            let db = try Database(path: path, readers: 1)
            try db.write { try $0.execute("CREATE TABLE acked (id INTEGER PRIMARY KEY, writer INTEGER, n INTEGER, note TEXT)") }
            db.close()
        }

        let binary = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        let child = Process()
        child.executableURL = binary
        child.arguments = ["TiendoSQLiteTests.DurabilityTests/testChildWriterLoop"]
        var env = ProcessInfo.processInfo.environment
        env[Self.childEnv] = path
        child.environment = env
        let pipe = Pipe()
        child.standardOutput = pipe
        child.standardError = FileHandle.nullDevice
        try child.run()

        let wanted = 2000
        var acked = Set<Int64>()
        var buffer = Data()
        var errors: [String] = []
        func consume(_ data: Data) {
            buffer.append(data)
            while let nl = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...nl)
                if line.hasPrefix("ack "), let id = Int64(line.dropFirst(4)) { acked.insert(id) }
                else if line.hasPrefix("error ") { errors.append(line) }
            }
        }
        let reader = pipe.fileHandleForReading
        let deadline = Date().addingTimeInterval(60)
        while acked.count < wanted && Date() < deadline {
            let data = reader.availableData
            if data.isEmpty { break }  // EOF: child died on its own
            consume(data)
        }
        XCTAssertTrue(child.isRunning, "child still writing when killed")
        kill(child.processIdentifier, SIGKILL)
        // Acknowledgements already written to the pipe count too.
        while true {
            let data = reader.availableData
            if data.isEmpty { break }
            consume(data)
        }
        child.waitUntilExit()
        XCTAssertEqual(child.terminationReason, .uncaughtSignal)
        XCTAssertEqual(errors, [])
        XCTAssertGreaterThanOrEqual(acked.count, wanted, "child acknowledged enough writes")

        // Reopen like a restarted server: WAL recovery, then every acknowledged id must be there.
        let db = try Database(path: path, readers: 1)
        defer { db.close() }
        let stored = try db.read { c in Set(try c.query("SELECT id FROM acked").map { $0.int(0)! }) }
        XCTAssertTrue(acked.isSubset(of: stored), "lost acknowledged writes: \(acked.subtracting(stored).sorted().prefix(10))")
        XCTAssertEqual(try db.read { try $0.integrityCheck() }, ["ok"])
        print("durability: \(acked.count) acknowledged, \(stored.count) stored, \(db.statistics)")
    }
}
