import CounselModel
import Foundation
import GLPK

// The steps of building an ``AssignmentProblem``, one job each: who may serve, the units, the
// conflicts, the preferences, the candidate pairs, the caps and the township tables.

/// Why a person may not be appointed (Nanning 002 §二(四), Guangdong 001 §(十二), the profile's
/// `eligible_roles`, `apprentice_alone`, `excluded_statuses`, `max_villages`, hours).
struct EligibilityRules {
    let rules: RuleProfile.AssignmentRules
    let profileID: String
    let hoursPerVillage: Double

    /// Why `a` may not be appointed (serving `alone`, or as a member of a team), `nil` when it may.
    func reason(_ a: Adviser, alone: Bool) -> String? {
        if rules.excludedStatuses.value.contains(a.status) {
            return tr("eligibility.status", ["status": a.status.rawValue, "source": rules.excludedStatuses.source])
        } else if !rules.eligibleRoles.value.contains(a.role) {
            return tr(
                "eligibility.role",
                ["role": a.role.rawValue, "rules": profileID, "source": rules.eligibleRoles.source])
        } else if alone && a.role == .apprentice && !rules.apprenticeAlone.value {
            return tr("eligibility.apprentice", ["source": rules.apprenticeAlone.source])
        } else if a.maxVillages == 0 {
            return tr("eligibility.maxVillagesZero")
        } else if let h = a.hoursPerMonth, hoursPerVillage > 0, h + 1e-9 < hoursPerVillage {
            return tr("eligibility.hours", ["hours": h, "needed": hoursPerVillage])
        }
        return nil
    }
}

/// The units that take villages: advisers, or teams (Guangdong 001 §(七) 团队化服务).
struct UnitTable {
    /// Units, sorted by id.
    var units: [ServiceUnit] = []
    /// Why each unit may not be appointed, `nil` when it may.
    var why: [String?] = []
    /// Advisers left out of every unit, with the reason.
    var leftOut: [(adviser: String, reason: String)] = []
    /// Adviser id → index of the unit the adviser serves in (for conflicts, ranks and incumbents).
    var memberUnit: [String: Int] = [:]

    /// The units of `people` (sorted by id) under the scenario's service model.
    init(people: [Adviser], scenario: Scenario, eligibility: EligibilityRules) {
        switch scenario.assignment.serviceModel {
        case .team: addTeams(people: people, scenario: scenario, eligibility: eligibility)
        case .individual, .township:
            addAdvisers(
                people: people, township: scenario.assignment.serviceModel == .township, eligibility: eligibility)
        }
    }

    private mutating func addTeams(people: [Adviser], scenario: Scenario, eligibility: EligibilityRules) {
        let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0) })
        let rows = Dictionary(grouping: scenario.teamMembers, by: \.team)
        var inTeam = Set<String>()
        for teamID in rows.keys.sorted() {
            let members = rows[teamID]!.compactMap { byID[$0.member] }.sorted { $0.id < $1.id }
            guard let leadRow = rows[teamID]!.first(where: { $0.roleInTeam == "lead" }),
                let lead = byID[leadRow.member]
            else { continue }
            inTeam.formUnion(members.map(\.id))
            var reason: String? = eligibility.reason(lead, alone: true).map {
                tr("eligibility.lead", ["lead": lead.id, "reason": $0])
            }
            if reason == nil, lead.role == .apprentice {
                reason = tr(
                    "eligibility.leadApprentice",
                    ["lead": lead.id, "source": eligibility.rules.apprenticeAlone.source])
            }
            for m in members where m.id != lead.id {
                if let r = eligibility.reason(m, alone: false) {
                    leftOut.append((m.id, tr("eligibility.member", ["team": teamID, "reason": r])))
                }
            }
            let specialties = Set(
                members.filter { eligibility.reason($0, alone: false) == nil }.flatMap(\.specialties))
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
    }

    private mutating func addAdvisers(people: [Adviser], township: Bool, eligibility: EligibilityRules) {
        for (i, a) in people.enumerated() {
            units.append(ServiceUnit(adviser: a))
            memberUnit[a.id] = i
            var reason = eligibility.reason(a, alone: true)
            if reason == nil, township, (a.firm ?? "").isEmpty {
                reason = tr("eligibility.noFirm")
            }
            why.append(reason)
        }
    }
}

/// Conflicts of interest as indices: adviser–village (a team member's conflict bars the whole
/// team) and village–village.
struct ConflictTable {
    /// The units each village may not have.
    var forbidden: [[Int]]
    /// Village–village conflicts as index pairs (a < b), sorted, with the reason.
    var villagePairs: [(a: Int, b: Int, reason: String)]
    /// Indices into ``villagePairs`` of each village's conflicts.
    var ofVillage: [[Int]]

    init(scenario: Scenario, villageIndex: [String: Int], memberUnit: [String: Int], villageCount: Int) {
        forbidden = [[Int]](repeating: [], count: villageCount)
        var vv: [(Int, Int, String)] = []
        var seenVV = Set<Int>()
        for c in scenario.conflicts {
            if let v = villageIndex[c.a], let a = memberUnit[c.b] {
                forbidden[v].append(a)
            } else if let v = villageIndex[c.b], let a = memberUnit[c.a] {
                forbidden[v].append(a)
            } else if let v1 = villageIndex[c.a], let v2 = villageIndex[c.b] {
                let (x, y) = (min(v1, v2), max(v1, v2))
                if seenVV.insert(x * villageCount + y).inserted { vv.append((x, y, c.reason)) }
            }
        }
        villagePairs = vv.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        ofVillage = [[Int]](repeating: [], count: villageCount)
        for (i, c) in villagePairs.enumerated() {
            ofVillage[c.a].append(i)
            ofVillage[c.b].append(i)
        }
    }
}

/// Preferences as indices. A village ranks advisers or firms; an adviser ranks villages. In the
/// team model a village's rank of a team is its best rank of the team id, a member or the firm,
/// and the team's rank of a village is its members' best. Ids become keys once, so each pair's
/// ranks are found in the village's own short lists.
struct PreferenceTable {
    /// The keys a village's rank of each unit may name: its id, its members' ids, its firm.
    var unitKeys: [[Int]]
    /// The ranks each village gives, by key.
    var villageRanks: [[(key: Int, rank: Int)]]
    /// The ranks each village receives from units.
    var unitRanksOf: [[(unit: Int, rank: Int)]]
    /// The longest rank list of each village / unit.
    var villageRankCount: [Int]
    var unitRankCount: [Int]

    init(scenario: Scenario, units: [ServiceUnit], villageIndex: [String: Int], memberUnit: [String: Int]) {
        var targetIndex: [String: Int] = [:]  // adviser, member, team or firm id → key
        func key(_ id: String) -> Int {
            if let k = targetIndex[id] { return k }
            targetIndex[id] = targetIndex.count
            return targetIndex.count - 1
        }
        unitKeys = units.map { unit in
            var keys = [key(unit.id)]
            if let team = unit.team { keys += team.members.map { key($0.id) } }
            if let firm = unit.firm { keys.append(key(firm)) }
            return keys
        }
        let villageCount = villageIndex.count
        villageRanks = [[(key: Int, rank: Int)]](repeating: [], count: villageCount)
        unitRanksOf = [[(unit: Int, rank: Int)]](repeating: [], count: villageCount)  // by the ranked village
        villageRankCount = [Int](repeating: 0, count: villageCount)
        unitRankCount = [Int](repeating: 0, count: units.count)
        // Ranks given by advisers who are no unit (ineligible for the team model) count for nothing.
        for p in scenario.preferences {
            if let v = villageIndex[p.from] {
                villageRanks[v].append((key(p.to), p.rank))
                villageRankCount[v] = max(villageRankCount[v], p.rank)
            } else if let u = memberUnit[p.from] {
                unitRankCount[u] = max(unitRankCount[u], p.rank)
                if let v = villageIndex[p.to] { unitRanksOf[v].append((u, p.rank)) }
            }
        }
    }
}

/// Makes the candidate pairs. Same county always; another county of the same city within max_km
/// (paired support, Guangdong 001 §(十二)); a pool county's advisers anywhere in the city (within
/// max_km when it is set). Apprentices never go on support (001 §(十二)).
///
/// Per pair it looks up only numbers: each unit's county, city, position and what bars it from
/// support, each village's city (national scale: some 28 million pairs).
struct CandidateMaker: @unchecked Sendable {
    let settings: AssignmentSettings
    let weights: ObjectiveWeights
    let maxKm: Double?
    let villages: [Village]
    let units: [ServiceUnit]
    let unitTeams: [Team?]
    let countyByID: [String: County]
    /// With a radius, every unit within it is found through a grid of cells at least max_km wide
    /// (a village's own cell and the eight around it); without, by county and pool city.
    let grid: CandidateGrid?
    let byCounty: [String: [Int]]
    let poolByCity: [String: [Int]]
    let unitCounty: [Int]
    let villageCounty: [Int]
    let villageCity: [Int]
    let cityOfCounty: [Int]
    let poolCounty: [Bool]
    let unitLatitude: [Double]
    let unitLongitude: [Double]
    let noSupport: [Bool]
    let forbidden: [[Int]]
    let preferences: PreferenceTable
    /// The unit of each village's incumbent (or of the incumbent's team), else `nil`.
    let incumbentUnit: [Int?]

    init(
        scenario: Scenario, villages: [Village], units: [ServiceUnit], eligible: [Bool], countyByID: [String: County],
        forbidden: [[Int]], preferences: PreferenceTable, incumbentUnit: [Int?]
    ) {
        settings = scenario.assignment
        weights = scenario.weights
        maxKm = scenario.maxKm
        self.villages = villages
        self.units = units
        unitTeams = units.map(\.team)
        self.countyByID = countyByID
        var byCounty: [String: [Int]] = [:]
        var poolByCity: [String: [Int]] = [:]
        for (i, a) in units.enumerated() where eligible[i] {
            byCounty[a.county, default: []].append(i)
            if countyByID[a.county]?.pool ?? false {
                poolByCity[countyByID[a.county]?.city ?? a.county, default: []].append(i)
            }
        }
        self.byCounty = byCounty
        self.poolByCity = poolByCity
        grid = scenario.maxKm.map { CandidateGrid(units: units, eligible: eligible, radiusKm: $0) }
        // Counties and cities as indices, so that each pair compares integers.
        var countyNumber: [String: Int] = [:]
        func number(_ county: String) -> Int {
            if let n = countyNumber[county] { return n }
            countyNumber[county] = countyNumber.count
            return countyNumber.count - 1
        }
        unitCounty = units.map { number($0.county) }
        let villageCounty = villages.map { number($0.county) }
        self.villageCounty = villageCounty
        var cityNumber: [String: Int] = [:]
        var cityOfCounty = [Int](repeating: 0, count: countyNumber.count)
        var poolCounty = [Bool](repeating: false, count: countyNumber.count)
        for (id, n) in countyNumber {
            let city = countyByID[id]?.city ?? id
            if cityNumber[city] == nil { cityNumber[city] = cityNumber.count }
            cityOfCounty[n] = cityNumber[city]!
            poolCounty[n] = countyByID[id]?.pool ?? false
        }
        self.cityOfCounty = cityOfCounty
        self.poolCounty = poolCounty
        villageCity = villages.indices.map { cityOfCounty[villageCounty[$0]] }
        unitLatitude = units.map(\.latitude)
        unitLongitude = units.map(\.longitude)
        noSupport = units.map { $0.team == nil && $0.role == .apprentice }
        self.forbidden = forbidden
        self.preferences = preferences
        self.incumbentUnit = incumbentUnit
    }

    /// Every candidate pair, grouped by village (ascending village, then unit), and the range of
    /// each village's pairs.
    ///
    /// Chunks of villages are made on the machine's threads and put together in village order (so
    /// the candidates are the same, in the same order, however many threads made them).
    func all() -> (candidates: [Candidate], ranges: [Range<CandidateIndex>]) {
        var candidates: [Candidate] = []
        var ranges: [Range<CandidateIndex>] = []
        let villageCount = villages.count
        let chunk = 1024
        let chunkCount = (villageCount + chunk - 1) / chunk
        let threads = ProcessInfo.processInfo.activeProcessorCount
        func chunkRange(_ i: Int) -> Range<Int> { i * chunk..<min(villageCount, (i + 1) * chunk) }
        // In waves of a few chunks a thread, each appended before the next is made, so that the
        // chunks in hand stay small beside the whole list (memory at national scale).
        let wave = max(1, threads) * 4
        var first = 0
        while first < chunkCount {
            let last = min(chunkCount, first + wave)
            let made: [(pairs: [Candidate], counts: [Int])]
            if last - first <= 1 || threads <= 1 {
                made = (first..<last).map { i in pairs(chunkRange(i)) }
            } else {
                let base = first
                let maker = self
                made =
                    (try? ParallelSolves.map(count: last - first, threads: threads) { j in
                        maker.pairs((base + j) * chunk..<min(villageCount, (base + j + 1) * chunk))
                    }) ?? (first..<last).map { i in pairs(chunkRange(i)) }
            }
            for part in made {
                var at = candidates.count
                candidates.append(contentsOf: part.pairs)
                for n in part.counts {
                    ranges.append(CandidateIndex(at)..<CandidateIndex(at + n))
                    at += n
                }
            }
            if first == 0 && last < chunkCount {
                // The first wave's density, a tenth over, for the rest: one allocation instead of
                // doubling (which would hold the old list and one twice its size at once).
                let done = min(villageCount, last * chunk)
                candidates.reserveCapacity(
                    Int(Double(candidates.count) / Double(max(1, done)) * Double(villageCount) * 1.1))
            }
            first = last
        }
        return (candidates, ranges)
    }

    /// The candidates of villages `range`, in village order, and how many each village has.
    func pairs(_ range: Range<Int>) -> (pairs: [Candidate], counts: [Int]) {
        var found: [Candidate] = []
        var counts: [Int] = []
        counts.reserveCapacity(range.count)
        var reach: [Int] = []
        for vi in range {
            let v = villages[vi]
            let before = found.count
            let villageCityNumber = villageCity[vi]
            let villageRankCount = preferences.villageRankCount[vi]
            let ranksGiven = preferences.villageRanks[vi]
            let ranksReceived = preferences.unitRanksOf[vi]
            reachable(from: v, into: &reach)
            var previousUnitSeen = -1
            for ai in reach {
                // Cells can repeat where longitude wraps: each unit once.
                if ai == previousUnitSeen { continue }
                previousUnitSeen = ai
                let sameCounty = unitCounty[ai] == villageCounty[vi]
                if !sameCounty {
                    guard cityOfCounty[unitCounty[ai]] == villageCityNumber else { continue }
                    if maxKm == nil && !poolCounty[unitCounty[ai]] { continue }
                    if noSupport[ai] { continue }
                }
                let km = Geography.greatCircleKm(v.latitude, v.longitude, unitLatitude[ai], unitLongitude[ai])
                if let maxKm, km > maxKm { continue }
                if forbidden[vi].contains(ai) { continue }
                var vRank: Int?
                for r in ranksGiven where r.rank < (vRank ?? Int.max) && preferences.unitKeys[ai].contains(r.key) {
                    vRank = r.rank
                }
                var aRank: Int?
                for r in ranksReceived where r.unit == ai && r.rank < (aRank ?? Int.max) { aRank = r.rank }
                if settings.acceptable == .ranked {
                    // A side that ranked some partners may be matched only to those (双向选择).
                    if villageRankCount > 0 && vRank == nil { continue }
                    if preferences.unitRankCount[ai] > 0 && aRank == nil { continue }
                }
                var missing = 0
                if let team = unitTeams[ai] {
                    missing = Set(v.needs).subtracting(team.specialties).count
                    if missing > 0 && settings.needs == .require { continue }
                }
                let rankCost = Double(
                    (vRank ?? villageRankCount + 1) + (aRank ?? preferences.unitRankCount[ai] + 1))
                // An incumbent (or a member of the unit's team) kept is no change; an incumbent who is
                // no unit any more changes whoever serves.
                let changed = v.currentAdviser != nil && incumbentUnit[vi] != ai
                let cost =
                    weights.preference * rankCost + weights.distanceKm * km
                    + (changed ? weights.change : 0) + (sameCounty ? 0 : weights.support) + weights.needs
                    * Double(missing)
                found.append(
                    Candidate(
                        village: VillageIndex(vi), unit: UnitIndex(ai), distanceKm: km, villageRank: vRank,
                        adviserRank: aRank,
                        isSupport: !sameCounty, cost: cost, missingNeeds: missing))
            }
            counts.append(found.count - before)
        }
        return (found, counts)
    }

    /// The units that may reach village `v`, ascending (a unit may repeat where longitude wraps).
    private func reachable(from v: Village, into reach: inout [Int]) {
        reach.removeAll(keepingCapacity: true)
        if let grid {
            grid.collect(latitude: v.latitude, longitude: v.longitude, into: &reach)
        } else {
            let city = countyByID[v.county]?.city ?? v.county
            reach += byCounty[v.county] ?? []
            reach += (poolByCity[city] ?? []).filter { units[$0].county != v.county }
        }
        reach.sort()
    }
}

/// Caps (Nanning 002 §二(二); Guangdong 001 §(十二)): an adviser serves at most `cap` villages;
/// where `under_resourced_cap` is set, at most that many in all and still at most `cap` outside
/// counties marked under-resourced. A non-empty max_villages is the total cap. A team's caps are
/// the sums of its licensed members' caps (Guangdong 001 §(七),(十二)).
struct CapTable {
    /// Each unit's total cap on villages.
    var total: [Int]
    /// Each unit's cap outside under-resourced counties, or `nil` when the total cap governs.
    var outside: [Int?]

    /// The caps of `units`, less the places `reserved` by unit id; `underResourced` says whether
    /// each unit has a candidate in an under-resourced county.
    init(
        units: [ServiceUnit], eligible: [Bool], underResourced: [Bool], reserved: [String: Reservation],
        eligibility: EligibilityRules
    ) {
        total = [Int](repeating: 0, count: units.count)
        outside = [Int?](repeating: nil, count: units.count)
        for (i, unit) in units.enumerated() where eligible[i] {
            switch unit.kind {
            case .team(let team):
                let licensed = team.members.filter {
                    $0.role != .apprentice && eligibility.reason($0, alone: false) == nil
                }
                var t = 0, o = 0, anyOutside = false
                for m in licensed {
                    let c = Self.caps(m, ur: underResourced[i], eligibility: eligibility)
                    t += c.total
                    o += c.outside ?? c.total
                    anyOutside = anyOutside || c.outside != nil
                }
                total[i] = t
                outside[i] = anyOutside && o < t ? o : nil
            case .adviser(let a):
                let c = Self.caps(a, ur: underResourced[i], eligibility: eligibility)
                total[i] = c.total
                outside[i] = c.outside
            }
        }
        for (i, unit) in units.enumerated() {
            guard let r = reserved[unit.id] else { continue }
            total[i] = max(0, total[i] - r.total)
            if let o = outside[i] {
                let left = max(0, o - r.outside)
                outside[i] = left < total[i] ? left : nil
            }
        }
    }

    /// One adviser's caps, `ur` when the adviser's unit has a candidate in an under-resourced county.
    private static func caps(_ a: Adviser, ur: Bool, eligibility: EligibilityRules) -> (total: Int, outside: Int?) {
        let rules = eligibility.rules, hoursPerVillage = eligibility.hoursPerVillage
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
}

/// The township model's townships and firms as indices (empty tables otherwise).
struct TownshipTables {
    var townships: [Township] = []
    var townshipOfVillage: [Int?]
    var townshipAdjacency: [[Int]] = []
    var firmIDs: [String] = []
    var firmOfUnit: [Int?]

    init(scenario: Scenario, villages: [Village], units: [ServiceUnit]) {
        guard scenario.assignment.serviceModel == .township else {
            townshipOfVillage = villages.map { _ in nil }
            firmOfUnit = units.map { _ in nil }
            return
        }
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
    }
}
