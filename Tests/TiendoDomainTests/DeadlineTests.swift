import Testing
import Foundation
@testable import TiendoDomain

func json<T: Encodable>(_ v: T) throws -> String {
    let e = JSONEncoder(); e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try e.encode(v), as: UTF8.self)
}

@Suite struct DeadlineModelTests {
    @Test func specJSONShape() throws {
        let d = try Deadline(parsing: "Năm 2022 và các năm tiếp theo.")
        #expect(try json(d) == #"{"due_on":null,"first_review_on":"2022-12-31","kind":"from_year","phrase":"Năm 2022 và các năm tiếp theo.","year":2022}"#)
        let s = try Deadline(parsing: "trước ngày 15/8/2024")
        #expect(try json(s) == #"{"date":"2024-08-15","due_on":"2024-08-14","first_review_on":"2024-08-14","kind":"date","phrase":"trước ngày 15/8/2024","strict":true}"#)
        let c = Deadline.continuous()
        #expect(try json(c) == #"{"due_on":null,"first_review_on":null,"kind":"continuous","phrase":null}"#)
    }

    @Test func decodeStringOrStructured() throws {
        struct Task: Decodable { let deadline: Deadline }
        let a = try JSONDecoder().decode(Task.self, from: Data(#"{"deadline":"Quý II/2017"}"#.utf8))
        #expect(a.deadline.kind == .quarter && a.deadline.dueOn == CivilDate("2017-06-30"))
        #expect(a.deadline.phrase == "Quý II/2017")
        let b = try JSONDecoder().decode(Task.self, from: Data(#"{"deadline":{"kind":"quarter","year":2017,"quarter":2,"due_on":"1999-01-01"}}"#.utf8))
        #expect(b.deadline.dueOn == CivilDate("2017-06-30")) // due_on is computed, never trusted
        #expect(b.deadline.phrase == nil)
        // Round trip.
        let c = try JSONDecoder().decode(Deadline.self, from: Data(try json(a.deadline).utf8))
        #expect(c == a.deadline)
        #expect(throws: DeadlineParseError.self) { try JSONDecoder().decode(Task.self, from: Data(#"{"deadline":"sớm nhất có thể"}"#.utf8)) }
    }

    @Test(arguments: [
        (#"{"kind":"quarter","year":2017,"quarter":5}"#, "deadline_quarter_out_of_range"),
        (#"{"kind":"quarter","year":2017}"#, "deadline_field_missing"),
        (#"{"kind":"month","year":2017,"month":13}"#, "deadline_month_out_of_range"),
        (#"{"kind":"half","year":2017,"half":3}"#, "deadline_half_out_of_range"),
        (#"{"kind":"year","year":22}"#, "deadline_year_out_of_range"),
        (#"{"kind":"year","year":2022,"month":3}"#, "deadline_field_not_allowed"),
        (#"{"kind":"date","date":"2022-02-30"}"#, "deadline_date_malformed"),
        (#"{"kind":"date"}"#, "deadline_field_missing"),
        (#"{"kind":"continuous","year":2022}"#, "deadline_field_not_allowed"),
        (#"{"kind":"year","year":2022,"strict":true}"#, "deadline_field_not_allowed"),
        (#"{"kind":"weekly"}"#, "deadline_kind_unknown"),
    ])
    func structuredValidation(body: String, code: String) {
        do {
            _ = try JSONDecoder().decode(Deadline.self, from: Data(body.utf8))
            Issue.record("accepted \(body)")
        } catch let v as RuleViolation {
            #expect(v.code == code)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func dueOnAndReview() throws {
        #expect(Deadline.inMonth(year: 2024, month: 2).dueOn == CivilDate("2024-02-29"))
        #expect(Deadline.inHalf(year: 2024, half: 1).dueOn == CivilDate("2024-06-30"))
        #expect(Deadline.inHalf(year: 2024, half: 2).dueOn == CivilDate("2024-12-31"))
        #expect(Deadline.fromYear(2022).dueOn == nil)
        #expect(Deadline.fromYear(2022).firstReviewOn == CivilDate("2022-12-31"))
        #expect(Deadline.continuous().firstReviewOn == nil)
        #expect(Deadline.onDate(CivilDate("2024-03-01")!, strict: true).dueOn == CivilDate("2024-02-29"))
        #expect(Deadline.inQuarter(year: 2017, quarter: 2).canonicalPhrase == "Quý II/2017")
    }

    @Test func beforePlanIsRejected() {
        let issued = CivilDate("2022-03-24")!
        #expect(Deadline.inYear(2022).validate(issuedOn: issued) == nil)
        #expect(Deadline.fromYear(2022).validate(issuedOn: issued) == nil)
        #expect(Deadline.continuous().validate(issuedOn: issued) == nil)
        #expect(Deadline.inQuarter(year: 2022, quarter: 1).validate(issuedOn: issued) == nil)
        #expect(Deadline.inYear(2021).validate(issuedOn: issued)?.code == "deadline_before_plan")
        #expect(Deadline.fromYear(2021).validate(issuedOn: issued)?.code == "deadline_before_plan")
        #expect(Deadline.onDate(CivilDate("2022-03-23")!).validate(issuedOn: issued)?.code == "deadline_before_plan")
        #expect(Deadline.onDate(CivilDate("2022-03-24")!).validate(issuedOn: issued) == nil)
        // strict: "trước ngày 24/3/2022" is due 2022-03-23 → before the plan.
        #expect(Deadline.onDate(CivilDate("2022-03-24")!, strict: true).validate(issuedOn: issued)?.code == "deadline_before_plan")
    }
}

@Suite struct VietnameseTextTests {

    /// `nfc` skips Foundation when a quick check proves the text is already NFC; the answer
    /// must be Foundation's either way (precomposed, decomposed, mixed, other scripts).
    @Test func nfcFastPathAgreesWithFoundation() {
        let samples = [
            "", "abc", "Hoằng Hóa", "Sở Lao động - Thương binh và Xã hội", "Đắk Lắk ₫ “trích dẫn” – …",
            "Hoằng Hóa".decomposedStringWithCanonicalMapping, "Hoa\u{0300}", "A\u{030A}", "\u{212B}ngstr\u{00F6}m",
            "\u{2000}\u{2001}\u{2002}", "\u{1E9B}\u{0323}", "한국어", "\u{1100}\u{1161}", "e\u{0301}\u{0323}", "ǅ ǆ", "Ω",
            "x\u{0344}", "\u{0958}", "日本語", "🙂", "a\u{0000}b",
        ]
        for s in samples {
            #expect(Array(VietnameseText.nfc(s).unicodeScalars) == Array(s.precomposedStringWithCanonicalMapping.unicodeScalars), "\(s.debugDescription)")
        }
        #expect(VietnameseText.isKnownNFC("Hoằng Hóa — Sở Y tế"))
        #expect(!VietnameseText.isKnownNFC("Hoa\u{0300}"))
        #expect(!VietnameseText.isKnownNFC("\u{2000}"))
    }
    @Test(arguments: ["hoang hoa", "Hoằng Hoá", "HOẰNG HÓA", "Hoằng Hóa", "Hoằng Hoá".decomposedStringWithCanonicalMapping,
                      "  hoằng   hóa ", "HOANG HOA", "Hoằng\u{00A0}Hoá"])
    func searchKey(_ s: String) {
        #expect(VietnameseText.searchKey(s) == "hoang hoa")
    }

    @Test func more() {
        #expect(VietnameseText.searchKey("Sở Tài chính Đắk Lắk") == "so tai chinh dak lak")
        #expect(VietnameseText.searchKey("ĐỖ MINH TUẤN") == "do minh tuan")
        #expect(VietnameseText.searchKey("Thủy") == VietnameseText.searchKey("Thuỷ"))
        #expect(VietnameseText.matches("UBND huyện Hoằng Hóa", query: "hoang hoa"))
        #expect(!VietnameseText.matches("UBND huyện Thọ Xuân", query: "hoang hoa"))
        let nfd = "Hoằng Hoá".decomposedStringWithCanonicalMapping
        #expect(VietnameseText.nfc(nfd).unicodeScalars.count == "Hoằng Hoá".precomposedStringWithCanonicalMapping.unicodeScalars.count)
        #expect(VietnameseText.nfc(nfd) == "Hoằng Hoá")
        #expect(Array(VietnameseText.nfc(nfd).utf8) == Array("Ho\u{1EB1}ng Ho\u{00E1}".utf8))
    }
}

@Suite struct AssigneeTests {
    static let units: [UnitRef] = [
        UnitRef(id: "tinh-thanh-hoa", kind: .province),
        UnitRef(id: "so-tai-chinh", kind: .department, parentId: "tinh-thanh-hoa"),
        UnitRef(id: "so-y-te", kind: .department, parentId: "tinh-thanh-hoa"),
        UnitRef(id: "huyen-hoang-hoa", kind: .district, parentId: "tinh-thanh-hoa"),
        UnitRef(id: "tp-sam-son", kind: .district, parentId: "tinh-thanh-hoa"),
        UnitRef(id: "xa-hoang-dong", kind: .commune, parentId: "huyen-hoang-hoa"),
        UnitRef(id: "huyen-khac", kind: .district, parentId: "tinh-nghe-an"),
        UnitRef(id: "tinh-nghe-an", kind: .province),
        UnitRef(id: "loop-a", kind: .district, parentId: "loop-b"),
        UnitRef(id: "loop-b", kind: .district, parentId: "loop-a"),
    ]

    @Test(arguments: [("so-y-te", true), ("kind:district", true), ("kind:commune", true), ("kind:village", false),
                      ("Sở Y tế", false), ("so_y_te", false), ("", false), (String(repeating: "a", count: 64), true),
                      (String(repeating: "a", count: 65), false), ("kind:", false), ("SO-Y-TE", false)])
    func parse(text: String, ok: Bool) {
        #expect((Assignee(text) != nil) == ok)
        if let a = Assignee(text) { #expect(a.description == text) }
    }

    @Test func expansion() {
        let ids = Assignee.expand([.unit("so-y-te"), .kind(.district), .unit("huyen-hoang-hoa")],
                                  issuerId: "tinh-thanh-hoa", units: Self.units)
        #expect(ids == ["so-y-te", "huyen-hoang-hoa", "tp-sam-son"])
        // Any depth: communes under a district under the issuer.
        #expect(Assignee.expand([.kind(.commune)], issuerId: "tinh-thanh-hoa", units: Self.units) == ["xa-hoang-dong"])
        // The issuer itself is not "under" itself.
        #expect(Assignee.expand([.kind(.province)], issuerId: "tinh-thanh-hoa", units: Self.units) == [])
        // A district issuer: its communes.
        #expect(Assignee.expand([.kind(.commune)], issuerId: "huyen-hoang-hoa", units: Self.units) == ["xa-hoang-dong"])
        // A unit added later is included (expansion happens at evaluation time).
        let more = Self.units + [UnitRef(id: "tx-bim-son", kind: .district, parentId: "tinh-thanh-hoa")]
        #expect(Assignee.expand([.kind(.district)], issuerId: "tinh-thanh-hoa", units: more) == ["huyen-hoang-hoa", "tp-sam-son", "tx-bim-son"])
    }

    @Test func jsonForm() throws {
        let a = try JSONDecoder().decode([Assignee].self, from: Data(#"["so-lao-dong","kind:district"]"#.utf8))
        #expect(a == [.unit("so-lao-dong"), .kind(.district)])
        #expect(try json(a) == #"["so-lao-dong","kind:district"]"#)
        #expect(throws: RuleViolation.self) { try JSONDecoder().decode([Assignee].self, from: Data(#"["Sở Y tế"]"#.utf8)) }
    }
}
