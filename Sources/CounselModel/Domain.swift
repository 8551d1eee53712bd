/// A village committee or an urban residents' committee (社区), which needs one adviser.
public struct Village: Hashable, Sendable {
    /// Whether this is a rural village or an urban community.
    public enum Kind: String, CaseIterable, Sendable { case village, community }

    /// Unique id within the scenario.
    public var id: String
    /// Name, e.g. 双桥村.
    public var name: String
    /// Village or community.
    public var kind: Kind
    /// The township (乡镇/街道) it belongs to.
    public var township: String
    /// The county id it belongs to.
    public var county: String
    /// Latitude in degrees.
    public var latitude: Double
    /// Longitude in degrees.
    public var longitude: Double
    /// Specialty tags the village needs most (land, family, labour, …).
    public var needs: [String]
    /// The incumbent adviser's id, if the village already has one.
    public var currentAdviser: String?
    /// Flexible mode for this village (`flexible` column), or `nil` for the scenario's setting.
    public var flexible: Bool? = nil
    /// Service days and evenings for this village (`service_days`, `evening` columns), or `nil`.
    public var serviceDays: Set<Int>? = nil
    /// Evening sessions allowed here, or `nil` for the scenario's setting.
    public var evening: Bool? = nil

    /// Makes a village.
    public init(
        id: String, name: String, kind: Kind = .village, township: String, county: String, latitude: Double,
        longitude: Double, needs: [String] = [], currentAdviser: String? = nil, flexible: Bool? = nil,
        serviceDays: Set<Int>? = nil, evening: Bool? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.township = township
        self.county = county
        self.latitude = latitude
        self.longitude = longitude
        self.needs = needs
        self.currentAdviser = currentAdviser
        self.flexible = flexible
        self.serviceDays = serviceDays
        self.evening = evening
    }
}

/// The role of a person who may serve as a village's legal adviser.
public enum AdviserRole: String, CaseIterable, Sendable {
    /// A practising lawyer (执业律师).
    case lawyer
    /// A grassroots legal-service worker (基层法律服务工作者).
    case grassrootsWorker = "grassroots_worker"
    /// A lawyer apprentice (申请律师执业的实习人员); never serves alone (Guangdong 001 §(十二)).
    case apprentice
    /// A public-sector lawyer (公职律师).
    case publicLawyer = "public_lawyer"
    /// A judicial-office head or officer (司法所长/司法所工作人员).
    case judicialOfficer = "judicial_officer"
    /// Another public official (公职人员).
    case publicOfficial = "public_official"
}

/// Whether an adviser can be appointed.
public enum AdviserStatus: String, CaseIterable, Sendable {
    /// In service.
    case active
    /// Failed the annual assessment: not re-appointed (优胜劣汰; Guangdong 001 §(十二), Nanning 002 §四(五)).
    case failedAssessment = "failed_assessment"
    /// On leave for the planning period.
    case onLeave = "on_leave"
}

/// A lawyer or legal-service worker who may advise villages.
public struct Adviser: Hashable, Sendable {
    /// Unique id within the scenario.
    public var id: String
    /// Name (personal data: kept off public outputs except the notice board).
    public var name: String
    /// Role.
    public var role: AdviserRole
    /// Firm id (law firm or legal-service office), if any.
    public var firm: String?
    /// Home county id.
    public var county: String
    /// Latitude of the adviser's base, degrees.
    public var latitude: Double
    /// Longitude of the adviser's base, degrees.
    public var longitude: Double
    /// The adviser's own total cap on villages, or `nil` for the rule profile's cap.
    public var maxVillages: Int?
    /// Hours a month the adviser can give to village work, or `nil` for no limit.
    public var hoursPerMonth: Double?
    /// Specialty tags.
    public var specialties: [String]
    /// Status.
    public var status: AdviserStatus
    /// Phone number (personal data).
    public var phone: String
    /// WeChat ID (微信号) for the notice board and contact card (Guangdong 001 §(十),(十一)), or `nil`.
    public var wechat: String? = nil
    /// E-mail address (电子邮箱) for the contact card (Guangdong 001 §(十一)), or `nil`.
    public var email: String? = nil
    /// The adviser's photo for the notice board (Jiaocheng 004 §四(三): 法律顾问照片): a path inside
    /// the scenario folder, as `advisers.csv` gives it and the loader checked it (a PNG or JPEG
    /// file that resolves inside the folder), or `nil`.
    public var photo: String? = nil

    /// Makes an adviser.
    public init(
        id: String, name: String, role: AdviserRole = .lawyer, firm: String? = nil, county: String, latitude: Double,
        longitude: Double, maxVillages: Int? = nil, hoursPerMonth: Double? = nil, specialties: [String] = [],
        status: AdviserStatus = .active, phone: String = ""
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.firm = firm
        self.county = county
        self.latitude = latitude
        self.longitude = longitude
        self.maxVillages = maxVillages
        self.hoursPerMonth = hoursPerMonth
        self.specialties = specialties
        self.status = status
        self.phone = phone
    }
}

/// A law firm (律师事务所) or legal-service office (基层法律服务所).
public struct Firm: Hashable, Sendable {
    /// Unique id.
    public var id: String
    /// Name.
    public var name: String
    /// `law_firm`, `legal_service_office` or another label.
    public var kind: String
    /// County id.
    public var county: String
    /// Latitude, degrees (`nil` when not given).
    public var latitude: Double?
    /// Longitude, degrees (`nil` when not given).
    public var longitude: Double?
}

/// A county-level unit (县/区) and what the rules say about it.
public struct County: Hashable, Sendable {
    /// Unique id (e.g. the administrative code).
    public var id: String
    /// Name.
    public var name: String
    /// The city (地级市) it belongs to; support crosses counties only within a city.
    public var city: String
    /// Marked by the bureau as an under-resourced area where lawyers are truly insufficient
    /// (Guangdong 001 §(十二): up to 8 villages per lawyer there).
    public var underResourced: Bool
    /// The office supervising the county's village advisers (监管部门, e.g. the county justice
    /// bureau), shown on every village's notice board (Guangdong 001 §(十)); `nil` for the
    /// scenario's `justice_office`.
    public var justiceOffice: String? = nil
    /// That office's phone (监督电话), shown on the notice boards; `nil` for the scenario's
    /// `justice_office_phone`.
    public var justiceOfficePhone: String? = nil
    /// That office's e-mail (监管部门……邮箱, Guangdong 001 §(十)); `nil` for the scenario's
    /// `justice_office_email`.
    public var justiceOfficeEmail: String? = nil
    /// The complaint e-mail printed on the boards (投诉邮箱, Guangdong 001 §(十四): the provincial
    /// department's); `nil` for the scenario's `complaint_email`.
    public var complaintEmail: String? = nil
    /// The days the county trains its advisers (培训, Nanning 002 §四(二); Jiaocheng 004 §四(一)):
    /// its advisers are off the roster then; `nil` for the scenario's `training_days`.
    public var trainingDays: [Day]? = nil
    /// A city-level pool (`pool: true` in counties.csv): an urban district whose lawyers the city
    /// bureau deploys to counties short of lawyers (Guangdong 001 §(十二) 对口支援; Nanning 002 §二(二)).
    public var pool: Bool = false

    /// Makes a county.
    public init(
        id: String, name: String, city: String, underResourced: Bool = false,
        justiceOffice: String? = nil, justiceOfficePhone: String? = nil, pool: Bool = false
    ) {
        self.pool = pool
        self.id = id
        self.name = name
        self.city = city
        self.underResourced = underResourced
        self.justiceOffice = justiceOffice
        self.justiceOfficePhone = justiceOfficePhone
    }
}

/// One side's ranking of a partner: a village ranking an adviser or a firm, or an adviser ranking a village.
public struct Preference: Hashable, Sendable {
    /// Who ranks (a village or an adviser id).
    public var from: String
    /// Who is ranked (an adviser, firm or village id).
    public var to: String
    /// 1 is the first choice.
    public var rank: Int

    /// Makes a preference.
    public init(from: String, to: String, rank: Int) {
        self.from = from
        self.to = to
        self.rank = rank
    }
}

/// A conflict of interest (Nanning 002 §二(五)).
public struct Conflict: Hashable, Sendable {
    /// A village or adviser id.
    public var a: String
    /// A village id (or adviser id when `a` is a village).
    public var b: String
    /// Why, in the bureau's words.
    public var reason: String

    /// Makes a conflict.
    public init(a: String, b: String, reason: String = "") {
        self.a = a
        self.b = b
        self.reason = reason
    }
}

/// Weights of the secondary objective (after coverage).
public struct ObjectiveWeights: Hashable, Sendable {
    /// Per preference rank step, counted on both sides.
    public var preference: Double
    /// Per great-circle kilometre between adviser and village.
    public var distanceKm: Double
    /// Per village whose incumbent adviser is replaced.
    public var change: Double
    /// Per village served by an adviser from another county (paired support).
    public var support: Double
    /// Per need of a village its team does not cover, when `needs: prefer` (team model).
    public var needs: Double = 10

    /// The defaults: one rank step ≈ 20 km ≈ a fifth of replacing an incumbent; an uncovered need
    /// costs as much as two replaced incumbents.
    public static let defaults = ObjectiveWeights(preference: 1, distanceKm: 0.05, change: 5, support: 20, needs: 10)

    /// Makes weights.
    public init(preference: Double, distanceKm: Double, change: Double, support: Double, needs: Double = 10) {
        self.needs = needs
        self.preference = preference
        self.distanceKm = distanceKm
        self.change = change
        self.support = support
    }
}

/// How villages are served (Guangdong 001 §(七)).
public enum ServiceModel: String, CaseIterable, Sendable, Codable {
    /// One adviser per village (the programme's default: 一村一法律顾问).
    case individual
    /// Villages are assigned to teams of a firm (团队化服务, `teams.csv`).
    case team
    /// Whole townships are assigned to firms, a firm serving a connected set of adjacent
    /// townships (一所一乡镇, `townships.csv`).
    case township
}

/// Which partners a side may be matched to (two-way selection, 双向选择).
public enum Acceptability: String, CaseIterable, Sendable {
    /// Any eligible partner within reach; unranked partners count below every ranked one.
    case all
    /// A village or adviser that ranked some partners may be matched only to those it ranked.
    case ranked
}

/// Whether a village's `needs` must be covered by its team's specialties (team model).
public enum NeedsRule: String, CaseIterable, Sendable {
    /// Only teams whose specialties cover every need may serve the village.
    case require
    /// Any team may serve; each need left uncovered costs `objective.needs`.
    case prefer
}

/// How the assignment is modelled (`service_model`, `stable`, `acceptable`, `needs` in `scenario.yaml`).
public struct AssignmentSettings: Hashable, Sendable {
    /// Individual, team or township model.
    public var serviceModel: ServiceModel
    /// Whether the plan must be stable with respect to both sides' rankings (Rongchang 000 §三(一),
    /// Guangdong 001 §(十二): 双向选择).
    public var stable: Bool
    /// Which partners each side may be matched to.
    public var acceptable: Acceptability
    /// Whether team specialties must cover village needs.
    public var needs: NeedsRule

    /// Individual model, not forced stable, every partner acceptable, needs required.
    public static let defaults = AssignmentSettings(
        serviceModel: .individual, stable: false, acceptable: .all, needs: .require)

    /// Makes settings.
    public init(
        serviceModel: ServiceModel = .individual, stable: Bool = false, acceptable: Acceptability = .all,
        needs: NeedsRule = .require
    ) {
        self.serviceModel = serviceModel
        self.stable = stable
        self.acceptable = acceptable
        self.needs = needs
    }
}
