import Foundation
import TiendoDomain

/// The plan-import fixtures: seed documents, the Thanh Hóa unit directory, the gold structures.
enum ImportFixtures {
    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/PlanImport/\(name)", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Fixtures/PlanImport/\(name)")
    }
    static func text(_ name: String) -> String {
        (try? String(contentsOf: url(name), encoding: .utf8)) ?? ""
    }
    static let units: [DirectoryUnit] = {
        guard let data = try? Data(contentsOf: url("units.json")) else { return [] }
        return (try? JSONDecoder().decode([DirectoryUnit].self, from: data)) ?? []
    }()

    /// A compact listing of a draft, one line per task (for failure messages and the dump).
    static func listing(_ r: PlanImportResult) -> String {
        var out = "number=\(r.draft.number ?? "-") issued=\(r.draft.issuedOn.map { "\($0)" } ?? "-") signer=\(r.draft.signer ?? "-") issuer=\(r.draft.issuerId ?? "-") aggregator=\(r.draft.aggregatorId ?? "-") schedule=\(r.draft.schedule.map { "\($0.frequency.rawValue)/\($0.dueDay)/\($0.strict)" } ?? "-")\n title=\(r.draft.title ?? "-")\n"
        for s in r.draft.shortcomings {
            out += "[\(s.code)] L\(s.line) \(s.title.prefix(60))\n"
            for t in s.tasks {
                out += "   L\(t.lines[0]) \(t.title.prefix(50)) | lead=\(t.lead.map { $0 ?? "nil" }) | \(t.deadline.map { "\($0.kind.rawValue) \($0.dueOn.map { "\($0)" } ?? "\($0.year ?? 0)")" } ?? "nil")\n"
            }
        }
        for w in r.warnings { out += "! L\(w.line) \(w.code) \(w.text.prefix(60)) \(w.candidates)\n" }
        return out
    }
}
