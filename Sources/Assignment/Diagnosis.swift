import CounselModel
import Foundation
import GLPK

/// Explains a shortfall by re-solving what-if variants of the scenario (issue 3 §5): a higher cap,
/// support from other counties within a wider radius, conflict clusters without their conflicts,
/// and, when no stable plan exists, whether conflicts of interest are the cause.
///
/// Only the counties with uncovered villages are re-solved (with every adviser of their cities, so
/// support stays possible), so the diagnosis of a province with one short county costs little.
public struct Diagnosis: Sendable {
    /// The solver used for every re-solve.
    public var solver: AssignmentSolver
    /// Radii tried for support when the scenario has none, km.
    public var supportRadii: [Double] = [20, 40, 60, 80]
    /// How far above the current cap to try.
    public var extraCap = 3

    /// Makes a diagnosis that re-solves with `solver`.
    public init(solver: AssignmentSolver) {
        self.solver = solver
    }

    /// The findings for `plan`, most useful first; empty when every village is covered and the plan
    /// is stable where stability was required.
    public func run(for plan: Plan) throws -> [DiagnosisFinding] {
        let p = plan.problem
        var findings: [DiagnosisFinding] = []
        let short = plan.counties.filter { $0.uncovered > 0 }
        if !short.isEmpty {
            let focus = Self.focus(p.scenario, counties: Set(short.map(\.id)))
            // When the short counties are the whole scenario (and no previous plan shaped it), the
            // plan itself is the base the what-ifs are compared with.
            let whole = focus.villages.count == p.villages.count && focus.advisers.count == p.scenario.advisers.count
            let base = whole && !p.previousID.contains { $0 != nil } ? plan : try solve(focus)
            let baseUncovered = uncoveredByCounty(base)
            findings += try capFindings(focus, short: short, base: baseUncovered)
            findings += try supportFindings(focus, short: short, base: baseUncovered)
            findings += try conflictFindings(focus, plan: base, base: baseUncovered)
            findings += try needsFindings(focus, base: baseUncovered)
        }
        if p.settings.stable, plan.stableExists == false {
            var relaxed = p.scenario
            let villageIDs = Set(p.villages.map(\.id))
            relaxed.conflicts = relaxed.conflicts.filter { c in !(villageIDs.contains(c.a) && villageIDs.contains(c.b)) }
            let without = try solve(relaxed)
            let blocking = plan.blockingPairs.count
            if without.stableExists == true {
                findings.append(DiagnosisFinding(
                    kind: "stability", county: nil,
                    text: "No stable plan exists: the conflicts of interest between villages (Nanning 002 §二(五)) force \(blocking) blocking pair\(blocking == 1 ? "" : "s"); without them a stable plan exists. Another adviser for one village of each conflicting pair, or the villages' own rankings, would remove them.",
                    villagesCovered: 0))
            } else {
                findings.append(DiagnosisFinding(
                    kind: "stability", county: nil,
                    text: "No stable plan exists: \(blocking) blocking pair\(blocking == 1 ? "" : "s") remain even without the conflicts of interest (the caps outside under-resourced counties can rule stability out); the plan has the fewest possible.",
                    villagesCovered: 0))
            }
        }
        return findings
    }

    // MARK: What-ifs

    private func capFindings(_ focus: Scenario, short: [CountyOutcome], base: [String: Int]) throws -> [DiagnosisFinding] {
        let rules = focus.rules.assignment
        let total = short.reduce(0) { $0 + $1.villages }
        let left = base.values.reduce(0, +)
        guard left > 0 else { return [] }
        let underResourced = short.contains(where: \.underResourced) && rules.underResourcedCap != nil
        let current = underResourced ? rules.underResourcedCap!.value : rules.cap.value
        var best: (cap: Int, left: Int)?
        for cap in (current + 1)...(current + extraCap) {
            var s = focus
            if underResourced { s.rules.assignment.underResourcedCap!.value = cap } else {
                s.rules.assignment.cap.value = cap
                if let ur = s.rules.assignment.underResourcedCap, ur.value < cap { s.rules.assignment.underResourcedCap!.value = cap }
            }
            let remaining = uncoveredByCounty(try solve(s)).values.reduce(0, +)
            if best == nil || remaining < best!.left { best = (cap, remaining) }
            if remaining == 0 { break }
        }
        guard let best, best.left < left else {
            return [DiagnosisFinding(kind: "cap", county: nil,
                                     text: "A cap up to \(current + extraCap) instead of \(current) covers no more villages: the shortfall is not the cap (see the other findings).",
                                     villagesCovered: 0)]
        }
        let which = underResourced ? "under-resourced cap" : "cap"
        let text = best.left == 0
            ? "\(which) \(best.cap) instead of \(current) covers all \(total) villages of \(names(short))"
            : "\(which) \(best.cap) instead of \(current) covers \(left - best.left) of the \(left) villages left in \(names(short)); \(best.left) stay uncovered"
        return [DiagnosisFinding(kind: "cap", county: short.count == 1 ? short[0].id : nil, text: text, villagesCovered: left - best.left)]
    }

    private func supportFindings(_ focus: Scenario, short: [CountyOutcome], base: [String: Int]) throws -> [DiagnosisFinding] {
        let radii = focus.maxKm.map { [$0 * 1.5, $0 * 2] } ?? supportRadii
        var findings: [DiagnosisFinding] = []
        var remaining = Dictionary(uniqueKeysWithValues: short.map { ($0.id, base[$0.id] ?? 0) }).filter { $0.value > 0 }
        for km in radii where !remaining.isEmpty {
            var s = focus
            s.maxKm = km
            let plan = try solve(s)
            let after = uncoveredByCounty(plan)
            for county in short where remaining[county.id] != nil {
                let left = remaining[county.id]!
                let now = after[county.id] ?? 0
                guard now < left else { continue }
                // Who would come: support advisers serving this county's villages, by home county.
                var from: [String: Set<String>] = [:]
                for c in plan.chosen where c.isSupport && plan.problem.villages[c.village].county == county.id {
                    let a = plan.problem.advisers[c.adviser]
                    from[a.county, default: []].insert(a.id)
                }
                let senders = from.keys.sorted { (from[$0]!.count, $1) > (from[$1]!.count, $0) }.map { id in
                    "\(from[id]!.count) \(plan.problem.settings.serviceModel == .team ? "team" : "adviser")\(from[id]!.count == 1 ? "" : "s") from \(plan.problem.countyByID[id]?.name ?? id)"
                }
                let covered = left - now
                let what = now == 0 ? "the \(left) village\(left == 1 ? "" : "s") left" : "\(covered) of the \(left) villages left"
                let text: String
                if senders.isEmpty {
                    // No other county helps: the wider radius lets the county's own advisers reach further.
                    let was = focus.maxKm.map { " instead of \($0.formatted) km" } ?? ""
                    text = "a candidate radius (max_km) of \(km.formatted) km\(was) would let the county's own advisers cover \(what) in \(county.name)"
                } else {
                    text = "\(senders.joined(separator: " and ")) within \(km.formatted) km would cover \(what) in \(county.name)"
                }
                findings.append(DiagnosisFinding(kind: "support", county: county.id, text: text, villagesCovered: covered))
                remaining[county.id] = now == 0 ? nil : now
            }
        }
        return findings
    }

    /// Team model with `needs: require`: how many more villages a partial cover of their needs would serve.
    private func needsFindings(_ focus: Scenario, base: [String: Int]) throws -> [DiagnosisFinding] {
        guard focus.assignment.serviceModel == .team, focus.assignment.needs == .require else { return [] }
        let left = base.values.reduce(0, +)
        guard left > 0 else { return [] }
        var s = focus
        s.assignment.needs = .prefer
        let now = uncoveredByCounty(try solve(s)).values.reduce(0, +)
        guard now < left else { return [] }
        return [DiagnosisFinding(
            kind: "needs", county: nil,
            text: "with `needs: prefer` (a team may cover only part of a village's needs, at \(focus.weights.needs.formatted) per need missing) \(left - now) of the \(left) villages left would be covered; otherwise teams with the missing specialties are needed",
            villagesCovered: left - now)]
    }

    private func conflictFindings(_ focus: Scenario, plan: Plan, base: [String: Int]) throws -> [DiagnosisFinding] {
        let p = plan.problem
        guard !p.villageConflicts.isEmpty else { return [] }
        // Clusters: connected parts of the conflict graph that hold an uncovered village.
        var sets = UnionFind(count: p.villages.count)
        for c in p.villageConflicts { sets.union(c.a, c.b) }
        var clusters: [Int: [Int]] = [:]
        for c in p.villageConflicts { clusters[sets.find(c.a)] = [] }
        for v in p.villages.indices where clusters[sets.find(v)] != nil { clusters[sets.find(v)]!.append(v) }
        let uncovered = Set(plan.rows.filter { $0.candidate == nil }.map(\.village))
        var findings: [DiagnosisFinding] = []
        for root in clusters.keys.sorted() {
            let members = clusters[root]!
            guard members.contains(where: uncovered.contains) else { continue }
            let ids = Set(members.map { p.villages[$0].id })
            var s = focus
            s.conflicts = s.conflicts.filter { !(ids.contains($0.a) && ids.contains($0.b)) }
            let gained = uncoveredByCounty(plan).values.reduce(0, +) - uncoveredByCounty(try solve(s)).values.reduce(0, +)
            let eligible = Set(members.flatMap { v in p.candidateRange[v].map { p.candidates[$0].adviser } })
            let needed = Self.largestClique(members, conflicts: p.villageConflicts)
            guard gained > 0 || needed > eligible.count else { continue }
            let list = members.map { p.villages[$0].name }.joined(separator: ", ")
            var text = "conflict cluster {\(list)} needs \(needed) different advisers"
            text += needed > eligible.count ? " but only \(eligible.count) \(eligible.count == 1 ? "is" : "are") eligible" : " (\(eligible.count) eligible)"
            if gained > 0 { text += "; without these conflicts \(gained) more village\(gained == 1 ? " is" : "s are") covered" }
            findings.append(DiagnosisFinding(kind: "conflict_cluster", county: p.villages[members[0]].county, text: text, villagesCovered: max(0, gained)))
        }
        return findings
    }

    // MARK: Helpers

    private func solve(_ s: Scenario) throws -> Plan {
        var quiet = solver
        quiet.progress = nil
        return try quiet.solve(AssignmentProblem(scenario: s))
    }

    private func uncoveredByCounty(_ plan: Plan) -> [String: Int] {
        var result: [String: Int] = [:]
        for row in plan.rows where row.candidate == nil { result[plan.problem.villages[row.village].county, default: 0] += 1 }
        return result
    }

    private func names(_ counties: [CountyOutcome]) -> String {
        counties.count == 1 ? counties[0].name : "\(counties.count) counties (\(counties.map(\.name).joined(separator: ", ")))"
    }

    /// The scenario cut down to the villages of `counties`, with every adviser of their cities.
    static func focus(_ s: Scenario, counties: Set<String>) -> Scenario {
        var focus = s
        let countyByID = Dictionary(s.counties.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let cities = Set(counties.map { countyByID[$0]?.city ?? $0 })
        focus.villages = s.villages.filter { counties.contains($0.county) }
        focus.advisers = s.advisers.filter { cities.contains(countyByID[$0.county]?.city ?? $0.county) }
        return focus
    }

    /// The size of the largest set of villages that conflict pairwise (exact for small clusters).
    static func largestClique(_ members: [Int], conflicts: [(a: Int, b: Int, reason: String)]) -> Int {
        var adjacent: [Int: Set<Int>] = [:]
        for c in conflicts { adjacent[c.a, default: []].insert(c.b); adjacent[c.b, default: []].insert(c.a) }
        guard members.count <= 16 else { return 2 }   // any conflict needs two advisers; exact search is for small clusters
        var best = 1
        func grow(_ clique: [Int], _ candidates: [Int]) {
            best = max(best, clique.count)
            for (i, v) in candidates.enumerated() {
                grow(clique + [v], candidates[(i + 1)...].filter { adjacent[v]?.contains($0) ?? false })
            }
        }
        grow([], members)
        return best
    }
}
