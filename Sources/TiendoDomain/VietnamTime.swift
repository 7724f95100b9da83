import Foundation

/// Asia/Ho_Chi_Minh: UTC+7 all year (no daylight saving since 1975).
/// Never consults the host's time zone database.
public enum VietnamTime {
    public static let utcOffsetSeconds: Int64 = 7 * 3600
    static let secondsPerDay: Int64 = 86_400

    /// The local (UTC+7) calendar day of an instant given as seconds since 1970-01-01T00:00:00Z.
    public static func localDate(epochSeconds: Int64) -> CivilDate {
        let local = epochSeconds + utcOffsetSeconds
        let days = local >= 0 ? local / secondsPerDay : -((-local + secondsPerDay - 1) / secondsPerDay)
        return CivilDate(daysSinceEpoch: Int(days))
    }

    /// The local (UTC+7) calendar day of an instant. Sub-second parts are floored.
    public static func localDate(of instant: Date) -> CivilDate {
        localDate(epochSeconds: Int64(instant.timeIntervalSince1970.rounded(.down)))
    }

    /// 00:00:00 local time of `day`, as seconds since the epoch (= 17:00:00Z the day before).
    public static func startEpochSeconds(of day: CivilDate) -> Int64 {
        Int64(day.daysSinceEpoch) * secondsPerDay - utcOffsetSeconds
    }

    /// 00:00:00 local time of `day`.
    public static func startOfDay(_ day: CivilDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(startEpochSeconds(of: day)))
    }

    /// 24:00 local time of `day` — the exclusive end: the instant the next day starts.
    /// An instant `t` lies on `day` iff `startOfDay(day) <= t < endOfDay(day)`.
    public static func endOfDay(_ day: CivilDate) -> Date {
        startOfDay(day.adding(days: 1))
    }

    /// Whole local days an instant lies after `dueOn` (0 when on or before that day).
    public static func daysLate(receivedAt: Date, dueOn: CivilDate) -> Int {
        Swift.max(0, dueOn.days(until: localDate(of: receivedAt)))
    }

    /// Received on or before the local due day (i.e. before 24:00 +07 of `dueOn`).
    public static func isOnTime(receivedAt: Date, dueOn: CivilDate) -> Bool {
        localDate(of: receivedAt) <= dueOn
    }
}

extension CivilDate {
    /// The Vietnamese (UTC+7) calendar day on which `instant` falls.
    public init(localDayOf instant: Date) { self = VietnamTime.localDate(of: instant) }
    /// The Vietnamese (UTC+7) calendar day of an epoch-seconds instant.
    public init(localDayOfEpochSeconds seconds: Int64) { self = VietnamTime.localDate(epochSeconds: seconds) }
}
