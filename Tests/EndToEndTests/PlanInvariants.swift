import CounselModel
import Foundation
import XCTest

/// Reads `assignment.csv` and checks it against the scenario's rules independently of the planner.
struct AssignmentFile {
    struct Row {
        var village: String
        var adviser: String
        var distance: Double?
        var incumbent: String
        var support: String
    }
    var header: [String]
    var rows: [Row]

    init(_ url: URL) throws {
        let table = try CSVTable(contentsOf: url, file: url.lastPathComponent)
        header = table.header.map(\.text)
        let index = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        rows = table.records.map { r in
            let f = r.fields.map(\.text)
            return Row(
                village: f[index["village_id"]!], adviser: f[index["adviser_id"]!],
                distance: Double(f[index["distance_km"]!]), incumbent: f[index["incumbent"]!],
                support: f[index["support"]!])
        }
    }
}

/// Asserts every rule the planner must honour on a written plan.
func assertInvariants(
    of plan: AssignmentFile, for scenario: Scenario, file: StaticString = #filePath, line: UInt = #line
) {
    let rules = scenario.rules.assignment
    XCTAssertEqual(
        plan.header,
        [
            "village_id", "village_name", "county", "township", "adviser_id", "adviser_name", "firm_id",
            "distance_km", "village_rank", "adviser_rank", "incumbent", "support",
        ], file: file, line: line)
    XCTAssertEqual(
        plan.rows.map(\.village), scenario.villages.map(\.id).sorted(), "one row per village, sorted", file: file,
        line: line)
    let villages = Dictionary(uniqueKeysWithValues: scenario.villages.map { ($0.id, $0) })
    let advisers = Dictionary(uniqueKeysWithValues: scenario.advisers.map { ($0.id, $0) })
    let counties = Dictionary(uniqueKeysWithValues: scenario.counties.map { ($0.id, $0) })
    var load: [String: Int] = [:], outside: [String: Int] = [:]
    var byVillage: [String: String] = [:]
    for row in plan.rows {
        let v = villages[row.village]!
        if row.adviser.isEmpty {
            XCTAssertEqual(row.incumbent, v.currentAdviser == nil ? "new" : "changed", file: file, line: line)
            continue
        }
        guard let a = advisers[row.adviser] else {
            XCTFail("unknown adviser \(row.adviser)", file: file, line: line)
            continue
        }
        byVillage[v.id] = a.id
        load[a.id, default: 0] += 1
        if !(counties[v.county]?.underResourced ?? false) { outside[a.id, default: 0] += 1 }
        XCTAssertTrue(rules.eligibleRoles.value.contains(a.role), "\(a.id) role \(a.role)", file: file, line: line)
        XCTAssertNotEqual(
            a.role, .apprentice, "apprentices never serve alone (Guangdong 001 §(十二))", file: file, line: line)
        XCTAssertFalse(
            rules.excludedStatuses.value.contains(a.status), "\(a.id) status \(a.status)", file: file, line: line)
        let km = Geography.greatCircleKm(v.latitude, v.longitude, a.latitude, a.longitude)
        XCTAssertEqual(row.distance ?? -1, km, accuracy: 0.006, file: file, line: line)
        if let maxKm = scenario.maxKm { XCTAssertLessThanOrEqual(km, maxKm + 1e-9, file: file, line: line) }
        XCTAssertEqual(row.support, a.county == v.county ? "no" : "yes", file: file, line: line)
        if a.county != v.county {
            XCTAssertEqual(
                counties[a.county]?.city, counties[v.county]?.city, "support stays within a city", file: file,
                line: line)
        }
        XCTAssertEqual(
            row.incumbent, v.currentAdviser == nil ? "new" : (v.currentAdviser == a.id ? "kept" : "changed"),
            file: file, line: line)
    }
    for (id, n) in load {
        let a = advisers[id]!
        let urCap = rules.underResourcedCap?.value ?? rules.cap.value
        var cap = a.maxVillages ?? urCap
        if let h = a.hoursPerMonth, rules.monthlyHoursPerVillage.value > 0 {
            cap = min(cap, Int((h / rules.monthlyHoursPerVillage.value + 1e-9).rounded(.down)))
        }
        XCTAssertLessThanOrEqual(n, cap, "cap of \(id)", file: file, line: line)
        XCTAssertLessThanOrEqual(
            outside[id, default: 0], rules.cap.value, "cap outside under-resourced counties, \(id)", file: file,
            line: line)
    }
    for c in scenario.conflicts {
        if villages[c.a] != nil, villages[c.b] != nil, let x = byVillage[c.a], let y = byVillage[c.b] {
            XCTAssertNotEqual(x, y, "conflict \(c.a)/\(c.b) share \(x)", file: file, line: line)
        }
        if advisers[c.a] != nil { XCTAssertNotEqual(byVillage[c.b], c.a, file: file, line: line) }
        if advisers[c.b] != nil { XCTAssertNotEqual(byVillage[c.a], c.b, file: file, line: line) }
    }
}

/// `summary.json` as a dictionary.
func summary(in out: URL) throws -> [String: Any] {
    let data = try Data(contentsOf: out.appendingPathComponent("summary.json"))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
}
