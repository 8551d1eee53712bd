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
    var x: [CandidateIndex: LinearProgram.Variable] = [:]
    /// u column of each village.
    var u: [VillageIndex: LinearProgram.Variable] = [:]
    /// b column of each candidate pair whose row may be broken (`allowBlocking`).
    var b: [CandidateIndex: LinearProgram.Variable] = [:]
    /// Candidate pairs of the model, in column order.
    var pairs: [CandidateIndex] = []
    /// Villages and units of the model.
    var villages: [VillageIndex]
    var units: [UnitIndex]
    /// The f and g columns: unit, level (Int.max: all), column.
    var fullColumns: [(unit: UnitIndex, level: Int, column: LinearProgram.Variable)] = []
    var outsideFullColumns: [(unit: UnitIndex, level: Int, column: LinearProgram.Variable)] = []

    /// A window of a bigger plan (the improvement search of ``StableSolver``): the villages outside
    /// the model keep their units. Those that hold places of the model's units count in the units'
    /// rows as constants, and those that would rather have a unit of the model than what they keep
    /// get a row of their own (with its b), so Σ b counts every blocking pair that touches the
    /// model's units.
    struct Surroundings {
        /// Per unit of the model, the levels at which it ranks the outside villages it keeps, and
        /// whether each lies outside the under-resourced counties.
        var held: [UnitIndex: [(level: Int, outsideURC: Bool)]] = [:]
        /// Pairs of outside villages with a unit of the model that the village strictly prefers to
        /// what it keeps (any unit, for a village left uncovered).
        var preferring: [CandidateIndex] = []
        /// The whole plan the window sits in (every village's pair), for the b of an incumbent.
        var assigned: [CandidateIndex?] = []
        /// The villages whose pairs are counted (the part the window belongs to).
        var villages: [VillageIndex] = []
        /// Pairs of the window whose unit an outside village in a conflict of interest with the
        /// pair's village keeps (Nanning 002 §二(五)): not to be chosen.
        var forbidden: [CandidateIndex] = []

        func held(_ a: UnitIndex, where keep: (Int, Bool) -> Bool) -> Int {
            (held[a] ?? []).reduce(0) { $0 + (keep($1.level, $1.outsideURC) ? 1 : 0) }
        }
    }

    /// The window's surroundings, when the model is one.
    var surroundings: Surroundings?

    /// Which `open_va` rows (unranked pairs, binding only for an uncovered v) to write.
    enum OpenRows {
        case all, none
        case villages(Set<VillageIndex>)
    }

    /// Builds the model over `villages`, `units` and the candidate pairs between them for which
    /// `alive` holds (pairs the reductions proved in no stable plan are left out).
    init(
        _ p: AssignmentProblem, villages: [VillageIndex], units: [UnitIndex],
        alive: (CandidateIndex) -> Bool = { _ in true },
        allowBlocking: Bool, openRows: OpenRows, surroundings: Surroundings? = nil, name: String = "stable"
    ) {
        self.villages = villages
        self.units = units
        self.surroundings = surroundings
        program = LinearProgram(name: name, sense: .minimize)
        let names = ColumnNames(problem: p)
        let byUnit = addPairColumns(p, alive: alive, names: names)
        addCoverCapsAndConflicts(p, byUnit: byUnit, names: names)
        let needed = neededLevels(p, openRows: openRows)
        for a in units.sorted() {
            guard let levels = needed[a]?.sorted(), p.totalCap[a] > 0 else { continue }
            addLevelColumns(p, unit: a, levels: levels, candidates: byUnit[a] ?? [], names: names)
        }
        addStabilityRows(p, openRows: openRows, allowBlocking: allowBlocking, names: names)
        if let surroundings { addSurroundingRows(p, surroundings, names: names) }
    }

    /// The rows of outside villages that prefer a unit of the window: the unit must be full with
    /// villages it ranks at least as well (or its outside places, for an outside village), or b
    /// says the pair blocks.
    private mutating func addSurroundingRows(_ p: AssignmentProblem, _ s: Surroundings, names: ColumnNames) {
        for k in s.forbidden { if let j = x[k] { program.setBounds(j, .exactly(0)) } }
        for k in s.preferring {
            let c = p.candidates[k]
            let r = Self.level(p, k)
            var terms: [(LinearProgram.Variable, Double)] = []
            if let f = full[c.unit]?[r] { terms.append((f, 1)) }
            if !p.inUnderResourcedCounty[c.village], let g = outsideFull[c.unit]?[r] { terms.append((g, 1)) }
            let tag = "\(names.village(c.village))_\(names.unit(c.unit))"
            let bj = program.addVariable(name: "b_\(tag)", bounds: .between(0, 1), kind: .integer)
            b[k] = bj
            terms.append((bj, 1))
            program.addConstraint(name: "around_\(tag)", terms: terms, bounds: .atLeast(1))
        }
    }

    /// The level of a pair in its unit's prefix rows: the unit's rank of the village (∞ unranked).
    private static func level(_ p: AssignmentProblem, _ k: CandidateIndex) -> Int {
        p.candidates[k].adviserRank ?? Int.max
    }

    /// The x columns of the alive pairs and the u columns; the pairs of each unit.
    private mutating func addPairColumns(
        _ p: AssignmentProblem, alive: (CandidateIndex) -> Bool, names: ColumnNames
    ) -> [UnitIndex: [CandidateIndex]] {
        let inModel = Set(units)
        var byUnit: [UnitIndex: [CandidateIndex]] = [:]
        var conflictVillages = Set<VillageIndex>()
        for c in p.conflictsOfVillages(villages) {
            conflictVillages.insert(p.villageConflicts[c].a)
            conflictVillages.insert(p.villageConflicts[c].b)
        }
        for v in villages {
            for k in p.candidateRange[v] where inModel.contains(p.candidates[k].unit) && alive(k) {
                let c = p.candidates[k]
                let integer = conflictVillages.contains(v) || p.outsideCap[c.unit] != nil
                x[k] = program.addVariable(
                    name: "x_\(names.village(v))_\(names.unit(c.unit))", bounds: .between(0, 1),
                    kind: integer ? .integer : .continuous, objective: c.cost)
                pairs.append(k)
                byUnit[c.unit, default: []].append(k)
            }
        }
        for v in villages {
            u[v] = program.addVariable(
                name: "u_\(names.village(v))", bounds: .atLeast(0), objective: p.uncoveredPenalty)
        }
        return byUnit
    }

    /// Cover, caps, conflicts.
    private mutating func addCoverCapsAndConflicts(
        _ p: AssignmentProblem, byUnit: [UnitIndex: [CandidateIndex]], names: ColumnNames
    ) {
        for v in villages {
            var terms = p.candidateRange[v].compactMap { x[$0] }.map { ($0, 1.0) }
            terms.append((u[v]!, 1))
            program.addConstraint(name: "cover_\(names.village(v))", terms: terms, bounds: .exactly(1))
        }
        for a in units.sorted() {
            let ks = byUnit[a] ?? []
            // Places the villages outside a window keep.
            let kept = surroundings?.held(a) { _, _ in true } ?? 0
            if ks.count > p.totalCap[a] - kept {
                program.addConstraint(
                    name: "cap_\(names.unit(a))", terms: ks.map { (x[$0]!, 1) },
                    bounds: .atMost(Double(p.totalCap[a] - kept)))
            }
            if let o = p.outsideCap[a] {
                let outside = ks.filter { !p.inUnderResourcedCounty[p.candidates[$0].village] }
                let keptOutside = surroundings?.held(a) { _, out in out } ?? 0
                if outside.count > o - keptOutside {
                    program.addConstraint(
                        name: "outside_\(names.unit(a))", terms: outside.map { (x[$0]!, 1) },
                        bounds: .atMost(Double(o - keptOutside)))
                }
            }
        }
        let villageSet = Set(villages)
        for ci in p.conflictsOfVillages(villages) {
            let conflict = p.villageConflicts[ci]
            guard villageSet.contains(conflict.a), villageSet.contains(conflict.b) else { continue }
            var ofB: [UnitIndex: LinearProgram.Variable] = [:]
            for k in p.candidateRange[conflict.b] { if let j = x[k] { ofB[p.candidates[k].unit] = j } }
            for k in p.candidateRange[conflict.a] {
                guard let ja = x[k], let jb = ofB[p.candidates[k].unit] else { continue }
                program.addConstraint(
                    name:
                        "conflict_\(names.village(conflict.a))_\(names.village(conflict.b))_\(names.unit(p.candidates[k].unit))",
                    terms: [(ja, 1), (jb, 1)], bounds: .atMost(1))
            }
        }
    }

    /// The levels each unit needs: the ranks it gives the villages whose rows name it.
    private func neededLevels(_ p: AssignmentProblem, openRows: OpenRows) -> [UnitIndex: Set<Int>] {
        var needed: [UnitIndex: Set<Int>] = [:]
        for k in pairs {
            let c = p.candidates[k]
            switch openRows {
            case .all: needed[c.unit, default: []].insert(Self.level(p, k))
            case .none: if c.villageRank != nil { needed[c.unit, default: []].insert(Self.level(p, k)) }
            case .villages(let set):
                if c.villageRank != nil || set.contains(c.village) {
                    needed[c.unit, default: []].insert(Self.level(p, k))
                }
            }
        }
        for k in surroundings?.preferring ?? [] { needed[p.candidates[k].unit, default: []].insert(Self.level(p, k)) }
        return needed
    }

    /// Unit `a`'s f columns (full with villages it ranks at each level or better) and, with an
    /// outside cap, its g columns (outside places full), with their rows.
    private mutating func addLevelColumns(
        _ p: AssignmentProblem, unit a: UnitIndex, levels: [Int], candidates ks: [CandidateIndex], names: ColumnNames
    ) {
        let cap = Double(p.totalCap[a])
        var previous: LinearProgram.Variable?
        for r in levels {
            let label = r == Int.max ? "all" : String(r)
            let f = program.addVariable(name: "f_\(names.unit(a))_\(label)", bounds: .between(0, 1), kind: .integer)
            full[a, default: [:]][r] = f
            fullColumns.append((a, r, f))
            let good = ks.filter { Self.level(p, $0) <= r }
            let keptGood = Double(surroundings?.held(a) { level, _ in level <= r } ?? 0)
            let keptWorse = Double(surroundings?.held(a) { level, _ in level > r } ?? 0)
            program.addConstraint(
                name: "full_\(names.unit(a))_\(label)", terms: good.map { (x[$0]!, 1.0) } + [(f, -cap)],
                bounds: .atLeast(-keptGood))
            let worse = ks.filter { Self.level(p, $0) > r }
            if !worse.isEmpty || keptWorse > 0 {
                program.addConstraint(
                    name: "tight_\(names.unit(a))_\(label)", terms: worse.map { (x[$0]!, 1.0) } + [(f, cap)],
                    bounds: .atMost(cap - keptWorse))
            }
            if let previous {
                program.addConstraint(
                    name: "chain_\(names.unit(a))_\(label)", terms: [(previous, 1), (f, -1)], bounds: .atMost(0))
            }
            previous = f
        }
        guard let o = p.outsideCap[a], o > 0 else { return }
        let outside = ks.filter { !p.inUnderResourcedCounty[p.candidates[$0].village] }
        var previousOut: LinearProgram.Variable?
        for r in levels {
            let label = r == Int.max ? "all" : String(r)
            let g = program.addVariable(name: "g_\(names.unit(a))_\(label)", bounds: .between(0, 1), kind: .integer)
            outsideFull[a, default: [:]][r] = g
            outsideFullColumns.append((a, r, g))
            let good = outside.filter { Self.level(p, $0) <= r }
            let keptGood = Double(surroundings?.held(a) { level, out in out && level <= r } ?? 0)
            program.addConstraint(
                name: "fullout_\(names.unit(a))_\(label)", terms: good.map { (x[$0]!, 1.0) } + [(g, -Double(o))],
                bounds: .atLeast(-keptGood))
            if let previousOut {
                program.addConstraint(
                    name: "chainout_\(names.unit(a))_\(label)", terms: [(previousOut, 1), (g, -1)],
                    bounds: .atMost(0))
            }
            previousOut = g
        }
    }

    /// One row per pair: no pair blocks (with a b column each when blocking is allowed).
    private mutating func addStabilityRows(
        _ p: AssignmentProblem, openRows: OpenRows, allowBlocking: Bool, names: ColumnNames
    ) {
        for k in pairs {
            let c = p.candidates[k]
            let v = c.village
            let r = Self.level(p, k)
            let writeOpen: Bool
            switch openRows {
            case .all: writeOpen = true
            case .none: writeOpen = false
            case .villages(let set): writeOpen = set.contains(v)
            }
            if c.villageRank == nil && !writeOpen { continue }
            let tag = "\(names.village(v))_\(names.unit(c.unit))"
            var terms: [(LinearProgram.Variable, Double)] = []
            var lower = 1.0
            if let rv = c.villageRank {
                for j in p.candidateRange[v] where (p.candidates[j].villageRank ?? Int.max) <= rv {
                    if let xj = x[j] { terms.append((xj, 1)) }
                }
            } else {
                // S_v(∞) = 1 − u_v: the row is u_v ≤ f (+ g + b).
                terms.append((u[v]!, -1))
                lower = 0
            }
            if let f = full[c.unit]?[r] { terms.append((f, 1)) }
            if !p.inUnderResourcedCounty[v], let g = outsideFull[c.unit]?[r] { terms.append((g, 1)) }
            if allowBlocking {
                let bj = program.addVariable(name: "b_\(tag)", bounds: .between(0, 1), kind: .integer)
                b[k] = bj
                terms.append((bj, 1))
            }
            program.addConstraint(name: "stable_\(tag)", terms: terms, bounds: .atLeast(lower))
        }
    }

    /// f and g columns by unit and level.
    var full: [UnitIndex: [Int: LinearProgram.Variable]] = [:]
    var outsideFull: [UnitIndex: [Int: LinearProgram.Variable]] = [:]

    // MARK: Levels

    /// The objective of one level of the lexicographic solve: blocking pairs (only when no stable
    /// plan exists), uncovered villages, pairs of the previous plan changed (rebalancing), the cost.
    enum Level { case blocking, coverage, changes, cost }

    /// x columns that keep a village's previous unit (rebalancing), and how many villages of the
    /// model had one.
    func previousPairs(_ p: AssignmentProblem) -> (count: Int, keep: [LinearProgram.Variable]) {
        var count = 0
        var keep: [LinearProgram.Variable] = []
        for v in villages where p.previousID[v] != nil {
            count += 1
            guard let unit = p.previousUnit[v] else { continue }
            if let k = p.candidateRange[v].first(where: { p.candidates[$0].unit == unit }), let j = x[k] {
                keep.append(j)
            }
        }
        return (count, keep)
    }

    /// Bounds the changed pairs of the previous plan: `count − Σ kept ≤ limit` (`--max-changes`).
    mutating func limitChanges(_ p: AssignmentProblem, to limit: Int) {
        let pairs = previousPairs(p)
        program.addConstraint(
            name: "max_changes", terms: pairs.keep.map { ($0, 1) },
            bounds: .atLeast(Double(pairs.count - limit)))
    }

    /// Makes `level` the objective.
    mutating func setObjective(_ level: Level, _ p: AssignmentProblem) {
        for j in 0..<program.variableCount where program.objective[j] != 0 {
            program.setObjective(LinearProgram.Variable(index: j), 0)
        }
        for (column, coefficient) in terms(level, p) { program.setObjective(column, coefficient) }
    }

    /// Keeps a whole-number level at most at `value`: no uncovered village becomes u ≤ 0 bounds (a
    /// row over every u would spoil the integrality of x); otherwise the level's row, with an
    /// integer right-hand side.
    mutating func keep(_ level: Level, _ p: AssignmentProblem, atMost value: Double) {
        let limit = value.rounded()
        if level == .coverage && limit == 0 {
            for v in villages { program.setBounds(u[v]!, .between(0, 0)) }
            return
        }
        // The changes level's objective is count − Σ kept; its row keeps the sum.
        let constant = level == .changes ? Double(previousPairs(p).count) : 0
        program.addConstraint(
            name: "keep_\(level)", terms: terms(level, p),
            bounds: .atMost(limit - constant))
    }

    /// Makes every x integer (when the continuous x came out fractional).
    mutating func makeXInteger() {
        for k in pairs { program.setKind(x[k]!, .integer) }
    }

    /// Whether the x of a solution are all whole.
    func xIntegral(_ values: [Double]) -> Bool {
        pairs.allSatisfy { k in abs(values[x[k]!.index] - values[x[k]!.index].rounded()) <= 1e-6 }
    }

    func terms(_ level: Level, _ p: AssignmentProblem) -> [(LinearProgram.Variable, Double)] {
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
    func values(of plan: [VillageIndex: CandidateIndex?], _ p: AssignmentProblem) -> [Double]? {
        var values = [Double](repeating: 0, count: program.variableCount)
        var held: [UnitIndex: [CandidateIndex]] = [:]
        for v in villages {
            guard let chosen = plan[v] else { return nil }
            if let k = chosen {
                guard let j = x[k] else { return nil }
                values[j.index] = 1
                held[p.candidates[k].unit, default: []].append(k)
            } else {
                values[u[v]!.index] = 1
            }
        }
        for (a, level, column) in fullColumns {
            let good =
                (held[a] ?? []).filter { (p.candidates[$0].adviserRank ?? Int.max) <= level }.count
                + (surroundings?.held(a) { l, _ in l <= level } ?? 0)
            values[column.index] = good >= p.totalCap[a] ? 1 : 0
        }
        for (a, level, column) in outsideFullColumns {
            guard let o = p.outsideCap[a] else { continue }
            let good =
                (held[a] ?? []).filter {
                    !p.inUnderResourcedCounty[p.candidates[$0].village]
                        && (p.candidates[$0].adviserRank ?? Int.max) <= level
                }.count + (surroundings?.held(a) { l, out in out && l <= level } ?? 0)
            values[column.index] = good >= o ? 1 : 0
        }
        if !b.isEmpty {
            if let surroundings {
                // The window's plan inside the whole one, counted over the whole part.
                var assigned = surroundings.assigned
                for v in villages { assigned[v] = plan[v] ?? nil }
                for k in p.blockingCandidates(assigned, villages: surroundings.villages) {
                    if let j = b[k] { values[j.index] = 1 }
                }
            } else {
                var assigned = [CandidateIndex?](repeating: nil, count: p.villages.count)
                for v in villages { if let k = plan[v] ?? nil { assigned[v] = k } }
                for k in p.blockingCandidates(assigned, villages: villages) { if let j = b[k] { values[j.index] = 1 } }
            }
        }
        return values
    }
}
