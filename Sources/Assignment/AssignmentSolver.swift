import CounselModel
import Dispatch
import Foundation
import GLPK

/// Solves an ``AssignmentProblem`` exactly by decomposition, with GLPK.
///
/// The whole model (``AssignmentModel``) falls apart into groups that share no candidate pair.
/// Pairs across counties (paired support) would join most of a city into one group, and one
/// province-size GLPK model does not solve in time (../shared/GLPK-NOTES.md), so:
///
/// 1. Start from the groups of the county-local candidate graph; solve each group's integer
///    program with GLPK (in parallel), keeping the LP relaxation's duals.
/// 2. Price every pair that links two groups with those duals:
///    `rc = c_va − π(cover_v) − π(cap_a) − π(outside_a)`. With the groups' duals put together,
///    Σ LP bounds is a lower bound on the whole LP as long as no linking pair has `rc < 0`; a
///    whole solution that uses a linking pair costs at least Σ LP + rc. So when every linking
///    pair has `rc ≥ Σ objective − Σ LP bound` (the groups' integrality gap, usually 0), no plan that
///    uses one can beat the groups' plans put together, and those are optimal for the whole model.
/// 3. Otherwise merge the groups joined by each pair that fails the test and solve the merged
///    groups again; repeat. Groups only grow, so this ends, at worst with one whole model.
///
/// The result is the optimum of the whole model, the one ``exportWholeModel(_:to:)`` writes.
public struct AssignmentSolver: Sendable {
    /// GLPK options for every group (time limit is shared, see ``timeLimit``).
    public var options: SolverOptions
    /// Overall time limit in seconds, or `nil`.
    public var timeLimit: Double?
    /// Worker threads for group solves.
    public var threads: Int
    /// Receives one line per pricing round (for `--verbose`), or `nil`.
    public var progress: (@Sendable (String) -> Void)?
    /// Rebalancing: at most this many pairs of the previous plan may change (`--max-changes`).
    public var maxChanges: Int?

    /// Makes a solver.
    public init(
        options: SolverOptions = SolverOptions(), timeLimit: Double? = nil,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.options = options
        self.timeLimit = timeLimit
        self.threads = max(1, threads)
    }

    /// Solves the problem.
    ///
    /// - Throws: ``GLPKError`` if GLPK fails on a group (never for infeasibility: uncovered
    ///   villages are part of the plan).
    public func solve(_ p: AssignmentProblem) throws -> Plan {
        if p.settings.serviceModel == .township && !p.previousID.contains(where: { $0 != nil }) && maxChanges == nil {
            return try TownshipPartition(
                p: p, options: options, timeLimit: timeLimit, threads: threads, progress: progress
            ).solve()
        }
        if p.settings.stable && p.settings.serviceModel != .township {
            var stable = StableSolver(options: options, timeLimit: timeLimit, threads: threads, progress: progress)
            stable.maxChanges = maxChanges
            return try stable.solve(p)
        }
        if p.isCoupled || maxChanges != nil {
            return try CoupledSolver(options: options, timeLimit: timeLimit, threads: threads, progress: progress)
                .solve(p, maxChanges: maxChanges)
        }
        return try solveByPricedGroups(p)
    }

    /// The plain model: county-local groups solved by column generation, linking pairs priced
    /// with the groups' duals, and groups merged (warm, from the union of their bases and pairs)
    /// where a linking pair can improve the plan.
    func solveByPricedGroups(_ p: AssignmentProblem) throws -> Plan {
        var run = PricedGroups(p, solver: self)
        let initialGroupCount = run.masters.count
        var proven = true
        var lowerBound: Double?
        while true {
            run.rounds += 1
            try run.solvePending()
            let objectiveSum = run.masters.values.reduce(0.0) { $0 + $1.objective }
            let lpSum = run.masters.values.reduce(0.0) { $0 + $1.relaxation }
            if run.masters.values.contains(where: { !$0.optimal }) {
                proven = false
                // Stopped (time limit, Ctrl-C) before any pricing: without support pairs the groups are
                // independent, so their own bounds add up to a bound of the whole model.
                let bounds = run.masters.values.map(\.bound)
                if lowerBound == nil && !p.candidates.contains(where: \.isSupport) && bounds.allSatisfy(\.isFinite) {
                    lowerBound = bounds.reduce(0, +)
                }
                break
            }
            run.reportRound(objective: objectiveSum, bound: lpSum)
            // Price the pairs that link two groups (or a group and an adviser outside every group).
            let threshold = max(0, objectiveSum - lpSum) - (1e-6 + 1e-9 * abs(objectiveSum))
            let priced = run.priceLinkingPairs(threshold: threshold)
            // Lagrangian bound: the groups' duals priced every pair; each village takes one.
            lowerBound = lpSum + priced.mostNegativeSum
            if priced.merges.isEmpty { break }
            if (timeLimit.map { run.elapsed() > $0 } ?? false) || (options.interrupt?.isRequested ?? false) {
                proven = false
                break
            }
            run.merge(priced.merges)
        }
        return run.plan(proven: proven, lowerBound: lowerBound, initialGroups: initialGroupCount)
    }

    /// The whole model's objective for a plan: M per uncovered village plus the chosen pairs' costs.
    public static func objective(of rows: [Plan.Row], in p: AssignmentProblem) -> Double {
        rows.reduce(0.0) { sum, row in sum + (row.candidate.map { p.candidates[$0].cost } ?? p.uncoveredPenalty) }
    }

    /// Builds the single model of the whole scenario, the one whose optimum the plan claims.
    ///
    /// With stability, townships or rebalancing the optimum is lexicographic (README); the model
    /// written is the last level's: stability rows as hard rows (a stable plan is assumed to
    /// exist), townships, and the usual objective.
    public static func wholeModel(_ p: AssignmentProblem, maxChanges: Int? = nil) -> LinearProgram {
        if p.settings.stable && p.settings.serviceModel != .township {
            // The stable model the solver solves, with every row and the usual objective (M·u + Σ c·x).
            var model = StableModel(
                p, villages: Array(p.villageIndices), units: Array(p.unitIndices),
                allowBlocking: false, openRows: .all, name: "village_counsel_assignment")
            if let maxChanges { model.limitChanges(p, to: maxChanges) }
            return model.program
        }
        var model = AssignmentModel(
            problem: p, villages: Array(p.villageIndices), units: Array(p.unitIndices),
            name: "village_counsel_assignment")
        if p.settings.serviceModel == .township { model.addTownships(p) }
        if let maxChanges { model.addChangeLimit(p, limit: maxChanges) }
        return model.program
    }

    /// Writes the whole model in CPLEX LP format (re-solve it with `glpsol --lp FILE`).
    public static func exportWholeModel(_ p: AssignmentProblem, to url: URL) throws {
        try Solver.writeCPLEXLP(wholeModel(p), to: url)
    }
}

/// The state of ``AssignmentSolver/solveByPricedGroups(_:)``: the groups (restricted masters by
/// their union-find root), which of them must be solved again, and the figures for the summary.
private struct PricedGroups {
    let p: AssignmentProblem
    let solver: AssignmentSolver
    let started = DispatchTime.now()
    /// Villages and units joined by the pairs of their group.
    var sets: VillageUnitSets
    var masters: [Int: RestrictedMaster] = [:]
    /// Roots of the groups to solve in the next round.
    var pending: Set<Int>
    /// The group root of each unit in the round being priced, −1 outside every group.
    var groupOf: [Int32] = []
    var rounds = 0, solves = 0, largest = 0, crossPairs = 0

    /// A pair linking two groups whose reduced cost `rc` fails the test.
    typealias Merge = (village: VillageIndex, candidate: CandidateIndex, rc: Double)

    /// The groups of the county-local candidate graph.
    init(_ p: AssignmentProblem, solver: AssignmentSolver) {
        self.p = p
        self.solver = solver
        sets = VillageUnitSets(p)
        for c in p.candidates where !c.isSupport { sets.union(c.village, c.unit) }
        for (root, m) in sets.groups(p) { masters[root] = RestrictedMaster(villages: m.villages, units: m.units) }
        pending = Set(masters.keys)
    }

    func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }

    /// Solves the pending groups in parallel, largest first.
    mutating func solvePending() throws {
        groupOf = [Int32](repeating: -1, count: p.units.count)
        for (root, m) in masters { for a in m.units { groupOf[a] = Int32(root) } }
        let order = pending.sorted { (masters[$0]!.villages.count, $1) > (masters[$1]!.villages.count, $0) }
        var options = solver.options
        if let limit = solver.timeLimit { options.timeLimit = max(0.5, limit - elapsed()) }
        let solverOptions = options
        let work = order.map { masters[$0]! }
        let frozenGroupOf = groupOf
        let p = self.p
        let solved = try ParallelSolves.map(count: work.count, threads: solver.threads) { i in
            var m = work[i]
            let root = Int32(order[i])
            try m.solve(p, options: solverOptions, inGroup: { frozenGroupOf[$0] == root })
            return m
        }
        for (root, m) in zip(order, solved) {
            masters[root] = m
            solves += m.solves
            largest = max(largest, m.villages.count)
        }
    }

    /// One `--verbose` line for the round just solved.
    func reportRound(objective: Double, bound: Double) {
        guard let progress = solver.progress else { return }
        let solved = pending.compactMap { masters[$0] }
        progress(
            tr(
                "progress.round",
                [
                    "round": rounds, "groups": solved.count,
                    "largest": solved.map(\.villages.count).max() ?? 0,
                    "solves": solved.reduce(0) { $0 + $1.solves },
                    "objective": String(format: "%.3f", objective),
                    "bound": String(format: "%.3f", bound), "seconds": String(format: "%.2f", elapsed()),
                ]))
    }

    /// Prices every pair that links two groups with the groups' duals: the pairs whose reduced
    /// cost is below `threshold`, and the sum over villages of each one's most negative one.
    mutating func priceLinkingPairs(
        threshold: Double
    ) -> (merges: [Merge], mostNegativeSum: Double) {
        var merges: [Merge] = []
        var mostNegative = [Double](repeating: 0, count: p.villages.count)
        crossPairs = 0
        for (offset, c) in p.candidates.enumerated() {
            let gv = sets.find(c.village)
            let ga = Int(groupOf[c.unit])
            guard ga != gv else { continue }
            crossPairs += 1
            let vm = masters[gv]!
            var rc = c.cost - vm.coverDual[vm.villagePosition(c.village)!]
            if ga >= 0, let am = masters[ga], let ap = am.unitPosition(c.unit) {
                rc -= am.capDual[ap]
                if !p.inUnderResourcedCounty[c.village] { rc -= am.outsideDual[ap] }
            }
            mostNegative[c.village] = min(mostNegative[c.village], rc)
            if rc < threshold { merges.append((c.village, CandidateIndex(offset), rc)) }
        }
        return (merges, mostNegative.reduce(0, +))
    }

    /// Merges the groups joined by the failing pairs, keeping each group's pairs and basis, plus
    /// the linking pairs that failed. Every failing pair joins its two groups; only each village's
    /// few most negative ones enter the merged model at once (column generation prices in the rest
    /// as needed).
    mutating func merge(_ merges: [Merge]) {
        var linking: [Int: [CandidateIndex]] = [:]  // old village root → linking candidates to add
        let endpoints = merges.map { m in (sets.find(m.village), sets.find(p.candidates[m.candidate].unit)) }
        var byVillage: [VillageIndex: [(Double, CandidateIndex)]] = [:]
        for m in merges { byVillage[m.village, default: []].append((m.rc, m.candidate)) }
        for v in byVillage.keys.sorted() {
            for (_, k) in byVillage[v]!.sorted(by: <).prefix(6) { linking[sets.find(v), default: []].append(k) }
        }
        for (rv, ra) in endpoints { sets.union(roots: rv, ra) }
        var byNewRoot: [Int: [Int]] = [:]
        for root in masters.keys { byNewRoot[sets.find(root: root), default: []].append(root) }
        let groupMembers = sets.groups(p)
        for (newRoot, oldRoots) in byNewRoot
        where oldRoots.count > 1 || groupMembers[newRoot]!.units.count != masters[oldRoots[0]]!.units.count {
            var merged = RestrictedMaster(merging: oldRoots.sorted().map { masters[$0]! })
            merged.villages = groupMembers[newRoot]!.villages
            merged.units = groupMembers[newRoot]!.units
            var seen = Set(merged.present)
            for old in oldRoots.sorted() {
                for k in linking[old] ?? [] where seen.insert(k).inserted { merged.present.append(k) }
            }
            for old in oldRoots { masters[old] = nil }
            masters[newRoot] = merged
            pending.insert(newRoot)
        }
        pending = pending.filter { masters[$0] != nil }
        for root in pending { masters[root]!.solves = 0 }
    }

    /// The groups' plans put together.
    func plan(proven: Bool, lowerBound: Double?, initialGroups: Int) -> Plan {
        var rows = p.villageIndices.map { Plan.Row(village: $0, candidate: nil) }
        for m in masters.values {
            for (i, v) in m.villages.enumerated() {
                rows[v].candidate = m.chosen.indices.contains(i) ? m.chosen[i] : nil
            }
        }
        let objective = AssignmentSolver.objective(of: rows, in: p)
        let status: SolveStatus =
            proven ? .optimal : (masters.values.contains { $0.status == .timeLimit } ? .timeLimit : .feasible)
        let bound: Double?
        if proven {
            bound = masters.values.reduce(0.0) { $0 + $1.bound }
        } else {
            bound = lowerBound.map { min($0, objective) }
        }
        return Plan(
            problem: p, rows: rows, status: status,
            objective: objective, bound: bound, seconds: elapsed(),
            decomposition: DecompositionStats(
                initialGroups: initialGroups, finalGroups: masters.count, rounds: rounds, solves: solves,
                largestGroupVillages: largest, candidatePairs: p.candidates.count, crossPairs: crossPairs))
    }
}

/// Disjoint sets with path halving and union by size.
struct UnionFind {
    private var parent: [Int]
    private var size: [Int]

    init(count: Int) {
        parent = Array(0..<count)
        size = [Int](repeating: 1, count: count)
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        var ra = find(a), rb = find(b)
        guard ra != rb else { return }
        if size[ra] < size[rb] || (size[ra] == size[rb] && ra > rb) { swap(&ra, &rb) }
        parent[rb] = ra
        size[ra] += size[rb]
    }
}

/// The villages and units of a part of a problem (a group, a part, a component), ascending.
typealias PartMembers = (villages: [VillageIndex], units: [UnitIndex])

/// Disjoint sets of a problem's villages and units, joined by candidate pairs (and, in the township
/// model, by township and firm). Villages and units share one numbering of roots.
struct VillageUnitSets {
    private var sets: UnionFind
    private let villageCount: Int

    /// Every village and unit of `p` on its own.
    init(_ p: AssignmentProblem) {
        villageCount = p.villages.count
        sets = UnionFind(count: villageCount + p.units.count)
    }

    /// The root of a village's set.
    mutating func find(_ v: VillageIndex) -> Int { sets.find(v.rawValue) }
    /// The root of a unit's set.
    mutating func find(_ u: UnitIndex) -> Int { sets.find(villageCount + u.rawValue) }
    /// Joins a village and a unit.
    mutating func union(_ v: VillageIndex, _ u: UnitIndex) { sets.union(v.rawValue, villageCount + u.rawValue) }
    /// Joins two villages.
    mutating func union(_ v: VillageIndex, _ w: VillageIndex) { sets.union(v.rawValue, w.rawValue) }
    /// Joins two units.
    mutating func union(_ u: UnitIndex, _ w: UnitIndex) {
        sets.union(villageCount + u.rawValue, villageCount + w.rawValue)
    }
    /// The root of the set that holds root (or element) `r`.
    mutating func find(root r: Int) -> Int { sets.find(r) }
    /// Joins the sets of two roots.
    mutating func union(roots a: Int, _ b: Int) { sets.union(a, b) }

    /// The sets that hold villages, by root. Units joined to no village stay outside every set (in
    /// the plain model their duals are zero until a linking pair brings them in).
    mutating func groups(_ p: AssignmentProblem) -> [Int: PartMembers] {
        var m: [Int: PartMembers] = [:]
        for v in p.villageIndices { m[find(v), default: ([], [])].villages.append(v) }
        for a in p.unitIndices {
            let r = find(a)
            if m[r] != nil { m[r]!.units.append(a) }
        }
        return m
    }

    /// Every set, by root, with the villages and units in it (empty ones included).
    mutating func allSets(_ p: AssignmentProblem) -> [Int: PartMembers] {
        var m: [Int: PartMembers] = [:]
        for v in p.villageIndices { m[find(v), default: ([], [])].villages.append(v) }
        for a in p.unitIndices { m[find(a), default: ([], [])].units.append(a) }
        return m
    }
}
