import CounselTestSupport
import Dispatch
import Foundation
import GLPK
import XCTest

/// Independent solves on several threads at once give exactly the results of the same solves
/// done one after another (GLPK keeps its environment per thread; the guard builds, solves and
/// frees each problem within one call).
final class ThreadSafetyTests: XCTestCase {
    /// A random small MIP, the same for the same seed: 6–14 variables (binary, general integer
    /// and continuous, all bounded), 3–8 rows `≤ rhs` or `0 ≤ … ≤ rhs` with positive coefficients,
    /// so x = 0 is feasible and the optimum is finite; most have a fractional LP relaxation.
    static func randomMIP(seed: UInt64) -> LinearProgram {
        var rng = SeededGenerator(seed: seed)
        let sense: LinearProgram.Sense = Bool.random(using: &rng) ? .maximize : .minimize
        var p = LinearProgram(name: "random_\(seed)", sense: sense)
        let n = Int.random(in: 6...14, using: &rng)
        var vars: [LinearProgram.Variable] = []
        for j in 0..<n {
            // Costs push towards larger values so rows bind: positive when maximising, negative when minimising.
            let cost = Double(Int.random(in: 1...20, using: &rng)) * (sense == .maximize ? 1 : -1)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: vars.append(p.addBinary(name: "b\(j)", objective: cost))
            case 1:
                vars.append(
                    p.addVariable(
                        name: "i\(j)", bounds: .between(0, Double(Int.random(in: 1...6, using: &rng))), kind: .integer,
                        objective: cost))
            default: vars.append(p.addVariable(name: "c\(j)", bounds: .between(0, 5), objective: cost))
            }
        }
        let m = Int.random(in: 3...8, using: &rng)
        for i in 0..<m {
            let chosen = vars.shuffled(using: &rng).prefix(Int.random(in: 2...min(6, n), using: &rng))
            let terms = chosen.map { ($0, Double(Int.random(in: 1...9, using: &rng))) }
            let total = terms.reduce(0) { $0 + $1.1 }
            let rhs = (total * Double.random(in: 0.3...0.8, using: &rng)).rounded()
            if Int.random(in: 0..<4, using: &rng) == 0 {
                p.addConstraint(name: "r\(i)", terms: terms, bounds: .between(0, rhs))
            } else {
                p.addConstraint(name: "r\(i)", terms: terms, bounds: .atMost(rhs))
            }
        }
        return p
    }

    /// Everything a solve reports, compared exactly (same input, same thread-local algorithm).
    struct Outcome: Equatable {
        var status: SolveStatus
        var objective: Double?
        var bound: Double? = nil
        var relaxation: Double? = nil
        var values: [Double]
        var duals: [Double] = []
        var error: String?

        init(status: SolveStatus, objective: Double?, values: [Double], error: String?) {
            self.status = status
            self.objective = objective
            self.values = values
            self.error = error
        }

        init(_ s: Solution) {
            self.init(status: s.status, objective: s.objective, values: s.values, error: nil)
            bound = s.bound
            relaxation = s.relaxationObjective
            duals = s.duals
        }
    }

    static func solve(_ p: LinearProgram) -> Outcome {
        do {
            return Outcome(try Solver.solve(p, options: SolverOptions(relativeGap: 0)))
        } catch {
            return Outcome(status: .infeasible, objective: nil, values: [], error: "\(error)")
        }
    }

    func testConcurrentSolvesMatchSerialSolves() throws {
        let count = 200
        let programs = (0..<count).map { Self.randomMIP(seed: UInt64($0) &* 7919 &+ 1) }
        let serial = programs.map(Self.solve)
        // The sample must be meaningful: real optima, most of them non-trivial.
        XCTAssertEqual(serial.filter { $0.status == .optimal }.count, count, "all random MIPs are feasible and bounded")
        XCTAssertGreaterThan(serial.filter { ($0.objective ?? 0) != 0 }.count, count * 9 / 10)
        XCTAssertGreaterThan(
            serial.filter { abs(($0.relaxation ?? 0) - ($0.objective ?? 0)) > 1e-6 }.count, count / 2,
            "most need branching (fractional LP relaxation)")
        for (p, o) in zip(programs, serial) where o.status == .optimal {
            assertSatisfies(p, values: o.values, objective: o.objective, p.name)
        }

        let threads = 4
        let results = ResultTable(count: count)
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for k in stride(from: t, to: count, by: threads) {
                results[k] = Self.solve(programs[k])
            }
        }
        for k in 0..<count {
            XCTAssertEqual(results[k], serial[k], "program \(k) solved concurrently differs from its serial solve")
        }
    }

    /// Caught GLPK-level refusals on some threads do not disturb solves on the others.
    func testConcurrentRefusalsAndSolves() {
        var bad = LinearProgram(name: "bad")
        let x = bad.addVariable(name: "x")
        bad.addConstraint(name: "dup", terms: [(x, 1), (x, 1)], bounds: .atMost(1))
        let good = Self.randomMIP(seed: 42)
        let expected = Self.solve(good)
        let results = ResultTable(count: 64)
        DispatchQueue.concurrentPerform(iterations: 64) { k in
            results[k] = Self.solve(k % 2 == 0 ? good : bad)
        }
        for k in 0..<64 {
            if k % 2 == 0 {
                XCTAssertEqual(results[k], expected, "solve \(k)")
            } else {
                XCTAssertNotNil(results[k]?.error, "refusal \(k)")
            }
        }
    }

    /// Per-thread log sinks receive output only from their own solves.
    func testConcurrentLogsStaySeparate() {
        let results = ResultTable(count: 8)
        let logs = (0..<8).map { _ in LogRecorder() }
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            // Program k has k + 3 rows, which GLPK's log reports as "k+3 rows".
            var p = LinearProgram(name: "log_\(k)")
            let vars = (0..<3).map { p.addVariable(name: "v\($0)", objective: 1) }
            for i in 0..<(k + 3) {
                p.addConstraint(name: "r\(i)", terms: vars.map { ($0, Double(i + 1)) }, bounds: .atLeast(1))
            }
            var options = logs[k].options
            options.presolve = false
            options.relativeGap = 0
            do {
                results[k] = Outcome(try Solver.solve(p, options: options))
            } catch {
                results[k] = Outcome(status: .infeasible, objective: nil, values: [], error: "\(error)")
            }
        }
        for k in 0..<8 {
            XCTAssertEqual(results[k]?.status, .optimal)
            let text = logs[k].text
            XCTAssertFalse(text.isEmpty, "log \(k)")
            for other in 0..<8 where other != k {
                XCTAssertFalse(
                    text.contains("\(other + 3) rows,"), "log \(k) mentions program \(other)'s size:\n\(text)")
            }
        }
    }

    /// Concurrent exports of different programs to different files each write their own program.
    func testConcurrentExportsToDifferentFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glpk-concurrent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let errors = ResultTable(count: 16)
        DispatchQueue.concurrentPerform(iterations: 16) { k in
            do {
                try Solver.writeCPLEXLP(Self.randomMIP(seed: UInt64(k)), to: folder.appendingPathComponent("m\(k).lp"))
            } catch {
                errors[k] = Outcome(status: .infeasible, objective: nil, values: [], error: "\(error)")
            }
        }
        for k in 0..<16 {
            XCTAssertNil(errors[k], "export \(k)")
            let text = (try? String(contentsOf: folder.appendingPathComponent("m\(k).lp"), encoding: .utf8)) ?? ""
            XCTAssertTrue(text.contains("Problem: random_\(k) "), "file m\(k).lp holds its own program")
            XCTAssertTrue(text.hasSuffix("End\n"), "file m\(k).lp is complete")
        }
    }

    /// Concurrent exports to the same file (e.g. two requests saving the same plan) all succeed
    /// and leave one complete file behind: the temporary file of one writer must not be the
    /// temporary file of another.
    func testConcurrentExportsToTheSameFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glpk-same-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("plan.lp")
        // Programs large enough (about 40 kB of LP text) that the writes overlap in time.
        let programs = (0..<16).map { k -> LinearProgram in
            var p = LinearProgram(name: "random_\(k)")
            let vars = (0..<1500).map { p.addVariable(name: "x\($0)", objective: Double($0 % 7)) }
            for i in 0..<100 {
                p.addConstraint(
                    name: "r\(i)", terms: (0..<15).map { (vars[(i * 15 + $0) % 1500], 1.0) }, bounds: .atLeast(1))
            }
            return p
        }
        let errors = ResultTable(count: 16)
        DispatchQueue.concurrentPerform(iterations: 16) { k in
            do {
                try Solver.writeCPLEXLP(programs[k], to: url)
            } catch {
                errors[k] = Outcome(status: .infeasible, objective: nil, values: [], error: "\(error)")
            }
        }
        for k in 0..<16 { XCTAssertNil(errors[k]?.error, "export \(k)") }
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("\\* Problem: random_"), "one whole program")
        XCTAssertTrue(text.hasSuffix("End\n"), "a complete file")
        XCTAssertEqual(text.components(separatedBy: "Problem:").count, 2, "exactly one program in the file")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: folder.path), ["plan.lp"],
            "no temporary file left behind")
    }

    /// A lock-protected array of outcomes written from several threads.
    final class ResultTable: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [Outcome?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        subscript(k: Int) -> Outcome? {
            get { lock.withLock { storage[k] } }
            set { lock.withLock { storage[k] = newValue } }
        }
    }
}
