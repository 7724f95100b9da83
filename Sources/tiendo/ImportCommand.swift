import Foundation
import TiendoAPI
import TiendoStore
import TiendoDomain

/// `tiendo import FILE [--issuer ID] [--aggregator ID] [--commit] [--json] [--db FILE]`: reads a plan
/// document (UTF-8 text or .html) against the database's unit directory, prints a readable summary
/// with the warnings (or the whole draft with --json) and, with --commit, stores the plan exactly
/// as POST /api/v1/plans/import?commit=true would. Exit 0 when drafted/stored, 1 otherwise.
enum ImportCommand {
    static func run(_ arguments: Arguments) throws -> Int32 {
        guard let file = arguments.words.dropFirst().first else { throw UsageError("import needs a FILE") }
        let dbPath = DatabaseOpener.path(arguments)
        // importing into a database that does not exist would create an empty one with no units
        guard FileManager.default.fileExists(atPath: dbPath) else {
            throw UsageError("no database at \(dbPath) (give --db FILE of an existing database)")
        }
        guard let data = FileManager.default.contents(atPath: file) else { throw UsageError("cannot read \(file)") }
        guard data.count <= 1_048_576 else { throw UsageError("\(file) is larger than 1 MiB") }
        guard var text = String(data: data, encoding: .utf8) else { throw UsageError("\(file) is not UTF-8 text") }
        if file.lowercased().hasSuffix(".html") || file.lowercased().hasSuffix(".htm") { text = HTMLText.plainText(text) }
        let database = try DatabaseOpener.openMigrated(arguments, readers: 1)
        let store = Store(database: database)
        defer { store.close() }
        let clock = try APIClock.fromEnvironment(arguments.environment)
        let (status, body) = PlanImportCommand.run(store: store, clock: clock, text: text, issuerId: arguments.value("issuer"),
                                                   aggregatorId: arguments.value("aggregator"), commit: arguments.flag("commit"))
        if arguments.flag("json") || !(200..<300).contains(status) && status != 422 {
            print(body)
        } else {
            print(ImportSummary.render(status: status, json: body))
        }
        return (200..<300).contains(status) ? 0 : 1
    }
}

/// The readable form of an import answer: plan header, one line per shortcoming and task, the warnings.
enum ImportSummary {
    static func render(status: Int, json: String) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return json }
        var out: [String] = []
        if status == 201 {
            let tasks = (object["shortcomings"] as? [[String: Any]] ?? []).reduce(0) { $0 + (($1["tasks"] as? [Any])?.count ?? 0) }
            out.append("Đã lưu kế hoạch \(object["number"] as? String ?? "") (id \(object["id"] as? Int ?? 0)): \(tasks) nhiệm vụ.")
            return out.joined(separator: "\n")
        }
        if let draft = object["draft"] as? [String: Any] {
            out.append("Kế hoạch \(draft["number"] as? String ?? "(chưa rõ số)") ngày \(draft["issued_on"] as? String ?? "(chưa rõ)") — \(draft["title"] as? String ?? "")")
            out.append("Cơ quan ban hành: \(draft["issuer_id"] as? String ?? "?") (\(draft["issuer_text"] as? String ?? "")); tổng hợp: \(draft["aggregator_id"] as? String ?? "?"); người ký: \(draft["signer"] as? String ?? "?")")
            if let s = draft["schedule"] as? [String: Any] {
                out.append("Báo cáo: \(s["frequency"] ?? "")/ngày \(s["due_day"] ?? "")\((s["strict"] as? Bool) == true ? " (trước ngày)" : "") — \(draft["schedule_text"] as? String ?? "")")
            }
            for s in draft["shortcomings"] as? [[String: Any]] ?? [] {
                out.append("[\(s["code"] as? String ?? "")] \((s["title"] as? String ?? "").prefix(100))")
                for t in s["tasks"] as? [[String: Any]] ?? [] {
                    let lead = (t["lead"] as? [Any] ?? []).map { ($0 as? String) ?? "?" }.joined(separator: ", ")
                    let due = ((t["deadline"] as? [String: Any])?["kind"] as? String) ?? "?"
                    out.append("   - \((t["title"] as? String ?? "").prefix(70)) | chủ trì: \(lead) | \(t["deadline_text"] as? String ?? "?") (\(due))")
                }
            }
        } else {
            out.append("\(object["title"] as? String ?? "") — \(object["detail"] as? String ?? "")")
        }
        let warnings = object["warnings"] as? [[String: Any]] ?? []
        if !warnings.isEmpty { out.append("Cảnh báo (\(warnings.count)):") }
        for w in warnings {
            let cands = (w["candidates"] as? [String] ?? []).joined(separator: ", ")
            out.append("  dòng \(w["line"] as? Int ?? 0) \((w["blocking"] as? Bool) == true ? "[chặn]" : "") \(w["code"] as? String ?? ""): \(w["text"] as? String ?? "")\(cands.isEmpty ? "" : " → \(cands)")")
        }
        if let st = object["stats"] as? [String: Any] {
            out.append("Tổng: \(st["shortcomings"] ?? 0) hạn chế, \(st["tasks"] ?? 0) nhiệm vụ, \(st["units_resolved"] ?? 0) đơn vị xác định được, \(st["units_unresolved"] ?? 0) chưa xác định.")
        }
        return out.joined(separator: "\n")
    }
}
