import CounselModel

// Blocking pairs of two-way selection (双向选择; Rongchang 000 §三(一), Guangdong 001 §(十二)):
// the one definition that the summary counts, the model's stability rows forbid and the row
// generation of `CoupledSolver` looks for.

extension AssignmentProblem {
    /// The chosen candidates of each unit, among `villages`.
    func villagesByUnit(_ assigned: [CandidateIndex?], villages: [VillageIndex]) -> [UnitIndex: [CandidateIndex]] {
        var byUnit: [UnitIndex: [CandidateIndex]] = [:]
        for v in villages { if let k = assigned[v] { byUnit[candidates[k].unit, default: []].append(k) } }
        return byUnit
    }

    /// The candidate pairs (v, a) among `villages` that block `assigned` (each village's chosen
    /// candidate, `nil` when uncovered): v prefers a — v is uncovered, or ranks a above its
    /// adviser (an unranked adviser counts below every ranked one) — and a is willing: fewer of
    /// a's villages than its cap are ranked by a at least as well as v (an unranked v: all of
    /// them), and, for a village outside under-resourced counties and an adviser with an outside
    /// cap, fewer of a's outside villages than that cap are. Ties never block. In candidate order.
    func blockingCandidates(_ assigned: [CandidateIndex?], villages: [VillageIndex]) -> [CandidateIndex] {
        let byUnit = villagesByUnit(assigned, villages: villages)
        var result: [CandidateIndex] = []
        for v in villages {
            let current = assigned[v].map { candidates[$0] }
            for k in candidateRange[v] {
                let c = candidates[k]
                if current?.unit == c.unit { continue }
                if let current {
                    guard let r = c.villageRank, current.villageRank.map({ r < $0 }) ?? true else { continue }
                }
                let ra = c.adviserRank ?? Int.max
                let mine = byUnit[c.unit] ?? []
                let atLeastAsGood = mine.filter { (candidates[$0].adviserRank ?? Int.max) <= ra }
                guard atLeastAsGood.count < totalCap[c.unit] else { continue }
                if let o = outsideCap[c.unit], !inUnderResourcedCounty[v] {
                    guard atLeastAsGood.filter({ !inUnderResourcedCounty[candidates[$0].village] }).count < o else {
                        continue
                    }
                }
                result.append(k)
            }
        }
        return result
    }
}
