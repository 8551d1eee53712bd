import CounselModel
import Foundation
import GLPK

/// One adviser who may serve one village, with what it would cost.
///
/// Stored compactly (a national scenario has tens of millions of pairs): indices and ranks as
/// 32-bit integers, a rank of 0 meaning "unranked".
public struct Candidate: Sendable {
    private var villageIndex: Int32
    private var adviserIndex: Int32
    private var villageRankValue: Int32
    private var adviserRankValue: Int32
    private var supportFlag: Bool
    private var missingNeedsCount: UInt8
    /// Great-circle km between the adviser's base and the village.
    public var distanceKm: Double
    /// The secondary-objective cost of the pair (see README, "The assignment model").
    public var cost: Double

    /// Index into ``AssignmentProblem/villages``.
    public var village: Int {
        get { Int(villageIndex) }
        set { villageIndex = Int32(newValue) }
    }
    /// Index into ``AssignmentProblem/units``.
    public var adviser: Int {
        get { Int(adviserIndex) }
        set { adviserIndex = Int32(newValue) }
    }
    /// The village's rank of the adviser (or of the adviser's firm), `nil` when unranked.
    public var villageRank: Int? {
        get { villageRankValue == 0 ? nil : Int(villageRankValue) }
        set { villageRankValue = newValue.map { Int32(clamping: $0) } ?? 0 }
    }
    /// The adviser's rank of the village, `nil` when unranked.
    public var adviserRank: Int? {
        get { adviserRankValue == 0 ? nil : Int(adviserRankValue) }
        set { adviserRankValue = newValue.map { Int32(clamping: $0) } ?? 0 }
    }
    /// Whether the adviser comes from another county (paired support).
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
        village: Int, adviser: Int, distanceKm: Double, villageRank: Int?, adviserRank: Int?,
        isSupport: Bool, cost: Double, missingNeeds: Int = 0
    ) {
        villageIndex = Int32(village)
        adviserIndex = Int32(adviser)
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
    public let candidateRange: [Range<Int>]
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
    public let villageConflicts: [(a: Int, b: Int, reason: String)]
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
    public let previousUnit: [Int?]
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
        let settings = scenario.assignment
        self.settings = settings
        let rules = scenario.rules.assignment
        let villages = scenario.villages.sorted { $0.id < $1.id }
        let people = scenario.advisers.sorted { $0.id < $1.id }
        self.villages = villages
        var countyByID: [String: County] = [:]
        for c in scenario.counties { countyByID[c.id] = c }
        self.countyByID = countyByID
        let villageIndex = Dictionary(uniqueKeysWithValues: villages.enumerated().map { ($1.id, $0) })
        let hoursPerVillage = rules.monthlyHoursPerVillage.value
        self.hoursPerVillage = hoursPerVillage

        // Eligibility of people.
        func personIneligibility(_ a: Adviser, alone: Bool) -> String? {
            if rules.excludedStatuses.value.contains(a.status) {
                return tr("eligibility.status", ["status": a.status.rawValue, "source": rules.excludedStatuses.source])
            } else if !rules.eligibleRoles.value.contains(a.role) {
                return tr(
                    "eligibility.role",
                    ["role": a.role.rawValue, "rules": scenario.rules.id, "source": rules.eligibleRoles.source])
            } else if alone && a.role == .apprentice && !rules.apprenticeAlone.value {
                return tr("eligibility.apprentice", ["source": rules.apprenticeAlone.source])
            } else if a.maxVillages == 0 {
                return tr("eligibility.maxVillagesZero")
            } else if let h = a.hoursPerMonth, hoursPerVillage > 0, h + 1e-9 < hoursPerVillage {
                return tr("eligibility.hours", ["hours": h, "needed": hoursPerVillage])
            }
            return nil
        }

        // Units: advisers, or teams (Guangdong 001 §(七) 团队化服务).
        var units: [ServiceUnit] = []
        var why: [String?] = []
        var leftOut: [(String, String)] = []
        var memberUnit: [String: Int] = [:]  // adviser id → unit index (for conflicts and incumbents)
        if settings.serviceModel == .team {
            let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0) })
            let rows = Dictionary(grouping: scenario.teamMembers, by: \.team)
            var inTeam = Set<String>()
            for teamID in rows.keys.sorted() {
                let members = rows[teamID]!.compactMap { byID[$0.member] }.sorted { $0.id < $1.id }
                guard let leadRow = rows[teamID]!.first(where: { $0.roleInTeam == "lead" }),
                    let lead = byID[leadRow.member]
                else { continue }
                inTeam.formUnion(members.map(\.id))
                var reason: String? = personIneligibility(lead, alone: true).map {
                    tr("eligibility.lead", ["lead": lead.id, "reason": $0])
                }
                if reason == nil, lead.role == .apprentice {
                    reason = tr(
                        "eligibility.leadApprentice", ["lead": lead.id, "source": rules.apprenticeAlone.source])
                }
                for m in members where m.id != lead.id {
                    if let r = personIneligibility(m, alone: false) {
                        leftOut.append((m.id, tr("eligibility.member", ["team": teamID, "reason": r])))
                    }
                }
                let specialties = Set(
                    members.filter { personIneligibility($0, alone: false) == nil }.flatMap(\.specialties))
                let team = Team(
                    id: teamID, firm: rows[teamID]![0].firm.isEmpty ? (lead.firm ?? "") : rows[teamID]![0].firm,
                    lead: lead, members: members, specialties: specialties)
                for m in members { memberUnit[m.id] = units.count }
                units.append(ServiceUnit(team: team))
                why.append(reason)
            }
            for a in people where !inTeam.contains(a.id) {
                leftOut.append((a.id, tr("eligibility.noTeam")))
            }
        } else {
            for (i, a) in people.enumerated() {
                units.append(ServiceUnit(adviser: a))
                memberUnit[a.id] = i
                var reason = personIneligibility(a, alone: true)
                if reason == nil, settings.serviceModel == .township, (a.firm ?? "").isEmpty {
                    reason = tr("eligibility.noFirm")
                }
                why.append(reason)
            }
        }
        self.units = units
        let unitTeams = units.map(\.team)
        let eligible = why.map { $0 == nil }
        isEligible = eligible
        ineligibility = why
        self.leftOut = leftOut
        let adviserIndex = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($1.id, $0) })

        // Adviser–village conflicts (a team member's conflict bars the whole team).
        var forbidden = [[Int]](repeating: [], count: villages.count)  // village → units it may not have
        var vv: [(Int, Int, String)] = []
        var seenVV = Set<Int>()
        for c in scenario.conflicts {
            if let v = villageIndex[c.a], let a = memberUnit[c.b] {
                forbidden[v].append(a)
            } else if let v = villageIndex[c.b], let a = memberUnit[c.a] {
                forbidden[v].append(a)
            } else if let v1 = villageIndex[c.a], let v2 = villageIndex[c.b] {
                let (x, y) = (min(v1, v2), max(v1, v2))
                if seenVV.insert(x * villages.count + y).inserted { vv.append((x, y, c.reason)) }
            }
        }
        villageConflicts = vv.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        var conflictsOf = [[Int]](repeating: [], count: villages.count)
        for (i, c) in villageConflicts.enumerated() {
            conflictsOf[c.a].append(i)
            conflictsOf[c.b].append(i)
        }
        conflictIndex = conflictsOf

        // Preferences: a village ranks advisers or firms; an adviser ranks villages. In the team
        // model a village's rank of a team is its best rank of the team id, a member or the firm,
        // and the team's rank of a village is its members' best. Ids become indices once, so each
        // pair's ranks are found in the village's own short lists.
        var targetIndex: [String: Int] = [:]  // adviser, member, team or firm id → key
        func key(_ id: String) -> Int {
            if let k = targetIndex[id] { return k }
            targetIndex[id] = targetIndex.count
            return targetIndex.count - 1
        }
        let unitKeys: [[Int]] = units.indices.map { u in
            var keys = [key(units[u].id)]
            if let team = unitTeams[u] { keys += team.members.map { key($0.id) } }
            if let firm = units[u].firm { keys.append(key(firm)) }
            return keys
        }
        var villageRanks = [[(key: Int, rank: Int)]](repeating: [], count: villages.count)
        var adviserRanksOf = [[(unit: Int, rank: Int)]](repeating: [], count: villages.count)  // by the ranked village
        var villageRankCount = [Int](repeating: 0, count: villages.count)
        var adviserRankCount = [Int](repeating: 0, count: units.count)
        // advisers ranking villages who are no unit (ineligible for the team model)
        var rankCountByUnitID: [String: Int] = [:]
        for p in scenario.preferences {
            if let v = villageIndex[p.from] {
                villageRanks[v].append((key(p.to), p.rank))
                villageRankCount[v] = max(villageRankCount[v], p.rank)
            } else if let u = memberUnit[p.from] {
                adviserRankCount[u] = max(adviserRankCount[u], p.rank)
                if let v = villageIndex[p.to] { adviserRanksOf[v].append((u, p.rank)) }
            } else {
                rankCountByUnitID[p.from] = max(rankCountByUnitID[p.from, default: 0], p.rank)
            }
        }
        _ = rankCountByUnitID

        // Candidates: same county always; another county of the same city within max_km (paired
        // support, Guangdong 001 §(十二)); a pool county's advisers anywhere in the city (within
        // max_km when it is set). Apprentices never go on support (001 §(十二)).
        let weights = scenario.weights
        let maxKm = scenario.maxKm
        var byCounty: [String: [Int]] = [:]
        var poolByCity: [String: [Int]] = [:]
        for (i, a) in units.enumerated() where eligible[i] {
            byCounty[a.county, default: []].append(i)
            if countyByID[a.county]?.pool ?? false {
                poolByCity[countyByID[a.county]?.city ?? a.county, default: []].append(i)
            }
        }
        // With a radius, every adviser within it is found through a grid of cells at least
        // max_km wide (a village's own cell and the eight around it).
        let grid = maxKm.map { CandidateGrid(units: units, eligible: eligible, radiusKm: $0) }
        var candidates: [Candidate] = []
        var ranges: [Range<Int>] = []
        var underResourced = [Bool](repeating: false, count: villages.count)
        var hasURCandidate = [Bool](repeating: false, count: units.count)
        let previousUnit = villages.map { v in previous[v.id].flatMap { adviserIndex[$0] } }
        // Counties and cities as indices, so that each pair compares integers.
        var countyNumber: [String: Int] = [:]
        func number(_ county: String) -> Int {
            if let n = countyNumber[county] { return n }
            countyNumber[county] = countyNumber.count
            return countyNumber.count - 1
        }
        let adviserCounty = units.map { number($0.county) }
        let villageCounty = villages.map { number($0.county) }
        var cityNumber: [String: Int] = [:]
        var cityOfCounty = [Int](repeating: 0, count: countyNumber.count)
        var poolCounty = [Bool](repeating: false, count: countyNumber.count)
        for (id, n) in countyNumber {
            let city = countyByID[id]?.city ?? id
            if cityNumber[city] == nil { cityNumber[city] = cityNumber.count }
            cityOfCounty[n] = cityNumber[city]!
            poolCounty[n] = countyByID[id]?.pool ?? false
        }
        let incumbentUnit: [Int?] = villages.map { $0.currentAdviser.flatMap { memberUnit[$0] ?? adviserIndex[$0] } }
        for (vi, v) in villages.enumerated() { underResourced[vi] = countyByID[v.county]?.underResourced ?? false }
        // Per pair, only numbers: each unit's county, city, position and what bars it from support,
        // each village's city (national scale: some 28 million pairs).
        let villageCity: [Int] = villages.indices.map { cityOfCounty[villageCounty[$0]] }
        let adviserLatitude = units.map(\.latitude), adviserLongitude = units.map(\.longitude)
        let noSupport: [Bool] = units.indices.map { unitTeams[$0] == nil && units[$0].role == .apprentice }
        let (cityOf, poolOf) = (cityOfCounty, poolCounty)
        let (forbiddenOf, ranksGivenOf, ranksReceivedOf) = (forbidden, villageRanks, adviserRanksOf)
        let (villageRankCounts, adviserRankCounts) = (villageRankCount, adviserRankCount)
        let (byCountyLists, poolLists) = (byCounty, poolByCity)
        /// The candidates of villages `range`, in village order.
        func pairs(_ range: Range<Int>) -> (pairs: [Candidate], counts: [Int]) {
            var found: [Candidate] = []
            var counts: [Int] = []
            counts.reserveCapacity(range.count)
            var reach: [Int] = []
            for vi in range {
                let v = villages[vi]
                let before = found.count
                let villageCityNumber = villageCity[vi]
                let villageRanksSome = villageRankCounts[vi] > 0
                let ranksGiven = ranksGivenOf[vi]
                let ranksReceived = ranksReceivedOf[vi]
                reach.removeAll(keepingCapacity: true)
                if let grid {
                    grid.collect(latitude: v.latitude, longitude: v.longitude, into: &reach)
                } else {
                    let city = countyByID[v.county]?.city ?? v.county
                    reach += byCountyLists[v.county] ?? []
                    reach += (poolLists[city] ?? []).filter { units[$0].county != v.county }
                }
                reach.sort()
                var previousUnitSeen = -1
                for ai in reach {
                    // Cells can repeat where longitude wraps: each unit once.
                    if ai == previousUnitSeen { continue }
                    previousUnitSeen = ai
                    let sameCounty = adviserCounty[ai] == villageCounty[vi]
                    if !sameCounty {
                        guard cityOf[adviserCounty[ai]] == villageCityNumber else { continue }
                        if maxKm == nil && !poolOf[adviserCounty[ai]] { continue }
                        if noSupport[ai] { continue }
                    }
                    let km = Geography.greatCircleKm(v.latitude, v.longitude, adviserLatitude[ai], adviserLongitude[ai])
                    if let maxKm, km > maxKm { continue }
                    if forbiddenOf[vi].contains(ai) { continue }
                    var vRank: Int?
                    for r in ranksGiven where r.rank < (vRank ?? Int.max) && unitKeys[ai].contains(r.key) {
                        vRank = r.rank
                    }
                    var aRank: Int?
                    for r in ranksReceived where r.unit == ai && r.rank < (aRank ?? Int.max) { aRank = r.rank }
                    if settings.acceptable == .ranked {
                        // A side that ranked some partners may be matched only to those (双向选择).
                        if villageRanksSome && vRank == nil { continue }
                        if adviserRankCounts[ai] > 0 && aRank == nil { continue }
                    }
                    var missing = 0
                    if let team = unitTeams[ai] {
                        missing = Set(v.needs).subtracting(team.specialties).count
                        if missing > 0 && settings.needs == .require { continue }
                    }
                    let rankCost = Double((vRank ?? villageRankCounts[vi] + 1) + (aRank ?? adviserRankCounts[ai] + 1))
                    // An incumbent (or a member of the unit's team) kept is no change; an incumbent who is
                    // no unit any more changes whoever serves.
                    let changed = v.currentAdviser != nil && incumbentUnit[vi] != ai
                    let cost =
                        weights.preference * rankCost + weights.distanceKm * km
                        + (changed ? weights.change : 0) + (sameCounty ? 0 : weights.support) + weights.needs
                        * Double(missing)
                    found.append(
                        Candidate(
                            village: vi, adviser: ai, distanceKm: km, villageRank: vRank, adviserRank: aRank,
                            isSupport: !sameCounty, cost: cost, missingNeeds: missing))
                }
                counts.append(found.count - before)
            }
            return (found, counts)
        }
        // Chunks of villages on the machine's threads, put together in village order (so the
        // candidates are the same, in the same order, however many threads made them).
        let chunk = 1024
        let chunkCount = (villages.count + chunk - 1) / chunk
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let box = UncheckedPairsMaker(make: pairs)
        // In waves of a few chunks a thread, each appended before the next is made, so that the
        // chunks in hand stay small beside the whole list (memory at national scale).
        let wave = max(1, threads) * 4
        var first = 0
        while first < chunkCount {
            let last = min(chunkCount, first + wave)
            let made: [(pairs: [Candidate], counts: [Int])]
            if last - first <= 1 || threads <= 1 {
                made = (first..<last).map { i in pairs(i * chunk..<min(villages.count, (i + 1) * chunk)) }
            } else {
                let base = first
                made =
                    (try? ParallelSolves.map(count: last - first, threads: threads) { j in
                        box.make((base + j) * chunk..<min(villages.count, (base + j + 1) * chunk))
                    }) ?? (first..<last).map { i in pairs(i * chunk..<min(villages.count, (i + 1) * chunk)) }
            }
            for part in made {
                var at = candidates.count
                candidates.append(contentsOf: part.pairs)
                for n in part.counts {
                    ranges.append(at..<at + n)
                    at += n
                }
            }
            if first == 0 && last < chunkCount {
                // The first wave's density, a tenth over, for the rest: one allocation instead of
                // doubling (which would hold the old list and one twice its size at once).
                let done = min(villages.count, last * chunk)
                candidates.reserveCapacity(
                    Int(Double(candidates.count) / Double(max(1, done)) * Double(villages.count) * 1.1))
            }
            first = last
        }
        for c in candidates where underResourced[c.village] { hasURCandidate[c.adviser] = true }
        self.candidates = candidates
        candidateRange = ranges
        inUnderResourcedCounty = underResourced
        self.previousUnit = previousUnit
        previousID = villages.map { previous[$0.id] }

        // Caps (Nanning 002 §二(二); Guangdong 001 §(十二)): an adviser serves at most `cap`
        // villages; where `under_resourced_cap` is set, at most that many in all and still at most
        // `cap` outside counties marked under-resourced. A non-empty max_villages is the total cap.
        // A team's caps are the sums of its licensed members' caps (Guangdong 001 §(七),(十二)).
        func caps(_ a: Adviser, ur: Bool) -> (total: Int, outside: Int?) {
            let urCap = rules.underResourcedCap?.value
            var cap = a.maxVillages ?? (urCap != nil && ur ? urCap! : rules.cap.value)
            var outsideCap: Int? = urCap != nil ? rules.cap.value : nil
            if !ur, let o = outsideCap {
                cap = min(cap, o)
                outsideCap = nil
            }
            if let o = outsideCap, o >= cap { outsideCap = nil }
            if let h = a.hoursPerMonth, hoursPerVillage > 0 {
                cap = min(cap, Int((h / hoursPerVillage + 1e-9).rounded(.down)))
                if let o = outsideCap, o >= cap { outsideCap = nil }
            }
            return (cap, outsideCap)
        }
        var total = [Int](repeating: 0, count: units.count)
        var outside = [Int?](repeating: nil, count: units.count)
        for (i, a) in units.enumerated() where eligible[i] {
            if let r = reserved[a.id], r.underResourced { hasURCandidate[i] = true }
            if let team = unitTeams[i] {
                let licensed = team.members.filter {
                    $0.role != .apprentice && personIneligibility($0, alone: false) == nil
                }
                var t = 0, o = 0, anyOutside = false
                for m in licensed {
                    let c = caps(m, ur: hasURCandidate[i])
                    t += c.total
                    o += c.outside ?? c.total
                    anyOutside = anyOutside || c.outside != nil
                }
                total[i] = t
                outside[i] = anyOutside && o < t ? o : nil
            } else {
                let c = caps(a.representative, ur: hasURCandidate[i])
                total[i] = c.total
                outside[i] = c.outside
            }
        }
        for (i, a) in units.enumerated() {
            guard let r = reserved[a.id] else { continue }
            total[i] = max(0, total[i] - r.total)
            if let o = outside[i] {
                let left = max(0, o - r.outside)
                outside[i] = left < total[i] ? left : nil
            }
        }
        totalCap = total
        outsideCap = outside
        hasUnderResourcedCandidate = hasURCandidate

        // Township model: townships and firms as indices.
        if settings.serviceModel == .township {
            let ts = scenario.townships.sorted { $0.id < $1.id }
            let tIndex = Dictionary(ts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            var adjacency = [Set<Int>](repeating: [], count: ts.count)
            for (i, t) in ts.enumerated() {
                for other in t.adjacent {
                    if let j = tIndex[other], j != i {
                        adjacency[i].insert(j)
                        adjacency[j].insert(i)
                    }
                }
            }
            townships = ts
            townshipOfVillage = villages.map { tIndex[$0.township] }
            townshipAdjacency = adjacency.map { $0.sorted() }
            let firms = Array(Set(units.compactMap(\.firm))).sorted()
            let fIndex = Dictionary(uniqueKeysWithValues: firms.enumerated().map { ($1, $0) })
            firmIDs = firms
            firmOfUnit = units.map { $0.firm.flatMap { fIndex[$0] } }
        } else {
            townships = []
            townshipOfVillage = villages.map { _ in nil }
            townshipAdjacency = []
            firmIDs = []
            firmOfUnit = units.map { _ in nil }
        }

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
    public func representative(of unit: Int) -> Adviser { units[unit].representative }
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

/// Hands the candidate maker (a local function over the problem's immutable tables) to worker threads.
private struct UncheckedPairsMaker: @unchecked Sendable {
    let make: (Range<Int>) -> (pairs: [Candidate], counts: [Int])
}
