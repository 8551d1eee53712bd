import CounselTestSupport
import Foundation
import GLPK
import XCTest

/// How solves end: infeasible and unbounded programs, integer programs whose LP relaxation is
/// fractional (relaxation, bound and objective on the right sides), and time limits.
final class SolveStatusTests: XCTestCase {
    /// x + y ≤ 1 and x + y ≥ 2 cannot both hold.
    func testInfeasibleLP() throws {
        var p = LinearProgram(name: "infeasible")
        let x = p.addVariable(name: "x", objective: 1)
        let y = p.addVariable(name: "y", objective: 1)
        p.addConstraint(name: "low", terms: [(x, 1), (y, 1)], bounds: .atMost(1))
        p.addConstraint(name: "high", terms: [(x, 1), (y, 1)], bounds: .atLeast(2))
        for o in KnownOptimaTests.allOptions {
            let s = try Solver.solve(p, options: o)
            XCTAssertEqual(s.status, .infeasible, KnownOptimaTests.label(o))
            XCTAssertNil(s.objective)
            XCTAssertNil(s.bound)
            XCTAssertEqual(s.values, [])
            XCTAssertNil(s.gap)
        }
    }

    /// A row that the variable bounds cannot reach: 0 ≤ x ≤ 1, 2x ≥ 3.
    func testInfeasibleByBounds() throws {
        var p = LinearProgram(name: "bounds", sense: .maximize)
        let x = p.addVariable(name: "x", bounds: .between(0, 1), objective: 1)
        p.addConstraint(name: "row", terms: [(x, 2)], bounds: .atLeast(3))
        for o in KnownOptimaTests.allOptions {
            XCTAssertEqual(try Solver.solve(p, options: o).status, .infeasible, KnownOptimaTests.label(o))
        }
    }

    /// An integer program whose LP relaxation is feasible but which has no integer point:
    /// 2x + 2y = 3 with x, y integer.
    func testIntegerInfeasibleWithFeasibleRelaxation() throws {
        var p = LinearProgram(name: "parity")
        let x = p.addVariable(name: "x", bounds: .between(0, 5), kind: .integer, objective: 1)
        let y = p.addVariable(name: "y", bounds: .between(0, 5), kind: .integer, objective: 1)
        p.addConstraint(name: "odd", terms: [(x, 2), (y, 2)], bounds: .exactly(3))
        let s = try Solver.solve(p, options: SolverOptions(relativeGap: 0))
        XCTAssertEqual(s.status, .infeasible)
        XCTAssertTrue(s.isMIP)
        XCTAssertNil(s.objective)
        XCTAssertEqual(s.values, [])
        XCTAssertEqual(try XCTUnwrap(s.relaxationObjective), 1.5, accuracy: 1e-9)
    }

    /// max x + y s.t. x − y ≤ 1, x, y ≥ 0 is unbounded (and so is its minimisation with free variables).
    func testUnboundedLP() throws {
        var p = LinearProgram(name: "unbounded", sense: .maximize)
        let x = p.addVariable(name: "x", objective: 1)
        let y = p.addVariable(name: "y", objective: 1)
        p.addConstraint(name: "row", terms: [(x, 1), (y, -1)], bounds: .atMost(1))
        var q = LinearProgram(name: "unbounded_min", sense: .minimize)
        let u = q.addVariable(name: "u", bounds: .free, objective: 1)
        let v = q.addVariable(name: "v", bounds: .free, objective: 2)
        q.addConstraint(name: "row", terms: [(u, 1), (v, 1)], bounds: .atMost(4))
        for o in KnownOptimaTests.allOptions {
            for program in [p, q] {
                let s = try Solver.solve(program, options: o)
                XCTAssertEqual(s.status, .unbounded, "\(program.name), \(KnownOptimaTests.label(o))")
                XCTAssertNil(s.objective)
                XCTAssertEqual(s.values, [])
            }
        }
    }

    /// An integer program whose LP relaxation is unbounded is reported unbounded, not as an error.
    func testUnboundedMIP() throws {
        var p = LinearProgram(name: "unbounded_mip", sense: .maximize)
        let x = p.addVariable(name: "x", kind: .integer, objective: 1)
        let y = p.addVariable(name: "y", kind: .integer, objective: 1)
        p.addConstraint(name: "row", terms: [(x, 1), (y, -1)], bounds: .atMost(1))
        XCTAssertEqual(try Solver.solve(p).status, .unbounded)
    }

    /// min −5x − 4y s.t. 6x + 4y ≤ 24, x + 2y ≤ 6, x, y ≥ 0 integer: the relaxation is −21 at
    /// (3, 1.5), the integer optimum −20 at (4, 0). For a minimisation relaxation ≤ bound ≤ objective.
    func testMIPWithFractionalRelaxationMinimise() throws {
        var p = LinearProgram(name: "fractional", sense: .minimize)
        let x = p.addVariable(name: "x", kind: .integer, objective: -5)
        let y = p.addVariable(name: "y", kind: .integer, objective: -4)
        p.addConstraint(name: "a", terms: [(x, 6), (y, 4)], bounds: .atMost(24))
        p.addConstraint(name: "b", terms: [(x, 1), (y, 2)], bounds: .atMost(6))
        for o in KnownOptimaTests.allOptions {
            let l = KnownOptimaTests.label(o)
            let s = try Solver.solve(p, options: o)
            XCTAssertEqual(s.status, .optimal, l)
            XCTAssertTrue(s.isMIP, l)
            let objective = try XCTUnwrap(s.objective, l)
            let bound = try XCTUnwrap(s.bound, l)
            let relaxation = try XCTUnwrap(s.relaxationObjective, l)
            XCTAssertEqual(objective, -20, accuracy: 1e-9, l)
            XCTAssertEqual(relaxation, -21, accuracy: 1e-9, l)
            XCTAssertLessThanOrEqual(relaxation, bound + 1e-9, l)
            XCTAssertLessThanOrEqual(bound, objective + 1e-9, l)
            XCTAssertEqual(s.values, [4, 0], l)
            XCTAssertEqual(s.duals.count, 2, "duals of the LP relaxation, \(l)")
            assertSatisfies(p, values: s.values, objective: objective, l)
        }
    }

    /// 0-1 knapsack max 8a + 11b + 6c + 4d s.t. 5a + 7b + 4c + 3d ≤ 14: relaxation 22, optimum 21
    /// (b, c, d). For a maximisation objective ≤ bound ≤ relaxation.
    func testMIPWithFractionalRelaxationMaximise() throws {
        var p = LinearProgram(name: "knapsack", sense: .maximize)
        let items = [(8.0, 5.0), (11, 7), (6, 4), (4, 3)]
        let x = items.indices.map { p.addBinary(name: "item\($0)", objective: items[$0].0) }
        p.addConstraint(name: "weight", terms: zip(x, items).map { ($0, $1.1) }, bounds: .atMost(14))
        let s = try Solver.solve(p, options: SolverOptions(relativeGap: 0))
        XCTAssertEqual(s.status, .optimal)
        let objective = try XCTUnwrap(s.objective)
        XCTAssertEqual(objective, 21, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(s.relaxationObjective), 22, accuracy: 1e-9)
        let bound = try XCTUnwrap(s.bound)
        XCTAssertGreaterThanOrEqual(bound, objective - 1e-9)
        XCTAssertLessThanOrEqual(bound, 22 + 1e-9)
        XCTAssertEqual(s.values, [0, 1, 1, 1])
    }

    /// A hard integer program (Cornuéjols–Dawande market split, which branch and bound cannot
    /// finish quickly) under a short time limit: the call returns soon after the limit, with a
    /// status that a time limit allows and a result consistent with that status.
    func testTimeLimitStopsAHardMIP() throws {
        let p = Self.marketSplit(rows: 4, cols: 30, seed: 7)
        for limit in [0.05, 0.3] {
            let started = Date()
            let s = try Solver.solve(p, options: SolverOptions(timeLimit: limit, relativeGap: 0))
            let elapsed = Date().timeIntervalSince(started)
            let l = "limit \(limit) s"
            XCTAssertLessThan(elapsed, limit + 2, "\(l): the solve must stop near its time limit")
            XCTAssertTrue([.feasible, .timeLimit, .optimal].contains(s.status), "\(l): \(s.status)")
            switch s.status {
            case .feasible, .optimal:
                let objective = try XCTUnwrap(s.objective, l)
                assertSatisfies(p, values: s.values, objective: objective, l)
                if let bound = s.bound { XCTAssertLessThanOrEqual(bound, objective + 1e-6, "\(l): lower bound") }
                if s.status == .feasible { XCTAssertGreaterThan(s.gap ?? 1, 0, l) }
            case .timeLimit:
                XCTAssertNil(s.objective, l)
                XCTAssertEqual(s.values, [], l)
                if let bound = s.bound { XCTAssertGreaterThanOrEqual(bound, -1e-6, "\(l): the slacks are ≥ 0") }
            default:
                break
            }
        }
    }

    /// A time limit that has no effect on an easy program changes nothing.
    func testGenerousTimeLimitOnAnEasyProgram() throws {
        var p = LinearProgram(name: "easy", sense: .maximize)
        let x = p.addVariable(name: "x", bounds: .between(0, 3), kind: .integer, objective: 1)
        p.addConstraint(name: "row", terms: [(x, 2)], bounds: .atMost(5))
        let s = try Solver.solve(p, options: SolverOptions(timeLimit: 30))
        XCTAssertEqual(s.status, .optimal)
        XCTAssertEqual(s.objective, 2)
    }

    /// A time limit below one millisecond is still a time limit: the solve must stop quickly
    /// rather than run without a limit.
    func testSubMillisecondTimeLimitIsHonoured() throws {
        // Without a limit this takes about 4 s; with a limit of 0.4 ms it must return at once.
        let p = Self.marketSplit(rows: 3, cols: 24, seed: 7)
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        Thread.detachNewThread {
            box.status = (try? Solver.solve(p, options: SolverOptions(timeLimit: 0.0004, relativeGap: 0)))?.status
            done.signal()
        }
        let returned = done.wait(timeout: .now() + 1.5) == .success
        XCTAssertTrue(
            returned, "Solver.solve with timeLimit 0.0004 s was still running after 1.5 s: the limit was dropped")
        if !returned { _ = done.wait(timeout: .now() + 60) }  // do not leave it running under later tests
        if returned {
            XCTAssertTrue([.feasible, .timeLimit, .optimal].contains(box.status), "\(String(describing: box.status))")
        }
    }

    private final class ResultBox: @unchecked Sendable { var status: SolveStatus? }

    /// Cornuéjols–Dawande market split: Σ_j a_ij x_j + s⁺_i − s⁻_i = ⌊Σ_j a_ij / 2⌋, x binary,
    /// minimise Σ (s⁺ + s⁻). Always feasible (slacks), notoriously hard to prove optimal.
    static func marketSplit(rows: Int, cols: Int, seed: UInt64) -> LinearProgram {
        var rng = SeededGenerator(seed: seed)
        var p = LinearProgram(name: "market_split", sense: .minimize)
        let x = (0..<cols).map { p.addBinary(name: "x\($0)") }
        for i in 0..<rows {
            let a = (0..<cols).map { _ in Double(Int.random(in: 0...99, using: &rng)) }
            let d = (a.reduce(0, +) / 2).rounded(.down)
            let plus = p.addVariable(name: "plus\(i)", objective: 1)
            let minus = p.addVariable(name: "minus\(i)", objective: 1)
            p.addConstraint(
                name: "split\(i)", terms: zip(x, a).map { ($0, $1) } + [(plus, 1), (minus, -1)], bounds: .exactly(d))
        }
        return p
    }
}
