import CounselModel
import Dispatch
import Foundation
import GLPK

/// The improvement search for a part too big to settle whole when no stable plan exists (issue 9):
/// free a window of villages — those held around one blocking pair (the units in play and the
/// villages they hold, a few dozen), or one county's — with every other village of the part keeping its unit,
/// solve the window exactly for the fewest blocking pairs that touch its units (then coverage,
/// then cost), and keep the result when the whole part's blocking pairs, counted by enumeration,
/// go down (or stay and coverage or cost improve). Every step is a plan of the whole part, so the
/// search can stop at any time with the best one; it ends when the part's proven lower bound
/// (``StableRelaxation``) is met — then the blocking pairs are the fewest possible — or when a
/// pass over the windows changes nothing. Then the cost search frees one township at a time and
/// keeps a result only when the part's blocking pairs and uncovered villages do not rise and its
/// cost falls (``costPasses`` passes); it also makes deferred acceptance's stable plan a cheaper
/// incumbent for a part solved whole.
extension StableSolver {
    /// What the search ends with: the part's plan and its blocking pairs (counted over the part).
    struct WindowOutcome {
        var chosen: [VillageIndex: CandidateIndex?]
        var blocking: Int
        var solves: Int
    }

    func improveByWindows(
        _ p: AssignmentProblem, villages: [VillageIndex], units: [UnitIndex], start: [VillageIndex: CandidateIndex?],
        lower: Int, started: DispatchTime
    ) throws -> WindowOutcome {
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        func stopped() -> Bool {
            (timeLimit.map { elapsed() > $0 } ?? false) || (options.interrupt?.isRequested ?? false)
        }
        var assigned = [CandidateIndex?](repeating: nil, count: p.villages.count)
        for (v, k) in start { assigned[v] = k }
        func score(_ a: [CandidateIndex?]) -> (blocking: Int, uncovered: Int, cost: Double) {
            let blocking = p.blockingCandidates(a, villages: villages).filter { inPart.contains(p.candidates[$0].unit) }
            let uncovered = villages.filter { a[$0] == nil }.count
            let cost = villages.reduce(0.0) { $0 + (a[$1].map { p.candidates[$0].cost } ?? 0) }
            return (blocking.count, uncovered, cost)
        }
        let inPart = Set(units)
        var best = score(assigned)
        var solves = 0
        // Solves one window with the rest kept and keeps its plan when the part's score improves
        // by more than `tolerance` in cost (or in a count before it); returns the score before.
        func attempt(
            _ freed: [VillageIndex], seconds: Double, tolerance: Double
        ) throws -> (blocking: Int, uncovered: Int, cost: Double)? {
            let (chosen, count) = try solveWindow(
                p, window: freed, part: villages, inPart: inPart, assigned: assigned, started: started,
                seconds: seconds)
            solves += count
            guard let chosen else { return nil }
            var next = assigned
            for (v, k) in chosen { next[v] = k }
            let s = score(next)
            guard (s.blocking, s.uncovered, s.cost) < (best.blocking, best.uncovered, best.cost - tolerance) else {
                return nil
            }
            let before = best
            assigned = next
            best = s
            return before
        }
        let counties = Dictionary(grouping: villages) { p.villages[$0].county }
        var improved = true
        while improved && best.blocking > lower && !stopped() {
            improved = false
            // Windows with the most blocking pairs first.
            let blocking = p.blockingCandidates(assigned, villages: villages)
            var weight: [String: Int] = [:]
            for k in blocking { weight[p.villages[p.candidates[k].village].county, default: 0] += 1 }
            let order = counties.keys.filter { weight[$0] != nil }.sorted { (weight[$0]!, $1) > (weight[$1]!, $0) }
            // Small windows first: around each blocking pair (when the part has more than one
            // county, else the county's window is the whole part), then whole counties.
            var windows: [(name: String, pair: CandidateIndex?, seconds: Double)] = []
            if counties.count > 1 {
                windows += blocking.filter { inPart.contains(p.candidates[$0].unit) }.map {
                    (p.villages[p.candidates[$0].village].id, $0, pairWindowSeconds)
                }
            }
            windows += order.map { ($0, nil, windowSeconds) }
            for window in windows where best.blocking > lower && !stopped() {
                let freed: [VillageIndex]
                if let k = window.pair {
                    // A pair an earlier window of this pass resolved needs no window of its own.
                    guard p.blockingCandidates(assigned, villages: [p.candidates[k].village]).contains(k) else {
                        continue
                    }
                    freed = pairWindow(p, around: k, part: villages, inPart: inPart, assigned: assigned)
                } else {
                    freed = counties[window.name]!.sorted()
                }
                if let before = try attempt(freed, seconds: window.seconds, tolerance: 1e-9) {
                    progress?(
                        tr(
                            window.pair == nil ? "progress.stability.window" : "progress.stability.pairWindow",
                            [
                                window.pair == nil ? "county" : "village": window.name, "from": before.blocking,
                                "to": best.blocking,
                            ]))
                    improved = true
                }
            }
        }
        // The blocking pairs are settled as far as the search goes: lower the cost township by
        // township (a window may not add a blocking pair or leave a village uncovered: the score
        // is compared over the whole part). Not when the whole part's model is to settle the
        // question anyway (nothing proven, no time limit, blocking pairs left).
        if lower > 0 || best.blocking == 0 || timeLimit != nil {
            let townships = Dictionary(grouping: villages) { "\(p.villages[$0].county)/\(p.villages[$0].township)" }
            var passes = 0
            improved = true
            while improved && passes < costPasses && !stopped() {
                improved = false
                passes += 1
                // The townships with the most to gain first (what their villages pay above their
                // cheapest pairs), so that a time limit cuts the least promising.
                var gain: [String: Double] = [:]
                for (name, members) in townships {
                    gain[name] = members.reduce(0.0) { sum, v in
                        let cheapest =
                            p.candidateRange[v].lazy.filter { inPart.contains(p.candidates[$0].unit) }
                            .map { p.candidates[$0].cost }.min() ?? 0
                        return sum + (assigned[v].map { p.candidates[$0].cost - cheapest } ?? 0)
                    }
                }
                for name in townships.keys.sorted(by: { (gain[$0]!, $1) > (gain[$1]!, $0) }) where !stopped() {
                    if let before = try attempt(
                        townships[name]!.sorted(), seconds: pairWindowSeconds, tolerance: 1e-6)
                    {
                        progress?(
                            tr(
                                "progress.stability.windowCost",
                                [
                                    "window": name, "from": String(format: "%.3f", before.cost),
                                    "to": String(format: "%.3f", best.cost),
                                ]))
                        improved = true
                    }
                }
            }
        }
        return WindowOutcome(
            chosen: Dictionary(uniqueKeysWithValues: villages.map { ($0, assigned[$0]) }), blocking: best.blocking,
            solves: solves)
    }

    /// The villages freed around the blocking pair `k`: its village and, layer by layer, the
    /// villages held by the units in play (the pair's unit and the village's own, then the units
    /// the freed villages rank or are ranked by), at most ``pairWindowVillages`` of them, in
    /// index order.
    func pairWindow(
        _ p: AssignmentProblem, around k: CandidateIndex, part: [VillageIndex], inPart: Set<UnitIndex>,
        assigned: [CandidateIndex?]
    ) -> [VillageIndex] {
        var held: [UnitIndex: [VillageIndex]] = [:]
        for v in part { if let a = assigned[v] { held[p.candidates[a].unit, default: []].append(v) } }
        let pair = p.candidates[k]
        var window: [VillageIndex] = [pair.village]
        var inWindow: Set<VillageIndex> = [pair.village]
        var seen: Set<UnitIndex> = []
        var units = [pair.unit] + (assigned[pair.village].map { [p.candidates[$0].unit] } ?? [])
        while !units.isEmpty && window.count < pairWindowVillages {
            var next: [UnitIndex] = []
            for u in units where seen.insert(u).inserted {
                for w in held[u] ?? [] where window.count < pairWindowVillages && inWindow.insert(w).inserted {
                    window.append(w)
                }
            }
            // The next layer: units the freed villages rank or that rank them.
            for w in window {
                for c in p.candidateRange[w] where inPart.contains(p.candidates[c].unit) {
                    let candidate = p.candidates[c]
                    if (candidate.villageRank != nil || candidate.adviserRank != nil) && !seen.contains(candidate.unit)
                    {
                        next.append(candidate.unit)
                    }
                }
            }
            units = next
        }
        return window.sorted()
    }

    /// One window solved with the rest of the part kept: its plan, or nil when the solve found none.
    func solveWindow(
        _ p: AssignmentProblem, window: [VillageIndex], part: [VillageIndex], inPart: Set<UnitIndex>,
        assigned: [CandidateIndex?], started: DispatchTime, seconds: Double
    ) throws -> ([VillageIndex: CandidateIndex?]?, Int) {
        let inWindow = Set(window)
        var units = Set<UnitIndex>()
        for v in window {
            for k in p.candidateRange[v] where inPart.contains(p.candidates[k].unit) {
                units.insert(p.candidates[k].unit)
            }
        }
        var around = StableModel.Surroundings()
        around.assigned = assigned
        around.villages = part
        for w in part where !inWindow.contains(w) {
            let kept = assigned[w].map { p.candidates[$0] }
            if let k = assigned[w], units.contains(p.candidates[k].unit) {
                around.held[p.candidates[k].unit, default: []].append(
                    (p.candidates[k].adviserRank ?? Int.max, !p.inUnderResourcedCounty[w]))
            }
            for k in p.candidateRange[w] where units.contains(p.candidates[k].unit) {
                let c = p.candidates[k]
                if let kept {
                    if kept.unit == c.unit { continue }
                    guard let r = c.villageRank, kept.villageRank.map({ r < $0 }) ?? true else { continue }
                }
                around.preferring.append(k)
            }
        }
        for v in window {
            for ci in p.conflictIndex[v] {
                let conflict = p.villageConflicts[ci]
                let w = conflict.a == v ? conflict.b : conflict.a
                guard !inWindow.contains(w), let kw = assigned[w] else { continue }
                for k in p.candidateRange[v] where p.candidates[k].unit == p.candidates[kw].unit {
                    around.forbidden.append(k)
                }
            }
        }
        var model = StableModel(
            p, villages: window, units: units.sorted(), allowBlocking: true, openRows: .all, surroundings: around,
            name: "stable_window")
        let current = Dictionary(uniqueKeysWithValues: window.map { ($0, assigned[$0]) })
        var solves = 0
        // The node budget is what ends a level; the clock (under a time limit) only keeps one
        // level from taking the rest: its seconds, or a sixth of the time left when that is more,
        // so that a slower machine does not cut a level the budget would finish.
        let clock = timeLimit.map { limit in
            max(seconds, (limit - Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9) / 6)
        }
        let outcome = try solveLevels(
            p, &model, levels: [.blocking, .coverage, .cost], incumbent: current, started: started, solves: &solves,
            limit: clock, nodes: windowNodes)
        switch outcome {
        case .infeasible: return (nil, solves)
        case .stopped(let plan, _): return (plan, solves)
        case .solved(let plan, _, _): return (plan, solves)
        }
    }
}
