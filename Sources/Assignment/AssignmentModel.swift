import CounselModel
import GLPK

/// The integer program for a set of villages and advisers (the whole scenario or one group of a
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
    /// Candidate index of each x column (columns 0..<count).
    var candidateOfColumn: [Int]
    /// Column of u_v for each village in the model.
    var uncoveredColumn: [Int: Int]
    /// cover_v row for each village.
    var coverRow: [Int: Int]
    /// cap_a row for each adviser that has one.
    var capRow: [Int: Int]
    /// outside_a row for each adviser that has one.
    var outsideRow: [Int: Int]
    /// x column of each candidate in the model.
    var columnOfCandidate: [Int: Int]
    /// Villages in the model.
    var villages: [Int]
    /// Units (advisers or teams) in the model.
    var advisers: [Int]

    /// Builds the model for `villages` and `advisers` (indices into `problem`), using every
    /// candidate pair whose two ends are both in the sets.
    init(problem p: AssignmentProblem, villages: [Int], advisers: [Int], name: String) {
        var program = LinearProgram(name: name, sense: .minimize)
        let inGroupAdviser = Set(advisers)
        let names = ColumnNames(problem: p)
        var candidateOfColumn: [Int] = []
        var columnOfCandidate: [Int: Int] = [:]
        var byAdviser: [Int: [Int]] = [:]  // adviser → candidate indices in the model
        for v in villages {
            for k in p.candidateRange[v] where inGroupAdviser.contains(p.candidates[k].adviser) {
                let c = p.candidates[k]
                let x = program.addVariable(
                    name: "x_\(names.village(v))_\(names.adviser(c.adviser))",
                    bounds: .atLeast(0), kind: .integer, objective: c.cost)
                candidateOfColumn.append(k)
                columnOfCandidate[k] = x.index
                byAdviser[c.adviser, default: []].append(k)
            }
        }
        var uncoveredColumn: [Int: Int] = [:]
        for v in villages {
            uncoveredColumn[v] =
                program.addVariable(
                    name: "u_\(names.village(v))", bounds: .atLeast(0),
                    objective: p.uncoveredPenalty
                ).index
        }
        var coverRow: [Int: Int] = [:]
        for v in villages {
            var terms: [(LinearProgram.Variable, Double)] = []
            for k in p.candidateRange[v] {
                if let x = columnOfCandidate[k] { terms.append((LinearProgram.Variable(index: x), 1)) }
            }
            terms.append((LinearProgram.Variable(index: uncoveredColumn[v]!), 1))
            coverRow[v] =
                program.addConstraint(name: "cover_\(names.village(v))", terms: terms, bounds: .exactly(1)).index
        }
        var capRow: [Int: Int] = [:]
        var outsideRow: [Int: Int] = [:]
        for a in advisers.sorted() {
            let ks = byAdviser[a] ?? []
            if ks.count > p.totalCap[a] {
                capRow[a] =
                    program.addConstraint(
                        name: "cap_\(names.adviser(a))",
                        terms: ks.map { (LinearProgram.Variable(index: columnOfCandidate[$0]!), 1) },
                        bounds: .atMost(Double(p.totalCap[a]))
                    ).index
            }
            if let outside = p.outsideCap[a] {
                let outsideKs = ks.filter { !p.inUnderResourcedCounty[p.candidates[$0].village] }
                if outsideKs.count > outside {
                    outsideRow[a] =
                        program.addConstraint(
                            name: "outside_\(names.adviser(a))",
                            terms: outsideKs.map { (LinearProgram.Variable(index: columnOfCandidate[$0]!), 1) },
                            bounds: .atMost(Double(outside))
                        ).index
                }
            }
        }
        // Conflicts of interest (Nanning 002 §二(五)): two conflicting villages never share an adviser.
        if !p.villageConflicts.isEmpty {
            let inGroupVillage = Set(villages)
            for conflict in p.villageConflicts
            where inGroupVillage.contains(conflict.a) && inGroupVillage.contains(conflict.b) {
                var columnsOfB: [Int: Int] = [:]
                for k in p.candidateRange[conflict.b] {
                    if let x = columnOfCandidate[k] { columnsOfB[p.candidates[k].adviser] = x }
                }
                for k in p.candidateRange[conflict.a] {
                    guard let xa = columnOfCandidate[k], let xb = columnsOfB[p.candidates[k].adviser] else { continue }
                    program.addConstraint(
                        name:
                            "conflict_\(names.village(conflict.a))_\(names.village(conflict.b))_\(names.adviser(p.candidates[k].adviser))",
                        terms: [(LinearProgram.Variable(index: xa), 1), (LinearProgram.Variable(index: xb), 1)],
                        bounds: .atMost(1))
                }
            }
        }
        self.program = program
        self.candidateOfColumn = candidateOfColumn
        self.uncoveredColumn = uncoveredColumn
        self.coverRow = coverRow
        self.capRow = capRow
        self.outsideRow = outsideRow
        self.columnOfCandidate = columnOfCandidate
        self.villages = villages
        self.advisers = advisers
    }
}

/// Names for model columns and rows: the ids themselves when they are plain ASCII identifiers
/// (readable in an exported LP file), else positions (`v12`, `a7`), which are always valid.
struct ColumnNames {
    private let villageNames: [String]
    private let adviserNames: [String]

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
        adviserNames = plain(aIDs) ? aIDs : aIDs.indices.map { "a\($0 + 1)" }
    }

    func village(_ i: Int) -> String { villageNames[i] }
    func adviser(_ i: Int) -> String { adviserNames[i] }
}
