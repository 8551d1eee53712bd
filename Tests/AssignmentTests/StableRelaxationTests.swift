import CounselTestSupport
import CounselText
import Foundation
import GLPK
import XCTest

@testable import Assignment
@testable import CounselModel

/// The counties' relaxations of the stable model (``StableRelaxation``) against the exhaustive
/// search: their bound never exceeds the fewest blocking pairs of any plan, it is positive on
/// instances without a stable plan often enough to matter, and the solver's path for parts too
/// big to solve whole (forced here on small instances) says what is true.
final class StableRelaxationTests: XCTestCase {
    struct Tally {
        var instances = 0, noStable = 0, positive = 0, provenByBound = 0
        var failing: [UInt64] = []
    }

    /// One instance: the bound against brute force, then the big-part path of the solver.
    func check(_ s: Scenario, seed: UInt64, tally: inout Tally) throws {
        let problem = AssignmentProblem(scenario: s)
        let oracle = PlanOracle(s)
        guard
            let best = oracle.best(key: { c in
                [Double(oracle.blockingPairs(c).count), Double(oracle.uncovered(c)), oracle.cost(c)]
            })
        else { return }
        let fewest = Int(best.key[0])
        var failures: [String] = []
        let bounds = try StableRelaxation(options: exactOptions, threads: 1)
            .countyBounds(problem, villages: Array(problem.villageIndices))
        let bound = bounds.reduce(0) { $0 + $1.blocking }
        if bound > fewest { failures.append("relaxation bound \(bound) > fewest blocking pairs \(fewest)") }
        // Per county too: no plan has fewer blocking pairs in a county than its bound.
        for b in bounds where b.blocking > 0 {
            var least = Int.max
            oracle.forEachPlan { c in
                let n = oracle.blockingPairs(c).filter { oracle.villages[$0.village].county == b.county }.count
                least = min(least, n)
            }
            if b.blocking > least { failures.append("county \(b.county): bound \(b.blocking) > \(least)") }
        }
        // The solver's path for big parts, forced: every part counts as big. With a time limit
        // (on every other seed; it never binds here) the window search's plan is kept even where
        // nothing is proven, instead of the whole part's model settling it.
        var solver = StableSolver(
            options: exactOptions, timeLimit: seed % 2 == 0 ? 600 : nil, threads: 1, progress: nil)
        solver.wholePartVillages = 0
        let plan = try solver.solve(problem)
        if plan.blockingPairs.isEmpty && plan.summary.stability != .stableOptimal
            && plan.summary.stability != .stableUnproven
        {
            failures.append("a stable plan reported as \(String(describing: plan.summary.stability))")
        }
        assertOracleInvariants(plan, oracle, "seed \(seed)")
        let (choice, _) = oracle.choice(of: plan)
        let mine = oracle.blockingPairs(choice).count
        if mine < fewest { failures.append("plan has \(mine) blocking pairs, fewer than brute force's \(fewest)") }
        if plan.stableExists == false && fewest == 0 { failures.append("says no stable plan exists; one does") }
        if plan.stableExists == true && fewest > 0 { failures.append("says a stable plan exists; none does") }
        if plan.blockingProvenMinimal && mine != fewest {
            failures.append("says \(mine) blocking pairs are the fewest; brute force finds \(fewest)")
        }
        if let lower = plan.summary.blockingLowerBound, lower > fewest {
            failures.append("summary's lower bound \(lower) > \(fewest)")
        }
        if plan.summary.stablePlanExists == false && fewest == 0 { failures.append("summary: no stable plan") }
        for f in failures.prefix(3) where tally.failing.count < 3 { XCTFail("seed \(seed): \(f)") }
        tally.instances += 1
        if fewest > 0 { tally.noStable += 1 }
        if bound > 0 { tally.positive += 1 }
        if bound > 0 && bound == mine { tally.provenByBound += 1 }
        if !failures.isEmpty { tally.failing.append(seed) }
    }

    func testCountyRelaxationsNeverOverstateNanning() throws {
        let rules = try TestRules.nanning()
        var tally = Tally()
        for i in 0..<300 {
            let seed = 31_000 + UInt64(i)
            try check(StabilityTests.smallStable(seed: seed, rules: rules), seed: seed, tally: &tally)
        }
        XCTAssertEqual(tally.failing, [])
        XCTAssertGreaterThan(tally.noStable, 3, "some instances have no stable plan")
        XCTAssertGreaterThan(tally.positive, 5, "the bound proves most of them")
        print("stable relaxation nanning: \(tally)")
    }

    func testCountyRelaxationsNeverOverstateGuangdongOutsideCap() throws {
        let rules = try TestRules.guangdong()
        var tally = Tally()
        for i in 0..<100 {
            let seed = 32_000 + UInt64(i)
            try check(StabilityTests.outsideCapStable(seed: seed, rules: rules), seed: seed, tally: &tally)
        }
        XCTAssertEqual(tally.failing, [])
        XCTAssertGreaterThan(tally.noStable, 0, "some instances have no stable plan")
        XCTAssertGreaterThan(tally.positive, 2, "the bound proves some of them")
        print("stable relaxation guangdong: \(tally)")
    }

    /// The smallest case: two villages in a conflict and one adviser with two places. Whichever
    /// village it takes, the other blocks with it: the relaxation of the county proves one
    /// blocking pair, the plan has exactly one, so it is proven the fewest.
    func testConflictIsProvenByTheRelaxation() throws {
        var s = makeScenario(
            name: "no-stable", rules: try TestRules.nanning(), maxKm: nil,
            villages: [
                makeVillage("V1", county: "C1", lat: 22.8, lon: 108.3),
                makeVillage("V2", county: "C1", lat: 22.8, lon: 108.31),
            ],
            advisers: [makeAdviser("A1", county: "C1", lat: 22.8, lon: 108.3, maxVillages: 2)],
            counties: [makeCounty("C1", city: "X")], conflicts: [makeConflict("V1", "V2")])
        s.assignment.stable = true
        let problem = AssignmentProblem(scenario: s)
        let bounds = try StableRelaxation(options: exactOptions, threads: 1).countyBounds(
            problem, villages: [VillageIndex(0), VillageIndex(1)])
        XCTAssertEqual(bounds.map(\.blocking), [1])
        var solver = StableSolver(options: exactOptions, timeLimit: nil, threads: 1, progress: nil)
        solver.wholePartVillages = 0
        let plan = try solver.solve(problem)
        XCTAssertEqual(plan.stableExists, false)
        XCTAssertEqual(plan.blockingPairs.count, 1)
        XCTAssertTrue(plan.blockingProvenMinimal)
        XCTAssertEqual(plan.summary.blockingLowerBound, 1)
        XCTAssertEqual(plan.summary.stability, .noStablePlan)
        // With the plan known, branch and bound stops at its count; the bound is the same.
        let known = plan.rows.sorted { $0.village < $1.village }.map(\.candidate)
        let capped = try StableRelaxation(options: exactOptions, threads: 1).countyBounds(
            problem, villages: [VillageIndex(0), VillageIndex(1)], known: known)
        XCTAssertEqual(capped.map(\.blocking), [1])
    }

    /// Bounds are rounded up to whole pairs, and a bound that says nothing is 0, never a trap.
    func testBoundsRoundUpAndNeverTrap() {
        XCTAssertEqual(StableRelaxation.roundedUp(0.2667), 1)
        XCTAssertEqual(StableRelaxation.roundedUp(1.0000001), 1)
        XCTAssertEqual(StableRelaxation.roundedUp(2.5), 3)
        XCTAssertEqual(StableRelaxation.roundedUp(0), 0)
        XCTAssertEqual(StableRelaxation.roundedUp(-1e308), 0)
        XCTAssertEqual(StableRelaxation.roundedUp(-.infinity), 0)
        XCTAssertEqual(StableRelaxation.roundedUp(.nan), 0)
        XCTAssertGreaterThan(StableRelaxation.roundedUp(1e300), 1_000_000)
    }

    /// The finding on a plan without a stable plan names a cause only when the re-solve without
    /// the conflicts settled one: unsettled is neither "the conflicts" nor "the caps".
    func testStabilityFindingBlamesOnlyWhatWasSettled() {
        for proven in [true, false] {
            let conflicts = Diagnosis.stabilityFindingKey(withoutConflicts: true, proven: proven)
            let caps = Diagnosis.stabilityFindingKey(withoutConflicts: false, proven: proven)
            let unsettled = Diagnosis.stabilityFindingKey(withoutConflicts: nil, proven: proven)
            XCTAssertEqual(Set([conflicts, caps, unsettled]).count, 3)
            let text = tr(unsettled, ["blocking": 2])
            XCTAssertTrue(text.contains("not settled"), text)
            XCTAssertFalse(text.contains("caps") || text.contains("without them"), text)
            XCTAssertTrue(tr(conflicts, ["blocking": 2]).contains("without them a stable plan exists"))
            XCTAssertTrue(tr(caps, ["blocking": 2]).contains("even without the conflicts"))
            for key in [conflicts, caps, unsettled] {
                XCTAssertTrue(tr(key, ["blocking": 2]).contains("2 blocking"), key)
            }
        }
    }

    /// Every village and adviser of `s` in county C1.
    static func moveIntoOneCounty(_ s: inout Scenario) {
        s.villages = s.villages.map { v in
            var v = v
            v.county = "C1"
            return v
        }
        s.advisers = s.advisers.map { a in
            var a = a
            a.county = "C1"
            return a
        }
    }

    /// The window search's outcome as a plan of the whole problem, for the oracle's checks.
    static func plan(of found: StableSolver.WindowOutcome, _ problem: AssignmentProblem) -> Plan {
        let rows = problem.villageIndices.map { Plan.Row(village: $0, candidate: found.chosen[$0] ?? nil) }
        return Plan(
            problem: problem, rows: rows, status: .feasible,
            objective: AssignmentSolver.objective(of: rows, in: problem), bound: nil, seconds: 0,
            decomposition: DecompositionStats(
                initialGroups: 1, finalGroups: 1, rounds: 1, solves: found.solves, largestGroupVillages: rows.count,
                candidatePairs: problem.candidates.count, crossPairs: 0))
    }

    /// The window search on instances made of one county, started from a plan that covers nothing:
    /// the one window is the whole problem, so one exact window solve must reach brute force's
    /// best plan (fewest blocking pairs, then coverage, then cost); on two counties (windows around
    /// blocking pairs first, then the counties) it never ends worse than it started, nor better
    /// than brute force.
    func testWindowSearchMatchesBruteForceOnOneCounty() throws {
        let rules = try TestRules.nanning()
        var exact = 0
        var twoCounties = 0
        for i in 0..<120 {
            let seed = 31_000 + UInt64(i)
            var s = StabilityTests.smallStable(seed: seed, rules: rules)
            let oneCounty = i % 2 == 0
            if oneCounty { Self.moveIntoOneCounty(&s) }
            let problem = AssignmentProblem(scenario: s)
            let oracle = PlanOracle(s)
            guard
                let best = oracle.best(key: { c in
                    [Double(oracle.blockingPairs(c).count), Double(oracle.uncovered(c)), oracle.cost(c)]
                })
            else { continue }
            var solver = StableSolver(options: exactOptions, timeLimit: nil, threads: 1, progress: nil)
            // On two counties the windows around blocking pairs come first: small ones on every
            // third instance, so that the layers are cut short.
            if !oneCounty && i % 3 == 1 { solver.pairWindowVillages = 2 }
            let start = Dictionary(uniqueKeysWithValues: problem.villageIndices.map { ($0, CandidateIndex?.none) })
            let startBlocking = problem.blockingCandidates(
                [CandidateIndex?](repeating: nil, count: problem.villages.count),
                villages: Array(problem.villageIndices)
            ).count
            let found = try solver.improveByWindows(
                problem, villages: Array(problem.villageIndices), units: Array(problem.unitIndices), start: start,
                lower: 0, started: DispatchTime.now())
            let plan = Self.plan(of: found, problem)
            assertOracleInvariants(plan, oracle, "seed \(seed)")
            let (choice, _) = oracle.choice(of: plan)
            let blocking = oracle.blockingPairs(choice).count
            XCTAssertEqual(blocking, found.blocking, "seed \(seed): the search's own count")
            XCTAssertGreaterThanOrEqual(blocking, Int(best.key[0]), "seed \(seed)")
            XCTAssertLessThanOrEqual(blocking, startBlocking, "seed \(seed)")
            if oneCounty {
                XCTAssertEqual(blocking, Int(best.key[0]), "seed \(seed): fewest blocking pairs")
                XCTAssertEqual(oracle.uncovered(choice), Int(best.key[1]), "seed \(seed): then coverage")
                XCTAssertEqual(
                    oracle.cost(choice), best.key[2], accuracy: 1e-6 * max(1, best.key[2]), "seed \(seed): then cost")
                exact += 1
            } else {
                twoCounties += 1
            }
        }
        XCTAssertGreaterThan(exact, 40)
        XCTAssertGreaterThan(twoCounties, 40)
    }

    /// The cost search that follows the blocking pairs (township windows, the rest kept), started
    /// from the dearest plan among those with the fewest blocking pairs and then the fewest
    /// uncovered: it never adds a blocking pair or an uncovered village nor raises the cost, and
    /// where the villages form one township of one county (the window is the whole problem) it
    /// reaches brute force's cheapest such plan.
    func testCostSearchLowersCostWithoutAddingBlockingPairs() throws {
        let nanning = try TestRules.nanning()
        let guangdong = try TestRules.guangdong()
        var exact = 0
        var lowered = 0
        for i in 0..<140 {
            let seed = 33_000 + UInt64(i)
            // Guangdong's two caps on the last 40 (an ordinary and an under-resourced county).
            var s =
                i < 100
                ? StabilityTests.smallStable(seed: seed, rules: nanning)
                : StabilityTests.outsideCapStable(seed: seed, rules: guangdong)
            let oneTownship = i < 100 && i % 2 == 0
            var rng = SeededGenerator(seed: seed)
            s.villages = s.villages.map { v in
                var v = v
                v.township = oneTownship ? "T1" : rng.pick(["T1", "T2"])
                return v
            }
            if oneTownship { Self.moveIntoOneCounty(&s) }
            let problem = AssignmentProblem(scenario: s)
            let oracle = PlanOracle(s)
            func key(_ c: PlanOracle.Choice, costSign: Double) -> [Double] {
                [Double(oracle.blockingPairs(c).count), Double(oracle.uncovered(c)), costSign * oracle.cost(c)]
            }
            guard let cheapest = oracle.best(key: { key($0, costSign: 1) }),
                let dearest = oracle.best(key: { key($0, costSign: -1) })
            else { continue }
            // The dearest plan as the problem's candidate pairs.
            var start: [VillageIndex: CandidateIndex?] = [:]
            for v in problem.villageIndices {
                let o = oracle.villageIndex[problem.villages[v].id]!
                let unitID = dearest.plan[o].map { oracle.units[oracle.options[o][$0].unit].id }
                start[v] = unitID.flatMap { id in
                    problem.candidateRange[v].first { problem.units[problem.candidates[$0].unit].id == id }
                }
            }
            let startBlocking = Int(dearest.key[0])
            let solver = StableSolver(options: exactOptions, timeLimit: nil, threads: 1, progress: nil)
            let found = try solver.improveByWindows(
                problem, villages: Array(problem.villageIndices), units: Array(problem.unitIndices), start: start,
                lower: startBlocking, started: DispatchTime.now())
            let plan = Self.plan(of: found, problem)
            assertOracleInvariants(plan, oracle, "seed \(seed)")
            let (choice, _) = oracle.choice(of: plan)
            XCTAssertEqual(oracle.blockingPairs(choice).count, startBlocking, "seed \(seed): no blocking pair added")
            XCTAssertEqual(found.blocking, startBlocking, "seed \(seed): the search's own count")
            XCTAssertEqual(oracle.uncovered(choice), Int(dearest.key[1]), "seed \(seed): none uncovered added")
            let cost = oracle.cost(choice)
            let tolerance = 1e-6 * max(1, -dearest.key[2])
            XCTAssertLessThanOrEqual(cost, -dearest.key[2] + tolerance, "seed \(seed): the cost never rises")
            XCTAssertGreaterThanOrEqual(cost, cheapest.key[2] - tolerance, "seed \(seed)")
            if cost < -dearest.key[2] - tolerance { lowered += 1 }
            if oneTownship {
                XCTAssertEqual(cost, cheapest.key[2], accuracy: tolerance, "seed \(seed): the cheapest such plan")
                exact += 1
            }
        }
        XCTAssertGreaterThan(exact, 40)
        XCTAssertGreaterThan(lowered, 20)
    }
}
