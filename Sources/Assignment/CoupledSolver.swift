import CounselModel
import Dispatch
import Foundation
import GLPK

/// Solves the models whose rows join more than single candidate pairs (stable two-way selection,
/// the township model, rebalancing) exactly: by the connected parts of the whole model, each solved
/// whole by GLPK, with lexicographic objectives solved one after another.
///
/// Every row of those models stays inside one part: a stability row joins a village's candidates
/// and an adviser's candidates; a township row joins the villages of a township and the advisers of
/// a firm. So the parts are independent and the plan is the optimum of the whole model. A global
/// `--max-changes` bound joins all parts: when the parts' own minimal changes already keep within
/// it, they stand (the bound does not bind); otherwise the whole scenario is solved as one model.
struct CoupledSolver {
    var options: SolverOptions
    var timeLimit: Double?
    var threads: Int
    var progress: (@Sendable (String) -> Void)?

    /// What one part's solve gave.
    struct PartResult: @unchecked Sendable {
        var model: AssignmentModel
        var solution: Solution
        /// Σ b when no stable plan exists in this part (0 when stable), `nil` when stability is off.
        var blocking: Int?
        var changes: Int?
    }

    func solve(_ p: AssignmentProblem, maxChanges: Int?) throws -> Plan {
        let started = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        var parts = components(p)
        var results = try solveParts(p, parts, maxChanges: nil, started: started)
        var rounds = 1
        if let maxChanges {
            let changes = results.reduce(0) { $0 + ($1.changes ?? 0) }
            if changes > maxChanges {
                // The bound binds: one model, so it can trade changes between counties.
                progress?("the parts need \(changes) changes, more than --max-changes \(maxChanges): solving the whole scenario as one model")
                parts = [(Array(p.villages.indices), Array(p.advisers.indices))]
                results = try solveParts(p, parts, maxChanges: maxChanges, started: started)
                rounds = 2
            }
        }
        var rows = p.villages.indices.map { Plan.Row(village: $0, candidate: nil) }
        var bound = 0.0
        var status = SolveStatus.optimal
        var largest = 0
        for (part, r) in zip(parts, results) {
            largest = max(largest, part.villages.count)
            switch r.solution.status {
            case .optimal: break
            case .feasible, .timeLimit: if status == .optimal || status == .feasible { status = r.solution.status }
            case .infeasible, .unbounded: status = r.solution.status
            }
            bound += r.solution.bound ?? -.infinity
            guard !r.solution.values.isEmpty else { continue }
            for (column, k) in r.model.candidateOfColumn.enumerated() where r.solution.values[column] > 0.5 {
                rows[p.candidates[k].village].candidate = k
            }
        }
        let objective = AssignmentSolver.objective(of: rows, in: p)
        let proven = status == .optimal && bound.isFinite
        var plan = Plan(
            problem: p, rows: rows, status: status, objective: objective,
            bound: proven ? min(bound, objective) : nil, seconds: elapsed(),
            decomposition: DecompositionStats(
                initialGroups: parts.count, finalGroups: parts.filter { !$0.villages.isEmpty }.count, rounds: rounds,
                solves: results.count, largestGroupVillages: largest, candidatePairs: p.candidates.count, crossPairs: 0))
        if p.settings.stable {
            // Unknown (nil) when the time limit stopped a part before its stability was settled.
            plan.stableExists = results.contains { $0.blocking == nil } ? nil : results.allSatisfy { $0.blocking == 0 }
        }
        return plan
    }

    /// Connected parts of the whole model: candidate pairs, and (township model) the villages of a
    /// township and the advisers of a firm.
    func components(_ p: AssignmentProblem) -> [(villages: [Int], advisers: [Int])] {
        let nv = p.villages.count
        var sets = UnionFind(count: nv + p.advisers.count)
        for c in p.candidates { sets.union(c.village, nv + c.adviser) }
        if p.settings.serviceModel == .township {
            var firstOfTownship: [Int: Int] = [:]
            for v in p.villages.indices {
                guard let t = p.townshipOfVillage[v] else { continue }
                if let w = firstOfTownship[t] { sets.union(v, w) } else { firstOfTownship[t] = v }
            }
            var firstOfFirm: [Int: Int] = [:]
            for a in p.advisers.indices {
                guard let f = p.firmOfUnit[a] else { continue }
                if let b = firstOfFirm[f] { sets.union(nv + a, nv + b) } else { firstOfFirm[f] = a }
            }
        }
        var members: [Int: (villages: [Int], advisers: [Int])] = [:]
        for v in p.villages.indices { members[sets.find(v), default: ([], [])].villages.append(v) }
        for a in p.advisers.indices { members[sets.find(nv + a), default: ([], [])].advisers.append(a) }
        return members.keys.sorted().map { members[$0]! }.filter { !$0.villages.isEmpty }
    }

    private func solveParts(_ p: AssignmentProblem, _ parts: [(villages: [Int], advisers: [Int])], maxChanges: Int?,
                            started: DispatchTime) throws -> [PartResult] {
        let order = parts.indices.sorted { parts[$0].villages.count > parts[$1].villages.count }
        let me = self
        return try ParallelSolves.map(count: parts.count, threads: threads, order: order) { i in
            try me.solvePart(p, villages: parts[i].villages, advisers: parts[i].advisers, maxChanges: maxChanges, started: started)
        }
    }

    /// Solves one part: stable if it can be (else fewest blocking pairs first), then coverage and
    /// fewest changes when rebalancing, then the usual objective.
    ///
    /// Stability rows are generated as needed: solve with the rows found so far, add the rows of
    /// the pairs that block the solution, and solve again until none does. Every row is valid for
    /// the whole model, so the last solution — which breaks no row at all — is optimal for the model
    /// with every row, at a fraction of its size.
    func solvePart(_ p: AssignmentProblem, villages: [Int], advisers: [Int], maxChanges: Int?, started: DispatchTime) throws -> PartResult {
        let rebalancing = villages.contains { p.previousID[$0] != nil }
        var allowBlocking = false
        var rows: [Int] = []          // candidate pairs with a stability row
        var withRow = Set<Int>()
        var solves = 0
        var integralX = false
        var lastGood: PartResult?   // the last round's plan (stability rows still missing)
        while true {
            let levels: [ObjectiveLevel] = (allowBlocking ? [.blocking] : []) + (rebalancing ? [.coverageThenChanges] : []) + [.standard]
            var model = AssignmentModel(problem: p, villages: villages, advisers: advisers, name: "part")
            if p.settings.stable { model.addStabilityRows(p, pairs: rows, allowBlocking: allowBlocking) }
            if p.settings.serviceModel == .township { model.addTownships(p) }
            if let maxChanges { model.addChangeLimit(p, limit: maxChanges) }
            // Township model: with the townships' firms (y) integral, what is left of x is mostly
            // a transportation problem whose relaxation is integral, so x is first solved
            // continuous — far fewer branches — and made integer again only if it came out
            // fractional. Either way the result is the integer optimum.
            let relaxX = p.settings.serviceModel == .township && !integralX
            if relaxX { for column in model.candidateOfColumn.indices { model.program.setKind(LinearProgram.Variable(index: column), .continuous) } }
            var solution: Solution?
            var blocking: Int? = p.settings.stable ? 0 : nil
            var restart = false
            for (i, level) in levels.enumerated() {
                model.setObjective(level, p)
                var options = self.options
                if let limit = timeLimit {
                    // A part with no plan yet gets a few seconds even past the limit, so that it
                    // ends with a plan rather than none.
                    options.timeLimit = max(lastGood == nil ? 5 : 0.5, limit - Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)
                }
                if level != .standard { options.relativeGap = 0 }   // whole-number levels are solved exactly
                let s = try Solver.solve(model.program, options: options)
                solves += 1
                if s.status == .infeasible && p.settings.stable && !allowBlocking && i == 0 {
                    // No stable plan here (conflicts, or an outside cap): minimise blocking pairs first.
                    progress?("no stable plan exists for \(villages.count) villages: minimising blocking pairs")
                    allowBlocking = true
                    restart = true
                    break
                }
                solution = s
                guard s.status == .optimal || s.status == .feasible, let value = s.objective else { break }
                if level == .blocking { blocking = Int(value.rounded()) }
                if i < levels.count - 1 { model.keepLevel(level, p, atMost: value) }
            }
            if restart { continue }
            if let lastGood, solution?.values.isEmpty ?? true {
                // Out of time in a later round: the last plan found stands, its stability unproven.
                var fallback = lastGood
                fallback.blocking = nil
                fallback.solution.status = .feasible
                fallback.solution.bound = nil
                return fallback
            }
            if relaxX, let s = solution, !s.values.isEmpty,
               model.candidateOfColumn.indices.contains(where: { let v = s.values[$0]; return abs(v - v.rounded()) > 1e-6 }) {
                progress?("township model: the relaxed assignment came out fractional; solving with integer x")
                integralX = true
                continue
            }
            let result = PartResult(model: model, solution: solution!, blocking: blocking, changes: nil)
            if p.settings.stable, !result.solution.values.isEmpty {
                var assigned = [Int?](repeating: nil, count: p.villages.count)
                for (column, k) in model.candidateOfColumn.enumerated() where result.solution.values[column] > 0.5 { assigned[p.candidates[k].village] = k }
                let fresh = p.blockingCandidates(assigned, villages: villages).filter { !withRow.contains($0) }
                let timeUp = timeLimit.map { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 >= $0 } ?? false
                if !fresh.isEmpty && timeUp {
                    // Out of time with pairs still blocking: the plan stands as found, unproven.
                    var unproven = result
                    unproven.blocking = nil
                    unproven.solution.status = .feasible
                    unproven.solution.bound = nil
                    return unproven
                }
                if !fresh.isEmpty {
                    lastGood = result
                    progress?("stability: \(fresh.count) blocking pair(s) found in a part of \(villages.count) villages after \(solves) solve(s); adding their rows")
                    rows += fresh
                    withRow.formUnion(fresh)
                    continue
                }
            }
            var final = result
            if rebalancing, !final.solution.values.isEmpty {
                let pairs = model.previousPairs(p)
                final.changes = pairs.count - pairs.keep.filter { final.solution.values[$0.index] > 0.5 }.count
            }
            return final
        }
    }
}
