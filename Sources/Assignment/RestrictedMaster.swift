import CounselModel
import Foundation
import GLPK

/// `VILLAGE_COUNSEL_SOLVE_TIMES=1` prints each group, part and level solve with its time to standard
/// error (for the benchmark notes; no output of the planner changes).
let debugTiming = ProcessInfo.processInfo.environment["VILLAGE_COUNSEL_SOLVE_TIMES"] != nil

/// The plain model of one group of villages and units, restricted to some of its candidate
/// pairs, solved by column generation (a "restricted master"):
///
///     minimise   M·Σ_v u_v + Σ_(v,a) c_va·x_va                      (x over the present pairs only)
///     subject to Σ_a x_va + u_v = 1                      every village v       (cover_v)
///                Σ_v x_va ≤ cap_a                         every adviser a       (cap_a)
///                Σ_(v outside under-resourced) x_va ≤ o_a (Guangdong)           (outside_a)
///                x_va + x_wa ≤ 1                          conflicting v, w sharing a present a
///
/// Its LP is solved; every candidate pair of the group is priced with the duals,
/// `rc = c_va − π(cover_v) − π(cap_a) − π(outside_a)` (a conflict row that is not in the model
/// has dual zero); pairs with `rc < 0` are added, and the LP is solved again from the last basis
/// (still primal feasible: new columns enter at zero, new rows with their slack basic). When no
/// pair prices out, the LP optimum is the LP optimum of the group with every pair.
///
/// Without conflicts the LP is a transportation problem with a laminar family of caps, whose
/// optimal basic solution is integral; otherwise branch and bound runs on the present pairs plus
/// every pair whose reduced cost is below the integrality gap (a plan using any other pair costs
/// at least the LP bound plus its reduced cost, so it cannot be better), which makes the integer
/// result the group's integer optimum.
struct RestrictedMaster: Sendable {
    /// Villages of the group, ascending.
    var villages: [VillageIndex]
    /// Units of the group, ascending.
    var units: [UnitIndex]
    /// Candidate pairs in the model, in the order they were added.
    var present: [CandidateIndex] = []
    /// Basis statuses kept between solves, by key (absent: a row's slack basic, a column at zero).
    var basis: [Key: Basis.Status] = [:]
    /// Whether ``basis`` holds a solved basis.
    var hasBasis = false

    /// The LP optimum after the last solve.
    var relaxation = 0.0
    /// The integer objective of the group's plan.
    var objective = 0.0
    /// Whether the group's plan is proven optimal (within the requested gap).
    var optimal = false
    /// A proven lower bound on the group's optimum.
    var bound = 0.0
    /// How the last solve ended.
    var status: SolveStatus = .optimal
    /// The chosen candidate of each village of the group (`nil`: uncovered), by position in ``villages``.
    var chosen: [CandidateIndex?] = []
    /// Duals of the last LP, by village / unit of the group (positions in ``villages``/``units``).
    var coverDual: [Double] = []
    var capDual: [Double] = []
    var outsideDual: [Double] = []
    /// GLPK solves made for this group.
    var solves = 0

    /// A row or column of the model, stable across rebuilds (so bases can be carried over).
    enum Key: Hashable, Sendable {
        case x(CandidateIndex)
        case u(VillageIndex)
        case cover(VillageIndex)
        case cap(UnitIndex)
        case outside(UnitIndex)
        /// The conflict (index into ``AssignmentProblem/villageConflicts``) at a unit.
        case conflict(Int, UnitIndex)
    }

    init(villages: [VillageIndex], units: [UnitIndex]) {
        self.villages = villages
        self.units = units
    }

    /// Merges several solved groups into one: the union of their pairs and bases.
    init(merging parts: [RestrictedMaster]) {
        villages = parts.flatMap(\.villages).sorted()
        units = parts.flatMap(\.units).sorted()
        present = parts.flatMap(\.present)
        for part in parts { basis.merge(part.basis) { a, _ in a } }
        hasBasis = parts.contains(where: \.hasBasis)
    }

    // MARK: The program

    /// The program over the present pairs, with the key of every row and column.
    func program(_ p: AssignmentProblem) -> (program: LinearProgram, rows: [Key], columns: [Key]) {
        var lp = LinearProgram(name: "group", sense: .minimize)
        var columns: [Key] = []
        var rows: [Key] = []
        columns.reserveCapacity(present.count + villages.count)
        var byVillage = [[Int]](repeating: [], count: villages.count)  // columns
        var byUnit = [[Int]](repeating: [], count: units.count)
        var outsideByUnit = [[Int]](repeating: [], count: units.count)
        let conflicts = p.conflictsOfVillages(villages)
        var columnOf: [CandidateIndex: Int] = [:]
        for k in present {
            let c = p.candidates[k]
            let j = lp.addVariable(name: "x", bounds: .atLeast(0), kind: .continuous, objective: c.cost).index
            columns.append(.x(k))
            if !conflicts.isEmpty { columnOf[k] = j }
            byVillage[villagePosition(c.village)!].append(j)
            let ap = unitPosition(c.unit)!
            byUnit[ap].append(j)
            if p.outsideCap[c.unit] != nil && !p.inUnderResourcedCounty[c.village] { outsideByUnit[ap].append(j) }
        }
        for (i, v) in villages.enumerated() {
            let j = lp.addVariable(name: "u", bounds: .atLeast(0), kind: .continuous, objective: p.uncoveredPenalty)
                .index
            columns.append(.u(v))
            byVillage[i].append(j)
        }
        for (i, v) in villages.enumerated() {
            lp.addConstraint(
                name: "cover", terms: byVillage[i].map { (LinearProgram.Variable(index: $0), 1) }, bounds: .exactly(1))
            rows.append(.cover(v))
        }
        for (i, a) in units.enumerated() {
            if byUnit[i].count > p.totalCap[a] {
                lp.addConstraint(
                    name: "cap", terms: byUnit[i].map { (LinearProgram.Variable(index: $0), 1) },
                    bounds: .atMost(Double(p.totalCap[a])))
                rows.append(.cap(a))
            }
            if let o = p.outsideCap[a], outsideByUnit[i].count > o {
                lp.addConstraint(
                    name: "outside", terms: outsideByUnit[i].map { (LinearProgram.Variable(index: $0), 1) },
                    bounds: .atMost(Double(o)))
                rows.append(.outside(a))
            }
        }
        // Conflicts of interest (Nanning 002 §二(五)): a row for each adviser both villages have present.
        for ci in conflicts {
            let conflict = p.villageConflicts[ci]
            guard villagePosition(conflict.a) != nil, villagePosition(conflict.b) != nil else { continue }
            var columnOfB: [UnitIndex: Int] = [:]
            for k in p.candidateRange[conflict.b] { if let j = columnOf[k] { columnOfB[p.candidates[k].unit] = j } }
            for k in p.candidateRange[conflict.a] {
                guard let ja = columnOf[k], let jb = columnOfB[p.candidates[k].unit] else { continue }
                lp.addConstraint(
                    name: "conflict",
                    terms: [(LinearProgram.Variable(index: ja), 1), (LinearProgram.Variable(index: jb), 1)],
                    bounds: .atMost(1))
                rows.append(.conflict(ci, p.candidates[k].unit))
            }
        }
        return (lp, rows, columns)
    }

    /// The kept basis for these rows and columns: what is known, else slacks basic and columns at
    /// zero. Before the first solve, a crash basis: each village's cheapest present pair basic in
    /// its cover row, every other slack basic. Its duals price every pair at or above zero (the
    /// cap rows' duals are zero), so the dual simplex starts from it dual feasible and only has
    /// to repair the advisers it over-fills.
    func startingBasis(_ p: AssignmentProblem, rows: [Key], columns: [Key]) -> Basis {
        if hasBasis {
            return Basis(rows: rows.map { basis[$0] ?? .basic }, columns: columns.map { basis[$0] ?? .atLower })
        }
        var cheapest: [VillageIndex: (cost: Double, column: Int)] = [:]  // village → its cheapest present pair
        for (j, key) in columns.enumerated() {
            guard case .x(let k) = key else { continue }
            let c = p.candidates[k]
            if let best = cheapest[c.village], best.cost <= c.cost { continue }
            cheapest[c.village] = (c.cost, j)
        }
        var columnStatus = [Basis.Status](repeating: .atLower, count: columns.count)
        var rowStatus = [Basis.Status](repeating: .basic, count: rows.count)
        for (i, key) in rows.enumerated() {
            guard case .cover(let v) = key else { continue }
            if let best = cheapest[v], best.cost <= p.uncoveredPenalty {
                columnStatus[best.column] = .basic
            } else if let j = columns.firstIndex(of: .u(v)) {
                columnStatus[j] = .basic
            } else {
                continue
            }
            rowStatus[i] = .fixed  // an equality row's slack is fixed when non-basic
        }
        return Basis(rows: rowStatus, columns: columnStatus)
    }

    // MARK: Solving

    /// Column generation to the group's LP optimum, then (when the LP is fractional) branch and
    /// bound over the pairs that can matter. `initialPerVillage` pairs of each village (its
    /// cheapest, and its incumbent's) start the model when it is empty.
    mutating func solve(
        _ p: AssignmentProblem, options: SolverOptions, inGroup: (UnitIndex) -> Bool,
        initialPerVillage: Int = 4, addPerVillage: Int = 6
    ) throws {
        var presentSet = CandidateMarks(p, villages: villages)
        for k in present { _ = presentSet.insert(k, village: p.candidates[k].village) }
        if present.isEmpty {
            for v in villages {
                var local = p.candidateRange[v].filter { inGroup(p.candidates[$0].unit) }
                local.sort { (p.candidates[$0].cost, $0) < (p.candidates[$1].cost, $1) }
                for k in local.prefix(initialPerVillage) where presentSet.insert(k, village: v) { present.append(k) }
            }
        }
        var lpSolution: Solution
        var built: (program: LinearProgram, rows: [Key], columns: [Key])
        while true {
            built = program(p)
            var o = options
            o.method = hasBasis ? .primal : .dual
            o.startingBasis = startingBasis(p, rows: built.rows, columns: built.columns)
            o.presolve = false
            let t0 = DispatchTime.now().uptimeNanoseconds
            lpSolution = try Solver.solve(built.program, options: o)
            solves += 1
            if debugTiming {
                FileHandle.standardError.write(
                    "group \(villages.count)v: LP \(built.program.variableCount)x\(built.program.constraintCount) warm=\(hasBasis) \(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6) ms\n"
                        .data(using: .utf8)!)
            }
            guard lpSolution.status == .optimal else {
                // Only the time limit stops an LP that always has the all-uncovered solution.
                status = lpSolution.status
                optimal = false
                chosen = villages.map { _ in nil }
                if !lpSolution.values.isEmpty { readChoice(p, lpSolution, built.columns) }
                objective = planObjective(p)
                bound = -.infinity
                return
            }
            keepBasis(lpSolution, built)
            readDuals(p, lpSolution, built.rows)
            // Price every pair of the group.
            var added = 0
            for (i, v) in villages.enumerated() {
                var negative: [(Double, CandidateIndex)] = []
                for k in p.candidateRange[v] where !presentSet.contains(k, position: i) {
                    let c = p.candidates[k]
                    guard inGroup(c.unit) else { continue }
                    let rc = reducedCost(p, k, villagePosition: i)
                    if rc < -1e-7 { negative.append((rc, k)) }
                }
                if negative.isEmpty { continue }
                negative.sort { $0 < $1 }
                for (_, k) in negative.prefix(addPerVillage) {
                    _ = presentSet.insert(k, position: i)
                    present.append(k)
                    added += 1
                }
            }
            if added == 0 { break }
        }
        relaxation = lpSolution.objective ?? 0
        readChoice(p, lpSolution, built.columns)
        let integral = built.columns.indices.allSatisfy { j in
            let x = lpSolution.values[j]
            return abs(x - x.rounded()) <= 1e-6
        }
        if integral {
            objective = planObjective(p)
            bound = objective
            status = .optimal
            optimal = true
            return
        }
        try branchAndBound(p, options: options, lp: lpSolution, inGroup: inGroup, presentSet: &presentSet)
    }

    /// Branch and bound on the present pairs; then, if pairs price below the integrality gap of
    /// the plan found, again with them (at most twice: the second plan's gap is no larger, so every
    /// pair below it is present).
    private mutating func branchAndBound(
        _ p: AssignmentProblem, options: SolverOptions, lp: Solution,
        inGroup: (UnitIndex) -> Bool, presentSet: inout CandidateMarks
    ) throws {
        var incumbent: [VillageIndex: CandidateIndex] = [:]  // village → candidate of the best integer plan so far
        while true {
            var built = program(p)
            for (j, key) in built.columns.enumerated() {
                if case .x = key { built.program.setKind(LinearProgram.Variable(index: j), .integer) }
            }
            var o = options
            o.method = hasBasis ? .primal : .dual
            o.startingBasis = startingBasis(p, rows: built.rows, columns: built.columns)
            o.presolve = false
            if !incumbent.isEmpty { o.incumbent = Self.values(of: incumbent, columns: built.columns, p) }
            let s = try Solver.solve(built.program, options: o)
            solves += 1
            guard s.status == .optimal || s.status == .feasible, !s.values.isEmpty else {
                status = s.status
                optimal = false
                if incumbent.isEmpty { chosen = villages.map { _ in nil } } else { apply(incumbent) }
                objective = planObjective(p)
                bound = max(relaxation, s.bound ?? relaxation)
                return
            }
            readChoice(p, s, built.columns)
            incumbent = [:]
            for (i, v) in villages.enumerated() { if let k = chosen[i] { incumbent[v] = k } }
            objective = planObjective(p)
            bound = max(relaxation, min(objective, s.bound ?? relaxation))
            if s.status != .optimal {
                status = s.status
                optimal = false
                return
            }
            // Pairs that could still improve on the plan: reduced cost below the integrality gap.
            let gap = objective - relaxation
            var added = 0
            for (i, v) in villages.enumerated() {
                for k in p.candidateRange[v]
                where !presentSet.contains(k, position: i) && inGroup(p.candidates[k].unit) {
                    if reducedCost(p, k, villagePosition: i) < gap + 1e-9 * max(1, abs(objective)) {
                        _ = presentSet.insert(k, position: i)
                        present.append(k)
                        added += 1
                    }
                }
            }
            if added == 0 {
                status = .optimal
                optimal = true
                return
            }
        }
    }

    private static func values(of plan: [VillageIndex: CandidateIndex], columns: [Key], _ p: AssignmentProblem)
        -> [Double]
    {
        columns.map { key in
            switch key {
            case .x(let k): return plan[p.candidates[k].village] == k ? 1 : 0
            case .u(let v): return plan[v] == nil ? 1 : 0
            default: return 0
            }
        }
    }

    private mutating func apply(_ plan: [VillageIndex: CandidateIndex]) {
        chosen = villages.map { plan[$0] }
    }

    /// The reduced cost of candidate `k` of the village at `villagePosition` under the last duals.
    func reducedCost(_ p: AssignmentProblem, _ k: CandidateIndex, villagePosition: Int) -> Double {
        let c = p.candidates[k]
        guard let ap = unitPosition(c.unit) else { return .infinity }
        var rc = c.cost - coverDual[villagePosition] - capDual[ap]
        if !p.inUnderResourcedCounty[c.village] { rc -= outsideDual[ap] }
        return rc
    }

    /// Position of unit `a` in ``units`` (binary search: they are sorted).
    func unitPosition(_ a: UnitIndex) -> Int? {
        var lo = 0, hi = units.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if units[mid] < a { lo = mid + 1 } else { hi = mid }
        }
        return lo < units.count && units[lo] == a ? lo : nil
    }

    /// Position of village `v` in ``villages``.
    func villagePosition(_ v: VillageIndex) -> Int? {
        var lo = 0, hi = villages.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if villages[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < villages.count && villages[lo] == v ? lo : nil
    }

    private mutating func keepBasis(_ s: Solution, _ built: (program: LinearProgram, rows: [Key], columns: [Key])) {
        guard let b = s.basis else { return }
        basis.removeAll(keepingCapacity: true)
        for (i, key) in built.rows.enumerated() where b.rows[i] != .basic { basis[key] = b.rows[i] }
        for (j, key) in built.columns.enumerated() where b.columns[j] != .atLower { basis[key] = b.columns[j] }
        hasBasis = true
    }

    private mutating func readDuals(_ p: AssignmentProblem, _ s: Solution, _ rows: [Key]) {
        coverDual = [Double](repeating: 0, count: villages.count)
        capDual = [Double](repeating: 0, count: units.count)
        outsideDual = [Double](repeating: 0, count: units.count)
        for (i, key) in rows.enumerated() {
            switch key {
            case .cover(let v): coverDual[villagePosition(v)!] = s.duals[i]
            case .cap(let a): capDual[unitPosition(a)!] = s.duals[i]
            case .outside(let a): outsideDual[unitPosition(a)!] = s.duals[i]
            default: break
            }
        }
    }

    private mutating func readChoice(_ p: AssignmentProblem, _ s: Solution, _ columns: [Key]) {
        chosen = villages.map { _ in nil }
        var best = [Double](repeating: 0.5, count: villages.count)
        for (j, key) in columns.enumerated() {
            guard case .x(let k) = key, s.values[j] > 0.5 else { continue }
            let i = villagePosition(p.candidates[k].village)!
            if s.values[j] > best[i] {
                best[i] = s.values[j]
                chosen[i] = k
            }
        }
    }

    /// M per uncovered village plus the chosen pairs' costs.
    func planObjective(_ p: AssignmentProblem) -> Double {
        chosen.reduce(0.0) { $0 + ($1.map { p.candidates[$0].cost } ?? p.uncoveredPenalty) }
    }
}

extension AssignmentProblem {
    /// Indices into ``villageConflicts`` of the conflicts that involve one of `villages`.
    func conflictsOfVillages(_ villages: [VillageIndex]) -> [Int] {
        guard !villageConflicts.isEmpty else { return [] }
        var result = Set<Int>()
        for v in villages { for ci in conflictIndex[v] { result.insert(ci) } }
        return result.sorted()
    }
}

/// Which candidate pairs of a group's villages are marked (in its model), one flag each, found
/// by the village's position in the group and the pair's place in the village's range.
struct CandidateMarks {
    private var marks: [Bool]
    private var base: [Int]  // by village position: start in `marks` minus the range start
    private var position: [VillageIndex: Int] = [:]  // village → position

    init(_ p: AssignmentProblem, villages: [VillageIndex]) {
        var total = 0
        base = []
        base.reserveCapacity(villages.count)
        for (i, v) in villages.enumerated() {
            base.append(total - p.candidateRange[v].lowerBound.rawValue)
            position[v] = i
            total += p.candidateRange[v].count
        }
        marks = [Bool](repeating: false, count: total)
    }

    /// Marks pair `k` of the village at `position`; returns whether it was new.
    mutating func insert(_ k: CandidateIndex, position i: Int) -> Bool {
        let j = base[i] + k.rawValue
        if marks[j] { return false }
        marks[j] = true
        return true
    }

    /// Marks pair `k` (of village `village`); returns whether it was new.
    mutating func insert(_ k: CandidateIndex, village: VillageIndex) -> Bool {
        guard let i = position[village] else { return false }
        return insert(k, position: i)
    }

    /// Whether pair `k` of the village at `position` is marked.
    func contains(_ k: CandidateIndex, position i: Int) -> Bool { marks[base[i] + k.rawValue] }
}
