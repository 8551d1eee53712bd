import CounselModel
import GLPK

// Rows that join villages beyond single candidate pairs: the township model (its compact form,
// written by --export-lp and solved whole by the tests) and the rebalancing bounds. Stability has
// its own model (StableModel.swift). README "The assignment model" gives the formulas.

/// One objective of a lexicographic solve; each later level keeps the earlier levels' optima.
enum ObjectiveLevel: Equatable, Sendable {
    /// M′·Σ u + (pairs of the previous plan not kept): coverage first, then fewest changes.
    case coverageThenChanges
    /// M·Σ u + Σ c·x: the usual objective.
    case standard
}

extension AssignmentModel {
    /// Adds the township model (Guangdong 001 §(七): one firm serves one township, or several
    /// adjacent townships): y_tf = 1 when firm f serves township t; every covered village of t is
    /// served by an adviser of that firm; a township has at most one firm; and the townships of a
    /// firm are connected in the adjacency graph, by a single-commodity flow from one root
    /// township: each other served township consumes one unit, and flow runs only between
    /// adjacent townships the firm serves.
    mutating func addTownships(_ p: AssignmentProblem) {
        // y columns: every (township, firm) pair some village of the township could be served by.
        var villagesOf: [Int: [VillageIndex]] = [:]
        for v in villages { if let t = p.townshipOfVillage[v] { villagesOf[t, default: []].append(v) } }
        var y: [Int: [Int: LinearProgram.Variable]] = [:]  // firm → township → y
        for t in villagesOf.keys.sorted() {
            for v in villagesOf[t]! {
                var firmTerms: [Int: [(LinearProgram.Variable, Double)]] = [:]
                for k in p.candidateRange[v] {
                    guard let xk = x[k], let f = p.firmOfUnit[p.candidates[k].unit] else { continue }
                    firmTerms[f, default: []].append((xk, 1))
                }
                for f in firmTerms.keys.sorted() {
                    let yv: LinearProgram.Variable
                    if let existing = y[f]?[t] {
                        yv = existing
                    } else {
                        yv = program.addVariable(
                            name: "y_t\(t + 1)_f\(f + 1)", bounds: .between(0, 1), kind: .integer, objective: 0)
                        y[f, default: [:]][t] = yv
                    }
                    program.addConstraint(
                        name: "firm_v\(v.rawValue + 1)_f\(f + 1)", terms: firmTerms[f]! + [(yv, -1)], bounds: .atMost(0)
                    )
                }
            }
        }
        // y_tf only when the firm serves some village of t, so that an unserved township never
        // joins a firm's territory: y_tf ≤ Σ_(v in t, a in f) x_va.
        for f in y.keys.sorted() {
            for t in y[f]!.keys.sorted() {
                var terms: [(LinearProgram.Variable, Double)] = [(y[f]![t]!, 1)]
                for v in villagesOf[t]! {
                    for k in p.candidateRange[v] where p.firmOfUnit[p.candidates[k].unit] == f {
                        if let xk = x[k] { terms.append((xk, -1)) }
                    }
                }
                program.addConstraint(name: "served_t\(t + 1)_f\(f + 1)", terms: terms, bounds: .atMost(0))
            }
        }
        // A township has at most one firm.
        var byTownship: [Int: [LinearProgram.Variable]] = [:]
        for f in y.keys.sorted() { for (t, yv) in y[f]! { byTownship[t, default: []].append(yv) } }
        for t in byTownship.keys.sorted() where byTownship[t]!.count > 1 {
            program.addConstraint(
                name: "onefirm_t\(t + 1)", terms: byTownship[t]!.sorted { $0.index < $1.index }.map { ($0, 1) },
                bounds: .atMost(1))
        }
        for f in y.keys.sorted() { addConnectivity(p, firm: f, y: y[f]!) }
    }

    /// The townships of firm `f` (its y columns by township) connected in the adjacency graph, by
    /// a single-commodity flow from one root township.
    private mutating func addConnectivity(_ p: AssignmentProblem, firm f: Int, y: [Int: LinearProgram.Variable]) {
        let ts = y.keys.sorted()
        guard ts.count > 1 else { return }
        let n = Double(ts.count)
        let member = Set(ts)
        var root: [Int: LinearProgram.Variable] = [:]
        for t in ts {
            let r = program.addVariable(
                name: "root_t\(t + 1)_f\(f + 1)", bounds: .between(0, 1), kind: .integer, objective: 0)
            root[t] = r
            program.addConstraint(
                name: "rooty_t\(t + 1)_f\(f + 1)", terms: [(r, 1), (y[t]!, -1)], bounds: .atMost(0))
        }
        program.addConstraint(name: "oneroot_f\(f + 1)", terms: ts.map { (root[$0]!, 1) }, bounds: .atMost(1))
        for t in ts {
            // A firm serving anything has a root: y_tf ≤ Σ root.
            program.addConstraint(
                name: "hasroot_t\(t + 1)_f\(f + 1)", terms: [(y[t]!, 1)] + ts.map { (root[$0]!, -1) },
                bounds: .atMost(0))
        }
        var inflow: [Int: [(LinearProgram.Variable, Double)]] = [:]
        for t in ts {
            for u in p.townshipAdjacency[t] where member.contains(u) {
                let g = program.addVariable(
                    name: "flow_t\(t + 1)_t\(u + 1)_f\(f + 1)", bounds: .atLeast(0), kind: .continuous, objective: 0
                )
                program.addConstraint(
                    name: "flowfrom_t\(t + 1)_t\(u + 1)_f\(f + 1)", terms: [(g, 1), (y[t]!, -(n - 1))],
                    bounds: .atMost(0))
                program.addConstraint(
                    name: "flowto_t\(t + 1)_t\(u + 1)_f\(f + 1)", terms: [(g, 1), (y[u]!, -(n - 1))],
                    bounds: .atMost(0))
                inflow[u, default: []].append((g, 1))
                inflow[t, default: []].append((g, -1))
            }
        }
        for t in ts {
            // in − out ≥ y_tf − n·root_tf
            program.addConstraint(
                name: "consume_t\(t + 1)_f\(f + 1)",
                terms: (inflow[t] ?? []) + [(y[t]!, -1), (root[t]!, n)], bounds: .atLeast(0))
        }
    }

    /// Villages of the model that had an adviser in the previous plan, and the x columns that keep
    /// that adviser (absent when the previous adviser is gone or no longer a candidate).
    func previousPairs(_ p: AssignmentProblem) -> (count: Int, keep: [LinearProgram.Variable]) {
        var count = 0
        var keep: [LinearProgram.Variable] = []
        for v in villages where p.previousID[v] != nil {
            count += 1
            guard let unit = p.previousUnit[v] else { continue }
            if let k = p.candidateRange[v].first(where: { p.candidates[$0].unit == unit }), let xk = x[k] {
                keep.append(xk)
            }
        }
        return (count, keep)
    }

    /// Bounds the changes to the previous plan's pairs: `previous − Σ kept ≤ limit`.
    mutating func addChangeLimit(_ p: AssignmentProblem, limit: Int) {
        let pairs = previousPairs(p)
        program.addConstraint(
            name: "max_changes", terms: pairs.keep.map { ($0, 1) }, bounds: .atLeast(Double(pairs.count - limit)))
    }

    /// The terms and constant of a level's objective.
    func objectiveTerms(_ level: ObjectiveLevel, _ p: AssignmentProblem) -> (
        terms: [(LinearProgram.Variable, Double)], constant: Double
    ) {
        switch level {
        case .coverageThenChanges:
            let pairs = previousPairs(p)
            let weight = Double(pairs.count + 1)
            var terms = villages.map { (uncovered[$0]!, weight) }
            terms += pairs.keep.map { ($0, -1) }
            return (terms, Double(pairs.count))
        case .standard:
            var terms = xColumns.map { ($0.x, p.candidates[$0.candidate].cost) }
            terms += villages.map { (uncovered[$0]!, p.uncoveredPenalty) }
            return (terms, 0)
        }
    }

    /// Makes `level` the objective (every other coefficient zero).
    mutating func setObjective(_ level: ObjectiveLevel, _ p: AssignmentProblem) {
        for j in 0..<program.variableCount where program.objective[j] != 0 {
            program.setObjective(LinearProgram.Variable(index: j), 0)
        }
        let (terms, constant) = objectiveTerms(level, p)
        for (v, c) in terms { program.setObjective(v, program.objective[v.index] + c) }
        program.objectiveConstant = constant
    }

    /// Keeps a solved level at its optimum: `level ≤ value + slack`.
    mutating func keepLevel(_ level: ObjectiveLevel, _ p: AssignmentProblem, atMost value: Double) {
        let (terms, constant) = objectiveTerms(level, p)
        // Levels before the last are whole numbers, so half a unit of slack is exact.
        program.addConstraint(name: "keep_\(level)", terms: terms, bounds: .atMost(value - constant + 0.5))
    }
}
