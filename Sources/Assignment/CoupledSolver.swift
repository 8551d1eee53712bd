import CounselModel
import Dispatch
import Foundation
import GLPK

/// Solves the models whose rows join more than single candidate pairs (the township model when
/// rebalancing, rebalancing) exactly: by the connected parts of the whole model, each solved
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
        var parts = Self.components(p)
        var results = try solveParts(p, parts, maxChanges: nil, started: started)
        var rounds = 1
        if let maxChanges {
            let changes = results.reduce(0) { $0 + ($1.changes ?? 0) }
            if changes > maxChanges {
                // The bound binds: one model, so it can trade changes between counties.
                progress?(tr("progress.wholeAfterChanges", ["changes": changes, "max": maxChanges]))
                parts = [(Array(p.villageIndices), Array(p.unitIndices))]
                results = try solveParts(p, parts, maxChanges: maxChanges, started: started)
                rounds = 2
            }
        }
        var rows = p.villageIndices.map { Plan.Row(village: $0, candidate: nil) }
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
            for (x, k) in r.model.xColumns where r.solution.values[x.index] > 0.5 {
                rows[p.candidates[k].village].candidate = k
            }
        }
        let objective = AssignmentSolver.objective(of: rows, in: p)
        let proven = status == .optimal && bound.isFinite
        let plan = Plan(
            problem: p, rows: rows, status: status, objective: objective,
            bound: proven ? min(bound, objective) : nil, seconds: elapsed(),
            decomposition: DecompositionStats(
                initialGroups: parts.count, finalGroups: parts.filter { !$0.villages.isEmpty }.count, rounds: rounds,
                solves: results.count, largestGroupVillages: largest, candidatePairs: p.candidates.count, crossPairs: 0)
        )
        return plan
    }

    /// Connected parts of the whole model: candidate pairs, and (township model) the villages of a
    /// township and the advisers of a firm.
    static func components(_ p: AssignmentProblem) -> [PartMembers] {
        var sets = VillageUnitSets(p)
        for c in p.candidates { sets.union(c.village, c.unit) }
        if p.settings.serviceModel == .township {
            var firstOfTownship: [Int: VillageIndex] = [:]
            for v in p.villageIndices {
                guard let t = p.townshipOfVillage[v] else { continue }
                if let w = firstOfTownship[t] { sets.union(v, w) } else { firstOfTownship[t] = v }
            }
            var firstOfFirm: [Int: UnitIndex] = [:]
            for a in p.unitIndices {
                guard let f = p.firmOfUnit[a] else { continue }
                if let b = firstOfFirm[f] { sets.union(a, b) } else { firstOfFirm[f] = a }
            }
        }
        let members = sets.allSets(p)
        return members.keys.sorted().map { members[$0]! }.filter { !$0.villages.isEmpty }
    }

    private func solveParts(
        _ p: AssignmentProblem, _ parts: [PartMembers], maxChanges: Int?,
        started: DispatchTime
    ) throws -> [PartResult] {
        let order = parts.indices.sorted { parts[$0].villages.count > parts[$1].villages.count }
        let me = self
        return try ParallelSolves.map(count: parts.count, threads: threads, order: order) { i in
            try me.solvePart(
                p, villages: parts[i].villages, units: parts[i].units, maxChanges: maxChanges, started: started)
        }
    }

    /// Solves one part: coverage and fewest changes when rebalancing, then the usual objective.
    /// (Stability has its own solver, ``StableSolver``.)
    func solvePart(
        _ p: AssignmentProblem, villages: [VillageIndex], units: [UnitIndex], maxChanges: Int?, started: DispatchTime
    ) throws -> PartResult {
        let rebalancing = villages.contains { p.previousID[$0] != nil }
        var integralX = false
        while true {
            let levels: [ObjectiveLevel] = (rebalancing ? [.coverageThenChanges] : []) + [.standard]
            var model = AssignmentModel(problem: p, villages: villages, units: units, name: "part")
            if p.settings.serviceModel == .township { model.addTownships(p) }
            if let maxChanges { model.addChangeLimit(p, limit: maxChanges) }
            // Township model: with the townships' firms (y) integral, what is left of x is a
            // transportation problem whose relaxation is integral, so x is first solved continuous
            // and made integer again only if it came out fractional.
            let relaxX = p.settings.serviceModel == .township && !integralX
            if relaxX {
                for (x, _) in model.xColumns { model.program.setKind(x, .continuous) }
            }
            var solution: Solution?
            for (i, level) in levels.enumerated() {
                model.setObjective(level, p)
                var options = self.options
                if let limit = timeLimit {
                    options.timeLimit = max(
                        5, limit - Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)
                }
                if level != .standard { options.relativeGap = 0 }  // whole-number levels are solved exactly
                let s = try Solver.solve(model.program, options: options)
                solution = s
                guard s.status == .optimal || s.status == .feasible, let value = s.objective else { break }
                if i < levels.count - 1 { model.keepLevel(level, p, atMost: value) }
            }
            if relaxX, let s = solution, !s.values.isEmpty,
                model.xColumns.contains(where: {
                    let v = s.values[$0.x.index]
                    return abs(v - v.rounded()) > 1e-6
                })
            {
                progress?(tr("progress.townshipFractional"))
                integralX = true
                continue
            }
            var final = PartResult(model: model, solution: solution!, blocking: nil, changes: nil)
            if rebalancing, !final.solution.values.isEmpty {
                let pairs = model.previousPairs(p)
                final.changes = pairs.count - pairs.keep.filter { final.solution.values[$0.index] > 0.5 }.count
            }
            return final
        }
    }
}
