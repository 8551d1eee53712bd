import CounselModel
import Foundation

/// Exact reductions for weakly stable plans (the hospital/resident dominance reductions of the
/// stable-matching literature, written here for our caps): candidate pairs that are in no weakly
/// stable plan, found by two rules applied until neither finds more.
///
/// - **Always open.** If unit a can never be full with villages it ranks at least as well as v
///   (fewer other villages still possible for a are ranked that well than its cap, and for v
///   outside under-resourced counties also than its outside cap), then a would always take v, so
///   if v ranks a, every stable plan gives v a or someone v ranks at least as well: v's worse pairs
///   go, and v cannot be uncovered.
/// - **Always full.** If at least cap_a villages rank a strictly above every other partner still
///   possible for them, and a ranks them k or better, then a is full with villages ranked k or
///   better in every stable plan (otherwise one of them is not at a and blocks with it): a's pairs
///   with villages it ranks below k go. (Units with an outside cap are left alone by this rule.)
///
/// Conflicts of interest do not weaken either rule: they only remove plans, and a blocking pair
/// blocks whatever the conflicts. The rules assume a stable plan exists; when none does, the
/// solver drops them.
struct StableReductions {
    /// Whether each candidate pair of the problem may still be in a stable plan.
    var alive: [Bool]
    /// Villages every stable plan covers.
    var mustBeCovered: Set<VillageIndex> = []
    /// Pairs among the part's, and how many survive.
    var pairCount = 0
    var aliveCount = 0

    init(_ p: AssignmentProblem, villages: [VillageIndex], units: [UnitIndex]) {
        alive = [Bool](repeating: false, count: p.candidates.count)
        let inPart = Set(units)
        var byUnit: [UnitIndex: [CandidateIndex]] = [:]
        for v in villages {
            for k in p.candidateRange[v] where inPart.contains(p.candidates[k].unit) {
                alive[k] = true
                byUnit[p.candidates[k].unit, default: []].append(k)
                pairCount += 1
            }
        }
        let infinity = Int.max
        func villageRank(_ k: CandidateIndex) -> Int { p.candidates[k].villageRank ?? infinity }
        func adviserRank(_ k: CandidateIndex) -> Int { p.candidates[k].adviserRank ?? infinity }
        // Each village's best alive rank and how many alive pairs have it (strictly best: one).
        var best: [VillageIndex: (rank: Int, count: Int)] = [:]
        func refresh(_ v: VillageIndex) {
            var r = infinity, n = 0
            for j in p.candidateRange[v] where alive[j] {
                let rank = villageRank(j)
                if rank < r {
                    r = rank
                    n = 1
                } else if rank == r {
                    n += 1
                }
            }
            best[v] = (r, n)
        }
        for v in villages { refresh(v) }
        var changed = true
        while changed {
            changed = false
            var touched = Set<VillageIndex>()
            // Always open.
            for a in units.sorted() {
                let ks = (byUnit[a] ?? []).filter { alive[$0] }
                guard !ks.isEmpty else { continue }
                let ranks = ks.map(adviserRank).sorted()
                let outsideRanks = ks.filter { !p.inUnderResourcedCounty[p.candidates[$0].village] }.map(adviserRank)
                    .sorted()
                for k in ks where alive[k] && villageRank(k) != infinity {
                    let v = p.candidates[k].village
                    let r = adviserRank(k)
                    // Others ranked at least as well as v: those with rank ≤ r, less v itself.
                    let others = Self.countAtMost(ranks, r) - 1
                    var open = others < p.totalCap[a]
                    if open, let o = p.outsideCap[a], !p.inUnderResourcedCounty[v] {
                        open = Self.countAtMost(outsideRanks, r) - 1 < o
                    }
                    guard open else { continue }
                    mustBeCovered.insert(v)
                    for j in p.candidateRange[v] where alive[j] && villageRank(j) > villageRank(k) {
                        alive[j] = false
                        changed = true
                        touched.insert(v)
                    }
                }
            }
            // Always full.
            for a in units.sorted() where p.outsideCap[a] == nil && p.totalCap[a] > 0 {
                let ks = (byUnit[a] ?? []).filter { alive[$0] }
                var tops: [Int] = []
                for k in ks where villageRank(k) != infinity {
                    let v = p.candidates[k].village
                    if let b = best[v], b.rank == villageRank(k), b.count == 1 { tops.append(adviserRank(k)) }
                }
                guard tops.count >= p.totalCap[a] else { continue }
                tops.sort()
                let level = tops[p.totalCap[a] - 1]
                guard level != infinity else { continue }
                for k in ks where adviserRank(k) > level {
                    alive[k] = false
                    changed = true
                    refresh(p.candidates[k].village)
                }
            }
            for v in touched { refresh(v) }
        }
        aliveCount = villages.reduce(0) { n, v in n + p.candidateRange[v].filter { alive[$0] }.count }
    }

    /// How many of the sorted `values` are at most `x`.
    static func countAtMost(_ values: [Int], _ x: Int) -> Int {
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// Village-proposing deferred acceptance with ties broken at random (a different draw each run),
/// for stable plans to start branch and bound from. Each result is checked with the blocking-pair
/// definition and kept only if stable and free of conflicts of interest (deferred acceptance knows
/// neither conflicts nor, exactly, the outside cap).
struct DeferredAcceptance {
    let p: AssignmentProblem
    let villages: [VillageIndex]
    let inPart: Set<UnitIndex>
    let alive: [Bool]
    private var state: UInt64 = 0x2545_F491_4F6C_DD1D

    init(_ p: AssignmentProblem, villages: [VillageIndex], units: [UnitIndex], alive: [Bool]) {
        self.p = p
        self.villages = villages
        inPart = Set(units)
        self.alive = alive
    }

    /// A plan: village → chosen candidate (nil: uncovered), its blocking pairs, uncovered count and cost.
    struct Result {
        var plan: [VillageIndex: CandidateIndex?]
        var blocking: Int
        var uncovered: Int
        var cost: Double
    }

    private mutating func random() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The best stable plan (fewest uncovered, then cheapest) of `runs` runs, and the best plan of
    /// all (fewest blocking pairs first) for when none is stable. The first run breaks ties by cost,
    /// the others at random; runs alternate between ignoring conflicts of interest and letting an
    /// adviser turn away a village that conflicts with one it holds.
    mutating func best(runs: Int) -> (stable: Result?, any: Result?) {
        var stable: Result?
        var any: Result?
        for run in 0..<max(1, runs) {
            for avoidConflicts in [false, true] where avoidConflicts == false || !p.villageConflicts.isEmpty {
                guard let r = once(byCost: run == 0, avoidConflicts: avoidConflicts) else { continue }
                if r.blocking == 0, stable == nil || (r.uncovered, r.cost) < (stable!.uncovered, stable!.cost) {
                    stable = r
                }
                if any == nil || (r.blocking, r.uncovered, r.cost) < (any!.blocking, any!.uncovered, any!.cost) {
                    any = r
                }
            }
        }
        return (stable, any)
    }

    private mutating func once(byCost: Bool, avoidConflicts: Bool) -> Result? {
        let infinity = Int.max
        let (lists, adviserTie) = preferenceLists(byCost: byCost)
        func worse(_ a: CandidateIndex, _ b: CandidateIndex) -> Bool {  // the unit prefers b to a
            ((p.candidates[a].adviserRank ?? infinity), adviserTie[a]!) > (
                (p.candidates[b].adviserRank ?? infinity), adviserTie[b]!
            )
        }
        var next: [VillageIndex: Int] = [:]
        var held: [UnitIndex: [CandidateIndex]] = [:]
        var free = villages.reversed() as [VillageIndex]
        var chosen: [VillageIndex: CandidateIndex?] = Dictionary(uniqueKeysWithValues: villages.map { ($0, nil) })
        var steps = 0
        while let v = free.popLast() {
            steps += 1
            if steps > 50 * p.candidates.count + 1000 { return nil }
            let list = lists[v]!
            let i = next[v, default: 0]
            guard i < list.count else { continue }
            next[v] = i + 1
            let k = list[i]
            let a = p.candidates[k].unit
            var mine = held[a, default: []]
            if avoidConflicts {
                // A village conflicting with one the adviser holds: the adviser keeps the one it prefers.
                if let j = mine.first(where: { h in
                    p.conflictIndex[v].contains { ci in
                        let c = p.villageConflicts[ci]
                        return c.a == p.candidates[h].village || c.b == p.candidates[h].village
                    }
                }) {
                    if worse(j, k) {
                        mine.removeAll { $0 == j }
                        let w = p.candidates[j].village
                        chosen.updateValue(nil, forKey: w)
                        free.append(w)
                    } else {
                        free.append(v)
                        continue
                    }
                }
            }
            mine.append(k)
            // Over the cap (or the outside cap): reject the least preferred that makes room.
            var rejected: [CandidateIndex] = []
            if mine.count > p.totalCap[a] {
                let worst = mine.indices.max { worse(mine[$1], mine[$0]) }!
                rejected.append(mine.remove(at: worst))
            }
            if let o = p.outsideCap[a] {
                let outside = mine.filter { !p.inUnderResourcedCounty[p.candidates[$0].village] }
                if outside.count > o {
                    let worst = outside.max { worse($1, $0) }!
                    rejected.append(worst)
                    mine.removeAll { $0 == worst }
                }
            }
            held[a] = mine
            for r in rejected {
                let w = p.candidates[r].village
                chosen.updateValue(nil, forKey: w)
                free.append(w)
            }
            if mine.contains(k) { chosen[v] = k }
        }
        return result(chosen)
    }

    /// Each village's list (ranked partners by rank, ties and the unranked by the draw, or by cost
    /// in the first run) and each pair's tie-break on the unit's side.
    private mutating func preferenceLists(
        byCost: Bool
    ) -> (lists: [VillageIndex: [CandidateIndex]], unitTie: [CandidateIndex: UInt64]) {
        let infinity = Int.max
        var tie: [CandidateIndex: UInt64] = [:]
        var lists: [VillageIndex: [CandidateIndex]] = [:]
        for v in villages {
            // Every pair of the part, not only those the reductions keep: deferred acceptance on
            // the full lists ends weakly stable (so it uses no pair the reductions removed), while
            // on the reduced lists a village could run out of partners.
            let ks = p.candidateRange[v].filter { inPart.contains(p.candidates[$0].unit) }
            for k in ks { tie[k] = byCost ? UInt64(max(0, p.candidates[k].cost * 1000)) : random() }
            lists[v] = ks.sorted {
                ((p.candidates[$0].villageRank ?? infinity), tie[$0]!) < (
                    (p.candidates[$1].villageRank ?? infinity), tie[$1]!
                )
            }
        }
        var adviserTie: [CandidateIndex: UInt64] = [:]
        for v in villages {
            for k in lists[v]! { adviserTie[k] = byCost ? UInt64(max(0, p.candidates[k].cost * 1000)) : random() }
        }
        return (lists, adviserTie)
    }

    /// The plan deferred acceptance ended with, `nil` when it gives two conflicting villages one
    /// unit; with its blocking pairs, uncovered villages and cost.
    private func result(_ chosen: [VillageIndex: CandidateIndex?]) -> Result? {
        // Conflicts of interest: two conflicting villages may not share an adviser.
        for ci in p.conflictsOfVillages(villages) {
            let c = p.villageConflicts[ci]
            if let ka = chosen[c.a] ?? nil, let kb = chosen[c.b] ?? nil,
                p.candidates[ka].unit == p.candidates[kb].unit
            {
                return nil
            }
        }
        var assigned = [CandidateIndex?](repeating: nil, count: p.villages.count)
        for (v, k) in chosen { assigned[v] = k }
        let blocking = p.blockingCandidates(assigned, villages: villages).filter {
            inPart.contains(p.candidates[$0].unit)
        }.count
        let uncovered = chosen.values.filter { $0 == nil }.count
        let cost = chosen.values.compactMap { $0 }.reduce(0.0) { $0 + p.candidates[$1].cost }
        return Result(plan: chosen, blocking: blocking, uncovered: uncovered, cost: cost)
    }
}
