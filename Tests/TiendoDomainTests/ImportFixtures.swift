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
}
