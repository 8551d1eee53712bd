import Foundation
import GLPK
import XCTest

final class ScratchProbeTests: XCTestCase {
    func marketSplit(rows: Int, cols: Int, seed: UInt64) -> LinearProgram {
        var rng = SeededGenerator(seed: seed)
        var p = LinearProgram(name: "market_split", sense: .minimize)
        let x = (0..<cols).map { p.addBinary(name: "x\($0)") }
        for i in 0..<rows {
            let a = (0..<cols).map { _ in Double(Int.random(in: 0...99, using: &rng)) }
            let d = (a.reduce(0, +) / 2).rounded(.down)
            let sp = p.addVariable(name: "sp\(i)", objective: 1)
            let sm = p.addVariable(name: "sm\(i)", objective: 1)
            p.addConstraint(name: "r\(i)", terms: zip(x, a).map { ($0, $1) } + [(sp, 1), (sm, -1)], bounds: .exactly(d))
        }
        return p
    }
    func testProbeMarketSplit() throws {
        for (r, c) in [(2, 20), (3, 20), (3, 24), (4, 30)] {
            let t = Date()
            let s = try Solver.solve(marketSplit(rows: r, cols: c, seed: 7), options: SolverOptions(timeLimit: 20, relativeGap: 0))
            print("ms \(r)x\(c): \(s.status) obj \(s.objective as Any) bound \(s.bound as Any) relax \(s.relaxationObjective as Any) \(Date().timeIntervalSince(t))")
        }
    }
    func testProbeTinyLimit() throws {
        let t = Date()
        let s = try Solver.solve(marketSplit(rows: 3, cols: 24, seed: 7), options: SolverOptions(timeLimit: 0.0004, relativeGap: 0))
        print("tiny: \(s.status) \(Date().timeIntervalSince(t))")
    }
    func testProbeNames() throws {
        var p = LinearProgram(name: "a\tb")
        let x = p.addVariable(name: "x", bounds: .between(1, 2), objective: 1)
        p.addConstraint(name: "c", terms: [(x, 1)], bounds: .atLeast(0))
        print("problems: \(p.problems())")
        do { let s = try Solver.solve(p); print("solved \(s)") } catch { print("error: \(error)") }
        var q = LinearProgram(name: "ok")
        let y = q.addVariable(name: "y\nz", bounds: .between(1, 2), objective: 1)
        q.addConstraint(name: "c", terms: [(y, 1)], bounds: .atLeast(0))
        print("problems: \(q.problems())")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("probe.lp")
        do { try Solver.writeCPLEXLP(q, to: url); print("written") } catch { print("error: \(error)") }
    }
    func testProbeNoRows() throws {
        var p = LinearProgram(name: "norows")
        p.addVariable(name: "x", bounds: .between(1, 5), objective: 1)
        let s = try Solver.solve(p)
        print("norows: \(s)")
        var q = LinearProgram(name: "const")
        q.objectiveConstant = 10
        let x = q.addVariable(name: "x", bounds: .between(1, 5), kind: .integer, objective: 1)
        q.addConstraint(name: "c", terms: [(x, 2)], bounds: .atLeast(3))
        print("const: \(try Solver.solve(q))")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("probe2.lp")
        try Solver.writeCPLEXLP(q, to: url)
        print(try String(contentsOf: url, encoding: .utf8))
        try Solver.writeCPLEXLP(q, to: url)
        print(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path).filter { $0.contains("probe") })
    }
}
