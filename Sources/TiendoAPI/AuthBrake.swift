// The brute-force brake: after `maxFailures` wrong tokens from one client address within
// `window` seconds, that address gets 429 with Retry-After until the window ends, whatever
// token it sends (a right token must not be confirmed during the block).

import Foundation
import Synchronization
import TiendoHTTP

public final class AuthBrake: Sendable {
    public struct Settings: Sendable, Equatable {
        /// Failed authentications allowed per address and window; 0 turns the brake off.
        /// Env `TIENDO_AUTH_MAX_FAILURES`.
        public var maxFailures: Int = 20
        /// Seconds. Env `TIENDO_AUTH_WINDOW`.
        public var window: Double = 60
        public init(maxFailures: Int = 20, window: Double = 60) { self.maxFailures = maxFailures; self.window = window }

        public static func fromEnvironment(_ env: [String: String]) throws -> Settings {
            var s = Settings()
            if let t = env["TIENDO_AUTH_MAX_FAILURES"], !t.isEmpty {
                guard let v = Int(t), (0...1_000_000).contains(v) else { throw SettingError("TIENDO_AUTH_MAX_FAILURES=\(t) must be a whole number from 0 (off) to 1000000") }
                s.maxFailures = v
            }
            if let t = env["TIENDO_AUTH_WINDOW"], !t.isEmpty {
                guard let v = Double(t), v.isFinite, v >= 1, v <= 86_400 else { throw SettingError("TIENDO_AUTH_WINDOW=\(t) must be seconds from 1 to 86400") }
                s.window = v
            }
            return s
        }
    }

    public struct SettingError: Error, CustomStringConvertible, Sendable {
        public let description: String
        init(_ d: String) { description = d }
    }

    private struct Entry {
        var windowStart: Double
        var failures: Int
        var blockedUntil: Double
    }

    public let settings: Settings
    private let table = Mutex<[String: Entry]>([:])
    /// Monotonic milliseconds until which some address may be blocked: while it is in the
    /// past, `check` answers without taking the lock (the hot path of every request).
    private let anyBlockedUntilMs = Atomic<Int>(0)
    /// Failed authentications since start, for /metrics.
    public let failures = Atomic<Int>(0)
    /// Requests refused with 429 since start.
    public let refusals = Atomic<Int>(0)
    private let now: @Sendable () -> Double
    private let log: @Sendable (String) -> Void
    static let maxTracked = 65_536

    public init(settings: Settings = Settings(), now: @escaping @Sendable () -> Double = AuthBrake.monotonic,
                log: @escaping @Sendable (String) -> Void = Router.logToStandardError) {
        self.settings = settings
        self.now = now
        self.log = log
    }

    public static let monotonic: @Sendable () -> Double = {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// The client's address without its port ("1.2.3.4:5678" → "1.2.3.4").
    static func address(_ remote: String) -> String {
        guard let colon = remote.lastIndex(of: ":") else { return remote }
        return String(remote[..<colon])
    }

    /// Seconds the address must wait (429), or nil when it may try a token.
    public func retryAfter(_ remote: String) -> Int? {
        guard settings.maxFailures > 0 else { return nil }
        let t = now()
        if Int(t * 1000) >= anyBlockedUntilMs.load(ordering: .relaxed) { return nil }
        let key = Self.address(remote)
        return table.withLock { tab -> Int? in
            guard let e = tab[key], e.blockedUntil > t else { return nil }
            return max(1, Int((e.blockedUntil - t).rounded(.up)))
        }
    }

    /// Counts a wrong token from `remote`; the failure that reaches the limit starts a block (logged).
    public func recordFailure(_ remote: String) {
        failures.add(1, ordering: .relaxed)
        guard settings.maxFailures > 0 else { return }
        let t = now()
        let key = Self.address(remote)
        let window = settings.window
        let blockedUntil: Double? = table.withLock { tab in
            if tab.count >= Self.maxTracked {
                tab = tab.filter { $0.value.blockedUntil > t || t - $0.value.windowStart < window }
                if tab.count >= Self.maxTracked { tab.removeAll(keepingCapacity: true) }
            }
            var e = tab[key] ?? Entry(windowStart: t, failures: 0, blockedUntil: 0)
            if t - e.windowStart >= window { e = Entry(windowStart: t, failures: 0, blockedUntil: 0) }
            e.failures += 1
            var started: Double? = nil
            if e.failures == settings.maxFailures {
                e.blockedUntil = e.windowStart + window
                started = e.blockedUntil
            }
            tab[key] = e
            return started
        }
        if let until = blockedUntil {
            let ms = Int(until * 1000) + 1
            var current = anyBlockedUntilMs.load(ordering: .relaxed)
            while current < ms {
                let (exchanged, original) = anyBlockedUntilMs.compareExchange(expected: current, desired: ms, ordering: .relaxed)
                if exchanged { break }
                current = original
            }
            log("{\"level\":\"warning\",\"msg\":\"authentication brake\",\"client\":\(JSONText.quoted(key)),\"failures\":\(settings.maxFailures),\"window_s\":\(window),\"retry_after_s\":\(max(1, Int((until - t).rounded(.up))))}")
        }
    }

    /// 429 `too_many_failed_authentications` with Retry-After.
    static func problem(retryAfter: Int) -> Problem {
        var p = Problem(status: 429, code: "too_many_failed_authentications", title: "Too many requests",
                        detail: "Too many wrong tokens from this address; retry after \(retryAfter) s.")
        p.headers.set("Retry-After", String(retryAfter))
        return p
    }
}
