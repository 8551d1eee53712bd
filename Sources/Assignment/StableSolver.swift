import CounselModel
import Dispatch
import Foundation
import GLPK

/// Solves two-way selection with stability (`stable: true`) exactly, part by part: maximum coverage
/// among weakly stable plans, then the usual objective; when no stable plan exists, the fewest
/// blocking pairs first (each level a separate solve, kept as a row for the next).
///
/// Per part:
/// 1. exact reductions delete pairs that are in no weakly stable plan (``StableReductions``);
/// 2. deferred acceptance with many random tie-breakings gives stable plans, the best of which is
///    GLPK's first incumbent;
/// 3. the compact model (``StableModel``) with every stability row is solved level by level. The
///    rows of unranked pairs only bind for an uncovered village, so they are written for the
///    villages that can be uncovered and added for any other village a solution leaves uncovered
///    and that then blocks (each row is valid, so the last solution is optimal with all of them).
struct StableSolver {
    var options: SolverOptions
    var timeLimit: Double?
    var threads: Int
    var progress: (@Sendable (String) -> Void)?
    /// Deferred-acceptance runs with random tie-breaking for the incumbent.
    var heuristicRuns = 40
    /// Rebalancing: at most this many pairs of the previous plan may change (`--max-changes`).
    var maxChanges: Int?
    /// A connected part of the whole model with at most this many villages is solved whole;
    /// larger ones (a city joined by support) by county, merged where a pair across them blocks.
    var wholePartVillages = 600
    /// Each level of one window of the improvement search (``improveByWindows``) gets at most
    /// this many branch-and-bound nodes (the same plan on any machine)…
    var windowNodes = 20
    /// …and, under a time limit, at most this long.
    var windowSeconds = 20.0
    /// Passes of the cost search over the townships once the blocking pairs are settled.
    var costPasses = 1
    /// A window around one blocking pair frees at most this many villages…
    var pairWindowVillages = 60
    /// …and each of its levels, under a time limit, at most this long.
    var pairWindowSeconds = 5.0

    struct PartResult: Sendable {
        var chosen: [VillageIndex: CandidateIndex?]
        /// Pairs of the previous plan changed (rebalancing), when solved.
        var changes: Int? = nil
        var status: SolveStatus
        var bound: Double?
        /// Blocking pairs proven minimal (0 when a stable plan exists), `nil` when not settled.
        var blocking: Int?
        var solves: Int
        /// Blocking pairs of the part's villages that every plan of the whole problem has at least
        /// (``StableRelaxation``), when the part was too big to settle whole.
        var blockingLowerBound: Int? = nil
    }

    func solve(_ p: AssignmentProblem) throws -> Plan {
        let started = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        let nv = p.villages.count
        var sets = initialParts(p)
        var crossParts = false
        var parts = sets.groups(p)
        var pending = Set(parts.keys)
        if debugTiming {
            FileHandle.standardError.write(
                "stable parts: \(parts.values.map(\.villages.count).sorted(by: >).prefix(20))\n".data(using: .utf8)!)
        }
        var rounds = 0
        var results: [Int: PartResult] = [:]
        while true {
            rounds += 1
            let order = pending.sorted { (parts[$0]!.villages.count, $1) > (parts[$1]!.villages.count, $0) }
            let me = self
            let work = order.map { parts[$0]! }
            let solved = try ParallelSolves.map(count: work.count, threads: threads) { i in
                try me.solvePart(
                    p, villages: work[i].villages, units: work[i].units, limit: nil, started: started)
            }
            for (root, r) in zip(order, solved) { results[root] = r }
            // Pairs across parts that block (an uncovered village, an adviser with room): merge.
            var assigned = [CandidateIndex?](repeating: nil, count: nv)
            for r in results.values { for (v, k) in r.chosen { assigned[v] = k } }
            let blocking = p.blockingCandidates(assigned, villages: Array(p.villageIndices)).filter {
                sets.find(p.candidates[$0].village) != sets.find(p.candidates[$0].unit)
            }
            crossParts = crossParts || p.candidates.contains { sets.find($0.village) != sets.find($0.unit) }
            if blocking.isEmpty { break }
            if (timeLimit.map { elapsed() > $0 } ?? false) || (options.interrupt?.isRequested ?? false) { break }
            progress?(tr("progress.stability.across", ["count": blocking.count]))
            for k in blocking { sets.union(p.candidates[k].village, p.candidates[k].unit) }
            let newParts = sets.groups(p)
            (results, pending) = Self.keepUnchanged(results, old: parts, new: newParts)
            parts = newParts
        }
        var finalParts = parts
        if let maxChanges, results.values.reduce(0, { $0 + ($1.changes ?? 0) }) > maxChanges {
            // The bound binds: one model, so that changes can be traded between parts.
            progress?(tr("progress.stability.whole", ["max": maxChanges]))
            finalParts = [0: (Array(p.villageIndices), Array(p.unitIndices))]
            results = [
                0: try solvePart(
                    p, villages: Array(p.villageIndices), units: Array(p.unitIndices),
                    limit: maxChanges, started: started)
            ]
            crossParts = false
        }
        let stats = DecompositionStats(
            initialGroups: parts.count, finalGroups: finalParts.count, rounds: rounds, solves: 0,
            largestGroupVillages: finalParts.values.map(\.villages.count).max() ?? 0,
            candidatePairs: p.candidates.count, crossPairs: 0)
        return try plan(p, results: Array(results.values), crossParts: crossParts, stats: stats, started: started)
    }

    /// The parts to start from: pairs within a county, and pairs across counties that either side
    /// ranks. A pair across parts is unranked both ways, so it can only block for an uncovered
    /// village; the parts are checked together at the end and merged where one does. A connected
    /// part of the whole model small enough to solve whole stays whole (exact).
    func initialParts(_ p: AssignmentProblem) -> VillageUnitSets {
        var whole = VillageUnitSets(p)
        for c in p.candidates { whole.union(c.village, c.unit) }
        var size: [Int: Int] = [:]
        for v in p.villageIndices { size[whole.find(v), default: 0] += 1 }
        var sets = VillageUnitSets(p)
        for c in p.candidates
        where !c.isSupport || c.villageRank != nil || c.adviserRank != nil
            || size[whole.find(c.village)]! <= wholePartVillages
        {
            sets.union(c.village, c.unit)
        }
        return sets
    }

    /// The results of the parts that merging left as they were, and the roots of the others.
    static func keepUnchanged(
        _ results: [Int: PartResult], old: [Int: PartMembers], new: [Int: PartMembers]
    ) -> (results: [Int: PartResult], pending: Set<Int>) {
        var kept: [Int: PartResult] = [:]
        var pending: Set<Int> = []
        for (root, part) in new {
            if let result = results[root], old[root]?.villages == part.villages, old[root]?.units == part.units {
                kept[root] = result
            } else {
                pending.insert(root)
            }
        }
        return (kept, pending)
    }

    /// The parts' plans put together, with the status, bound and stability the summary reports.
    func plan(
        _ p: AssignmentProblem, results: [PartResult], crossParts: Bool, stats: DecompositionStats,
        started: DispatchTime
    ) throws -> Plan {
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        var rows = p.villageIndices.map { Plan.Row(village: $0, candidate: nil) }
        var status = SolveStatus.optimal
        var bound = 0.0
        var boundKnown = true
        var stats = stats
        for r in results {
            for (v, k) in r.chosen { rows[v].candidate = k }
            if r.status != .optimal {
                status = status == .timeLimit ? .timeLimit : (r.status == .timeLimit ? .timeLimit : .feasible)
            }
            if let b = r.bound { bound += b } else { boundKnown = false }
            stats.solves += r.solves
        }
        if status == .timeLimit && rows.contains(where: { $0.candidate != nil }) { status = .feasible }
        let objective = AssignmentSolver.objective(of: rows, in: p)
        let stableNow = p.blockingCandidates(rows.map(\.candidate), villages: Array(p.villageIndices)).isEmpty
        if crossParts || !boundKnown {
            // Support pairs across parts were not priced: the parts' optima need not be the whole
            // model's; or a part has no bound of its own (its search stopped, or it was improved
            // window by window). The plain model's optimum (no stability) bounds every plan.
            var plain = AssignmentSolver(
                options: options, timeLimit: timeLimit.map { max(1, $0 - elapsed()) }, threads: threads)
            plain.progress = nil
            let free = try plain.solveByPricedGroups(p)
            bound = free.status == .optimal ? free.objective : (free.bound ?? -.infinity)
            boundKnown = bound.isFinite
            if status == .optimal && objective > bound + 1e-6 * max(1, abs(objective)) { status = .feasible }
        }
        var plan = Plan(
            problem: p, rows: rows, status: status, objective: objective,
            bound: boundKnown ? min(bound, objective) : nil, seconds: elapsed(), decomposition: stats)
        if stableNow {
            plan.stableExists = true
        } else {
            plan.stableExists = results.contains { $0.blocking == nil } ? nil : results.allSatisfy { $0.blocking == 0 }
        }
        plan.blockingProvenMinimal = !stableNow && results.allSatisfy { $0.blocking != nil } && status == .optimal
        // Relaxations of the whole model bound every plan's blocking pairs from below, whatever the
        // parts did: a positive bound proves that no stable plan exists, and a plan that meets it
        // has the fewest blocking pairs possible.
        let lower = results.reduce(0) { $0 + ($1.blockingLowerBound ?? 0) }
        if lower > 0, !stableNow {
            plan.stableExists = false
            plan.blockingLowerBound = lower
            if p.blockingCandidates(rows.map(\.candidate), villages: Array(p.villageIndices)).count <= lower {
                plan.blockingProvenMinimal = true
            }
        }
        return plan
    }

    // MARK: One part

    func solvePart(
        _ p: AssignmentProblem, villages: [VillageIndex], units: [UnitIndex], limit: Int?, started: DispatchTime
    ) throws -> PartResult {
        let rebalancing = villages.contains { p.previousID[$0] != nil }
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        var solves = 0
        let reductions = StableReductions(p, villages: villages, units: units)
        var heuristic = DeferredAcceptance(p, villages: villages, units: units, alive: reductions.alive)
        let t0 = DispatchTime.now().uptimeNanoseconds
        // Fewer runs on a large part (each costs a pass over its pairs).
        let runs = max(3, min(heuristicRuns, heuristicRuns * 300 / max(1, villages.count)))
        let found = heuristic.best(runs: runs)
        let incumbent = found.stable
        // The plan to fall back on when the time limit stops everything else: never nothing.
        let fallback = found.any?.plan ?? Dictionary(uniqueKeysWithValues: villages.map { ($0, nil) })
        if villages.count > wholePartVillages, incumbent == nil,
            let result = try settleLargePart(
                p, villages: villages, units: units, fallback: fallback, started: started, solves: solves)
        {
            return result
        }
        report(found, villages: villages, reductions: reductions, since: t0)
        // Villages whose open rows are written from the start: those the incumbent leaves uncovered
        // and those with no forced cover.
        var open = Set(
            villages.filter { v in incumbent.map { $0.plan[v]! == nil } ?? !reductions.mustBeCovered.contains(v) })
        if incumbent == nil { open = Set(villages) }
        var best = incumbent.map { $0.plan }
        // A cheaper stable start for branch and bound: the township windows' cost search from
        // the deferred-acceptance plan (each step stays stable).
        if let start = best, limit == nil, costPasses > 0,
            Set(villages.map { "\(p.villages[$0].county)/\(p.villages[$0].township)" }).count > 1
        {
            let t1 = DispatchTime.now().uptimeNanoseconds
            let search = try improveByWindows(
                p, villages: villages, units: units, start: start, lower: 0, started: started)
            if search.blocking == 0 { best = search.chosen }
            solves += search.solves
            if debugTiming {
                let cost = villages.reduce(0.0) { $0 + ((best?[$1] ?? nil).map { p.candidates[$0].cost } ?? 0) }
                FileHandle.standardError.write(
                    "part \(villages.count)v: township cost search \(Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9) s, cost \(cost)\n"
                        .data(using: .utf8)!)
            }
        }
        while true {
            var model = StableModel(
                p, villages: villages, units: units, alive: { reductions.alive[$0] },
                allowBlocking: false, openRows: .villages(open))
            if let limit { model.limitChanges(p, to: limit) }
            // A stable incumbent that covers every village settles the coverage level (no plan
            // leaves fewer than none uncovered): keep it without a solve.
            var levels: [StableModel.Level] = [.coverage] + (rebalancing ? [.changes] : []) + [.cost]
            if let best, best.values.allSatisfy({ $0 != nil }), limit == nil {
                model.keep(.coverage, p, atMost: 0)
                levels.removeFirst()
            }
            let outcome = try solveLevels(p, &model, levels: levels, incumbent: best, started: started, solves: &solves)
            switch outcome {
            case .infeasible:
                // No stable plan (conflicts of interest, or the outside caps): fewest blocking pairs first.
                progress?(tr("progress.stability.none", ["villages": villages.count]))
                return try solveWithBlocking(
                    p, villages: villages, units: units, limit: limit, started: started, solves: solves,
                    fallback: found.any)
            case .stopped(let plan, let bound):
                return PartResult(
                    chosen: plan ?? best ?? fallback, status: .feasible, bound: bound, blocking: nil, solves: solves)
            case .solved(let plan, let bound, let proven):
                // Rows left out can only bind for an uncovered village that blocks: add theirs.
                var assigned = [CandidateIndex?](repeating: nil, count: p.villages.count)
                for (v, k) in plan { assigned[v] = k }
                let inPart = Set(units)
                let blocking = p.blockingCandidates(assigned, villages: villages).filter {
                    inPart.contains(p.candidates[$0].unit)
                }
                let missing = Set(blocking.map { p.candidates[$0].village }).subtracting(open)
                if missing.isEmpty {
                    if !blocking.isEmpty {
                        // Cannot happen: every row of a blocking pair is in the model.
                        return PartResult(chosen: plan, status: .feasible, bound: nil, blocking: nil, solves: solves)
                    }
                    return PartResult(
                        chosen: plan, changes: Self.changes(plan, p), status: proven ? .optimal : .feasible,
                        bound: bound,
                        blocking: proven ? 0 : nil, solves: solves)
                }
                progress?(tr("progress.stability.missing", ["count": missing.count]))
                open.formUnion(missing)
                best = nil
                if (timeLimit.map { elapsed() > $0 } ?? false) || (options.interrupt?.isRequested ?? false) {
                    return PartResult(
                        chosen: incumbent?.plan ?? fallback, status: .feasible, bound: nil, blocking: nil,
                        solves: solves)
                }
            }
        }
    }

    /// What deferred acceptance found for a part: the progress line, and the timing line with
    /// `VILLAGE_COUNSEL_SOLVE_TIMES`.
    func report(
        _ found: (stable: DeferredAcceptance.Result?, any: DeferredAcceptance.Result?), villages: [VillageIndex],
        reductions: StableReductions, since t0: UInt64
    ) {
        let incumbent = found.stable
        if debugTiming {
            FileHandle.standardError.write(
                "part \(villages.count)v: reductions+DA \(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9) s, incumbent \(incumbent.map { "\($0.uncovered) uncovered, cost \($0.cost)" } ?? "none"), best \(found.any.map { "\($0.blocking) blocking, \($0.uncovered) uncovered" } ?? "none")\n"
                    .data(using: .utf8)!)
        }
        if let incumbent {
            progress?(
                tr(
                    "progress.stability.deferred",
                    [
                        "villages": villages.count, "uncovered": incumbent.uncovered,
                        "cost": String(format: "%.3f", incumbent.cost),
                        "kept": reductions.aliveCount, "pairs": reductions.pairCount,
                    ]))
        }
    }

    /// A part too big to settle whole, without a stable plan from deferred acceptance: the
    /// counties' relaxations (``StableRelaxation``) say whether a stable plan can exist at all
    /// (seconds, where the whole part's LP takes minutes), then the best deferred-acceptance plan
    /// is improved window by window, down to the relaxations' bound. `nil`: the relaxations
    /// proved nothing, the windows left blocking pairs and there is no time limit — solve the
    /// part whole.
    func settleLargePart(
        _ p: AssignmentProblem, villages: [VillageIndex], units: [UnitIndex],
        fallback: [VillageIndex: CandidateIndex?], started: DispatchTime, solves: Int
    ) throws -> PartResult? {
        let t0 = DispatchTime.now().uptimeNanoseconds
        // Too big to settle whole quickly, and deferred acceptance found no stable plan: first
        // ask the counties' relaxations whether one can exist at all (seconds, where the whole
        // model's LP takes minutes).
        // A county's bound is at most the blocking pairs of its villages in any plan: where the
        // fallback plan has none, it is 0 without solving (most counties of a city).
        var assigned = [CandidateIndex?](repeating: nil, count: p.villages.count)
        for (v, k) in fallback { assigned[v] = k }
        let blockingCounties = Set(
            p.blockingCandidates(assigned, villages: villages).map { p.villages[p.candidates[$0].village].county })
        var relaxation = StableRelaxation(options: options, threads: threads)
        if let timeLimit {
            // A third of the time left for the counties' branch and bound, run `threads` at a time.
            let left = max(0, timeLimit - Double(t0 - started.uptimeNanoseconds) / 1e9)
            let rounds = Double((blockingCounties.count + threads - 1) / max(1, threads))
            relaxation.integerSeconds = max(1, left / 3 / max(1, rounds))
        }
        let bounds = try relaxation.countyBounds(
            p, villages: villages.filter { blockingCounties.contains(p.villages[$0].county) }, known: assigned)
        let lower = bounds.reduce(0) { $0 + $1.blocking }
        if debugTiming {
            FileHandle.standardError.write(
                "part \(villages.count)v: county relaxations \(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9) s, bound \(lower) blocking (\(bounds.filter { $0.blocking > 0 }.map { "\($0.county): \($0.blocking)" }.joined(separator: ", ")))\n"
                    .data(using: .utf8)!)
        }
        if lower > 0 {
            progress?(
                tr(
                    "progress.stability.relaxation",
                    [
                        "bound": lower,
                        "counties": bounds.filter { $0.blocking > 0 }.map(\.county).joined(separator: ", "),
                    ]))
        }
        // The whole part's model with a b per pair does not close at this size: improve the best
        // deferred-acceptance plan window by window instead. Reaching the bound proves the
        // blocking pairs the fewest (none: the plan is stable).
        let search = try improveByWindows(
            p, villages: villages, units: units, start: fallback, lower: lower, started: started)
        // Nothing proven and no time limit: the whole part's model settles it, however long.
        if lower == 0, search.blocking > 0, timeLimit == nil { return nil }
        return PartResult(
            chosen: search.chosen, changes: Self.changes(search.chosen, p), status: .feasible, bound: nil,
            blocking: search.blocking == 0 ? 0 : nil, solves: solves + search.solves,
            blockingLowerBound: lower > 0 ? lower : nil)
    }

    /// No stable plan exists: the whole model with a b column per pair, no reductions.
    func solveWithBlocking(
        _ p: AssignmentProblem, villages: [VillageIndex], units: [UnitIndex], limit: Int?, started: DispatchTime,
        solves: Int, fallback: DeferredAcceptance.Result?
    ) throws -> PartResult {
        var solves = solves
        let rebalancing = villages.contains { p.previousID[$0] != nil }
        var model = StableModel(p, villages: villages, units: units, allowBlocking: true, openRows: .all)
        if let limit { model.limitChanges(p, to: limit) }
        let levels: [StableModel.Level] = [.blocking, .coverage] + (rebalancing ? [.changes] : []) + [.cost]
        switch try solveLevels(p, &model, levels: levels, incumbent: fallback?.plan, started: started, solves: &solves)
        {
        case .infeasible:
            throw GLPKError.solverFailure(
                code: 0, message: "the model with blocking pairs allowed was found infeasible")
        case .stopped(let plan, let bound):
            return PartResult(
                chosen: plan ?? fallback?.plan ?? Dictionary(uniqueKeysWithValues: villages.map { ($0, nil) }),
                status: .feasible, bound: bound, blocking: nil, solves: solves)
        case .solved(let plan, let bound, let proven):
            var assigned = [CandidateIndex?](repeating: nil, count: p.villages.count)
            for (v, k) in plan { assigned[v] = k }
            let inPart = Set(units)
            let count = p.blockingCandidates(assigned, villages: villages).filter {
                inPart.contains(p.candidates[$0].unit)
            }.count
            return PartResult(
                chosen: plan, changes: Self.changes(plan, p), status: proven ? .optimal : .feasible, bound: bound,
                blocking: proven ? count : nil, solves: solves)
        }
    }

    enum LevelOutcome {
        case infeasible
        case stopped(plan: [VillageIndex: CandidateIndex?]?, bound: Double?)
        case solved(plan: [VillageIndex: CandidateIndex?], bound: Double?, proven: Bool)
    }

    /// Solves the levels one after another, each kept as a row for the next. The bound returned is
    /// on the whole objective (M per uncovered village plus the cost) once coverage is settled.
    func solveLevels(
        _ p: AssignmentProblem, _ model: inout StableModel, levels: [StableModel.Level],
        incumbent: [VillageIndex: CandidateIndex?]?, started: DispatchTime, solves: inout Int,
        limit levelSeconds: Double? = nil, nodes: Int? = nil
    ) throws -> LevelOutcome {
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        var start = incumbent.flatMap { model.values(of: $0, p) }
        var last: Solution?
        var coverage: Double?
        var proven = true
        var i = 0
        while i < levels.count {
            let level = levels[i]
            // A start that keeps the levels so far and leaves no village uncovered settles the
            // coverage level (none can leave fewer than none): keep it without a solve.
            if level == .coverage, i < levels.count - 1, let start,
                model.villages.allSatisfy({ start[model.u[$0]!.index] <= 1e-9 }),
                model.program.infeasibility(of: start) == nil
            {
                coverage = 0
                model.keep(.coverage, p, atMost: 0)
                i += 1
                continue
            }
            model.setObjective(level, p)
            var o = options
            o.presolve = false
            o.cuts = [.mixedIntegerRounding]
            o.branching = .pseudoCost
            let levelStart = DispatchTime.now().uptimeNanoseconds
            if level != .cost { o.relativeGap = 0 }
            if let limit = timeLimit {
                o.timeLimit = max(last == nil && start == nil ? 5 : 0.5, limit - elapsed())
            }
            if let levelSeconds { o.timeLimit = min(o.timeLimit ?? levelSeconds, levelSeconds) }
            if let start, model.program.infeasibility(of: start) == nil {
                o.incumbent = start
            } else {
                o.incumbent = nil
            }
            let budget = nodes.map { NodeBudget($0, options: &o) }
            let s = try Solver.solve(model.program, options: o)
            solves += 1
            switch s.status {
            case .infeasible:
                if i == 0 { return .infeasible }
                throw GLPKError.solverFailure(code: 0, message: "a kept level made the stability model infeasible")
            case .unbounded:
                throw GLPKError.solverFailure(code: 0, message: "the stability model is unbounded")
            case .timeLimit:
                return .stopped(plan: start.map { plan(of: $0, model, p) }, bound: nil)
            case .optimal, .feasible:
                var s = s
                try makeIntegral(&s, model, solves: &solves)
                if !model.xIntegral(s.values) {
                    // Not totally unimodular after all (a kept level's row): solve this level again with integer x.
                    model.makeXInteger()
                    continue
                }
                if debugTiming {
                    let frac = model.pairs.filter { k in
                        let v = s.values[model.x[k]!.index]
                        return abs(v - v.rounded()) > 1e-6
                    }.count
                    let us = model.villages.map { s.values[model.u[$0]!.index] }
                    FileHandle.standardError.write(
                        "stable level \(level) \(Double(DispatchTime.now().uptimeNanoseconds - levelStart) / 1e9) s\(budget.map { ", \($0.count) nodes" } ?? ""): \(s.status) objective \(s.objective ?? .nan) bound \(s.bound ?? .nan) fractional x \(frac) uncovered \(us.reduce(0, +)) incumbent \(o.incumbent != nil) accepted \(s.incumbentAccepted)\n"
                            .data(using: .utf8)!)
                }
                last = s
                if level == .coverage { coverage = s.objective }
                if s.status != .optimal {
                    proven = false
                    let bound: Double? =
                        level == .cost ? (s.bound.map { $0 + (coverage ?? 0) * p.uncoveredPenalty }) : nil
                    return .stopped(plan: plan(of: s.values, model, p), bound: bound)
                }
                if i < levels.count - 1 { model.keep(level, p, atMost: s.objective ?? 0) }
                start = s.values
            }
            i += 1
        }
        guard let s = last else { return .stopped(plan: nil, bound: nil) }
        let chosen = plan(of: s.values, model, p)
        let uncovered = Double(chosen.values.filter { $0 == nil }.count)
        let bound = s.bound.map { $0 + uncovered * p.uncoveredPenalty }
        return .solved(plan: chosen, bound: bound, proven: proven)
    }

    /// Pairs of the previous plan a part's plan changes.
    static func changes(_ plan: [VillageIndex: CandidateIndex?], _ p: AssignmentProblem) -> Int {
        plan.reduce(0) { n, entry in
            guard p.previousID[entry.key] != nil else { return n }
            let kept = entry.value.map { p.previousUnit[entry.key] == p.candidates[$0].unit } ?? false
            return n + (kept ? 0 : 1)
        }
    }

    /// Branch and bound's cuts can leave the continuous x of its last node fractional: with the
    /// binaries fixed at their values, the LP left is totally unimodular (see ``StableModel``), so
    /// its basic optimum is an integral plan of the same objective.
    func makeIntegral(_ s: inout Solution, _ model: StableModel, solves: inout Int) throws {
        let fractional = model.pairs.contains { k in
            let v = s.values[model.x[k]!.index]
            return abs(v - v.rounded()) > 1e-6
        }
        guard fractional else { return }
        var fixed = model.program
        for j in 0..<fixed.variableCount where fixed.variableKinds[j] == .integer {
            let value = s.values[j].rounded()
            fixed.setBounds(LinearProgram.Variable(index: j), .exactly(value))
            fixed.setKind(LinearProgram.Variable(index: j), .continuous)
        }
        var o = options
        o.presolve = false
        o.timeLimit = nil
        let r = try Solver.solve(fixed, options: o)
        solves += 1
        guard r.status == .optimal else { return }
        if model.xIntegral(r.values) {
            s.values = r.values
            s.objective = r.objective.map { min($0, s.objective ?? $0) }
        }
    }

    func plan(of values: [Double], _ model: StableModel, _ p: AssignmentProblem) -> [VillageIndex: CandidateIndex?] {
        var chosen: [VillageIndex: CandidateIndex?] = Dictionary(uniqueKeysWithValues: model.villages.map { ($0, nil) })
        for k in model.pairs where values[model.x[k]!.index] > 0.5 { chosen[p.candidates[k].village] = k }
        return chosen
    }
}
