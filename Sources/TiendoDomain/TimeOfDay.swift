import Foundation

/// A local (Asia/Ho_Chi_Minh) time of day, as a deadline prints it:
/// "trước 14 giờ, ngày 05/12/2017" → 14:00. Text form `HH:MM` (24-hour).
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    /// `nil` outside 00:00 … 23:59.
    public init?(hour: Int, minute: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour; self.minute = minute
    }

    /// Strict `HH:MM`.
    public init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count == 5, u[2] == UInt8(ascii: ":"),
              u.allSatisfy({ $0 == UInt8(ascii: ":") || (48...57).contains($0) }),
              let h = Int(String(decoding: u[0..<2], as: UTF8.self)), let m = Int(String(decoding: u[3..<5], as: UTF8.self)) else { return nil }
        self.init(hour: h, minute: m)
    }

    public var description: String {
        (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    public var secondsAfterMidnight: Int { hour * 3600 + minute * 60 }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { (a.hour, a.minute) < (b.hour, b.minute) }

    /// The instant `day` at this time, local (UTC+7).
    public func instant(on day: CivilDate) -> Date {
        VietnamTime.startOfDay(day).addingTimeInterval(TimeInterval(secondsAfterMidnight))
    }
}

extension TimeOfDay: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let t = TimeOfDay(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a time HH:MM, got \"\(s)\"")
        }
        self = t
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
