import Assignment
import CounselTestSupport
import Foundation
import GLPK
import XCTest

@testable import CounselModel

/// `assignment.csv` and `summary.json`.
final class OutputTests: XCTestCase {
    static let header =
        "village_id,village_name,county,township,adviser_id,adviser_name,firm_id,distance_km,village_rank,adviser_rank,incumbent,support"

    /// One county, two advisers; villages given out of id order, covering every incumbent case:
    /// V1 keeps A1; V2's incumbent left the pool (changed); V3 had none (new); V4 had A2 but is in
    /// conflict with both advisers (uncovered, changed); V5 had none and is in conflict with both
    /// (uncovered, new). V6's name needs CSV quoting.
    static func incumbentScenario() throws -> Scenario {
        let (lat, lon) = (22.8, 108.3)
        let villages = [
            makeVillage("V3", county: "C1", lat: lat + 0.02, lon: lon),
            makeVillage("V1", county: "C1", lat: lat + 0.01, lon: lon, incumbent: "A1"),
            makeVillage("V5", county: "C1", lat: lat, lon: lon + 0.03),
            makeVillage("V2", county: "C1", lat: lat - 0.01, lon: lon, incumbent: "A9"),
            makeVillage("V4", county: "C1", lat: lat, lon: lon + 0.02, incumbent: "A2"),
            makeVillage("V6", county: "C1", lat: lat - 0.02, lon: lon, name: "双桥村, \"一组\"", township: "T2"),
        ]
        let advisers = [
            makeAdviser("A2", county: "C1", lat: lat, lon: lon + 0.01, firm: "F2", name: "李四"),
            makeAdviser("A1", county: "C1", lat: lat, lon: lon, firm: "F1", name: "张三"),
        ]
        let preferences = [
            makePreference("V1", "A1", 1),
            makePreference("V3", "F2", 1),  // a firm's rank counts for its advisers
            makePreference("V3", "A1", 2),
            makePreference("A1", "V1", 2),
            makePreference("A1", "V2", 1),
        ]
        let conflicts = [
            makeConflict("V4", "A1"), makeConflict("A2", "V4"), makeConflict("V5", "A1"), makeConflict("V5", "A2"),
        ]
        return makeScenario(
            name: "incumbents", rules: try TestRules.nanning(), maxKm: 40, villages: villages,
            advisers: advisers, counties: [makeCounty("C1", city: "city1")],
            preferences: preferences, conflicts: conflicts)
    }

    func testAssignmentCSV() throws {
        let scenario = try Self.incumbentScenario()
        let plan = try solveChecked(scenario)
        XCTAssertEqual(plan.status, .optimal)
        let csv = plan.assignmentCSV()
        XCTAssertTrue(csv.hasSuffix("\n"))
        let records = try parseCSV(csv)
        XCTAssertEqual(records.first.map { $0.joined(separator: ",") }, Self.header)
        XCTAssertEqual(Plan.assignmentColumns.joined(separator: ","), Self.header)
        let rows = Array(records.dropFirst())
        XCTAssertEqual(rows.map { $0[0] }, ["V1", "V2", "V3", "V4", "V5", "V6"], "one row per village, sorted by id")
        XCTAssertTrue(rows.allSatisfy { $0.count == 12 }, "12 fields per row")
        try checkRows(rows, against: plan)

        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0) })
        XCTAssertEqual(byID["V1"]?[4], "A1")
        XCTAssertEqual(byID["V1"]?[10], "kept")
        XCTAssertEqual(byID["V1"]?[8], "1")
        XCTAssertEqual(byID["V1"]?[9], "2")
        XCTAssertEqual(byID["V2"]?[10], "changed")
        XCTAssertEqual(byID["V3"]?[10], "new")
        XCTAssertEqual(byID["V3"]?[4], "A2", "V3 ranked A2's firm first")
        XCTAssertEqual(byID["V3"]?[8], "1", "a village's rank of the adviser's firm counts")
        XCTAssertEqual(byID["V4"]?[4], "")
        XCTAssertEqual(byID["V4"]?[10], "changed")
        XCTAssertEqual(byID["V5"]?[4], "")
        XCTAssertEqual(byID["V5"]?[10], "new")
        XCTAssertEqual(byID["V6"]?[1], "双桥村, \"一组\"")
        XCTAssertEqual(byID["V6"]?[3], "T2")
        XCTAssertEqual(plan.coveredCount, 4)
    }

    /// A support row says `yes`.
    func testSupportColumn() throws {
        let scenario = try DecompositionTests.shortAndSpare(maxKm: 50)
        let plan = try solveChecked(scenario)
        let rows = Array(try parseCSV(plan.assignmentCSV()).dropFirst())
        XCTAssertEqual(rows.count, 10)
        try checkRows(rows, against: plan)
        XCTAssertEqual(rows.filter { $0[11] == "yes" }.count, 3, "three villages of county A served from county B")
        XCTAssertTrue(rows.filter { $0[11] == "yes" }.allSatisfy { $0[2] == "CA" && $0[4].hasPrefix("AB") })
    }

    func testSummaryJSON() throws {
        let plan = try solveChecked(try Self.incumbentScenario())
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: plan.summaryJSON()) as? [String: Any])
        for key in ["status", "objective", "bound", "gap", "villages", "covered", "uncovered", "seconds", "counties"] {
            XCTAssertNotNil(object[key], "summary.json lacks '\(key)'")
        }
        XCTAssertEqual(object["status"] as? String, "optimal")
        XCTAssertEqual(object["villages"] as? Int, 6)
        XCTAssertEqual(object["covered"] as? Int, 4)
        XCTAssertEqual(object["uncovered"] as? Int, 2)
        XCTAssertEqual(try XCTUnwrap(object["objective"] as? Double), plan.objective, accuracy: 1e-5)
        let bound = try XCTUnwrap(object["bound"] as? Double)
        XCTAssertLessThanOrEqual(bound, plan.objective + 1e-5)
        let counties = try XCTUnwrap(object["counties"] as? [[String: Any]])
        XCTAssertEqual(counties.count, 1)
        XCTAssertEqual(counties.first?["uncovered_villages"] as? [String], ["V4", "V5"])
        let incumbents = try XCTUnwrap(object["incumbents"] as? [String: Int])
        XCTAssertEqual(incumbents, ["kept": 1, "changed": 2, "new": 3])
    }

    /// `bound` and `gap` are keys of the contract; without a proven bound they are still there (null).
    func testSummaryJSONKeepsBoundKeysWithoutBound() throws {
        var plan = try solveChecked(try Self.incumbentScenario())
        plan.bound = nil
        plan.status = .feasible
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: plan.summaryJSON()) as? [String: Any])
        for key in ["status", "objective", "bound", "gap", "villages", "covered", "uncovered", "seconds", "counties"] {
            XCTAssertTrue(object.keys.contains(key), "summary.json lacks '\(key)' when the plan has no bound")
        }
    }

    /// The same problem solved twice (and with different thread counts) gives the same bytes.
    func testDeterministicOutput() throws {
        var scenarios = [
            try Self.incumbentScenario(),
            RandomInstances.medium(seed: 99, rules: try TestRules.nanning(), villages: 60, advisers: 16),
        ]
        // All costs equal: many optima, the tie must still break the same way.
        var ties = RandomInstances.medium(seed: 98, rules: try TestRules.guangdong(), villages: 60, advisers: 16)
        ties.weights = ObjectiveWeights(preference: 0, distanceKm: 0, change: 0, support: 0)
        scenarios.append(ties)
        for scenario in scenarios {
            let problem = AssignmentProblem(scenario: scenario)
            let first = try AssignmentSolver(options: exactOptions, threads: 1).solve(problem)
            let second = try AssignmentSolver(options: exactOptions, threads: 4).solve(
                AssignmentProblem(scenario: scenario))
            let third = try AssignmentSolver(options: exactOptions, threads: 4).solve(problem)
            for plan in [first, second, third] { assertPlanInvariants(plan) }
            XCTAssertEqual(first.assignmentCSV(), second.assignmentCSV(), scenario.name)
            XCTAssertEqual(first.assignmentCSV(), third.assignmentCSV(), scenario.name)
            func withoutSeconds(_ plan: Plan) throws -> String {
                String(decoding: try plan.summaryJSON(), as: UTF8.self)
                    .split(separator: "\n").filter { !$0.contains("\"seconds\"") }.joined(separator: "\n")
            }
            XCTAssertEqual(try withoutSeconds(first), try withoutSeconds(third), scenario.name)
        }
    }

    // MARK: Helpers

    /// Checks each CSV row against the plan and the reference rules.
    private func checkRows(_ rows: [[String]], against plan: Plan, file: StaticString = #filePath, line: UInt = #line)
        throws
    {
        let scenario = plan.problem.scenario
        let ref = ReferenceModel(scenario)
        let villages = Dictionary(uniqueKeysWithValues: scenario.villages.map { ($0.id, $0) })
        let advisers = Dictionary(uniqueKeysWithValues: scenario.advisers.map { ($0.id, $0) })
        XCTAssertEqual(rows.count, plan.rows.count, file: file, line: line)
        for (fields, row) in zip(rows, plan.rows) {
            let v = try XCTUnwrap(villages[fields[0]], file: file, line: line)
            XCTAssertEqual(plan.problem.villages[row.village].id, v.id, file: file, line: line)
            XCTAssertEqual(Array(fields[1...3]), [v.name, v.county, v.township], v.id, file: file, line: line)
            if let k = row.candidate {
                let a = try XCTUnwrap(advisers[fields[4]], "\(v.id): adviser \(fields[4])", file: file, line: line)
                XCTAssertEqual(
                    plan.problem.units[plan.problem.candidates[k].unit].id, a.id, file: file, line: line)
                XCTAssertEqual(fields[5], a.name, file: file, line: line)
                XCTAssertEqual(fields[6], a.firm ?? "", file: file, line: line)
                let km = referenceKm(v.latitude, v.longitude, a.latitude, a.longitude)
                XCTAssertEqual(
                    try XCTUnwrap(Double(fields[7]), file: file, line: line), km, accuracy: 0.005 + 1e-9, v.id,
                    file: file, line: line)
                XCTAssertEqual(fields[7], String(format: "%.2f", km), v.id, file: file, line: line)
                let pair = try XCTUnwrap(
                    ref.pair(ref.villageIndex[v.id]!, ref.adviserIndex[a.id]!), file: file, line: line)
                XCTAssertEqual(
                    fields[8], pair.villageRank.map(String.init) ?? "", "\(v.id) village_rank", file: file, line: line)
                XCTAssertEqual(
                    fields[9], pair.adviserRank.map(String.init) ?? "", "\(v.id) adviser_rank", file: file, line: line)
                let expectedIncumbent =
                    v.currentAdviser == nil ? "new" : (v.currentAdviser == a.id ? "kept" : "changed")
                XCTAssertEqual(fields[10], expectedIncumbent, v.id, file: file, line: line)
                XCTAssertEqual(fields[11], a.county != v.county ? "yes" : "no", v.id, file: file, line: line)
            } else {
                XCTAssertEqual(
                    Array(fields[4...9]), ["", "", "", "", "", ""], "\(v.id): uncovered row", file: file, line: line)
                XCTAssertEqual(fields[10], v.currentAdviser == nil ? "new" : "changed", v.id, file: file, line: line)
                XCTAssertEqual(fields[11], "no", v.id, file: file, line: line)
            }
        }
    }
}

/// A small RFC 4180 reader (quoted fields, doubled quotes, LF line ends).
func parseCSV(_ text: String) throws -> [[String]] {
    var records: [[String]] = []
    var field = "", record: [String] = []
    var inQuotes = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
        if inQuotes {
            if c == "\"" {
                if chars.first == "\"" {
                    field.append("\"")
                    chars.removeFirst()
                } else {
                    inQuotes = false
                }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            inQuotes = true
        } else if c == "," {
            record.append(field)
            field = ""
        } else if c == "\n" {
            record.append(field)
            field = ""
            records.append(record)
            record = []
        } else {
            field.append(c)
        }
    }
    if inQuotes { throw NSError(domain: "csv", code: 1, userInfo: [NSLocalizedDescriptionKey: "unterminated quote"]) }
    if !field.isEmpty || !record.isEmpty {
        record.append(field)
        records.append(record)
    }
    return records
}
