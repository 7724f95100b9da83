// The outbox survives a crash: a child `tiendo serve` commits events while its
// webhook worker is held (TIENDO_WEBHOOK_HOLD=1), is killed with SIGKILL, and
// a restarted server delivers every committed event, each with the id it was
// committed with.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoStore

final class WebhookKillTests: XCTestCase {
    let secret = "bi-mat-cua-so-ke-hoach-dau-tu"

    /// The `tiendo` executable built beside this test bundle.
    var binary: URL? {
        var dir = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
        if dir.lastPathComponent == "MacOS" || dir.lastPathComponent == "Contents" { dir = dir.deletingLastPathComponent() }
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("tiendo")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Starts `tiendo serve` on a free port; returns the process and its port (read from the log).
    func serve(_ db: String, hold: Bool) throws -> (Process, Int) {
        guard let binary else { throw XCTSkip("the tiendo executable is not built beside the tests") }
        let child = Process()
        child.executableURL = binary
        child.arguments = ["serve", "--db", db, "--port", "0", "--migrations", TestServer.migrations.path]
        var env = ProcessInfo.processInfo.environment
        env["TIENDO_NOW"] = "2022-06-10T09:00:00+07:00"
        env["TIENDO_ACCESS_LOG"] = "off"
        env["TIENDO_WEBHOOK_HOLD"] = hold ? "1" : nil
        child.environment = env
        let pipe = Pipe()
        child.standardError = pipe
        child.standardOutput = FileHandle.nullDevice
        try child.run()
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.contains("\"listening\"") }),
               let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let port = obj["port"] as? Int {
                // Keep draining the log so the child never blocks on a full pipe.
                let handle = pipe.fileHandleForReading
                Thread { while !handle.availableData.isEmpty {} }.start()
                return (child, port)
            }
        }
        child.terminate()
        throw TestClientError(description: "serve did not start: \(text)")
    }

    func testEventsCommittedBeforeSIGKILLAreDeliveredAfterRestart() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("t.sqlite").path
        do {  // tokens first, in-process: the server has no route for them
            let store = try Store(path: db, migrations: TestServer.migrations, readers: 1)
            let tokens = TokenService(store: store)
            _ = try tokens.create(role: "admin", unitID: nil, token: "kill-test-admin")
            store.close()
        }
        let rx = try LoopbackReceiver(script: [])
        defer { rx.stop() }

        let (first, port) = try serve(db, hold: true)
        let admin = TestClient(port: port, token: "kill-test-admin")
        for u in Plan83.units { XCTAssertEqual(try admin.post("/api/v1/units", u).status, 201) }
        let plan = try admin.post("/api/v1/plans", Plan83.plan)
        XCTAssertEqual(plan.status, 201, plan.text)
        let tasks = (plan.object["shortcomings"] as? [[String: Any]] ?? []).flatMap { ($0["tasks"] as? [[String: Any]]) ?? [] }.compactMap { $0["id"] as? Int }
        let hook = try admin.post("/api/v1/webhooks", ["url": rx.url, "events": ["report.created", "report.revised"], "secret": secret])
        XCTAssertEqual(hook.status, 201, hook.text)
        for (task, unit) in [(tasks[0], "so-lao-dong"), (tasks[1], "so-y-te"), (tasks[0], "so-lao-dong")] {
            let r = try admin.post("/api/v1/reports", report(task, unit, "2022-Q2", "2022-06-09", progress: 20))
            XCTAssertEqual(r.status, 201, r.text)
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        XCTAssertEqual(first.terminationReason, .uncaughtSignal)
        XCTAssertEqual(rx.requests.count, 0, "the held worker sent nothing before the kill")

        let committed: [String] = try {
            let store = try Store(path: db, migrations: TestServer.migrations, readers: 1)
            defer { store.close() }
            return try store.read { try WebhookStore.events(in: $0) }.map(\.uid)
        }()
        XCTAssertEqual(committed.count, 3)

        let (second, _) = try serve(db, hold: false)
        defer { second.terminate(); second.waitUntilExit() }
        XCTAssertTrue(rx.waitFor(3, seconds: 30), "got \(rx.requests.count)")
        let got = rx.requests.map { $0.json["id"] as? String ?? "" }
        XCTAssertEqual(Set(got), Set(committed))
        XCTAssertEqual(got.count, Set(got).count)
        XCTAssertEqual(rx.requests.map { $0.json["type"] as? String ?? "" }.sorted(), ["report.created", "report.created", "report.revised"])
        for r in rx.requests { XCTAssertTrue(WebhookSignature.verify(header: r.headers["tiendo-signature"] ?? "", secret: secret, body: r.body)) }
    }
}
