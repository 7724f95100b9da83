import Foundation
import Testing
import TiendoDomain

@Suite struct PlanImportDumpTests {
    @Test(arguments: ["seed-000.txt", "seed-001.txt", "seed-004.txt"])
    func dump(_ name: String) throws {
        let issuer: String? = name == "seed-000.txt" ? "huyen-hoang-hoa" : nil
        let r = try PlanImporter.read(text: ImportFixtures.text(name), units: ImportFixtures.units, issuerId: issuer).get()
        try ImportFixtures.listing(r).write(toFile: "/tmp/import-\(name)", atomically: true, encoding: .utf8)
        #expect(r.stats.tasks > 0)
    }
}
