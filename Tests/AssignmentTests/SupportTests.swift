import Assignment
import CounselTestSupport
import Foundation
import GLPK
import XCTest

@testable import CounselModel

/// Paired support (对口支援, Guangdong 001 §(十二); Nanning 002 §二(二)): advisers of another county
/// of the city within `max_km`, a `pool: true` county's advisers anywhere in the city (within
/// `max_km` when set), never an apprentice; `support=yes` in `assignment.csv`; `support_from` per
/// county; and the decomposition's optimum equal to the whole model's and the brute force's.
final class SupportTests: XCTestCase {
    /// VA (county CA) at 0 km, VB (CB) at 45 km east; AA at 0 (CA), AB at 45 (CB), AC at 30 (CA),
    /// AP and the apprentice APP at 15 km (pool county CP); AY in a pool county of another city.
    private func poolLayout(maxKm: Double?, apprenticeAlone: Bool) throws -> Scenario {
        let o = (lat: 22.8, lon: 108.3)
        func at(_ km: Double) -> (lat: Double, lon: Double) { pointEast(of: o.lat, o.lon, km: km) }
        let rules = withApprenticeAlone(try TestRules.nanning(), apprenticeAlone)
        var counties = [
            makeCounty("CA", city: "X"), makeCounty("CB", city: "X"), makeCounty("CP", city: "X"),
            makeCounty("CY", city: "Y"),
        ]
        counties[2].pool = true
        counties[3].pool = true
        return makeScenario(
            name: "pool", rules: rules, maxKm: maxKm,
            villages: [
                makeVillage("VA", county: "CA", lat: at(0).lat, lon: at(0).lon),
                makeVillage("VB", county: "CB", lat: at(45).lat, lon: at(45).lon),
            ],
            advisers: [
                makeAdviser("AA", county: "CA", lat: at(0).lat, lon: at(0).lon),
                makeAdviser("AB", county: "CB", lat: at(45).lat, lon: at(45).lon),
                makeAdviser("AC", county: "CA", lat: at(30).lat, lon: at(30).lon),
                makeAdviser("AP", county: "CP", lat: at(15).lat, lon: at(15).lon),
                makeAdviser("APP", county: "CP", lat: at(15).lat, lon: at(15).lon, role: .apprentice),
                makeAdviser("AY", county: "CY", lat: at(1).lat, lon: at(1).lon),
            ],
            counties: counties)
    }

    func testPoolAdvisersReachTheWholeCity() throws {
        // No radius: same county, plus the pool county's lawyer; no apprentice on support, no
        // other city, no ordinary other county.
        let none = try poolLayout(maxKm: nil, apprenticeAlone: true)
        let p = AssignmentProblem(scenario: none)
        XCTAssertEqual(candidateKeys(p), ["VA|AA", "VA|AC", "VA|AP", "VB|AB", "VB|AP"])
        XCTAssertEqual(problemDifferences(p, PlanOracle(none)), [])
        XCTAssertTrue(p.isEligible[p.units.firstIndex { $0.id == "APP" }!], "APP may serve alone in its own county")
        // 25 km: ordinary support within it (AC for VB), the pool lawyer only within it.
        let r25 = try poolLayout(maxKm: 25, apprenticeAlone: true)
        let q = AssignmentProblem(scenario: r25)
        XCTAssertEqual(candidateKeys(q), ["VA|AA", "VA|AP", "VB|AB", "VB|AC"])
        XCTAssertEqual(problemDifferences(q, PlanOracle(r25)), [])
        for c in q.candidates {
            XCTAssertEqual(c.isSupport, q.villages[c.village].county != q.units[c.unit].county)
        }
        // Without apprentice_alone the apprentice is no unit at all.
        let strict = AssignmentProblem(scenario: try poolLayout(maxKm: nil, apprenticeAlone: false))
        XCTAssertFalse(strict.isEligible[strict.units.firstIndex { $0.id == "APP" }!])
    }

    /// County CA has three villages and one adviser with one place; the pool county CP has two
    /// lawyers and no villages; no radius. Two villages of CA are served from CP.
    func testSupportRowsAndSupportFrom() throws {
        let o = (lat: 22.8, lon: 108.3)
        var counties = [makeCounty("CA", city: "X"), makeCounty("CB", city: "X"), makeCounty("CP", city: "X")]
        counties[2].pool = true
        let s = makeScenario(
            name: "pool-support", rules: try TestRules.nanning(), maxKm: nil,
            villages: (1...3).map { makeVillage("VA\($0)", county: "CA", lat: o.lat + 0.01 * Double($0), lon: o.lon) }
                + [makeVillage("VB1", county: "CB", lat: o.lat, lon: o.lon + 0.3)],
            advisers: [
                makeAdviser("AA", county: "CA", lat: o.lat, lon: o.lon, maxVillages: 1),
                makeAdviser("AB", county: "CB", lat: o.lat, lon: o.lon + 0.3, maxVillages: 2),
                makeAdviser("AP1", county: "CP", lat: o.lat, lon: o.lon + 0.1, maxVillages: 1),
                makeAdviser("AP2", county: "CP", lat: o.lat, lon: o.lon + 0.1, maxVillages: 1),
            ],
            counties: counties)
        let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(AssignmentProblem(scenario: s))
        XCTAssertEqual(plan.coveredCount, 4, "AB has a spare place but no radius, so it cannot help CA")
        assertOracleInvariants(plan, PlanOracle(s), "pool-support")
        XCTAssertEqual(supportProblems(plan), [])
        let byID = Dictionary(uniqueKeysWithValues: plan.counties.map { ($0.id, $0) })
        XCTAssertEqual(byID["CA"]?.supportFrom, ["CP": 2])
        XCTAssertEqual(byID["CA"]?.supportReceived, 2)
        XCTAssertEqual(byID["CP"]?.supportSent, 2)
        XCTAssertEqual(byID["CP"]?.pool, true)
        XCTAssertEqual(byID["CB"]?.supportFrom, [:])
        XCTAssertEqual(plan.summary.supportMoves, 2)
    }

    /// What is wrong with the support column of `assignment.csv` and the counties' support counts.
    func supportProblems(_ plan: Plan) -> [String] {
        let p = plan.problem
        var problems: [String] = []
        let (header, rows) = parseAssignmentCSV(plan.assignmentCSV())
        guard let column = header.firstIndex(of: "support"), rows.count == plan.rows.count else {
            return ["no support column or wrong rows"]
        }
        var from: [String: [String: Int]] = [:], sent: [String: Int] = [:]
        for (fields, row) in zip(rows, plan.rows) {
            let support = row.candidate.map { p.candidates[$0].isSupport } ?? false
            if fields[column] != (support ? "yes" : "no") {
                problems.append("\(fields[0]): support \(fields[column]), isSupport \(support)")
            }
            guard let k = row.candidate else { continue }
            let vCounty = p.villages[row.village].county, aCounty = p.units[p.candidates[k].unit].county
            if (vCounty != aCounty) != support {
                problems.append("\(fields[0]): isSupport \(support) for counties \(vCounty)/\(aCounty)")
            }
            if vCounty != aCounty {
                from[vCounty, default: [:]][aCounty, default: 0] += 1
                sent[aCounty, default: 0] += 1
            }
        }
        for c in plan.counties {
            if c.supportFrom != from[c.id, default: [:]] {
                problems.append("\(c.id): supportFrom \(c.supportFrom) ≠ \(from[c.id, default: [:]])")
            }
            if c.supportReceived != from[c.id, default: [:]].values.reduce(0, +) {
                problems.append("\(c.id): supportReceived \(c.supportReceived)")
            }
            if c.supportSent != sent[c.id, default: 0] {
                problems.append("\(c.id): supportSent \(c.supportSent) ≠ \(sent[c.id, default: 0])")
            }
        }
        return problems
    }

    /// 4–6 villages and 2–4 advisers (caps 1–2, some apprentices) in three counties of one city
    /// (one of them a pool now and then) and a county of another city; radius none, 25 or 50 km.
    static func supportScenario(seed: UInt64, nanning: RuleProfile, guangdong: RuleProfile) -> Scenario {
        var rng = SeededGenerator(seed: seed)
        let useGuangdong = rng.chance(0.35)
        let rules = useGuangdong ? guangdong : withApprenticeAlone(nanning, rng.chance(0.6))
        var counties = [
            makeCounty("CA", city: "city1", underResourced: useGuangdong && rng.chance(0.5)),
            makeCounty("CB", city: "city1"), makeCounty("CP", city: "city1"), makeCounty("CZ", city: "city2"),
        ]
        counties[2].pool = rng.chance(0.7)
        counties[3].pool = rng.chance(0.5)
        let centre: [String: (Double, Double)] = [
            "CA": (22.80, 108.30), "CB": (22.80, 108.62), "CP": (22.95, 108.45), "CZ": (22.85, 108.35),
        ]
        func near(_ c: String) -> (Double, Double) {
            let (lat, lon) = centre[c]!
            return (lat + rng.double(-0.08, 0.08), lon + rng.double(-0.08, 0.08))
        }
        var advisers: [Adviser] = []
        for i in 0..<rng.int(2...4) {
            let county = rng.pick(["CA", "CB", "CP", "CP", "CZ"])
            let (lat, lon) = near(county)
            let role: AdviserRole = rng.chance(0.25) ? .apprentice : .lawyer
            advisers.append(
                makeAdviser(
                    "A\(i + 1)", county: county, lat: lat, lon: lon, role: role,
                    status: rng.chance(0.9) ? .active : .onLeave, maxVillages: rng.pick([1, 2, 2, nil])))
        }
        var villages: [Village] = []
        for i in 0..<rng.int(4...6) {
            let county = rng.pick(["CA", "CA", "CB", "CZ"])
            let (lat, lon) = near(county)
            villages.append(
                makeVillage(
                    "V\(i + 1)", county: county, lat: lat, lon: lon,
                    incumbent: rng.chance(0.2) ? rng.pick(advisers).id : nil))
        }
        var preferences: [Preference] = []
        for v in villages where rng.chance(0.4) {
            for a in advisers where rng.chance(0.4) { preferences.append(makePreference(v.id, a.id, rng.int(1...3))) }
        }
        var conflicts: [Conflict] = []
        if rng.chance(0.3) {
            let v = rng.pick(villages).id, w = rng.pick(villages).id
            if v != w { conflicts.append(makeConflict(v, w)) }
        }
        if rng.chance(0.2) { conflicts.append(makeConflict(rng.pick(advisers).id, rng.pick(villages).id)) }
        return makeScenario(
            name: "support-\(seed)", rules: rules, maxKm: rng.pick([nil, nil, 25, 50]),
            weights: ObjectiveWeights(
                preference: 1, distanceKm: rng.pick([0.05, 0.3]), change: 5, support: rng.pick([0.5, 5, 30])),
            villages: villages, advisers: rng.shuffled(advisers), counties: counties,
            preferences: preferences, conflicts: conflicts)
    }

    func testRandomSupportMatchesBruteForceAndWholeModel() throws {
        let nanning = try TestRules.nanning(), guangdong = try TestRules.guangdong()
        var failing: [UInt64] = []
        var supportMoves = 0, poolMovesWithoutRadius = 0, merges = 0, apprenticesBarred = 0
        for i in 0..<140 {
            let seed = 61_000 + UInt64(i)
            let s = Self.supportScenario(seed: seed, nanning: nanning, guangdong: guangdong)
            let problem = AssignmentProblem(scenario: s)
            let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(problem)
            let oracle = PlanOracle(s)
            var failures = problemDifferences(problem, oracle) + oracleViolations(plan, oracle) + supportProblems(plan)
            if plan.status != .optimal { failures.append("status \(plan.status)") }
            let best = oracle.best(key: { [Double(oracle.uncovered($0)), oracle.cost($0)] })!
            let (c, _) = oracle.choice(of: plan)
            let got = [Double(oracle.uncovered(c)), oracle.cost(c)]
            if lexicographicallyLess(best.key, got) || lexicographicallyLess(got, best.key) {
                failures.append("plan \(got) ≠ brute force \(best.key)")
            }
            let expected = problem.uncoveredPenalty * best.key[0] + best.key[1]
            if abs(plan.objective - expected) > 1e-6 * max(1, expected) {
                failures.append("objective \(plan.objective) ≠ brute force \(expected)")
            }
            let whole = try Solver.solve(AssignmentSolver.wholeModel(problem), options: exactOptions)
            if whole.status != .optimal || !close(whole.objective ?? .nan, plan.objective, rel: 1e-9) {
                failures.append(
                    "whole model \(String(describing: whole.objective)) (\(whole.status)) ≠ decomposed \(plan.objective)"
                )
            }
            for c in plan.chosen where c.isSupport {
                supportMoves += 1
                if s.maxKm == nil { poolMovesWithoutRadius += 1 }
                if problem.units[c.unit].role == .apprentice {
                    failures.append("apprentice \(problem.units[c.unit].id) on support")
                }
            }
            if s.rules.assignment.apprenticeAlone.value && problem.units.contains(where: { $0.role == .apprentice }) {
                let apprentices = Set(problem.unitIndices.filter { problem.units[$0].role == .apprentice })
                if problem.candidates.contains(where: { apprentices.contains($0.unit) && $0.isSupport }) {
                    failures.append("an apprentice is a support candidate")
                }
                apprenticesBarred += 1
            }
            if plan.decomposition.rounds > 1 { merges += 1 }
            if !failures.isEmpty {
                failing.append(seed)
                if failing.count <= 3 { for f in failures { XCTFail("support seed \(seed): \(f)") } }
            }
        }
        XCTAssertEqual(failing, [])
        XCTAssertGreaterThan(supportMoves, 15, "support moves happen")
        XCTAssertGreaterThan(poolMovesWithoutRadius, 5, "pool counties support without a radius")
        XCTAssertGreaterThan(merges, 5, "the decomposition merges groups")
        XCTAssertGreaterThan(apprenticesBarred, 5, "apprentices who may serve alone are present")
        print(
            "support: \(supportMoves) support moves (\(poolMovesWithoutRadius) without a radius), \(merges) merged solves, failing \(failing)"
        )
    }
}
