// Accept-Language: q-values, ranges, wildcards and garbage (RFC 9110 §12.5.4).

import Testing
@testable import TiendoHTTP

@Suite struct AcceptLanguageTests {
    func pick(_ header: String?) -> String {
        AcceptLanguage(header).preferred(among: ["en", "vi"], fallback: "en")
    }

    @Test func plainAndRegionalTagsChooseVietnamese() {
        #expect(pick("vi") == "vi")
        #expect(pick("vi-VN") == "vi")
        #expect(pick("VI-vn") == "vi")
        #expect(pick("vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7") == "vi")
    }

    @Test func qValuesDecide() {
        #expect(pick("en;q=0.5, vi;q=0.8") == "vi")
        #expect(pick("vi;q=0.5, en;q=0.8") == "en")
        #expect(pick("en-US,en;q=0.9,vi;q=0.8") == "en")
        #expect(pick("vi;q=0.001") == "vi")
        #expect(pick("vi ; q=1.000") == "vi")
    }

    @Test func zeroRefusesAndTheFallbackAnswers() {
        #expect(pick("vi;q=0") == "en")
        #expect(pick("vi;q=0, *") == "en")
        #expect(pick("*;q=0") == "en")
    }

    @Test func wildcardAndTiesGoToTheFirstNamedOrTheFallback() {
        #expect(pick("*") == "en")
        #expect(pick("vi, *") == "vi")
        #expect(pick("vi, en") == "vi")
        #expect(pick("en, vi") == "en")
        #expect(pick("fr, *;q=0.5, vi;q=0.7") == "vi")
        #expect(pick("fr-FR, de") == "en")
    }

    @Test func absentEmptyAndMalformedHeadersFallBack() {
        #expect(pick(nil) == "en")
        #expect(pick("") == "en")
        #expect(pick(",,,") == "en")
        #expect(pick("vi;q=2") == "en")        // qvalue above 1: element ignored
        #expect(pick("vi;q=0.5555") == "en")   // more than three decimals
        #expect(pick("vi;q=abc, en;q=0.1") == "en")
        #expect(pick("vi_VN") == "en")          // not a language-range
        #expect(pick("toolongtag-VN") == "en")
        #expect(pick("v\u{1EC7}t") == "en")
        #expect(pick("vi;level=1") == "en")     // only q is a parameter here
        #expect(pick("en;q=0.1, vi;q=0.2,") == "vi")
    }

    @Test func weightsAreParsedExactly() {
        let a = AcceptLanguage("vi;q=0.8, en;q=0.75, fr;q=1., de;q=0.")
        #expect(a.ranges.map(\.tag) == ["vi", "en", "fr", "de"])
        #expect(a.ranges.map(\.weight) == [800, 750, 1000, 0])
    }
}
