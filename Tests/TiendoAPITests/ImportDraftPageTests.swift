// /import keeps the pasted text on the server as a draft of the session: the
// preview of a whole plan shows its tasks and warnings within a page's 200 KB
// without carrying the document back; «Sửa văn bản» returns the text exactly as
// pasted; «Lưu kế hoạch» commits from the draft; another session cannot use it.

import Foundation
import XCTest
@testable import TiendoAPI
import TiendoDomain

final class ImportDraftPageTests: XCTestCase {
    var s: TestServer!

    override func setUpWithError() throws {
        s = try TestServer(now: "2022-06-01T09:00:00+07:00")
        let admin = s.client(try s.token("test-admin-token", role: "admin"))
        let data = try Data(contentsOf: PlanImportTests.fixtures.appendingPathComponent("units.json"))
        for var u in try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]]) {
            if u["parent_id"] is NSNull { u.removeValue(forKey: "parent_id") }
            XCTAssertEqual(try admin.post("/api/v1/units", u).status, 201)
        }
        _ = try s.token("tok-ke-hoach", role: "aggregator", unit: "so-ke-hoach-dau-tu")
    }

    override func tearDown() { s.stop() }

    func browser() throws -> (PageBrowser, String) {
        let b = try s.signedIn("tok-ke-hoach")
        let form = try b.get("/import")
        return (b, try XCTUnwrap(PageBrowser.csrf(form)))
    }

    func planCount() throws -> Int {
        try s.client("test-admin-token").get("/api/v1/plans").object["total"] as? Int ?? -1
    }

    static func draftID(_ html: String) -> String? {
        guard let r = html.range(of: #"name="draft" value="[0-9a-f]{64}""#, options: .regularExpression) else { return nil }
        return String(html[r].dropFirst(#"name="draft" value=""#.count).dropLast())
    }

    /// The textarea's content as the browser reads it (the leading newline dropped, references decoded).
    static func textarea(_ html: String) -> String? {
        guard let open = html.range(of: #"<textarea id="text"[^>]*>"#, options: .regularExpression),
              let close = html.range(of: "</textarea>", range: open.upperBound..<html.endIndex) else { return nil }
        var t = String(html[open.upperBound..<close.lowerBound])
        if t.hasPrefix("\n") { t.removeFirst() }
        for (ref, ch) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            t = t.replacingOccurrences(of: ref, with: ch)
        }
        return t
    }

    func testTheWholePlanPreviewsWithin200KBAndItsTextComesBackExactly() throws {
        let text = try String(contentsOf: PlanImportTests.fixtures.appendingPathComponent("seed-001.txt"), encoding: .utf8)
        let (b, csrf) = try browser()
        let preview = try b.post("/import", [("csrf", csrf), ("text", text), ("action", "preview")])
        XCTAssertEqual(preview.status, 200, String(preview.text.prefix(2000)))
        XCTAssertLessThanOrEqual(preview.body.count, 200_000, "the preview of a 147 KB, 161-task plan")
        XCTAssertTrue(preview.text.contains("30 hạn chế, 161 nhiệm vụ"))
        XCTAssertNil(Self.textarea(preview.text), "the document is not sent back")
        XCTAssertTrue(preview.text.contains(#"value="edit" aria-describedby="van-ban-da-giu">Sửa văn bản</button>"#))
        XCTAssertTrue(preview.text.contains("Văn bản đã dán (147,2 KB, 1155 dòng) được giữ trên máy chủ đến 21:00 ngày 01/06/2022"))
        let id = try XCTUnwrap(Self.draftID(preview.text))
        XCTAssertEqual(try planCount(), 0)

        // «Sửa văn bản»: the text exactly as pasted, in the labelled textarea; nothing read or stored.
        let edit = try b.post("/import", [("csrf", csrf), ("draft", id), ("issuer_id", ""), ("aggregator_id", "so-ke-hoach-dau-tu"),
                                          ("action", "edit")])
        XCTAssertEqual(edit.status, 200)
        XCTAssertEqual(Self.textarea(edit.text), text)
        XCTAssertTrue(edit.text.contains("<option value=\"so-ke-hoach-dau-tu\" selected=\"selected\">"), "the selects as chosen")
        XCTAssertFalse(edit.text.contains("id=\"ban-nhap\""))

        // Preview again from the draft (no text field): the same draft, read again.
        let again = try b.post("/import", [("csrf", csrf), ("draft", id), ("action", "preview")])
        XCTAssertEqual(again.status, 200)
        XCTAssertTrue(again.text.contains("30 hạn chế, 161 nhiệm vụ"))
        XCTAssertEqual(Self.draftID(again.text), id)

        // Another session cannot use the draft, even with its id.
        let (other, otherCSRF) = try browser()
        let stolen = try other.post("/import", [("csrf", otherCSRF), ("draft", id), ("action", "edit")])
        XCTAssertEqual(stolen.status, 422)
        XCTAssertTrue(stolen.text.contains("Bản nháp không còn trên máy chủ"))
        XCTAssertFalse(stolen.text.contains("KẾ HOẠCH"))
        let forged = try other.post("/import", [("csrf", otherCSRF), ("draft", String(repeating: "a", count: 64)), ("action", "commit")])
        XCTAssertEqual(forged.status, 422)
        XCTAssertEqual(try planCount(), 0)
    }

    func testACommitFromTheDraftStoresThePlanAndAnEditedTextWins() throws {
        let (b, csrf) = try browser()
        let unresolved = ImportPageTests.unresolvedPlan
        let preview = try b.post("/import", [("csrf", csrf), ("text", unresolved), ("action", "preview")])
        XCTAssertEqual(preview.status, 200)
        XCTAssertEqual(Self.textarea(preview.text), unresolved, "a small text stays in the textarea too")
        let id = try XCTUnwrap(Self.draftID(preview.text))
        // From the draft alone: refused while the unit is unresolved, the draft kept.
        let refused = try b.post("/import", [("csrf", csrf), ("draft", id), ("action", "commit")])
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.text.contains("Kế hoạch chưa được lưu"))
        XCTAssertEqual(Self.draftID(refused.text), id)
        XCTAssertEqual(try planCount(), 0)
        // The corrected textarea is what counts, not the older draft beside it.
        let fixed = unresolved.replacingOccurrences(of: "Sở Ngoại vụ", with: "Sở Lao động - Thương binh và Xã hội")
        let corrected = try b.post("/import", [("csrf", csrf), ("draft", id), ("text", fixed), ("action", "preview")])
        XCTAssertEqual(corrected.status, 200)
        XCTAssertTrue(corrected.text.contains("không có cảnh báo chặn"))
        let newID = try XCTUnwrap(Self.draftID(corrected.text))
        XCTAssertNotEqual(newID, id)
        let saved = try b.post("/import", [("csrf", csrf), ("draft", newID), ("action", "commit")])
        XCTAssertEqual(saved.status, 303, saved.text)
        XCTAssertTrue(saved.header("Location")?.hasPrefix("/plans/") ?? false)
        XCTAssertEqual(try planCount(), 1)
    }
}

final class ImportTitleClipTests: XCTestCase {
    /// The clip is the longest that saves enough: one character more would not.
    func testTheTitleClipIsTheLongestThatSavesEnough() {
        let titles = [String(repeating: "ạ", count: 900), String(repeating: "b", count: 400), "ngắn"]
        func saved(_ l: Int) -> Int { titles.reduce(0) { $1.count <= l ? $0 : $0 + $1.utf8.count - $1.prefix(l).utf8.count - 3 } }
        for need in [1, 500, 1500, 2000] {
            let clip = ImportDrafts.titleClip(titles, saving: need)
            XCTAssertGreaterThanOrEqual(saved(clip), need, "\(need)")
            XCTAssertLessThan(saved(clip + 1), need, "\(need)")
        }
        XCTAssertEqual(ImportDrafts.titleClip(titles, saving: 1_000_000), 120, "never below 120 characters")
    }
}
