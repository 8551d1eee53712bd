import CounselModel
import CounselTestSupport
import Foundation
import XCTest

/// The team-model city and the township-model county demos, assigned as a user would, with every
/// rule of the two models checked on the written plan from the scenario's own files.
final class ServiceModelCommandTests: XCTestCase {
    private func load(_ dir: URL) throws -> Scenario {
        try Scenario.load(from: dir, modelsSearchPath: [PackageRoot.url.appendingPathComponent("Models")])
    }

    private func rows(_ url: URL) throws -> (header: [String], rows: [[String: String]]) {
        let table = try CSVTable(contentsOf: url, file: url.lastPathComponent)
        let header = table.header.map(\.text)
        return (header, table.records.map { r in Dictionary(uniqueKeysWithValues: zip(header, r.fields.map(\.text))) })
    }

    func testTeamCityDemoServesVillagesByTeamsThatCoverTheirNeeds() throws {
        let demo = Paths.demo("guangdong-team-city")
        let out = Paths.temporaryFolder("out")
        let r = try runCommand(["assign", demo.path, "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("model: team"), r.stdout)
        let s = try load(demo)
        let rules = s.rules.assignment
        XCTAssertEqual(s.assignment.serviceModel, .team)
        let (header, plan) = try rows(out.appendingPathComponent("assignment.csv"))
        XCTAssertEqual(header.last, "team_id", "team_id is added as the last column")
        XCTAssertEqual(
            Array(header.dropLast()),
            [
                "village_id", "village_name", "county", "township", "adviser_id", "adviser_name", "firm_id",
                "distance_km", "village_rank", "adviser_rank", "incumbent", "support",
            ])
        let advisers = Dictionary(uniqueKeysWithValues: s.advisers.map { ($0.id, $0) })
        let villages = Dictionary(uniqueKeysWithValues: s.villages.map { ($0.id, $0) })
        let counties = Dictionary(uniqueKeysWithValues: s.counties.map { ($0.id, $0) })
        let members = Dictionary(grouping: s.teamMembers, by: \.team)
        var load: [String: Int] = [:]
        var covered = 0
        for row in plan {
            guard let team = row["team_id"], !team.isEmpty else {
                XCTAssertEqual(row["adviser_id"], "")
                continue
            }
            covered += 1
            load[team, default: 0] += 1
            let listed = try XCTUnwrap(members[team], "team \(team) is in teams.csv")
            let lead = try XCTUnwrap(listed.first { $0.roleInTeam == "lead" })
            XCTAssertEqual(row["adviser_id"], lead.member, "adviser_id is the team's lead")
            let leadAdviser = try XCTUnwrap(advisers[lead.member])
            XCTAssertNotEqual(leadAdviser.role, .apprentice, "a team's lead is licensed (Guangdong 001 §(十二))")
            XCTAssertFalse(rules.excludedStatuses.value.contains(leadAdviser.status))
            // Needs covered by the union of the (appointable) members' specialties.
            let v = try XCTUnwrap(villages[row["village_id"]!])
            let specialties = Set(
                listed.compactMap { advisers[$0.member] }.filter { !rules.excludedStatuses.value.contains($0.status) }
                    .flatMap(\.specialties))
            if s.assignment.needs == .require {
                XCTAssertTrue(
                    Set(v.needs).isSubset(of: specialties),
                    "\(v.id) needs \(v.needs), team \(team) has \(specialties.sorted())")
            }
            // Support: another county of the same city, marked yes.
            XCTAssertEqual(row["support"], leadAdviser.county == v.county ? "no" : "yes")
            if leadAdviser.county != v.county {
                XCTAssertEqual(counties[leadAdviser.county]?.city, counties[v.county]?.city)
            }
            if let km = s.maxKm { XCTAssertLessThanOrEqual(Double(row["distance_km"]!)!, km + 0.005) }
        }
        for (team, n) in load {
            // A team's cap is the sum of its licensed members' caps.
            let licensed = members[team]!.compactMap { advisers[$0.member] }
                .filter { $0.role != .apprentice && !rules.excludedStatuses.value.contains($0.status) }
            let cap = licensed.reduce(0) { $0 + ($1.maxVillages ?? rules.underResourcedCap?.value ?? rules.cap.value) }
            XCTAssertLessThanOrEqual(n, cap, "team \(team)")
        }
        let summaryJSON = try summary(in: out)
        XCTAssertEqual(summaryJSON["covered"] as? Int, covered)
        XCTAssertEqual(summaryJSON["service_model"] as? String, "team")
        // Who sends support adds up, and the pool district is marked.
        let outcome = try XCTUnwrap(summaryJSON["counties"] as? [[String: Any]])
        for c in outcome {
            let from = try XCTUnwrap(c["support_from"] as? [String: Int])
            XCTAssertEqual(from.values.reduce(0, +), c["support_received"] as? Int)
        }
        XCTAssertTrue(outcome.contains { $0["pool"] as? Bool == true }, "the demo has a city-level pool district")
        XCTAssertGreaterThan(plan.filter { $0["support"] == "yes" }.count, 0, "the short counties receive support")
    }

    func testTownshipCountyDemoGivesWholeTownshipsToFirmsWithConnectedTerritories() throws {
        let demo = Paths.demo("guangdong-township-county")
        let out = Paths.temporaryFolder("out")
        let r = try runCommand(["assign", demo.path, "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let s = try load(demo)
        XCTAssertEqual(s.assignment.serviceModel, .township)
        assertInvariants(of: try AssignmentFile(out.appendingPathComponent("assignment.csv")), for: s)
        let (_, plan) = try rows(out.appendingPathComponent("assignment.csv"))
        let advisers = Dictionary(uniqueKeysWithValues: s.advisers.map { ($0.id, $0) })
        var firmOfTownship: [String: Set<String>] = [:]
        for row in plan where !(row["adviser_id"] ?? "").isEmpty {
            let firm = try XCTUnwrap(row["firm_id"])
            XCTAssertFalse(firm.isEmpty, "adviser_id and firm_id are filled in every covered row")
            XCTAssertEqual(advisers[row["adviser_id"]!]?.firm, firm)
            firmOfTownship[row["township"]!, default: []].insert(firm)
        }
        XCTAssertEqual(try summary(in: out)["uncovered"] as? Int, 0, "the demo county can be covered")
        for (t, firms) in firmOfTownship {
            XCTAssertEqual(firms.count, 1, "township \(t) has one firm, got \(firms.sorted())")
        }
        // Each firm's townships are connected through adjacent townships it serves.
        var adjacent: [String: Set<String>] = [:]
        for t in s.townships {
            for u in t.adjacent {
                adjacent[t.id, default: []].insert(u)
                adjacent[u, default: []].insert(t.id)
            }
        }
        let territories = Dictionary(grouping: firmOfTownship.keys, by: { firmOfTownship[$0]!.first! })
        for (firm, townships) in territories {
            let own = Set(townships)
            var seen: Set<String> = [townships[0]], queue = [townships[0]]
            while let t = queue.popLast() {
                for u in adjacent[t] ?? [] where own.contains(u) && !seen.contains(u) {
                    seen.insert(u)
                    queue.append(u)
                }
            }
            XCTAssertEqual(seen, own, "firm \(firm) serves a connected set of adjacent townships (Guangdong 001 §(七))")
        }
        XCTAssertGreaterThan(
            territories.values.map(\.count).max() ?? 0, 1, "some firm serves several adjacent townships")
    }
}
