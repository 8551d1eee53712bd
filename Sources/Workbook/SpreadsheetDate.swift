/// Dates as spreadsheets store them: a serial number of days, with the fraction the time of day.
///
/// Two systems exist (ECMA-376 Part 1 §18.17.4.1): the 1900 system, where serial 1 is 1900-01-01
/// and serial 60 is the 29 February 1900 that never was (kept from Lotus 1-2-3, so that every
/// later serial is one more than the days since 1899-12-31), and the 1904 system (`date1904` in
/// the workbook), where serial 0 is 1904-01-01.
public enum SpreadsheetDate {
    /// A calendar date, year-month-day.
    public struct YMD: Hashable, Sendable {
        /// The year.
        public var year: Int
        /// The month, 1–12.
        public var month: Int
        /// The day of the month.
        public var day: Int
        /// Makes a date (not checked).
        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }
        /// `YYYY-MM-DD`.
        public var iso: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }
    }

    /// The date of a serial's whole part, or `nil` outside 1900-01-01 … 9999-12-31 and for serial 60
    /// of the 1900 system (1900-02-29, a day that never was).
    public static func date(serial: Double, date1904: Bool) -> YMD? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        let days: Int  // days since 1970-01-01
        if date1904 {
            days = whole + daysFromCivil(1904, 1, 1)
        } else {
            guard whole >= 1, whole != 60 else { return nil }
            days = whole + daysFromCivil(1899, 12, whole < 60 ? 31 : 30)
        }
        let c = civilFromDays(days)
        return YMD(year: c.0, month: c.1, day: c.2)
    }

    /// The serial of a date in the 1900 system (dates from 1900-03-01 on).
    public static func serial(_ d: YMD) -> Int {
        daysFromCivil(d.year, d.month, d.day) - daysFromCivil(1899, 12, 30)
    }

    /// The time of day of a serial's fraction, as `HH:MM` (or `HH:MM:SS` when the seconds are not 0),
    /// rounded to the second.
    public static func time(serial: Double) -> String {
        let fraction = serial - serial.rounded(.down)
        var seconds = Int((fraction * 86_400).rounded())
        if seconds >= 86_400 { seconds = 86_399 }
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        return pad(h, 2) + ":" + pad(m, 2) + (s == 0 ? "" : ":" + pad(s, 2))
    }

    // Howard Hinnant's civil calendar algorithms (days since 1970-01-01, proleptic Gregorian).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
