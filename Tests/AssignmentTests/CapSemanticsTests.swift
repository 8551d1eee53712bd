import Assignment
import CounselTestSupport
import Foundation
import GLPK
import XCTest

@testable import CounselModel

/// Caps: Guangdong 001 §(十二) (8 in under-resourced counties, still 5 outside them), Nanning's 5,
/// `max_villages`, and the monthly hours.
final class CapSemanticsTests: XCTestCase {
    /// `count` villages around (lat, lon) in `county`.
    private func villages(_ prefix: String, _ count: Int, county: String, lat: Double, lon: Double) -> [Village] {
        (0..<count).map { i in
            makeVillage(
                String(format: "%@%02d", prefix, i), county: county, lat: lat + 0.004 * Double(i % 4),
                lon: lon + 0.004 * Double(i / 4))
        }
    }

    private func oneCounty(rules: RuleProfile, underResourced: Bool, villages n: Int, adviser: Adviser) -> Scenario {
        makeScenario(
            name: "one-county", rules: rules, maxKm: nil,
            villages: villages("V", n, county: "C1", lat: 22.8, lon: 108.3),
            advisers: [adviser], counties: [makeCounty("C1", city: "city1", underResourced: underResourced)])
    }

    func testProfilesSayWhatTheRulesSay() throws {
        let nanning = try TestRules.nanning().assignment, guangdong = try TestRules.guangdong().assignment
        XCTAssertEqual(nanning.cap.value, 5)
        XCTAssertNil(nanning.underResourcedCap)
        XCTAssertEqual(guangdong.cap.value, 5)
        XCTAssertEqual(guangdong.underResourcedCap?.value, 8)
    }

    func testUnderResourcedCountyTenVillagesOneLawyer() throws {
        let lawyer = makeAdviser("A1", county: "C1", lat: 22.8, lon: 108.3)
        let plan = try solveChecked(
            oneCounty(rules: try TestRules.guangdong(), underResourced: true, villages: 10, adviser: lawyer))
        XCTAssertEqual(plan.status, .optimal)
        XCTAssertEqual(plan.coveredCount, 8, "under_resourced_cap 8")
        XCTAssertEqual(plan.problem.totalCap, [8])
    }

    func testOrdinaryCountyStaysAtFive() throws {
        let lawyer = makeAdviser("A1", county: "C1", lat: 22.8, lon: 108.3)
        let guangdong = try solveChecked(
            oneCounty(rules: try TestRules.guangdong(), underResourced: false, villages: 10, adviser: lawyer))
        XCTAssertEqual(guangdong.coveredCount, 5, "Guangdong outside under-resourced counties")
        // Nanning has no under-resourced rule: the flag changes nothing.
        let nanning = try solveChecked(
            oneCounty(rules: try TestRules.nanning(), underResourced: true, villages: 10, adviser: lawyer))
        XCTAssertEqual(nanning.coveredCount, 5, "Nanning cap")
    }

    func testMaxVillagesIsTheTotalCap() throws {
        let own = makeAdviser("A1", county: "C1", lat: 22.8, lon: 108.3, maxVillages: 3)
        let plan = try solveChecked(
            oneCounty(rules: try TestRules.guangdong(), underResourced: true, villages: 10, adviser: own))
        XCTAssertEqual(plan.coveredCount, 3)
        let zero = makeAdviser("A1", county: "C1", lat: 22.8, lon: 108.3, maxVillages: 0)
        let none = try solveChecked(
            oneCounty(rules: try TestRules.guangdong(), underResourced: true, villages: 3, adviser: zero))
        XCTAssertEqual(none.coveredCount, 0, "max_villages 0 is not eligible")
    }

    func testHoursLimitVillages() throws {
        // Nanning: 5 h a village; 12 h → 2 villages.
        let nanning = try solveChecked(
            oneCounty(
                rules: try TestRules.nanning(), underResourced: false, villages: 6,
                adviser: makeAdviser("A1", county: "C1", lat: 22.8, lon: 108.3, hours: 12)))
        XCTAssertEqual(nanning.coveredCount, 2)
        // Guangdong: 8 h a village; 40 h → 5 even in an under-resourced county.
        let guangdong = try solveChecked(
            oneCounty(
                rules: try TestRules.guangdong(), underResourced: true, villages: 10,
                adviser: makeAdviser("A1", county: "C1", lat: 22.8, lon: 108.3, hours: 40)))
        XCTAssertEqual(guangdong.coveredCount, 5)
        // Exactly one village's hours.
        let one = try solveChecked(
            oneCounty(
                rules: try TestRules.guangdong(), underResourced: true, villages: 3,
                adviser: makeAdviser("A1", county: "C1", lat: 22.8, lon: 108.3, hours: 8)))
        XCTAssertEqual(one.coveredCount, 1)
    }

    /// A lawyer of an ordinary county N who can also reach an under-resourced county U: 8 in all,
    /// at most 5 of them in N.
    func testOutsideCapWithCandidatesInBothKinds() throws {
        let n = (lat: 22.8, lon: 108.3)
        let u = pointEast(of: n.lat, n.lon, km: 15)
        let scenario = makeScenario(
            name: "mixed", rules: try TestRules.guangdong(), maxKm: 60,
            villages: villages("N", 8, county: "CN", lat: n.lat, lon: n.lon)
                + villages("U", 3, county: "CU", lat: u.lat, lon: u.lon),
            advisers: [makeAdviser("A1", county: "CN", lat: n.lat, lon: n.lon)],
            counties: [makeCounty("CN", city: "city1"), makeCounty("CU", city: "city1", underResourced: true)])
        let problem = AssignmentProblem(scenario: scenario)
        XCTAssertEqual(problem.totalCap, [8])
        XCTAssertEqual(problem.outsideCap, [5])

        // The whole model: 5 of N + 3 of U.
        let ref = ReferenceModel(scenario)
        let best = ref.bruteForce(penalty: (ref.maxTotalCost + 1).rounded(.up))
        XCTAssertEqual(best.covered, 8)
        let whole = try wholeModelObjective(problem)
        XCTAssertEqual(whole, Double(11 - 8) * problem.uncoveredPenalty + best.cost, accuracy: 1e-6 * whole)

        let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(problem)
        assertPlanInvariants(plan)
        XCTAssertEqual(plan.status, .optimal)
        XCTAssertEqual(plan.coveredCount, 8)
        let outside = plan.chosen.filter { !problem.inUnderResourcedCounty[$0.village] }.count
        XCTAssertLessThanOrEqual(outside, 5, "never more than 5 villages outside under-resourced counties")
        XCTAssertEqual(outside, 5)
        XCTAssertEqual(plan.objective, whole, accuracy: 1e-6 * whole)
    }

    /// The same with the lawyer based in the under-resourced county and several lawyers: every
    /// lawyer with a candidate in U serves at most 5 villages of N.
    func testOutsideCapSeveralLawyers() throws {
        let u = (lat: 22.8, lon: 108.3)
        let n = pointEast(of: u.lat, u.lon, km: 10)
        let scenario = makeScenario(
            name: "mixed-several", rules: try TestRules.guangdong(), maxKm: 40,
            villages: villages("N", 14, county: "CN", lat: n.lat, lon: n.lon)
                + villages("U", 2, county: "CU", lat: u.lat, lon: u.lon),
            advisers: [
                makeAdviser("A1", county: "CU", lat: u.lat, lon: u.lon),
                makeAdviser("A2", county: "CN", lat: n.lat, lon: n.lon, maxVillages: 7),
            ],
            counties: [makeCounty("CN", city: "city1"), makeCounty("CU", city: "city1", underResourced: true)])
        let problem = AssignmentProblem(scenario: scenario)
        // A1: 8 in all, 5 outside; A2: max_villages 7 in all, still 5 outside.
        let whole = try wholeModelObjective(problem)
        let uncovered = (whole / problem.uncoveredPenalty).rounded(.down)
        XCTAssertEqual(16 - Int(uncovered), 12, "2 of U + 5 + 5 of N")
        let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(problem)
        assertPlanInvariants(plan)
        XCTAssertEqual(plan.coveredCount, 12)
        for a in problem.unitIndices {
            let outside = plan.chosen.filter { $0.unit == a && !problem.inUnderResourcedCounty[$0.village] }.count
            XCTAssertLessThanOrEqual(outside, 5, problem.units[a].id)
        }
        XCTAssertEqual(plan.objective, whole, accuracy: 1e-6 * whole)
    }
}
