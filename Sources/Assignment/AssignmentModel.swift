import CounselModel
import GLPK

/// The integer program for a set of villages and units (the whole scenario or one group of a
/// decomposition), with handles to the rows whose duals price columns outside it.
///
///     minimise   M·Σ_v u_v + Σ_(v,a) c_va·x_va
///     subject to Σ_a x_va + u_v = 1                      for every village v      (cover_v)
///                Σ_v x_va ≤ cap_a                         for every adviser a      (cap_a)
///                Σ_(v not in an under-resourced county) x_va ≤ 5   (Guangdong)     (outside_a)
///                x_va + x_wa ≤ 1                          for conflicting v, w     (conflict)
///                x_va ∈ {0, 1} (integer ≥ 0; cover_v bounds it), u_v ≥ 0
///
/// Rows that cannot bind (an adviser with no more candidates than places) are left out; their dual
/// is zero, which is what pricing assumes for a row that is absent.
struct AssignmentModel {
    /// The program.
    var program: LinearProgram
    /// The candidate of each x column (the x columns come first, in this order).
    var candidateOfColumn: [CandidateIndex]
    /// u_v of each village in the model.
    var uncovered: [VillageIndex: LinearProgram.Variable]
    /// cover_v of each village.
    var coverRow: [VillageIndex: LinearProgram.Constraint]
    /// cap_a of each unit that has one.
    var capRow: [UnitIndex: LinearProgram.Constraint]
    /// outside_a of each unit that has one.
    var outsideRow: [UnitIndex: LinearProgram.Constraint]
    /// x of each candidate in the model.
    var x: [CandidateIndex: LinearProgram.Variable]
    /// Villages in the model.
    var villages: [VillageIndex]
    /// Units (advisers or teams) in the model.
    var units: [UnitIndex]

    /// The x columns with their candidates, in column order.
    var xColumns: [(x: LinearProgram.Variable, candidate: CandidateIndex)] {
        candidateOfColumn.enumerated().map { (LinearProgram.Variable(index: $0.offset), $0.element) }
    }

    /// Builds the model for `villages` and `units`, using every candidate pair whose two ends are
    /// both in the sets.
    init(problem p: AssignmentProblem, villages: [VillageIndex], units: [UnitIndex], name: String) {
        program = LinearProgram(name: name, sense: .minimize)
        self.villages = villages
        self.units = units
        let inGroupUnit = Set(units)
        let names = ColumnNames(problem: p)
        candidateOfColumn = []
        x = [:]
        var byUnit: [UnitIndex: [CandidateIndex]] = [:]  // unit → candidates in the model
        for v in villages {
            for k in p.candidateRange[v] where inGroupUnit.contains(p.candidates[k].unit) {
                let c = p.candidates[k]
                x[k] = program.addVariable(
                    name: "x_\(names.village(v))_\(names.unit(c.unit))", bounds: .atLeast(0), kind: .integer,
                    objective: c.cost)
                candidateOfColumn.append(k)
                byUnit[c.unit, default: []].append(k)
            }
        }
        uncovered = [:]
        for v in villages {
            uncovered[v] = program.addVariable(
                name: "u_\(names.village(v))", bounds: .atLeast(0), objective: p.uncoveredPenalty)
        }
        coverRow = [:]
        for v in villages {
            var terms: [(LinearProgram.Variable, Double)] = []
            for k in p.candidateRange[v] {
                if let xk = x[k] { terms.append((xk, 1)) }
            }
            terms.append((uncovered[v]!, 1))
            coverRow[v] = program.addConstraint(name: "cover_\(names.village(v))", terms: terms, bounds: .exactly(1))
        }
        capRow = [:]
        outsideRow = [:]
        for a in units.sorted() { addCaps(p, unit: a, candidates: byUnit[a] ?? [], names: names) }
        addConflicts(p, names: names)
    }

    /// cap_a and outside_a of unit `a`, where they can bind.
    private mutating func addCaps(
        _ p: AssignmentProblem, unit a: UnitIndex, candidates ks: [CandidateIndex], names: ColumnNames
    ) {
        if ks.count > p.totalCap[a] {
            capRow[a] = program.addConstraint(
                name: "cap_\(names.unit(a))", terms: ks.map { (x[$0]!, 1) }, bounds: .atMost(Double(p.totalCap[a])))
        }
        if let outside = p.outsideCap[a] {
            let outsideKs = ks.filter { !p.inUnderResourcedCounty[p.candidates[$0].village] }
            if outsideKs.count > outside {
                outsideRow[a] = program.addConstraint(
                    name: "outside_\(names.unit(a))", terms: outsideKs.map { (x[$0]!, 1) },
                    bounds: .atMost(Double(outside)))
            }
        }
    }

    /// Conflicts of interest (Nanning 002 §二(五)): two conflicting villages never share an adviser.
    private mutating func addConflicts(_ p: AssignmentProblem, names: ColumnNames) {
        guard !p.villageConflicts.isEmpty else { return }
        let inGroupVillage = Set(villages)
        for conflict in p.villageConflicts
        where inGroupVillage.contains(conflict.a) && inGroupVillage.contains(conflict.b) {
            var columnsOfB: [UnitIndex: LinearProgram.Variable] = [:]
            for k in p.candidateRange[conflict.b] {
                if let xk = x[k] { columnsOfB[p.candidates[k].unit] = xk }
            }
            for k in p.candidateRange[conflict.a] {
                guard let xa = x[k], let xb = columnsOfB[p.candidates[k].unit] else { continue }
                program.addConstraint(
                    name:
                        "conflict_\(names.village(conflict.a))_\(names.village(conflict.b))_\(names.unit(p.candidates[k].unit))",
                    terms: [(xa, 1), (xb, 1)], bounds: .atMost(1))
            }
        }
    }
}

/// Names for model columns and rows: the ids themselves when they are plain ASCII identifiers
/// (readable in an exported LP file), else positions (`v12`, `a7`), which are always valid.
struct ColumnNames {
    private let villageNames: [String]
    private let unitNames: [String]

    init(problem p: AssignmentProblem) {
        func plain(_ ids: [String]) -> Bool {
            ids.allSatisfy { id in
                !id.isEmpty && id.utf8.count <= 60
                    && id.utf8.allSatisfy {
                        ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122)
                    }
            }
        }
        let vIDs = p.villages.map(\.id), aIDs = p.units.map(\.id)
        villageNames = plain(vIDs) ? vIDs : vIDs.indices.map { "v\($0 + 1)" }
        unitNames = plain(aIDs) ? aIDs : aIDs.indices.map { "a\($0 + 1)" }
    }

    func village(_ v: VillageIndex) -> String { villageNames[v] }
    func unit(_ u: UnitIndex) -> String { unitNames[u] }
}
