import Assignment
import CounselTestSupport
import Foundation
import GLPK
import XCTest

@testable import CounselModel

/// The decomposition (groups of the county-local graph, dual pricing of linking pairs, merging)
/// must return the optimum of the whole model.
final class DecompositionTests: XCTestCase {
    /// Two counties of one city, 20 km apart: county A has 8 villages and one adviser (cap 5),
    /// county B has 2 villages and two advisers with spare places.
    static func shortAndSpare(maxKm: Double?, supportWeight: Double = 20) throws -> Scenario {
        let (latA, lonA) = (22.80, 108.30)
        let b = pointEast(of: latA, lonA, km: 20)
        var villages: [Village] = []
        for i in 0..<8 {
            villages.append(
                makeVillage("VA\(i)", county: "CA", lat: latA + 0.01 * Double(i % 3), lon: lonA + 0.01 * Double(i / 3)))
        }
        villages.append(makeVillage("VB0", county: "CB", lat: b.lat + 0.01, lon: b.lon))
        villages.append(makeVillage("VB1", county: "CB", lat: b.lat - 0.01, lon: b.lon))
        let advisers = [
            makeAdviser("AA", county: "CA", lat: latA, lon: lonA),
            makeAdviser("AB1", county: "CB", lat: b.lat, lon: b.lon),
            makeAdviser("AB2", county: "CB", lat: b.lat, lon: b.lon + 0.01),
        ]
        return makeScenario(
            name: "short-and-spare", rules: try TestRules.nanning(), maxKm: maxKm,
            weights: ObjectiveWeights(preference: 1, distanceKm: 0.05, change: 5, support: supportWeight),
            villages: villages, advisers: advisers,
            counties: [makeCounty("CA", city: "city1"), makeCounty("CB", city: "city1")])
    }

    func testSupportCoversTheShortCounty() throws {
        let scenario = try Self.shortAndSpare(maxKm: 50)
        let problem = AssignmentProblem(scenario: scenario)
        let plan = try solveChecked(scenario)
        XCTAssertEqual(plan.status, .optimal)
        XCTAssertEqual(plan.coveredCount, 10, "8 + 2 villages, 15 places within 50 km")
        let support = plan.chosen.filter(\.isSupport)
        XCTAssertEqual(support.count, 3, "county A covers 5 itself and receives 3 from B")
        for c in support {
            XCTAssertEqual(problem.villages[c.village].county, "CA")
            XCTAssertEqual(problem.units[c.unit].county, "CB")
        }
        let outcomes = Dictionary(uniqueKeysWithValues: plan.counties.map { ($0.id, $0) })
        XCTAssertEqual(outcomes["CA"]?.supportReceived, 3)
        XCTAssertEqual(outcomes["CB"]?.supportSent, 3)
        XCTAssertEqual(outcomes["CA"]?.deficit, 3)
        XCTAssertEqual(plan.objective, try wholeModelObjective(problem), accuracy: 1e-6 * max(1, abs(plan.objective)))
        // Support needs the two counties' groups merged.
        XCTAssertTrue(
            plan.decomposition.rounds > 1 || plan.decomposition.finalGroups < plan.decomposition.initialGroups,
            "expected a merge: \(plan.decomposition)")
        // Brute force agrees on the cost part.
        let ref = ReferenceModel(scenario)
        let best = ref.bruteForce(penalty: (ref.maxTotalCost + 1).rounded(.up))
        XCTAssertEqual(best.covered, 10)
        XCTAssertEqual(
            plan.objective - Double(10 - plan.coveredCount) * problem.uncoveredPenalty, best.cost,
            accuracy: 1e-6 * max(1, best.cost))
    }

    func testNoSupportWithoutRadius() throws {
        let scenario = try Self.shortAndSpare(maxKm: nil)
        let plan = try solveChecked(scenario)
        XCTAssertEqual(plan.status, .optimal)
        XCTAssertEqual(plan.coveredCount, 7, "A covers 5 of 8 alone; B covers its 2")
        XCTAssertTrue(plan.chosen.allSatisfy { !$0.isSupport })
        XCTAssertEqual(plan.decomposition.rounds, 1)
        XCTAssertEqual(
            plan.objective, try wholeModelObjective(plan.problem), accuracy: 1e-6 * max(1, abs(plan.objective)))
    }

    /// Support is dear and not needed: the linking pairs are priced out without merging.
    func testUnneededSupportIsPricedOut() throws {
        var scenario = try Self.shortAndSpare(maxKm: 50, supportWeight: 50)
        // Give county A enough places of its own.
        let a = scenario.advisers[0]
        scenario.advisers.append(makeAdviser("AA2", county: "CA", lat: a.latitude + 0.01, lon: a.longitude))
        let plan = try solveChecked(scenario)
        XCTAssertEqual(plan.status, .optimal)
        XCTAssertEqual(plan.coveredCount, 10)
        XCTAssertEqual(plan.chosen.filter(\.isSupport).count, 0)
        XCTAssertEqual(plan.decomposition.rounds, 1, "\(plan.decomposition)")
        XCTAssertEqual(
            plan.objective, try wholeModelObjective(plan.problem), accuracy: 1e-6 * max(1, abs(plan.objective)))
    }

    /// The smallest case that needs a merge: a county with one village and no adviser, next to a
    /// county with one village and one adviser.
    func testMinimalMerge() throws {
        let scenario = makeScenario(
            name: "minimal-merge", rules: try TestRules.nanning(), maxKm: 50,
            villages: [
                makeVillage("VA", county: "CA", lat: 22.8, lon: 108.3),
                makeVillage("VB", county: "CB", lat: 22.8, lon: 108.4),
            ],
            advisers: [makeAdviser("AB", county: "CB", lat: 22.8, lon: 108.4)],
            counties: [makeCounty("CA", city: "X"), makeCounty("CB", city: "X")])
        let plan = try solveChecked(scenario)
        XCTAssertEqual(plan.status, .optimal)
        XCTAssertEqual(plan.coveredCount, 2, "AB (cap 5) serves both villages, VA as support")
        XCTAssertEqual(plan.objective, try wholeModelObjective(plan.problem), accuracy: 1e-6)
        XCTAssertTrue(
            plan.decomposition.rounds > 1 || plan.decomposition.finalGroups < plan.decomposition.initialGroups)
    }

    /// Advisers who cannot serve anywhere (on leave, or nothing within reach) form groups without
    /// villages; they must not cost the plan its optimality proof.
    func testIdleAdviserKeepsTheProof() throws {
        let scenario = makeScenario(
            name: "idle-adviser", rules: try TestRules.nanning(), maxKm: nil,
            villages: [makeVillage("V1", county: "C1", lat: 22.8, lon: 108.3)],
            advisers: [
                makeAdviser("A1", county: "C1", lat: 22.8, lon: 108.31),
                makeAdviser("A2", county: "C1", lat: 22.8, lon: 108.31, status: .onLeave),
            ],
            counties: [makeCounty("C1", city: "X")])
        let plan = try solveChecked(scenario)
        XCTAssertEqual(plan.status, .optimal, "\(plan.decomposition)")
        XCTAssertNotNil(plan.bound)
        XCTAssertEqual(plan.coveredCount, 1)
        XCTAssertEqual(plan.objective, try wholeModelObjective(plan.problem), accuracy: 1e-6)
    }

    /// Three counties in a chain A–B–C: A is short and only B is within reach of A; B has no spare
    /// places unless C takes over B's villages. The optimum needs support twice.
    func testChainedSupport() throws {
        let a = (lat: 22.8, lon: 108.3)
        let b = pointEast(of: a.lat, a.lon, km: 25)
        let c = pointEast(of: a.lat, a.lon, km: 50)
        var villages: [Village] = []
        for i in 0..<6 {
            villages.append(makeVillage("VA\(i)", county: "CA", lat: a.lat + 0.005 * Double(i), lon: a.lon))
        }
        for i in 0..<5 {
            villages.append(makeVillage("VB\(i)", county: "CB", lat: b.lat + 0.005 * Double(i), lon: b.lon))
        }
        villages.append(makeVillage("VC0", county: "CC", lat: c.lat, lon: c.lon))
        let advisers = [
            makeAdviser("AA", county: "CA", lat: a.lat, lon: a.lon),  // 5 places for 6 villages
            makeAdviser("AB", county: "CB", lat: b.lat, lon: b.lon),  // 5 places, B has 5 villages
            makeAdviser("AC", county: "CC", lat: c.lat, lon: c.lon),  // 5 places, C has 1 village
        ]
        let scenario = makeScenario(
            name: "chain", rules: try TestRules.nanning(), maxKm: 30,
            villages: villages, advisers: advisers,
            counties: [
                makeCounty("CA", city: "city1"), makeCounty("CB", city: "city1"),
                makeCounty("CC", city: "city1"),
            ])
        let plan = try solveChecked(scenario)
        XCTAssertEqual(plan.status, .optimal)
        XCTAssertEqual(plan.coveredCount, 12, "C serves a B village, B serves an A village")
        XCTAssertEqual(
            plan.objective, try wholeModelObjective(plan.problem), accuracy: 1e-6 * max(1, abs(plan.objective)))
        let ref = ReferenceModel(scenario)
        XCTAssertEqual(ref.bruteForce(penalty: (ref.maxTotalCost + 1).rounded(.up)).covered, 12)
    }

    /// ≈150 villages, 40 advisers, 3 counties: the decomposed optimum equals the whole model's.
    func testMediumRandomMatchesWholeModel() throws {
        var merged = 0, support = 0, unmerged = 0
        for i in 0..<10 {
            let profile = try i % 2 == 0 ? TestRules.nanning() : TestRules.guangdong()
            let scenario = RandomInstances.medium(seed: 7_000 + UInt64(i), rules: profile, short: i % 4 < 2)
            let problem = AssignmentProblem(scenario: scenario)
            let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(problem)
            assertPlanInvariants(plan)
            let label = "medium seed \(7_000 + i) (\(profile.id))"
            XCTAssertEqual(plan.status, .optimal, label)
            let whole = try wholeModelObjective(problem)
            XCTAssertTrue(
                close(whole, plan.objective, rel: 1e-7),
                "\(label): whole \(whole) ≠ decomposed \(plan.objective) \(plan.decomposition)")
            // With the default MIP gap (1e-4) the plan is still valid and within the gap of the optimum.
            let loose = try AssignmentSolver(threads: 2).solve(problem)
            assertPlanInvariants(loose)
            XCTAssertEqual(loose.status, .optimal, "\(label), default gap")
            XCTAssertLessThanOrEqual(loose.objective, whole + 2e-4 * abs(whole) + 1e-6, "\(label), default gap")
            if let bound = loose.bound {
                XCTAssertLessThanOrEqual(bound, whole + 1e-6 * abs(whole), "\(label): bound above the optimum")
            }
            if plan.decomposition.rounds > 1 { merged += 1 } else { unmerged += 1 }
            support += plan.chosen.filter(\.isSupport).count
        }
        XCTAssertGreaterThan(merged, 0, "some medium instances need merging")
        XCTAssertGreaterThan(support, 0, "some medium instances use support")
        print(
            "medium: \(merged) instances merged groups, \(unmerged) were proven optimal without merging, \(support) support moves"
        )
    }
}

/// Candidate pairs made in chunks on several threads are the reference model's pairs, in village
/// order, whatever the chunking (2,600 villages: three chunks).
final class CandidateChunkTests: XCTestCase {
    func testChunkedCandidatesAreTheReferencePairs() throws {
        let scenario = RandomInstances.medium(seed: 41, rules: try TestRules.nanning(), villages: 2600, advisers: 160)
        let problem = AssignmentProblem(scenario: scenario)
        let ref = ReferenceModel(scenario)
        XCTAssertEqual(problem.candidateRange.count, problem.villages.count)
        var next = CandidateIndex(0)
        for (v, range) in zip(problem.villageIndices, problem.candidateRange) {
            XCTAssertEqual(range.lowerBound, next, "ranges follow each other")
            next = range.upperBound
            let made = problem.candidates[range]
            XCTAssertTrue(made.allSatisfy { $0.village == v })
            let ours = made.map { (problem.units[$0.unit].id, $0.cost, $0.isSupport) }.sorted { $0.0 < $1.0 }
            let theirs = ref.pairs[v].map { (ref.advisers[$0.adviser].id, $0.cost, $0.support) }.sorted { $0.0 < $1.0 }
            XCTAssertEqual(ours.map(\.0), theirs.map(\.0), problem.villages[v].id)
            for (o, t) in zip(ours, theirs) {
                XCTAssertEqual(o.1, t.1, accuracy: 1e-9, "\(problem.villages[v].id)–\(o.0)")
                XCTAssertEqual(o.2, t.2)
            }
        }
        XCTAssertEqual(next.rawValue, problem.candidates.count)
        XCTAssertGreaterThan(problem.candidates.count, 10_000)
    }
}
