// Sessions for the pages: /login trades a pasted API token for a random session
// secret in an HttpOnly, SameSite=Strict cookie (Secure when TIENDO_PUBLIC_URL is
// https). Only the secret's SHA-256 is stored (migration 0008), with an expiry; a
// session acts exactly as its token (same Principal, so the same rules as the
// API), and ends at logout, at expiry, or when the token is revoked.
// The CSRF token of a session is derived from its secret, so it needs no column
// and differs per session; the login form, which has no session yet, uses a
// double-submit cookie instead.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoStore

/// Who is looking at a page: the token's principal, through a live session.
struct PageViewer: Sendable {
    let principal: Principal
    /// SHA-256 of the session secret (the stored key).
    let sessionHash: String
    /// The value every form of this session must post back as `csrf`.
    let csrf: String
}

enum PageCookies {
    static let session = "tiendo_session"
    static let loginCSRF = "tiendo_login_csrf"
    static let lifetime: TimeInterval = 12 * 3600   // one working day

    /// Cookie attributes: never readable from scripts, never sent cross-site.
    static func attributes(secure: Bool, maxAge: Int) -> String {
        "; Path=/; HttpOnly; SameSite=Strict; Max-Age=\(maxAge)" + (secure ? "; Secure" : "")
    }

    /// The value of cookie `name` in a `Cookie:` header (`a=1; b=2`).
    static func value(_ name: String, in req: HTTPRequest) -> String? {
        guard let header = req.headers["Cookie"], header.utf8.count <= 8192 else { return nil }
        for part in header.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces) == name else { continue }
            let v = kv[1].trimmingCharacters(in: .whitespaces)
            // Our secrets are 64 hex digits; anything else is not ours.
            guard v.utf8.count == 64, v.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else { return nil }
            return v
        }
        return nil
    }

    static func secret() -> String {
        var rng = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        var s = ""
        for _ in 0..<32 {
            let b = UInt8.random(in: 0...255, using: &rng)
            s.append(digits[Int(b >> 4)]); s.append(digits[Int(b & 0xf)])
        }
        return s
    }

    static func csrf(ofSecret secret: String) -> String { SHA256.hex("tiendo-csrf\n" + secret) }
}

extension APIContext {
    /// The live session the request's cookie names, or nil (no cookie, unknown, expired,
    /// logged out, or its token revoked).
    func pageViewer(_ req: HTTPRequest) throws -> PageViewer? {
        guard let secret = PageCookies.value(PageCookies.session, in: req) else { return nil }
        let hash = SHA256.hex(secret)
        guard let s = try store.read({ try SessionStore.find(hash: hash, in: $0) }),
              s.revokedAt == nil, !s.tokenRevoked,
              let expires = Timestamp.parse(s.expiresAt), expires > now,
              let role = CallerRole(rawValue: s.role) else { return nil }
        return PageViewer(principal: Principal(tokenID: s.tokenID, role: role, unitID: s.unitID, label: s.label),
                          sessionHash: hash, csrf: PageCookies.csrf(ofSecret: secret))
    }

    /// Opens a session for a pasted token: the cookie's secret, or nil when the token is unknown,
    /// revoked or expired. The session ends no later than the token's own expiry.
    func openSession(token: String) throws -> String? {
        guard !token.isEmpty, token.utf8.count <= 512, let p = try tokens.authenticate(token: token) else { return nil }
        let secret = PageCookies.secret()
        let created = now
        _ = try store.write { c in
            // Housekeeping on the way: sessions expired or ended more than a day ago go.
            try SessionStore.prune(before: Timestamp.format(created.addingTimeInterval(-86_400)), in: c)
            return try SessionStore.insert(hash: SHA256.hex(secret), tokenID: p.tokenID, createdAt: Timestamp.format(created),
                                    expiresAt: Timestamp.format(min(created.addingTimeInterval(PageCookies.lifetime),
                                                                    p.expiresAt ?? .distantFuture)), in: c)
        }
        return secret
    }

    func closeSession(_ viewer: PageViewer) throws {
        let at = nowText
        _ = try store.write { try SessionStore.revoke(hash: viewer.sessionHash, at: at, in: $0) }
    }
}
