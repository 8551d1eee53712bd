import CounselModel
import GLPK

/// The compact model of weakly stable two-way selection (双向选择; Rongchang 000 §三(一),
/// Guangdong 001 §(十二)) for a set of villages and units, with every stability row present (the
/// cutoff formulation of Delorme et al. 2019 and Ágoston et al. 2022, our own code):
///
///     x_va ∈ [0, 1]   v served by a        u_v ≥ 0   v uncovered
///     f_ak ∈ {0, 1}   a is full with villages it ranks k or better (k = ∞: full at all)
///     g_ak ∈ {0, 1}   (an outside cap o_a) a's outside places are full with villages ranked k or better
///
///     cover_v        Σ_a x_va + u_v = 1
///     cap_a          Σ_v x_va ≤ cap_a,   outside_a  Σ_(v outside) x_va ≤ o_a
///     full_ak        cap_a·f_ak ≤ L_a(k) = Σ_(v: r_a(v) ≤ k) x_va      (and o_a·g_ak ≤ L_a^out(k))
///     tight_ak       Σ_(v: r_a(v) > k) x_va ≤ cap_a·(1 − f_ak)          (finite k)
///     chain          f_ak ≤ f_ak′ for consecutive levels k < k′
///     stable_va      S_v(r_v(a)) + f_a,r_a(v) [+ g_a,r_a(v)] [+ b_va] ≥ 1   v ranks a
///     open_va        u_v ≤ f_a,r_a(v) [+ g] [+ b_va]                       v does not rank a
///
/// where `S_v(r) = Σ_(a′: r_v(a′) ≤ r) x_va′` (v has an adviser it likes at least as well) and g
/// enters only for v outside under-resourced counties. A pair (v, a) blocks exactly when its row
/// is broken: v prefers a (uncovered, or ranks a above what it got) and a would take v (a free
/// place, or a village it ranks below v; unranked counts below every ranked, ties never block).
/// So the rows say "no pair blocks", each with O(1) terms. `b_va` exists only when no stable plan
/// does (then Σ b counts blocking pairs).
///
/// With the binaries integral, x lies in a bipartite system whose two sides are nested families
/// (a village's cover and prefix rows; an adviser's cap and prefix rows), which is totally
/// unimodular; so x is continuous except where conflicts of interest or an outside cap (which
/// crosses the adviser's prefixes) break that, and branch and bound branches only on the binaries
/// and those x.
struct StableModel {
    var program: LinearProgram
    /// x column of each candidate pair in the model.
    var x: [Int: Int] = [:]
    /// u column of each village.
    var u: [Int: Int] = [:]
    /// b column of each candidate pair whose row may be broken (`allowBlocking`).
    var b: [Int: Int] = [:]
    /// Candidate pairs of the model, in column order.
    var pairs: [Int] = []
    /// Villages and units of the model.
    var villages: [Int]
    var advisers: [Int]
    /// The f and g columns: unit, level (Int.max: all), column.
    var fullColumns: [(adviser: Int, level: Int, column: Int)] = []
    var outsideFullColumns: [(adviser: Int, level: Int, column: Int)] = []

    /// Which `open_va` rows (unranked pairs, binding only for an uncovered v) to write.
    enum OpenRows {
        case all, none
        case villages(Set<Int>)
    }

    /// Builds the model over `villages`, `advisers` and the candidate pairs between them for which
    /// `alive` holds (pairs the reductions proved in no stable plan are left out).
    init(
        _ p: AssignmentProblem, villages: [Int], advisers: [Int], alive: (Int) -> Bool = { _ in true },
        allowBlocking: Bool, openRows: OpenRows, name: String = "stable"
    ) {
        self.villages = villages
        self.advisers = advisers
        var lp = LinearProgram(name: name, sense: .minimize)
        var xs: [Int: Int] = [:], us: [Int: Int] = [:], bs: [Int: Int] = [:]
        var pairList: [Int] = []
        var fullCols: [(adviser: Int, level: Int, column: Int)] = []
        var outCols: [(adviser: Int, level: Int, column: Int)] = []
        let names = ColumnNames(problem: p)
        let inModel = Set(advisers)
        let infinity = Int.max
        var byAdviser: [Int: [Int]] = [:]
        var conflictVillages = Set<Int>()
        for c in p.conflictsOfVillages(villages) {
            conflictVillages.insert(p.villageConflicts[c].a)
            conflictVillages.insert(p.villageConflicts[c].b)
        }
        for v in villages {
            for k in p.candidateRange[v] where inModel.contains(p.candidates[k].adviser) && alive(k) {
                let c = p.candidates[k]
                let integer = conflictVillages.contains(v) || p.outsideCap[c.adviser] != nil
                xs[k] =
                    lp.addVariable(
                        name: "x_\(names.village(v))_\(names.adviser(c.adviser))", bounds: .between(0, 1),
                        kind: integer ? .integer : .continuous, objective: c.cost
                    ).index
                pairList.append(k)
                byAdviser[c.adviser, default: []].append(k)
            }
        }
        func column(_ j: Int) -> LinearProgram.Variable { LinearProgram.Variable(index: j) }
        for v in villages {
            us[v] =
                lp.addVariable(name: "u_\(names.village(v))", bounds: .atLeast(0), objective: p.uncoveredPenalty).index
        }
        // Cover, caps, conflicts.
        for v in villages {
            var terms = p.candidateRange[v].compactMap { xs[$0] }.map { (column($0), 1.0) }
            terms.append((column(us[v]!), 1))
            lp.addConstraint(name: "cover_\(names.village(v))", terms: terms, bounds: .exactly(1))
        }
        for a in advisers.sorted() {
            let ks = byAdviser[a] ?? []
            if ks.count > p.totalCap[a] {
                lp.addConstraint(
                    name: "cap_\(names.adviser(a))", terms: ks.map { (column(xs[$0]!), 1) },
                    bounds: .atMost(Double(p.totalCap[a])))
            }
            if let o = p.outsideCap[a] {
                let outside = ks.filter { !p.inUnderResourcedCounty[p.candidates[$0].village] }
                if outside.count > o {
                    lp.addConstraint(
                        name: "outside_\(names.adviser(a))", terms: outside.map { (column(xs[$0]!), 1) },
                        bounds: .atMost(Double(o)))
                }
            }
        }
        let villageSet = Set(villages)
        for ci in p.conflictsOfVillages(villages) {
            let conflict = p.villageConflicts[ci]
            guard villageSet.contains(conflict.a), villageSet.contains(conflict.b) else { continue }
            var ofB: [Int: Int] = [:]
            for k in p.candidateRange[conflict.b] { if let j = xs[k] { ofB[p.candidates[k].adviser] = j } }
            for k in p.candidateRange[conflict.a] {
                guard let ja = xs[k], let jb = ofB[p.candidates[k].adviser] else { continue }
                lp.addConstraint(
                    name:
                        "conflict_\(names.village(conflict.a))_\(names.village(conflict.b))_\(names.adviser(p.candidates[k].adviser))",
                    terms: [(column(ja), 1), (column(jb), 1)], bounds: .atMost(1))
            }
        }
        // The levels each unit needs: the ranks it gives the villages whose rows name it.
        func level(_ k: Int) -> Int { p.candidates[k].adviserRank ?? infinity }
        var needed: [Int: Set<Int>] = [:]
        for k in pairList {
            let c = p.candidates[k]
            switch openRows {
            case .all: needed[c.adviser, default: []].insert(level(k))
            case .none: if c.villageRank != nil { needed[c.adviser, default: []].insert(level(k)) }
            case .villages(let set):
                if c.villageRank != nil || set.contains(c.village) { needed[c.adviser, default: []].insert(level(k)) }
            }
        }
        var full: [Int: [Int: Int]] = [:]  // unit → level → f column
        var outsideFull: [Int: [Int: Int]] = [:]
        for a in advisers.sorted() {
            guard let levels = needed[a]?.sorted(), p.totalCap[a] > 0 else { continue }
            let ks = byAdviser[a] ?? []
            let cap = Double(p.totalCap[a])
            var previous: Int?
            for r in levels {
                let label = r == infinity ? "all" : String(r)
                let f = lp.addVariable(name: "f_\(names.adviser(a))_\(label)", bounds: .between(0, 1), kind: .integer)
                    .index
                full[a, default: [:]][r] = f
                fullCols.append((a, r, f))
                let good = ks.filter { level($0) <= r }
                lp.addConstraint(
                    name: "full_\(names.adviser(a))_\(label)",
                    terms: good.map { (column(xs[$0]!), 1.0) } + [(column(f), -cap)],
                    bounds: .atLeast(0))
                let worse = ks.filter { level($0) > r }
                if !worse.isEmpty {
                    lp.addConstraint(
                        name: "tight_\(names.adviser(a))_\(label)",
                        terms: worse.map { (column(xs[$0]!), 1.0) } + [(column(f), cap)],
                        bounds: .atMost(cap))
                }
                if let previous {
                    lp.addConstraint(
                        name: "chain_\(names.adviser(a))_\(label)", terms: [(column(previous), 1), (column(f), -1)],
                        bounds: .atMost(0))
                }
                previous = f
            }
            if let o = p.outsideCap[a], o > 0 {
                let outside = ks.filter { !p.inUnderResourcedCounty[p.candidates[$0].village] }
                var previousOut: Int?
                for r in levels {
                    let label = r == infinity ? "all" : String(r)
                    let g = lp.addVariable(
                        name: "g_\(names.adviser(a))_\(label)", bounds: .between(0, 1), kind: .integer
                    ).index
                    outsideFull[a, default: [:]][r] = g
                    outCols.append((a, r, g))
                    let good = outside.filter { level($0) <= r }
                    lp.addConstraint(
                        name: "fullout_\(names.adviser(a))_\(label)",
                        terms: good.map { (column(xs[$0]!), 1.0) } + [(column(g), -Double(o))], bounds: .atLeast(0))
                    if let previousOut {
                        lp.addConstraint(
                            name: "chainout_\(names.adviser(a))_\(label)",
                            terms: [(column(previousOut), 1), (column(g), -1)], bounds: .atMost(0))
                    }
                    previousOut = g
                }
            }
        }
        // One row per pair: no pair blocks.
        for k in pairList {
            let c = p.candidates[k]
            let v = c.village
            let r = level(k)
            let writeOpen: Bool
            switch openRows {
            case .all: writeOpen = true
            case .none: writeOpen = false
            case .villages(let set): writeOpen = set.contains(v)
            }
            if c.villageRank == nil && !writeOpen { continue }
            let tag = "\(names.village(v))_\(names.adviser(c.adviser))"
            var terms: [(LinearProgram.Variable, Double)] = []
            var lower = 1.0
            if let rv = c.villageRank {
                for j in p.candidateRange[v] where (p.candidates[j].villageRank ?? infinity) <= rv {
                    if let xj = xs[j] { terms.append((column(xj), 1)) }
                }
            } else {
                // S_v(∞) = 1 − u_v: the row is u_v ≤ f (+ g + b).
                terms.append((column(us[v]!), -1))
                lower = 0
            }
            if let f = full[c.adviser]?[r] { terms.append((column(f), 1)) }
            if !p.inUnderResourcedCounty[v], let g = outsideFull[c.adviser]?[r] { terms.append((column(g), 1)) }
            if allowBlocking {
                let bj = lp.addVariable(name: "b_\(tag)", bounds: .between(0, 1), kind: .integer).index
                bs[k] = bj
                terms.append((column(bj), 1))
            }
            lp.addConstraint(name: "stable_\(tag)", terms: terms, bounds: .atLeast(lower))
        }
        program = lp
        x = xs
        u = us
        b = bs
        pairs = pairList
        fullColumns = fullCols
        outsideFullColumns = outCols
        self.full = full
        self.outsideFull = outsideFull
    }

    /// f and g columns by unit and level.
    var full: [Int: [Int: Int]] = [:]
    var outsideFull: [Int: [Int: Int]] = [:]

    // MARK: Levels

    /// The objective of one level of the lexicographic solve: blocking pairs (only when no stable
    /// plan exists), uncovered villages, pairs of the previous plan changed (rebalancing), the cost.
    enum Level { case blocking, coverage, changes, cost }

    /// x columns that keep a village's previous unit (rebalancing), and how many villages of the
    /// model had one.
    func previousPairs(_ p: AssignmentProblem) -> (count: Int, keep: [Int]) {
        var count = 0
        var keep: [Int] = []
        for v in villages where p.previousID[v] != nil {
            count += 1
            guard let unit = p.previousUnit[v] else { continue }
            if let k = p.candidateRange[v].first(where: { p.candidates[$0].adviser == unit }), let j = x[k] {
                keep.append(j)
            }
        }
        return (count, keep)
    }

    /// Bounds the changed pairs of the previous plan: `count − Σ kept ≤ limit` (`--max-changes`).
    mutating func limitChanges(_ p: AssignmentProblem, to limit: Int) {
        let pairs = previousPairs(p)
        program.addConstraint(
            name: "max_changes", terms: pairs.keep.map { (LinearProgram.Variable(index: $0), 1) },
            bounds: .atLeast(Double(pairs.count - limit)))
    }

    /// Makes `level` the objective.
    mutating func setObjective(_ level: Level, _ p: AssignmentProblem) {
        for j in 0..<program.variableCount where program.objective[j] != 0 {
            program.setObjective(LinearProgram.Variable(index: j), 0)
        }
        for (column, coefficient) in terms(level, p) {
            program.setObjective(LinearProgram.Variable(index: column), coefficient)
        }
    }

    /// Keeps a whole-number level at most at `value`: no uncovered village becomes u ≤ 0 bounds (a
    /// row over every u would spoil the integrality of x); otherwise the level's row, with an
    /// integer right-hand side.
    mutating func keep(_ level: Level, _ p: AssignmentProblem, atMost value: Double) {
        let limit = value.rounded()
        if level == .coverage && limit == 0 {
            for v in villages { program.setBounds(LinearProgram.Variable(index: u[v]!), .between(0, 0)) }
            return
        }
        // The changes level's objective is count − Σ kept; its row keeps the sum.
        let constant = level == .changes ? Double(previousPairs(p).count) : 0
        program.addConstraint(
            name: "keep_\(level)", terms: terms(level, p).map { (LinearProgram.Variable(index: $0.0), $0.1) },
            bounds: .atMost(limit - constant))
    }

    /// Makes every x integer (when the continuous x came out fractional).
    mutating func makeXInteger() {
        for k in pairs { program.setKind(LinearProgram.Variable(index: x[k]!), .integer) }
    }

    /// Whether the x of a solution are all whole.
    func xIntegral(_ values: [Double]) -> Bool {
        pairs.allSatisfy { k in abs(values[x[k]!] - values[x[k]!].rounded()) <= 1e-6 }
    }

    func terms(_ level: Level, _ p: AssignmentProblem) -> [(Int, Double)] {
        switch level {
        case .blocking: return b.keys.sorted().map { (b[$0]!, 1) }
        case .coverage: return villages.map { (u[$0]!, 1) }
        case .changes: return previousPairs(p).keep.map { ($0, -1) }
        case .cost: return pairs.map { (x[$0]!, p.candidates[$0].cost) }
        }
    }

    /// The values of the model's columns for a plan (each village of the model to its chosen pair,
    /// or nil when uncovered), `nil` when the plan uses a pair outside the model. Each f (g) is 1
    /// exactly when the unit is full (its outside places are full) with villages it ranks at that
    /// level or better, and b marks the pairs that block the plan.
    func values(of plan: [Int: Int?], _ p: AssignmentProblem) -> [Double]? {
        var values = [Double](repeating: 0, count: program.variableCount)
        var held: [Int: [Int]] = [:]
        for v in villages {
            guard let chosen = plan[v] else { return nil }
            if let k = chosen {
                guard let j = x[k] else { return nil }
                values[j] = 1
                held[p.candidates[k].adviser, default: []].append(k)
            } else {
                values[u[v]!] = 1
            }
        }
        for (a, level, column) in fullColumns {
            let good = (held[a] ?? []).filter { (p.candidates[$0].adviserRank ?? Int.max) <= level }.count
            values[column] = good >= p.totalCap[a] ? 1 : 0
        }
        for (a, level, column) in outsideFullColumns {
            guard let o = p.outsideCap[a] else { continue }
            let good = (held[a] ?? []).filter {
                !p.inUnderResourcedCounty[p.candidates[$0].village]
                    && (p.candidates[$0].adviserRank ?? Int.max) <= level
            }.count
            values[column] = good >= o ? 1 : 0
        }
        if !b.isEmpty {
            var assigned = [Int?](repeating: nil, count: p.villages.count)
            for v in villages { if let k = plan[v] ?? nil { assigned[v] = k } }
            for k in p.blockingCandidates(assigned, villages: villages) { if let j = b[k] { values[j] = 1 } }
        }
        return values
    }
}
