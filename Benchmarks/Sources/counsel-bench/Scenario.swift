import Foundation

// MARK: - The scenario contract
//
// One scenario is a folder of `scenario.yaml` and six UTF-8 CSV files, plus `townships.csv` and
// `teams.csv` where the service model needs them (see Benchmarks/README.md).
// These types mirror the files column for column; they are the generator's and the harness's own
// copy of the contract, independent of the planner's model in Sources/.

/// The closed set of legal-need and specialty tags.
let legalTags = ["land", "family", "labour", "contract", "inheritance", "neighbour", "environment", "consumer"]

enum VillageKind: String { case village, community }
enum FirmKind: String {
    case lawFirm = "law_firm"
    case legalServiceOffice = "legal_service_office"
}
enum Role: String, CaseIterable {
    case lawyer
    case grassrootsWorker = "grassroots_worker"
    case apprentice
    case publicLawyer = "public_lawyer"
    case judicialOfficer = "judicial_officer"
    case publicOfficial = "public_official"
}
enum AdviserStatus: String, CaseIterable {
    case active
    case failedAssessment = "failed_assessment"
    case onLeave = "on_leave"
}

/// How villages are served (`service_model` in scenario.yaml; Guangdong 001 §(七)).
enum ServiceModel: String, CaseIterable {
    /// One adviser per village (一村一法律顾问).
    case individual
    /// Villages are assigned to teams of a firm (`teams.csv`).
    case team
    /// Whole townships are assigned to firms, each firm a connected set of adjacent townships (`townships.csv`).
    case township
}

struct County {
    var id: String
    var name: String
    var city: String
    var underResourced: Bool
    /// A city-level pool district: the city bureau sends its advisers as paired support to the
    /// city's other counties (Guangdong 001 §(十二), Nanning 002 §二(二)). Column `pool`.
    var pool = false
    /// The supervising justice bureau and its phone, shown on notice boards (columns
    /// `justice_office`, `justice_office_phone`); nil = column left empty or absent.
    var justiceOffice: String? = nil
    var justiceOfficePhone: String? = nil
    /// The office's e-mail and the complaint e-mail for the boards (Guangdong 001 §(十),(十四);
    /// columns `justice_office_email`, `complaint_email`); nil = not written.
    var justiceOfficeEmail: String? = nil
    var complaintEmail: String? = nil
    /// Days the county trains its advisers, YYYY-MM-DD (column `training_days`, `;`-separated).
    var trainingDays: [String] = []
}

/// One row of `townships.csv`: a township (乡镇) or sub-district (街道).
struct TownshipRow {
    /// A 9-digit admin-style code: the county's 6 digits, then 001… for 街道, 100… for 镇, 200… for 乡.
    var id: String
    var name: String
    var county: String
    /// `onsite` or `online` (remote townships served online, Jiaocheng 004 §四(三)).
    var mode: String = "onsite"
    /// Ids of adjacent townships (symmetric).
    var adjacent: [String] = []
}

/// One row of `teams.csv`: a member of a firm's service team (团队化服务, Guangdong 001 §(七)).
struct TeamMember {
    var team: String
    var firm: String
    var member: String
    /// `lead` or `member`; every team has exactly one lead, never an apprentice.
    var roleInTeam: String
}

struct Firm {
    var id: String
    var name: String
    var kind: FirmKind
    var county: String
    var lat: Double
    var lon: Double
}

struct Adviser {
    var id: String
    var name: String
    var role: Role
    var firm: String
    var county: String
    var lat: Double
    var lon: Double
    /// Empty in the file means "the rule cap".
    var maxVillages: Int?
    /// Hours a month the adviser can give; empty in the file means "no stated limit".
    var hoursPerMonth: Double?
    var specialties: [String]
    var status: AdviserStatus
    var phone: String
    /// WeChat ID, e-mail and photo path for the notice boards and contact cards (columns
    /// `wechat`, `email`, `photo`, written only when some adviser has one).
    var wechat: String? = nil
    var email: String? = nil
    var photo: String? = nil
}

struct Village {
    var id: String
    var name: String
    var kind: VillageKind
    var township: String
    var county: String
    var lat: Double
    var lon: Double
    var needs: [String]
    var currentAdviser: String?
}

/// `from` (a village or an adviser) ranks `to` (an adviser or firm, or a village); rank 1 is first choice.
struct Preference {
    var from: String
    var to: String
    var rank: Int
}

/// Two villages that may not share an adviser, or an adviser who may not serve a village.
struct Conflict {
    var a: String
    var b: String
    var reason: String
}

struct Scenario {
    var name: String
    var rules: String
    var year: Int = 2026
    var maxKm: Double?
    /// A comment written at the top of scenario.yaml (how the folder was made).
    var comment: String?
    var counties: [County] = []
    var firms: [Firm] = []
    var advisers: [Adviser] = []
    var villages: [Village] = []
    var preferences: [Preference] = []
    var conflicts: [Conflict] = []
    /// `service_model` (written only when not `individual`).
    var serviceModel: ServiceModel = .individual
    /// `stable: true` asks for a plan no village–adviser pair would both rather break (written only when true).
    var stable = false
    /// `acceptable` (`all` or `ranked`) and `needs` (`require` or `prefer`); nil = not written (the defaults).
    var acceptable: String? = nil
    var needsRule: String? = nil
    /// `townships.csv` rows; empty = no such file.
    var townships: [TownshipRow] = []
    /// `teams.csv` rows; empty = no such file.
    var teams: [TeamMember] = []
}

// MARK: - Rule profiles (RULES.md §1, §3)

/// What the planner is expected to apply for one jurisdiction; used here to size capacity and to
/// count candidates, never to decide anything for the planner.
struct RuleProfile {
    var name: String
    /// Roles that may serve alone. Apprentices never serve alone (Guangdong 001 §(十二)).
    var eligibleRoles: Set<Role>
    /// Villages per adviser: Nanning 5 (002 §二(二)); Guangdong 5 in general.
    var cap: Int
    /// Guangdong: up to 8 in all where lawyers are short (001 §(十二)), at most `cap` of them
    /// outside counties marked under-resourced. Equal to `cap` elsewhere.
    var underResourcedCap: Int
    /// Monthly hours one village needs: Nanning 5 h on site (002 §三(六)), Guangdong 8 h (001 §(五)).
    var hoursPerVillage: Double

    static let nanning = RuleProfile(
        name: "nanning", eligibleRoles: [.lawyer, .grassrootsWorker], cap: 5, underResourcedCap: 5, hoursPerVillage: 5)
    static let guangdong = RuleProfile(
        name: "guangdong", eligibleRoles: [.lawyer], cap: 5, underResourcedCap: 8, hoursPerVillage: 8)
    /// Rongchang: lawyers and grassroots workers (000 §三(一)), 5 (common practice), 4 h a month (000 §三(三)).
    static let rongchang = RuleProfile(
        name: "rongchang", eligibleRoles: [.lawyer, .grassrootsWorker], cap: 5, underResourcedCap: 5, hoursPerVillage: 4
    )
    /// Jiaocheng: lawyers, grassroots workers and public lawyers (004 §三), 5 (common practice), a
    /// 2-hour training a quarter (004 §四(三)).
    static let jiaocheng = RuleProfile(
        name: "jiaocheng", eligibleRoles: [.lawyer, .grassrootsWorker, .publicLawyer], cap: 5, underResourcedCap: 5,
        hoursPerVillage: 0.6667)

    static func named(_ name: String) -> RuleProfile? {
        switch name {
        case "nanning": return .nanning
        case "guangdong": return .guangdong
        case "rongchang": return .rongchang
        case "jiaocheng": return .jiaocheng
        default: return nil
        }
    }

    /// Active, of an eligible role.
    func isEligible(_ a: Adviser) -> Bool {
        a.status == .active && eligibleRoles.contains(a.role)
    }

    /// Villages the adviser can take: the smaller of the rule cap, the adviser's own
    /// `max_villages` and the whole villages their monthly hours pay for.
    func capacity(of a: Adviser, ruleCap: Int) -> Int {
        var c = ruleCap
        if let m = a.maxVillages { c = min(c, m) }
        if let h = a.hoursPerMonth { c = min(c, Int((h / hoursPerVillage).rounded(.down))) }
        return max(0, c)
    }
}

// MARK: - Geography

/// Great-circle distance in km (haversine, mean Earth radius 6371.0088 km).
func greatCircleKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
    let r = 6371.0088
    let p1 = lat1 * .pi / 180, p2 = lat2 * .pi / 180
    let dp = p2 - p1, dl = (lon2 - lon1) * .pi / 180
    let h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
    return 2 * r * asin(min(1, h.squareRoot()))
}

/// A bucket grid over points, to find every point within a radius without comparing all pairs.
struct SpatialGrid {
    private let cellDeg: Double
    private var cells: [Int64: [Int]] = [:]
    private let lats: [Double]
    private let lons: [Double]

    init(lats: [Double], lons: [Double], cellDeg: Double = 0.1) {
        self.cellDeg = cellDeg
        self.lats = lats
        self.lons = lons
        for i in lats.indices { cells[key(cell(lats[i]), cell(lons[i])), default: []].append(i) }
    }

    private func cell(_ x: Double) -> Int { Int((x / cellDeg).rounded(.down)) }
    private func key(_ a: Int, _ b: Int) -> Int64 { Int64(a) << 32 | Int64(UInt32(bitPattern: Int32(b))) }

    /// Indices within `km` of the point with their distances, in ascending index order.
    func within(km: Double, lat: Double, lon: Double) -> [(index: Int, km: Double)] {
        let dLat = km / 111.0
        let cosLat = cos(lat * .pi / 180)
        let dLon = km / (111.0 * max(0.2, cosLat))
        // A flat-earth pre-test with 2% slack skips most haversine evaluations.
        let slack = (km * 1.02 / 111.19) * (km * 1.02 / 111.19)
        var out: [(index: Int, km: Double)] = []
        for a in cell(lat - dLat)...cell(lat + dLat) {
            for b in cell(lon - dLon)...cell(lon + dLon) {
                guard let bucket = cells[key(a, b)] else { continue }
                for i in bucket {
                    let y = lats[i] - lat, x = (lons[i] - lon) * cosLat
                    if x * x + y * y > slack { continue }
                    let d = greatCircleKm(lat, lon, lats[i], lons[i])
                    if d <= km { out.append((i, d)) }
                }
            }
        }
        out.sort { $0.index < $1.index }
        return out
    }
}
