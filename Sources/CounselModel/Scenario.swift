import Foundation

/// One set of inputs: a folder of CSV files (or workbooks) and a `scenario.yaml` (format in README.md).
public struct Scenario: Sendable {
    /// The scenario's name.
    public var name: String
    /// The rule profile in force.
    public var rules: RuleProfile
    /// The planning year.
    public var year: Int
    /// Candidate radius in great-circle km, or `nil` for no radius.
    public var maxKm: Double?
    /// Weights of the secondary objective.
    public var weights: ObjectiveWeights
    /// The calendar file named in `scenario.yaml`, if any (used by the scheduler).
    public var calendar: String?
    /// Villages and communities, in file order.
    public var villages: [Village]
    /// Advisers, in file order.
    public var advisers: [Adviser]
    /// Firms (empty without `firms.csv`).
    public var firms: [Firm]
    /// Counties (from `counties.csv`, or one per county id named in the other files).
    public var counties: [County]
    /// Rankings from both sides.
    public var preferences: [Preference]
    /// Conflicts of interest.
    public var conflicts: [Conflict]
    /// The folder it was loaded from.
    public var directory: URL
    /// How the assignment is modelled (`service_model`, `stable`, `acceptable`, `needs`).
    public var assignment: AssignmentSettings = .defaults
    /// Scheduler settings (`flexible`, `service_days`, `evening`, `daily_hours`, `travel_kmh`).
    public var schedule: ScheduleSettings = .defaults
    /// Days advisers cannot serve (`availability.csv`).
    public var unavailability: [Unavailability] = []
    /// Townships (`townships.csv`), when given.
    public var townships: [Township] = []
    /// Team members (`teams.csv`), when given.
    public var teamMembers: [TeamMember] = []
    /// The supervising office for notice boards where `counties.csv` names none (`justice_office`
    /// in `scenario.yaml`; Guangdong 001 §(十): 监管部门).
    public var justiceOffice: String? = nil
    /// Its phone (`justice_office_phone` in `scenario.yaml`).
    public var justiceOfficePhone: String? = nil
    /// Its e-mail (`justice_office_email` in `scenario.yaml`).
    public var justiceOfficeEmail: String? = nil
    /// The complaint e-mail for the boards where `counties.csv` names none (`complaint_email`;
    /// Guangdong 001 §(十四): 公开并注明省厅投诉邮箱).
    public var complaintEmail: String? = nil
    /// The advisers' training days where `counties.csv` names none (`training_days`).
    public var trainingDays: [Day] = []
    /// What the loader noticed without refusing the input: columns and sheets ignored, files read
    /// as GB18030 (warnings and notes, sorted by file and position).
    public var warnings: [Diagnostic] = []
    /// Items the rule profile's notice boards and contact cards show that the scenario has no data
    /// for (an adviser's WeChat ID, the office's e-mail …): warnings `validate` prints, one per
    /// adviser or county row, each with the sources that ask for the items.
    public var publicationWarnings: [Diagnostic] = []

    /// The county of `id`, if the scenario has it.
    public func county(_ id: String) -> County? { counties.first { $0.id == id } }

    /// The supervising office (name, phone, e-mail) and complaint e-mail for villages of county
    /// `id`: each from `counties.csv`, else from `scenario.yaml`.
    public func office(ofCounty id: String) -> (name: String?, phone: String?, email: String?, complaintEmail: String?)
    {
        let c = county(id)
        return (
            c?.justiceOffice ?? justiceOffice, c?.justiceOfficePhone ?? justiceOfficePhone,
            c?.justiceOfficeEmail ?? justiceOfficeEmail, c?.complaintEmail ?? complaintEmail
        )
    }

    /// The days advisers of county `id` are at the county's training: `counties.csv`
    /// `training_days`, else `scenario.yaml`'s.
    public func trainingDays(ofCounty id: String) -> [Day] { county(id)?.trainingDays ?? trainingDays }

    /// Whether a village is in flexible mode.
    public func isFlexible(_ v: Village) -> Bool { v.flexible ?? schedule.flexible }

    /// The service window of a village.
    public func window(of v: Village) -> ServiceWindow {
        ServiceWindow(
            weekendDays: v.serviceDays ?? schedule.window.weekendDays, evening: v.evening ?? schedule.window.evening)
    }

    /// Makes a scenario from parts (used by tests and generators).
    public init(
        name: String, rules: RuleProfile, year: Int, maxKm: Double?, weights: ObjectiveWeights,
        calendar: String? = nil, villages: [Village], advisers: [Adviser], firms: [Firm] = [],
        counties: [County], preferences: [Preference] = [], conflicts: [Conflict] = [],
        directory: URL = URL(fileURLWithPath: "."), schedule: ScheduleSettings = .defaults,
        unavailability: [Unavailability] = [], townships: [Township] = [], teamMembers: [TeamMember] = [],
        justiceOffice: String? = nil, justiceOfficePhone: String? = nil
    ) {
        self.justiceOffice = justiceOffice
        self.justiceOfficePhone = justiceOfficePhone
        self.schedule = schedule
        self.unavailability = unavailability
        self.townships = townships
        self.teamMembers = teamMembers
        self.name = name
        self.rules = rules
        self.year = year
        self.maxKm = maxKm
        self.weights = weights
        self.calendar = calendar
        self.villages = villages
        self.advisers = advisers
        self.firms = firms
        self.counties = counties
        self.preferences = preferences
        self.conflicts = conflicts
        self.directory = directory
    }
}
