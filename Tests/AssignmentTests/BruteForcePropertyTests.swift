import Assignment
import CounselTestSupport
import Foundation
import GLPK
import XCTest

@testable import CounselModel

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
        var failing: [UInt64] = []
        var coveredTotal = 0, villagesTotal = 0, supportTotal = 0, merged = 0
        for i in 0..<Self.instancesPerProfile {
            let seed = seedBase + UInt64(i)
            let scenario = RandomInstances.small(seed: seed, rules: profile)
            // Full assertions for the first few failing instances, then only count them.
            let (plan, ok) = try checkInstance(scenario, seed: seed, quiet: failing.count >= 3)
            if !ok { failing.append(seed) }
            coveredTotal += plan.coveredCount
            villagesTotal += plan.rows.count
            supportTotal += plan.chosen.filter(\.isSupport).count
            if plan.decomposition.rounds > 1 { merged += 1 }
        }
        XCTAssertEqual(
            failing.count, 0,
            "\(profile.id): \(failing.count) of \(Self.instancesPerProfile) instances disagree with brute force or the whole model, seeds \(failing.prefix(20))"
        )
        // The generator must exercise the interesting cases, not only trivial ones.
        XCTAssertGreaterThan(coveredTotal, villagesTotal / 4, "\(profile.id): instances cover something")
        XCTAssertLessThan(coveredTotal, villagesTotal, "\(profile.id): some villages stay uncovered")
        if failing.isEmpty {
            XCTAssertGreaterThan(supportTotal, 0, "\(profile.id): some support moves")
            XCTAssertGreaterThan(merged, 0, "\(profile.id): some solves merge groups")
        }
        print(
            "\(profile.id): \(Self.instancesPerProfile) instances, \(coveredTotal)/\(villagesTotal) covered, \(supportTotal) support moves, \(merged) solves with more than one round, \(failing.count) failing"
        )
    }

    /// Solves one instance and compares it with the brute force and the whole model.
    /// Returns the plan and whether everything agreed; asserts unless `quiet`.
    private func checkInstance(_ scenario: Scenario, seed: UInt64, quiet: Bool) throws -> (Plan, Bool) {
        let label = "\(scenario.rules.id) seed \(seed)"
        let problem = AssignmentProblem(scenario: scenario)
        let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(problem)

        // Exhaustive search on the reference rules.
        let ref = ReferenceModel(scenario)
        let penalty = (ref.maxTotalCost + 1).rounded(.up)
        let best = ref.bruteForce(penalty: penalty)
        let uncovered = Double(plan.rows.count - plan.coveredCount)
        let planCost = plan.objective - uncovered * problem.uncoveredPenalty
        let rowCost = plan.chosen.reduce(0) { $0 + $1.cost }
        // The whole model in one GLPK solve.
        let whole = try wholeModelObjective(problem)

        let ok =
            planInvariantViolations(plan).isEmpty && plan.status == .optimal && plan.coveredCount == best.covered
            && close(planCost, best.cost, rel: 1e-6)
            && close(rowCost, best.cost, rel: 1e-6) && close(whole, plan.objective, rel: 1e-9)
        if quiet { return (plan, ok) }

        assertPlanInvariants(plan)
        XCTAssertEqual(plan.status, .optimal, label)
        XCTAssertEqual(plan.coveredCount, best.covered, "\(label): covered villages (brute force \(best.assignment))")
        XCTAssertTrue(
            close(planCost, best.cost, rel: 1e-6),
            "\(label): cost part \(planCost) ≠ brute force \(best.cost) (assignment \(best.assignment))")
        XCTAssertTrue(
            close(whole, plan.objective, rel: 1e-9), "\(label): whole model \(whole) ≠ decomposed \(plan.objective)")
        return (plan, ok)
    }
}
