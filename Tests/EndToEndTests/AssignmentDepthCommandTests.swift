import CounselModel
import CounselTestSupport
import Foundation
import XCTest

/// `assign --stable`, the diagnosis of a shortfall, and `rebalance`, run as a user would.
final class AssignmentDepthCommandTests: XCTestCase {
    private func load(_ dir: URL) throws -> Scenario {
        try Scenario.load(from: dir, modelsSearchPath: [PackageRoot.url.appendingPathComponent("Models")])
    }

    /// Blocking pairs of a written plan, counted from the scenario's files alone (single-county
    /// scenarios): v ranks a (or a's firm) above its adviser, or has none; a has a free place or
    /// holds a village it ranks below v; unranked counts below every ranked partner; ties never block.
    private func blockingPairs(_ plan: AssignmentFile, _ s: Scenario) -> [String] {
        let rules = s.rules.assignment
        let villageIDs = Set(s.villages.map(\.id))
        var villageRank: [String: Int] = [:], adviserRank: [String: Int] = [:]
        for p in s.preferences {
            if villageIDs.contains(p.from) {
                villageRank[p.from + "|" + p.to] = p.rank
            } else {
                adviserRank[p.from + "|" + p.to] = p.rank
            }
        }
        func vr(_ v: Village, _ a: Adviser) -> Int? {
            villageRank[v.id + "|" + a.id] ?? a.firm.flatMap { villageRank[v.id + "|" + $0] }
        }
        let byVillage = Dictionary(uniqueKeysWithValues: plan.rows.map { ($0.village, $0.adviser) })
        var held: [String: [String]] = [:]
        for row in plan.rows where !row.adviser.isEmpty { held[row.adviser, default: []].append(row.village) }
        let advisers = Dictionary(uniqueKeysWithValues: s.advisers.map { ($0.id, $0) })
        let conflicted = Set(s.conflicts.map { $0.a + "|" + $0.b } + s.conflicts.map { $0.b + "|" + $0.a })
        let ur = s.counties.first?.underResourced ?? false
        var pairs: [String] = []
        for v in s.villages {
            for a in s.advisers
            where a.county == v.county && rules.eligibleRoles.value.contains(a.role)
                && !rules.excludedStatuses.value.contains(a.status)
                && !(a.role == .apprentice && !rules.apprenticeAlone.value)
            {
                guard byVillage[v.id] != a.id, !conflicted.contains(v.id + "|" + a.id) else { continue }
                let km = Geography.greatCircleKm(v.latitude, v.longitude, a.latitude, a.longitude)
                if let maxKm = s.maxKm, km > maxKm { continue }
                let current = byVillage[v.id].flatMap { $0.isEmpty ? nil : advisers[$0] }
                if let current {
                    guard let r = vr(v, a), vr(v, current).map({ r < $0 }) ?? true else { continue }
                }
                var cap = a.maxVillages ?? (ur ? rules.underResourcedCap?.value ?? rules.cap.value : rules.cap.value)
                if let h = a.hoursPerMonth {
                    cap = min(cap, Int((h / rules.monthlyHoursPerVillage.value + 1e-9).rounded(.down)))
                }
                let ra = adviserRank[a.id + "|" + v.id] ?? Int.max
                let asGood = (held[a.id] ?? []).filter { (adviserRank[a.id + "|" + $0] ?? Int.max) <= ra }.count
                if asGood < cap { pairs.append(v.id + "-" + a.id) }
            }
        }
        return pairs
    }

    func testStableGuangdongDemoHasNoBlockingPairAndCostsLittleMore() throws {
        let demo = Paths.demo("guangdong-under-resourced")
        let scenario = try load(demo)
        let free = Paths.temporaryFolder("out"), stable = Paths.temporaryFolder("out")
        XCTAssertEqual(try runCommand(["assign", demo.path, "--out", free.path, "--quiet"]).status, 0)
        let r = try runCommand(["assign", demo.path, "--out", stable.path, "--stable"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("stable plan (no blocking pairs), proven optimal"), r.stdout)
        let sFree = try summary(in: free), sStable = try summary(in: stable)
        let freePlan = try AssignmentFile(free.appendingPathComponent("assignment.csv"))
        let stablePlan = try AssignmentFile(stable.appendingPathComponent("assignment.csv"))
        // Counted independently from the files: the unconstrained optimum has blocking pairs, the stable plan none.
        let freePairs = blockingPairs(freePlan, scenario)
        XCTAssertGreaterThan(freePairs.count, 0, "the demo's preferences make the cheapest plan unstable")
        XCTAssertEqual(sFree["blocking_pairs"] as? Int, freePairs.count)
        XCTAssertEqual(blockingPairs(stablePlan, scenario), [])
        XCTAssertEqual(sStable["blocking_pairs"] as? Int, 0)
        XCTAssertEqual(sStable["stable"] as? Bool, true)
        XCTAssertEqual(sStable["stable_plan_exists"] as? Bool, true)
        XCTAssertEqual(sStable["uncovered"] as? Int, 0)
        // Stability costs something, but never coverage here.
        XCTAssertGreaterThanOrEqual(
            try XCTUnwrap(sStable["objective"] as? Double), try XCTUnwrap(sFree["objective"] as? Double) - 1e-6)
        assertInvariants(of: stablePlan, for: scenario)
        // Rank distributions for both sides add up to the covered villages.
        for side in ["village_ranks", "adviser_ranks"] {
            let ranks = try XCTUnwrap(sStable[side] as? [String: Any])
            let distribution = try XCTUnwrap(ranks["distribution"] as? [String: Int])
            XCTAssertEqual(distribution.values.reduce(0, +), sStable["covered"] as? Int, side)
        }
        // The same through scenario.yaml's `stable: true` (as an override).
        let viaSet = Paths.temporaryFolder("out")
        XCTAssertEqual(
            try runCommand(["assign", demo.path, "--out", viaSet.path, "--set", "stable=true", "--quiet"]).status, 0)
        XCTAssertEqual(
            try String(contentsOf: viaSet.appendingPathComponent("assignment.csv"), encoding: .utf8),
            try String(contentsOf: stable.appendingPathComponent("assignment.csv"), encoding: .utf8))
    }

    func testDiagnosisFindsTheSmallestCapThatCoversEveryVillage() throws {
        let demo = Paths.demo("guangdong-under-resourced")
        let out = Paths.temporaryFolder("out")
        let r = try runCommand(["assign", demo.path, "--out", out.path, "--set", "rules.under_resourced_cap=5"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let s = try summary(in: out)
        let findings = try XCTUnwrap(s["diagnosis"] as? [[String: Any]])
        let cap = try XCTUnwrap(findings.first { $0["kind"] as? String == "cap" })
        let text = try XCTUnwrap(cap["text"] as? String)
        XCTAssertTrue(r.stdout.contains("Diagnosis"), r.stdout)
        XCTAssertTrue(r.stdout.contains(text), r.stdout)
        // The finding names a cap; re-solving by hand confirms it is the smallest that covers all.
        let match = try XCTUnwrap(
            text.range(of: #"cap (\d+) instead of 5 covers all (\d+) villages"#, options: .regularExpression), text)
        let numbers = text[match].split(separator: " ").compactMap { Int($0) }
        let found = numbers[0]
        XCTAssertEqual(numbers.last, s["villages"] as? Int)
        let atCap = Paths.temporaryFolder("out"), below = Paths.temporaryFolder("out")
        XCTAssertEqual(
            try runCommand([
                "assign", demo.path, "--out", atCap.path, "--set", "rules.under_resourced_cap=\(found)", "--quiet",
            ]).status, 0)
        XCTAssertEqual(try summary(in: atCap)["uncovered"] as? Int, 0)
        XCTAssertEqual(
            try runCommand([
                "assign", demo.path, "--out", below.path, "--set", "rules.under_resourced_cap=\(found - 1)", "--quiet",
                "--no-diagnosis",
            ]).status, 0)
        XCTAssertGreaterThan(try XCTUnwrap(try summary(in: below)["uncovered"] as? Int), 0)
        XCTAssertEqual((try summary(in: below)["diagnosis"] as? [Any])?.count, 0, "--no-diagnosis leaves it empty")
    }

    /// A Nanning demo a year on: three advisers left, one failed assessment, a village was added.
    private func nextYear() throws -> (dir: URL, previous: URL, gone: Set<String>, failed: String) {
        let demo = Paths.demo("nanning-wuming")
        let prevOut = Paths.temporaryFolder("prev")
        XCTAssertEqual(try runCommand(["assign", demo.path, "--out", prevOut.path, "--quiet"]).status, 0)
        let dir = try copyScenario(demo)
        let advisersURL = dir.appendingPathComponent("advisers.csv")
        var lines = try String(contentsOf: advisersURL, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        let gone = Set(lines[1...3].map { String($0.split(separator: ",")[0]) })
        let failed = String(lines[4].split(separator: ",")[0])
        lines[4] = lines[4].replacingOccurrences(of: ",active,", with: ",failed_assessment,")
        lines.removeSubrange(1...3)
        try lines.joined(separator: "\n").write(to: advisersURL, atomically: true, encoding: .utf8)
        for name in ["preferences.csv", "conflicts.csv"] {
            let url = dir.appendingPathComponent(name)
            let kept = try String(contentsOf: url, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false
            )
            .filter { line in !gone.contains { line.contains($0) } }
            try kept.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        let villagesURL = dir.appendingPathComponent("villages.csv")
        var villages = try String(contentsOf: villagesURL, encoding: .utf8).split(separator: "\n").map(String.init)
        for i in villages.indices.dropFirst() {
            var fields = villages[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if let last = fields.last, gone.contains(last) { fields[fields.count - 1] = "" }
            villages[i] = fields.joined(separator: ",")
        }
        var added = villages[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        added[0] = "V99999"
        added[1] = "新建社区"
        added[added.count - 1] = ""
        villages.append(added.joined(separator: ","))
        try (villages.joined(separator: "\n") + "\n").write(to: villagesURL, atomically: true, encoding: .utf8)
        return (dir, prevOut.appendingPathComponent("assignment.csv"), gone, failed)
    }

    func testRebalanceKeepsEveryPairItCanAndExplainsEachChange() throws {
        let year = try nextYear()
        let out = Paths.temporaryFolder("out")
        let r = try runCommand(["rebalance", year.dir.path, "--previous", year.previous.path, "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Changes to the previous plan"), r.stdout)
        var scenario = try load(year.dir)
        let previous = try AssignmentFile(year.previous)
        let plan = try AssignmentFile(out.appendingPathComponent("assignment.csv"))
        // The previous plan's adviser is this year's incumbent (the `incumbent` column).
        let before = Dictionary(uniqueKeysWithValues: previous.rows.map { ($0.village, $0.adviser) })
        for i in scenario.villages.indices {
            scenario.villages[i].currentAdviser = before[scenario.villages[i].id].flatMap { $0.isEmpty ? nil : $0 }
        }
        assertInvariants(of: plan, for: scenario)
        let table = try CSVTable(contentsOf: out.appendingPathComponent("changes.csv"), file: "changes.csv")
        XCTAssertEqual(table.header.map(\.text), ["village", "old_adviser", "new_adviser", "reason"])
        let changes = table.records.map { $0.fields.map(\.text) }
        let old = Dictionary(uniqueKeysWithValues: previous.rows.map { ($0.village, $0.adviser) })
        let new = Dictionary(uniqueKeysWithValues: plan.rows.map { ($0.village, $0.adviser) })
        // changes.csv lists exactly the villages whose adviser differs, with both advisers.
        let differing = Set(new.keys.filter { (old[$0] ?? "") != new[$0]! })
        XCTAssertEqual(Set(changes.map { $0[0] }), differing)
        for c in changes {
            XCTAssertEqual(c[1], old[c[0]] ?? "")
            XCTAssertEqual(c[2], new[c[0]] ?? "")
            XCTAssertFalse(c[3].isEmpty)
        }
        // Every pair whose adviser left or failed assessment changed, with that reason.
        for c in changes where year.gone.contains(c[1]) { XCTAssertTrue(c[3].contains("has left"), c[3]) }
        for c in changes where c[1] == year.failed { XCTAssertTrue(c[3].contains("failed_assessment"), c[3]) }
        let forced = previous.rows.filter { year.gone.contains($0.adviser) || $0.adviser == year.failed }.count
        XCTAssertEqual(changes.filter { year.gone.contains($0[1]) || $0[1] == year.failed }.count, forced)
        XCTAssertEqual(changes.first { $0[0] == "V99999" }?[3], "new village")
        let s = try summary(in: out)
        let rebalance = try XCTUnwrap(s["rebalance"] as? [String: Any])
        XCTAssertEqual(rebalance["forced"] as? Int, forced)
        XCTAssertEqual(rebalance["changed"] as? Int, changes.filter { !$0[1].isEmpty }.count)
        // Fewest changes after coverage: forbidding the voluntary ones loses coverage.
        let voluntary = changes.filter { !$0[1].isEmpty && !year.gone.contains($0[1]) && $0[1] != year.failed }.count
        let tight = Paths.temporaryFolder("out")
        let rt = try runCommand([
            "rebalance", year.dir.path, "--previous", year.previous.path, "--out", tight.path, "--max-changes",
            "\(forced)", "--quiet",
        ])
        XCTAssertEqual(rt.status, 0, rt.stderr)
        let st = try summary(in: tight)
        XCTAssertLessThanOrEqual(try XCTUnwrap((st["rebalance"] as? [String: Any])?["changed"] as? Int), forced)
        if voluntary > 0 {
            XCTAssertGreaterThan(
                try XCTUnwrap(st["uncovered"] as? Int), try XCTUnwrap(s["uncovered"] as? Int),
                "the \(voluntary) voluntary change(s) were needed for coverage")
        }
        // Below the forced changes nothing is planned, and the reasons are listed.
        let none = Paths.temporaryFolder("out")
        let rn = try runCommand([
            "rebalance", year.dir.path, "--previous", year.previous.path, "--out", none.path, "--max-changes",
            "\(forced - 1)",
        ])
        XCTAssertEqual(rn.status, 1, rn.stdout)
        XCTAssertTrue(rn.stderr.contains("allow at least --max-changes \(forced)"), rn.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: none.appendingPathComponent("assignment.csv").path))
    }

    func testStabilityIsRefusedInTheTownshipModel() throws {
        let r = try runCommand([
            "assign", Paths.demo("guangdong-township-county").path, "--out", Paths.temporaryFolder("out").path,
            "--stable",
        ])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("cannot be combined with service_model: township"), r.stderr)
    }

    func testMalformedPreviousPlanIsRefusedWithItsLine() throws {
        let demo = Paths.demo("nanning-wuming")
        let folder = Paths.temporaryFolder("prev")
        let bad = folder.appendingPathComponent("plan.csv")
        try "village_id,adviser_id\nV00001,A00001\nV00001,A00002\n".write(to: bad, atomically: true, encoding: .utf8)
        let r = try runCommand([
            "rebalance", demo.path, "--previous", bad.path, "--out", Paths.temporaryFolder("out").path,
        ])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(
            r.stderr.contains("plan.csv:3:1: village_id 'V00001' appears a second time (first at line 2)"), r.stderr)
        try "village,adviser\nV00001,A00001\n".write(to: bad, atomically: true, encoding: .utf8)
        let r2 = try runCommand([
            "rebalance", demo.path, "--previous", bad.path, "--out", Paths.temporaryFolder("out").path,
        ])
        XCTAssertEqual(r2.status, 1)
        XCTAssertTrue(r2.stderr.contains("needs the columns village_id and adviser_id"), r2.stderr)
    }
}
