// A real server on an ephemeral port over a temporary database, with a clock
// the test moves by hand (no sleeps).

import Foundation
import Synchronization
import XCTest
@testable import TiendoAPI
import TiendoHTTP
import TiendoSQLite
import TiendoStore

final class ManualClock: Sendable {
    private let value: Mutex<Date>
    init(_ d: Date) { value = Mutex(d) }
    var now: Date { value.withLock { $0 } }
    func set(_ rfc3339: String) {
        guard let d = Timestamp.parse(rfc3339) else { fatalError("bad time \(rfc3339)") }
        value.withLock { $0 = d }
    }
    var apiClock: APIClock { APIClock { [self] in self.now } }
}

final class TestServer {
    let dir: URL
    let store: Store
    let server: HTTPServer
    let port: Int
    let clock: ManualClock
    let tokens: TokenService

    static var migrations: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("migrations")
    }

    /// `options`: the application's settings (brute-force brake, metrics access…), defaults unless a test chooses.
    /// `answerCacheBytes` 0: every computed answer is computed (the plan snapshots stay cached).
    init(now: String = "2022-03-20T09:00:00+07:00", options: ApplicationOptions = ApplicationOptions(),
         answerCacheBytes: Int = ReadCaches.defaultAnswerBytes) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = try Store(path: dir.appendingPathComponent("t.sqlite").path, migrations: TestServer.migrations, readers: 2,
                          durability: .normal)
        clock = ManualClock(Timestamp.parse(now)!)
        tokens = TokenService(store: store, clock: clock.apiClock)
        let router = makeApplication(store: store, clock: clock.apiClock, errorLog: { _ in }, answerCacheBytes: answerCacheBytes,
                                     options: options)
        var config = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        config.accessLog = false
        config.eventLoops = 1
        config.shutdownGrace = 2
        server = HTTPServer(configuration: config, responder: router, logger: nil)
        options.server.attach(server)
        port = try server.start()
    }

    func client(_ token: String? = nil) -> TestClient { TestClient(port: port, token: token) }

    func stop() {
        server.shutdown()
        store.close()
        try? FileManager.default.removeItem(at: dir)
    }

    /// Creates a token with a fixed plaintext.
    @discardableResult
    func token(_ plaintext: String, role: String, unit: String? = nil) throws -> String {
        _ = try tokens.create(role: role, unitID: unit, label: plaintext, token: plaintext)
        return plaintext
    }
}

/// Plan 83/KH-UBND (seed 001), trimmed to four tasks with known assignees.
enum Plan83 {
    static var units: [[String: Any]] { [
        ["id": "tinh-thanh-hoa", "name": "UBND tỉnh Thanh Hóa", "kind": "province"],
        ["id": "so-ke-hoach-dau-tu", "name": "Sở Kế hoạch và Đầu tư", "kind": "department", "parent_id": "tinh-thanh-hoa"],
        ["id": "so-lao-dong", "name": "Sở Lao động - Thương binh và Xã hội", "kind": "department", "parent_id": "tinh-thanh-hoa"],
        ["id": "so-y-te", "name": "Sở Y tế", "kind": "department", "parent_id": "tinh-thanh-hoa"],
        ["id": "so-nong-nghiep", "name": "Sở Nông nghiệp và Phát triển nông thôn", "kind": "department", "parent_id": "tinh-thanh-hoa"],
        ["id": "huyen-hoang-hoa", "name": "UBND huyện Hoằng Hóa", "kind": "district", "parent_id": "tinh-thanh-hoa"],
        ["id": "huyen-thuong-xuan", "name": "UBND huyện Thường Xuân", "kind": "district", "parent_id": "tinh-thanh-hoa"],
        ["id": "thanh-pho-thanh-hoa", "name": "UBND thành phố Thanh Hóa", "kind": "district", "parent_id": "tinh-thanh-hoa"],
        ["id": "xa-hoang-dao", "name": "UBND xã Hoằng Đạo", "kind": "commune", "parent_id": "huyen-hoang-hoa"],
    ] }

    static var plan: [String: Any] {
        [
            "number": "83/KH-UBND",
            "title": "Kế hoạch khắc phục những hạn chế, yếu kém trong thực hiện các nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh năm 2021",
            "issuer_id": "tinh-thanh-hoa", "issued_on": "2022-03-24", "signer": "Đỗ Minh Tuấn",
            "aggregator_id": "so-ke-hoach-dau-tu",
            "schedule": ["frequency": "quarterly", "due_day": 15, "strict": false, "window": "calendar"],
            "shortcomings": [
                ["code": "I.3", "title": "Chỉ tiêu giảm tỷ lệ hộ nghèo không đạt kế hoạch",
                 "causes": [["kind": "objective", "text": "Dịch Covid-19 đã ảnh hưởng đến sinh kế, việc làm của người lao động"]],
                 "tasks": [["title": "Tham mưu ban hành Kế hoạch thực hiện Chương trình MTQG giảm nghèo bền vững giai đoạn 2021-2025",
                            "lead": ["so-lao-dong"], "coordinating": ["kind:district"],
                            "deadline": "Năm 2022 và các năm tiếp theo.",
                            "indicator": ["name": "Giảm tỷ lệ hộ nghèo", "unit": "%", "target": 1.5, "aggregate": "average"]]]],
                ["code": "II", "title": "Công tác phòng, chống dịch Covid-19 ở một số địa phương còn hạn chế, thiếu sót",
                 "causes": [["kind": "subjective", "text": "Ban chỉ đạo phòng chống dịch ở một số địa phương chưa thật sự sâu sát"]],
                 "tasks": [["title": "Tập trung triển khai chiến dịch tiêm chủng vắc xin phòng Covid-19 trên địa bàn tỉnh",
                            "lead": ["so-y-te"], "coordinating": ["kind:district"],
                            "deadline": "Năm 2022 và các năm tiếp theo."]]],
                ["code": "III.1.1", "title": "Chuyển dịch cơ cấu cây trồng, vật nuôi chưa chuyển biến mạnh",
                 "causes": [],
                 "tasks": [["title": "Đẩy mạnh chuyển dịch cơ cấu cây trồng, vật nuôi theo hướng phù hợp lợi thế và nhu cầu thị trường",
                            "lead": ["so-nong-nghiep", "kind:district"],
                            "deadline": "Năm 2022 và các năm tiếp theo."]]],
                ["code": "I.1", "title": "Về tốc độ tăng trưởng GRDP, GRDP bình quân đầu người và chuyển dịch cơ cấu các ngành kinh tế",
                 "tasks": [["title": "Đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2022, phấn đấu hoàn thành giải ngân 100% kế hoạch",
                            "lead": ["so-ke-hoach-dau-tu"],
                            "deadline": "chậm nhất ngày 30/11/2022",
                            "indicator": ["name": "Giải ngân vốn đầu tư công", "unit": "%", "target": 100, "aggregate": "sum"]]]],
            ],
        ]
    }

    /// Creates the units and the plan; returns plan id and task ids [A, B, C, D].
    static func create(_ s: TestServer, admin: TestClient) throws -> (plan: Int, tasks: [Int]) {
        for u in units {
            let r = try admin.post("/api/v1/units", u)
            XCTAssertEqual(r.status, 201, r.text)
        }
        let r = try admin.post("/api/v1/plans", plan)
        XCTAssertEqual(r.status, 201, r.text)
        let id = r.object["id"] as? Int ?? 0
        let tasks = (r.object["shortcomings"] as? [[String: Any]] ?? []).flatMap { ($0["tasks"] as? [[String: Any]]) ?? [] }
            .compactMap { $0["id"] as? Int }
        XCTAssertEqual(tasks.count, 4)
        return (id, tasks)
    }
}

func report(_ task: Int, _ unit: String, _ period: String, _ date: String, status: String = "in_progress",
            progress: Double, completedOn: String? = nil, extra: [String: Any] = [:]) -> [String: Any] {
    var r: [String: Any] = ["task_id": task, "unit_id": unit, "period": period, "report_date": date, "status": status,
                            "progress": progress, "result": "Đã triển khai", "obstacles": "", "proposals": ""]
    if let completedOn { r["completed_on"] = completedOn }
    for (k, v) in extra { r[k] = v }
    return r
}

extension TestServer {
    /// A second server on the same database whose answers are recomputed from the revisions
    /// (read model off, nothing cached): what the read model's answers are compared with.
    func startReference() throws -> (server: HTTPServer, port: Int) {
        let reference = makeApplication(store: store, clock: clock.apiClock, errorLog: { _ in }, answerCacheBytes: 0, readModel: false)
        var config = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        config.accessLog = false
        config.eventLoops = 1
        let server = HTTPServer(configuration: config, responder: reference, logger: nil)
        return (server, try server.start())
    }
}

extension XCTestCase {
    /// Polls `condition` — a state another thread reaches, not a duration — for up to 10 s.
    func waitUntil(_ what: String, _ condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(10)
        while !condition() {
            if Date() > deadline { XCTFail("never: \(what)"); return }
            usleep(1_000)
        }
    }
}
