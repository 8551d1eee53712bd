import CounselModel
import XCTest

@testable import Assignment

/// Blocking pairs: both sides would rather be together than with what the plan gave them.
final class BlockingPairsTests: XCTestCase {
    private func problem() throws -> AssignmentProblem {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let rules = try RuleProfile.load(from: root.appendingPathComponent("Models/rules/nanning.yaml"))
        let villages = ["V1", "V2"].map {
            Village(id: $0, name: $0, township: "T", county: "C", latitude: 22.9, longitude: 108.3)
        }
        let advisers = ["A1", "A2"].map {
            Adviser(id: $0, name: $0, county: "C", latitude: 22.9, longitude: 108.3, maxVillages: 1)
        }
        let scenario = Scenario(
            name: "t", rules: rules, year: 2026, maxKm: nil, weights: .defaults, villages: villages, advisers: advisers,
            counties: [County(id: "C", name: "C", city: "X")],
            preferences: [
                Preference(from: "V1", to: "A1", rank: 1), Preference(from: "V1", to: "A2", rank: 2),
                Preference(from: "A1", to: "V1", rank: 1), Preference(from: "A1", to: "V2", rank: 2),
            ])
        return AssignmentProblem(scenario: scenario)
    }

    private func plan(_ p: AssignmentProblem, _ pairs: [String: String]) -> Plan {
        let rows = p.villageIndices.map { v -> Plan.Row in
            let k = pairs[p.villages[v].id].flatMap { a in
                p.candidateRange[v].first { p.units[p.candidates[$0].unit].id == a }
            }
            return Plan.Row(village: v, candidate: k)
        }
        return Plan(
            problem: p, rows: rows, status: .optimal, objective: 0, bound: nil, seconds: 0,
            decomposition: DecompositionStats(
                initialGroups: 1, finalGroups: 1, rounds: 1, solves: 1, largestGroupVillages: 2,
                candidatePairs: p.candidates.count, crossPairs: 0))
    }

    func testSwappedPlanHasTheBlockingPair() throws {
        let p = try problem()
        let swapped = plan(p, ["V1": "A2", "V2": "A1"])
        XCTAssertEqual(
            swapped.blockingPairs.map { "\(p.villages[$0.village].id)-\(p.units[$0.unit].id)" }, ["V1-A1"])
        XCTAssertEqual(swapped.summary.blockingPairs, 1)
    }

    func testOptimalPlanIsStableHere() throws {
        let p = try problem()
        let solved = try AssignmentSolver().solve(p)
        XCTAssertEqual(solved.blockingPairs.count, 0)
        XCTAssertEqual(plan(p, ["V1": "A1", "V2": "A2"]).blockingPairs.count, 0)
        // An uncovered V1 prefers any adviser it ranked.
        XCTAssertEqual(
            plan(p, ["V2": "A1"]).blockingPairs.map { p.units[$0.unit].id }, ["A1", "A2"],
            "A1 ranks V1 above V2; A2 has a free place")
    }
}
