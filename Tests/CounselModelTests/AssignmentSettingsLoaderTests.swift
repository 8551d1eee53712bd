import Foundation
import XCTest

@testable import CounselModel

/// The assignment settings of `scenario.yaml` (`service_model`, `stable`, `acceptable`, `needs`,
/// `objective.needs`), `counties.csv`'s `pool` column, the checks on `teams.csv` and
/// `townships.csv`, and the matching `--set`/`--overlay` keys.
///
/// Each test starts from ``Baseline`` and changes what it is about; where a file has several
/// problems, every one is asserted, to show that all are listed in one run.
final class AssignmentSettingsLoaderTests: XCTestCase {
    /// A `scenario.yaml` with name (line 1), rules (line 2), year (line 3), then `extra` from line 4.
    private func scenarioYAML(_ extra: String = "") -> String {
        "name: 测试场景\nrules: nanning\nyear: 2026\n" + extra
    }

    /// The baseline file `base` plus `extra` rows.
    private func plus(_ base: String, _ extra: String...) -> String {
        base + extra.map { $0 + "\n" }.joined()
    }

    /// A valid `teams.csv` for the baseline: team T1 of firm F1, led by A1.
    private let teams = """
        team,firm,member,role_in_team
        T1,F1,A1,lead
        T1,F1,A2,member

        """

    /// Every diagnostic, one per line, for failure messages.
    private func listed(_ d: [Diagnostic]) -> String { d.map(\.description).joined(separator: "\n") }

    // MARK: - scenario.yaml

    func testDefaultsWhenTheKeysAreAbsent() throws {
        let s = try ScenarioFolder().load()
        XCTAssertEqual(s.assignment, AssignmentSettings.defaults)
        XCTAssertEqual(s.assignment.serviceModel, .individual)
        XCTAssertFalse(s.assignment.stable)
        XCTAssertEqual(s.assignment.acceptable, .all)
        XCTAssertEqual(s.assignment.needs, .require)
        XCTAssertEqual(s.weights.needs, 10, "objective.needs defaults to 10 when `objective` gives the other weights")
        XCTAssertEqual(s.counties.map(\.pool), [false], "pool defaults to false")
    }

    func testEveryNewKeyIsRead() throws {
        let folder = try ScenarioFolder()
        try folder.write(
            "scenario.yaml",
            scenarioYAML(
                """
                service_model: team
                stable: true
                acceptable: ranked
                needs: prefer
                objective:
                  preference: 2
                  needs: 3.5

                """))
        try folder.write("teams.csv", teams)
        let s = try folder.load()
        XCTAssertEqual(
            s.assignment, AssignmentSettings(serviceModel: .team, stable: true, acceptable: .ranked, needs: .prefer))
        XCTAssertEqual(s.weights, ObjectiveWeights(preference: 2, distanceKm: 0.05, change: 5, support: 20, needs: 3.5))
        XCTAssertEqual(
            s.teamMembers,
            [
                TeamMember(team: "T1", firm: "F1", member: "A1", roleInTeam: "lead"),
                TeamMember(team: "T1", firm: "F1", member: "A2", roleInTeam: "member"),
            ])
    }

    func testOtherValuesOfEachKey() throws {
        let folder = try ScenarioFolder()
        try folder.write(
            "scenario.yaml", scenarioYAML("service_model: individual\nstable: no\nacceptable: all\nneeds: require\n"))
        XCTAssertEqual(try folder.load().assignment, .defaults)
    }

    func testTownshipModelWithMatchingTownshipsLoads() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML("service_model: township\n"))
        try folder.write(
            "townships.csv",
            """
            id,name,county,mode,adjacent
            城厢镇,城厢镇,C1,onsite,锣圩镇
            锣圩镇,锣圩镇,,online,城厢镇

            """)
        let s = try folder.load()
        XCTAssertEqual(s.assignment.serviceModel, .township)
        XCTAssertEqual(
            s.townships,
            [
                Township(id: "城厢镇", name: "城厢镇", county: "C1", mode: .onsite, adjacent: ["锣圩镇"]),
                Township(id: "锣圩镇", name: "锣圩镇", county: "", mode: .online, adjacent: ["城厢镇"]),
            ])
    }

    func testBadValuesAreAllReportedAtTheirValues() throws {
        let folder = try ScenarioFolder()
        try folder.write(
            "scenario.yaml",
            scenarioYAML(
                """
                service_model: teams
                stable: maybe
                acceptable: some
                needs: must
                objective:
                  needs: -1

                """))
        let d = folder.diagnostics()
        XCTAssertEqual(d.count, 5, listed(d))
        assertDiagnostic(
            d, file: "scenario.yaml", line: 4, column: 16,
            contains: ["'service_model' must be one of individual, team, township", "got 'teams'"])
        assertDiagnostic(d, file: "scenario.yaml", line: 5, column: 9, contains: ["'stable' must be true or false"])
        assertDiagnostic(
            d, file: "scenario.yaml", line: 6, column: 13,
            contains: ["'acceptable' must be one of all, ranked", "got 'some'"])
        assertDiagnostic(
            d, file: "scenario.yaml", line: 7, column: 8,
            contains: ["'needs' must be one of require, prefer", "got 'must'"])
        assertDiagnostic(d, file: "scenario.yaml", line: 9, column: 10, contains: ["'needs' must be at least 0", "-1"])
    }

    func testObjectiveNeedsAboveTheLimitAndNotANumber() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML("objective:\n  needs: 2000000\n"))
        assertOnlyDiagnostic(
            folder.diagnostics(), file: "scenario.yaml", line: 5, column: 10,
            contains: ["'needs' must be at most 1000000"])
        try folder.write("scenario.yaml", scenarioYAML("objective:\n  needs: lots\n"))
        assertOnlyDiagnostic(
            folder.diagnostics(), file: "scenario.yaml", line: 5, column: 10,
            contains: ["'needs' must be a number", "'lots'"])
    }

    func testAListWhereAChoiceIsExpected() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML("acceptable: [all]\n"))
        assertOnlyDiagnostic(
            folder.diagnostics(), file: "scenario.yaml", line: 4, column: 13,
            contains: ["'acceptable' must be one of all, ranked", "a list or mapping"])
    }

    func testUnknownKeyListsTheNewKeys() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML("service: team\n"))
        assertOnlyDiagnostic(
            folder.diagnostics(), file: "scenario.yaml", line: 4, column: 1,
            contains: ["unknown key 'service'", "service_model, stable, acceptable, needs"])
    }

    // MARK: - counties.csv: pool

    func testPoolColumn() throws {
        let folder = try ScenarioFolder()
        try folder.write(
            "counties.csv",
            """
            id,name,city,under_resourced,pool
            C1,武鸣区,南宁市,false,
            C2,青秀区,南宁市,false,true
            C3,兴宁区,南宁市,false,yes
            C4,江南区,南宁市,false,1
            C5,宾阳县,南宁市,true,no
            C6,横州市,南宁市,true,0
            C7,上林县,南宁市,true,FALSE

            """)
        let s = try folder.load()
        XCTAssertEqual(s.counties.map(\.pool), [false, true, true, true, false, false, false])
        XCTAssertEqual(s.counties[1], County(id: "C2", name: "青秀区", city: "南宁市", underResourced: false, pool: true))
    }

    func testBadPoolValue() throws {
        let folder = try ScenarioFolder()
        try folder.write("counties.csv", "id,name,city,under_resourced,pool\nC1,武鸣区,南宁市,false,city\n")
        // C1,武鸣区,南宁市,false,city → pool at column 18.
        assertOnlyDiagnostic(
            folder.diagnostics(), file: "counties.csv", line: 2, column: 18,
            contains: ["pool:", "true or false", "'city'"])
    }

    func testPoolColumnUnderItsChineseName() throws {
        let folder = try ScenarioFolder()
        let header = CSVHeaders.header(
            ["id", "name", "city", "under_resourced", "pool"], in: CSVHeaders.counties, language: .zh)
        try folder.write("counties.csv", header + "\nC1,武鸣区,南宁市,false,true\n")
        XCTAssertEqual(try folder.load().counties.map(\.pool), [true])
    }

    // MARK: - teams.csv

    func testEveryTeamProblemIsReported() throws {
        let folder = try ScenarioFolder()
        try folder.write(
            "advisers.csv",
            plus(
                Baseline.advisers,
                "A3,王芳,apprentice,F1,C1,23.1,108.2,,,,,",
                "A4,陈明,lawyer,F2,C1,23.1,108.2,,,,,"))
        try folder.write("firms.csv", plus(Baseline.firms, "F2,广西邕城律师事务所,law_firm,C1,23.1,108.2"))
        try folder.write(
            "teams.csv",
            """
            team,firm,member,role_in_team
            T1,F1,A1,member
            T1,F1,A2,member
            T2,F1,A3,lead
            T2,F2,A4,lead
            T3,F9,A1,lead

            """)
        let d = folder.diagnostics()
        XCTAssertEqual(d.count, 6, listed(d))
        // No lead: at the team's first row, role_in_team column.
        assertDiagnostic(
            d, file: "teams.csv", line: 2, column: 10, contains: ["team 'T1' has no lead", "role_in_team=lead"])
        // An apprentice lead.
        assertDiagnostic(
            d, file: "teams.csv", line: 4, column: 7,
            contains: [
                "member: 'A3' is an apprentice and may not lead team 'T2'",
                "Guangdong 001 §(十二): an apprentice may not serve alone; a team needs a licensed lead",
            ])
        // A second lead, and another firm within one team.
        assertDiagnostic(
            d, file: "teams.csv", line: 5, column: 10,
            contains: ["role_in_team: team 'T2' already has a lead, 'A3' (line 4)", "exactly one lead"])
        assertDiagnostic(
            d, file: "teams.csv", line: 5, column: 4,
            contains: ["firm: every row of team 'T2' names the same firm", "line 4 names 'F1'", "this row 'F2'"])
        // An adviser in a second team, and a firm not in firms.csv.
        assertDiagnostic(
            d, file: "teams.csv", line: 6, column: 7,
            contains: ["member: 'A1' is already in team 'T1' (line 2)", "at most one team"])
        assertDiagnostic(d, file: "teams.csv", line: 6, column: 4, contains: ["firm: 'F9' is not in firms.csv"])
    }

    func testTeamRowWithoutFirmDiffersFromOneWithFirm() throws {
        let folder = try ScenarioFolder()
        try folder.write("teams.csv", "team,firm,member,role_in_team\nT1,F1,A1,lead\nT1,,A2,member\n")
        assertOnlyDiagnostic(
            folder.diagnostics(), file: "teams.csv", line: 3, column: 4,
            contains: ["every row of team 'T1' names the same firm", "line 2 names 'F1', this row none"])
    }

    func testFirmsAreNotCheckedWithoutFirmsCSV() throws {
        let folder = try ScenarioFolder()
        try folder.remove("firms.csv")
        try folder.write("preferences.csv", "from,to,rank\nV1,A1,1\n")  // the baseline's V2 ranks firm F1
        try folder.write("teams.csv", "team,firm,member,role_in_team\nT1,F7,A1,lead\nT1,F7,A2,member\n")
        XCTAssertEqual(try folder.load().teamMembers.map(\.firm), ["F7", "F7"])
    }

    func testTeamsWithoutRoleColumnHaveNoLead() throws {
        let folder = try ScenarioFolder()
        try folder.write("teams.csv", "team,member\nT1,A1\nT2,A2\n")
        let d = folder.diagnostics()
        XCTAssertEqual(d.count, 2, listed(d))
        assertDiagnostic(d, file: "teams.csv", line: 2, column: 1, contains: ["team 'T1' has no lead"])
        assertDiagnostic(d, file: "teams.csv", line: 3, column: 1, contains: ["team 'T2' has no lead"])
    }

    func testABadRoleRowDoesNotAlsoReportAMissingLead() throws {
        let folder = try ScenarioFolder()
        try folder.write("teams.csv", "team,firm,member,role_in_team\nT1,F1,A1,leader\nT1,F1,A2,member\n")
        assertOnlyDiagnostic(
            folder.diagnostics(), file: "teams.csv", line: 2, column: 10,
            contains: ["role_in_team: expected lead or member, got 'leader'"])
    }

    func testTeamModelNeedsTeamsCSV() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML("service_model: team\n"))
        assertOnlyDiagnostic(
            folder.diagnostics(), file: "scenario.yaml", line: 4, column: 16,
            contains: ["service_model: team needs teams.csv (columns team,firm,member,role_in_team)"])
        // A header and no rows is as good as no file.
        try folder.write("teams.csv", "team,firm,member,role_in_team\n")
        assertOnlyDiagnostic(
            folder.diagnostics(), file: "scenario.yaml", line: 4, column: 16,
            contains: ["service_model: team needs teams.csv (columns team,firm,member,role_in_team)"])
    }

    // MARK: - townships.csv

    func testEveryTownshipProblemIsReported() throws {
        let folder = try ScenarioFolder()
        try folder.write(
            "townships.csv",
            """
            id,name,county,mode,adjacent
            T1,城厢镇,C1,onsite,T2;T9;T8
            T2,锣圩镇,C9,online,T2;T1

            """)
        let d = folder.diagnostics()
        XCTAssertEqual(d.count, 4, listed(d))
        // Each unknown neighbour, at the row's adjacent column.
        let unknown = d.filter { $0.file == "townships.csv" && $0.line == 2 && $0.column == 18 }.map(\.message)
        XCTAssertEqual(
            unknown.sorted(),
            [
                "adjacent: 'T8' is not a township id in townships.csv",
                "adjacent: 'T9' is not a township id in townships.csv",
            ])
        assertDiagnostic(
            d, file: "townships.csv", line: 3, column: 18, contains: ["adjacent: township 'T2' lists itself"])
        assertDiagnostic(
            d, file: "townships.csv", line: 3, column: 8, contains: ["county: 'C9' is not in counties.csv"])
    }

    func testTownshipCountiesAreNotCheckedWithoutCountiesCSV() throws {
        let folder = try ScenarioFolder()
        try folder.remove("counties.csv")
        try folder.write("townships.csv", "id,name,county\nT1,城厢镇,C9\n")
        XCTAssertEqual(try folder.load().townships.map(\.county), ["C9"])
    }

    func testTownshipModelNeedsTownshipsCSV() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML("service_model: township\n"))
        // Only the missing file is reported, not every village's township.
        assertOnlyDiagnostic(
            folder.diagnostics(), file: "scenario.yaml", line: 4, column: 16,
            contains: ["service_model: township needs townships.csv (columns id,name,county,mode,adjacent)"])
    }

    func testTownshipModelChecksEveryVillagesTownship() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML("service_model: township\n"))
        try folder.write("counties.csv", plus(Baseline.counties, "C2,宁武县,南宁市,false"))
        try folder.write(
            "townships.csv",
            """
            id,name,county,mode,adjacent
            城厢镇,城厢镇,C2,onsite,
            锣圩镇,锣圩镇,,onsite,城厢镇

            """)
        try folder.write(
            "villages.csv",
            plus(
                Baseline.villages,
                "V3,三合村,village,新圩镇,C1,23.10,108.20,,",
                "V4,锣圩村,village,锣圩镇,C1,23.05,108.10,,"))
        let d = folder.diagnostics()
        XCTAssertEqual(d.count, 3, listed(d))
        // V1 and V2 lie in C1, their township in C2.
        assertDiagnostic(
            d, file: "villages.csv", line: 2, column: 16,
            contains: ["township: '城厢镇' is in county 'C2' (townships.csv line 2)", "this village is in county 'C1'"])
        assertDiagnostic(d, file: "villages.csv", line: 3, column: 19, contains: ["township: '城厢镇' is in county 'C2'"])
        // V3's township is not in the file; V4's township names no county, so any county will do.
        assertDiagnostic(
            d, file: "villages.csv", line: 4, column: 16,
            contains: ["township: '新圩镇' is not a township id in townships.csv"])
    }

    func testVillageTownshipsAreNotCheckedOutsideTheTownshipModel() throws {
        let folder = try ScenarioFolder()
        try folder.write("townships.csv", "id,name,county\nT1,新圩镇,C1\n")
        XCTAssertEqual(try folder.load().townships.count, 1)
    }

    // MARK: - Overrides

    func testEveryNewOverrideKeyIsAppliedAndRecorded() throws {
        let folder = try ScenarioFolder()
        let v = try folder.loadVariant(sets: [
            "service_model=individual", "stable=true", "acceptable=ranked", "needs=prefer", "objective.needs=2.5",
        ])
        XCTAssertEqual(
            v.scenario.assignment,
            AssignmentSettings(serviceModel: .individual, stable: true, acceptable: .ranked, needs: .prefer))
        XCTAssertEqual(v.scenario.weights.needs, 2.5)
        XCTAssertEqual(v.applied.map(\.key), [.objectiveNeeds, .serviceModel, .stable, .acceptable, .needs])
        let previous = Dictionary(uniqueKeysWithValues: v.applied.map { ($0.key, $0.previous) })
        XCTAssertEqual(previous[.objectiveNeeds], .number(10))
        XCTAssertEqual(previous[.serviceModel], .text("individual"))
        XCTAssertEqual(previous[.stable], .flag(false))
        XCTAssertEqual(previous[.acceptable], .text("all"))
        XCTAssertEqual(previous[.needs], .text("require"))

        let json = try XCTUnwrap(String(data: v.overridesJSON(), encoding: .utf8))
        for fragment in [
            "\"service_model\" : \"individual\"", "\"stable\" : true", "\"acceptable\" : \"ranked\"",
            "\"needs\" : \"prefer\"", "\"objective.needs\" : 2.5", "\"origin\" : \"--set stable=true\"",
        ] {
            XCTAssertTrue(json.contains(fragment), "overrides.json should contain \(fragment):\n\(json)")
        }
    }

    func testOverlayTakesTheNewKeysNestedOrDotted() throws {
        let folder = try ScenarioFolder()
        try folder.write("teams.csv", teams)
        try folder.write(
            "what-if.yaml",
            """
            service_model: team
            stable: yes
            acceptable: ranked
            objective:
              needs: 4
            needs: prefer

            """)
        let v = try folder.loadVariant(sets: [], overlays: ["what-if.yaml"])
        XCTAssertEqual(
            v.scenario.assignment,
            AssignmentSettings(serviceModel: .team, stable: true, acceptable: .ranked, needs: .prefer))
        XCTAssertEqual(v.scenario.weights.needs, 4)
        XCTAssertTrue(
            v.applied.allSatisfy {
                $0.origin.hasPrefix("--overlay ") && $0.origin.hasSuffix("what-if.yaml: \($0.key.rawValue)=\($0.value)")
            },
            "\(v.applied.map(\.origin))")

        try folder.write("dotted.yaml", "objective.needs: 6\n")
        let dotted = try folder.loadVariant(sets: ["objective.needs=7"], overlays: ["dotted.yaml"])
        XCTAssertEqual(dotted.scenario.weights.needs, 7, "--set wins over the overlay")
    }

    func testServiceModelOverrideRecordsTheFoldersValue() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML("service_model: team\nacceptable: ranked\n"))
        try folder.write("teams.csv", teams)
        let v = try folder.loadVariant(sets: ["service_model=individual"])
        XCTAssertEqual(v.scenario.assignment, AssignmentSettings(serviceModel: .individual, acceptable: .ranked))
        XCTAssertEqual(v.applied.first?.previous, .text("team"))
        // Loaded directly, the loader's override replaces the value in scenario.yaml too.
        let s = try folder.load(overrides: Scenario.LoadOverrides(serviceModel: .individual))
        XCTAssertEqual(s.assignment.serviceModel, .individual)
    }

    func testServiceModelOverrideChecksTheFilesTheModelNeeds() throws {
        let folder = try ScenarioFolder()
        XCTAssertThrowsError(try folder.loadVariant(sets: ["service_model=township"])) { error in
            guard let e = error as? ScenarioError else { return XCTFail("\(error)") }
            assertOnlyDiagnostic(
                e.diagnostics, file: "scenario.yaml", line: nil, column: nil,
                contains: [
                    "service_model: township needs townships.csv (columns id,name,county,mode,adjacent)",
                    "set by --set service_model=township",
                ])
        }
        XCTAssertThrowsError(try folder.loadVariant(sets: ["service_model=team"])) { error in
            guard let e = error as? ScenarioError else { return XCTFail("\(error)") }
            assertOnlyDiagnostic(
                e.diagnostics, file: "scenario.yaml", line: nil, column: nil,
                contains: ["service_model: team needs teams.csv", "set by --set service_model=team"])
        }
        // With townships.csv present, the villages' townships are checked against it.
        try folder.write("townships.csv", "id,name,county\nT1,新圩镇,C1\n")
        XCTAssertThrowsError(try folder.loadVariant(sets: ["service_model=township"])) { error in
            guard let e = error as? ScenarioError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.diagnostics.count, 2, "\(e)")
            assertDiagnostic(
                e.diagnostics, file: "villages.csv", line: 2, column: 16,
                contains: ["township: '城厢镇' is not a township id in townships.csv"])
            assertDiagnostic(
                e.diagnostics, file: "villages.csv", line: 3, column: 19,
                contains: ["township: '城厢镇' is not a township id in townships.csv"])
        }
    }

    func testBadOverrideValuesNameTheKeyAndWhatWasExpected() throws {
        XCTAssertThrowsError(
            try ScenarioOverrides.parse(
                sets: [
                    "stable=maybe", "acceptable=some", "service_model=teams", "needs=must", "objective.needs=-1",
                ], overlays: [])
        ) { error in
            guard let e = error as? OverrideError else { return XCTFail("\(error)") }
            XCTAssertEqual(
                e.problems.map(\.description),
                [
                    "--set stable=maybe: stable must be true or false, got 'maybe'",
                    "--set acceptable=some: acceptable must be all or ranked, got 'some'",
                    "--set service_model=teams: service_model must be individual, team or township, got 'teams'",
                    "--set needs=must: needs must be require or prefer, got 'must'",
                    "--set objective.needs=-1: objective.needs must be a weight, a number from 0 to 1000000, got '-1'",
                ])
        }
        let folder = try ScenarioFolder()
        try folder.write("bad.yaml", "service_model: teams\nobjective:\n  needs: lots\n")
        let path = folder.url.appendingPathComponent("bad.yaml").path
        XCTAssertThrowsError(try folder.loadVariant(sets: [], overlays: ["bad.yaml"])) { error in
            guard let e = error as? OverrideError else { return XCTFail("\(error)") }
            // Located as every other diagnostic is: the value's line and column in the overlay.
            XCTAssertEqual(
                e.problems.first,
                .overlay(
                    Diagnostic(
                        file: path, line: 1, column: 16,
                        "service_model must be individual, team or township, got 'teams'")))
            XCTAssertEqual(
                e.problems.map(\.description),
                [
                    "--overlay \(path):1:16: service_model must be individual, team or township, got 'teams'",
                    "--overlay \(path):3:10: objective.needs must be a weight, a number from 0 to 1000000, got 'lots'",
                ])
        }
    }
}
