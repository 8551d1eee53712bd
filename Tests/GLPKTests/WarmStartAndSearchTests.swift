import CounselTestSupport
import Foundation
import GLPK
import XCTest

/// The solver controls beyond a plain solve: a starting basis, reduced costs, an offered
/// incumbent, an interrupt, the branch-and-bound options. Each is checked against a cold solve or
/// an answer computed independently.
final class WarmStartAndSearchTests: XCTestCase {
    /// A random transportation-like program: villages × advisers with caps, costs in [1, 20).
    func transport(_ seed: UInt64, villages: Int = 30, advisers: Int = 8, integer: Bool = false) -> LinearProgram {
        var g = SeededGenerator(seed: seed)
        var p = LinearProgram(name: "t", sense: .minimize)
        var x: [[LinearProgram.Variable]] = []
        for v in 0..<villages {
            x.append(
                (0..<advisers).map { a in
                    p.addVariable(
                        name: "x\(v)_\(a)", bounds: .between(0, 1), kind: integer ? .integer : .continuous,
                        objective: Double.random(in: 1..<20, using: &g).rounded())
                })
        }
        for v in 0..<villages { p.addConstraint(name: "cover\(v)", terms: x[v].map { ($0, 1) }, bounds: .exactly(1)) }
        for a in 0..<advisers {
            p.addConstraint(
                name: "cap\(a)", terms: (0..<villages).map { (x[$0][a], 1) },
                bounds: .atMost(Double(villages / advisers + 2)))
        }
        return p
    }

    func testWarmStartFromTheBasisOfASmallerProgramGivesTheColdOptimum() throws {
        for seed in 1...20 as ClosedRange<UInt64> {
            var p = transport(seed)
            let first = try Solver.solve(p, options: SolverOptions(method: .dual))
            XCTAssertEqual(first.status, .optimal)
            var basis = try XCTUnwrap(first.basis)
            XCTAssertEqual(basis.rows.count, p.constraintCount)
            XCTAssertEqual(basis.columns.count, p.variableCount)
            XCTAssertEqual(
                basis.rows.filter { $0 == .basic }.count + basis.columns.filter { $0 == .basic }.count,
                p.constraintCount)
            // A cheaper column for every village, non-basic at zero in the starting basis.
            var g = SeededGenerator(seed: seed + 100)
            for i in 0..<30 {
                let c = p.addVariable(
                    name: "extra\(i)", bounds: .between(0, 1), objective: Double.random(in: 0..<5, using: &g).rounded())
                basis.columns.append(.atLower)
                _ = c
            }
            // The new columns must enter the cover rows: rebuild the program with them.
            var q = LinearProgram(name: "t2", sense: .minimize)
            for j in 0..<p.variableCount {
                q.addVariable(
                    name: p.variableNames[j], bounds: p.variableBounds[j], kind: p.variableKinds[j],
                    objective: p.objective[j])
            }
            for i in 0..<p.constraintCount {
                var terms = p.terms(of: LinearProgram.Constraint(index: i)).map {
                    (LinearProgram.Variable(index: $0.variable), $0.coefficient)
                }
                if i < 30 { terms.append((LinearProgram.Variable(index: p.variableCount - 30 + i), 1)) }
                q.addConstraint(name: p.constraintNames[i], terms: terms, bounds: p.constraintBounds[i])
            }
            var warmOptions = SolverOptions(method: .primal)
            warmOptions.startingBasis = basis
            let warm = try Solver.solve(q, options: warmOptions)
            let cold = try Solver.solve(q, options: SolverOptions(method: .dual))
            XCTAssertEqual(warm.status, .optimal)
            XCTAssertEqual(try XCTUnwrap(warm.objective), try XCTUnwrap(cold.objective), accuracy: 1e-7, "seed \(seed)")
            assertFeasible(q, warm.values)
        }
    }

    func testAStartingBasisOfTheWrongSizeIsRefused() throws {
        let p = transport(3)
        var options = SolverOptions()
        options.startingBasis = Basis(rows: [.basic], columns: [])
        XCTAssertThrowsError(try Solver.solve(p, options: options)) { error in
            guard case GLPKError.invalidOptions(let text) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("starting basis"), text)
        }
    }

    func testASingularStartingBasisFallsBackToTheStandardOne() throws {
        let p = transport(4)
        // Every column basic on the first rows, slacks non-basic: far too many basics, and singular.
        var options = SolverOptions(method: .primal)
        options.startingBasis = Basis(
            rows: Array(repeating: .atLower, count: p.constraintCount),
            columns: Array(repeating: .basic, count: p.variableCount))
        let s = try Solver.solve(p, options: options)
        let cold = try Solver.solve(p)
        XCTAssertEqual(s.status, .optimal)
        XCTAssertEqual(try XCTUnwrap(s.objective), try XCTUnwrap(cold.objective), accuracy: 1e-7)
    }

    func testReducedCostsAreTheCostsLessTheDualsOfTheirRows() throws {
        for seed in 1...10 as ClosedRange<UInt64> {
            let p = transport(seed)
            let s = try Solver.solve(p)
            XCTAssertEqual(s.reducedCosts.count, p.variableCount)
            var priced = p.objective
            for i in 0..<p.constraintCount {
                for t in p.terms(of: LinearProgram.Constraint(index: i)) {
                    priced[t.variable] -= s.duals[i] * t.coefficient
                }
            }
            for j in 0..<p.variableCount { XCTAssertEqual(s.reducedCosts[j], priced[j], accuracy: 1e-7) }
            // Optimality: basic columns price at zero, columns at their lower bound at zero or above.
            let basis = try XCTUnwrap(s.basis)
            for j in 0..<p.variableCount {
                switch basis.columns[j] {
                case .basic: XCTAssertEqual(s.reducedCosts[j], 0, accuracy: 1e-7)
                case .atLower: XCTAssertGreaterThanOrEqual(s.reducedCosts[j], -1e-7)
                case .atUpper: XCTAssertLessThanOrEqual(s.reducedCosts[j], 1e-7)
                default: break
                }
            }
        }
    }

    func testAnOfferedIncumbentIsTakenAndTheOptimumIsUnchanged() throws {
        for seed in 1...10 as ClosedRange<UInt64> {
            let p = transport(seed, villages: 16, advisers: 5, integer: true)
            let plain = try Solver.solve(p, options: SolverOptions(relativeGap: 0))
            // A feasible but poor incumbent: village v to adviser v mod 5 (caps are 5 each).
            var start = [Double](repeating: 0, count: p.variableCount)
            for v in 0..<16 { start[v * 5 + v % 5] = 1 }
            var options = SolverOptions(relativeGap: 0)
            options.incumbent = start
            options.heuristics = []
            let s = try Solver.solve(p, options: options)
            XCTAssertEqual(s.status, .optimal)
            XCTAssertEqual(try XCTUnwrap(s.objective), try XCTUnwrap(plain.objective), accuracy: 1e-7)
            assertFeasible(p, s.values)
        }
    }

    func testAnIncumbentThatBreaksARowIsRefused() throws {
        let p = transport(5, villages: 10, advisers: 4, integer: true)
        var options = SolverOptions()
        options.incumbent = [Double](repeating: 0, count: p.variableCount)  // no village covered
        XCTAssertThrowsError(try Solver.solve(p, options: options)) { error in
            guard case GLPKError.invalidOptions(let text) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("cover0"), text)
        }
        var fractional = [Double](repeating: 0, count: p.variableCount)
        for v in 0..<10 {
            fractional[v * 4] = 0.5
            fractional[v * 4 + 1] = 0.5
        }
        options.incumbent = fractional
        XCTAssertThrowsError(try Solver.solve(p, options: options))
    }

    func testAnInterruptStopsBranchAndBoundWithTheIncumbent() throws {
        // A knapsack that needs branching; interrupted before the first node, the incumbent offered stands.
        var p = LinearProgram(name: "knapsack", sense: .maximize)
        var g = SeededGenerator(seed: 9)
        var terms: [(LinearProgram.Variable, Double)] = []
        var weights: [Double] = []
        for i in 0..<40 {
            let w = Double(Int.random(in: 10...60, using: &g))
            weights.append(w)
            terms.append((p.addBinary(name: "take\(i)", objective: w + Double(Int.random(in: 0...9, using: &g))), w))
        }
        p.addConstraint(name: "weight", terms: terms, bounds: .atMost(weights.reduce(0, +) / 2 + 0.5))
        var start = [Double](repeating: 0, count: 40)
        start[0] = 1
        let flag = InterruptFlag()
        flag.request()
        var options = SolverOptions(relativeGap: 0)
        options.incumbent = start
        options.interrupt = flag
        options.heuristics = []
        let s = try Solver.solve(p, options: options)
        XCTAssertTrue(s.interrupted)
        XCTAssertEqual(s.status, .feasible)
        XCTAssertNotNil(s.bound)
        let uninterrupted = try Solver.solve(p, options: SolverOptions(relativeGap: 0))
        XCTAssertFalse(uninterrupted.interrupted)
        XCTAssertEqual(uninterrupted.status, .optimal)
        XCTAssertLessThanOrEqual(try XCTUnwrap(s.objective), try XCTUnwrap(uninterrupted.objective) + 1e-9)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(s.bound), try XCTUnwrap(uninterrupted.objective) - 1e-6)
    }

    func testCutsBranchingAndNodeSelectionKeepTheOptimum() throws {
        let variants:
            [(SolverOptions.Cuts, SolverOptions.Branching, SolverOptions.NodeSelection, SolverOptions.Heuristics)] = [
                (
                    [.mixedIntegerRounding, .gomory, .cover, .clique], .pseudoCost, .bestBound,
                    [.rounding, .feasibilityPump]
                ),
                ([.mixedIntegerRounding], .mostFractional, .depthFirst, [.proximitySearch]),
                ([], .driebeckTomlin, .bestProjection, []),
            ]
        for seed in 1...8 as ClosedRange<UInt64> {
            let p = transport(seed, villages: 14, advisers: 4, integer: true)
            let reference = try XCTUnwrap(try Solver.solve(p, options: SolverOptions(relativeGap: 0)).objective)
            for (cuts, branching, selection, heuristics) in variants {
                var o = SolverOptions(relativeGap: 0)
                o.cuts = cuts
                o.branching = branching
                o.nodeSelection = selection
                o.heuristics = heuristics
                let s = try Solver.solve(p, options: o)
                XCTAssertEqual(s.status, .optimal)
                XCTAssertEqual(try XCTUnwrap(s.objective), reference, accuracy: 1e-7)
                assertFeasible(p, s.values)
            }
        }
    }

    private func assertFeasible(
        _ p: LinearProgram, _ values: [Double], file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertNil(p.infeasibility(of: values), file: file, line: line)
    }
}
