import Assignment
// Rule profiles, the seeded generator and the scenario builders are CounselTestSupport's.
import CounselModel
import CounselTestSupport
import Foundation
import GLPK
import XCTest

// MARK: - Geography (independent of CounselModel.Geography)

/// Great-circle km by the haversine formula with the mean Earth radius 6371.0088 km.
func referenceKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
    let r = 6371.0088
    let rad = Double.pi / 180
    let dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad
    let a = pow(sin(dLat / 2), 2) + cos(lat1 * rad) * cos(lat2 * rad) * pow(sin(dLon / 2), 2)
    return 2 * r * atan2(sqrt(a), sqrt(max(0, 1 - a)))
}

/// The point `km` east of (lat, lon) along the parallel (close enough for building test layouts).
func pointEast(of lat: Double, _ lon: Double, km: Double) -> (lat: Double, lon: Double) {
    let degPerKm = 1 / (6371.0088 * Double.pi / 180 * cos(lat * Double.pi / 180))
    return (lat, lon + km * degPerKm)
}

// MARK: - Solving

/// Exact options: a zero MIP gap, so "optimal" means optimal (the default gap is 1e-4).
let exactOptions = SolverOptions(relativeGap: 0)

/// Solves with the decomposition (exact options) and checks the plan's invariants.
@discardableResult
func solveChecked(
    _ scenario: Scenario, threads: Int = 2, options: SolverOptions = exactOptions,
    file: StaticString = #filePath, line: UInt = #line
) throws -> Plan {
    let problem = AssignmentProblem(scenario: scenario)
    let plan = try AssignmentSolver(options: options, threads: threads).solve(problem)
    assertPlanInvariants(plan, file: file, line: line)
    return plan
}

/// The whole model's optimum, solved in one piece by GLPK.
func wholeModelObjective(_ problem: AssignmentProblem, file: StaticString = #filePath, line: UInt = #line) throws
    -> Double
{
    let solution = try Solver.solve(AssignmentSolver.wholeModel(problem), options: exactOptions)
    XCTAssertEqual(solution.status, .optimal, "whole model status", file: file, line: line)
    return try XCTUnwrap(solution.objective, "whole model objective", file: file, line: line)
}

/// `|a − b| ≤ rel · max(1, |a|, |b|)`.
func close(_ a: Double, _ b: Double, rel: Double = 1e-6) -> Bool {
    abs(a - b) <= rel * max(1, abs(a), abs(b))
}
