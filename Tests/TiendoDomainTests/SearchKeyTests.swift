import Testing
@testable import TiendoDomain

/// The search key folds what people type differently, and folding it again changes nothing
/// (the last row is the input the fuzzer found: a combining mark after a whitespace run).
@Suite struct SearchKeyTests {
    @Test(arguments: [
        ("Hoằng Hóa", "hoang hoa"), ("HOẰNG HOÁ", "hoang hoa"), ("  hoang\t\thoa ", "hoang hoa"),
        ("Sở Giáo dục và Đào tạo", "so giao duc va dao tao"), ("Thường Xuân", "thuong xuan"),
        ("\u{0C}\u{0C}\u{0C}\u{FFFD}\u{0C}\u{07EB}\u{0C}\u{0C}\u{0C}\u{FFFD}", "\u{FFFD} \u{FFFD}"),
    ])
    func foldsAndIsIdempotent(_ text: String, _ key: String) {
        #expect(VietnameseText.searchKey(text) == key)
        #expect(VietnameseText.searchKey(VietnameseText.searchKey(text)) == VietnameseText.searchKey(text))
    }
}
