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
    public init(options: SolverOptions = SolverOptions(), timeLimit: Double? = nil,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.options = options
        self.timeLimit = timeLimit
        self.threads = max(1, threads)
    }

    /// Solves the problem.
    ///
    /// - Throws: ``GLPKError`` if GLPK fails on a group (never for infeasibility: uncovered
    ///   villages are part of the plan).
    public func solve(_ p: AssignmentProblem) throws -> Plan {
        if p.isCoupled || maxChanges != nil {
            return try CoupledSolver(options: options, timeLimit: timeLimit, threads: threads, progress: progress)
                .solve(p, maxChanges: maxChanges)
        }
        let started = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }

        // Initial groups: connected components over local (same-county) pairs.
        var groups = UnionFind(count: p.villages.count + p.advisers.count)
        for c in p.candidates where !c.isSupport { groups.union(c.village, p.villages.count + c.adviser) }
        let initialGroupCount = Set(p.villages.indices.map { groups.find($0) }).count

        var solved: [Int: GroupResult] = [:]   // keyed by the group's root
        var rounds = 0, solves = 0, largest = 0
        var crossPairs = 0
        var status = SolveStatus.optimal
        var proven = true
        while true {
            rounds += 1
            // Collect groups that need a (re)solve.
            var members: [Int: (villages: [Int], advisers: [Int])] = [:]
            for v in p.villages.indices { members[groups.find(v), default: ([], [])].villages.append(v) }
            for a in p.advisers.indices { members[groups.find(p.villages.count + a), default: ([], [])].advisers.append(a) }
            let pending = members.keys.filter { solved[$0] == nil }.sorted()
            let remaining = timeLimit.map { max(0.5, $0 - elapsed()) }
            let results = try solveGroups(p, pending.map { members[$0]! }, remaining: remaining)
            solves += pending.count
            for (root, result) in zip(pending, results) {
                solved[root] = result
                largest = max(largest, result.villageCount)
            }
            solved = solved.filter { members[$0.key] != nil }
            let largestPending = pending.map { members[$0]!.villages.count }.max() ?? 0

            if solved.values.contains(where: {
                $0.solution.status != .optimal || $0.solution.duals.count != $0.model.program.constraintCount
            }) {
                status = solved.values.contains(where: { $0.solution.status == .timeLimit }) ? .timeLimit : .feasible
                proven = false
                break
            }
            // Pricing of the pairs that link two groups.
            let objectiveSum = solved.keys.sorted().reduce(0.0) { $0 + solved[$1]!.solution.objective! }
            let lpSum = solved.keys.sorted().reduce(0.0) { $0 + solved[$1]!.solution.relaxationObjective! }
            // A linking pair can only improve the plan if its reduced cost is below the groups'
            // integrality gap; the small tolerance absorbs GLPK's own (relative 1e-7) tolerances.
            let threshold = max(0, objectiveSum - lpSum) - (1e-6 + 1e-9 * abs(objectiveSum))
            progress?(String(format: "round %d: %d group(s) solved (largest %d villages), objective %.3f, relaxation bound %.3f",
                             rounds, pending.count, largestPending, objectiveSum, lpSum))
            var merges: [(Int, Int)] = []
            crossPairs = 0
            for c in p.candidates {
                let gv = groups.find(c.village), ga = groups.find(p.villages.count + c.adviser)
                guard gv != ga else { continue }
                crossPairs += 1
                let vg = solved[gv]!, ag = solved[ga]!
                var rc = c.cost - vg.dual(coverOf: c.village)
                rc -= ag.dual(capOf: c.adviser)
                if !p.inUnderResourcedCounty[c.village] { rc -= ag.dual(outsideOf: c.adviser) }
                if rc < threshold { merges.append((gv, ga)) }
            }
            if merges.isEmpty { break }
            for (a, b) in merges {
                // Both old groups' results are stale once they are one group.
                solved[groups.find(a)] = nil
                solved[groups.find(b)] = nil
                groups.union(a, b)
            }
            if let limit = timeLimit, elapsed() > limit {
                status = .feasible
                proven = false
                break
            }
        }

        // Assemble the plan.
        var rows = p.villages.indices.map { Plan.Row(village: $0, candidate: nil) }
        var objective = 0.0
        var bound = 0.0
        for root in solved.keys.sorted() {
            let g = solved[root]!
            objective += g.solution.objective ?? 0
            bound += g.solution.bound ?? -.infinity
            guard !g.solution.values.isEmpty else { continue }
            for (column, k) in g.model.candidateOfColumn.enumerated() where g.solution.values[column] > 0.5 {
                rows[p.candidates[k].village].candidate = k
            }
        }
        if !proven && status == .feasible {
            // Recompute the objective from the plan itself.
            objective = Self.objective(of: rows, in: p)
        }
        return Plan(
            problem: p, rows: rows, status: status, objective: objective,
            bound: proven && bound.isFinite ? bound : nil, seconds: elapsed(),
            decomposition: DecompositionStats(
                initialGroups: initialGroupCount, finalGroups: solved.values.filter { $0.villageCount > 0 }.count, rounds: rounds, solves: solves,
                largestGroupVillages: largest, candidatePairs: p.candidates.count, crossPairs: crossPairs))
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
        var model = AssignmentModel(problem: p, villages: Array(p.villages.indices), advisers: Array(p.advisers.indices),
                                    name: "village_counsel_assignment")
        if p.settings.stable { model.addStability(p, allowBlocking: false) }
        if p.settings.serviceModel == .township { model.addTownships(p) }
        if let maxChanges { model.addChangeLimit(p, limit: maxChanges) }
        return model.program
    }

    /// Writes the whole model in CPLEX LP format (re-solve it with `glpsol --lp FILE`).
    public static func exportWholeModel(_ p: AssignmentProblem, to url: URL) throws {
        try Solver.writeCPLEXLP(wholeModel(p), to: url)
    }

    // MARK: Group solves

    struct GroupResult: @unchecked Sendable {
        var model: AssignmentModel
        var solution: Solution
        var villageCount: Int

        func dual(coverOf v: Int) -> Double { model.coverRow[v].map { solution.duals[$0] } ?? 0 }
        func dual(capOf a: Int) -> Double { model.capRow[a].map { solution.duals[$0] } ?? 0 }
        func dual(outsideOf a: Int) -> Double { model.outsideRow[a].map { solution.duals[$0] } ?? 0 }
    }

    private func solveGroups(
        _ p: AssignmentProblem, _ groups: [(villages: [Int], advisers: [Int])], remaining: Double?
    ) throws -> [GroupResult] {
        var options = self.options
        options.timeLimit = remaining
        let solverOptions = options
        // Largest groups first, so the workers finish together.
        let order = groups.indices.sorted { groups[$0].villages.count > groups[$1].villages.count }
        return try ParallelSolves.map(count: groups.count, threads: threads, order: order) { i in
            let g = groups[i]
            let model = AssignmentModel(problem: p, villages: g.villages, advisers: g.advisers, name: "group")
            // Advisers with no village to serve form empty groups: nothing to solve, every dual is zero.
            let solution = model.program.constraintCount == 0
                ? Solution(status: .optimal, objective: 0, bound: 0, relaxationObjective: 0, values: [], duals: [], isMIP: false)
                : try Solver.solve(model.program, options: solverOptions)
            return GroupResult(model: model, solution: solution, villageCount: g.villages.count)
        }
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
