import Assignment
import Foundation
import GLPK
import XCTest

@testable import CounselModel

// MARK: - The oracle

/// The assignment rules of the issue-3 models re-derived from a ``Scenario`` alone (never from
/// `AssignmentProblem`): units (advisers, or teams of `teams.csv`), eligibility, candidate pairs
/// (same county; another county of the city within `max_km`; a `pool: true` county's advisers
/// anywhere in the city, within `max_km` when set; apprentices never on support), acceptability,
/// team needs, ranks, costs and caps (team caps are the sums of the licensed members' caps).
///
/// With the exhaustive search of ``forEachPlan(_:)`` it is the oracle of the stability, team,
/// township, support and rebalancing tests.
struct PlanOracle {
    struct Unit {
        var id: String
        var county: String
        var lat: Double
        var lon: Double
        var firm: String?
        /// Every member's id (an individual adviser: its own id).
        var members: [String]
        var isTeam: Bool
        /// The individual adviser's role (a team: its lead's).
        var role: AdviserRole
        /// The adviser shown in `assignment.csv` (a team: its lead).
        var lead: String
    }

    struct Option {
        var village: Int
        var unit: Int
        var km: Double
        var villageRank: Int?
        var unitRank: Int?
        var support: Bool
        var missing: Int
        var cost: Double
    }

    let scenario: Scenario
    let settings: AssignmentSettings
    /// Sorted by id.
    let villages: [Village]
    /// Sorted by id (teams in the team model).
    let units: [Unit]
    let eligible: [Bool]
    let villageIndex: [String: Int]
    let unitIndex: [String: Int]
    /// Candidate pairs of each village, ascending unit.
    let options: [[Option]]
    let totalCap: [Int]
    let outsideCap: [Int?]
    /// Village in an under-resourced county.
    let ur: [Bool]
    /// Conflicting villages, `v * n + w` in both orders.
    let conflict: Set<Int>
    /// Township model: township index of each village (index into `townshipIDs`), else `nil`.
    let townshipOf: [Int?]
    let townshipIDs: [String]
    /// Symmetric adjacency of townships.
    let adjacency: [Set<Int>]

    init(_ s: Scenario) {
        scenario = s
        let settings = s.assignment
        self.settings = settings
        let rules = s.rules.assignment
        let hpv = rules.monthlyHoursPerVillage.value
        let villages = s.villages.sorted { $0.id < $1.id }
        self.villages = villages
        var vi: [String: Int] = [:]
        for (i, v) in villages.enumerated() { vi[v.id] = i }
        villageIndex = vi
        var countyOf: [String: County] = [:]
        for c in s.counties { countyOf[c.id] = c }
        func city(_ county: String) -> String { countyOf[county]?.city ?? county }
        let people = Dictionary(s.advisers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        func personOK(_ a: Adviser, alone: Bool) -> Bool {
            if rules.excludedStatuses.value.contains(a.status) { return false }
            if !rules.eligibleRoles.value.contains(a.role) { return false }
            if alone && a.role == .apprentice && !rules.apprenticeAlone.value { return false }
            if a.maxVillages == 0 { return false }
            if let h = a.hoursPerMonth, hpv > 0, h + 1e-9 < hpv { return false }
            return true
        }

        // Units.
        var units: [Unit] = []
        var eligible: [Bool] = []
        var licensed: [[Adviser]] = []  // whose caps add up
        var specialties: [Set<String>] = []
        if settings.serviceModel == .team {
            let rows = Dictionary(grouping: s.teamMembers, by: \.team)
            for team in rows.keys.sorted() {
                let teamRows = rows[team]!
                guard let leadRow = teamRows.first(where: { $0.roleInTeam == "lead" }),
                    let lead = people[leadRow.member]
                else { continue }
                let members = teamRows.compactMap { people[$0.member] }
                let firm = teamRows[0].firm.isEmpty ? lead.firm : teamRows[0].firm
                units.append(
                    Unit(
                        id: team, county: lead.county, lat: lead.latitude, lon: lead.longitude,
                        firm: (firm ?? "").isEmpty ? nil : firm, members: members.map(\.id), isTeam: true,
                        role: lead.role, lead: lead.id))
                eligible.append(personOK(lead, alone: true) && lead.role != .apprentice)
                licensed.append(members.filter { $0.role != .apprentice && personOK($0, alone: false) })
                specialties.append(Set(members.filter { personOK($0, alone: false) }.flatMap(\.specialties)))
            }
        } else {
            for a in s.advisers.sorted(by: { $0.id < $1.id }) {
                units.append(
                    Unit(
                        id: a.id, county: a.county, lat: a.latitude, lon: a.longitude, firm: a.firm,
                        members: [a.id], isTeam: false, role: a.role, lead: a.id))
                var ok = personOK(a, alone: true)
                if settings.serviceModel == .township && (a.firm ?? "").isEmpty { ok = false }
                eligible.append(ok)
                licensed.append([a])
                specialties.append(Set(a.specialties))
            }
        }
        self.units = units
        self.eligible = eligible
        var ui: [String: Int] = [:]
        for (i, u) in units.enumerated() { ui[u.id] = i }
        unitIndex = ui
        var memberOf: [String: Int] = [:]
        for (i, u) in units.enumerated() { for m in u.members { memberOf[m] = i } }

        // Conflicts.
        let nV = villages.count
        var barred = Set<String>()  // "village|person"
        var conflict = Set<Int>()
        for c in s.conflicts {
            if let v = vi[c.a], let w = vi[c.b] {
                if v != w {
                    conflict.insert(v * nV + w)
                    conflict.insert(w * nV + v)
                }
            } else if vi[c.a] != nil {
                barred.insert(c.a + "|" + c.b)
            } else if vi[c.b] != nil {
                barred.insert(c.b + "|" + c.a)
            }
        }
        self.conflict = conflict

        // Preferences: village → adviser, team, member or firm; person → village.
        var villagePref: [String: Int] = [:], personPref: [String: Int] = [:]
        var villageMax: [String: Int] = [:], unitMax: [Int: Int] = [:]
        for p in s.preferences {
            if vi[p.from] != nil {
                villagePref[p.from + "|" + p.to] = p.rank
                villageMax[p.from] = max(villageMax[p.from] ?? 0, p.rank)
            } else {
                let key = p.from + "|" + p.to
                personPref[key] = min(personPref[key] ?? Int.max, p.rank)
                if let u = memberOf[p.from] { unitMax[u] = max(unitMax[u] ?? 0, p.rank) }
            }
        }

        // Candidate pairs.
        let w = s.weights
        var options: [[Option]] = []
        var hasUR = [Bool](repeating: false, count: units.count)
        var ur = [Bool](repeating: false, count: nV)
        for (v, village) in villages.enumerated() {
            ur[v] = countyOf[village.county]?.underResourced ?? false
            var list: [Option] = []
            for (u, unit) in units.enumerated() where eligible[u] {
                guard city(unit.county) == city(village.county) else { continue }
                let same = unit.county == village.county
                let km = referenceKm(village.latitude, village.longitude, unit.lat, unit.lon)
                if !same {
                    let pool = countyOf[unit.county]?.pool ?? false
                    if s.maxKm == nil && !pool { continue }
                    if !unit.isTeam && unit.role == .apprentice { continue }
                }
                if let m = s.maxKm, km > m { continue }
                if unit.members.contains(where: { barred.contains(village.id + "|" + $0) }) { continue }
                let targets = [unit.id] + unit.members + (unit.firm.map { [$0] } ?? [])
                let vr = targets.compactMap { villagePref[village.id + "|" + $0] }.min()
                let urank = unit.members.compactMap { personPref[$0 + "|" + village.id] }.min()
                if settings.acceptable == .ranked {
                    if (villageMax[village.id] ?? 0) > 0 && vr == nil { continue }
                    if (unitMax[u] ?? 0) > 0 && urank == nil { continue }
                }
                var missing = 0
                if unit.isTeam {
                    missing = Set(village.needs).subtracting(specialties[u]).count
                    if missing > 0 && settings.needs == .require { continue }
                }
                let rankSum = (vr ?? (villageMax[village.id] ?? 0) + 1) + (urank ?? (unitMax[u] ?? 0) + 1)
                var cost = w.preference * Double(rankSum) + w.distanceKm * km + w.needs * Double(missing)
                if let incumbent = village.currentAdviser, !unit.members.contains(incumbent), incumbent != unit.id {
                    cost += w.change
                }
                if !same { cost += w.support }
                list.append(
                    Option(
                        village: v, unit: u, km: km, villageRank: vr, unitRank: urank, support: !same,
                        missing: missing, cost: cost))
                if ur[v] { hasUR[u] = true }
            }
            options.append(list)
        }
        self.options = options
        self.ur = ur

        // Caps: Nanning 5; Guangdong 8 for an adviser who can reach an under-resourced county,
        // still 5 outside such counties, 5 for everyone else; max_villages; hours.
        func caps(_ a: Adviser, _ reachesUR: Bool) -> (Int, Int?) {
            let urCap = rules.underResourcedCap?.value
            var total = a.maxVillages ?? (urCap != nil && reachesUR ? urCap! : rules.cap.value)
            var outside: Int? = nil
            if urCap != nil {
                if reachesUR { outside = rules.cap.value } else { total = min(total, rules.cap.value) }
            }
            if let h = a.hoursPerMonth, hpv > 0 { total = min(total, Int((h / hpv + 1e-9).rounded(.down))) }
            if let o = outside, o >= total { outside = nil }
            return (total, outside)
        }
        var total: [Int] = [], outside: [Int?] = []
        for u in units.indices {
            guard eligible[u] else {
                total.append(0)
                outside.append(nil)
                continue
            }
            var t = 0, o = 0, any = false
            for m in licensed[u] {
                let c = caps(m, hasUR[u])
                t += c.0
                o += c.1 ?? c.0
                any = any || c.1 != nil
            }
            total.append(t)
            outside.append(any && o < t ? o : nil)
        }
        totalCap = total
        outsideCap = outside

        // Townships.
        if settings.serviceModel == .township {
            let ids = s.townships.map(\.id).sorted()
            var ti: [String: Int] = [:]
            for (i, t) in ids.enumerated() { ti[t] = i }
            var adjacency = [Set<Int>](repeating: [], count: ids.count)
            for t in s.townships {
                for other in t.adjacent {
                    if let i = ti[t.id], let j = ti[other], i != j {
                        adjacency[i].insert(j)
                        adjacency[j].insert(i)
                    }
                }
            }
            townshipIDs = ids
            townshipOf = villages.map { ti[$0.township] }
            self.adjacency = adjacency
        } else {
            townshipIDs = []
            townshipOf = villages.map { _ in nil }
            adjacency = []
        }
    }

    /// Σ over villages of the dearest candidate: every plan's total pair cost is below it + 1.
    var maxTotalCost: Double { options.reduce(0) { $0 + ($1.map(\.cost).max() ?? 0) } }

    // MARK: Plans

    /// A plan as the oracle sees it: for each village, the index of its option, or `nil`.
    typealias Choice = [Int?]

    /// Visits every plan that keeps the caps (total and outside) and the village conflicts: each
    /// village gets one of its candidates or none.
    func forEachPlan(_ body: (Choice) -> Void) {
        let nV = villages.count
        var load = [Int](repeating: 0, count: units.count)
        var outsideLoad = [Int](repeating: 0, count: units.count)
        var unitOf = [Int?](repeating: nil, count: nV)
        var choice = Choice(repeating: nil, count: nV)
        func go(_ v: Int) {
            if v == nV {
                body(choice)
                return
            }
            go(v + 1)
            for (i, o) in options[v].enumerated() {
                let u = o.unit
                if load[u] >= totalCap[u] { continue }
                if !ur[v], let cap = outsideCap[u], outsideLoad[u] >= cap { continue }
                if (0..<v).contains(where: { unitOf[$0] == u && conflict.contains(v * nV + $0) }) { continue }
                load[u] += 1
                if !ur[v] { outsideLoad[u] += 1 }
                unitOf[v] = u
                choice[v] = i
                go(v + 1)
                choice[v] = nil
                unitOf[v] = nil
                load[u] -= 1
                if !ur[v] { outsideLoad[u] -= 1 }
            }
        }
        go(0)
    }

    func uncovered(_ c: Choice) -> Int { c.filter { $0 == nil }.count }

    func cost(_ c: Choice) -> Double {
        c.indices.reduce(0) { sum, v in sum + (c[v].map { options[v][$0].cost } ?? 0) }
    }

    func unit(_ c: Choice, _ v: Int) -> Int? { c[v].map { options[v][$0].unit } }

    /// Blocking pairs (village, unit) of a plan, by the definition of weak stability:
    /// a candidate pair (v, a) not in the plan blocks when v strictly prefers a (v is uncovered,
    /// or v ranks a better than its adviser; unranked is worse than every rank) and a is willing:
    /// fewer than cap_a of a's villages are ranked by a at least as well as v (unranked = ∞, so an
    /// unranked v counts all of them), and, when a has an outside cap and v is outside the
    /// under-resourced counties, fewer than that cap of a's outside villages are ranked as well.
    func blockingPairs(_ c: Choice) -> [(village: Int, unit: Int)] {
        let inf = Int.max
        var mine = [[Int]](repeating: [], count: units.count)  // unit → its villages
        for v in villages.indices { if let u = unit(c, v) { mine[u].append(v) } }
        var unitRankOf: [Int: Int] = [:]  // v * units + u → unit's rank of v
        for list in options {
            for o in list { if let r = o.unitRank { unitRankOf[o.village * units.count + o.unit] = r } }
        }
        func unitRank(_ u: Int, _ v: Int) -> Int { unitRankOf[v * units.count + u] ?? inf }
        var result: [(Int, Int)] = []
        for v in villages.indices {
            let current = c[v].map { options[v][$0] }
            for o in options[v] where o.unit != current?.unit {
                if let current {
                    guard let r = o.villageRank else { continue }
                    if let rc = current.villageRank, rc <= r { continue }
                }
                let ra = o.unitRank ?? inf
                let asGood = mine[o.unit].filter { unitRank(o.unit, $0) <= ra }
                guard asGood.count < totalCap[o.unit] else { continue }
                if let cap = outsideCap[o.unit], !ur[v] {
                    guard asGood.filter({ !ur[$0] }).count < cap else { continue }
                }
                result.append((v, o.unit))
            }
        }
        return result
    }

    /// Villages with a previous unit whose unit in the plan differs (uncovered included).
    func changes(_ c: Choice, previous: [String: String]) -> Int {
        villages.indices.filter { v in
            guard let before = previous[villages[v].id] else { return false }
            return unit(c, v).map { units[$0].id } != before
        }.count
    }

    /// The township rules: all covered villages of a township are served by one firm, and the
    /// townships each firm serves are connected in the adjacency graph (unless `connectivity` is
    /// false). A township is served by a firm when the firm's advisers serve a village of it.
    /// Returns what is broken.
    func townshipViolations(_ c: Choice, connectivity: Bool = true) -> [String] {
        var problems: [String] = []
        var firmOfTownship: [Int: String] = [:]
        var townshipsOfFirm: [String: Set<Int>] = [:]
        for v in villages.indices {
            guard let u = unit(c, v), let t = townshipOf[v] else { continue }
            let firm = units[u].firm ?? "?"
            if let f = firmOfTownship[t], f != firm {
                problems.append("township \(townshipIDs[t]) served by firms \(f) and \(firm)")
            }
            firmOfTownship[t] = firm
            townshipsOfFirm[firm, default: []].insert(t)
        }
        for (firm, ts) in townshipsOfFirm.sorted(by: { $0.key < $1.key }) where connectivity {
            // Breadth-first search inside the firm's townships.
            var seen: Set<Int> = [ts.min()!]
            var queue = [ts.min()!]
            while let t = queue.popLast() {
                for n in adjacency[t] where ts.contains(n) && !seen.contains(n) {
                    seen.insert(n)
                    queue.append(n)
                }
            }
            if seen != ts {
                problems.append(
                    "firm \(firm) serves townships \(ts.map { townshipIDs[$0] }.sorted()) that are not connected")
            }
        }
        return problems
    }

    /// The lexicographically smallest key over all plans that `accept` lets through, with a plan
    /// that has it; `nil` when none does. Keys are compared level by level, whole numbers exactly
    /// and the last level (a cost) with a tolerance.
    func best(accept: (Choice) -> Bool = { _ in true }, key: (Choice) -> [Double]) -> (key: [Double], plan: Choice)? {
        var best: (key: [Double], plan: Choice)?
        forEachPlan { c in
            guard accept(c) else { return }
            let k = key(c)
            if best == nil || lexicographicallyLess(k, best!.key) { best = (k, c) }
        }
        return best
    }

    // MARK: Plans of the solver

    /// The solver's plan as an oracle choice; `nil` entries in `unknown` name rows the oracle does
    /// not know as candidates.
    func choice(of plan: Plan) -> (choice: Choice, unknown: [String]) {
        let p = plan.problem
        var c = Choice(repeating: nil, count: villages.count)
        var unknown: [String] = []
        for row in plan.rows {
            guard let k = row.candidate else { continue }
            let vid = p.villages[row.village].id, uid = p.units[p.candidates[k].unit].id
            guard let v = villageIndex[vid], let u = unitIndex[uid],
                let i = options[v].firstIndex(where: { $0.unit == u })
            else {
                unknown.append("\(vid) ← \(uid)")
                continue
            }
            c[v] = i
        }
        return (c, unknown)
    }
}

/// Lexicographic comparison: every level but the last exactly (they are counts), the last with a
/// tolerance of 1e-9 relative.
func lexicographicallyLess(_ a: [Double], _ b: [Double]) -> Bool {
    for i in a.indices {
        let last = i == a.count - 1
        let tol = last ? 1e-9 * max(1, abs(a[i]), abs(b[i])) : 0.5
        if a[i] < b[i] - tol { return true }
        if a[i] > b[i] + tol { return false }
    }
    return false
}

// MARK: - Invariants

/// What a solved plan breaks, judged by the oracle: one row per village in id order; every pair a
/// candidate of the oracle with the same distance, ranks, support flag and cost; total and
/// outside caps; village conflicts; the township rules in the township model; the objective
/// recomputed from the rows (M·uncovered + Σ cost) and M above every possible cost total; the
/// bound; and `blockingPairs` equal to the oracle's blocking pairs.
func oracleViolations(_ plan: Plan, _ oracle: PlanOracle) -> [String] {
    let p = plan.problem
    var problems: [String] = []
    let ids = plan.rows.map { p.villages[$0.village].id }
    if ids != oracle.villages.map(\.id) { problems.append("rows are not one per village in id order: \(ids)") }
    let (c, unknown) = oracle.choice(of: plan)
    for u in unknown { problems.append("\(u) is not a candidate pair of the rules") }
    for row in plan.rows {
        guard let k = row.candidate else { continue }
        let cand = p.candidates[k]
        if cand.village != row.village { problems.append("row \(row.village): candidate of another village") }
        guard let v = oracle.villageIndex[p.villages[row.village].id], let i = c[v] else { continue }
        let o = oracle.options[v][i]
        let label = "\(oracle.villages[v].id) ← \(oracle.units[o.unit].id)"
        if abs(cand.distanceKm - o.km) > 1e-6 * max(1, o.km) {
            problems.append("\(label): distance \(cand.distanceKm) ≠ \(o.km)")
        }
        if cand.villageRank != o.villageRank {
            problems.append(
                "\(label): village rank \(String(describing: cand.villageRank)) ≠ \(String(describing: o.villageRank))")
        }
        if cand.adviserRank != o.unitRank {
            problems.append(
                "\(label): adviser rank \(String(describing: cand.adviserRank)) ≠ \(String(describing: o.unitRank))")
        }
        if cand.isSupport != o.support { problems.append("\(label): isSupport \(cand.isSupport) ≠ \(o.support)") }
        if cand.missingNeeds != o.missing {
            problems.append("\(label): missing needs \(cand.missingNeeds) ≠ \(o.missing)")
        }
        if !close(cand.cost, o.cost, rel: 1e-9) { problems.append("\(label): cost \(cand.cost) ≠ \(o.cost)") }
    }
    var load = [Int](repeating: 0, count: oracle.units.count), outside = load
    for v in oracle.villages.indices {
        guard let u = oracle.unit(c, v) else { continue }
        load[u] += 1
        if !oracle.ur[v] { outside[u] += 1 }
        for w in 0..<v where oracle.unit(c, w) == u && oracle.conflict.contains(v * oracle.villages.count + w) {
            problems.append(
                "conflicting villages \(oracle.villages[w].id) and \(oracle.villages[v].id) share \(oracle.units[u].id)"
            )
        }
    }
    for u in oracle.units.indices {
        if load[u] > oracle.totalCap[u] {
            problems.append("\(oracle.units[u].id) serves \(load[u]) > cap \(oracle.totalCap[u])")
        }
        if let o = oracle.outsideCap[u], outside[u] > o {
            problems.append("\(oracle.units[u].id) serves \(outside[u]) outside > \(o)")
        }
    }
    if oracle.settings.serviceModel == .township { problems += oracle.townshipViolations(c) }
    if !(p.uncoveredPenalty > oracle.maxTotalCost) {
        problems.append("uncoveredPenalty \(p.uncoveredPenalty) ≤ largest total cost \(oracle.maxTotalCost)")
    }
    let recomputed = Double(oracle.uncovered(c)) * p.uncoveredPenalty + oracle.cost(c)
    if !close(recomputed, plan.objective, rel: 1e-7) {
        problems.append("objective \(plan.objective) ≠ recomputed \(recomputed)")
    }
    if let bound = plan.bound, bound > plan.objective + 1e-6 * max(1, abs(plan.objective)) {
        problems.append("bound \(bound) > objective \(plan.objective)")
    }
    let mine = Set(oracle.blockingPairs(c).map { "\(oracle.villages[$0.village].id)|\(oracle.units[$0.unit].id)" })
    let theirs = Set(plan.blockingPairs.map { "\(p.villages[$0.village].id)|\(p.units[$0.unit].id)" })
    if mine != theirs { problems.append("blockingPairs \(theirs.sorted()) ≠ the definition's \(mine.sorted())") }
    if plan.blockingPairDetails.count != plan.blockingPairs.count {
        problems.append("blockingPairDetails count differs")
    }
    return problems
}

/// Asserts ``oracleViolations(_:_:)`` is empty.
func assertOracleInvariants(
    _ plan: Plan, _ oracle: PlanOracle, _ label: String, file: StaticString = #filePath, line: UInt = #line
) {
    for problem in oracleViolations(plan, oracle) { XCTFail("\(label): \(problem)", file: file, line: line) }
}

/// The candidate pairs of a problem as "village|unit" ids, for comparing with the oracle's.
func candidateKeys(_ p: AssignmentProblem) -> Set<String> {
    Set(p.candidates.map { "\(p.villages[$0.village].id)|\(p.units[$0.unit].id)" })
}

func candidateKeys(_ o: PlanOracle) -> Set<String> {
    Set(o.options.flatMap { $0 }.map { "\(o.villages[$0.village].id)|\(o.units[$0.unit].id)" })
}

/// Checks the problem's candidates and caps against the oracle's; returns what differs.
func problemDifferences(_ p: AssignmentProblem, _ o: PlanOracle) -> [String] {
    var problems: [String] = []
    let mine = candidateKeys(o), theirs = candidateKeys(p)
    if mine != theirs {
        problems.append(
            "candidates: missing \(mine.subtracting(theirs).sorted()), extra \(theirs.subtracting(mine).sorted())")
    }
    for (i, unit) in p.units.enumerated() {
        guard let u = o.unitIndex[unit.id] else {
            problems.append("unknown unit \(unit.id)")
            continue
        }
        guard o.eligible[u] == p.isEligible[i] else {
            problems.append("\(unit.id): eligible \(p.isEligible[i]) ≠ \(o.eligible[u])")
            continue
        }
        guard o.eligible[u] else { continue }
        if p.totalCap[i] != o.totalCap[u] {
            problems.append("\(unit.id): total cap \(p.totalCap[i]) ≠ \(o.totalCap[u])")
        }
        if p.outsideCap[i] != o.outsideCap[u] {
            problems.append(
                "\(unit.id): outside cap \(String(describing: p.outsideCap[i])) ≠ \(String(describing: o.outsideCap[u]))"
            )
        }
    }
    if p.units.count != o.units.count { problems.append("\(p.units.count) units ≠ \(o.units.count)") }
    return problems
}

// MARK: - Builders

/// A copy of a profile with another `apprentice_alone` (to see that apprentices still never go on
/// support when they may serve alone).
func withApprenticeAlone(_ profile: RuleProfile, _ alone: Bool) -> RuleProfile {
    var p = profile
    p.assignment.apprenticeAlone.value = alone
    return p
}

/// A person with specialties.
func makePerson(
    _ id: String, county: String, lat: Double, lon: Double, role: AdviserRole = .lawyer,
    status: AdviserStatus = .active, firm: String? = nil, maxVillages: Int? = nil,
    specialties: [String] = []
) -> Adviser {
    Adviser(
        id: id, name: "律师\(id)", role: role, firm: firm, county: county, latitude: lat, longitude: lon,
        maxVillages: maxVillages, hoursPerMonth: nil, specialties: specialties, status: status, phone: "")
}

/// A village with needs, township and incumbent.
func makePlace(
    _ id: String, county: String, lat: Double, lon: Double, township: String = "T1",
    needs: [String] = [], incumbent: String? = nil
) -> Village {
    Village(
        id: id, name: "村\(id)", kind: .village, township: township, county: county, latitude: lat, longitude: lon,
        needs: needs, currentAdviser: incumbent)
}

/// Parses `assignment.csv` (no quoted fields in these tests) into header and rows.
func parseAssignmentCSV(_ text: String) -> (header: [String], rows: [[String]]) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    return (lines.first ?? [], Array(lines.dropFirst()))
}
