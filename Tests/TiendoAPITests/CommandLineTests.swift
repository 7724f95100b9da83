// Issue 15, items 3 and 6: the `tiendo` binary itself, run as an operator would.
// Needs the executable built beside the tests (`swift build --build-tests` builds it).

import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The built `tiendo` executable, next to the test bundle.
func tiendoExecutable() throws -> URL {
    var candidates: [URL] = []
    let bundle = Bundle.main.bundleURL
    candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("tiendo"))
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tiendo"))
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug/tiendo"))
    for c in candidates where FileManager.default.isExecutableFile(atPath: c.path) { return c }
    throw XCTSkip("the tiendo executable is not built (run swift build --build-tests); looked in \(candidates.map(\.path))")
}

struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

final class CommandLineTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    @discardableResult
    func run(_ args: [String], env: [String: String] = [:]) throws -> CommandResult {
        let p = Process()
        p.executableURL = try tiendoExecutable()
        p.arguments = args
        p.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        for k in environment.keys where k.hasPrefix("TIENDO_") { environment[k] = nil }
        environment["TIENDO_MIGRATIONS"] = TestServer.migrations.path
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CommandResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    var files: [String] { (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] }

    func testHelpOfEveryCommandPrintsUsageAndCreatesNothing() throws {
        for args in [["serve", "--help"], ["serve", "-h"], ["token", "list", "--help"], ["backup", "-h"], ["migrate", "--help"],
                     ["demo", "--help"], ["--help"], ["serve", "--port", "9", "--help"]] {
            let r = try run(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("usage: tiendo"), "\(args)")
            XCTAssertEqual(files, [], "\(args) created \(files)")
        }
    }

    func testCommandsOtherThanServeAndMigrateRefuseAMissingDatabase() throws {
        for args in [["token", "list"], ["token", "create", "--role", "admin"], ["token", "revoke", "1"], ["demo"],
                     ["backup", "--to", "copy.sqlite"]] {
            let r = try run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains("no database at tiendo.sqlite"), "\(args): \(r.stderr)")
            XCTAssertEqual(files, [], "\(args) created \(files)")
        }
        XCTAssertEqual(try run(["migrate"]).status, 0)
        XCTAssertTrue(files.contains("tiendo.sqlite"))
        XCTAssertEqual(try run(["token", "list"]).status, 0)
    }

    func testBackupRefusesToOverwriteWithoutForce() throws {
        XCTAssertEqual(try run(["migrate", "--db", "a.sqlite"]).status, 0)
        XCTAssertEqual(try run(["backup", "--db", "a.sqlite", "--to", "b.sqlite"]).status, 0)
        try Data("precious".utf8).write(to: dir.appendingPathComponent("c.sqlite"))
        let refused = try run(["backup", "--db", "a.sqlite", "--to", "c.sqlite"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("--force"), refused.stderr)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("c.sqlite"), encoding: .utf8), "precious")
        XCTAssertEqual(try run(["backup", "--db", "a.sqlite", "--to", "c.sqlite", "--force"]).status, 0)
        XCTAssertNotEqual(try Data(contentsOf: dir.appendingPathComponent("c.sqlite")), Data("precious".utf8))
    }

    func testShortBootstrapAdminTokenIsRefused() throws {
        let r = try run(["serve", "--port", "0"], env: ["TIENDO_ADMIN_TOKEN": "change-me-please"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("at least 24 characters"), r.stderr)
    }
}

/// `tiendo serve` in the background, for tests that need the real process.
final class ServeProcess {
    let process = Process()
    let stderr = Pipe()
    private(set) var log = ""
    private(set) var port = 0

    init(directory: URL, args: [String], env: [String: String], shell: String? = nil) throws {
        let exe = try tiendoExecutable()
        if let shell {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", shell + " && exec \"$0\" \"$@\"", exe.path] + ["serve"] + args
        } else {
            process.executableURL = exe
            process.arguments = ["serve"] + args
        }
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        for k in environment.keys where k.hasPrefix("TIENDO_") { environment[k] = nil }
        environment["TIENDO_MIGRATIONS"] = TestServer.migrations.path
        environment["TIENDO_ACCESS_LOG"] = "off"
        for (k, v) in env { environment[k] = v }
        process.environment = environment
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Read stderr until the "listening" line names the port (generous deadline).
        let deadline = Date().addingTimeInterval(30)
        let fh = stderr.fileHandleForReading
        while port == 0 && Date() < deadline && process.isRunning {
            let data = fh.availableData
            if data.isEmpty { break }
            log += String(decoding: data, as: UTF8.self)
            for line in log.split(separator: "\n") where line.contains("\"event\":\"listening\"") {
                if let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let p = obj["port"] as? Int { port = p }
            }
        }
        if port == 0 { stop(); throw TestClientError(description: "serve did not start: \(log)") }
    }

    /// SIGTERM, then waits for the exit (generous deadline); a server that ignores it is killed
    /// and reported instead of hanging the test run.
    @discardableResult
    func stop() -> Bool {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return false
        }
        return true
    }
}

final class ServeProcessTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    /// A SIGTERM sent as soon as "listening" is read drains and exits 0, every time: serve blocks
    /// the signals before any thread exists and takes them with sigwait (with Dispatch signal
    /// sources one could arrive before the source was armed and be dropped: 1 run in 12 hung).
    func testSIGTERMJustAfterListeningAlwaysStopsTheServer() throws {
        for round in 0..<8 {
            let s = try ServeProcess(directory: dir, args: ["--port", "0", "--db", dir.appendingPathComponent("r\(round).sqlite").path],
                                     env: [:])
            XCTAssertTrue(s.stop(), "round \(round): serve ignored SIGTERM and was killed")
            XCTAssertEqual(s.process.terminationStatus, 0, "round \(round)")
        }
    }

    func testAdminTokenIgnoredBecauseTokensExistIsLogged() throws {
        let first = try ServeProcess(directory: dir, args: ["--port", "0"], env: ["TIENDO_ADMIN_TOKEN": "a-first-admin-token-of-24-chars"])
        first.stop()
        XCTAssertTrue(first.log.contains("admin_token_bootstrapped"), first.log)
        let second = try ServeProcess(directory: dir, args: ["--port", "0"], env: ["TIENDO_ADMIN_TOKEN": "another-admin-token-24-chars"])
        defer { second.stop() }
        XCTAssertTrue(second.log.contains("admin_token_ignored"), second.log)
        XCTAssertEqual(try TestClient(port: second.port, token: "another-admin-token-24-chars").get("/api/v1/units").status, 401)
        XCTAssertEqual(try TestClient(port: second.port, token: "a-first-admin-token-of-24-chars").get("/api/v1/units").status, 200)
    }

    /// With a file limit below the connection cap the server lowers the cap (and says so), so
    /// every new client gets an answer — never a connection left hanging in the backlog.
    func testALowFileLimitLowersTheCapAndNoClientHangs() throws {
        let serve = try ServeProcess(directory: dir, args: ["--port", "0"], env: ["TIENDO_MAX_CONNECTIONS": "1024", "TIENDO_EVENT_LOOPS": "1"],
                                     shell: "ulimit -n 96")
        defer { serve.stop() }
        XCTAssertTrue(serve.log.contains("connection cap lowered"), serve.log)
        XCTAssertTrue(serve.log.contains("\"max_connections\":32"), serve.log)
        // Far more clients than descriptors, all held open; each must be answered.
        var held: [Int32] = []
        defer { for fd in held { close(fd) } }
        var statuses: [Int: Int] = [:]
        for i in 0..<150 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            XCTAssertGreaterThanOrEqual(fd, 0)
            var tv = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = in_port_t(UInt16(serve.port).bigEndian)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            XCTAssertEqual(rc, 0)
            held.append(fd)
            let req = Array("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
            _ = req.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            var buf = [UInt8](repeating: 0, count: 512)
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 12 else { XCTFail("client \(i) got no answer (n=\(n), errno \(errno))"); return }
            let status = Int(String(decoding: buf[9..<12], as: UTF8.self)) ?? 0
            statuses[status, default: 0] += 1
        }
        XCTAssertEqual(statuses.keys.filter { $0 != 200 && $0 != 503 }, [], "\(statuses)")
        XCTAssertEqual(statuses.values.reduce(0, +), 150)
        // And it still serves.
        XCTAssertEqual(try TestClient(port: serve.port).get("/health").status, 200)
    }
}
