import Assignment
import CounselTestSupport
import Foundation
import GLPK
import XCTest

@testable import CounselModel

/// Stable two-way selection (`stable: true`; 双向选择, Rongchang 000 §三(一), Guangdong 001 §(十二))
/// against an exhaustive search over every plan: fewest blocking pairs first (zero when a stable
/// plan exists), then the usual objective. Blocking pairs are counted by ``PlanOracle`` from the
/// definition of weak stability, not by the model's rows.
final class StabilityTests: XCTestCase {
    // MARK: Generators

    /// 3–6 villages, 2–3 advisers (caps 1–3) in one or two counties of a city; rankings with ties
    /// (a firm ranked, or equal ranks on either side) and unranked partners; village conflicts.
    static func smallStable(seed: UInt64, rules: RuleProfile, acceptable: Acceptability = .all) -> Scenario {
        var rng = SeededGenerator(seed: seed)
        let twoCounties = rng.chance(0.4)
        let counties = [makeCounty("C1", city: "city1")] + (twoCounties ? [makeCounty("C2", city: "city1")] : [])
        let centre: [String: (Double, Double)] = ["C1": (22.80, 108.30), "C2": (22.80, 108.55)]
        func near(_ c: String) -> (Double, Double) {
            let (lat, lon) = centre[c]!
            return (lat + rng.double(-0.08, 0.08), lon + rng.double(-0.08, 0.08))
        }
        let firms = ["F1", "F2"]
        var advisers: [Adviser] = []
        for i in 0..<rng.int(2...3) {
            let county = rng.pick(counties).id
            let (lat, lon) = near(county)
            advisers.append(
                makeAdviser(
                    "A\(i + 1)", county: county, lat: lat, lon: lon,
                    status: rng.chance(0.92) ? .active : .onLeave,
                    firm: rng.chance(0.7) ? rng.pick(firms) : nil,
                    maxVillages: rng.pick([1, 1, 2, 2, 3])))
        }
        var villages: [Village] = []
        for i in 0..<rng.int(3...6) {
            let county = rng.pick(counties).id
            let (lat, lon) = near(county)
            villages.append(
                makeVillage(
                    "V\(i + 1)", county: county, lat: lat, lon: lon,
                    incumbent: rng.chance(0.2) ? rng.pick(advisers).id : nil))
        }
        var preferences: [Preference] = []
        for v in villages where rng.chance(0.8) {
            var targets: [String] = []
            for a in rng.shuffled(advisers) where rng.chance(0.6) { targets.append(a.id) }
            for f in firms
            where rng.chance(0.25) && !advisers.contains(where: { $0.firm == f && targets.contains($0.id) }) {
                targets.append(f)
            }
            // Ranks 1–3: equal ranks (ties) happen.
            for t in targets { preferences.append(makePreference(v.id, t, rng.int(1...3))) }
        }
        for a in advisers where rng.chance(0.75) {
            for v in rng.shuffled(villages) where rng.chance(0.6) {
                preferences.append(makePreference(a.id, v.id, rng.int(1...4)))
            }
        }
        var conflicts: [Conflict] = []
        for _ in 0..<rng.int(0...3) {
            let v = rng.pick(villages).id, w = rng.pick(villages).id
            if v != w { conflicts.append(makeConflict(v, w)) }
        }
        if rng.chance(0.2) { conflicts.append(makeConflict(rng.pick(villages).id, rng.pick(advisers).id)) }
        let weights =
            rng.chance(0.5)
            ? ObjectiveWeights.defaults
            : ObjectiveWeights(
                preference: rng.pick([0, 1, 3]), distanceKm: rng.pick([0, 0.05, 0.3]), change: 5,
                support: rng.pick([2, 20]))
        var s = makeScenario(
            name: "stable-\(seed)", rules: rules, maxKm: twoCounties ? rng.pick([nil, 40, 80]) : rng.pick([nil, 30]),
            weights: weights, villages: rng.shuffled(villages), advisers: rng.shuffled(advisers),
            counties: counties, preferences: preferences, conflicts: conflicts)
        s.assignment = AssignmentSettings(
            serviceModel: .individual, stable: true, acceptable: acceptable, needs: .require)
        return s
    }

    /// Guangdong with an outside cap: an ordinary county N and an under-resourced county U of one
    /// city, 15 km apart, `max_km` 60, so lawyers reach both (8 places in all, at most 5 in N);
    /// 6–7 villages in N and 1–2 in U; one or two lawyers (one of them sometimes of U).
    static func outsideCapStable(seed: UInt64, rules: RuleProfile) -> Scenario {
        var rng = SeededGenerator(seed: seed)
        let n = (lat: 22.80, lon: 108.30)
        let u = pointEast(of: n.lat, n.lon, km: 15)
        let counties = [makeCounty("N", city: "city1"), makeCounty("U", city: "city1", underResourced: true)]
        let adviserCount = rng.int(1...2)
        var advisers: [Adviser] = []
        for i in 0..<adviserCount {
            let inU = i == 1 && rng.chance(0.4)
            let base = inU ? u : n
            advisers.append(
                makeAdviser(
                    "A\(i + 1)", county: inU ? "U" : "N", lat: base.lat + rng.double(-0.03, 0.03),
                    lon: base.lon + rng.double(-0.03, 0.03), maxVillages: rng.pick([nil, nil, 7])))
        }
        var villages: [Village] = []
        let inN = adviserCount == 1 ? rng.int(6...7) : 6
        let inU = adviserCount == 1 ? rng.int(1...2) : rng.int(1...2)
        for i in 0..<inN {
            villages.append(
                makeVillage(
                    "N\(i + 1)", county: "N", lat: n.lat + rng.double(-0.05, 0.05), lon: n.lon + rng.double(-0.05, 0.05)
                ))
        }
        for i in 0..<inU {
            villages.append(
                makeVillage(
                    "U\(i + 1)", county: "U", lat: u.lat + rng.double(-0.05, 0.05), lon: u.lon + rng.double(-0.05, 0.05)
                ))
        }
        var preferences: [Preference] = []
        for v in villages where rng.chance(0.7) {
            for a in advisers where rng.chance(0.7) { preferences.append(makePreference(v.id, a.id, rng.int(1...2))) }
        }
        for a in advisers {
            for v in rng.shuffled(villages) where rng.chance(0.7) {
                preferences.append(makePreference(a.id, v.id, rng.int(1...6)))
            }
        }
        var conflicts: [Conflict] = []
        if rng.chance(0.3) { conflicts.append(makeConflict(rng.pick(villages).id, rng.pick(villages).id)) }
        conflicts = conflicts.filter { $0.a != $0.b }
        var s = makeScenario(
            name: "outside-\(seed)", rules: rules, maxKm: 60,
            weights: ObjectiveWeights(
                preference: rng.pick([1, 2]), distanceKm: 0.05, change: 5, support: rng.pick([1, 20])),
            villages: villages, advisers: advisers, counties: counties, preferences: preferences, conflicts: conflicts)
        s.assignment = AssignmentSettings(serviceModel: .individual, stable: true)
        return s
    }

    // MARK: Checks

    struct Tally {
        var instances = 0, noStable = 0, stable = 0, blockingPlans = 0, ties = 0, outsideCaps = 0,
            failing: [UInt64] = []
        /// Instances whose stable optimum differs from the unconstrained one.
        var stabilityCosts = 0
    }

    /// Solves a stable scenario and compares it with the exhaustive search; returns whether all agreed.
    @discardableResult
    static func checkStable(
        _ scenario: Scenario, seed: UInt64, tally: inout Tally, assertions: Bool = true,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> Bool {
        let label = "\(scenario.name) (\(scenario.rules.id), seed \(seed))"
        let problem = AssignmentProblem(scenario: scenario)
        let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(problem)
        let oracle = PlanOracle(scenario)
        var failures = problemDifferences(problem, oracle) + oracleViolations(plan, oracle)
        guard
            let best = oracle.best(key: { c in
                [Double(oracle.blockingPairs(c).count), Double(oracle.uncovered(c)), oracle.cost(c)]
            })
        else { throw XCTSkip("no plan at all") }
        let (c, _) = oracle.choice(of: plan)
        let mine = oracle.blockingPairs(c).count
        let minBlocking = Int(best.key[0])
        if plan.status != .optimal { failures.append("status \(plan.status)") }
        if mine != minBlocking {
            failures.append("plan has \(mine) blocking pairs, the fewest possible is \(minBlocking)")
        }
        if plan.blockingPairs.count != minBlocking {
            failures.append("plan.blockingPairs.count \(plan.blockingPairs.count) ≠ \(minBlocking)")
        }
        if plan.stableExists != (minBlocking == 0) {
            failures.append("stableExists \(String(describing: plan.stableExists)), min blocking \(minBlocking)")
        }
        if oracle.uncovered(c) != Int(best.key[1]) {
            failures.append(
                "uncovered \(oracle.uncovered(c)) ≠ \(Int(best.key[1])) among plans with \(minBlocking) blocking pairs")
        }
        let expected = problem.uncoveredPenalty * best.key[1] + best.key[2]
        if abs(plan.objective - expected) > 1e-6 * max(1, abs(expected)) {
            failures.append(
                "objective \(plan.objective) ≠ brute force \(expected) (cost \(oracle.cost(c)) vs \(best.key[2]); best plan \(best.plan))"
            )
        }
        if abs(oracle.cost(c) - best.key[2]) > 1e-6 * max(1, best.key[2]) {
            failures.append("cost \(oracle.cost(c)) ≠ \(best.key[2])")
        }
        // The summary says exactly what the plan is (issue 9): stable and proven, or no stable plan with the fewest pairs.
        let expectedOutcome: StabilityOutcome = minBlocking == 0 ? .stableOptimal : .noStablePlan
        if plan.summary.stability != expectedOutcome {
            failures.append("summary stability \(String(describing: plan.summary.stability)) ≠ \(expectedOutcome)")
        }
        if assertions { for f in failures { XCTFail("\(label): \(f)", file: file, line: line) } }

        tally.instances += 1
        if minBlocking > 0 { tally.noStable += 1 } else { tally.stable += 1 }
        var blockingSomewhere = false
        oracle.forEachPlan { if !blockingSomewhere && !oracle.blockingPairs($0).isEmpty { blockingSomewhere = true } }
        if blockingSomewhere { tally.blockingPlans += 1 }
        let unconstrained = oracle.best(key: { [Double(oracle.uncovered($0)), oracle.cost($0)] })!
        if lexicographicallyLess(unconstrained.key, Array(best.key.dropFirst())) { tally.stabilityCosts += 1 }
        if problem.outsideCap.contains(where: { $0 != nil }) { tally.outsideCaps += 1 }
        let tied = oracle.options.contains { list in
            let ranks = list.compactMap(\.villageRank)
            return Set(ranks).count < ranks.count
        }
        if tied { tally.ties += 1 }
        if !failures.isEmpty { tally.failing.append(seed) }
        return failures.isEmpty
    }

    // MARK: Tests

    func testStableMatchesBruteForceNanning() throws {
        var tally = Tally()
        let rules = try TestRules.nanning()
        for i in 0..<300 {
            let seed = 31_000 + UInt64(i)
            try Self.checkStable(
                Self.smallStable(seed: seed, rules: rules), seed: seed, tally: &tally,
                assertions: tally.failing.count < 3)
        }
        XCTAssertEqual(tally.failing, [], "instances that disagree with brute force")
        XCTAssertGreaterThan(tally.noStable, 3, "some instances have no stable plan (village conflicts)")
        XCTAssertGreaterThan(tally.stable, 50, "most instances have a stable plan")
        XCTAssertGreaterThan(tally.blockingPlans, 50, "stability binds: other plans have blocking pairs")
        XCTAssertGreaterThan(tally.ties, 10, "some villages rank partners equally")
        XCTAssertGreaterThan(tally.stabilityCosts, 15, "stability changes the optimum in some instances")
        print("stable nanning: \(tally)")
    }

    func testStableMatchesBruteForceGuangdongOutsideCap() throws {
        var tally = Tally()
        let rules = try TestRules.guangdong()
        for i in 0..<100 {
            let seed = 32_000 + UInt64(i)
            try Self.checkStable(
                Self.outsideCapStable(seed: seed, rules: rules), seed: seed, tally: &tally,
                assertions: tally.failing.count < 3)
        }
        XCTAssertEqual(tally.failing, [], "instances that disagree with brute force")
        XCTAssertEqual(tally.outsideCaps, tally.instances, "every instance has an outside cap")
        XCTAssertGreaterThan(tally.noStable, 0, "some instances have no stable plan")
        XCTAssertGreaterThan(tally.blockingPlans, 10)
        XCTAssertGreaterThan(tally.stabilityCosts, 3, "stability changes the optimum in some instances")
        print("stable guangdong outside cap: \(tally)")
    }

    func testStableGuangdongSmallRandom() throws {
        var tally = Tally()
        let rules = try TestRules.guangdong()
        for i in 0..<120 {
            let seed = 33_000 + UInt64(i)
            var s = Self.smallStable(seed: seed, rules: rules)
            // An under-resourced second county, so totals of 8 with outside caps of 5 appear.
            s.counties = s.counties.map { c in c.id == "C2" ? makeCounty("C2", city: c.city, underResourced: true) : c }
            s.advisers = s.advisers.map { a in
                var a = a
                if a.id == "A1" { a.maxVillages = nil }
                return a
            }
            try Self.checkStable(s, seed: seed, tally: &tally, assertions: tally.failing.count < 3)
        }
        XCTAssertEqual(tally.failing, [], "instances that disagree with brute force")
        XCTAssertGreaterThan(tally.outsideCaps, 5, "outside caps appear")
        print("stable guangdong small: \(tally)")
    }

    /// Two conflicting villages and one adviser with two places: whichever village the adviser
    /// takes, the other (uncovered) blocks with it; no stable plan exists, one blocking pair is the
    /// fewest, and both villages cannot be covered.
    func testConflictLeavesNoStablePlan() throws {
        var s = makeScenario(
            name: "no-stable", rules: try TestRules.nanning(), maxKm: nil,
            villages: [
                makeVillage("V1", county: "C1", lat: 22.8, lon: 108.3),
                makeVillage("V2", county: "C1", lat: 22.8, lon: 108.31),
            ],
            advisers: [makeAdviser("A1", county: "C1", lat: 22.8, lon: 108.3, maxVillages: 2)],
            counties: [makeCounty("C1", city: "X")], conflicts: [makeConflict("V1", "V2")])
        s.assignment.stable = true
        let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(AssignmentProblem(scenario: s))
        XCTAssertEqual(plan.stableExists, false)
        XCTAssertEqual(plan.coveredCount, 1)
        XCTAssertEqual(plan.blockingPairs.count, 1)
        XCTAssertEqual(plan.summary.stablePlanExists, false)
        XCTAssertEqual(plan.summary.blockingPairs, 1)
        XCTAssertEqual(plan.blockingPairDetails.first?.adviser, "A1")
        assertOracleInvariants(plan, PlanOracle(s), "no-stable")
        var tally = Tally()
        XCTAssertTrue(try Self.checkStable(s, seed: 0, tally: &tally))
    }

    /// Stability costs something: V1 and the adviser A1 rank each other first; the usual objective
    /// alone would give V1 the nearer A2 (distance weight high), which leaves (V1, A1) blocking.
    func testStabilityOverridesTheCheaperPlan() throws {
        let base = (lat: 22.8, lon: 108.3)
        let far = pointEast(of: base.lat, base.lon, km: 30)
        var s = makeScenario(
            name: "stable-dearer", rules: try TestRules.nanning(), maxKm: nil,
            weights: ObjectiveWeights(preference: 0.1, distanceKm: 1, change: 0, support: 0),
            villages: [makeVillage("V1", county: "C1", lat: base.lat, lon: base.lon)],
            advisers: [
                makeAdviser("A1", county: "C1", lat: far.lat, lon: far.lon, maxVillages: 1),
                makeAdviser("A2", county: "C1", lat: base.lat, lon: base.lon, maxVillages: 1),
            ],
            counties: [makeCounty("C1", city: "X")],
            preferences: [makePreference("V1", "A1", 1), makePreference("V1", "A2", 2), makePreference("A1", "V1", 1)])
        let loose = try AssignmentSolver(options: exactOptions, threads: 2).solve(AssignmentProblem(scenario: s))
        XCTAssertEqual(loose.chosen.map { loose.problem.units[$0.unit].id }, ["A2"])
        XCTAssertEqual(loose.blockingPairs.count, 1)
        XCTAssertNil(loose.stableExists)
        s.assignment.stable = true
        let stable = try AssignmentSolver(options: exactOptions, threads: 2).solve(AssignmentProblem(scenario: s))
        XCTAssertEqual(stable.chosen.map { stable.problem.units[$0.unit].id }, ["A1"])
        XCTAssertEqual(stable.blockingPairs.count, 0)
        XCTAssertEqual(stable.stableExists, true)
        assertOracleInvariants(stable, PlanOracle(s), "stable-dearer")
    }

    /// Ties never block: V1 ranks the firm F (both advisers rank 1); holding either is stable.
    func testTiesDoNotBlock() throws {
        var s = makeScenario(
            name: "tie", rules: try TestRules.nanning(), maxKm: nil,
            weights: ObjectiveWeights(preference: 1, distanceKm: 1, change: 0, support: 0),
            villages: [makeVillage("V1", county: "C1", lat: 22.8, lon: 108.3)],
            advisers: [
                makeAdviser("A1", county: "C1", lat: 22.8, lon: 108.3, firm: "F", maxVillages: 1),
                makeAdviser("A2", county: "C1", lat: 22.8, lon: 108.4, firm: "F", maxVillages: 1),
            ],
            counties: [makeCounty("C1", city: "X")], preferences: [makePreference("V1", "F", 1)])
        s.assignment.stable = true
        let p = AssignmentProblem(scenario: s)
        let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(p)
        XCTAssertEqual(plan.blockingPairs.count, 0)
        XCTAssertEqual(plan.chosen.map { p.units[$0.unit].id }, ["A1"], "the nearer of two tied advisers")
        // The dearer tied plan is stable too.
        let k = p.candidateRange[0].first { p.units[p.candidates[$0].unit].id == "A2" }!
        var other = plan
        other.rows[0].candidate = k
        XCTAssertEqual(other.blockingPairs.count, 0)
    }
}

/// `acceptable: ranked`: a side that ranked some partners is matched only to those (双向选择).
final class AcceptabilityTests: XCTestCase {
    func testRankedAcceptabilityMatchesBruteForce() throws {
        let rules = try TestRules.nanning()
        var failing: [UInt64] = []
        var restricted = 0, stableRuns = 0
        for i in 0..<70 {
            let seed = 34_000 + UInt64(i)
            var s = StabilityTests.smallStable(seed: seed, rules: rules, acceptable: .ranked)
            s.assignment.stable = i % 2 == 0
            let label = "ranked seed \(seed) (stable \(s.assignment.stable))"
            let problem = AssignmentProblem(scenario: s)
            let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(problem)
            let oracle = PlanOracle(s)
            var failures = problemDifferences(problem, oracle) + oracleViolations(plan, oracle)

            // Every chosen pair is ranked by each side that ranked anyone.
            let rankers = Set(s.preferences.map(\.from))
            for c in plan.chosen {
                let v = problem.villages[c.village], a = problem.units[c.unit]
                if rankers.contains(v.id) && c.villageRank == nil {
                    failures.append("\(v.id) ranked others, not \(a.id)")
                }
                if rankers.contains(a.id) && c.adviserRank == nil {
                    failures.append("\(a.id) ranked others, not \(v.id)")
                }
                let ranked = s.preferences.contains { $0.from == v.id && ($0.to == a.id || $0.to == a.firm) }
                if rankers.contains(v.id) && !ranked { failures.append("\(v.id) never ranked \(a.id) or its firm") }
                if rankers.contains(a.id) && !s.preferences.contains(where: { $0.from == a.id && $0.to == v.id }) {
                    failures.append("\(a.id) never ranked \(v.id)")
                }
            }
            // Brute force over the ranked-only pairs.
            let stable = s.assignment.stable
            guard
                let best = oracle.best(key: { c in
                    (stable ? [Double(oracle.blockingPairs(c).count)] : []) + [
                        Double(oracle.uncovered(c)), oracle.cost(c),
                    ]
                })
            else { continue }
            let (c, _) = oracle.choice(of: plan)
            let got =
                (stable ? [Double(oracle.blockingPairs(c).count)] : []) + [Double(oracle.uncovered(c)), oracle.cost(c)]
            if lexicographicallyLess(best.key, got) || lexicographicallyLess(got, best.key) {
                failures.append("plan key \(got) ≠ brute force \(best.key)")
            }
            if stable && plan.stableExists != (best.key[0] == 0) {
                failures.append("stableExists \(String(describing: plan.stableExists))")
            }
            let all = AssignmentProblem(
                scenario: {
                    var t = s
                    t.assignment.acceptable = .all
                    return t
                }())
            if all.candidates.count > problem.candidates.count { restricted += 1 }
            if stable { stableRuns += 1 }
            if !failures.isEmpty {
                failing.append(seed)
                if failing.count <= 3 { for f in failures { XCTFail("\(label): \(f)") } }
            }
        }
        XCTAssertEqual(failing, [])
        XCTAssertGreaterThan(restricted, 30, "ranked acceptability removes pairs in most instances")
    }

    /// V1 ranked only A2 and A1 ranked only V2: (V1, A1) is no pair, though both would be free;
    /// V2 and A2 ranked nobody, so they accept anyone.
    func testRankedKeepsUnrankedPartnersOut() throws {
        var s = makeScenario(
            name: "ranked", rules: try TestRules.nanning(), maxKm: nil,
            villages: [
                makeVillage("V1", county: "C1", lat: 22.8, lon: 108.3),
                makeVillage("V2", county: "C1", lat: 22.8, lon: 108.3),
            ],
            advisers: [
                makeAdviser("A1", county: "C1", lat: 22.8, lon: 108.3, maxVillages: 1),
                makeAdviser("A2", county: "C1", lat: 22.8, lon: 108.3, maxVillages: 1),
            ],
            counties: [makeCounty("C1", city: "X")],
            preferences: [makePreference("V1", "A2", 1), makePreference("A1", "V2", 1)])
        s.assignment.acceptable = .ranked
        let p = AssignmentProblem(scenario: s)
        XCTAssertEqual(candidateKeys(p), ["V1|A2", "V2|A1", "V2|A2"])
        let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(p)
        XCTAssertEqual(plan.coveredCount, 2)
        XCTAssertEqual(
            Set(plan.chosen.map { "\(p.villages[$0.village].id)|\(p.units[$0.unit].id)" }), ["V1|A2", "V2|A1"])
        assertOracleInvariants(plan, PlanOracle(s), "ranked")
    }
}
