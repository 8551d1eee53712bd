import CounselModel
import Dispatch
import Foundation
import GLPK

/// The township model (Guangdong 001 §(七): 一个律师事务所对口联系一个或几个相邻乡镇) solved as set
/// partitioning over connected township sets (Garfinkel–Nemhauser; Mehrotra, Johnson and
/// Nemhauser 1998 — their idea, our code).
///
/// A *territory* is a firm with a connected set S of townships it can reach. Its value is the
/// best placement of S's villages on the firm's advisers — the plain model on that tiny instance
/// (caps, the outside cap, conflicts of interest), with at least one village of every township of
/// S served, since a township joins a firm's territory only when the firm serves it — written as
/// `val(f, S) = Σ_served (c_va − M)` (so a territory's value says how much it improves on leaving
/// its villages uncovered). The master chooses at most one territory per firm and per township:
///
///     minimise   M·|V| + Σ val(f, S)·λ_fS
///     subject to Σ_(f, S ∋ t) λ_fS ≤ 1      every township t   (dual μ_t ≤ 0)
///                Σ_S λ_fS ≤ 1               every firm f       (dual ν_f ≤ 0)
///
/// Its LP is solved by column generation: territories are enumerated per firm as connected sets
/// (each once, grown from its lowest township), and a set is valued only when its reduced cost
/// `val − Σ_(t∈S) μ_t − ν_f` can be negative. The bound that prunes a whole branch of the
/// enumeration holds for every superset: `val(f, S′) ≥ −G_f` (the gains M − c of the firm's best
/// `cap_f` villages) and `−μ_t ≥ 0`, so `rc(S′) ≥ −G_f − Σ_(t∈S) μ_t − ν_f`. When no territory
/// prices out the LP is optimal over all territories; when it is fractional, branch and bound runs
/// on the territories generated, then again with every territory whose reduced cost is below the
/// gap, which makes the integer result optimal over all territories.
///
/// Once the LP objective tails off, every firm is priced in full for its least reduced cost, at
/// duals smoothed towards those of the best bound so far (Wentges), which gives the Lagrangian
/// bound `Σ_t μ_t + Σ_f min(ν_f, min_S val − μ(S))` (Farley; Lasdon: each firm's row is a
/// convexity row); column generation stops when that bound is within the relative gap of the LP.
struct TownshipPartition {
    let p: AssignmentProblem
    var options: SolverOptions
    var timeLimit: Double?
    var threads: Int
    var progress: (@Sendable (String) -> Void)?
    /// Price every firm in full for the Lagrangian bound in every round, not only once the LP
    /// objective tails off (for the tests: the bound's stop and smoothing on every instance).
    var boundEveryRound = false

    /// One territory: a firm, its townships (ascending) and the best placement on them.
    struct Territory: Sendable {
        var firm: Int
        var townships: [Int]
        /// `Σ_served (c − M)`.
        var value: Double
        /// The chosen candidate of each served village.
        var chosen: [CandidateIndex]
    }

    /// What a firm can serve.
    struct FirmReach: Sendable {
        var firm: Int
        /// Eligible units of the firm with a cap.
        var units: Set<UnitIndex>
        /// Townships with a village the firm can serve, ascending.
        var townships: [Int]
        /// The most villages the firm can serve (Σ caps).
        var capacity: Int
        /// `G_f`: the sum of the `capacity` largest gains `M − c_min(v, f)` over its reach.
        var bestGain: Double
        /// Gain of each reachable village, by village.
        var gain: [VillageIndex: Double]
    }

    func solve() throws -> Plan {
        let started = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        let reaches = firmReaches()
        var villagesOf = [[VillageIndex]](repeating: [], count: p.townships.count)
        for v in p.villageIndices { if let t = p.townshipOfVillage[v] { villagesOf[t].append(v) } }
        let parts = Self.parts(reaches, townshipCount: p.townships.count)
        var rows = p.villageIndices.map { Plan.Row(village: $0, candidate: nil) }
        var proven = true
        var exact = true
        var bound = 0.0
        var solves = 0
        var largest = 0
        let me = self
        let townshipVillages = villagesOf
        let results = try ParallelSolves.map(
            count: parts.count, threads: threads,
            order: parts.indices.sorted { parts[$0].townships.count > parts[$1].townships.count }
        ) { i in
            try me.solvePart(parts[i], reaches: reaches, villagesOf: townshipVillages, started: started)
        }
        for (part, r) in zip(parts, results) {
            for t in r.territories { for k in t.chosen { rows[p.candidates[k].village].candidate = k } }
            proven = proven && r.optimal
            exact = exact && r.exact
            bound += r.bound
            solves += r.solves
            largest = max(largest, part.townships.reduce(0) { $0 + villagesOf[$1].count })
        }
        // Villages outside every part (no township, or no firm reaches theirs) stay uncovered.
        let objective = AssignmentSolver.objective(of: rows, in: p)
        if !proven {
            // The plain model over the same pairs (no township rules) bounds every plan.
            var plain = AssignmentSolver(
                options: options, timeLimit: timeLimit.map { max(1, $0 / 4) }, threads: threads)
            plain.progress = nil
            let free = try plain.solveByPricedGroups(p)
            let plainBound = free.status == .optimal ? free.objective : free.bound
            return Plan(
                problem: p, rows: rows, status: .feasible, objective: objective,
                bound: plainBound.map { min($0, objective) },
                seconds: elapsed(),
                decomposition: DecompositionStats(
                    initialGroups: parts.count, finalGroups: parts.count, rounds: 1, solves: solves,
                    largestGroupVillages: largest, candidatePairs: p.candidates.count, crossPairs: 0))
        }
        let inParts = Set(parts.flatMap(\.townships))
        let outside = p.villages.indices.filter { v in p.townshipOfVillage[v].map { !inParts.contains($0) } ?? true }
            .count
        bound += Double(outside) * p.uncoveredPenalty
        progress?(
            tr(
                "progress.township",
                [
                    "parts": parts.count, "solves": solves, "objective": String(format: "%.3f", objective),
                    "seconds": String(format: "%.2f", elapsed()),
                ]))
        return Plan(
            problem: p, rows: rows, status: proven ? .optimal : .feasible, objective: objective,
            bound: proven && exact ? objective : min(objective, bound), seconds: elapsed(),
            decomposition: DecompositionStats(
                initialGroups: parts.count, finalGroups: parts.count, rounds: 1, solves: solves,
                largestGroupVillages: largest, candidatePairs: p.candidates.count, crossPairs: 0))
    }

    // MARK: Reach and parts

    func firmReaches() -> [FirmReach] {
        var unitsOf = [Set<UnitIndex>](repeating: [], count: p.firmIDs.count)
        for a in p.unitIndices where p.isEligible[a] && p.totalCap[a] > 0 {
            if let f = p.firmOfUnit[a] { unitsOf[f].insert(a) }
        }
        var result: [FirmReach] = []
        for f in p.firmIDs.indices where !unitsOf[f].isEmpty {
            var townships = Set<Int>()
            var cheapest: [VillageIndex: Double] = [:]
            for c in p.candidates where unitsOf[f].contains(c.unit) {
                guard let t = p.townshipOfVillage[c.village] else { continue }
                townships.insert(t)
                cheapest[c.village] = min(cheapest[c.village] ?? .infinity, c.cost)
            }
            let capacity = unitsOf[f].reduce(0) { $0 + p.totalCap[$1] }
            let gain = cheapest.mapValues { p.uncoveredPenalty - $0 }
            let best = gain.values.sorted(by: >).prefix(capacity).reduce(0, +)
            result.append(
                FirmReach(
                    firm: f, units: unitsOf[f], townships: townships.sorted(),
                    capacity: capacity, bestGain: best, gain: gain))
        }
        return result
    }

    /// Connected parts of the firm–township reach graph: they share no master row.
    static func parts(_ reaches: [FirmReach], townshipCount: Int) -> [(firms: [Int], townships: [Int])] {
        var sets = UnionFind(count: townshipCount + reaches.count)
        for (i, r) in reaches.enumerated() { for t in r.townships { sets.union(townshipCount + i, t) } }
        var members: [Int: (firms: [Int], townships: [Int])] = [:]
        for (i, r) in reaches.enumerated() where !r.townships.isEmpty {
            members[sets.find(townshipCount + i), default: ([], [])].firms.append(i)
        }
        for t in 0..<townshipCount {
            let root = sets.find(t)
            if members[root] != nil { members[root]!.townships.append(t) }
        }
        return members.keys.sorted().map { members[$0]! }
    }

    // MARK: One part

    struct PartResult: Sendable {
        var territories: [Territory]
        var optimal: Bool
        /// Proven optimal outright (not only within the gap): `bound` is then the part's objective.
        var exact: Bool
        var bound: Double
        var solves: Int
    }

    func solvePart(
        _ part: (firms: [Int], townships: [Int]), reaches: [FirmReach], villagesOf: [[VillageIndex]],
        started: DispatchTime
    ) throws -> PartResult {
        var search = try PartSearch(self, part: part, reaches: reaches, villagesOf: villagesOf, started: started)
        let relaxation = try search.solveRelaxation()
        return try search.solveInteger(relaxation)
    }

    /// How far below a plan's objective (or the LP's, with the constant) a bound may stay for the
    /// plan to count as optimal: the relative gap of branch and bound (`--gap`), of the whole
    /// objective (coverage and cost), as GLPK measures it.
    func allowance(_ objective: Double) -> Double { options.relativeGap * max(1, abs(objective)) }

    /// The master over `columns` (LP, or the integer master).
    func solveMaster(
        _ columns: [Territory], part: (firms: [Int], townships: [Int]), reaches: [FirmReach],
        townshipRow: [Int: Int], integer: Bool, incumbent: [Double]?
    ) throws -> Solution {
        var lp = LinearProgram(name: "territories", sense: .minimize)
        var byTownship = [[Int]](repeating: [], count: part.townships.count)
        var byFirm: [Int: [Int]] = [:]
        for (j, c) in columns.enumerated() {
            lp.addVariable(
                name: "territory", bounds: .between(0, 1), kind: integer ? .integer : .continuous, objective: c.value)
            for t in c.townships { byTownship[townshipRow[t]!].append(j) }
            byFirm[c.firm, default: []].append(j)
        }
        for js in byTownship {
            lp.addConstraint(
                name: "township", terms: js.map { (LinearProgram.Variable(index: $0), 1) }, bounds: .atMost(1))
        }
        for r in part.firms {
            let js = byFirm[reaches[r].firm] ?? []
            lp.addConstraint(name: "firm", terms: js.map { (LinearProgram.Variable(index: $0), 1) }, bounds: .atMost(1))
        }
        var o = options
        o.relativeGap = integer ? min(options.relativeGap, 1e-9) : options.relativeGap
        o.incumbent = incumbent
        return try Solver.solve(lp, options: o)
    }

    // MARK: Pricing

    /// The territories of one firm valued so far (nil: the firm cannot serve it); one per firm, so
    /// firms can be priced on different threads.
    final class Valued: @unchecked Sendable {
        var territories: [String: Territory?] = [:]
    }

    static func key(_ firm: Int, _ townships: [Int]) -> String {
        "\(firm):" + townships.map(String.init).joined(separator: ",")
    }

    /// Territories of one firm whose reduced cost is below `threshold`, valued (placements solved
    /// with GLPK) only where the bound allows a reduced cost that low.
    ///
    /// The bound on a branch (every superset S′ = S ∪ X the branch can reach, X among the
    /// townships E still allowed) is the larger of `−G_f − Σ_S μ − ν` and
    /// `−G(S) − Σ_S μ − ν + Σ_(t∈E) min(0, −G(t) − μ_t)`, where `G(·)` sums the firm's `cap_f`
    /// largest gains (a sum of largest gains over a union is at most the sums over its parts).
    /// With `limit`, the search stops once that many territories were found (partial pricing; a
    /// full search is needed to prove that none prices out).
    func enumerate(
        _ reach: FirmReach, mu: [Double], nu: Double, townshipRow: [Int: Int], threshold: Double,
        villagesOf: [[VillageIndex]], valued: Valued, solves: inout Int,
        limit: Int = .max
    ) throws -> [Territory] {
        try search(
            reach, mu: mu, nu: nu, townshipRow: townshipRow, threshold: threshold, villagesOf: villagesOf,
            valued: valued, solves: &solves, limit: limit, least: false
        ).found
    }

    /// The least reduced cost of one firm's territories, when below `threshold` (else `threshold`
    /// is returned), less the search's tolerance, so every territory of the firm has a reduced
    /// cost at least that: a full search whose threshold falls to each better territory found,
    /// so it prunes by the best so far. `found` holds the territories that lowered it, the least last.
    func leastReducedCost(
        _ reach: FirmReach, mu: [Double], nu: Double, townshipRow: [Int: Int], threshold: Double,
        villagesOf: [[VillageIndex]], valued: Valued, solves: inout Int
    ) throws -> (found: [Territory], least: Double) {
        try search(
            reach, mu: mu, nu: nu, townshipRow: townshipRow, threshold: threshold, villagesOf: villagesOf,
            valued: valued, solves: &solves, limit: .max, least: true)
    }

    private func search(
        _ reach: FirmReach, mu: [Double], nu: Double, townshipRow: [Int: Int], threshold: Double,
        villagesOf: [[VillageIndex]], valued: Valued, solves: inout Int,
        limit: Int, least: Bool
    ) throws -> (found: [Territory], least: Double) {
        let ts = reach.townships
        let position = Dictionary(uniqueKeysWithValues: ts.enumerated().map { ($1, $0) })
        let adjacency: [[Int]] = ts.map { t in p.townshipAdjacency[t].compactMap { position[$0] } }
        // Pricing needs no territory whose reduced cost is only just negative (a pivot's noise);
        // a bound must lose as little as the sums' rounding allows.
        let tolerance = (least ? 1e-11 : 1e-7) * max(1, abs(reach.bestGain))
        var threshold = threshold
        var found: [Territory] = []
        var failure: Error?
        // Per township: min(0, −G(t) − μ_t), what adding it can lower a reduced cost by at most.
        let payoff: [Double] = ts.indices.map { i in
            var gains = villagesOf[ts[i]].compactMap { reach.gain[$0] }
            if gains.count > reach.capacity {
                gains.sort(by: >)
                gains.removeLast(gains.count - reach.capacity)
            }
            return min(0, -gains.reduce(0, +) - mu[townshipRow[ts[i]]!])
        }
        // Suffix sums of the payoffs: the townships above an index (a branch only adds those).
        var payoffAbove = [Double](repeating: 0, count: ts.count + 1)
        for i in stride(from: ts.count - 1, through: 0, by: -1) { payoffAbove[i] = payoffAbove[i + 1] + payoff[i] }
        // Gains of a set's villages, for the set's own bound: the capacity largest.
        func setBound(_ set: [Int]) -> Double {
            var gains: [Double] = []
            for i in set { for v in villagesOf[ts[i]] { if let g = reach.gain[v] { gains.append(g) } } }
            if gains.count > reach.capacity {
                gains.sort(by: >)
                gains.removeLast(gains.count - reach.capacity)
            }
            return -gains.reduce(0, +)
        }
        func muSum(_ set: [Int]) -> Double { set.reduce(0) { $0 + mu[townshipRow[ts[$1]]!] } }
        ConnectedSets.enumerate(adjacency: adjacency) { set, excluded in
            guard failure == nil, found.count < limit else { return false }
            let dualPart = muSum(set) + nu
            let own = setBound(set)
            if own - dualPart < threshold - tolerance {
                let townships = set.map { ts[$0] }.sorted()
                let k = Self.key(reach.firm, townships)
                do {
                    let t: Territory?
                    if let cached = valued.territories[k] {
                        t = cached
                    } else {
                        t = try value(reach, townships, villagesOf: villagesOf, solves: &solves)
                        valued.territories[k] = t
                    }
                    if let t, t.value - dualPart < threshold - tolerance {
                        found.append(t)
                        if least { threshold = t.value - dualPart }
                    }
                } catch {
                    failure = error
                    return false
                }
            }
            // No superset can price below the threshold: stop growing this set.
            var allowed = payoffAbove[set[0] + 1]
            for i in set where i > set[0] { allowed -= payoff[i] }
            for i in excluded where i > set[0] { allowed -= payoff[i] }
            return max(-reach.bestGain, own + allowed) - dualPart < threshold - tolerance
        }
        if let failure { throw failure }
        return (found, threshold - tolerance)
    }

    // MARK: Valuing a territory

    /// The firm's best placement on `townships`, or `nil` when some township gets no village.
    func value(_ reach: FirmReach, _ townships: [Int], villagesOf: [[VillageIndex]], solves: inout Int) throws
        -> Territory?
    {
        var lp = LinearProgram(name: "territory", sense: .minimize)
        // Without conflicts or an outside cap the placement is a transportation problem with
        // nested township rows, whose basic optima are integral: x continuous then.
        let villagesHere = Set(townships.flatMap { villagesOf[$0] })
        let needsInteger =
            reach.units.contains { p.outsideCap[$0] != nil }
            || p.conflictsOfVillages(Array(villagesHere)).contains {
                villagesHere.contains(p.villageConflicts[$0].a) && villagesHere.contains(p.villageConflicts[$0].b)
            }
        var columns: [CandidateIndex] = []
        var byVillage: [VillageIndex: [Int]] = [:]
        var byUnit: [UnitIndex: [Int]] = [:]
        var outsideOf: [UnitIndex: [Int]] = [:]
        var byTownship: [Int: [Int]] = [:]
        var columnOf: [CandidateIndex: Int] = [:]
        for t in townships {
            for v in villagesOf[t] {
                for k in p.candidateRange[v] where reach.units.contains(p.candidates[k].unit) {
                    let c = p.candidates[k]
                    let j = lp.addVariable(
                        name: "x", bounds: .between(0, 1), kind: needsInteger ? .integer : .continuous,
                        objective: c.cost - p.uncoveredPenalty
                    ).index
                    columns.append(k)
                    columnOf[k] = j
                    byVillage[v, default: []].append(j)
                    byUnit[c.unit, default: []].append(j)
                    if p.outsideCap[c.unit] != nil && !p.inUnderResourcedCounty[v] {
                        outsideOf[c.unit, default: []].append(j)
                    }
                    byTownship[t, default: []].append(j)
                }
            }
            guard byTownship[t] != nil else { return nil }
        }
        func terms(_ js: [Int]) -> [(LinearProgram.Variable, Double)] {
            js.map { (LinearProgram.Variable(index: $0), 1) }
        }
        for v in byVillage.keys.sorted() {
            lp.addConstraint(name: "cover", terms: terms(byVillage[v]!), bounds: .atMost(1))
        }
        for a in byUnit.keys.sorted() where byUnit[a]!.count > p.totalCap[a] {
            lp.addConstraint(name: "cap", terms: terms(byUnit[a]!), bounds: .atMost(Double(p.totalCap[a])))
        }
        for a in outsideOf.keys.sorted() {
            if let o = p.outsideCap[a], outsideOf[a]!.count > o {
                lp.addConstraint(name: "outside", terms: terms(outsideOf[a]!), bounds: .atMost(Double(o)))
            }
        }
        for t in townships { lp.addConstraint(name: "served", terms: terms(byTownship[t]!), bounds: .atLeast(1)) }
        let villageSet = Set(byVillage.keys)
        for ci in p.conflictsOfVillages(Array(villageSet)) {
            let conflict = p.villageConflicts[ci]
            guard villageSet.contains(conflict.a), villageSet.contains(conflict.b) else { continue }
            var ofB: [UnitIndex: Int] = [:]
            for k in p.candidateRange[conflict.b] { if let j = columnOf[k] { ofB[p.candidates[k].unit] = j } }
            for k in p.candidateRange[conflict.a] {
                if let ja = columnOf[k], let jb = ofB[p.candidates[k].unit] {
                    lp.addConstraint(name: "conflict", terms: terms([ja, jb]), bounds: .atMost(1))
                }
            }
        }
        var o = options
        o.relativeGap = 0
        o.timeLimit = nil
        let s = try Solver.solve(lp, options: o)
        solves += 1
        guard s.status == .optimal, let objective = s.objective else { return nil }
        if !needsInteger && columns.indices.contains(where: { abs(s.values[$0] - s.values[$0].rounded()) > 1e-6 }) {
            // Not expected (the matrix is totally unimodular): value it again with integer x.
            var integral = lp
            for j in columns.indices { integral.setKind(LinearProgram.Variable(index: j), .integer) }
            let r = try Solver.solve(integral, options: o)
            solves += 1
            guard r.status == .optimal, let value = r.objective else { return nil }
            return Territory(
                firm: reach.firm, townships: townships, value: value,
                chosen: columns.indices.filter { r.values[$0] > 0.5 }.map { columns[$0] })
        }
        let chosen = columns.indices.filter { s.values[$0] > 0.5 }.map { columns[$0] }
        return Territory(firm: reach.firm, townships: townships, value: objective, chosen: chosen)
    }
}
