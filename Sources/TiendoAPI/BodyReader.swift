// Reads a JSON request body field by field, collecting every problem (with
// its path: `shortcomings[0].tasks[2].deadline`) instead of stopping at the
// first, and rejecting fields the contract does not know.

import Foundation
import TiendoDomain

/// One field-level problem; turned into the problem+json `errors` entries.
public struct Issue: Sendable, Equatable {
    public var field: String
    public var code: String
    public var message: String
    public init(_ field: String, _ code: String, _ message: String) {
        self.field = field; self.code = code; self.message = message
    }
}

/// Shared sink: every reader of one body appends here.
public final class IssueList {
    public var items: [Issue] = []
    public init() {}
    public func add(_ field: String, _ code: String, _ message: String) { items.append(Issue(field, code, message)) }
    public var isEmpty: Bool { items.isEmpty }
}

public final class ObjectReader {
    public let path: String
    public let object: JSONObject
    public let issues: IssueList
    private var used = Set<String>()

    public init(_ object: JSONObject, path: String = "", issues: IssueList) {
        self.object = object; self.path = path; self.issues = issues
    }

    /// A reader over `value`, or nil (with an issue) when it is not an object.
    public static func make(_ value: JSON, path: String, issues: IssueList) -> ObjectReader? {
        guard case .object(let o) = value else {
            issues.add(path.isEmpty ? "$" : path, "invalid_type", "Expected an object, got \(value.typeName).")
            return nil
        }
        return ObjectReader(o, path: path, issues: issues)
    }

    public func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The raw value, marking the key as known. Explicit null counts as absent.
    public func raw(_ key: String, required: Bool = false) -> JSON? {
        used.insert(key)
        let v = object[key]
        if v == nil || v == .null {
            if required { issues.add(field(key), "required", "\(key) is required.") }
            return nil
        }
        return v
    }

    public func has(_ key: String) -> Bool { object[key] != nil }

    public func string(_ key: String, required: Bool = false, maxLength: Int = 20_000, allowEmpty: Bool = false) -> String? {
        guard let v = raw(key, required: required) else { return nil }
        guard case .string(let s) = v else {
            issues.add(field(key), "invalid_type", "\(key) must be a string, got \(v.typeName).")
            return nil
        }
        let n = VietnameseText.nfc(s)
        // Blank = only what trimming .whitespacesAndNewlines removes (stops at the first other scalar).
        if !allowEmpty, n.unicodeScalars.allSatisfy({ CharacterSet.whitespacesAndNewlines.contains($0) }) {
            issues.add(field(key), required ? "required" : "empty", "\(key) must not be empty.")
            return nil
        }
        // A string never has more characters than UTF-8 bytes: count them only when it might matter.
        if n.utf8.count > maxLength, n.count > maxLength {
            issues.add(field(key), "too_long", "\(key) is longer than \(maxLength) characters.")
            return nil
        }
        if n.utf8.contains(0) {
            issues.add(field(key), "invalid_value", "\(key) must not contain NUL characters.")
            return nil
        }
        return n
    }

    public func int(_ key: String, required: Bool = false, range: ClosedRange<Int64>) -> Int64? {
        guard let v = raw(key, required: required) else { return nil }
        switch v {
        case .int(let i):
            guard range.contains(i) else {
                issues.add(field(key), "out_of_range", "\(key) must be between \(range.lowerBound) and \(range.upperBound).")
                return nil
            }
            return i
        case .double(let d):
            if d.isFinite, d == d.rounded(), d >= Double(range.lowerBound), d <= Double(range.upperBound) { return Int64(d) }
            if d.isFinite, d != d.rounded(), abs(d) < 1e15 {
                issues.add(field(key), "invalid_type", "\(key) must be an integer.")
            } else {
                issues.add(field(key), "out_of_range", "\(key) must be between \(range.lowerBound) and \(range.upperBound).")
            }
            return nil
        default:
            issues.add(field(key), "invalid_type", "\(key) must be an integer, got \(v.typeName).")
            return nil
        }
    }

    public func double(_ key: String, required: Bool = false, range: ClosedRange<Double> = -1e12...1e12) -> Double? {
        guard let v = raw(key, required: required) else { return nil }
        guard let d = v.doubleValue else {
            issues.add(field(key), "invalid_type", "\(key) must be a number, got \(v.typeName).")
            return nil
        }
        guard d.isFinite, range.contains(d) else {
            issues.add(field(key), "out_of_range", "\(key) must be between \(JSON.num(range.lowerBound).text) and \(JSON.num(range.upperBound).text).")
            return nil
        }
        return d
    }

    public func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let v = raw(key, required: required) else { return nil }
        guard case .bool(let b) = v else {
            issues.add(field(key), "invalid_type", "\(key) must be true or false, got \(v.typeName).")
            return nil
        }
        return b
    }

    public func oneOf(_ key: String, _ allowed: [String], required: Bool = false) -> String? {
        guard let s = string(key, required: required, maxLength: 64) else { return nil }
        guard allowed.contains(s) else {
            issues.add(field(key), "invalid_value", "\(key) must be one of: \(allowed.joined(separator: ", ")).")
            return nil
        }
        return s
    }

    public func date(_ key: String, required: Bool = false) -> CivilDate? {
        guard let s = string(key, required: required, maxLength: 32) else { return nil }
        guard let d = CivilDate(s) else {
            issues.add(field(key), "invalid_date", "\(key) must be a date YYYY-MM-DD.")
            return nil
        }
        guard d.isInServiceRange else {
            issues.add(field(key), "date_out_of_range", CivilDate.outOfRangeMessage(key))
            return nil
        }
        return d
    }

    public func object(_ key: String, required: Bool = false) -> ObjectReader? {
        guard let v = raw(key, required: required) else { return nil }
        return ObjectReader.make(v, path: field(key), issues: issues)
    }

    public func array(_ key: String, required: Bool = false, maxCount: Int = 10_000) -> [JSON]? {
        guard let v = raw(key, required: required) else { return nil }
        guard case .array(let a) = v else {
            issues.add(field(key), "invalid_type", "\(key) must be an array, got \(v.typeName).")
            return nil
        }
        guard a.count <= maxCount else {
            issues.add(field(key), "too_many", "\(key) has more than \(maxCount) items.")
            return nil
        }
        return a
    }

    public func stringArray(_ key: String, required: Bool = false, maxCount: Int = 500) -> [String]? {
        guard let a = array(key, required: required, maxCount: maxCount) else { return nil }
        var out: [String] = []
        for (i, v) in a.enumerated() {
            guard case .string(let s) = v, !s.isEmpty else {
                issues.add("\(field(key))[\(i)]", "invalid_type", "Expected a non-empty string.")
                continue
            }
            out.append(VietnameseText.nfc(s))
        }
        return out
    }

    /// Reports every field that no accessor asked for.
    public func finish() {
        for k in object.keys where !used.contains(k) {
            issues.add(field(k), "unknown_field", "Unknown field \(k).")
        }
    }
}
