import Assignment
import CounselTestSupport
import Foundation
import GLPK
import XCTest

@testable import CounselModel

/// Who may serve, under each profile: roles, statuses, apprentices, max_villages 0, conflicts and
/// the radius.
final class EligibilityTests: XCTestCase {
    /// One village per adviser-kind to test, each adviser alone beside its own village in its own
    /// county; returns which advisers served.
    private func served(rules: RuleProfile, _ advisers: [Adviser], maxKm: Double? = nil) throws -> Set<String> {
        var villages: [Village] = [], counties: [County] = []
        var placed: [Adviser] = []
        for (i, a) in advisers.enumerated() {
            let county = "C\(i)"
            var a = a
            a.county = county
            a.latitude = 22.0 + Double(i)
            a.longitude = 108.0
            placed.append(a)
            villages.append(makeVillage("V\(i)", county: county, lat: a.latitude + 0.01, lon: a.longitude))
            counties.append(makeCounty(county, city: "city\(i)"))
        }
        let plan = try solveChecked(
            makeScenario(
                name: "eligibility", rules: rules, maxKm: maxKm, villages: villages,
                advisers: placed, counties: counties))
        return Set(plan.chosen.map { plan.problem.units[$0.unit].id })
    }

    private func adviser(_ id: String, _ role: AdviserRole, _ status: AdviserStatus = .active, maxVillages: Int? = nil)
        -> Adviser
    {
        makeAdviser(id, county: "-", lat: 0, lon: 0, role: role, status: status, maxVillages: maxVillages)
    }

    func testNanningRolesAndStatuses() throws {
        let advisers = [
            adviser("lawyer", .lawyer), adviser("worker", .grassrootsWorker), adviser("apprentice", .apprentice),
            adviser("official", .publicOfficial), adviser("publicLawyer", .publicLawyer),
            adviser("judicial", .judicialOfficer),
            adviser("failed", .lawyer, .failedAssessment), adviser("leave", .lawyer, .onLeave),
            adviser("zero", .lawyer, maxVillages: 0),
        ]
        XCTAssertEqual(try served(rules: TestRules.nanning(), advisers), ["lawyer", "worker"])
    }

    func testGuangdongRolesAndStatuses() throws {
        let advisers = [
            adviser("lawyer", .lawyer), adviser("worker", .grassrootsWorker), adviser("apprentice", .apprentice),
            adviser("official", .publicOfficial), adviser("failed", .lawyer, .failedAssessment),
            adviser("leave", .lawyer, .onLeave), adviser("one", .lawyer, maxVillages: 1),
        ]
        XCTAssertEqual(try served(rules: TestRules.guangdong(), advisers), ["lawyer", "one"])
    }

    /// Conflicts, radius and cities decide who is a candidate.
    func testConflictsRadiusAndCities() throws {
        let base = (lat: 22.8, lon: 108.3)
        let near = pointEast(of: base.lat, base.lon, km: 8)
        let far = pointEast(of: base.lat, base.lon, km: 30)
        let villages = [
            // conflict with A1; A2 too far at 10 km radius
            makeVillage("V1", county: "C1", lat: base.lat, lon: base.lon),
            makeVillage("V2", county: "C1", lat: near.lat, lon: near.lon),  // A1 within 10 km
            makeVillage("V3", county: "C3", lat: base.lat, lon: base.lon),  // other city: nobody
            makeVillage("V4", county: "C2", lat: far.lat, lon: far.lon),  // A2 local
        ]
        let advisers = [
            makeAdviser("A1", county: "C1", lat: base.lat, lon: base.lon),
            makeAdviser("A2", county: "C2", lat: far.lat, lon: far.lon),
        ]
        let counties = [
            makeCounty("C1", city: "city1"), makeCounty("C2", city: "city1"), makeCounty("C3", city: "city2"),
        ]
        let scenario = makeScenario(
            name: "reach", rules: try TestRules.nanning(), maxKm: 10, villages: villages,
            advisers: advisers, counties: counties, conflicts: [makeConflict("A1", "V1")])
        let plan = try solveChecked(scenario)
        let chosen = Dictionary(
            uniqueKeysWithValues: plan.rows.map {
                (
                    plan.problem.villages[$0.village].id,
                    $0.candidate.map { plan.problem.units[plan.problem.candidates[$0].unit].id }
                )
            })
        XCTAssertEqual(chosen["V1"], .some(nil))
        XCTAssertEqual(chosen["V2"], "A1")
        XCTAssertEqual(chosen["V3"], .some(nil))
        XCTAssertEqual(chosen["V4"], "A2")
    }

    /// Two villages in conflict never share the only adviser.
    func testVillageConflict() throws {
        let villages = [
            makeVillage("V1", county: "C1", lat: 22.8, lon: 108.3),
            makeVillage("V2", county: "C1", lat: 22.81, lon: 108.3),
            makeVillage("V3", county: "C1", lat: 22.82, lon: 108.3),
        ]
        let scenario = makeScenario(
            name: "vv", rules: try TestRules.nanning(), maxKm: nil, villages: villages,
            advisers: [makeAdviser("A1", county: "C1", lat: 22.8, lon: 108.3)],
            counties: [makeCounty("C1", city: "city1")],
            conflicts: [makeConflict("V1", "V2"), makeConflict("V3", "V2")])
        let plan = try solveChecked(scenario)
        XCTAssertEqual(plan.coveredCount, 2, "V1 and V3, not V2")
        XCTAssertNil(plan.rows[1].candidate)
    }
}
