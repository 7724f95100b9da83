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

    /// Loads the demo unless it is already there; either way prints the demo tokens.
    static func loadIfEmpty(store: Store, clock: APIClock) throws {
        do {
            let summary = try DemoData.load(into: store, now: clock.now())
            Log.event("demo_loaded", ["plan_id": summary.planID, "units": summary.units,
                                      "tasks": summary.tasks, "reports": summary.reports])
        } catch DemoError.alreadyLoaded {
            Log.event("demo_already_loaded")
        }
        Log.standardError("demo tokens (use as: Authorization: Bearer <token>):")
        for token in DemoData.tokens {
            Log.standardError("  \(token.token.padding(toLength: 18, withPad: " ", startingAt: 0)) \(token.role.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(token.unitID ?? "")")
        }
    }
}
