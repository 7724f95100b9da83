import Foundation
import TiendoAPI
import TiendoStore

/// `tiendo demo` and `serve --demo`: the demo province, plan 83/KH-UBND and a few
/// quarters of reports, so a newcomer's first curl answers something meaningful.
enum DemoCommand {
    static func run(_ arguments: Arguments) throws -> Int32 {
        let database = try DatabaseOpener.openMigrated(arguments, readers: 1)
        let store = Store(database: database)
        defer { store.close() }
        try loadIfEmpty(store: store, clock: try APIClock.fromEnvironment(arguments.environment))
        return 0
    }

    static func loadIfEmpty(store: Store, clock: APIClock) throws {
        Log.standardError("demo data: not available yet")
    }
}
