import Assignment
import CounselTestSupport
import Foundation
import GLPK
import XCTest

@testable import CounselModel

/// Rebalancing against a previous plan (`AssignmentProblem(scenario:previous:)`, `--max-changes`):
/// coverage first, then the fewest changes (a village whose previous unit differs from its new
/// one, uncovered included), then the usual objective; with a change limit, only plans within it.
final class RebalanceModelTests: XCTestCase {
    /// 3–6 villages and 2–3 advisers (caps 1–2, some on leave) in one or two counties; a previous
    /// unit for most villages: an adviser of the scenario (possibly on leave, or in conflict with
    /// the village), or one who is gone.
    static func rebalanceScenario(seed: UInt64, rules: RuleProfile) -> (Scenario, [String: String]) {
        var rng = SeededGenerator(seed: seed)
        let twoCounties = rng.chance(0.4)
        let counties = [makeCounty("C1", city: "city1")] + (twoCounties ? [makeCounty("C2", city: "city1")] : [])
        let centre: [String: (Double, Double)] = ["C1": (22.80, 108.30), "C2": (22.80, 108.55)]
        func near(_ c: String) -> (Double, Double) {
            let (lat, lon) = centre[c]!
            return (lat + rng.double(-0.08, 0.08), lon + rng.double(-0.08, 0.08))
        }
        var advisers: [Adviser] = []
        for i in 0..<rng.int(2...3) {
            let county = rng.pick(counties).id
            let (lat, lon) = near(county)
            advisers.append(
                makeAdviser(
                    "A\(i + 1)", county: county, lat: lat, lon: lon,
                    status: rng.chance(0.85) ? .active : .onLeave, maxVillages: rng.pick([1, 1, 2])))
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
        var previous: [String: String] = [:]
        for v in villages where rng.chance(0.75) { previous[v.id] = rng.chance(0.15) ? "GONE" : rng.pick(advisers).id }
        var preferences: [Preference] = []
        for v in villages where rng.chance(0.4) {
            for a in advisers where rng.chance(0.5) { preferences.append(makePreference(v.id, a.id, rng.int(1...3))) }
        }
        var conflicts: [Conflict] = []
        for _ in 0..<rng.int(0...2) { conflicts.append(makeConflict(rng.pick(villages).id, rng.pick(advisers).id)) }
        if rng.chance(0.6), advisers.contains(where: { $0.status == .active }) {
            // A hub: a new village only adviser X may serve, while X's places hold previous villages
            // others could take, so that coverage and keeping the previous plan compete.
            let hub = rng.pick(advisers.filter { $0.status == .active })
            let newcomer = rng.pick(villages)
            previous[newcomer.id] = nil
            for a in advisers where a.id != hub.id { conflicts.append(makeConflict(newcomer.id, a.id)) }
            for v in villages where v.id != newcomer.id && rng.chance(0.8) { previous[v.id] = hub.id }
        }
        if rng.chance(0.3) {
            let v = rng.pick(villages).id, w = rng.pick(villages).id
            if v != w { conflicts.append(makeConflict(v, w)) }
        }
        let s = makeScenario(
            name: "rebalance-\(seed)", rules: rules, maxKm: twoCounties ? rng.pick([nil, 40]) : nil,
            weights: ObjectiveWeights(
                preference: 1, distanceKm: rng.pick([0.05, 0.5]), change: rng.pick([0, 5]), support: 10),
            villages: villages, advisers: rng.shuffled(advisers), counties: counties,
            preferences: preferences, conflicts: conflicts)
        return (s, previous)
    }

    func testRebalanceMatchesBruteForce() throws {
        let rules = try TestRules.nanning()
        var failing: [UInt64] = []
        var binding = 0, limited = 0, forcedChanges = 0, goneOrIneligible = 0
        for i in 0..<140 {
            let seed = 71_000 + UInt64(i)
            let (s, previous) = Self.rebalanceScenario(seed: seed, rules: rules)
            let oracle = PlanOracle(s)
            let key: (PlanOracle.Choice) -> [Double] = {
                [Double(oracle.uncovered($0)), Double(oracle.changes($0, previous: previous)), oracle.cost($0)]
            }
            let free = oracle.best(key: key)!
            // The fewest changes any plan can make (coverage aside).
            let forced = oracle.best(key: { [Double(oracle.changes($0, previous: previous))] })!.key[0]
            var rng = SeededGenerator(seed: seed ^ 0xABCD)
            // No limit; the fewest changes possible (binding whenever coverage needs more); or a
            // limit between that and what the unlimited optimum changes.
            let limit: Int?
            switch i % 3 {
            case 0: limit = nil
            case 1: limit = Int(forced)
            default: limit = rng.int(Int(forced)...max(Int(forced), Int(free.key[1])))
            }
            let expected =
                limit.map { n in oracle.best(accept: { oracle.changes($0, previous: previous) <= n }, key: key)! }
                ?? free
            var solver = AssignmentSolver(options: exactOptions, threads: 2)
            solver.maxChanges = limit
            let problem = AssignmentProblem(scenario: s, previous: previous)
            let plan = try solver.solve(problem)
            var failures = problemDifferences(problem, oracle) + oracleViolations(plan, oracle)
            if plan.status != .optimal { failures.append("status \(plan.status)") }
            let (c, _) = oracle.choice(of: plan)
            let got = key(c)
            if lexicographicallyLess(expected.key, got) || lexicographicallyLess(got, expected.key) {
                failures.append(
                    "plan (uncovered, changes, cost) \(got) ≠ brute force \(expected.key) with limit \(String(describing: limit)) (\(expected.plan))"
                )
            }
            let objective = problem.uncoveredPenalty * expected.key[0] + expected.key[2]
            if abs(plan.objective - objective) > 1e-6 * max(1, objective) {
                failures.append("objective \(plan.objective) ≠ \(objective)")
            }
            if let limit, Int(got[1]) > limit { failures.append("\(Int(got[1])) changes > limit \(limit)") }
            // The problem's view of the previous plan.
            for (v, village) in problem.villages.enumerated() {
                if problem.previousID[v] != previous[village.id] {
                    failures.append("\(village.id): previousID \(String(describing: problem.previousID[v]))")
                }
                let unit = problem.previousUnit[v].map { problem.units[$0].id }
                let expectedUnit = previous[village.id].flatMap { id in s.advisers.contains { $0.id == id } ? id : nil }
                if unit != expectedUnit {
                    failures.append(
                        "\(village.id): previousUnit \(String(describing: unit)) ≠ \(String(describing: expectedUnit))")
                }
            }
            assertPlanInvariants(plan)

            if let limit {
                limited += 1
                if Double(limit) < free.key[1] { binding += 1 }
            }
            if forced > 0 { forcedChanges += 1 }
            let gone = previous.contains { id in
                guard let v = oracle.villageIndex[id.key] else { return false }
                return !oracle.options[v].contains { oracle.units[$0.unit].id == id.value }
            }
            if gone { goneOrIneligible += 1 }
            if !failures.isEmpty {
                failing.append(seed)
                if failing.count <= 3 { for f in failures { XCTFail("rebalance seed \(seed): \(f)") } }
            }
        }
        XCTAssertEqual(failing, [])
        XCTAssertGreaterThan(binding, 4, "the change limit binds in some instances")
        XCTAssertGreaterThan(forcedChanges, 20, "previous units gone, ineligible or barred force changes")
        XCTAssertGreaterThan(goneOrIneligible, 20)
        print(
            "rebalance: \(limited) limited, \(binding) binding, \(forcedChanges) with forced changes, failing \(failing)"
        )
    }

    /// V1 had A1; V2 is new and only A1 may serve it (A2 is in conflict with V2); both have one
    /// place. Without a limit A1 moves to V2 and A2 takes V1 (one change, both covered); with
    /// `maxChanges = 0` A1 stays and V2 stays uncovered.
    func testChangeLimitTradesCoverage() throws {
        let s = makeScenario(
            name: "limit", rules: try TestRules.nanning(), maxKm: nil,
            villages: [
                makeVillage("V1", county: "C1", lat: 22.8, lon: 108.3),
                makeVillage("V2", county: "C1", lat: 22.8, lon: 108.31),
            ],
            advisers: [
                makeAdviser("A1", county: "C1", lat: 22.8, lon: 108.3, maxVillages: 1),
                makeAdviser("A2", county: "C1", lat: 22.8, lon: 108.3, maxVillages: 1),
            ],
            counties: [makeCounty("C1", city: "X")], conflicts: [makeConflict("V2", "A2")])
        let previous = ["V1": "A1"]
        let p = AssignmentProblem(scenario: s, previous: previous)
        let free = try AssignmentSolver(options: exactOptions, threads: 2).solve(p)
        XCTAssertEqual(free.coveredCount, 2)
        XCTAssertEqual(assignment(free), ["V1": "A2", "V2": "A1"])
        var solver = AssignmentSolver(options: exactOptions, threads: 2)
        solver.maxChanges = 0
        let kept = try solver.solve(p)
        XCTAssertEqual(kept.status, .optimal)
        XCTAssertEqual(assignment(kept), ["V1": "A1"])
        solver.maxChanges = 1
        XCTAssertEqual(assignment(try solver.solve(p)), ["V1": "A2", "V2": "A1"])
        for plan in [free, kept] { assertOracleInvariants(plan, PlanOracle(s), "limit") }
    }

    /// A previous adviser who is gone, and one on leave, force two changes; the rest is kept even
    /// when a cheaper plan would move it. A limit below the forced changes cannot be met: the plan
    /// must not claim an optimum that breaks it.
    func testGoneAndIneligiblePreviousUnits() throws {
        let o = (lat: 22.8, lon: 108.3)
        let s = makeScenario(
            name: "gone", rules: try TestRules.nanning(), maxKm: nil,
            weights: ObjectiveWeights(preference: 0, distanceKm: 1, change: 0, support: 0),
            villages: [
                makeVillage("V1", county: "C1", lat: o.lat, lon: o.lon),
                makeVillage("V2", county: "C1", lat: o.lat, lon: o.lon),
                makeVillage("V3", county: "C1", lat: o.lat, lon: o.lon),
            ],
            advisers: [
                makeAdviser("A1", county: "C1", lat: o.lat, lon: o.lon),
                makeAdviser("A2", county: "C1", lat: o.lat, lon: o.lon + 0.2),
                makeAdviser("A3", county: "C1", lat: o.lat, lon: o.lon, status: .onLeave),
            ],
            counties: [makeCounty("C1", city: "X")])
        let previous = ["V1": "GONE", "V2": "A3", "V3": "A2"]
        let p = AssignmentProblem(scenario: s, previous: previous)
        XCTAssertEqual(p.previousID, ["GONE", "A3", "A2"])
        XCTAssertEqual(p.previousUnit.map { $0.map { p.units[$0].id } }, [nil, "A3", "A2"])
        let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(p)
        XCTAssertEqual(assignment(plan), ["V1": "A1", "V2": "A1", "V3": "A2"], "V3 keeps the farther A2")
        var solver = AssignmentSolver(options: exactOptions, threads: 2)
        solver.maxChanges = 2
        XCTAssertEqual(assignment(try solver.solve(p)), ["V1": "A1", "V2": "A1", "V3": "A2"])
        solver.maxChanges = 1
        let impossible = try solver.solve(p)
        if impossible.status == .optimal {
            let oracle = PlanOracle(s)
            XCTAssertLessThanOrEqual(
                oracle.changes(oracle.choice(of: impossible).choice, previous: previous), 1,
                "an optimal plan must keep the limit")
        }
    }

    private func assignment(_ plan: Plan) -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: plan.chosen.map {
                (plan.problem.villages[$0.village].id, plan.problem.units[$0.unit].id)
            })
    }
}
