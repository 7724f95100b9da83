// The /import page's drafts: the pasted text kept on the server between a
// preview and its commit (migration 0012), so a preview of a whole plan carries
// its tasks and warnings but not the 150 KB document back. A draft belongs to the
// session that pasted it, is named in the form by a random id whose SHA-256 alone
// is stored, and lives as long as a session does.

import Foundation
import TiendoDomain
import TiendoHTTP
import TiendoStore

/// A stored draft as the page names it.
struct ImportDraft {
    /// The id the form carries (64 hex digits).
    let id: String
    let record: ImportDraftRecord
}

enum ImportDrafts {
    static let lifetime: TimeInterval = PageCookies.lifetime
    /// A preview echoes the text in its textarea up to this size; past it the text stays on the
    /// server and «Sửa văn bản» brings it back (a page's budget is 200 KB, and the draft of a
    /// 48 KB text — some 50 tasks — takes well under the rest).
    static let inlineTextBytes = 48_000

    /// What a page may weigh (issue 13: no page over 200 KB), with room for the note that says
    /// titles were shortened.
    static let pageBytes = 196_000

    /// The longest title length (in characters, at least 120) that saves `saving` bytes or more
    /// when every longer title is cut to it (each cut adds an ellipsis).
    static func titleClip(_ titles: [String], saving: Int) -> Int {
        func saved(_ limit: Int) -> Int {
            titles.reduce(0) { sum, t in t.count <= limit ? sum : sum + t.utf8.count - t.prefix(limit).utf8.count - 3 }
        }
        var low = 120, high = max(120, titles.map(\.count).max() ?? 120)
        guard saved(low) >= saving else { return low }
        while low < high {       // the largest limit that still saves enough
            let mid = (low + high + 1) / 2
            if saved(mid) >= saving { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Whether `s` has the shape of an id this page issues.
    static func isID(_ s: String) -> Bool {
        s.utf8.count == 64 && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}

extension PageContext {
    /// Keeps `text` with the selects as a new draft of the viewer's session.
    func saveDraft(_ text: String, issuer: String, aggregator: String, _ viewer: PageViewer) throws -> ImportDraft {
        let id = PageCookies.secret()
        let now = api.now
        let record = ImportDraftRecord(text: text, issuerID: issuer, aggregatorID: aggregator, createdAt: Timestamp.format(now),
                                       expiresAt: Timestamp.format(now.addingTimeInterval(ImportDrafts.lifetime)))
        let hash = SHA256.hex(id), session = viewer.sessionHash, nowText = record.createdAt
        try api.store.write { c in
            try ImportDraftStore.insert(hash: hash, sessionHash: session, record, now: nowText, in: c)
        }
        return ImportDraft(id: id, record: record)
    }

    /// The viewer's live draft named `id`; nil when it is not one (unknown, expired, another session's).
    func loadDraft(_ id: String, _ viewer: PageViewer) throws -> ImportDraft? {
        guard ImportDrafts.isID(id) else { return nil }
        let hash = SHA256.hex(id), now = api.nowText
        return try api.store.read { c in
            try ImportDraftStore.find(hash: hash, sessionHash: viewer.sessionHash, now: now, in: c)
        }.map { ImportDraft(id: id, record: $0) }
    }
}
