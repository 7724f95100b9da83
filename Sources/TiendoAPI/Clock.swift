// The server's notion of "now". `TIENDO_NOW` (RFC 3339) fixes it for the
// whole server — tests, demos, replaying history.

import Foundation
import TiendoDomain
import TiendoStore

public struct APIClock: Sendable {
    public let now: @Sendable () -> Date

    public init(_ now: @escaping @Sendable () -> Date) { self.now = now }

    public static let system = APIClock { Date() }

    public static func fixed(_ instant: Date) -> APIClock { APIClock { instant } }

    /// `TIENDO_NOW` when set (throws on an unreadable value), else the system clock.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> APIClock {
        guard let text = env["TIENDO_NOW"], !text.isEmpty else { return .system }
        guard let d = Timestamp.parse(text) else { throw ClockError(text: text) }
        return .fixed(d)
    }

    /// The local (UTC+7) day of now.
    public var today: CivilDate { VietnamTime.localDate(of: now()) }
}

public struct ClockError: Error, CustomStringConvertible, Sendable {
    public let text: String
    public var description: String { "TIENDO_NOW=\(text) is not an RFC 3339 timestamp (e.g. 2022-06-14T09:10:00+07:00)" }
}
