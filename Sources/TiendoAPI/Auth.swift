// Bearer tokens: stored as SHA-256 hex, looked up by hash and compared in
// constant time. Roles: reporter (one unit), aggregator, admin.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoSQLite
import TiendoStore

public struct Principal: Sendable, Hashable {
    public var tokenID: Int64
    public var role: CallerRole
    public var unitID: String?
    public var label: String?
    /// When the token stops working (nil: never).
    public var expiresAt: Date? = nil

    public var isReporter: Bool { role == .reporter }
    /// Aggregators and admins manage plans, units, locks, extensions.
    public var canManage: Bool { role == .aggregator || role == .admin }
}

/// Token life cycle, shared by the API and the `tiendo token` command.
public struct TokenService: Sendable {
    public let store: Store
    public let clock: APIClock

    private let principals = PrincipalCache()

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
        case adminTokenTooShort
        case duplicate
        public var description: String {
            switch self {
            case .invalidRole(let r): return "role must be reporter, aggregator or admin (got \(r))"
            case .reporterNeedsUnit: return "a reporter token needs --unit"
            case .unknownUnit(let u): return "no unit \(u)"
            case .tokenTooShort: return "a token must be at least 8 characters"
            case .adminTokenTooShort: return "an admin token must be at least \(TokenService.minimumAdminTokenLength) characters (e.g. openssl rand -hex 24)"
            case .duplicate: return "that token already exists"
            }
        }
    }

    public static func hash(_ token: String) -> String { SHA256.hex(token) }

    /// An admin token chosen by a person (TIENDO_ADMIN_TOKEN) must be at least this long:
    /// short ones are guessed. Generated tokens are 67 characters.
    public static let minimumAdminTokenLength = 24

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
    public func create(role: String, unitID: String?, label: String? = nil, token: String? = nil, expiresAt: Date? = nil) throws -> Created {
        guard let r = CallerRole(rawValue: role) else { throw TokenError.invalidRole(role) }
        if r == .reporter, unitID == nil { throw TokenError.reporterNeedsUnit }
        let plaintext = token ?? TokenService.generate()
        guard plaintext.utf8.count >= 8 else { throw TokenError.tokenTooShort }
        let rec = TokenRecord(hash: TokenService.hash(plaintext), role: r, unitID: unitID, label: label,
                              createdAt: Timestamp.format(clock.now()), expiresAt: expiresAt.map(Timestamp.format))
        let stored: TokenRecord
        do {
            // Decided on a snapshot, re-checked in the writer by the units and tokens counters.
            stored = try store.submit(Change<Stamped<Bool>, TokenRecord>.stamped(decide: { c in
                if let u = unitID, try !UnitStore.exists(u, in: c) { throw TokenError.unknownUnit(u) }
                return true
            }, stamp: { _, c in
                var stamp = WriteStamp()
                try stamp.addUnits(in: c)
                try stamp.addTokens(in: c)
                return stamp
            }, apply: { _, c in try TokenStore.insert(rec, in: c) }))
        } catch let e as SQLiteError where e.isUniqueViolation {
            throw TokenError.duplicate
        }
        return Created(token: plaintext, record: stored)
    }

    public func list() throws -> [TokenRecord] { try store.read { try TokenStore.list(in: $0) } }

    /// Returns whether an active token was revoked.
    public func revoke(id: Int64) throws -> Bool {
        let at = Timestamp.format(clock.now())
        // Nothing to decide: revoking is idempotent; the pipeline still applies it in the writer.
        return try store.submit(Change<Bool, Bool>(decide: { _ in true }, recheck: { d, _ in d },
                                                   apply: { _, c in try TokenStore.revoke(id, at: at, in: c) }))
    }

    /// On an empty tokens table, stores `token` as an admin token. Returns whether it did.
    @discardableResult
    public func bootstrapAdmin(token: String) throws -> Bool {
        guard token.utf8.count >= 8 else { throw TokenError.tokenTooShort }
        let rec = TokenRecord(hash: TokenService.hash(token), role: .admin, unitID: nil, label: "bootstrap (TIENDO_ADMIN_TOKEN)",
                              createdAt: Timestamp.format(clock.now()))
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
        // A person chose it: refuse what is easily guessed (tests may bootstrap shorter ones directly).
        guard t.count >= TokenService.minimumAdminTokenLength else { throw TokenError.adminTokenTooShort }
        return try bootstrapAdmin(token: t)
    }

    /// Whether the token was live when last checked (a hint; see `PrincipalCache.knows`).
    func recentlyLive(token: String) -> Bool { principals.knows(token) }

    /// The principal of a bearer token, or nil (unknown or revoked). A token seen
    /// before is not hashed and looked up again while the tokens revision (bumped by
    /// a trigger on every token change, whichever process made it) is unchanged.
    public func authenticate(token: String) throws -> Principal? {
        try store.read { c in
            let revision = try RevisionStore.tokens(in: c)
            let now = clock.now()
            if let revision, let p = principals.principal(of: token, revision: revision) {
                // Expiry is a matter of time, not of the revision: checked on every hit.
                if let e = p.expiresAt, now >= e { return nil }
                return p
            }
            let h = TokenService.hash(token)
            // A row the domain cannot read (a role edited by hand past the CHECK) fails closed: 401.
            let found: TokenRecord?
            do { found = try TokenStore.find(hash: h, in: c) } catch is UnknownStoredValue { return nil }
            guard let rec = found,
                  SHA256.constantTimeEquals(rec.hash, h), rec.revokedAt == nil else { return nil }
            let role = rec.role
            // An expiry that does not parse (edited by hand) fails closed.
            var expiresAt: Date? = nil
            if let text = rec.expiresAt {
                guard let e = Timestamp.parse(text) else { return nil }
                expiresAt = e
            }
            if let e = expiresAt, now >= e { return nil }
            let p = Principal(tokenID: rec.id, role: role, unitID: rec.unitID, label: rec.label, expiresAt: expiresAt)
            // No counter (deleted by hand): nothing to tell a revocation by, so nothing is kept.
            if let revision { principals.remember(p, of: token, revision: revision) }
            return p
        }
    }
}

/// Live tokens already checked, for one tokens revision. Unknown and revoked tokens
/// are never kept (a flood of wrong tokens cannot grow it); at most `capacity`
/// tokens, then it starts over. Entries are found by a keyed hash (Hasher's per-process
/// seed) and the token is then compared in constant time, so lookup time tells nothing
/// about the live tokens. Holds bearer tokens in memory, as any session table does.
/// `@unchecked Sendable`: guarded by `lock`.
final class PrincipalCache: @unchecked Sendable {
    static let capacity = 4096
    private struct Entry {
        let token: String
        let principal: Principal
    }
    private let lock = NSLock()
    private var revision: Int64 = .min
    private var entries: [Int: Entry] = [:]

    private static func slot(_ token: String) -> Int {
        var h = Hasher()
        h.combine(token)
        return h.finalize()
    }

    func principal(of token: String, revision: Int64) -> Principal? {
        let slot = Self.slot(token)
        lock.lock(); defer { lock.unlock() }
        guard revision == self.revision, let e = entries[slot], SHA256.constantTimeEquals(e.token, token) else { return nil }
        return e.principal
    }

    /// Whether `token` was live at the latest revision this cache has seen: a hint only (no
    /// snapshot read), for deciding whether a request's body is worth parsing before its
    /// token is checked in the same snapshot as the rest (`authenticate` still decides).
    func knows(_ token: String) -> Bool {
        let slot = Self.slot(token)
        lock.lock(); defer { lock.unlock() }
        guard let e = entries[slot] else { return false }
        return SHA256.constantTimeEquals(e.token, token)
    }

    func remember(_ p: Principal, of token: String, revision: Int64) {
        let slot = Self.slot(token)
        lock.lock(); defer { lock.unlock() }
        if revision != self.revision {
            // A reader still on an older snapshot must not put its answer into a newer revision.
            guard revision > self.revision else { return }
            entries.removeAll(keepingCapacity: true)
            self.revision = revision
        }
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[slot] = Entry(token: token, principal: p)
    }
}

extension APIContext {
    /// 401 `unauthorized` unless the request carries a live bearer token.
    func authenticate(_ req: HTTPRequest) throws -> Principal {
        // An address that sent too many wrong tokens is told to wait, whatever it sends now.
        if let wait = brake.retryAfter(req.remoteAddress) {
            brake.refusals.add(1, ordering: .relaxed)
            throw AuthBrake.problem(retryAfter: wait)
        }
        guard let header = req.headers["Authorization"] else {
            // A signed-in browser following a page's export link (GET only: a cookie never
            // authorizes a write, so no API write can be forged cross-site) acts as its session.
            if req.method.isGetOrHead, let viewer = try pageViewer(req) { return viewer.principal }
            throw Problem.unauthorized("Send Authorization: Bearer <token>.")
        }
        guard let token = bearerToken(header) else {
            throw Problem.unauthorized("The Authorization header must be: Bearer <token>.")
        }
        guard !token.isEmpty, token.utf8.count <= 512, let p = try tokens.authenticate(token: token) else {
            brake.recordFailure(req.remoteAddress)
            throw Problem.unauthorized("The token is unknown, revoked or expired.")
        }
        return p
    }

    /// Whether the request's bearer token was live when last checked: a hint that lets a
    /// write parse its body first and check the token in the same snapshot as its other reads.
    /// Unknown tokens get no such credit: they are refused before their body is parsed.
    func hasRecentlyLiveToken(_ req: HTTPRequest) -> Bool {
        guard let header = req.headers["Authorization"], let token = bearerToken(header),
              !token.isEmpty, token.utf8.count <= 512 else { return false }
        return tokens.recentlyLive(token: token)
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

/// The token of `Bearer <token>` (scheme case-insensitive, spaces and tabs around the
/// token ignored), nil for another scheme. Byte-level: this runs on every request.
func bearerToken(_ header: String) -> String? {
    let bytes = Array(header.utf8)
    func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    guard let gap = bytes.firstIndex(where: blank) else { return nil }
    guard bytes[..<gap].map({ $0 | 0x20 }) == Array("bearer".utf8) else { return nil }
    var start = gap, end = bytes.count
    while start < end, blank(bytes[start]) { start += 1 }
    while end > start, blank(bytes[end - 1]) { end -= 1 }
    return String(decoding: bytes[start..<end], as: UTF8.self)
}
