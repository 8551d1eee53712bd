import CounselModel
import Foundation
import GLPK

/// One unit (an adviser or a team) that may serve one village, with what it would cost.
///
/// Stored compactly (a national scenario has tens of millions of pairs): indices and ranks as
/// 32-bit integers, a rank of 0 meaning "unranked".
public struct Candidate: Sendable {
    private var villageIndex: Int32
    private var unitIndex: Int32
    private var villageRankValue: Int32
    private var adviserRankValue: Int32
    private var supportFlag: Bool
    private var missingNeedsCount: UInt8
    /// Great-circle km between the adviser's base and the village.
    public var distanceKm: Double
    /// The secondary-objective cost of the pair (see README, "The assignment model").
    public var cost: Double

    /// The village.
    public var village: VillageIndex {
        get { VillageIndex(Int(villageIndex)) }
        set { villageIndex = Int32(newValue.rawValue) }
    }
    /// The unit.
    public var unit: UnitIndex {
        get { UnitIndex(Int(unitIndex)) }
        set { unitIndex = Int32(newValue.rawValue) }
    }
    /// The village's rank of the unit (or of its firm, or of a member of its team), `nil` when unranked.
    public var villageRank: Int? {
        get { villageRankValue == 0 ? nil : Int(villageRankValue) }
        set { villageRankValue = newValue.map { Int32(clamping: $0) } ?? 0 }
    }
    /// The unit's rank of the village, `nil` when unranked.
    public var adviserRank: Int? {
        get { adviserRankValue == 0 ? nil : Int(adviserRankValue) }
        set { adviserRankValue = newValue.map { Int32(clamping: $0) } ?? 0 }
    }
    /// Whether the unit comes from another county (paired support).
    public var isSupport: Bool {
        get { supportFlag }
        set { supportFlag = newValue }
    }
    /// Needs of the village its team's specialties do not cover (team model, `needs: prefer`).
    public var missingNeeds: Int {
        get { Int(missingNeedsCount) }
        set { missingNeedsCount = UInt8(clamping: newValue) }
    }

    /// Makes a candidate pair.
    public init(
        village: VillageIndex, unit: UnitIndex, distanceKm: Double, villageRank: Int?, adviserRank: Int?,
        isSupport: Bool, cost: Double, missingNeeds: Int = 0
    ) {
        villageIndex = Int32(village.rawValue)
        unitIndex = Int32(unit.rawValue)
        villageRankValue = villageRank.map { Int32(clamping: $0) } ?? 0
        adviserRankValue = adviserRank.map { Int32(clamping: $0) } ?? 0
        supportFlag = isSupport
        missingNeedsCount = UInt8(clamping: missingNeeds)
        self.distanceKm = distanceKm
        self.cost = cost
    }
}

/// Places of a unit already taken by villages outside a problem (see
/// ``AssignmentProblem/init(scenario:previous:reserved:)``).
public struct Reservation: Sendable, Equatable {
    /// Villages taken in all.
    public var total: Int
    /// Of them, villages outside under-resourced counties.
    public var outside: Int
    /// Whether the unit had a candidate in an under-resourced county (which sets its caps).
    public var underResourced: Bool

    /// Makes a reservation.
    public init(total: Int, outside: Int, underResourced: Bool) {
        self.total = total
        self.outside = outside
        self.underResourced = underResourced
    }
}

/// A scenario turned into index-based data the model builder and solver work on.
///
/// Eligibility (Nanning 002 §二(四), Guangdong 001 §(十二), each profile's `eligible_roles`,
/// `apprentice_alone`, `excluded_statuses`), caps (`cap`, `under_resourced_cap`, `max_villages`),
/// the candidate radius, paired support, acceptability and conflicts are all applied here.
///
/// The units that take villages are ``ServiceUnit``s: advisers in the individual and township
/// models, teams in the team model.
public struct AssignmentProblem: Sendable {
    /// The scenario.
    public let scenario: Scenario
    /// How the assignment is modelled.
    public let settings: AssignmentSettings
    /// Villages, sorted by id.
    public let villages: [Village]
    /// Units that take villages, sorted by id: advisers, or teams in the team model.
    public let units: [ServiceUnit]
    /// Whether each adviser may be appointed at all.
    public let isEligible: [Bool]
    /// Why an adviser is not eligible (for explanations), `nil` when eligible.
    public let ineligibility: [String?]
    /// Advisers of the scenario left out of every unit, with the reason (team model: not in a
    /// team, or an excluded member; shown in explanations).
    public let leftOut: [(adviser: String, reason: String)]
    /// Every candidate pair, grouped by village (ascending village, then adviser index).
    public let candidates: [Candidate]
    /// Range of ``candidates`` for each village.
    public let candidateRange: [Range<CandidateIndex>]
    /// Whether each village lies in a county marked under-resourced.
    public let inUnderResourcedCounty: [Bool]
    /// Each adviser's total cap on villages.
    public let totalCap: [Int]
    /// Whether each unit has a candidate in an under-resourced county (which sets its caps).
    public let hasUnderResourcedCandidate: [Bool]
    /// Each adviser's cap outside under-resourced counties, or `nil` when the total cap governs.
    public let outsideCap: [Int?]
    /// Monthly hours each village needs (the profile's `monthly_hours_per_village`).
    public let hoursPerVillage: Double
    /// Village–village conflicts as index pairs (a < b), with the reason.
    public let villageConflicts: [(a: VillageIndex, b: VillageIndex, reason: String)]
    /// Indices into ``villageConflicts`` of each village's conflicts.
    public let conflictIndex: [[Int]]
    /// The penalty for leaving one village uncovered; larger than any possible total of pair costs,
    /// so coverage is maximised first.
    public let uncoveredPenalty: Double
    /// County of each village / adviser, by id.
    public let countyByID: [String: County]
    /// Townships of the township model, sorted by id (empty otherwise).
    public let townships: [Township]
    /// Index into ``townships`` of each village's township (township model), else `nil`.
    public let townshipOfVillage: [Int?]
    /// Adjacent townships of each township, as indices (symmetric).
    public let townshipAdjacency: [[Int]]
    /// Firm ids of the township model, sorted.
    public let firmIDs: [String]
    /// Index into ``firmIDs`` of each unit's firm (township model), else `nil`.
    public let firmOfUnit: [Int?]
    /// The unit each village had in the previous plan (rebalancing), else `nil`.
    public let previousUnit: [UnitIndex?]
    /// The previous plan's unit id of each village (kept even when the unit is gone), else `nil`.
    public let previousID: [String?]

    /// Builds the problem from a loaded scenario.
    ///
    /// - Parameters:
    ///   - previous: for rebalancing, the previous plan's unit (adviser id, or team id in the team
    ///     model) of each village id.
    ///   - reserved: places of units already taken by villages outside this problem (a what-if on
    ///     part of a scenario with the rest of the plan kept), by unit id; they come off the caps.
    public init(scenario: Scenario, previous: [String: String] = [:], reserved: [String: Reservation] = [:]) {
        self.scenario = scenario
        settings = scenario.assignment
        let villages = scenario.villages.sorted { $0.id < $1.id }
        self.villages = villages
        var countyByID: [String: County] = [:]
        for c in scenario.counties { countyByID[c.id] = c }
        self.countyByID = countyByID
        let villageIndex = Dictionary(uniqueKeysWithValues: villages.enumerated().map { ($1.id, $0) })
        hoursPerVillage = scenario.rules.assignment.monthlyHoursPerVillage.value
        let eligibility = EligibilityRules(
            rules: scenario.rules.assignment, profileID: scenario.rules.id, hoursPerVillage: hoursPerVillage)

        let table = UnitTable(
            people: scenario.advisers.sorted { $0.id < $1.id }, scenario: scenario, eligibility: eligibility)
        let units = table.units
        self.units = units
        let eligible = table.why.map { $0 == nil }
        isEligible = eligible
        ineligibility = table.why
        leftOut = table.leftOut
        let unitIndex = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($1.id, $0) })

        let conflicts = ConflictTable(
            scenario: scenario, villageIndex: villageIndex, memberUnit: table.memberUnit,
            villageCount: villages.count)
        villageConflicts = conflicts.villagePairs.map { (VillageIndex($0.a), VillageIndex($0.b), $0.reason) }
        conflictIndex = conflicts.ofVillage

        let maker = CandidateMaker(
            scenario: scenario, villages: villages, units: units, eligible: eligible, countyByID: countyByID,
            forbidden: conflicts.forbidden,
            preferences: PreferenceTable(
                scenario: scenario, units: units, villageIndex: villageIndex, memberUnit: table.memberUnit),
            incumbentUnit: villages.map { $0.currentAdviser.flatMap { table.memberUnit[$0] ?? unitIndex[$0] } })
        let (candidates, ranges) = maker.all()
        self.candidates = candidates
        candidateRange = ranges
        let underResourced = villages.map { countyByID[$0.county]?.underResourced ?? false }
        inUnderResourcedCounty = underResourced
        previousUnit = villages.map { v in previous[v.id].flatMap { unitIndex[$0].map { UnitIndex($0) } } }
        previousID = villages.map { previous[$0.id] }

        var hasURCandidate = [Bool](repeating: false, count: units.count)
        for c in candidates where underResourced[c.village] { hasURCandidate[c.unit] = true }
        for (i, unit) in units.enumerated() where eligible[i] {
            if let r = reserved[unit.id], r.underResourced { hasURCandidate[i] = true }
        }
        hasUnderResourcedCandidate = hasURCandidate
        let caps = CapTable(
            units: units, eligible: eligible, underResourced: hasURCandidate, reserved: reserved,
            eligibility: eligibility)
        totalCap = caps.total
        outsideCap = caps.outside

        let townshipTables = TownshipTables(scenario: scenario, villages: villages, units: units)
        townships = townshipTables.townships
        townshipOfVillage = townshipTables.townshipOfVillage
        townshipAdjacency = townshipTables.townshipAdjacency
        firmIDs = townshipTables.firmIDs
        firmOfUnit = townshipTables.firmOfUnit

        var maxCostSum = 0.0
        for r in ranges { maxCostSum += candidates[r].map(\.cost).max() ?? 0 }
        uncoveredPenalty = (maxCostSum + 1).rounded(.up)
    }

    /// Whether the model has rows that join villages beyond single candidate pairs (stability,
    /// townships, rebalancing), so that it is solved by connected parts rather than by pricing.
    public var isCoupled: Bool {
        settings.stable || settings.serviceModel == .township || previousID.contains { $0 != nil }
    }

    /// The adviser who appears in `assignment.csv` for a unit: the unit itself, or its team's lead.
    public func representative(of unit: UnitIndex) -> Adviser { units[unit].representative }

    /// Every village's index, ascending.
    public var villageIndices: Range<VillageIndex> { VillageIndex(0)..<VillageIndex(villages.count) }

    /// Every unit's index, ascending.
    public var unitIndices: Range<UnitIndex> { UnitIndex(0)..<UnitIndex(units.count) }

    /// Every candidate's index, ascending.
    public var candidateIndices: Range<CandidateIndex> { CandidateIndex(0)..<CandidateIndex(candidates.count) }
}

/// Eligible units bucketed in cells at least `radiusKm` wide, so that every unit within the radius
/// of a point lies in the point's cell or one of the eight around it.
struct CandidateGrid {
    private let latitudeStep: Double
    private let longitudeStep: Double
    private var cells: [Int64: [Int]] = [:]

    init(units: [ServiceUnit], eligible: [Bool], radiusKm: Double) {
        // 1° of latitude is at least 110.5 km; 1° of longitude at least 110.5·cos(φ) km at the
        // highest latitude φ of any unit (and of any village within the radius of one).
        let maxLatitude = min(
            89.0,
            (units.indices.filter { eligible[$0] }.map { abs(units[$0].latitude) }.max() ?? 0)
                + radiusKm / 110.5 + 0.01)
        latitudeStep = max(radiusKm / 110.5, 1e-6)
        longitudeStep = min(360, max(radiusKm / (110.5 * cos(maxLatitude * .pi / 180)), 1e-6))
        for (i, a) in units.enumerated() where eligible[i] {
            cells[key(row(a.latitude), column(a.longitude)), default: []].append(i)
        }
    }

    private func row(_ latitude: Double) -> Int64 { Int64((latitude / latitudeStep).rounded(.down)) }
    private func column(_ longitude: Double) -> Int64 { Int64((longitude / longitudeStep).rounded(.down)) }
    private func key(_ row: Int64, _ column: Int64) -> Int64 { row &* 4_000_003 &+ column }

    /// Appends the units of the nine cells around a point (unsorted).
    func collect(latitude: Double, longitude: Double, into result: inout [Int]) {
        let r = row(latitude), c = column(longitude)
        let columns = Int64((360 / longitudeStep).rounded(.up))
        for dr in -1...1 as ClosedRange<Int64> {
            for dc in -1...1 as ClosedRange<Int64> {
                // Longitude wraps at ±180°.
                var cc = c + dc
                if columns > 0 && longitudeStep < 360 {
                    let lowest = Int64((-180 / longitudeStep).rounded(.down))
                    if cc < lowest { cc += columns } else if cc >= lowest + columns { cc -= columns }
                }
                if let units = cells[key(r + dr, cc)] { result += units }
            }
        }
    }
}
