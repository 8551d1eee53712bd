import CounselTestSupport
import Foundation
import XCTest

@testable import CounselModel

/// `Scenario.load(from:modelsSearchPath:overrides:)`: what a valid folder gives, and where each
/// problem is reported (file, line, column, and the words a user needs).
///
/// Each test starts from ``Baseline`` (a complete, valid scenario) and changes one thing. Rows that
/// carry a problem are added as new, unreferenced rows (V3, A3, …) so that no other row's
/// references break and the diagnostic under test is the only one.
final class ScenarioLoaderTests: XCTestCase {
    /// The baseline villages plus `extra` rows (line 4 onwards).
    private func villages(_ extra: String...) -> String {
        Baseline.villages + extra.map { $0 + "\n" }.joined()
    }

    /// The baseline advisers plus `extra` rows (line 4 onwards).
    private func advisers(_ extra: String...) -> String {
        Baseline.advisers + extra.map { $0 + "\n" }.joined()
    }

    /// A `scenario.yaml` with name (line 1), rules (line 2), year (line 3), then `extra`.
    private func scenarioYAML(rules: String = "nanning", _ extra: String = "") -> String {
        "name: 测试场景\nrules: \(rules)\nyear: 2026\n" + extra
    }

    // MARK: - Valid scenarios

    func testBaselineScenarioLoadsEveryValue() throws {
        let folder = try ScenarioFolder()
        let s = try folder.load()

        XCTAssertEqual(s.name, "武鸣区测试场景")
        XCTAssertEqual(s.rules.id, "nanning")
        XCTAssertEqual(s.rules.assignment.cap.value, 5)
        XCTAssertEqual(s.year, 2026)
        XCTAssertEqual(s.maxKm, 40)
        XCTAssertEqual(s.weights, ObjectiveWeights(preference: 2, distanceKm: 0.1, change: 3, support: 10))
        XCTAssertEqual(s.calendar, "cn-2026.csv")
        XCTAssertEqual(s.directory.standardizedFileURL.path, folder.url.standardizedFileURL.path)

        XCTAssertEqual(
            s.villages,
            [
                Village(
                    id: "V1", name: "双桥村", kind: .village, township: "城厢镇", county: "C1", latitude: 23.16,
                    longitude: 108.27, needs: ["land", "family"], currentAdviser: "A1"),
                Village(
                    id: "V2", name: "江南社区", kind: .community, township: "城厢镇", county: "C1", latitude: 23.15,
                    longitude: 108.28, needs: [], currentAdviser: nil),
            ])
        XCTAssertEqual(
            s.advisers,
            [
                Adviser(
                    id: "A1", name: "张伟", role: .lawyer, firm: "F1", county: "C1", latitude: 23.17, longitude: 108.26,
                    maxVillages: 5, hoursPerMonth: 40, specialties: ["land", "labour"], status: .active,
                    phone: "13800000001"),
                Adviser(
                    id: "A2", name: "李娜", role: .grassrootsWorker, firm: "F1", county: "C1", latitude: 23.14,
                    longitude: 108.29, maxVillages: nil, hoursPerMonth: nil, specialties: [], status: .active, phone: ""
                ),
            ])
        XCTAssertEqual(
            s.firms,
            [
                Firm(
                    id: "F1", name: "广西武鸣律师事务所", kind: "law_firm", county: "C1",
                    latitude: 23.16, longitude: 108.27)
            ])
        XCTAssertEqual(s.counties, [County(id: "C1", name: "武鸣区", city: "南宁市", underResourced: false)])
        XCTAssertEqual(
            s.preferences,
            [
                Preference(from: "V1", to: "A1", rank: 1), Preference(from: "A1", to: "V1", rank: 1),
                Preference(from: "V2", to: "F1", rank: 2),
            ])
        XCTAssertEqual(s.conflicts, [Conflict(a: "A2", b: "V1", reason: "亲属关系")])
    }

    func testMinimalScenarioWithOnlyRequiredFilesAndColumns() throws {
        let folder = try ScenarioFolder(baseline: false)
        try folder.write("scenario.yaml", scenarioYAML())
        try folder.write(
            "villages.csv",
            """
            id,name,township,county,lat,lon
            V1,双桥村,城厢镇,C1,23.16,108.27
            V2,锣圩村,锣圩镇,C2,23.05,108.10

            """)
        try folder.write(
            "advisers.csv",
            """
            id,name,role,county,lat,lon
            A1,张伟,lawyer,C1,23.17,108.26

            """)
        let s = try folder.load()

        XCTAssertEqual(s.name, "测试场景")
        XCTAssertEqual(s.year, 2026)
        XCTAssertNil(s.maxKm)
        XCTAssertNil(s.calendar)
        XCTAssertEqual(s.weights, ObjectiveWeights.defaults)
        XCTAssertEqual(s.villages.map(\.kind), [.village, .village], "kind defaults to village")
        XCTAssertEqual(s.villages.map(\.currentAdviser), [nil, nil])
        XCTAssertEqual(s.advisers.first?.status, .active, "status defaults to active")
        XCTAssertNil(s.advisers.first?.maxVillages)
        XCTAssertNil(s.advisers.first?.firm)
        XCTAssertTrue(s.firms.isEmpty && s.preferences.isEmpty && s.conflicts.isEmpty)
        // Without counties.csv every county id named is its own city, none under-resourced.
        XCTAssertEqual(
            s.counties,
            [
                County(id: "C1", name: "C1", city: "C1", underResourced: false),
                County(id: "C2", name: "C2", city: "C2", underResourced: false),
            ])
    }

    func testBOMCRLFAndQuotedFieldsWithCommasQuotesAndNewlines() throws {
        let folder = try ScenarioFolder()
        let text =
            "\u{FEFF}id,name,kind,township,county,lat,lon,needs,current_adviser\r\n"
            + "V1,\"双桥村,东\"\"头\"\"屯\",village,城厢镇,C1,23.16,108.27,\"land; family\",A1\r\n"
            + "V2,\"江南社区\r\n第二片区\",community,城厢镇,C1,23.15,108.28,,\r\n"
        try folder.write("villages.csv", text)
        try folder.write("advisers.csv", Baseline.advisers.replacingOccurrences(of: "\n", with: "\r\n"))
        try folder.write("conflicts.csv", "\u{FEFF}a,b,reason\r\nA2,V1,\"亲属关系, 回避 \"\"近亲\"\"\"\r\n")

        let s = try folder.load()
        XCTAssertEqual(s.villages.map(\.id), ["V1", "V2"], "the BOM is not part of the first column name")
        XCTAssertEqual(s.villages[0].name, "双桥村,东\"头\"屯")
        XCTAssertEqual(s.villages[0].needs, ["land", "family"])
        XCTAssertEqual(s.villages[0].currentAdviser, "A1", "no stray CR at the end of a CRLF line")
        XCTAssertEqual(s.villages[1].name, "江南社区\n第二片区", "a CRLF inside quotes is kept as one LF")
        XCTAssertNil(s.villages[1].currentAdviser, "no stray CR in the last, empty field")
        XCTAssertEqual(s.advisers.map(\.phone), ["13800000001", ""])
        XCTAssertEqual(s.conflicts, [Conflict(a: "A2", b: "V1", reason: "亲属关系, 回避 \"近亲\"")])
    }

    func testLineNumbersCountNewlinesInsideQuotedFields() throws {
        let folder = try ScenarioFolder()
        // V2's name spans lines 3–4, so V3 starts on line 5 (a name, since an id may not hold a line break).
        try folder.write(
            "villages.csv",
            """
            id,name,kind,township,county,lat,lon,needs,current_adviser
            V1,双桥村,village,城厢镇,C1,23.16,108.27,land;family,A1
            V2,"江南社区
            第二片区",community,城厢镇,C1,23.15,108.28,,
            V3,三合村,village,城厢镇,C1,北纬23,108.20,,

            """)
        let d = folder.diagnostics()
        assertOnlyDiagnostic(d, file: "villages.csv", line: 5, column: 23, contains: ["lat:", "'北纬23'"])
    }

    func testOverridesReplaceRulesAndMaxKm() throws {
        let folder = try ScenarioFolder()
        let s = try folder.load(overrides: Scenario.LoadOverrides(rules: "guangdong", maxKm: 25))
        XCTAssertEqual(s.rules.id, "guangdong")
        XCTAssertEqual(s.maxKm, 25)
    }

    func testRulesGivenAsPathRelativeToScenarioFolder() throws {
        let folder = try ScenarioFolder()
        try folder.write("local/rules.yaml", String(contentsOf: PackageRoot.profile("zhengning"), encoding: .utf8))
        try folder.write("scenario.yaml", scenarioYAML(rules: "local/rules.yaml"))
        XCTAssertEqual(try folder.load().rules.id, "zhengning")
    }

    // MARK: - Missing files

    func testMissingScenarioYAML() throws {
        let folder = try ScenarioFolder()
        try folder.remove("scenario.yaml")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "scenario.yaml", line: nil, column: nil,
            contains: ["missing", "scenario.yaml", "'name', 'rules' and 'year'"])
    }

    func testMissingVillagesCSV() throws {
        let folder = try ScenarioFolder()
        try folder.remove("villages.csv")
        // Other files refer to villages, so only the one diagnostic about the file itself is asserted.
        let d = folder.diagnostics()
        assertDiagnostic(
            d, file: "villages.csv", line: nil, column: nil,
            contains: ["missing", "required", "id,name,township,county,lat,lon"])
        XCTAssertEqual(d.filter { $0.file == "villages.csv" }.count, 1)
    }

    func testMissingScenarioFolder() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("counsel-no-such-\(UUID().uuidString)")
        XCTAssertThrowsError(try Scenario.load(from: url, modelsSearchPath: [PackageRoot.models])) { error in
            let d = (error as? ScenarioError)?.diagnostics ?? []
            assertOnlyDiagnostic(d, file: url.path, line: nil, column: nil, contains: ["no such scenario folder"])
        }
    }

    // MARK: - scenario.yaml

    func testUnknownRulesProfileListsKnownProfiles() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML(rules: "wuhan"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "scenario.yaml", line: 2, column: 8,
            contains: [
                "unknown rule profile 'wuhan'", "guangdong, jiaocheng, nanning, rongchang, zhengning",
            ])
    }

    func testYAMLSyntaxErrorHasLineAndColumn() throws {
        let folder = try ScenarioFolder()
        // `year` indented under a scalar: libyaml stops at its colon (line 3, column 7).
        try folder.write("scenario.yaml", "name: 测试场景\nrules: nanning\n  year: 2026\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "scenario.yaml", line: 3, column: 7,
            contains: ["invalid YAML", "mapping values are not allowed"])
    }

    func testUnknownKeyInScenarioYAML() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML("max_kms: 30\n"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "scenario.yaml", line: 4, column: 1,
            contains: ["unknown key 'max_kms'", "max_km"])
    }

    func testMaxKmNotANumber() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML("max_km: far\n"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "scenario.yaml", line: 4, column: 9, contains: ["'max_km' must be a number", "'far'"])
    }

    func testMaxKmZeroIsRefused() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML("max_km: 0\n"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "scenario.yaml", line: 4, column: 9, contains: ["'max_km' must be at least 0.001"])
    }

    func testNegativeObjectiveWeight() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML("objective:\n  preference: 1\n  distance_km: -0.5\n"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "scenario.yaml", line: 6, column: 16,
            contains: ["'distance_km' must be at least 0", "-0.5"])
    }

    func testObjectiveWeightNotANumber() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML("objective:\n  change: lots\n"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "scenario.yaml", line: 5, column: 11, contains: ["'change' must be a number", "'lots'"])
    }

    func testUnknownObjectiveKey() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", scenarioYAML("objective:\n  distance: 1\n"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "scenario.yaml", line: 5, column: 3,
            contains: ["unknown key 'distance'", "distance_km"])
    }

    func testMissingYear() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", "name: 测试场景\nrules: nanning\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(d, file: "scenario.yaml", line: 1, column: nil, contains: ["missing required key 'year'"])
    }

    /// `year:` with no value is as missing as no `year` key at all (README: `year` is required).
    func testYearWithoutValueIsRefused() throws {
        let folder = try ScenarioFolder()
        try folder.write("scenario.yaml", "name: 测试场景\nrules: nanning\nyear:\n")
        if let s = try? folder.load() {
            XCTFail("scenario.yaml with 'year:' and no value loaded, with year \(s.year)")
            return
        }
        let d = folder.diagnostics()
        XCTAssertTrue(
            d.contains { $0.file == "scenario.yaml" && $0.message.contains("'year'") },
            "an empty year must be reported, got: \(d.map(\.description))")
    }

    // MARK: - CSV header

    func testMissingRequiredColumn() throws {
        let folder = try ScenarioFolder()
        try folder.write(
            "villages.csv",
            """
            id,name,township,county,lon
            V1,双桥村,城厢镇,C1,108.27
            V2,江南社区,城厢镇,C1,108.28

            """)
        // The file's rows are not read, so references to V1/V2 elsewhere also fail; assert this file only.
        let d = folder.diagnostics().filter { $0.file == "villages.csv" }
        assertOnlyDiagnostic(
            d, file: "villages.csv", line: 1, column: nil,
            contains: ["missing required column 'lat'", "id,name,township,county,lat,lon"])
    }

    func testUnknownColumn() throws {
        let folder = try ScenarioFolder()
        try folder.write(
            "villages.csv",
            """
            id,name,township,county,lat,lon,colour
            V1,双桥村,城厢镇,C1,23.16,108.27,red
            V2,江南社区,城厢镇,C1,23.15,108.28,blue

            """)
        // Ignored with a warning naming it; the scenario loads.
        let s = try folder.load()
        XCTAssertEqual(s.villages.map(\.id), ["V1", "V2"])
        assertOnlyDiagnostic(
            s.warnings, file: "villages.csv", line: 1, column: 33,
            contains: ["unknown column 'colour' ignored", "id,name,township,county,lat,lon,kind,needs,current_adviser"])
        XCTAssertEqual(s.warnings.first?.severity, .warning)
        XCTAssertTrue(s.warnings.first?.description.hasPrefix("villages.csv:1:33: warning: unknown column") ?? false)
    }

    func testARemarksColumnIsIgnoredAndAMisspeltColumnIsAnError() throws {
        let folder = try ScenarioFolder()
        try folder.write(
            "advisers.csv",
            """
            id,name,role,firm,county,lat,lon,max_vilages,hours_per_mnth,Phone,备注,法律顾问编码
            A1,张伟,lawyer,F1,C1,23.17,108.26,5,40,138,兼职,X
            A2,李娜,lawyer,F1,C1,23.18,108.25,5,40,139,,Y

            """)
        let d = folder.diagnostics().filter { $0.file == "advisers.csv" }
        XCTAssertEqual(d.map(\.column), [34, 46, 61, 70], d.map(\.description).joined(separator: "\n"))
        assertDiagnostic(
            d, file: "advisers.csv", line: 1, column: 34,
            contains: ["unknown column 'max_vilages'; did you mean 'max_villages'?"])
        assertDiagnostic(
            d, file: "advisers.csv", line: 1, column: 46,
            contains: ["'hours_per_mnth'; did you mean 'hours_per_month'?"])
        assertDiagnostic(d, file: "advisers.csv", line: 1, column: 61, contains: ["'Phone'; did you mean 'phone'?"])
        assertDiagnostic(d, file: "advisers.csv", line: 1, column: 70, contains: ["'法律顾问编码'; did you mean '法律顾问编号'?"])
        let w = folder.refusedWarnings()
        assertOnlyDiagnostic(w, file: "advisers.csv", line: 1, column: 67, contains: ["unknown column '备注' ignored"])
    }

    func testSuggestionsAreForMisspellingsOnly() {
        let known = [
            "id", "name", "role", "firm", "county", "lat", "lon", "max_villages", "hours_per_month", "specialties",
            "status", "phone",
        ]
        let candidates =
            known.map { (compare: $0, suggest: $0) }
            + known.compactMap { CSVHeaders.advisers.chinese($0) }.map { (compare: $0, suggest: $0) }
        func s(_ name: String) -> String? { NameSuggestion.suggestion(for: name, among: candidates) }
        XCTAssertEqual(s("max_vilages"), "max_villages")
        XCTAssertEqual(s("Max Villages"), "max_villages")
        XCTAssertEqual(s("maxvillages"), "max_villages")
        XCTAssertEqual(s("hours_per_mnth"), "hours_per_month")
        XCTAssertEqual(s("ID"), "id")
        XCTAssertEqual(s("specialities"), "specialties")
        XCTAssertEqual(s("联系电活"), "联系电话")
        XCTAssertEqual(s("每月服务小时"), "每月服务小时数")
        for other in [
            "备注", "remarks", "notes", "email", "执业机构名称", "性别", "年龄", "village_name", "county_name", "id_card", "住址",
        ] {
            XCTAssertNil(s(other), other)
        }
        XCTAssertEqual(NameSuggestion.editDistance(Array("kitten"), Array("sitting")), 3)
        XCTAssertEqual(NameSuggestion.editDistance(Array(""), Array("abc")), 3)
    }

    func testDuplicateColumn() throws {
        let folder = try ScenarioFolder()
        try folder.write(
            "villages.csv",
            """
            id,name,township,county,lat,lon,name
            V1,双桥村,城厢镇,C1,23.16,108.27,双桥
            V2,江南社区,城厢镇,C1,23.15,108.28,江南

            """)
        let d = folder.diagnostics().filter { $0.file == "villages.csv" }
        assertOnlyDiagnostic(d, file: "villages.csv", line: 1, column: 33, contains: ["column 'name' appears twice"])
    }

    // MARK: - CSV records

    func testWrongFieldCount() throws {
        let folder = try ScenarioFolder()
        try folder.write("villages.csv", villages("V3,三合村,village,城厢镇,C1,23.10,108.20,,,extra"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "villages.csv", line: 4, column: nil,
            contains: ["expected 9 fields as in the header, found 10"])
    }

    func testEmptyRequiredField() throws {
        let folder = try ScenarioFolder()
        try folder.write("villages.csv", villages("V3,三合村,village,,C1,23.10,108.20,,"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "villages.csv", line: 4, column: 16, contains: ["township", "required, but empty"])
    }

    func testLatitudeNotANumber() throws {
        let folder = try ScenarioFolder()
        try folder.write("villages.csv", villages("V3,三合村,village,城厢镇,C1,北纬23,108.20,,"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "villages.csv", line: 4, column: 23,
            contains: ["lat:", "expected a latitude in degrees", "'北纬23'"])
    }

    func testLatitudeOutOfRange() throws {
        let folder = try ScenarioFolder()
        try folder.write("villages.csv", villages("V3,三合村,village,城厢镇,C1,91.5,108.20,,"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "villages.csv", line: 4, column: 23,
            contains: ["lat:", "between -90 and 90", "91.5"])
    }

    func testAdviserLongitudeOutOfRange() throws {
        let folder = try ScenarioFolder()
        try folder.write("advisers.csv", advisers("A3,王芳,lawyer,F1,C1,23.1,-181,,,,,"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "advisers.csv", line: 4, column: 25,
            contains: ["lon:", "between -180 and 180", "-181"])
    }

    func testBadVillageKindListsAllowedValues() throws {
        let folder = try ScenarioFolder()
        try folder.write("villages.csv", villages("V3,三合村,town,城厢镇,C1,23.10,108.20,,"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "villages.csv", line: 4, column: 8,
            contains: ["kind:", "village, community", "'town'"])
    }

    func testBadAdviserRoleListsAllowedValues() throws {
        let folder = try ScenarioFolder()
        try folder.write("advisers.csv", advisers("A3,王芳,judge,F1,C1,23.1,108.2,,,,,"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "advisers.csv", line: 4, column: 7,
            contains: [
                "role:", "lawyer, grassroots_worker, apprentice, public_lawyer, judicial_officer, public_official",
                "'judge'",
            ])
    }

    func testBadAdviserStatusListsAllowedValues() throws {
        let folder = try ScenarioFolder()
        // A3,王芳,lawyer,F1,C1,23.1,108.2,,,,retired,  → status starts at column 34.
        try folder.write("advisers.csv", advisers("A3,王芳,lawyer,F1,C1,23.1,108.2,,,,retired,"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "advisers.csv", line: 4, column: 34,
            contains: ["status:", "active, failed_assessment, on_leave", "'retired'"])
    }

    func testMaxVillagesAboveNanningCapIsRefused() throws {
        let folder = try ScenarioFolder()
        // A3,王芳,lawyer,F1,C1,23.1,108.2,6,,,,  → max_villages at column 31.
        try folder.write("advisers.csv", advisers("A3,王芳,lawyer,F1,C1,23.1,108.2,6,,,,"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "advisers.csv", line: 4, column: 31,
            contains: ["max_villages:", "at most 5 villages per adviser", "002", "got 6"])
    }

    func testMaxVillagesAtNanningCapIsAccepted() throws {
        let folder = try ScenarioFolder()
        try folder.write("advisers.csv", advisers("A3,王芳,lawyer,F1,C1,23.1,108.2,5,,,,"))
        XCTAssertEqual(try folder.load().advisers.last?.maxVillages, 5)
    }

    func testMaxVillagesUnderGuangdongUnderResourcedCap() throws {
        let accepted = try ScenarioFolder()
        try accepted.write("scenario.yaml", scenarioYAML(rules: "guangdong"))
        try accepted.write("advisers.csv", advisers("A3,王芳,lawyer,F1,C1,23.1,108.2,8,,,,"))
        XCTAssertEqual(try accepted.load().advisers.last?.maxVillages, 8, "Guangdong allows 8 (001 §(十二))")

        let refused = try ScenarioFolder()
        try refused.write("scenario.yaml", scenarioYAML(rules: "guangdong"))
        try refused.write("advisers.csv", advisers("A3,王芳,lawyer,F1,C1,23.1,108.2,9,,,,"))
        let d = refused.diagnostics()
        assertOnlyDiagnostic(
            d, file: "advisers.csv", line: 4, column: 31,
            contains: ["max_villages:", "at most 8 villages per adviser", "got 9"])
    }

    func testNegativeMaxVillagesIsRefused() throws {
        let folder = try ScenarioFolder()
        try folder.write("advisers.csv", advisers("A3,王芳,lawyer,F1,C1,23.1,108.2,-1,,,,"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(d, file: "advisers.csv", line: 4, column: 31, contains: ["max_villages:", "got -1"])
    }

    func testNegativeHoursPerMonth() throws {
        let folder = try ScenarioFolder()
        // A3,王芳,lawyer,F1,C1,23.1,108.2,,-3,,,  → hours_per_month at column 32.
        try folder.write("advisers.csv", advisers("A3,王芳,lawyer,F1,C1,23.1,108.2,,-3,,,"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "advisers.csv", line: 4, column: 32,
            contains: ["hours_per_month:", "between 0 and 744", "-3"])
    }

    func testBadUnderResourcedFlag() throws {
        let folder = try ScenarioFolder()
        try folder.write("counties.csv", Baseline.counties + "C2,宁武县,南宁市,maybe\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "counties.csv", line: 3, column: 12,
            contains: ["under_resourced:", "true or false", "'maybe'"])
    }

    // MARK: - Ids and references

    func testDuplicateIdWithinFileNamesFirstLocation() throws {
        let folder = try ScenarioFolder()
        try folder.write(
            "villages.csv",
            villages(
                "V3,三合村,village,城厢镇,C1,23.10,108.20,,",
                "V3,三合新村,village,城厢镇,C1,23.11,108.21,,"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "villages.csv", line: 5, column: 1,
            contains: ["id 'V3' is already used at villages.csv:4", "unique"])
    }

    func testDuplicateIdAcrossFilesNamesFirstLocation() throws {
        let folder = try ScenarioFolder()
        // A village with a firm's id, and an adviser with a county's id.
        try folder.write("villages.csv", villages("F1,三合村,village,城厢镇,C1,23.10,108.20,,"))
        try folder.write("advisers.csv", advisers("C1,王芳,lawyer,F1,C1,23.1,108.2,,,,,"))
        let d = folder.diagnostics()
        XCTAssertEqual(d.count, 2, d.map(\.description).joined(separator: "\n"))
        assertDiagnostic(
            d, file: "villages.csv", line: 4, column: 1,
            contains: ["id 'F1' is already used at firms.csv:2", "unique across all files"])
        assertDiagnostic(
            d, file: "advisers.csv", line: 4, column: 1,
            contains: ["id 'C1' is already used at counties.csv:2", "unique across all files"])
    }

    func testCurrentAdviserNotAnAdviser() throws {
        let folder = try ScenarioFolder()
        try folder.write("villages.csv", villages("V3,三合村,village,城厢镇,C1,23.10,108.20,land,A9"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "villages.csv", line: 4, column: 41,
            contains: ["current_adviser:", "'A9'", "not an adviser"])
    }

    func testFirmNotInFirmsCSV() throws {
        let folder = try ScenarioFolder()
        try folder.write("advisers.csv", advisers("A3,王芳,lawyer,F9,C1,23.1,108.2,,,,,"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "advisers.csv", line: 4, column: 14,
            contains: ["firm:", "'F9'", "not in firms.csv"])
    }

    func testCountyNotInCountiesCSV() throws {
        let folder = try ScenarioFolder()
        try folder.write("villages.csv", villages("V3,三合村,village,城厢镇,C9,23.10,108.20,,"))
        try folder.write("advisers.csv", advisers("A3,王芳,lawyer,F1,C8,23.1,108.2,,,,,"))
        let d = folder.diagnostics()
        XCTAssertEqual(d.count, 2, d.map(\.description).joined(separator: "\n"))
        assertDiagnostic(
            d, file: "villages.csv", line: 4, column: 20, contains: ["county:", "'C9'", "not in counties.csv"])
        assertDiagnostic(
            d, file: "advisers.csv", line: 4, column: 17, contains: ["county:", "'C8'", "not in counties.csv"])
    }

    // MARK: - preferences.csv

    func testPreferenceFromUnknownId() throws {
        let folder = try ScenarioFolder()
        try folder.write("preferences.csv", Baseline.preferences + "X9,A1,1\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "preferences.csv", line: 5, column: 1,
            contains: ["from:", "'X9'", "neither a village nor an adviser"])
    }

    func testVillageRankingAVillage() throws {
        let folder = try ScenarioFolder()
        try folder.write("preferences.csv", Baseline.preferences + "V1,V2,2\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "preferences.csv", line: 5, column: 4,
            contains: ["to:", "a village ranks advisers or firms", "'V2'"])
    }

    func testAdviserRankingAnAdviser() throws {
        let folder = try ScenarioFolder()
        try folder.write("preferences.csv", Baseline.preferences + "A1,A2,2\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "preferences.csv", line: 5, column: 4,
            contains: ["to:", "an adviser ranks villages", "'A2' is not a village"])
    }

    func testDuplicatePreferenceNamesFirstLine() throws {
        let folder = try ScenarioFolder()
        try folder.write("preferences.csv", Baseline.preferences + "V1,A1,3\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "preferences.csv", line: 5, column: nil,
            contains: ["'V1' ranks 'A1' a second time", "first at line 2"])
    }

    func testRankZero() throws {
        let folder = try ScenarioFolder()
        try folder.write("preferences.csv", Baseline.preferences + "V1,A2,0\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "preferences.csv", line: 5, column: 7,
            contains: ["rank:", "between 1 and", "got 0"])
    }

    func testEmptyRank() throws {
        let folder = try ScenarioFolder()
        try folder.write("preferences.csv", Baseline.preferences + "V1,A2,\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "preferences.csv", line: 5, column: 7, contains: ["rank:", "required, but empty"])
    }

    func testRankNotAWholeNumber() throws {
        let folder = try ScenarioFolder()
        try folder.write("preferences.csv", Baseline.preferences + "V1,A2,1.5\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "preferences.csv", line: 5, column: 7, contains: ["rank:", "whole number", "'1.5'"])
    }

    // MARK: - conflicts.csv

    func testConflictWithUnknownId() throws {
        let folder = try ScenarioFolder()
        try folder.write("conflicts.csv", Baseline.conflicts + "A1,X9,同族\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "conflicts.csv", line: 3, column: 4,
            contains: ["b:", "'X9'", "neither a village nor an adviser"])
    }

    func testConflictSameIdTwice() throws {
        let folder = try ScenarioFolder()
        try folder.write("conflicts.csv", Baseline.conflicts + "V2,V2,同一村\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "conflicts.csv", line: 3, column: nil, contains: ["a and b are the same", "'V2'"])
    }

    func testConflictBetweenTwoAdvisers() throws {
        let folder = try ScenarioFolder()
        try folder.write("conflicts.csv", Baseline.conflicts + "A1,A2,同所\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "conflicts.csv", line: 3, column: nil, contains: ["'A1' and 'A2' are both advisers"])
    }

    func testConflictBetweenTwoVillagesIsAccepted() throws {
        let folder = try ScenarioFolder()
        try folder.write("conflicts.csv", Baseline.conflicts + "V1,V2,土地纠纷\n")
        XCTAssertEqual(try folder.load().conflicts.last, Conflict(a: "V1", b: "V2", reason: "土地纠纷"))
    }

    // MARK: - CSV syntax and encoding

    func testUnterminatedQuote() throws {
        let folder = try ScenarioFolder()
        try folder.write("conflicts.csv", "a,b,reason\nA2,V1,\"亲属关系\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(d, file: "conflicts.csv", line: 2, column: 7, contains: ["never closed"])
    }

    func testStrayQuoteInsideUnquotedField() throws {
        let folder = try ScenarioFolder()
        try folder.write("conflicts.csv", "a,b,reason\nA2,V1,亲属\"关系\"\n")
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "conflicts.csv", line: 2, column: 9,
            contains: ["quote", "inside an unquoted field", "double the inner quote"])
    }

    func testGBKEncodedFileIsReadWithANote() throws {
        let folder = try ScenarioFolder()
        // Line 3 holds the GBK bytes B4 E5 (村), which are not valid UTF-8; the rest is ASCII.
        var bytes = Array("id,name,city,under_resourced\nC1,WM,NN,false\nC2,".utf8)
        bytes += [0xB4, 0xE5]
        bytes += Array(",NN,false\n".utf8)
        try folder.write("counties.csv", bytes: bytes)
        let s = try folder.load()
        XCTAssertEqual(s.counties.first { $0.id == "C2" }?.name, "村")
        assertOnlyDiagnostic(
            s.warnings, file: "counties.csv", line: nil, column: nil, contains: ["read as GB18030", "not UTF-8"])
        XCTAssertEqual(s.warnings.first?.severity, .note)
    }

    func testAFileNeitherUTF8NorGB18030IsRefusedAtTheByte() throws {
        let folder = try ScenarioFolder()
        var bytes = Array("id,name,city,under_resourced\nC1,WM,NN,false\nC2,".utf8)
        bytes += [0x80, 0x80]  // 0x80 is neither a UTF-8 lead byte nor a GB18030 byte
        bytes += Array(",NN,false\n".utf8)
        try folder.write("counties.csv", bytes: bytes)
        let d = folder.diagnostics()
        assertOnlyDiagnostic(
            d, file: "counties.csv", line: 3, column: nil,
            contains: ["neither UTF-8 nor GB18030", "byte 4 of this line (80 80 2C 4E)", "save it again", "CSV UTF-8"])
    }

    func testGBKEncodedScenarioYAMLIsRefused() throws {
        let folder = try ScenarioFolder()
        try folder.write(
            "scenario.yaml", bytes: Array("name: ".utf8) + [0xB4, 0xE5] + Array("\nrules: nanning\nyear: 2026\n".utf8))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(d, file: "scenario.yaml", line: nil, column: nil, contains: ["not UTF-8"])
    }

    // MARK: - Every problem in one run

    func testManyProblemsAcrossFilesAreAllReportedSorted() throws {
        let folder = try ScenarioFolder()
        try folder.write(
            "scenario.yaml",
            """
            name: 多处错误
            rules: nanning
            year: 2026
            max_km: -3
            colour: red

            """)
        try folder.write("counties.csv", Baseline.counties + "C2,宁武县,南宁市,maybe\n")
        try folder.write(
            "firms.csv",
            """
            id,name,kind,county,lat,lon,website
            F1,广西武鸣律师事务所,law_firm,C1,23.16,108.27,example.cn

            """)
        try folder.write(
            "advisers.csv",
            advisers(
                "A3,王芳,judge,F1,C1,23.1,108.2,,,,,",
                "A4,赵强,lawyer,F1,C1,abc,108.2,6,,,,"))
        try folder.write(
            "villages.csv",
            villages(
                "V3,三合村,village,城厢镇,C1,23.10",
                "V4,,village,城厢镇,C1,23.10,108.20,,",
                "V5,五星村,town,城厢镇,C1,23.10,108.20,,",
                "V6,六合村,village,城厢镇,C1,23.10,108.20,,A9",
                "A1,重名村,village,城厢镇,C1,23.10,108.20,,"))
        try folder.write("preferences.csv", "from,to,rank\nV1,A1,1\nV1,A2,0\nX9,A1,2\n")
        try folder.write("conflicts.csv", Baseline.conflicts + "V2,V2,同一村\n")

        let d = folder.diagnostics()
        struct Expected {
            var file: String
            var line: Int
            var column: Int?
            var phrase: String
        }
        let expected = [
            Expected(file: "advisers.csv", line: 4, column: 7, phrase: "role:"),
            Expected(file: "advisers.csv", line: 5, column: 20, phrase: "lat:"),
            Expected(file: "advisers.csv", line: 5, column: 30, phrase: "at most 5 villages"),
            Expected(file: "conflicts.csv", line: 3, column: nil, phrase: "a and b are the same"),
            Expected(file: "counties.csv", line: 3, column: 12, phrase: "under_resourced:"),
            Expected(file: "preferences.csv", line: 3, column: 7, phrase: "rank:"),
            Expected(file: "preferences.csv", line: 4, column: 1, phrase: "'X9' is neither"),
            Expected(file: "scenario.yaml", line: 4, column: 9, phrase: "'max_km' must be at least"),
            Expected(file: "scenario.yaml", line: 5, column: 1, phrase: "unknown key 'colour'"),
            Expected(file: "villages.csv", line: 4, column: nil, phrase: "expected 9 fields"),
            Expected(file: "villages.csv", line: 5, column: 4, phrase: "name: required, but empty"),
            Expected(file: "villages.csv", line: 6, column: 8, phrase: "kind:"),
            Expected(file: "villages.csv", line: 7, column: 37, phrase: "'A9' is not an adviser"),
            Expected(file: "villages.csv", line: 8, column: 1, phrase: "already used at advisers.csv:2"),
        ]
        for e in expected {
            assertDiagnostic(d, file: e.file, line: e.line, column: e.column, contains: [e.phrase])
        }
        XCTAssertEqual(
            d.count, expected.count,
            "every problem once, nothing else:\n" + d.map(\.description).joined(separator: "\n"))
        // The website column of firms.csv is not read: a warning, not a problem.
        assertOnlyDiagnostic(
            folder.refusedWarnings(), file: "firms.csv", line: 1, column: 29,
            contains: ["unknown column 'website' ignored"])
        XCTAssertEqual(
            d.map { "\($0.file):\($0.line ?? 0):\($0.column ?? 0)" },
            expected.map { "\($0.file):\($0.line):\($0.column ?? 0)" }, "sorted by file, then line, then column")

        // Sorted by file then line, checked independently of Diagnostic's own ordering.
        for (a, b) in zip(d, d.dropFirst()) {
            XCTAssertTrue(
                a.file < b.file || (a.file == b.file && (a.line ?? 0) <= (b.line ?? 0)),
                "\(a) is listed before \(b)")
        }
        do {
            _ = try folder.load()
        } catch let error as ScenarioError {
            XCTAssertTrue(error.description.hasSuffix("\(expected.count) problems found"), error.description)
            XCTAssertTrue(error.description.contains("villages.csv:7:37: current_adviser:"), error.description)
        }
    }

    // MARK: - Problems that hide or invent others

    /// A row refused for one field is still in the file: other files' references to its id must
    /// not be reported as "not an adviser in advisers.csv" (which would be untrue and send the user
    /// to fix the wrong file).
    func testRowWithFieldErrorDoesNotCauseFalseReferenceErrors() throws {
        let folder = try ScenarioFolder()
        try folder.write("advisers.csv", advisers("A3,王芳,lawyer,F1,C1,北纬23,108.2,,,,,"))
        try folder.write("villages.csv", villages("V3,三合村,village,城厢镇,C1,23.10,108.20,,A3"))
        let d = folder.diagnostics()
        assertOnlyDiagnostic(d, file: "advisers.csv", line: 4, column: 20, contains: ["lat:", "'北纬23'"])
    }

    /// Every problem in one run: a duplicate id is reported even when the duplicate row has
    /// another problem too.
    func testDuplicateIdReportedEvenWhenRowHasAnotherProblem() throws {
        let folder = try ScenarioFolder()
        try folder.write(
            "villages.csv",
            villages(
                "V3,三合村,village,城厢镇,C1,23.10,108.20,,",
                "V3,三合新村,village,城厢镇,C1,91,108.21,,"))
        let d = folder.diagnostics()
        assertDiagnostic(d, file: "villages.csv", line: 5, column: 24, contains: ["lat:", "between -90 and 90"])
        assertDiagnostic(
            d, file: "villages.csv", line: 5, column: 1, contains: ["id 'V3' is already used at villages.csv:4"])
    }
}
