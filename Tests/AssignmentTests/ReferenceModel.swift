import Foundation

@testable import CounselModel

/// The assignment rules re-derived from a ``Scenario`` alone, without `AssignmentProblem`:
/// eligibility, candidate pairs, distances, costs, caps and conflicts. Used as the oracle by
/// the brute force and by ``assertPlanInvariants(_:file:line:)``.
///
/// Rules (the project's README model):
/// * eligible: status not excluded, role in `eligible_roles`, not an apprentice unless
///   `apprentice_alone`, `max_villages != 0`;
/// * a pair (v, a) is a candidate when a is eligible, not in conflict with v, and either of the
///   same county (any distance without `max_km`, else within it) or of another county of the same
///   city within `max_km` (no support without `max_km`);
/// * total cap = `max_villages` if given, else the profile's cap, raised to `under_resourced_cap`
///   when the profile has one and the adviser has a candidate in an under-resourced county; in that
///   case still at most `cap` villages outside such counties; and at most
///   ⌊hours_per_month / monthly_hours_per_village⌋ villages;
/// * cost = w_pref·(villageRank + adviserRank) + w_km·km + w_change·[incumbent ≠ adviser]
///   + w_support·[other county]; an unranked partner counts as the ranker's largest rank + 1; a
///   village's rank of the adviser wins over its rank of the adviser's firm.
struct ReferenceModel {
    struct Pair {
        var village: Int
        var adviser: Int
        var km: Double
        var villageRank: Int?
        var adviserRank: Int?
        var support: Bool
        var cost: Double
    }

    let scenario: Scenario
    /// Sorted by id.
    let villages: [Village]
    /// Sorted by id.
    let advisers: [Adviser]
    let villageIndex: [String: Int]
    let adviserIndex: [String: Int]
    let eligible: [Bool]
    /// Candidate pairs of each village, by adviser index.
    let pairs: [[Pair]]
    /// (village index, adviser index) → pair.
    let pairLookup: [Int: Pair]
    let urVillage: [Bool]
    let totalCap: [Int]
    let outsideCap: [Int?]
    /// Conflicting village index pairs (both orders).
    let villageConflict: Set<Int>
    /// Forbidden (village, adviser) index pairs.
    let forbidden: Set<Int>

    init(_ s: Scenario) {
        scenario = s
        let rules = s.rules.assignment
        villages = s.villages.sorted { $0.id < $1.id }
        advisers = s.advisers.sorted { $0.id < $1.id }
        var vi: [String: Int] = [:], ai: [String: Int] = [:]
        for (i, v) in villages.enumerated() { vi[v.id] = i }
        for (i, a) in advisers.enumerated() { ai[a.id] = i }
        villageIndex = vi
        adviserIndex = ai
        let nA = advisers.count, nV = villages.count

        var cityOf: [String: String] = [:]
        var urCounty: [String: Bool] = [:]
        for c in s.counties {
            cityOf[c.id] = c.city
            urCounty[c.id] = c.underResourced
        }

        eligible = advisers.map { a in
            !rules.excludedStatuses.value.contains(a.status)
                && rules.eligibleRoles.value.contains(a.role)
                && !(a.role == .apprentice && !rules.apprenticeAlone.value)
                && a.maxVillages != 0
        }

        var forbidden = Set<Int>(), vvc = Set<Int>()
        for c in s.conflicts {
            if let v = vi[c.a], let a = ai[c.b] { forbidden.insert(v * nA + a) }
            if let v = vi[c.b], let a = ai[c.a] { forbidden.insert(v * nA + a) }
            if let v = vi[c.a], let w = vi[c.b], v != w {
                vvc.insert(v * nV + w)
                vvc.insert(w * nV + v)
            }
        }
        self.forbidden = forbidden
        villageConflict = vvc

        // Rankings.
        var vRank: [String: Int] = [:], aRank: [String: Int] = [:]
        var vMax: [String: Int] = [:], aMax: [String: Int] = [:]
        for p in s.preferences {
            if vi[p.from] != nil {
                vRank["\(p.from)|\(p.to)"] = p.rank
                vMax[p.from] = max(vMax[p.from] ?? 0, p.rank)
            } else {
                aRank["\(p.from)|\(p.to)"] = p.rank
                aMax[p.from] = max(aMax[p.from] ?? 0, p.rank)
            }
        }

        let w = s.weights
        var pairs: [[Pair]] = []
        var lookup: [Int: Pair] = [:]
        var ur = [Bool](repeating: false, count: nV)
        var hasUR = [Bool](repeating: false, count: nA)
        for (v, village) in villages.enumerated() {
            ur[v] = urCounty[village.county] ?? false
            var list: [Pair] = []
            for (a, adviser) in advisers.enumerated() where eligible[a] && !forbidden.contains(v * nA + a) {
                let vCity = cityOf[village.county] ?? village.county
                let aCity = cityOf[adviser.county] ?? adviser.county
                guard vCity == aCity else { continue }
                let same = village.county == adviser.county
                let km = referenceKm(village.latitude, village.longitude, adviser.latitude, adviser.longitude)
                if same {
                    if let m = s.maxKm, km > m { continue }
                } else {
                    guard let m = s.maxKm, km <= m else { continue }
                }
                let vr = vRank["\(village.id)|\(adviser.id)"] ?? adviser.firm.flatMap { vRank["\(village.id)|\($0)"] }
                let ar = aRank["\(adviser.id)|\(village.id)"]
                let rankSum = (vr ?? (vMax[village.id] ?? 0) + 1) + (ar ?? (aMax[adviser.id] ?? 0) + 1)
                var cost = w.preference * Double(rankSum) + w.distanceKm * km
                if let inc = village.currentAdviser, inc != adviser.id { cost += w.change }
                if !same { cost += w.support }
                let pair = Pair(
                    village: v, adviser: a, km: km, villageRank: vr, adviserRank: ar, support: !same, cost: cost)
                list.append(pair)
                lookup[v * nA + a] = pair
                if ur[v] { hasUR[a] = true }
            }
            pairs.append(list)
        }
        urVillage = ur

        var total: [Int] = [], outside: [Int?] = []
        for (a, adviser) in advisers.enumerated() {
            var cap = rules.cap.value
            var out: Int? = nil
            if let urCap = rules.underResourcedCap?.value, hasUR[a] {
                cap = urCap
                out = rules.cap.value
            }
            if let own = adviser.maxVillages { cap = own }
            if let h = adviser.hoursPerMonth, rules.monthlyHoursPerVillage.value > 0 {
                cap = min(cap, Int((h / rules.monthlyHoursPerVillage.value + 1e-9).rounded(.down)))
            }
            total.append(eligible[a] ? max(0, cap) : 0)
            outside.append(out)
        }
        totalCap = total
        outsideCap = outside
        // An adviser whose hours allow no village at all is no candidate anywhere.
        self.pairs = pairs.map { $0.filter { total[$0.adviser] > 0 } }
        pairLookup = lookup.filter { total[$0.value.adviser] > 0 }
    }

    func pair(_ v: Int, _ a: Int) -> Pair? { pairLookup[v * advisers.count + a] }

    /// An upper bound on any plan's total pair cost: Σ over villages of the dearest candidate.
    var maxTotalCost: Double { pairs.reduce(0) { $0 + ($1.map(\.cost).max() ?? 0) } }

    /// The best plan by exhaustive search: every village → one of its candidates or none,
    /// minimising `penalty·uncovered + Σ cost` under caps, outside caps and village conflicts.
    /// Returns (covered, cost) of an optimum.
    func bruteForce(penalty: Double) -> (covered: Int, cost: Double, assignment: [Int?]) {
        let nV = villages.count
        // Lower bound of what villages v..<nV add at least (for pruning only).
        var suffix = [Double](repeating: 0, count: nV + 1)
        for v in stride(from: nV - 1, through: 0, by: -1) {
            suffix[v] = suffix[v + 1] + min(penalty, pairs[v].map(\.cost).min() ?? penalty)
        }
        var load = [Int](repeating: 0, count: advisers.count)
        var outsideLoad = [Int](repeating: 0, count: advisers.count)
        var current = [Int?](repeating: nil, count: nV)
        var best = Double.infinity
        var bestAssignment = current
        var bestCovered = 0, bestCost = 0.0

        func go(_ v: Int, _ value: Double, _ covered: Int, _ cost: Double) {
            if best.isFinite && value + suffix[v] > best + 1e-9 * max(1, best) { return }
            if v == nV {
                if !best.isFinite || value < best - 1e-12 * max(1, best) {
                    best = value
                    bestAssignment = current
                    bestCovered = covered
                    bestCost = cost
                }
                return
            }
            for p in pairs[v] {
                let a = p.adviser
                if load[a] >= totalCap[a] { continue }
                if !urVillage[v], let o = outsideCap[a], outsideLoad[a] >= o { continue }
                var clash = false
                for w in 0..<v where current[w] == a && villageConflict.contains(v * nV + w) {
                    clash = true
                    break
                }
                if clash { continue }
                load[a] += 1
                if !urVillage[v] { outsideLoad[a] += 1 }
                current[v] = a
                go(v + 1, value + p.cost, covered + 1, cost + p.cost)
                current[v] = nil
                load[a] -= 1
                if !urVillage[v] { outsideLoad[a] -= 1 }
            }
            go(v + 1, value + penalty, covered, cost)
        }
        go(0, 0, 0, 0)
        return (bestCovered, bestCost, bestAssignment)
    }
}
