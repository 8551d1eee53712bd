import XCTest
@testable import CounselModel
import Assignment
import GLPK
final class ScratchTests: XCTestCase {
    func testScratchWholeVsBrute() throws {
        var bad = 0, decompBad = 0, decompBadClean = 0, clean = 0
        for (profile, base) in [(try TestRules.nanning(), UInt64(10_000)), (try TestRules.guangdong(), 20_000)] {
            for i in 0..<1000 {
                let s = RandomInstances.small(seed: base + UInt64(i), rules: profile)
                let p = AssignmentProblem(scenario: s)
                let ref = ReferenceModel(s)
                let best = ref.bruteForce(penalty: p.uncoveredPenalty)
                let whole = try Solver.solve(AssignmentSolver.wholeModel(p), options: exactOptions).objective!
                let bf = Double(ref.villages.count - best.covered) * p.uncoveredPenalty + best.cost
                if !close(whole, bf) { bad += 1; if bad < 5 { print("X whole≠bf", profile.id, base + UInt64(i), whole, bf) } }
                let plan = try AssignmentSolver(options: exactOptions, threads: 1).solve(p)
                // "clean": no adviser-only group and one round
                let advGroups = plan.decomposition.finalGroups != Set(plan.rows.map { $0.village }).count
                let isClean = plan.decomposition.rounds == 1 && plan.status == .optimal
                if isClean { clean += 1 }
                if !close(plan.objective, bf) || plan.status != .optimal {
                    decompBad += 1
                    if isClean { decompBadClean += 1; print("X clean but wrong", base + UInt64(i)) }
                }
                _ = advGroups
            }
        }
        print("X whole-vs-brute mismatches", bad, "decomposed wrong", decompBad, "clean", clean, "clean wrong", decompBadClean)
    }
}
