import CounselModel

// iCalendar (RFC 5545) export of one adviser's sessions, for import into or subscription from a phone
// or desktop calendar.
//
// The output is deterministic: the same roster, adviser, villages and calendar name always give the
// same bytes (no wall-clock time, no random UIDs, no dictionary-order dependence), so a re-run of the
// scheduler does not churn calendar subscriptions or version-controlled exports.

extension Roster {
    /// The `TZID` every local time in the export is given in: all roster times are Asia/Shanghai
    /// wall-clock minutes.
    public static let icsTimeZone = "Asia/Shanghai"

    /// One adviser's sessions as an RFC 5545 iCalendar object (`VCALENDAR`), ready to write to a
    /// `.ics` file.
    ///
    /// The calendar carries `VERSION:2.0`, `PRODID:-//village-counsel//roster//ZH`, `CALSCALE:GREGORIAN`,
    /// `METHOD:PUBLISH`, `X-WR-CALNAME` (the `calendarName`), `X-WR-TIMEZONE:Asia/Shanghai` and a
    /// `VTIMEZONE` for Asia/Shanghai (UTC+8 all year, no daylight saving since 1991, so one `STANDARD`
    /// rule from 1970 suffices). Then one `VEVENT` per session of `adviserID`, in roster order:
    ///
    /// - `UID`: 16 hex digits of the 64-bit FNV-1a hash of `date|start|adviser|village|activity`,
    ///   then `@village-counsel`. The same session always gets the same UID, so re-importing an updated
    ///   roster updates events rather than duplicating them. Should two sessions of the export share a
    ///   hash (the same key twice, or a hash collision), later ones get `-2`, `-3`, … before the `@`, so
    ///   UIDs are unique within the calendar.
    /// - `DTSTAMP`: midnight UTC on 1 January of the session's year (`YYYY0101T000000Z`). RFC 5545
    ///   requires a `DTSTAMP` in a UTC date-time; using the time of export would make two exports of the
    ///   same roster differ byte for byte. A value derived from the session's own date keeps the output
    ///   byte-identical for the same input while still being a valid, plausible timestamp.
    /// - `DTSTART;TZID=Asia/Shanghai:YYYYMMDDTHHMMSS` and `DTEND` likewise. An end at or after 24:00
    ///   rolls over to the next day; an end not after the start is left out (the event then ends when it
    ///   starts, as RFC 5545 §3.6.1 specifies), since a `DTEND` before `DTSTART` is invalid.
    /// - `SUMMARY` in Chinese: the activity (驻村法律服务, 法治讲座, 法治培训, 普法宣传活动), the mode in
    ///   full-width parentheses when not on site (线上, 非现场, 录播), ` · ` and the village name,
    ///   e.g. `法治讲座（线上） · 双桥村`.
    /// - `LOCATION`: `village, township` on site (e.g. `双桥村, 城厢镇`); `线上`, `非现场` or `录播`
    ///   otherwise.
    /// - `DESCRIPTION`: lines 活动/方式/村（社区）/顾问 and, when a team serves, 团队.
    /// - `CATEGORIES`: `村居法律顾问`, the activity and the mode.
    /// - `TRANSP:OPAQUE` (the adviser is busy).
    ///
    /// Villages missing from `villages` are shown by their id (and without a township).
    ///
    /// Encoding: every line ends in CRLF; TEXT values escape backslash, semicolon, comma and newline
    /// (`\\`, `\;`, `\,`, `\n`) and drop other control characters except tab; content lines longer than
    /// 75 octets are folded (CRLF + one space), never inside a UTF-8 multi-byte character.
    ///
    /// - Parameters:
    ///   - adviserID: whose sessions to export; other advisers' sessions are left out.
    ///   - adviserName: the adviser's name, shown in each event's description.
    ///   - villages: villages by id, for names and townships.
    ///   - calendarName: the calendar's display name (`X-WR-CALNAME`).
    /// - Returns: the iCalendar text, UTF-8, CRLF line endings (including after the last line).
    public func ics(
        forAdviser adviserID: String, adviserName: String, villages: [String: Village],
        calendarName: String
    ) -> String {
        var lines: [String] = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//village-counsel//roster//ZH",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.icsEscape(calendarName),
            "X-WR-TIMEZONE:" + Self.icsTimeZone,
            "BEGIN:VTIMEZONE",
            "TZID:" + Self.icsTimeZone,
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0800",
            "TZOFFSETTO:+0800",
            "TZNAME:CST",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]
        var usedUIDs: [String: Int] = [:]
        for s in sessions where s.adviser == adviserID {
            let village = villages[s.village]
            let villageName = village?.name ?? s.village
            let base = Self.icsHex(
                Self.icsFNV1a64(
                    "\(s.day.description)|\(s.start)|\(s.adviser)|\(s.village)|\(s.activity.rawValue)"))
            let seen = usedUIDs[base, default: 0]
            usedUIDs[base] = seen + 1
            let uid = (seen == 0 ? base : "\(base)-\(seen + 1)") + "@village-counsel"

            let title = Self.icsActivityTitle(s.activity)
            let modeWord = Self.icsModeWord(s.mode)
            let own = s.village.isEmpty  // the adviser's own training or report: in no village
            let summary =
                own ? title : s.mode == .onsite ? "\(title) · \(villageName)" : "\(title)（\(modeWord)） · \(villageName)"
            let location: String
            if own {
                location = s.activity == .adviserTraining ? "县（区）司法局组织的培训" : "所在地司法所"
            } else if s.mode == .onsite {
                if let township = village?.township, !township.isEmpty {
                    location = "\(villageName), \(township)"
                } else {
                    location = villageName
                }
            } else {
                location = modeWord
            }
            var description = ["活动：\(title)", "方式：\(s.mode == .onsite ? "现场" : modeWord)"]
            if own {
            } else if let township = village?.township, !township.isEmpty {
                description.append("村（社区）：\(villageName)（\(township)）")
            } else {
                description.append("村（社区）：\(villageName)")
            }
            description.append("顾问：\(adviserName)")
            if let team = s.team, !team.isEmpty { description.append("团队：\(team)") }

            let year = s.day.year
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + uid)
            lines.append("DTSTAMP:" + Self.icsYear(year) + "0101T000000Z")
            lines.append("DTSTART;TZID=\(Self.icsTimeZone):" + Self.icsLocal(s.day, minutes: s.start))
            if s.end > s.start {
                lines.append("DTEND;TZID=\(Self.icsTimeZone):" + Self.icsLocal(s.day, minutes: s.end))
            }
            lines.append("SUMMARY:" + Self.icsEscape(summary))
            lines.append("LOCATION:" + Self.icsEscape(location))
            lines.append("DESCRIPTION:" + Self.icsEscape(description.joined(separator: "\n")))
            lines.append(
                "CATEGORIES:"
                    + ["村居法律顾问", title, s.mode == .onsite ? "现场" : modeWord]
                    .map(Self.icsEscape).joined(separator: ","))
            lines.append("TRANSP:OPAQUE")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.icsFold).joined(separator: "\r\n") + "\r\n"
    }

    // MARK: - Words

    /// The Chinese title of an activity.
    static func icsActivityTitle(_ activity: Session.Activity) -> String {
        switch activity {
        case .service: return "驻村法律服务"
        case .lecture: return "法治讲座"
        case .training: return "法治培训"
        case .event: return "普法宣传活动"
        case .mediation, .firmEvent, .report, .legalAid, .disputeScreening, .consultation, .adviserTraining:
            return activity.chineseName
        }
    }

    /// The Chinese word for a mode (现场 on site).
    static func icsModeWord(_ mode: Session.Mode) -> String {
        switch mode {
        case .onsite: return "现场"
        case .offsite: return "非现场"
        case .online: return "线上"
        case .recorded: return "录播"
        }
    }

    // MARK: - Encoding

    /// Escapes a TEXT value (RFC 5545 §3.3.11): `\` → `\\`, `;` → `\;`, `,` → `\,`, a line break
    /// (LF, CRLF or CR) → `\n`; other control characters except tab are dropped (TEXT may not hold them).
    static func icsEscape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var previousCR = false
        for u in text.unicodeScalars {
            defer { previousCR = u == "\r" }
            switch u {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0x7F { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Folds a content line (RFC 5545 §3.1): at most 75 octets per physical line, continuation lines
    /// starting with one space (which counts towards their 75), breaks only between Unicode scalars so
    /// no UTF-8 sequence is split. Lines are joined with CRLF, without a trailing one.
    static func icsFold(_ line: String) -> String {
        let limit = 75
        guard line.utf8.count > limit else { return line }
        var physical: [String] = []
        var current = ""
        var octets = 0
        for u in line.unicodeScalars {
            let width = String(u).utf8.count
            let room = physical.isEmpty ? limit : limit - 1
            if octets + width > room {
                physical.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(u)
            octets += width
        }
        physical.append(current)
        return physical.enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }.joined(separator: "\r\n")
    }

    /// Local date-time `YYYYMMDDTHHMMSS` for minutes after midnight of `day` (minutes past 24:00 roll
    /// into the following days; negative minutes into the preceding ones).
    static func icsLocal(_ day: Day, minutes: Int) -> String {
        let dayOffset = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440)
        let m = minutes - dayOffset * 1440
        let c = day.adding(dayOffset).components
        return icsYear(c.year) + icsPad2(c.month) + icsPad2(c.day) + "T" + icsPad2(m / 60) + icsPad2(m % 60) + "00"
    }

    /// A four-digit year.
    private static func icsYear(_ year: Int) -> String {
        let s = String(year)
        return year >= 0 && s.count < 4 ? String(repeating: "0", count: 4 - s.count) + s : s
    }

    /// Two digits.
    private static func icsPad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    static func icsFNV1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Sixteen lower-case hex digits.
    private static func icsHex(_ value: UInt64) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
