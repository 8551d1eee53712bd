import CounselModel

/// One adviser who may serve one village, with what it would cost.
public struct Candidate: Sendable {
    /// Index into ``AssignmentProblem/villages``.
    public var village: Int
    /// Index into ``AssignmentProblem/advisers``.
    public var adviser: Int
    /// Great-circle km between the adviser's base and the village.
    public var distanceKm: Double
    /// The village's rank of the adviser (or of the adviser's firm), `nil` when unranked.
    public var villageRank: Int?
    /// The adviser's rank of the village, `nil` when unranked.
    public var adviserRank: Int?
    /// Whether the adviser comes from another county (paired support).
    public var isSupport: Bool
    /// The secondary-objective cost of the pair (see README, "The assignment model").
    public var cost: Double
}

/// A scenario turned into index-based data the model builder and solver work on.
///
/// Eligibility (Nanning 002 §二(四), Guangdong 001 §(十二), each profile's `eligible_roles`,
/// `apprentice_alone`, `excluded_statuses`), caps (`cap`, `under_resourced_cap`, `max_villages`),
/// the candidate radius and conflicts are all applied here.
public struct AssignmentProblem: Sendable {
    /// The scenario.
    public let scenario: Scenario
    /// Villages, sorted by id.
    public let villages: [Village]
    /// Advisers, sorted by id.
    public let advisers: [Adviser]
    /// Whether each adviser may be appointed at all.
    public let isEligible: [Bool]
    /// Why an adviser is not eligible (for explanations), `nil` when eligible.
    public let ineligibility: [String?]
    /// Every candidate pair, grouped by village (ascending village, then adviser index).
    public let candidates: [Candidate]
    /// Range of ``candidates`` for each village.
    public let candidateRange: [Range<Int>]
    /// Whether each village lies in a county marked under-resourced.
    public let inUnderResourcedCounty: [Bool]
    /// Each adviser's total cap on villages.
    public let totalCap: [Int]
    /// Each adviser's cap outside under-resourced counties, or `nil` when the total cap governs.
    public let outsideCap: [Int?]
    /// Monthly hours each village needs (the profile's `monthly_hours_per_village`).
    public let hoursPerVillage: Double
    /// Village–village conflicts as index pairs (a < b), with the reason.
    public let villageConflicts: [(a: Int, b: Int, reason: String)]
    /// The penalty for leaving one village uncovered; larger than any possible total of pair costs,
    /// so coverage is maximised first.
    public let uncoveredPenalty: Double
    /// County of each village / adviser, by id.
    public let countyByID: [String: County]

    /// Builds the problem from a loaded scenario.
    public init(scenario: Scenario) {
        self.scenario = scenario
        let rules = scenario.rules.assignment
        let villages = scenario.villages.sorted { $0.id < $1.id }
        let advisers = scenario.advisers.sorted { $0.id < $1.id }
        self.villages = villages
        self.advisers = advisers
        var countyByID: [String: County] = [:]
        for c in scenario.counties { countyByID[c.id] = c }
        self.countyByID = countyByID
        let villageIndex = Dictionary(uniqueKeysWithValues: villages.enumerated().map { ($1.id, $0) })
        let adviserIndex = Dictionary(uniqueKeysWithValues: advisers.enumerated().map { ($1.id, $0) })
        hoursPerVillage = rules.monthlyHoursPerVillage.value

        // Eligibility.
        var eligible = [Bool](repeating: true, count: advisers.count)
        var why = [String?](repeating: nil, count: advisers.count)
        for (i, a) in advisers.enumerated() {
            if rules.excludedStatuses.value.contains(a.status) {
                eligible[i] = false
                why[i] = "status \(a.status.rawValue) (\(rules.excludedStatuses.source))"
            } else if !rules.eligibleRoles.value.contains(a.role) {
                eligible[i] = false
                why[i] = "role \(a.role.rawValue) may not serve under \(scenario.rules.id) rules (\(rules.eligibleRoles.source))"
            } else if a.role == .apprentice && !rules.apprenticeAlone.value {
                eligible[i] = false
                why[i] = "an apprentice may not serve a village alone (\(rules.apprenticeAlone.source))"
            } else if a.maxVillages == 0 {
                eligible[i] = false
                why[i] = "max_villages is 0"
            } else if let h = a.hoursPerMonth, hoursPerVillage > 0, h + 1e-9 < hoursPerVillage {
                eligible[i] = false
                why[i] = "hours_per_month \(h) is less than one village's \(hoursPerVillage) h"
            }
        }
        isEligible = eligible
        ineligibility = why

        // Adviser–village conflicts.
        var forbidden = Set<Int>()  // village * count + adviser
        var vv: [(Int, Int, String)] = []
        var seenVV = Set<Int>()
        for c in scenario.conflicts {
            if let v = villageIndex[c.a], let a = adviserIndex[c.b] { forbidden.insert(v * advisers.count + a) }
            else if let v = villageIndex[c.b], let a = adviserIndex[c.a] { forbidden.insert(v * advisers.count + a) }
            else if let v1 = villageIndex[c.a], let v2 = villageIndex[c.b] {
                let (x, y) = (min(v1, v2), max(v1, v2))
                if seenVV.insert(x * villages.count + y).inserted { vv.append((x, y, c.reason)) }
            }
        }
        villageConflicts = vv.sorted { ($0.0, $0.1) < ($1.0, $1.1) }

        // Preferences: a village ranks advisers or firms; an adviser ranks villages.
        var villageRanks: [String: Int] = [:]   // "village|adviser-or-firm"
        var adviserRanks: [String: Int] = [:]   // "adviser|village"
        for p in scenario.preferences {
            if villageIndex[p.from] != nil { villageRanks[p.from + "|" + p.to] = p.rank }
            else { adviserRanks[p.from + "|" + p.to] = p.rank }
        }
        var villageRankCount: [String: Int] = [:], adviserRankCount: [String: Int] = [:]
        for p in scenario.preferences {
            if villageIndex[p.from] != nil { villageRankCount[p.from, default: 0] = max(villageRankCount[p.from, default: 0], p.rank) }
            else { adviserRankCount[p.from, default: 0] = max(adviserRankCount[p.from, default: 0], p.rank) }
        }

        // Candidates: same county always; another county of the same city only within max_km.
        let weights = scenario.weights
        let maxKm = scenario.maxKm
        var byCity: [String: [Int]] = [:]
        for (i, a) in advisers.enumerated() where eligible[i] {
            byCity[countyByID[a.county]?.city ?? a.county, default: []].append(i)
        }
        var candidates: [Candidate] = []
        var ranges: [Range<Int>] = []
        var underResourced = [Bool](repeating: false, count: villages.count)
        var hasURCandidate = [Bool](repeating: false, count: advisers.count)
        let latWindow = maxKm.map { $0 / 110.0 + 0.01 } ?? 180
        for (vi, v) in villages.enumerated() {
            let start = candidates.count
            underResourced[vi] = countyByID[v.county]?.underResourced ?? false
            let city = countyByID[v.county]?.city ?? v.county
            for ai in byCity[city] ?? [] {
                let a = advisers[ai]
                let sameCounty = a.county == v.county
                if !sameCounty && maxKm == nil { continue }
                if abs(a.latitude - v.latitude) > latWindow { continue }
                let km = Geography.greatCircleKm(v.latitude, v.longitude, a.latitude, a.longitude)
                if let maxKm, km > maxKm { continue }
                if forbidden.contains(vi * advisers.count + ai) { continue }
                let vRank = villageRanks[v.id + "|" + a.id] ?? a.firm.flatMap { villageRanks[v.id + "|" + $0] }
                let aRank = adviserRanks[a.id + "|" + v.id]
                let rankCost = Double((vRank ?? villageRankCount[v.id, default: 0] + 1) + (aRank ?? adviserRankCount[a.id, default: 0] + 1))
                let changed = v.currentAdviser != nil && v.currentAdviser != a.id
                let cost = weights.preference * rankCost + weights.distanceKm * km
                    + (changed ? weights.change : 0) + (sameCounty ? 0 : weights.support)
                candidates.append(Candidate(village: vi, adviser: ai, distanceKm: km, villageRank: vRank, adviserRank: aRank,
                                            isSupport: !sameCounty, cost: cost))
                if underResourced[vi] { hasURCandidate[ai] = true }
            }
            ranges.append(start..<candidates.count)
        }
        self.candidates = candidates
        candidateRange = ranges
        inUnderResourcedCounty = underResourced

        // Caps (Nanning 002 §二(二); Guangdong 001 §(十二)): an adviser serves at most `cap`
        // villages; where `under_resourced_cap` is set, at most that many in all and still at most
        // `cap` outside counties marked under-resourced. A non-empty max_villages is the total cap.
        var total = [Int](repeating: 0, count: advisers.count)
        var outside = [Int?](repeating: nil, count: advisers.count)
        for (i, a) in advisers.enumerated() {
            let urCap = rules.underResourcedCap?.value
            var cap = a.maxVillages ?? (urCap != nil && hasURCandidate[i] ? urCap! : rules.cap.value)
            // Outside under-resourced counties the ordinary cap always holds.
            var outsideCap: Int? = urCap != nil ? rules.cap.value : nil
            if !hasURCandidate[i], let o = outsideCap {
                cap = min(cap, o)
                outsideCap = nil
            }
            if let o = outsideCap, o >= cap { outsideCap = nil }
            if let h = a.hoursPerMonth, hoursPerVillage > 0 {
                cap = min(cap, Int((h / hoursPerVillage + 1e-9).rounded(.down)))
            }
            total[i] = eligible[i] ? cap : 0
            outside[i] = outsideCap
        }
        totalCap = total
        outsideCap = outside

        var maxCostSum = 0.0
        for r in ranges { maxCostSum += candidates[r].map(\.cost).max() ?? 0 }
        uncoveredPenalty = (maxCostSum + 1).rounded(.up)
    }
}
