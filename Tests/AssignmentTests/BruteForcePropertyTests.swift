import Foundation
import XCTest
@testable import CounselModel
import Assignment
import GLPK

/// The decomposed solver against an exhaustive search over every assignment, on many small
/// random scenarios, and against GLPK solving the whole model in one piece.
final class BruteForcePropertyTests: XCTestCase {
    /// Instances per profile (2 × 160 = 320 in all).
    static let instancesPerProfile = 160

    func testNanningMatchesBruteForce() throws {
        try run(profile: TestRules.nanning(), seedBase: 10_000)
    }

    func testGuangdongMatchesBruteForce() throws {
        try run(profile: TestRules.guangdong(), seedBase: 20_000)
    }

    private func run(profile: RuleProfile, seedBase: UInt64) throws {
        var failures = 0
        var coveredTotal = 0, villagesTotal = 0, supportTotal = 0, merged = 0
        for i in 0..<Self.instancesPerProfile {
            let seed = seedBase + UInt64(i)
            let scenario = RandomInstances.small(seed: seed, rules: profile)
            let failuresBefore = testRun?.failureCount ?? 0
            let plan = try checkInstance(scenario, seed: seed)
            if (testRun?.failureCount ?? 0) > failuresBefore {
                failures += 1
                if failures >= 5 { XCTFail("stopping after 5 failing instances"); return }
            }
            coveredTotal += plan.coveredCount
            villagesTotal += plan.rows.count
            supportTotal += plan.chosen.filter(\.isSupport).count
            if plan.decomposition.rounds > 1 { merged += 1 }
        }
        // The generator must exercise the interesting cases, not only trivial ones.
        XCTAssertGreaterThan(coveredTotal, villagesTotal / 4, "\(profile.id): instances cover something")
        XCTAssertLessThan(coveredTotal, villagesTotal, "\(profile.id): some villages stay uncovered")
        XCTAssertGreaterThan(supportTotal, 0, "\(profile.id): some support moves")
        print("\(profile.id): \(Self.instancesPerProfile) instances, \(coveredTotal)/\(villagesTotal) covered, \(supportTotal) support moves, \(merged) solves with more than one round")
    }

    private func checkInstance(_ scenario: Scenario, seed: UInt64) throws -> Plan {
        let label = "\(scenario.rules.id) seed \(seed)"
        let problem = AssignmentProblem(scenario: scenario)
        let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(problem)
        assertPlanInvariants(plan)
        XCTAssertEqual(plan.status, .optimal, label)

        // Exhaustive search on the reference rules.
        let ref = ReferenceModel(scenario)
        let penalty = (ref.maxTotalCost + 1).rounded(.up)
        let best = ref.bruteForce(penalty: penalty)
        XCTAssertEqual(plan.coveredCount, best.covered, "\(label): covered villages (brute force \(best.assignment))")
        let uncovered = Double(plan.rows.count - plan.coveredCount)
        let planCost = plan.objective - uncovered * problem.uncoveredPenalty
        XCTAssertTrue(close(planCost, best.cost, rel: 1e-6),
                      "\(label): cost part \(planCost) ≠ brute force \(best.cost) (assignment \(best.assignment))")

        // The whole model in one GLPK solve.
        let whole = try wholeModelObjective(problem)
        XCTAssertTrue(close(whole, plan.objective, rel: 1e-9), "\(label): whole model \(whole) ≠ decomposed \(plan.objective)")
        return plan
    }
}
