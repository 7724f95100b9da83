// Settings of the application that are not the HTTP server's: the brute-force brake and
// who may read /metrics. Read from TIENDO_* variables by `tiendo serve`.

import Synchronization
import TiendoHTTP

/// Who may read `GET /metrics`. Env `TIENDO_METRICS`.
public enum MetricsAccess: String, Sendable, CaseIterable {
    /// 404, as if there were no such route.
    case off
    /// Without a token, but only from 127.0.0.0/8 (the default: a scraper on the same host).
    case loopback
    /// From anywhere, with an aggregator or admin token.
    case token
}

public struct ApplicationOptions: Sendable {
    public var authBrake = AuthBrake.Settings()
    public var metricsAccess = MetricsAccess.loopback
    /// Where /metrics finds the server's connection table, once `tiendo serve` has made it.
    public let server = ServerSlot()

    public init(authBrake: AuthBrake.Settings = AuthBrake.Settings(), metricsAccess: MetricsAccess = .loopback) {
        self.authBrake = authBrake
        self.metricsAccess = metricsAccess
    }

    public static func fromEnvironment(_ env: [String: String]) throws -> ApplicationOptions {
        var o = ApplicationOptions()
        o.authBrake = try AuthBrake.Settings.fromEnvironment(env)
        if let m = env["TIENDO_METRICS"], !m.isEmpty {
            guard let access = MetricsAccess(rawValue: m.lowercased()) else {
                throw AuthBrake.SettingError("TIENDO_METRICS=\(m) must be off, loopback or token")
            }
            o.metricsAccess = access
        }
        return o
    }
}

/// The HTTP server, set after it is built (it is built from the application's router).
public final class ServerSlot: Sendable {
    private let value = Mutex<HTTPServer?>(nil)
    public init() {}
    public func attach(_ server: HTTPServer) { value.withLock { $0 = server } }
    var server: HTTPServer? { value.withLock { $0 } }
}
