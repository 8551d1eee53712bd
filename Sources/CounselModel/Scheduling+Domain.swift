/// Which days a village may be served and whether evening sessions are allowed.
///
/// Weekend and evening service are encouraged where villagers work away (Guangdong 001 §(六):
/// 开办“法律夜校”、周末提供现场服务), but only where the scenario allows them.
public struct ServiceWindow: Hashable, Sendable {
    /// ISO weekdays (1 Monday … 7 Sunday) on which a non-working day may still be used. Working
    /// days (including make-up workdays) are always usable; official holidays never.
    public var weekendDays: Set<Int>
    /// Whether a 19:00–21:00 evening session (法律夜校) may be held.
    public var evening: Bool

    /// Working days only, no evenings: the default.
    public static let workingDays = ServiceWindow(weekendDays: [], evening: false)

    /// Makes a window.
    public init(weekendDays: Set<Int>, evening: Bool) {
        self.weekendDays = weekendDays
        self.evening = evening
    }

    /// Parses `service_days`: `working_days`, or a `;`/`,`-separated list of weekday names
    /// (`mon` … `sun`); the weekend days listed become usable. Returns `nil` for unknown words.
    public static func parseDays(_ text: String) -> Set<Int>? {
        let names = ["mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7]
        var result = Set<Int>()
        for word in text.lowercased().split(whereSeparator: { $0 == ";" || $0 == "," || $0 == " " }) {
            if word == "working_days" || word == "weekdays" { continue }
            if word == "weekends" {
                result.formUnion([6, 7])
                continue
            }
            guard let d = names[String(word.prefix(3))] else { return nil }
            if d >= 6 { result.insert(d) }
        }
        return result
    }
}

/// A stretch of days an adviser cannot serve (`availability.csv`).
public struct Unavailability: Hashable, Sendable {
    /// Adviser id.
    public var adviser: String
    /// First day away.
    public var from: Day
    /// Last day away.
    public var to: Day
    /// Why (leave, training, trial …).
    public var reason: String

    /// Makes a stretch of unavailability.
    public init(adviser: String, from: Day, to: Day, reason: String = "") {
        self.adviser = adviser
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// A township (乡镇/街道), from the optional `townships.csv`.
public struct Township: Hashable, Sendable {
    /// How the township is served.
    public enum Mode: String, CaseIterable, Sendable { case onsite, online }
    /// Id (the value villages.csv uses in its `township` column).
    public var id: String
    /// Name.
    public var name: String
    /// County id.
    public var county: String
    /// `online` for remote mountain townships (Jiaocheng 004 §四(三)), else `onsite`.
    public var mode: Mode
    /// Adjacent township ids.
    public var adjacent: [String]

    /// Makes a township.
    public init(id: String, name: String, county: String, mode: Mode = .onsite, adjacent: [String] = []) {
        self.id = id
        self.name = name
        self.county = county
        self.mode = mode
        self.adjacent = adjacent
    }
}

/// One member of a service team (`teams.csv`, Guangdong 001 §(七) 团队化服务).
public struct TeamMember: Hashable, Sendable {
    /// Team id.
    public var team: String
    /// Firm id.
    public var firm: String
    /// Adviser id.
    public var member: String
    /// `lead` or `member`.
    public var roleInTeam: String

    /// Makes a team member.
    public init(team: String, firm: String, member: String, roleInTeam: String) {
        self.team = team
        self.firm = firm
        self.member = member
        self.roleInTeam = roleInTeam
    }
}

/// Settings of the scheduler, from `scenario.yaml`.
public struct ScheduleSettings: Hashable, Sendable {
    /// Villages in flexible mode by default (Guangdong 001 §(八)).
    public var flexible: Bool
    /// Days and evenings usable by default.
    public var window: ServiceWindow
    /// At most this many hours of sessions per adviser per day.
    public var dailyHours: Double
    /// Travel speed for the time between villages on one day, km/h.
    public var travelKmh: Double

    /// The defaults: no flexible mode, working days only, 8 hours a day, 40 km/h.
    public static let defaults = ScheduleSettings(flexible: false, window: .workingDays, dailyHours: 8, travelKmh: 40)
}
