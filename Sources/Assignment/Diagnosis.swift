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
    ///
    /// The what-ifs keep the rest of the plan as it is: only the short counties' villages are
    /// re-solved, with every adviser of their cities minus the places the plan gives them
    /// elsewhere (``Reservation``). So each finding is true of the whole scenario (the rest of the
    /// plan and the what-if's plan together are a plan under the changed rule), and a what-if
    /// costs a county's solve, not a province's. The what-ifs are independent and run in parallel.
    public func run(for plan: Plan) throws -> [DiagnosisFinding] {
        let p = plan.problem
        var findings: [DiagnosisFinding] = []
        let short = plan.counties.filter { $0.uncovered > 0 }
        if !short.isEmpty {
            let counties = Set(short.map(\.id))
            var focus = Self.focus(p.scenario, counties: counties)
            // Coverage is what the what-ifs measure: the plain model answers it (with stability
            // required, a fix that lets the villages be covered is still a fix; the finding says so).
            let stableRequired = focus.assignment.stable
            focus.assignment.stable = false
            let reserved = Self.reservations(plan, outside: counties)
            // The plan restricted to the short counties is the base: an optimal plan covers as many
            // of their villages as any what-if that keeps the rest of it (else it was not optimal).
            let base =
                plan.status == .optimal || !p.previousID.allSatisfy({ $0 == nil })
                ? uncoveredByCounty(plan)
                : uncoveredByCounty(try solve(focus, reserved: reserved))
            let baseUncovered = base.filter { counties.contains($0.key) }
            var whatIfs: [(kind: DiagnosisKind, value: Double, scenario: Scenario)] = []
            whatIfs += capVariants(focus, short: short).map { (DiagnosisKind.cap, Double($0.cap), $0.scenario) }
            whatIfs += supportVariants(focus).map { (DiagnosisKind.support, $0.km, $0.scenario) }
            whatIfs += conflictVariants(focus, plan: plan).map {
                (DiagnosisKind.conflictCluster, Double($0.root), $0.scenario)
            }
            if focus.assignment.serviceModel == .team && focus.assignment.needs == .require {
                var s = focus
                s.assignment.needs = .prefer
                whatIfs.append((.needs, 0, s))
            }
            let me = self
            let jobs = whatIfs
            let plans = try ParallelSolves.map(count: jobs.count, threads: solver.threads) { i in
                try me.solve(jobs[i].scenario, reserved: reserved, threads: 1)
            }
            func results(_ kind: DiagnosisKind) -> [(value: Double, plan: Plan)] {
                zip(whatIfs, plans).filter { $0.0.kind == kind }.map { ($0.0.value, $0.1) }
            }
            findings += capFindings(focus, short: short, base: baseUncovered, results: results(.cap))
            findings += supportFindings(focus, short: short, base: baseUncovered, results: results(.support))
            findings += conflictFindings(plan: plan, base: baseUncovered, results: results(.conflictCluster))
            findings += needsFindings(focus, base: baseUncovered, results: results(.needs))
            if stableRequired {
                for i in findings.indices where findings[i].villagesCovered > 0 {
                    findings[i].text += tr("diagnosis.stableOnly")
                }
            }
        }
        if p.settings.stable, plan.stableExists == false {
            var relaxed = p.scenario
            let villageIDs = Set(p.villages.map(\.id))
            relaxed.conflicts = relaxed.conflicts.filter { c in !(villageIDs.contains(c.a) && villageIDs.contains(c.b))
            }
            let without = try solve(relaxed)
            // The plan's count when it is proven the fewest; otherwise only the proven lower bound.
            let proven = plan.blockingProvenMinimal
            let blocking = proven ? plan.blockingPairs.count : (plan.blockingLowerBound ?? 1)
            let key = Self.stabilityFindingKey(withoutConflicts: without.stableExists, proven: proven)
            findings.append(
                DiagnosisFinding(
                    kind: .stability, county: nil, text: tr(key, ["blocking": blocking]), villagesCovered: 0))
        }
        return findings
    }

    /// The catalogue key of the finding on a plan with no stable plan, from what the re-solve
    /// without the conflicts of interest between villages settled: a stable plan exists without them
    /// (the conflicts are the cause), none exists (the caps are), or the re-solve did not settle it
    /// in its share of the time limit (then the finding says only that). `proven`: the plan's
    /// blocking pairs are proven the fewest.
    static func stabilityFindingKey(withoutConflicts stableExists: Bool?, proven: Bool) -> String {
        switch stableExists {
        case true?: return proven ? "diagnosis.stability.conflicts" : "diagnosis.stability.conflictsAtLeast"
        case false?: return proven ? "diagnosis.stability.caps" : "diagnosis.stability.capsAtLeast"
        case nil: return proven ? "diagnosis.stability.unsettled" : "diagnosis.stability.unsettledAtLeast"
        }
    }

    /// Places each unit of the plan's problem holds in villages outside `counties`.
    static func reservations(_ plan: Plan, outside counties: Set<String>) -> [String: Reservation] {
        let p = plan.problem
        var taken: [UnitIndex: (total: Int, outside: Int)] = [:]
        for c in plan.chosen where !counties.contains(p.villages[c.village].county) {
            var t = taken[c.unit] ?? (0, 0)
            t.total += 1
            if !p.inUnderResourcedCounty[c.village] { t.outside += 1 }
            taken[c.unit] = t
        }
        var result: [String: Reservation] = [:]
        for a in p.unitIndices {
            let t = taken[a] ?? (0, 0)
            // Units whose caps came from an under-resourced candidate keep those caps in the what-if.
            let underResourced = p.hasUnderResourcedCandidate[a]
            if t.total > 0 || underResourced {
                result[p.units[a].id] = Reservation(
                    total: t.total, outside: t.outside, underResourced: underResourced)
            }
        }
        return result
    }

    // MARK: What-ifs

    private func capVariants(_ focus: Scenario, short: [CountyOutcome]) -> [(cap: Int, scenario: Scenario)] {
        let rules = focus.rules.assignment
        let underResourced = short.contains(where: \.underResourced) && rules.underResourcedCap != nil
        let current = underResourced ? rules.underResourcedCap!.value : rules.cap.value
        return ((current + 1)...(current + extraCap)).map { cap in
            var s = focus
            if underResourced {
                s.rules.assignment.underResourcedCap!.value = cap
            } else {
                s.rules.assignment.cap.value = cap
                if let ur = s.rules.assignment.underResourcedCap, ur.value < cap {
                    s.rules.assignment.underResourcedCap!.value = cap
                }
            }
            return (cap, s)
        }
    }

    private func capFindings(
        _ focus: Scenario, short: [CountyOutcome], base: [String: Int],
        results: [(value: Double, plan: Plan)]
    ) -> [DiagnosisFinding] {
        let rules = focus.rules.assignment
        let total = short.reduce(0) { $0 + $1.villages }
        let left = base.values.reduce(0, +)
        guard left > 0 else { return [] }
        let underResourced = short.contains(where: \.underResourced) && rules.underResourcedCap != nil
        let current = underResourced ? rules.underResourcedCap!.value : rules.cap.value
        var best: (cap: Int, left: Int)?
        for (value, plan) in results.sorted(by: { $0.value < $1.value }) {
            let remaining = uncoveredByCounty(plan).values.reduce(0, +)
            if best == nil || remaining < best!.left { best = (Int(value), remaining) }
            if remaining == 0 { break }
        }
        guard let best, best.left < left else {
            return [
                DiagnosisFinding(
                    kind: .cap, county: nil,
                    text: tr("diagnosis.cap.none", ["higher": current + extraCap, "current": current]),
                    villagesCovered: 0)
            ]
        }
        let which = tr(underResourced ? "diagnosis.cap.which.underResourced" : "diagnosis.cap.which.plain")
        let text =
            best.left == 0
            ? tr(
                "diagnosis.cap.all",
                ["which": which, "cap": best.cap, "current": current, "total": total, "counties": names(short)])
            : tr(
                "diagnosis.cap.some",
                [
                    "which": which, "cap": best.cap, "current": current, "covered": left - best.left, "left": left,
                    "counties": names(short), "remaining": best.left,
                ])
        return [
            DiagnosisFinding(
                kind: .cap, county: short.count == 1 ? short[0].id : nil, text: text, villagesCovered: left - best.left)
        ]
    }

    private func supportVariants(_ focus: Scenario) -> [(km: Double, scenario: Scenario)] {
        let radii = focus.maxKm.map { [$0 * 1.5, $0 * 2] } ?? supportRadii
        return radii.map { km in
            var s = focus
            s.maxKm = km
            return (km, s)
        }
    }

    private func supportFindings(
        _ focus: Scenario, short: [CountyOutcome], base: [String: Int],
        results: [(value: Double, plan: Plan)]
    ) -> [DiagnosisFinding] {
        var findings: [DiagnosisFinding] = []
        var remaining = Dictionary(uniqueKeysWithValues: short.map { ($0.id, base[$0.id] ?? 0) }).filter {
            $0.value > 0
        }
        for (km, plan) in results.sorted(by: { $0.value < $1.value }) where !remaining.isEmpty {
            let after = uncoveredByCounty(plan)
            for county in short where remaining[county.id] != nil {
                let left = remaining[county.id]!
                let now = after[county.id] ?? 0
                guard now < left else { continue }
                // Who would come: support advisers serving this county's villages, by home county.
                var from: [String: Set<String>] = [:]
                for c in plan.chosen where c.isSupport && plan.problem.villages[c.village].county == county.id {
                    let a = plan.problem.units[c.unit]
                    from[a.county, default: []].insert(a.id)
                }
                let senders = from.keys.sorted { (from[$0]!.count, $1) > (from[$1]!.count, $0) }.map { id in
                    tr(
                        plan.problem.settings.serviceModel == .team
                            ? "diagnosis.support.senders.team" : "diagnosis.support.senders.adviser",
                        ["count": from[id]!.count, "county": plan.problem.countyByID[id]?.name ?? id])
                }
                let covered = left - now
                let what =
                    now == 0
                    ? tr("diagnosis.support.all", ["left": left])
                    : tr("diagnosis.support.some", ["covered": covered, "left": left])
                let text: String
                if senders.isEmpty {
                    // No other county helps: the wider radius lets the county's own advisers reach further.
                    let was = focus.maxKm.map { tr("diagnosis.support.was", ["km": $0.formatted]) } ?? ""
                    text = tr(
                        "diagnosis.support.radius",
                        ["km": km.formatted, "was": was, "what": what, "county": county.name])
                } else {
                    text = tr(
                        "diagnosis.support.from",
                        [
                            "senders": senders.joined(separator: tr("diagnosis.support.and")), "km": km.formatted,
                            "what": what, "county": county.name,
                        ])
                }
                findings.append(
                    DiagnosisFinding(kind: .support, county: county.id, text: text, villagesCovered: covered))
                remaining[county.id] = now == 0 ? nil : now
            }
        }
        return findings
    }

    /// Team model with `needs: require`: how many more villages a partial cover of their needs would serve.
    private func needsFindings(_ focus: Scenario, base: [String: Int], results: [(value: Double, plan: Plan)])
        -> [DiagnosisFinding]
    {
        guard let plan = results.first?.plan else { return [] }
        let left = base.values.reduce(0, +)
        guard left > 0 else { return [] }
        let now = uncoveredByCounty(plan).values.reduce(0, +)
        guard now < left else { return [] }
        return [
            DiagnosisFinding(
                kind: .needs, county: nil,
                text: tr(
                    "diagnosis.needs", ["weight": focus.weights.needs.formatted, "covered": left - now, "left": left]),
                villagesCovered: left - now)
        ]
    }

    /// Conflict clusters (connected parts of the conflict graph) that hold an uncovered village,
    /// each with the focus scenario without its conflicts; `root` identifies the cluster.
    private func conflictVariants(_ focus: Scenario, plan: Plan) -> [(root: Int, scenario: Scenario)] {
        let p = plan.problem
        guard !p.villageConflicts.isEmpty else { return [] }
        let uncovered = Set(plan.rows.filter { $0.candidate == nil }.map(\.village))
        return Self.clusters(p).filter { $0.members.contains(where: uncovered.contains) }.map { cluster in
            let ids = Set(cluster.members.map { p.villages[$0].id })
            var s = focus
            s.conflicts = s.conflicts.filter { !(ids.contains($0.a) && ids.contains($0.b)) }
            return (cluster.root, s)
        }
    }

    static func clusters(_ p: AssignmentProblem) -> [(root: Int, members: [VillageIndex])] {
        var sets = VillageUnitSets(p)
        for c in p.villageConflicts { sets.union(c.a, c.b) }
        var clusters: [Int: [VillageIndex]] = [:]
        for c in p.villageConflicts { clusters[sets.find(c.a)] = [] }
        for v in p.villageIndices where clusters[sets.find(v)] != nil { clusters[sets.find(v)]!.append(v) }
        return clusters.keys.sorted().map { ($0, clusters[$0]!) }
    }

    private func conflictFindings(plan: Plan, base: [String: Int], results: [(value: Double, plan: Plan)])
        -> [DiagnosisFinding]
    {
        let p = plan.problem
        let byRoot = Dictionary(results.map { (Int($0.value), $0.plan) }, uniquingKeysWith: { a, _ in a })
        let baseLeft = base.values.reduce(0, +)
        var findings: [DiagnosisFinding] = []
        for cluster in Self.clusters(p) {
            guard let without = byRoot[cluster.root] else { continue }
            let members = cluster.members
            let gained = baseLeft - uncoveredByCounty(without).values.reduce(0, +)
            let eligible = Set(members.flatMap { v in p.candidateRange[v].map { p.candidates[$0].unit } })
            let needed = Self.largestClique(members, conflicts: p.villageConflicts)
            guard gained > 0 || needed > eligible.count else { continue }
            let list = members.map { p.villages[$0].name }.joined(separator: tr("list.separator"))
            var text = tr("diagnosis.conflict.needs", ["list": list, "needed": needed])
            text += tr(
                needed > eligible.count ? "diagnosis.conflict.onlyEligible" : "diagnosis.conflict.eligible",
                ["eligible": eligible.count])
            if gained > 0 { text += tr("diagnosis.conflict.gained", ["gained": gained]) }
            findings.append(
                DiagnosisFinding(
                    kind: .conflictCluster, county: p.villages[members[0]].county, text: text,
                    villagesCovered: max(0, gained)))
        }
        return findings
    }

    // MARK: Helpers

    private func solve(_ s: Scenario, reserved: [String: Reservation] = [:], threads: Int? = nil) throws -> Plan {
        var quiet = solver
        quiet.progress = nil
        if let threads { quiet.threads = threads }
        return try quiet.solve(AssignmentProblem(scenario: s, reserved: reserved))
    }

    private func uncoveredByCounty(_ plan: Plan) -> [String: Int] {
        var result: [String: Int] = [:]
        for row in plan.rows where row.candidate == nil {
            result[plan.problem.villages[row.village].county, default: 0] += 1
        }
        return result
    }

    private func names(_ counties: [CountyOutcome]) -> String {
        counties.count == 1
            ? counties[0].name
            : tr(
                "diagnosis.counties",
                ["count": counties.count, "names": counties.map(\.name).joined(separator: tr("list.separator"))])
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
    static func largestClique(
        _ members: [VillageIndex], conflicts: [(a: VillageIndex, b: VillageIndex, reason: String)]
    ) -> Int {
        var adjacent: [VillageIndex: Set<VillageIndex>] = [:]
        for c in conflicts {
            adjacent[c.a, default: []].insert(c.b)
            adjacent[c.b, default: []].insert(c.a)
        }
        // any conflict needs two advisers; exact search is for small clusters
        guard members.count <= 16 else { return 2 }
        var best = 1
        func grow(_ clique: [VillageIndex], _ candidates: [VillageIndex]) {
            best = max(best, clique.count)
            for (i, v) in candidates.enumerated() {
                grow(clique + [v], candidates[(i + 1)...].filter { adjacent[v]?.contains($0) ?? false })
            }
        }
        grow([], members)
        return best
    }
}
