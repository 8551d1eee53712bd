import CounselModel
import Dispatch
import Foundation
import GLPK

/// Lower bounds on the blocking pairs of every plan, from relaxations of the whole stable model:
/// the proof that no stable plan exists when a part is too big for its whole model to be solved
/// (a city joined by support: 3,000 villages, half a million pairs).
///
/// For a set of villages G (one county's), take only G's own rows of ``StableModel`` — each
/// village of G covered, no pair of a village of G blocks (with a b column that may break the
/// row), G's conflicts — and every row of each unit that has a pair with G (its caps, "full from
/// level k on"), with all the x in those rows: the x of villages outside G are then bounded only
/// by the units' rows. Every plan of the whole problem, with its blocking pairs marked, satisfies
/// these rows, so the least Σ b of G's pairs over this relaxation, rounded up, is at most the
/// number of G's pairs that block any plan. A pair belongs to its village's county, so the bounds
/// of the counties add up to a bound on the blocking pairs of the whole plan; a positive one
/// proves that no stable plan exists. The LP relaxation answers in seconds where the integer
/// program would take minutes; it is already positive where a county's rankings and conflicts
/// leave no stable plan (the generated 3,000-village city: two of its 14 counties).
struct StableRelaxation {
    var options: SolverOptions
    var threads: Int

    /// One county's bound.
    struct CountyBound: Sendable {
        var county: String
        var villages: Int
        /// Blocking pairs of the county's villages that every plan has at least.
        var blocking: Int
    }

    /// The bounds of the counties of `villages`, in county order; a county whose LP did not solve
    /// (time limit, Ctrl-C) counts 0. `known`: a plan of the whole problem, whose blocking pairs
    /// in a county cap that county's bound (branch and bound stops once its bound reaches them).
    func countyBounds(
        _ p: AssignmentProblem, villages: [VillageIndex], known: [CandidateIndex?]? = nil
    ) throws -> [CountyBound] {
        let byCounty = Dictionary(grouping: villages) { p.villages[$0].county }
        let counties = byCounty.keys.sorted()
        var upper: [String: Int] = [:]
        if let known {
            for k in p.blockingCandidates(known, villages: villages) {
                upper[p.villages[p.candidates[k].village].county, default: 0] += 1
            }
        }
        let me = self
        let caps = known == nil ? nil : upper
        return try ParallelSolves.map(count: counties.count, threads: threads) { i in
            let group = byCounty[counties[i]]!.sorted()
            let blocking = try me.bound(p, villages: group, atMost: caps.map { $0[counties[i]] ?? 0 })
            return CountyBound(county: counties[i], villages: group.count, blocking: blocking)
        }
    }

    /// The least number of pairs of `group`'s villages that block a plan, bounded from below by the
    /// LP of the relaxation above; where that says nothing, by branch and bound on the relaxation
    /// with its f, g and b whole (x stays continuous, which only relaxes it further) for at most
    /// ``integerNodes`` nodes (and ``integerSeconds``), or until its bound reaches `upper` (a known
    /// plan's count): its proven bound, rounded up.
    func bound(_ p: AssignmentProblem, villages group: [VillageIndex], atMost upper: Int? = nil) throws -> Int {
        if upper == 0 { return 0 }
        let pairs = group.reduce(0) { $0 + p.candidateRange[$1].count }
        var (program, binaries) = Self.model(p, villages: group, openRows: pairs <= openRowPairs)
        var o = options
        o.presolve = false
        o.incumbent = nil
        o.startingBasis = nil
        let started = DispatchTime.now().uptimeNanoseconds
        let lp = try Solver.solve(program, options: o)
        if debugTiming {
            FileHandle.standardError.write(
                "relaxation \(p.villages[group[0]].county): \(program.variableCount) columns, \(program.constraintCount) rows, LP \(lp.status) \(lp.objective ?? .nan) in \(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9) s\n"
                    .data(using: .utf8)!)
        }
        if lp.status == .infeasible { return 0 }  // cannot happen: every plan with its b is a solution
        let lower = lp.status == .optimal ? Self.roundedUp(lp.objective ?? 0) : 0
        guard lower == 0, lp.status == .optimal else { return lower }
        for j in binaries { program.setKind(LinearProgram.Variable(index: j), .integer) }
        // A node budget, not a clock, so that the bound is the same on any machine; a time limit
        // only when the caller has one.
        o.timeLimit = integerSeconds
        o.relativeGap = 0
        let nodes = NodeBudget(integerNodes, options: &o) { progress in
            // The bound cannot pass a known plan's count: stop there.
            upper.map { target in progress.bound.map { Self.roundedUp($0) >= target } ?? false } ?? false
        }
        let mip = try Solver.solve(program, options: o)
        if debugTiming {
            FileHandle.standardError.write(
                "relaxation \(p.villages[group[0]].county): branch and bound \(mip.status) bound \(mip.bound ?? .nan) after \(nodes.count) nodes at \(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9) s\n"
                    .data(using: .utf8)!)
        }
        switch mip.status {
        case .optimal: return Self.roundedUp(mip.objective ?? 0)
        default: return mip.bound.map(Self.roundedUp) ?? 0
        }
    }

    /// Groups with at most this many pairs have the rows of the pairs their villages do not rank.
    var openRowPairs = 20_000
    /// Branch and bound's nodes on one group.
    var integerNodes = 100
    /// Branch and bound's time on one group, when the solve has a time limit.
    var integerSeconds: Double? = nil

    /// A bound rounded up to whole blocking pairs; 0 for a bound that says nothing (negative,
    /// infinite or not a number, as branch and bound's can be before its first nodes).
    static func roundedUp(_ value: Double) -> Int {
        guard value.isFinite, value > 1e-6 else { return 0 }
        return Int(min(1e15, (value - 1e-6).rounded(.up)))
    }

    /// The relaxation's LP: minimise Σ b over
    ///
    ///     cover_v      Σ_a x_va + u_v = 1                                   v ∈ G
    ///     conflict     x_va + x_wa ≤ 1                                       v, w ∈ G in conflict
    ///     cap_a        X_a(∞) + Y_a(∞) ≤ cap_a,  outside  X°_a + Y°_a ≤ o_a
    ///     full_ak      X_a(k) + Y_a(k) ≥ cap_a·f_ak,   tight_ak  (rest) ≤ cap_a·(1 − f_ak),  f_ak ≤ f_ak′
    ///     stable_va    S_v(r_v(a)) + f_a,r_a(v) [+ g] + b_va ≥ 1             v ∈ G ranks a
    ///     open_va      u_v ≤ f_a,r_a(v) [+ g] + b_va                         v ∈ G does not rank a
    ///
    /// as in ``StableModel`` (same f, g and rows), where X_a(k) sums the x of G's villages that a
    /// ranks k or better and Y_a(k) the villages outside G that a ranks k or better: those only
    /// enter a's rows, so one column per unit, level and side (outside under-resourced counties or
    /// not) bounded by their number stands for all of them — the same LP, a tenth of the columns.
    /// Without `openRows` the rows of pairs the village does not rank are left out (a further
    /// relaxation: they bind only for an uncovered village, and they are most of the rows — a
    /// village ranks 3–5 of its 50–170 candidates), so a county's LP has a tenth of the rows.
    ///
    /// Returns the LP and its f, g and b columns (binary in the model it relaxes).
    static func model(_ p: AssignmentProblem, villages group: [VillageIndex], openRows: Bool = true) -> (
        program: LinearProgram, binaries: [Int]
    ) {
        var builder = RelaxationBuilder(p: p, group: group, openRows: openRows)
        builder.addPairColumns()
        builder.addCoverAndConflicts()
        for a in builder.byUnit.keys.sorted() { builder.addUnitRows(a, outside: builder.outsideCounts[a] ?? [:]) }
        builder.addStabilityRows()
        return (builder.lp, builder.binaries)
    }
}

/// Builds the LP of ``StableRelaxation/model(_:villages:openRows:)`` step by step.
private struct RelaxationBuilder {
    let p: AssignmentProblem
    let group: [VillageIndex]
    let inGroup: Set<VillageIndex>
    let openRows: Bool
    var lp = LinearProgram(name: "stable_relaxation", sense: .minimize)
    /// x of the group's pairs; the pairs of each unit; the levels each unit's rows need.
    var x: [CandidateIndex: Int] = [:]
    var byUnit: [UnitIndex: [CandidateIndex]] = [:]
    var needed: [UnitIndex: Set<Int>] = [:]
    /// Villages outside the group each unit can hold: unit → level → (in, outside) under-resourced counties.
    var outsideCounts: [UnitIndex: [Int: (inside: Int, outside: Int)]] = [:]
    var u: [VillageIndex: Int] = [:]
    var full: [UnitIndex: [Int: Int]] = [:]
    var outsideFull: [UnitIndex: [Int: Int]] = [:]
    var binaries: [Int] = []

    init(p: AssignmentProblem, group: [VillageIndex], openRows: Bool) {
        self.p = p
        self.group = group
        self.inGroup = Set(group)
        self.openRows = openRows
    }

    func column(_ j: Int) -> LinearProgram.Variable { LinearProgram.Variable(index: j) }
    func level(_ k: CandidateIndex) -> Int { p.candidates[k].adviserRank ?? Int.max }

    /// The group's x, and the outside villages counted by unit, level and side.
    mutating func addPairColumns() {
        for v in group {
            for k in p.candidateRange[v] {
                let a = p.candidates[k].unit
                x[k] = lp.addVariable(name: "x\(k)", bounds: .between(0, 1)).index
                byUnit[a, default: []].append(k)
                if openRows || p.candidates[k].villageRank != nil { needed[a, default: []].insert(level(k)) }
            }
        }
        for k in p.candidateIndices {
            let c = p.candidates[k]
            guard byUnit[c.unit] != nil, !inGroup.contains(c.village) else { continue }
            var n = outsideCounts[c.unit, default: [:]][level(k)] ?? (0, 0)
            if p.inUnderResourcedCounty[c.village] { n.inside += 1 } else { n.outside += 1 }
            outsideCounts[c.unit, default: [:]][level(k)] = n
        }
    }

    /// Each village of the group covered once (or u); conflicts of interest inside the group.
    mutating func addCoverAndConflicts() {
        for v in group {
            u[v] = lp.addVariable(name: "u\(v)").index
            var terms = p.candidateRange[v].map { (column(x[$0]!), 1.0) }
            terms.append((column(u[v]!), 1))
            lp.addConstraint(name: "cover\(v)", terms: terms, bounds: .exactly(1))
        }
        for v in group {
            for ci in p.conflictIndex[v] {
                let conflict = p.villageConflicts[ci]
                let w = conflict.a == v ? conflict.b : conflict.a
                guard w > v, inGroup.contains(w) else { continue }
                var ofW: [UnitIndex: Int] = [:]
                for k in p.candidateRange[w] { ofW[p.candidates[k].unit] = x[k] }
                for k in p.candidateRange[v] {
                    guard let jw = ofW[p.candidates[k].unit] else { continue }
                    lp.addConstraint(
                        name: "conflict\(k)_\(jw)", terms: [(column(x[k]!), 1), (column(jw), 1)], bounds: .atMost(1))
                }
            }
        }
    }

    /// Unit `a`'s caps and, at each level its rows need, its f (and g) with their rows; the
    /// outside villages as one y column per level and side.
    mutating func addUnitRows(_ a: UnitIndex, outside: [Int: (inside: Int, outside: Int)]) {
        let cap = Double(p.totalCap[a])
        // (column, level, outside under-resourced counties) of everything a can hold.
        var held: [(column: Int, level: Int, outsideURC: Bool)] = byUnit[a]!.map {
            (x[$0]!, level($0), !p.inUnderResourcedCounty[p.candidates[$0].village])
        }
        for (r, n) in outside.sorted(by: { $0.key < $1.key }) {
            if n.inside > 0 {
                let y = lp.addVariable(name: "y\(a)_\(r)_in", bounds: .between(0, Double(n.inside)))
                held.append((y.index, r, false))
            }
            if n.outside > 0 {
                let y = lp.addVariable(name: "y\(a)_\(r)_out", bounds: .between(0, Double(n.outside)))
                held.append((y.index, r, true))
            }
        }
        func sum(_ keep: (Int, Bool) -> Bool) -> [(LinearProgram.Variable, Double)] {
            held.filter { keep($0.level, $0.outsideURC) }.map { (column($0.column), 1.0) }
        }
        lp.addConstraint(name: "cap\(a)", terms: sum { _, _ in true }, bounds: .atMost(cap))
        let o = p.outsideCap[a]
        if let o { lp.addConstraint(name: "outside\(a)", terms: sum { _, out in out }, bounds: .atMost(Double(o))) }
        guard p.totalCap[a] > 0, let levels = needed[a] else { return }
        var previous: Int?
        var previousOut: Int?
        for r in levels.sorted() {
            let f = lp.addVariable(name: "f\(a)_\(r)", bounds: .between(0, 1)).index
            full[a, default: [:]][r] = f
            binaries.append(f)
            lp.addConstraint(
                name: "full\(a)_\(r)", terms: sum { l, _ in l <= r } + [(column(f), -cap)], bounds: .atLeast(0))
            let worse = sum { l, _ in l > r }
            if !worse.isEmpty {
                lp.addConstraint(name: "tight\(a)_\(r)", terms: worse + [(column(f), cap)], bounds: .atMost(cap))
            }
            if let previous {
                lp.addConstraint(
                    name: "chain\(a)_\(r)", terms: [(column(previous), 1), (column(f), -1)], bounds: .atMost(0))
            }
            previous = f
            guard let o, o > 0 else { continue }
            let g = lp.addVariable(name: "g\(a)_\(r)", bounds: .between(0, 1)).index
            outsideFull[a, default: [:]][r] = g
            binaries.append(g)
            lp.addConstraint(
                name: "fullout\(a)_\(r)", terms: sum { l, out in out && l <= r } + [(column(g), -Double(o))],
                bounds: .atLeast(0))
            if let previousOut {
                lp.addConstraint(
                    name: "chainout\(a)_\(r)", terms: [(column(previousOut), 1), (column(g), -1)], bounds: .atMost(0))
            }
            previousOut = g
        }
    }

    /// No pair of the group blocks, or its b says it does.
    mutating func addStabilityRows() {
        for v in group {
            for k in p.candidateRange[v] {
                let c = p.candidates[k]
                if c.villageRank == nil && !openRows { continue }
                let r = level(k)
                var terms: [(LinearProgram.Variable, Double)] = []
                var lower = 1.0
                if let rv = c.villageRank {
                    for j in p.candidateRange[v] where (p.candidates[j].villageRank ?? Int.max) <= rv {
                        terms.append((column(x[j]!), 1))
                    }
                } else {
                    terms.append((column(u[v]!), -1))
                    lower = 0
                }
                if let f = full[c.unit]?[r] { terms.append((column(f), 1)) }
                if !p.inUnderResourcedCounty[v], let g = outsideFull[c.unit]?[r] { terms.append((column(g), 1)) }
                let b = lp.addVariable(name: "b\(k)", bounds: .between(0, 1), objective: 1).index
                terms.append((column(b), 1))
                binaries.append(b)
                lp.addConstraint(name: "stable\(k)", terms: terms, bounds: .atLeast(lower))
            }
        }
    }
}

/// Stops branch and bound after a number of nodes, so that what a capped solve finds does not
/// depend on the machine's speed (a time limit does); Ctrl-C (the options' interrupt flag) still
/// stops it, and so does `also` when it returns true for the progress so far.
final class NodeBudget: @unchecked Sendable {
    /// Node selections so far (counted on the solving thread only).
    private(set) var count = 0

    /// Installs the budget in `options` (its interrupt flag and progress callback).
    init(
        _ nodes: Int, options: inout SolverOptions,
        also: (@Sendable (SolverOptions.Progress) -> Bool)? = nil
    ) {
        let stop = InterruptFlag()
        let outer = options.interrupt
        options.interrupt = stop
        options.progress = { progress in
            self.count += 1
            if (outer?.isRequested ?? false) || self.count >= nodes || (also?(progress) ?? false) { stop.request() }
        }
    }
}
