import Foundation
import GLPK
import XCTest
final class ScratchTiming: XCTestCase {
    func testTimeAll() throws {
        for k in 1...12 {
            let url = URL(fileURLWithPath: "/work/shared/benchmarks/gap/gap\(k).txt")
            let inst = try GAPInstance.parseFile(url)
            var line = "gap\(k):"
            for (t, g) in inst.enumerated() {
                for sense in [LinearProgram.Sense.maximize, .minimize] {
                    let start = Date()
                    let s = try Solver.solve(g.program(sense: sense), options: SolverOptions(timeLimit: 30, relativeGap: 0))
                    line += String(format: " %d%@=%.0f(%.2fs%@)", t + 1, sense == .maximize ? "M" : "m", s.objective ?? -1, Date().timeIntervalSince(start), s.status == .optimal ? "" : "!")
                }
            }
            print(line)
        }
    }
}
