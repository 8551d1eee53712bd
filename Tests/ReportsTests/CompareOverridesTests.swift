import CounselModel
import CounselTestSupport
import Foundation
import XCTest

/// Scenario variants for `compare`: `--set KEY=VALUE` and `--overlay FILE.yaml` applied to a
/// loaded scenario (Scenario+Overrides.swift).
final class CompareOverridesTests: XCTestCase {
    private static let models = [PackageRoot.models]
    private static func demo(_ name: String) -> URL { PackageRoot.demo(name) }

    private func variant(_ demo: String, _ sets: [String], overlays: [String] = []) throws -> ScenarioVariant {
        try Scenario.loadVariant(
            from: Self.demo(demo), modelsSearchPath: Self.models,
            overrides: try ScenarioOverrides.parse(sets: sets, overlays: overlays))
    }

    func testEveryKeyIsApplied() throws {
        let base = try Scenario.load(from: Self.demo("guangdong-under-resourced"), modelsSearchPath: Self.models)
        let v = try variant(
            "guangdong-under-resourced",
            [
                "rules.cap=6", "rules.under_resourced_cap=9", "rules.monthly_hours_per_village=4.5", "max_km=30",
                "year=2027",
                "objective.preference=2", "objective.distance_km=0.5", "objective.change=0", "objective.support=40",
                "objective.needs=3", "service_model=individual", "stable=true", "acceptable=ranked", "needs=prefer",
                "flexible=true", "daily_hours=6",
            ])
        let s = v.scenario
        XCTAssertEqual(s.rules.assignment.cap.value, 6)
        XCTAssertEqual(s.rules.assignment.underResourcedCap?.value, 9)
        XCTAssertEqual(s.rules.assignment.monthlyHoursPerVillage.value, 4.5)
        XCTAssertEqual(s.maxKm, 30)
        XCTAssertEqual(s.year, 2027)
        XCTAssertEqual(s.weights, ObjectiveWeights(preference: 2, distanceKm: 0.5, change: 0, support: 40, needs: 3))
        XCTAssertEqual(
            s.assignment,
            AssignmentSettings(serviceModel: .individual, stable: true, acceptable: .ranked, needs: .prefer))
        XCTAssertTrue(s.schedule.flexible)
        XCTAssertEqual(s.schedule.dailyHours, 6)
        // Untouched rules keep their values and sources.
        XCTAssertEqual(s.rules.assignment.eligibleRoles.value, base.rules.assignment.eligibleRoles.value)
        XCTAssertEqual(s.rules.assignment.eligibleRoles.source, base.rules.assignment.eligibleRoles.source)
        // The overridden rules say where they come from, and what the profile said.
        XCTAssertEqual(
            s.rules.assignment.cap.source, "override --set rules.cap=6 (profile: \(base.rules.assignment.cap.source))")
        XCTAssertEqual(
            s.rules.assignment.underResourcedCap?.source,
            "override --set rules.under_resourced_cap=9 (profile: \(base.rules.assignment.underResourcedCap!.source))")
        XCTAssertEqual(v.applied.map(\.key), OverrideKey.allCases.filter { $0 != .rules })
        XCTAssertEqual(v.applied.first { $0.key == .rulesCap }?.previous, .integer(5))
        XCTAssertEqual(v.applied.first { $0.key == .maxKm }?.previous, .number(60))
        XCTAssertEqual(v.applied.first { $0.key == .flexible }?.previous, .flag(false))
    }

    func testNoOverridesLoadsTheScenarioAsItIs() throws {
        let v = try variant("nanning-wuming", [])
        let base = try Scenario.load(from: Self.demo("nanning-wuming"), modelsSearchPath: Self.models)
        XCTAssertTrue(v.applied.isEmpty)
        XCTAssertEqual(v.scenario.rules.assignment.cap.value, base.rules.assignment.cap.value)
        XCTAssertEqual(v.scenario.rules.assignment.cap.source, base.rules.assignment.cap.source)
        XCTAssertEqual(v.scenario.maxKm, base.maxKm)
        XCTAssertEqual(v.scenario.weights, base.weights)
    }

    func testARaisedCapAllowsAdvisersMaxVillagesUpToIt() throws {
        // Nanning's cap is 5; an adviser offering 8 is refused …
        let copy = try copyDemo("nanning-wuming")
        let advisers = copy.appendingPathComponent("advisers.csv")
        var lines = try String(contentsOf: advisers, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let mv = try XCTUnwrap(header.firstIndex(of: "max_villages"))
        var fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[mv] = "8"
        lines[1] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: advisers, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Scenario.load(from: copy, modelsSearchPath: Self.models)) { error in
            XCTAssertTrue("\(error)".contains("max_villages: at most 5"), "\(error)")
        }
        // … and allowed when the cap is raised to 8, the override checked as the loader's limit.
        let v = try Scenario.loadVariant(
            from: copy, modelsSearchPath: Self.models,
            overrides: try ScenarioOverrides.parse(sets: ["rules.cap=8"], overlays: []))
        XCTAssertEqual(v.scenario.advisers[0].maxVillages, 8)
        // A cap of 7 is below that adviser's 8: under the override the 8 is lowered to 7, and said so.
        let v7 = try Scenario.loadVariant(
            from: copy, modelsSearchPath: Self.models,
            overrides: try ScenarioOverrides.parse(sets: ["rules.cap=7"], overlays: []))
        XCTAssertEqual(v7.scenario.advisers[0].maxVillages, 7)
        XCTAssertEqual(
            v7.maxVillagesLowered, [MaxVillagesLowered(adviser: v7.scenario.advisers[0].id, stated: 8, loweredTo: 7)])
    }

    func testALoweredCapLowersAdvisersMaxVillagesUnderTheOverride() throws {
        // Six Nanning advisers state max_villages 5 (the cap); without an override that is fine, and
        // 6 would be refused (the check stays) …
        let base = try Scenario.load(from: Self.demo("nanning-wuming"), modelsSearchPath: Self.models)
        let stating5 = base.advisers.filter { $0.maxVillages == 5 }.map(\.id)
        XCTAssertEqual(stating5.count, 6)
        // … and under rules.cap=4 each of them is lowered to 4, listed in file order and in overrides.json.
        let v = try variant("nanning-wuming", ["rules.cap=4"])
        XCTAssertEqual(v.maxVillagesLowered.map(\.adviser), stating5)
        XCTAssertTrue(v.maxVillagesLowered.allSatisfy { $0.stated == 5 && $0.loweredTo == 4 })
        for a in v.scenario.advisers {
            let before = base.advisers.first { $0.id == a.id }!.maxVillages
            XCTAssertEqual(a.maxVillages, before.map { min($0, 4) }, a.id)
        }
        XCTAssertEqual(
            v.maxVillagesLoweredSummary,
            "max_villages lowered to 4 for 6 advisers (stated 5): " + stating5.joined(separator: ", "))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: v.overridesJSON()) as? [String: Any])
        let lowered = try XCTUnwrap(json["max_villages_lowered"] as? [[String: Any]])
        XCTAssertEqual(lowered.map { $0["adviser"] as? String }, stating5)
        XCTAssertEqual(lowered.first?["stated"] as? Int, 5)
        XCTAssertEqual(lowered.first?["lowered_to"] as? Int, 4)
        // No override, nothing lowered, and the list is empty in overrides.json's schema.
        XCTAssertTrue(try variant("nanning-wuming", ["max_km=30"]).maxVillagesLowered.isEmpty)
    }

    func testCapAboveTheUnderResourcedCapIsAUsageError() throws {
        XCTAssertThrowsError(try variant("guangdong-under-resourced", ["rules.cap=9"])) { error in
            guard let e = error as? OverrideError else { return XCTFail("\(error)") }
            XCTAssertTrue(
                e.description.contains("rules.under_resourced_cap (8) must not be below rules.cap (9)"), e.description)
        }
        // Raising both is fine.
        let v = try variant("guangdong-under-resourced", ["rules.cap=9", "rules.under_resourced_cap=10"])
        XCTAssertEqual(v.scenario.rules.assignment.maximumCap, 10)
    }

    func testUnknownKeysAndBadValuesNameTheKeyAndWhatWasExpected() {
        XCTAssertThrowsError(
            try ScenarioOverrides.parse(
                sets: [
                    "rules.capp=8", "rules.cap=0", "rules.cap=8.5", "max_km=-1", "year=26", "flexible=maybe",
                    "daily_hours=13",
                    "objective.change=-1", "objective.support=x", "rules=", "noequals",
                ], overlays: [])
        ) { error in
            guard let e = error as? OverrideError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.problems.count, 11, e.description)
            XCTAssertTrue(
                e.problems[0].description.contains("unknown key 'rules.capp' (expected one of: rules, rules.cap,"),
                e.problems[0].description)
            XCTAssertTrue(
                e.problems[1].description.contains(
                    "rules.cap must be a whole number of villages per adviser, at least 1, got '0'"),
                e.problems[1].description)
            XCTAssertTrue(
                e.problems[2].description.contains("rules.cap must be a whole number"), e.problems[2].description)
            XCTAssertTrue(
                e.problems[3].description.contains("max_km must be a distance in km, above 0"),
                e.problems[3].description)
            XCTAssertTrue(e.problems[4].description.contains("year must be a year"), e.problems[4].description)
            XCTAssertTrue(
                e.problems[5].description.contains("flexible must be true or false, got 'maybe'"),
                e.problems[5].description)
            XCTAssertTrue(
                e.problems[6].description.contains("daily_hours must be a number of hours from 1 to 12"),
                e.problems[6].description)
            XCTAssertTrue(
                e.problems[7].description.contains("objective.change must be a weight"), e.problems[7].description)
            XCTAssertTrue(
                e.problems[8].description.contains("objective.support must be a weight"), e.problems[8].description)
            XCTAssertTrue(
                e.problems[9].description.contains("rules must be a rule profile name"), e.problems[9].description)
            XCTAssertTrue(e.problems[10].description.contains("expected KEY=VALUE"), e.problems[10].description)
        }
    }

    func testAnUnknownProfileIsAUsageErrorAndAKnownOneIsLoaded() throws {
        XCTAssertThrowsError(try variant("nanning-wuming", ["rules=shanghai"])) { error in
            guard let e = error as? OverrideError else { return XCTFail("\(error)") }
            XCTAssertTrue(
                e.description.contains(
                    "unknown rule profile 'shanghai' (expected one of: guangdong, jiaocheng, nanning"), e.description)
        }
        let v = try variant("nanning-wuming", ["rules=rongchang"])
        XCTAssertEqual(v.scenario.rules.id, "rongchang")
        XCTAssertEqual(v.applied.first?.previous, .text("nanning"))
    }

    func testOverlaysTakeNestedOrDottedKeysAndSetWins() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("overlay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("what-if.yaml")
        try """
        # what if the cap were 8 and distance mattered more?
        rules:
          cap: 8
        objective.distance_km: 0.2
        objective:
          change: 1
        max_km: 30
        """.write(to: file, atomically: true, encoding: .utf8)
        let v = try variant("nanning-wuming", ["max_km=25"], overlays: [file.path])
        XCTAssertEqual(v.scenario.rules.assignment.cap.value, 8)
        XCTAssertEqual(
            v.scenario.rules.assignment.cap.source.hasPrefix(
                "override --overlay \(file.path): rules.cap=8 (profile: 002"), true,
            v.scenario.rules.assignment.cap.source)
        XCTAssertEqual(v.scenario.weights.distanceKm, 0.2)
        XCTAssertEqual(v.scenario.weights.change, 1)
        XCTAssertEqual(v.scenario.maxKm, 25, "--set is applied after the overlay")
        XCTAssertEqual(v.applied.first { $0.key == .maxKm }?.origin, "--set max_km=25")

        // overrides.json: sorted keys, typed values, what they replaced.
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: v.overridesJSON()) as? [String: Any])
        let values = try XCTUnwrap(json["values"] as? [String: Any])
        XCTAssertEqual(values["rules.cap"] as? Int, 8)
        XCTAssertEqual(values["max_km"] as? Double, 25)
        let list = try XCTUnwrap(json["overrides"] as? [[String: Any]])
        XCTAssertEqual(
            list.map { $0["key"] as? String }, ["rules.cap", "max_km", "objective.distance_km", "objective.change"])
        XCTAssertEqual(list[0]["previous"] as? Int, 5)
        let text = String(decoding: try v.overridesJSON(), as: UTF8.self)
        XCTAssertLessThan(
            try XCTUnwrap(text.range(of: "\"key\"")).lowerBound, try XCTUnwrap(text.range(of: "\"origin\"")).lowerBound)
        XCTAssertLessThan(
            try XCTUnwrap(text.range(of: "\"overrides\"")).lowerBound,
            try XCTUnwrap(text.range(of: "\"values\"")).lowerBound)

        // Problems in an overlay are listed with line and column.
        try "rules:\n  capp: 8\nobjective:\n  support: [1]\nyear: ~\n".write(
            to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ScenarioOverrides.parse(sets: [], overlays: [file.path])) { error in
            guard let e = error as? OverrideError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.problems.count, 3, e.description)
            XCTAssertTrue(
                e.problems[0].description.contains("\(file.path):2:3: unknown key 'rules.capp'"),
                e.problems[0].description)
            XCTAssertTrue(
                e.problems[1].description.contains(
                    "\(file.path):4:12: objective.support must be a weight, a number from 0 to 1000000, got a list"),
                e.problems[1].description)
            XCTAssertTrue(
                e.problems[2].description.contains("year must be a year, 2000 to 9999, got nothing"),
                e.problems[2].description)
        }
        // A missing overlay is invalid input naming the file.
        XCTAssertThrowsError(
            try ScenarioOverrides.parse(sets: [], overlays: [folder.appendingPathComponent("none.yaml").path])
        ) { error in
            XCTAssertTrue(error is ScenarioError, "\(error)")
            XCTAssertTrue("\(error)".contains("none.yaml: no such overlay file"), "\(error)")
        }
    }

    private func copyDemo(_ name: String) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("variant-\(UUID().uuidString)")
            .appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.demo(name), to: target)
        addTeardownBlock { try? FileManager.default.removeItem(at: target.deletingLastPathComponent()) }
        return target
    }
}
