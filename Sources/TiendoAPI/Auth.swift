// Bearer tokens: stored as SHA-256 hex, looked up by hash and compared in
// constant time. Roles: reporter (one unit), aggregator, admin.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

public struct Principal: Sendable, Equatable {
    public var tokenID: Int64
    public var role: CallerRole
    public var unitID: String?
    public var label: String?

    public var isReporter: Bool { role == .reporter }
    /// Aggregators and admins manage plans, units, locks, extensions.
    public var canManage: Bool { role == .aggregator || role == .admin }
}

/// Token life cycle, shared by the API and the `tiendo token` command.
public struct TokenService: Sendable {
    public let store: Store
    public let clock: APIClock

    public init(store: Store, clock: APIClock = .system) { self.store = store; self.clock = clock }

    public struct Created: Sendable {
        /// The plaintext bearer token: shown once, never stored.
        public var token: String
        public var record: TokenRecord
    }

    public enum TokenError: Error, CustomStringConvertible, Sendable {
        case invalidRole(String)
        case reporterNeedsUnit
        case unknownUnit(String)
        case tokenTooShort
        case duplicate
        public var description: String {
            switch self {
            case .invalidRole(let r): return "role must be reporter, aggregator or admin (got \(r))"
            case .reporterNeedsUnit: return "a reporter token needs --unit"
            case .unknownUnit(let u): return "no unit \(u)"
            case .tokenTooShort: return "a token must be at least 8 characters"
            case .duplicate: return "that token already exists"
            }
        }
    }

    public static func hash(_ token: String) -> String { SHA256.hex(token) }

    /// 32 random bytes as 64 hex characters, prefixed `td_`.
    public static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        var s = "td_"
        for _ in 0..<32 {
            let b = UInt8.random(in: 0...255, using: &rng)
            s.append(digits[Int(b >> 4)]); s.append(digits[Int(b & 0xf)])
        }
        return s
    }

    /// Creates a token (a random one unless `token` is given) and returns its plaintext once.
    public func create(role: String, unitID: String?, label: String? = nil, token: String? = nil) throws -> Created {
        guard let r = CallerRole(rawValue: role) else { throw TokenError.invalidRole(role) }
        if r == .reporter, unitID == nil { throw TokenError.reporterNeedsUnit }
        let plaintext = token ?? TokenService.generate()
        guard plaintext.utf8.count >= 8 else { throw TokenError.tokenTooShort }
        let rec = TokenRecord(hash: TokenService.hash(plaintext), role: r.rawValue, unitID: unitID, label: label,
                              createdAt: Timestamp.format(clock.now()))
        let stored: TokenRecord
        defer { TokenCache.shared.invalidate() }
        do {
            stored = try store.write { c -> TokenRecord in
                if let u = unitID, try !UnitStore.exists(u, in: c) { throw TokenError.unknownUnit(u) }
                return try TokenStore.insert(rec, in: c)
            }
        } catch let e as SQLiteError where e.isUniqueViolation {
            throw TokenError.duplicate
        }
        return Created(token: plaintext, record: stored)
    }

    public func list() throws -> [TokenRecord] { try store.read { try TokenStore.list(in: $0) } }

    /// Returns whether an active token was revoked.
    public func revoke(id: Int64) throws -> Bool {
        let at = Timestamp.format(clock.now())
        defer { TokenCache.shared.invalidate() }  // also on error: the write may have committed
        return try store.write { try TokenStore.revoke(id, at: at, in: $0) }
    }

    /// On an empty tokens table, stores `token` as an admin token. Returns whether it did.
    @discardableResult
    public func bootstrapAdmin(token: String) throws -> Bool {
        guard token.utf8.count >= 8 else { throw TokenError.tokenTooShort }
        let rec = TokenRecord(hash: TokenService.hash(token), role: "admin", unitID: nil, label: "bootstrap (TIENDO_ADMIN_TOKEN)",
                              createdAt: Timestamp.format(clock.now()))
        defer { TokenCache.shared.invalidate() }
        return try store.write { c -> Bool in
            guard try TokenStore.count(in: c) == 0 else { return false }
            _ = try TokenStore.insert(rec, in: c)
            return true
        }
    }

    /// `TIENDO_ADMIN_TOKEN` bootstrap, for `serve`.
    @discardableResult
    public func bootstrapFromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Bool {
        guard let t = env["TIENDO_ADMIN_TOKEN"], !t.isEmpty else { return false }
        return try bootstrapAdmin(token: t)
    }

    /// The principal of a bearer token, or nil (unknown or revoked). A live token read from the
    /// database in the last second is answered from `TokenCache` (see there for revocation).
    public func authenticate(token: String) throws -> Principal? {
        let h = TokenService.hash(token)
        let cache = TokenCache.shared
        if let p = cache.principal(store, hash: h) { return p }
        let generation = cache.generation
        guard let rec = try store.read({ try TokenStore.find(hash: h, in: $0) }),
              SHA256.constantTimeEquals(rec.hash, h), rec.revokedAt == nil,
              let role = CallerRole(rawValue: rec.role) else { return nil }
        let p = Principal(tokenID: rec.id, role: role, unitID: rec.unitID, label: rec.label)
        cache.remember(store, hash: h, p, readIn: generation)
        return p
    }
}

/// Live tokens recently read from the database, so each request does not pay a read to check
/// its bearer token again.
///
/// Revocation stays effective:
///  - in this process (`TokenService.revoke`, and `create`/`bootstrapAdmin`), the cache is
///    emptied after the write, before the call returns: the next request reads the database;
///  - from another process (`tiendo token revoke` on the same file while the server runs),
///    an entry is trusted for at most `ttl` (1 s) after it was read; the first request after
///    that reads the token again and sees `revoked_at`. `PRAGMA data_version` cannot replace
///    the timer: it changes on every commit of our own writer too (each POST), so under write
///    load it would never let an entry live.
/// Only live tokens are cached: an unknown or revoked token is read every time (a token just
/// created by another process works at once, and made-up tokens cannot fill the cache).
/// Keyed by the store and the token's SHA-256 (the plaintext is not kept). Bounded: emptied
/// when it reaches `capacity` entries.
/// `@unchecked Sendable`: the mutable state is guarded by `lock`.
final class TokenCache: @unchecked Sendable {
    static let shared = TokenCache()
    /// How long an entry read from the database is trusted.
    static let ttl: UInt64 = 1_000_000_000  // ns
    static let capacity = 4096

    private struct Key: Hashable {
        let store: ObjectIdentifier
        let hash: String
    }
    private struct Entry {
        weak var store: Store?
        let principal: Principal
        let readAt: UInt64
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var generationValue: UInt64 = 0

    /// Bumped by `invalidate()`; an entry read before a bump is not stored.
    var generation: UInt64 { lock.lock(); defer { lock.unlock() }; return generationValue }

    private static func monotonicNow() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    func principal(_ store: Store, hash: String) -> Principal? {
        let now = TokenCache.monotonicNow()
        lock.lock(); defer { lock.unlock() }
        guard let e = entries[Key(store: ObjectIdentifier(store), hash: hash)], e.store === store,
              now &- e.readAt < TokenCache.ttl else { return nil }
        return e.principal
    }

    /// Stores a principal read from the database when no token write happened since `generation` was taken.
    func remember(_ store: Store, hash: String, _ p: Principal, readIn generation: UInt64) {
        let now = TokenCache.monotonicNow()
        lock.lock(); defer { lock.unlock() }
        guard generation == generationValue else { return }
        if entries.count >= TokenCache.capacity { entries.removeAll(keepingCapacity: true) }
        entries[Key(store: ObjectIdentifier(store), hash: hash)] = Entry(store: store, principal: p, readAt: now)
    }

    /// Call after any write to the tokens table made in this process.
    func invalidate() {
        lock.lock(); defer { lock.unlock() }
        generationValue &+= 1
        entries.removeAll()
    }
}

extension APIContext {
    /// 401 `unauthorized` unless the request carries a live bearer token.
    func authenticate(_ req: HTTPRequest) throws -> Principal {
        guard let header = req.headers["Authorization"] else {
            throw Problem.unauthorized("Send Authorization: Bearer <token>.")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Problem.unauthorized("The Authorization header must be: Bearer <token>.")
        }
        // Trim .whitespaces as before; a token with no blank at either end (every real one) is taken as is.
        let raw = parts[1]
        let token: String
        if let first = raw.unicodeScalars.first, let last = raw.unicodeScalars.last,
           !CharacterSet.whitespaces.contains(first), !CharacterSet.whitespaces.contains(last) {
            token = String(raw)
        } else {
            token = raw.trimmingCharacters(in: .whitespaces)
        }
        guard !token.isEmpty, token.utf8.count <= 512, let p = try tokens.authenticate(token: token) else {
            throw Problem.unauthorized("The token is unknown or revoked.")
        }
        return p
    }

    /// 403 `role_forbidden` unless the caller is an aggregator or admin.
    func requireManager(_ p: Principal) throws {
        guard p.canManage else {
            throw Problem.forbidden("role_forbidden", "This needs an aggregator or admin token; yours is a \(p.role.rawValue) token.")
        }
    }

    func requireAdmin(_ p: Principal) throws {
        guard p.role == .admin else {
            throw Problem.forbidden("role_forbidden", "This needs an admin token; yours is a \(p.role.rawValue) token.")
        }
    }
}
