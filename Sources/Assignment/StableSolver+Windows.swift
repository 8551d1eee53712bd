import CounselModel
import Dispatch
import Foundation
import GLPK

/// The improvement search for a part too big to settle whole when no stable plan exists (issue 9):
/// free one county's villages (a window) with every other village of the part keeping its unit,
/// solve the window exactly for the fewest blocking pairs that touch its units (then coverage,
/// then cost), and keep the result when the whole part's blocking pairs, counted by enumeration,
/// go down (or stay and coverage or cost improve). Every step is a plan of the whole part, so the
/// search can stop at any time with the best one; it ends when the part's proven lower bound
/// (``StableRelaxation``) is met — then the blocking pairs are the fewest possible — or when a
/// pass over the windows changes nothing.
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
        let counties = Dictionary(grouping: villages) { p.villages[$0].county }
        var improved = true
        while improved && best.blocking > lower && !stopped() {
            improved = false
            // Windows with the most blocking pairs first.
            let blocking = p.blockingCandidates(assigned, villages: villages)
            var weight: [String: Int] = [:]
            for k in blocking { weight[p.villages[p.candidates[k].village].county, default: 0] += 1 }
            let order = counties.keys.filter { weight[$0] != nil }.sorted { (weight[$0]!, $1) > (weight[$1]!, $0) }
            for county in order where best.blocking > lower && !stopped() {
                let window = counties[county]!.sorted()
                let (chosen, count) = try solveWindow(
                    p, window: window, part: villages, inPart: inPart, assigned: assigned, started: started)
                solves += count
                guard let chosen else { continue }
                var next = assigned
                for (v, k) in chosen { next[v] = k }
                let s = score(next)
                if (s.blocking, s.uncovered, s.cost) < (best.blocking, best.uncovered, best.cost - 1e-9) {
                    progress?(
                        tr("progress.stability.window", ["county": county, "from": best.blocking, "to": s.blocking]))
                    assigned = next
                    best = s
                    improved = true
                }
            }
        }
        return WindowOutcome(
            chosen: Dictionary(uniqueKeysWithValues: villages.map { ($0, assigned[$0]) }), blocking: best.blocking,
            solves: solves)
    }

    /// One window solved with the rest of the part kept: its plan, or nil when the solve found none.
    func solveWindow(
        _ p: AssignmentProblem, window: [VillageIndex], part: [VillageIndex], inPart: Set<UnitIndex>,
        assigned: [CandidateIndex?], started: DispatchTime
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
        let outcome = try solveLevels(
            p, &model, levels: [.blocking, .coverage, .cost], incumbent: current, started: started, solves: &solves,
            limit: windowSeconds)
        switch outcome {
        case .infeasible: return (nil, solves)
        case .stopped(let plan, _): return (plan, solves)
        case .solved(let plan, _, _): return (plan, solves)
        }
    }
}
