/// Range checks for a unit's contact fields (who the finance office calls when a
/// report is owed). Deliberately loose: Vietnamese office numbers are written
/// "0237.3852.346", "(0237) 3 852 346", "+84 237 3852346".
public enum UnitContactRules {
    public static let maxNameLength = 200
    public static let maxPhoneLength = 32
    public static let maxEmailLength = 254

    /// `phone`: digits with spaces, dots, dashes, parentheses and one leading `+`; 8–15 digits.
    public static func checkPhone(_ phone: String, field: String = "phone") -> RuleViolation? {
        var digits = 0
        var ok = phone.utf8.count <= maxPhoneLength
        for (i, b) in phone.utf8.enumerated() {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"): break
            case UInt8(ascii: "+") where i == 0: break
            default: ok = false
            }
        }
        guard ok, (8...15).contains(digits) else {
            return RuleViolation(code: "invalid_phone", field: field,
                                 message: "phone must be 8–15 digits, optionally with spaces, dots, dashes, parentheses and a leading + (e.g. 0237.3852.346).")
        }
        return nil
    }

    /// `email`: one `@`, a non-empty local part, a domain with a dot; no spaces or controls.
    public static func checkEmail(_ email: String, field: String = "email") -> RuleViolation? {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let clean = !email.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F }
        guard clean, email.utf8.count <= maxEmailLength, parts.count == 2, !parts[0].isEmpty,
              parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return RuleViolation(code: "invalid_email", field: field,
                                 message: "email must look like name@example.gov.vn.")
        }
        return nil
    }
}
