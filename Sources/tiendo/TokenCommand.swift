import Foundation
import TiendoAPI
import TiendoStore

/// `tiendo token create|list|revoke`: the only way to mint tokens besides the
/// TIENDO_ADMIN_TOKEN bootstrap. The secret is printed once; only its hash is kept.
enum TokenCommand {
    static func run(_ arguments: Arguments) throws -> Int32 {
        let action = arguments.words.dropFirst().first ?? ""
        let database = try DatabaseOpener.openMigrated(arguments, readers: 1)
        let store = Store(database: database)
        defer { store.close() }
        let service = TokenService(store: store, clock: try APIClock.fromEnvironment(arguments.environment))
        switch action {
        case "create":
            let role = try arguments.required("role")
            let created = try service.create(role: role, unitID: arguments.value("unit"), label: arguments.value("label"))
            Log.standardError("token \(created.record.id) created: role=\(created.record.role.rawValue) unit=\(created.record.unitID ?? "-"); its secret, shown only this once:")
            print(created.token)
        case "list":
            print("id\trole\tunit\tlabel\tcreated_at\trevoked_at")
            for token in try service.list() {
                print([String(token.id), token.role.rawValue, token.unitID ?? "-", token.label ?? "-", token.createdAt, token.revokedAt ?? "-"].joined(separator: "\t"))
            }
        case "revoke":
            guard let text = arguments.words.dropFirst(2).first, let id = Int64(text) else {
                throw UsageError("token revoke needs a token id (see token list)")
            }
            guard try service.revoke(id: id) else {
                Log.standardError("no active token with id \(id)")
                return 1
            }
            print("revoked token \(id)")
        default:
            throw UsageError("token needs create, list or revoke")
        }
        return 0
    }
}
