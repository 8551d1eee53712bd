import Foundation
import GLPK
import XCTest

/// Small linear and mixed-integer programs whose optima, solutions and duals were computed by
/// hand; each is solved with every method/presolve combination, so a wrong mapping of bounds,
/// senses, coefficients or results shows up as a wrong number.
final class KnownOptimaTests: XCTestCase {
    /// Every combination of simplex method and presolver.
    static let allOptions: [SolverOptions] = [
        SolverOptions(relativeGap: 0, presolve: true, method: .dual),
        SolverOptions(relativeGap: 0, presolve: false, method: .dual),
        SolverOptions(relativeGap: 0, presolve: true, method: .primal),
        SolverOptions(relativeGap: 0, presolve: false, method: .primal),
    ]

    static func label(_ o: SolverOptions) -> String { "\(o.method), presolve \(o.presolve)" }

    /// max 3x + 5y  s.t.  x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18, x, y ≥ 0  →  x = 2, y = 6, z = 36;
    /// duals (0, 3/2, 1) (Hillier & Lieberman's Wyndor Glass example).
    func testMaximisationWithLessOrEqualRows() throws {
        var p = LinearProgram(name: "wyndor", sense: .maximize)
        let x = p.addVariable(name: "x", objective: 3)
        let y = p.addVariable(name: "y", objective: 5)
        p.addConstraint(name: "plant1", terms: [(x, 1)], bounds: .atMost(4))
        p.addConstraint(name: "plant2", terms: [(y, 2)], bounds: .atMost(12))
        p.addConstraint(name: "plant3", terms: [(x, 3), (y, 2)], bounds: .atMost(18))
        for o in Self.allOptions {
            let s = try Solver.solve(p, options: o)
            let l = Self.label(o)
            XCTAssertEqual(s.status, .optimal, l)
            XCTAssertFalse(s.isMIP, l)
            XCTAssertEqual(try XCTUnwrap(s.objective, l), 36, accuracy: 1e-9, l)
            XCTAssertEqual(s.value(x), 2, accuracy: 1e-9, l)
            XCTAssertEqual(s.value(y), 6, accuracy: 1e-9, l)
            XCTAssertEqual(try XCTUnwrap(s.bound, l), 36, accuracy: 1e-9, l)
            XCTAssertEqual(try XCTUnwrap(s.relaxationObjective, l), 36, accuracy: 1e-9, l)
            XCTAssertEqual(s.gap ?? -1, 0, accuracy: 1e-12, l)
            XCTAssertEqual(s.duals.count, 3, l)
            guard s.duals.count == 3 else { continue }
            XCTAssertEqual(s.duals[0], 0, accuracy: 1e-9, l)
            XCTAssertEqual(s.duals[1], 1.5, accuracy: 1e-9, l)
            XCTAssertEqual(s.duals[2], 1, accuracy: 1e-9, l)
            assertSatisfies(p, values: s.values, objective: s.objective, l)
        }
    }

    /// min 2x + 3y  s.t.  x + y ≥ 4, x + 3y ≥ 6, x, y ≥ 0  →  x = 3, y = 1, z = 9; duals (3/2, 1/2).
    /// The duals are also checked against the objective's change when a right-hand side moves.
    func testMinimisationDualsAreShadowPrices() throws {
        func program(_ b1: Double, _ b2: Double) -> LinearProgram {
            var p = LinearProgram(name: "diet", sense: .minimize)
            let x = p.addVariable(name: "x", objective: 2)
            let y = p.addVariable(name: "y", objective: 3)
            p.addConstraint(name: "a", terms: [(x, 1), (y, 1)], bounds: .atLeast(b1))
            p.addConstraint(name: "b", terms: [(x, 1), (y, 3)], bounds: .atLeast(b2))
            return p
        }
        let p = program(4, 6)
        for o in Self.allOptions {
            let l = Self.label(o)
            let s = try Solver.solve(p, options: o)
            XCTAssertEqual(s.status, .optimal, l)
            XCTAssertEqual(try XCTUnwrap(s.objective, l), 9, accuracy: 1e-9, l)
            XCTAssertEqual(s.values.count, 2, l)
            if s.values.count == 2 {
                XCTAssertEqual(s.values[0], 3, accuracy: 1e-9, l)
                XCTAssertEqual(s.values[1], 1, accuracy: 1e-9, l)
            }
            XCTAssertEqual(s.duals.count, 2, l)
            guard s.duals.count == 2 else { continue }
            XCTAssertEqual(s.duals[0], 1.5, accuracy: 1e-9, l)
            XCTAssertEqual(s.duals[1], 0.5, accuracy: 1e-9, l)
            // Strong duality: b·y = c·x.
            XCTAssertEqual(4 * s.duals[0] + 6 * s.duals[1], 9, accuracy: 1e-9, l)
        }
        // Shadow prices: d(objective)/d(rhs) by finite differences.
        let base = try XCTUnwrap(try Solver.solve(p).objective)
        let d = try Solver.solve(p).duals
        let moved1 = try XCTUnwrap(try Solver.solve(program(4.1, 6)).objective)
        let moved2 = try XCTUnwrap(try Solver.solve(program(4, 6.1)).objective)
        XCTAssertEqual((moved1 - base) / 0.1, d[0], accuracy: 1e-6)
        XCTAssertEqual((moved2 - base) / 0.1, d[1], accuracy: 1e-6)
    }

    /// The sign of a dual follows GLPK's convention (∂objective/∂rhs) in both senses:
    /// min x s.t. x ≥ 2 → +1; max −x s.t. x ≥ 2 → −1; min −x s.t. x ≤ 3 → −1; max x s.t. x ≤ 3 → +1.
    func testDualSignsInBothSenses() throws {
        let cases: [(LinearProgram.Sense, Double, LinearProgram.Bounds, objective: Double, dual: Double)] = [
            (.minimize, 1, .atLeast(2), 2, 1),
            (.maximize, -1, .atLeast(2), -2, -1),
            (.minimize, -1, .atMost(3), -3, -1),
            (.maximize, 1, .atMost(3), 3, 1),
        ]
        for (sense, cost, bounds, objective, dual) in cases {
            var p = LinearProgram(name: "sign", sense: sense)
            let x = p.addVariable(name: "x", bounds: .free, objective: cost)
            p.addConstraint(name: "row", terms: [(x, 1)], bounds: bounds)
            let l = "\(sense) \(cost)·x, row \(bounds)"
            for o in Self.allOptions {
                let s = try Solver.solve(p, options: o)
                XCTAssertEqual(s.status, .optimal, l)
                XCTAssertEqual(try XCTUnwrap(s.objective, l), objective, accuracy: 1e-9, l)
                XCTAssertEqual(s.duals.first ?? .nan, dual, accuracy: 1e-9, "\(l), \(Self.label(o))")
            }
        }
    }

    /// Equality rows, a free variable, a doubly bounded variable, a ranged row and an objective
    /// constant: min x − y + 10 s.t. x + y = 5, −1 ≤ x − y ≤ 7, x free, 0 ≤ y ≤ 10
    /// → x = 2, y = 3, z = 9, duals (0, 1).
    func testEqualityRangesFreeVariablesAndConstant() throws {
        var p = LinearProgram(name: "mixed_bounds", sense: .minimize)
        p.objectiveConstant = 10
        let x = p.addVariable(name: "x", bounds: .free, objective: 1)
        let y = p.addVariable(name: "y", bounds: .between(0, 10), objective: -1)
        p.addConstraint(name: "sum", terms: [(x, 1), (y, 1)], bounds: .exactly(5))
        p.addConstraint(name: "diff", terms: [(x, 1), (y, -1)], bounds: .between(-1, 7))
        for o in Self.allOptions {
            let l = Self.label(o)
            let s = try Solver.solve(p, options: o)
            XCTAssertEqual(s.status, .optimal, l)
            XCTAssertEqual(try XCTUnwrap(s.objective, l), 9, accuracy: 1e-9, l)
            XCTAssertEqual(s.value(x), 2, accuracy: 1e-9, l)
            XCTAssertEqual(s.value(y), 3, accuracy: 1e-9, l)
            XCTAssertEqual(s.duals.count, 2, l)
            if s.duals.count == 2 {
                XCTAssertEqual(s.duals[0], 0, accuracy: 1e-9, l)
                XCTAssertEqual(s.duals[1], 1, accuracy: 1e-9, l)
            }
            assertSatisfies(p, values: s.values, objective: s.objective, l)
        }
    }

    /// Variables bounded only from above (−∞ < x ≤ 4, −∞ < y ≤ 3) and a fixed one (z = −2):
    /// max x + 2y + z s.t. x + y ≤ 10 → x = 4, y = 3, z = −2, objective 8.
    func testUpperBoundedAndFixedVariables() throws {
        var p = LinearProgram(name: "upper", sense: .maximize)
        let x = p.addVariable(name: "x", bounds: .atMost(4), objective: 1)
        let y = p.addVariable(name: "y", bounds: .atMost(3), objective: 2)
        let z = p.addVariable(name: "z", bounds: .exactly(-2), objective: 1)
        p.addConstraint(name: "cap", terms: [(x, 1), (y, 1)], bounds: .atMost(10))
        for o in Self.allOptions {
            let l = Self.label(o)
            let s = try Solver.solve(p, options: o)
            XCTAssertEqual(s.status, .optimal, l)
            XCTAssertEqual(try XCTUnwrap(s.objective, l), 8, accuracy: 1e-9, l)
            XCTAssertEqual(s.values, [4, 3, -2], l)
            XCTAssertEqual(s.value(z), -2, l)
        }
    }

    /// Integer variables whose bounds are not integers are valid (validate() accepts them) and
    /// must solve: max x + y, x integer in [0.2, 2.5], y integer ≤ 3.7, x + y ≤ 10 → x = 2, y = 3;
    /// min x → x = 1. (GLPK's glp_intopt itself refuses non-integer bounds on integer columns,
    /// so the wrapper has to round them.)
    func testIntegerVariablesWithFractionalBounds() throws {
        for sense in [LinearProgram.Sense.maximize, .minimize] {
            var p = LinearProgram(name: "fractional_bounds", sense: sense)
            let x = p.addVariable(name: "x", bounds: .between(0.2, 2.5), kind: .integer, objective: 1)
            let y = p.addVariable(
                name: "y", bounds: .between(0, 3.7), kind: .integer,
                objective: sense == .maximize ? 1 : 0)
            p.addConstraint(name: "cap", terms: [(x, 1), (y, 1)], bounds: .atMost(10))
            XCTAssertEqual(p.problems(), [], "\(sense)")
            let s: Solution
            do { s = try Solver.solve(p, options: SolverOptions(relativeGap: 0)) } catch {
                return XCTFail("\(sense): a valid program failed to solve: \(error)")
            }
            XCTAssertEqual(s.status, .optimal, "\(sense)")
            XCTAssertEqual(try XCTUnwrap(s.objective), sense == .maximize ? 5 : 1, accuracy: 1e-9, "\(sense)")
            XCTAssertEqual(s.value(x), sense == .maximize ? 2 : 1, accuracy: 1e-9, "\(sense)")
        }
    }

    /// A program with no constraints at all still solves (variables at their best bounds), and
    /// reports its LP relaxation like any other.
    func testProgramWithoutConstraints() throws {
        var p = LinearProgram(name: "no_rows", sense: .minimize)
        p.addVariable(name: "x", bounds: .between(1, 5), objective: 2)
        p.addVariable(name: "y", bounds: .between(-3, 5), objective: -1)
        let s = try Solver.solve(p)
        XCTAssertEqual(s.status, .optimal)
        XCTAssertEqual(try XCTUnwrap(s.objective), 2 - 5, accuracy: 1e-9)
        XCTAssertEqual(s.values, [1, 5])
        XCTAssertEqual(s.duals, [])
        XCTAssertEqual(
            try XCTUnwrap(s.relaxationObjective, "LP relaxation optimum of a row-less program"), -3, accuracy: 1e-9)
    }

    /// An empty program (no variables, no rows) has optimum equal to its objective constant.
    func testEmptyProgram() throws {
        var p = LinearProgram(name: "empty", sense: .maximize)
        p.objectiveConstant = 7
        let s = try Solver.solve(p)
        XCTAssertEqual(s.status, .optimal)
        XCTAssertEqual(try XCTUnwrap(s.objective), 7, accuracy: 1e-12)
        XCTAssertEqual(s.values, [])
    }
}
