import Foundation
import XCTest
@testable import CounselModel
import CounselTestSupport

/// `RuleProfile.load(from:)`: the five shipped profiles, and refusals of malformed ones.
final class RuleProfileTests: XCTestCase {
    static let shipped = ["nanning", "guangdong", "rongchang", "zhengning", "jiaocheng"]

    /// Every source names a seed file by its three-digit number (000–004).
    private func assertCitesSeed(_ source: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(source.trimmingCharacters(in: .whitespaces).isEmpty, "\(what): empty source", file: file, line: line)
        XCTAssertNotNil(source.range(of: #"(^|[^0-9])00[0-4]([^0-9]|$)"#, options: .regularExpression),
                        "\(what): source should cite a seed number such as 002: \(source)", file: file, line: line)
    }

    func testAllShippedProfilesLoadAndEveryRuleCitesItsSeed() throws {
        for name in Self.shipped {
            let url = PackageRoot.profile(name)
            let p = try RuleProfile.load(from: url)
            XCTAssertEqual(p.id, name)
            XCTAssertFalse(p.name.isEmpty, name)
            XCTAssertFalse(p.document.isEmpty, name)
            XCTAssertEqual(p.path, url.path)
            let a = p.assignment
            XCTAssertEqual(a.cap.value, 5, "\(name): cap")
            XCTAssertFalse(a.apprenticeAlone.value, "\(name): no apprentice alone")
            // A failed assessment excludes where the document says so (not renewed, replaced); in
            // Zhengning it leads to rectification (003 §二) and in Rongchang it is a reference (000 §四(二)2).
            XCTAssertEqual(a.excludedStatuses.value, ["rongchang", "zhengning"].contains(name) ? [.onLeave] : [.failedAssessment, .onLeave], name)
            XCTAssertTrue(a.eligibleRoles.value.contains(.lawyer), name)
            XCTAssertFalse(a.eligibleRoles.value.contains(.publicOfficial), "\(name): public officials are not appointed")
            XCTAssertGreaterThan(a.monthlyHoursPerVillage.value, 0, name)
            assertCitesSeed(a.cap.source, "\(name).cap")
            assertCitesSeed(a.eligibleRoles.source, "\(name).eligible_roles")
            assertCitesSeed(a.apprenticeAlone.source, "\(name).apprentice_alone")
            assertCitesSeed(a.excludedStatuses.source, "\(name).excluded_statuses")
            assertCitesSeed(a.monthlyHoursPerVillage.source, "\(name).monthly_hours_per_village")
            if let ur = a.underResourcedCap { assertCitesSeed(ur.source, "\(name).under_resourced_cap") }
        }
    }

    func testNanningProfile() throws {
        let a = try RuleProfile.load(from: PackageRoot.profile("nanning")).assignment
        XCTAssertEqual(a.cap.value, 5)
        XCTAssertTrue(a.cap.source.contains("002"), a.cap.source)
        XCTAssertNil(a.underResourcedCap)
        XCTAssertEqual(a.maximumCap, 5)
        XCTAssertEqual(a.eligibleRoles.value, [.lawyer, .grassrootsWorker, .apprentice])
        XCTAssertEqual(a.monthlyHoursPerVillage.value, 5)
    }

    func testGuangdongProfile() throws {
        let p = try RuleProfile.load(from: PackageRoot.profile("guangdong"))
        XCTAssertEqual(p.name, "广东省")
        let a = p.assignment
        XCTAssertEqual(a.cap.value, 5)
        XCTAssertEqual(a.underResourcedCap?.value, 8)
        XCTAssertTrue(a.underResourcedCap?.source.contains("001") ?? false)
        XCTAssertEqual(a.maximumCap, 8)
        XCTAssertEqual(a.monthlyHoursPerVillage.value, 8)
    }

    func testDisplayNameIsUsedInDiagnostics() throws {
        let folder = try ScenarioFolder(baseline: false)
        try folder.write("p.yaml", "id: x\n")
        XCTAssertThrowsError(try RuleProfile.load(from: folder.url.appendingPathComponent("p.yaml"), displayName: "rules/p.yaml")) {
            let d = ($0 as? ScenarioError)?.diagnostics ?? []
            XCTAssertFalse(d.isEmpty)
            XCTAssertTrue(d.allSatisfy { $0.file == "rules/p.yaml" }, d.map(\.description).joined(separator: "\n"))
            for missing in ["missing required key 'name'", "missing required key 'document'", "missing required section 'assignment'"] {
                XCTAssertTrue(d.contains { $0.line == 1 && $0.message.contains(missing) },
                              "expected '\(missing)' on line 1: \(d.map(\.description))")
            }
            XCTAssertEqual(d.count, 3, d.map(\.description).joined(separator: "\n"))
        }
    }

    // MARK: - Refused profiles

    /// A valid profile (cap on line 5–7) with `replacing` swapped for `with`.
    private func profile(replacing old: String = "", with new: String = "") -> String {
        let text = """
            id: test
            name: 测试
            document: test document, seed 002
            assignment:
              cap:
                value: 5
                source: "002 §二(二)"
              eligible_roles:
                value: [lawyer, grassroots_worker]
                source: "002 §二(四)"
              apprentice_alone:
                value: false
                source: "001 §(十二)"
              excluded_statuses:
                value: [failed_assessment, on_leave]
                source: "002 §四(五)"
              monthly_hours_per_village:
                value: 5
                source: "002 §三(六)"

            """
        guard !old.isEmpty else { return text }
        precondition(text.contains(old), "fixture has no '\(old)'")
        return text.replacingOccurrences(of: old, with: new)
    }

    /// Writes `text` and loads it as `test.yaml`, expecting it to be refused.
    private func refusal(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [Diagnostic] {
        let folder = try ScenarioFolder(baseline: false)
        try folder.write("test.yaml", text)
        do {
            _ = try RuleProfile.load(from: folder.url.appendingPathComponent("test.yaml"), displayName: "test.yaml")
            XCTFail("expected the profile to be refused", file: file, line: line)
        } catch let error as ScenarioError {
            return error.diagnostics
        }
        return []
    }

    func testFixtureProfileLoads() throws {
        let folder = try ScenarioFolder(baseline: false)
        try folder.write("test.yaml", profile())
        let p = try RuleProfile.load(from: folder.url.appendingPathComponent("test.yaml"))
        XCTAssertEqual(p.assignment.cap.value, 5)
        XCTAssertEqual(p.assignment.eligibleRoles.value, [.lawyer, .grassrootsWorker])
    }

    func testRuleWithoutSourceIsRefused() throws {
        let d = try refusal(profile(replacing: "    value: 5\n    source: \"002 §二(二)\"\n", with: "    value: 5\n"))
        assertOnlyDiagnostic(d, file: "test.yaml", line: 6, column: 5, contains: ["rule 'cap' has no 'source'"])
    }

    func testRuleWithEmptySourceIsRefused() throws {
        let d = try refusal(profile(replacing: "source: \"002 §三(六)\"", with: "source: \"\""))
        assertOnlyDiagnostic(d, file: "test.yaml", line: 18, column: 5,
                             contains: ["rule 'monthly_hours_per_village' has no 'source'"])
    }

    func testRuleGivenAsBareValueIsRefused() throws {
        let d = try refusal(profile(replacing: "  apprentice_alone:\n    value: false\n    source: \"001 §(十二)\"\n",
                                    with: "  apprentice_alone: false\n"))
        assertOnlyDiagnostic(d, file: "test.yaml", line: 11, column: 21,
                             contains: ["rule 'apprentice_alone' must be a mapping with 'value' and 'source'"])
    }

    func testUnknownEligibleRoleIsRefused() throws {
        let d = try refusal(profile(replacing: "[lawyer, grassroots_worker]", with: "[lawyer, judge]"))
        assertOnlyDiagnostic(d, file: "test.yaml", line: 9, column: 21, contains: [
            "unknown role 'judge'", "lawyer, grassroots_worker, apprentice, public_lawyer, judicial_officer, public_official",
        ])
    }

    func testUnderResourcedCapBelowCapIsRefused() throws {
        let d = try refusal(profile(replacing: "  eligible_roles:\n",
                                    with: "  under_resourced_cap:\n    value: 3\n    source: \"001 §(十二)\"\n  eligible_roles:\n"))
        assertOnlyDiagnostic(d, file: "test.yaml", line: 5, column: 3,
                             contains: ["'under_resourced_cap' (3) must not be below 'cap' (5)"])
    }

    func testUnderResourcedCapAtOrAboveCapIsAccepted() throws {
        let folder = try ScenarioFolder(baseline: false)
        try folder.write("test.yaml", profile(replacing: "  eligible_roles:\n",
                                              with: "  under_resourced_cap:\n    value: 8\n    source: \"001 §(十二)\"\n  eligible_roles:\n"))
        let a = try RuleProfile.load(from: folder.url.appendingPathComponent("test.yaml")).assignment
        XCTAssertEqual(a.underResourcedCap?.value, 8)
        XCTAssertEqual(a.maximumCap, 8)
    }

    func testMissingRequiredRuleIsRefused() throws {
        let d = try refusal(profile(replacing: "  monthly_hours_per_village:\n    value: 5\n    source: \"002 §三(六)\"\n", with: ""))
        assertOnlyDiagnostic(d, file: "test.yaml", line: 1, column: nil,
                             contains: ["missing required rule 'assignment.monthly_hours_per_village'"])
    }

    func testSeveralProblemsInOneProfileAreAllReported() throws {
        var text = profile(replacing: "[lawyer, grassroots_worker]", with: "[lawyer, judge]")
        text = text.replacingOccurrences(of: "    value: 5\n    source: \"002 §二(二)\"\n", with: "    value: 0\n    source: \"002 §二(二)\"\n")
        text = text.replacingOccurrences(of: "[failed_assessment, on_leave]", with: "[failed_assessment, retired]")
        let d = try refusal(text)
        XCTAssertEqual(d.count, 3, d.map(\.description).joined(separator: "\n"))
        assertDiagnostic(d, file: "test.yaml", line: 6, column: 12, contains: ["'cap' must be a whole number", "at least 1"])
        assertDiagnostic(d, file: "test.yaml", line: 9, column: 21, contains: ["unknown role 'judge'"])
        assertDiagnostic(d, file: "test.yaml", line: 15, column: 32, contains: ["unknown status 'retired'"])
    }

    func testBrokenShippedProfileIsReportedThroughScenario() throws {
        let folder = try ScenarioFolder()
        try folder.write("bad.yaml", profile(replacing: "[lawyer, grassroots_worker]", with: "[lawyer, judge]"))
        try folder.write("scenario.yaml", "name: 测试\nrules: bad.yaml\nyear: 2026\n")
        let d = folder.diagnostics()
        XCTAssertEqual(d.count, 1, d.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(d.first?.file.hasSuffix("bad.yaml") ?? false, d.first?.file ?? "")
        XCTAssertEqual(d.first?.line, 9)
        XCTAssertTrue(d.first?.message.contains("unknown role 'judge'") ?? false)
    }
}
