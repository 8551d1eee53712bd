/// A calendar date (proleptic Gregorian), without time or zone: what rosters and calendars count in.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    /// The day with this ordinal (days since 1970-01-01).
    public init(ordinal: Int) { self.ordinal = ordinal }

    /// The day `year-month-day`, or `nil` if there is no such date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(year: year, month: month) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD`: four, two and two ASCII digits (no sign: `Int("+506")` would take
    /// `+506-01-20`, which is then written `506-01-20`, found by fuzzing).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Day.digits(parts[0]), let m = Day.digits(parts[1]), let d = Day.digits(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The value of `text` when it is one or more ASCII digits only, else `nil`.
    public static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 9, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return nil
        }
        return Int(text)
    }

    /// `n` with at least `width` digits, zeros in front (`pad(506, 4)` is `0506`).
    static func pad(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return n >= 0 && text.count < width ? String(repeating: "0", count: width - text.count) + text : text
    }

    /// (year, month, day).
    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The year.
    public var year: Int { components.year }
    /// The month, 1–12.
    public var month: Int { components.month }

    /// ISO weekday: 1 Monday … 7 Sunday.
    public var weekday: Int {
        let w = (ordinal + 3) % 7  // 1970-01-01 was a Thursday (ISO 4)
        return (w < 0 ? w + 7 : w) + 1
    }

    /// `YYYY-MM-DD`, the year in four digits at least (`0506-01-20`), so that it reads back.
    public var description: String {
        let c = components
        return "\(Day.pad(c.year, 4))-\(Day.pad(c.month, 2))-\(Day.pad(c.day, 2))"
    }

    /// The day `n` days later.
    public func adding(_ n: Int) -> Day { Day(ordinal: ordinal + n) }

    /// Orders by date.
    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    /// Days in a month.
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A calendar month, `YYYY-MM`.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// 1–12.
    public let month: Int

    /// The month, or `nil` when out of range.
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM`: four and two ASCII digits.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let y = Day.digits(parts[0]), let m = Day.digits(parts[1])
        else { return nil }
        self.init(year: y, month: m)
    }

    /// The first day.
    public var firstDay: Day { Day(year: year, month: month, day: 1)! }
    /// The last day.
    public var lastDay: Day { Day(year: year, month: month, day: Day.daysIn(year: year, month: month))! }
    /// The next month.
    public var next: Month { month == 12 ? Month(year: year + 1, month: 1)! : Month(year: year, month: month + 1)! }
    /// `YYYY-MM`.
    public var description: String { "\(Day.pad(year, 4))-\(Day.pad(month, 2))" }
    /// Orders by time.
    public static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
