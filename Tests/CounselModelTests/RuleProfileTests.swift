import CounselTestSupport
import Foundation
import XCTest

@testable import CounselModel

/// `RuleProfile.load(from:)`: the five shipped profiles, and refusals of malformed ones.
final class RuleProfileTests: XCTestCase {
    static let shipped = ["nanning", "guangdong", "rongchang", "zhengning", "jiaocheng"]

    /// Every source names a seed file by its three-digit number (000–004).
    private func assertCitesSeed(_ source: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(
            source.trimmingCharacters(in: .whitespaces).isEmpty, "\(what): empty source", file: file, line: line)
        XCTAssertNotNil(
            source.range(of: #"(^|[^0-9])00[0-4]([^0-9]|$)"#, options: .regularExpression),
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
            XCTAssertEqual(
                a.excludedStatuses.value,
                ["rongchang", "zhengning"].contains(name) ? [.onLeave] : [.failedAssessment, .onLeave], name)
            XCTAssertTrue(a.eligibleRoles.value.contains(.lawyer), name)
            XCTAssertFalse(
                a.eligibleRoles.value.contains(.publicOfficial), "\(name): public officials are not appointed")
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
        XCTAssertThrowsError(
            try RuleProfile.load(from: folder.url.appendingPathComponent("p.yaml"), displayName: "rules/p.yaml")
        ) {
            let d = ($0 as? ScenarioError)?.diagnostics ?? []
            XCTAssertFalse(d.isEmpty)
            XCTAssertTrue(d.allSatisfy { $0.file == "rules/p.yaml" }, d.map(\.description).joined(separator: "\n"))
            for missing in [
                "missing required key 'name'", "missing required key 'document'",
                "missing required section 'assignment'",
            ] {
                XCTAssertTrue(
                    d.contains { $0.line == 1 && $0.message.contains(missing) },
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
        assertOnlyDiagnostic(
            d, file: "test.yaml", line: 18, column: 5,
            contains: ["rule 'monthly_hours_per_village' has no 'source'"])
    }

    func testRuleGivenAsBareValueIsRefused() throws {
        let d = try refusal(
            profile(
                replacing: "  apprentice_alone:\n    value: false\n    source: \"001 §(十二)\"\n",
                with: "  apprentice_alone: false\n"))
        assertOnlyDiagnostic(
            d, file: "test.yaml", line: 11, column: 21,
            contains: ["rule 'apprentice_alone' must be a mapping with 'value' and 'source'"])
    }

    func testUnknownEligibleRoleIsRefused() throws {
        let d = try refusal(profile(replacing: "[lawyer, grassroots_worker]", with: "[lawyer, judge]"))
        assertOnlyDiagnostic(
            d, file: "test.yaml", line: 9, column: 21,
            contains: [
                "unknown role 'judge'",
                "lawyer, grassroots_worker, apprentice, public_lawyer, judicial_officer, public_official",
            ])
    }

    func testUnderResourcedCapBelowCapIsRefused() throws {
        let d = try refusal(
            profile(
                replacing: "  eligible_roles:\n",
                with: "  under_resourced_cap:\n    value: 3\n    source: \"001 §(十二)\"\n  eligible_roles:\n"))
        assertOnlyDiagnostic(
            d, file: "test.yaml", line: 5, column: 3,
            contains: ["'under_resourced_cap' (3) must not be below 'cap' (5)"])
    }

    func testUnderResourcedCapAtOrAboveCapIsAccepted() throws {
        let folder = try ScenarioFolder(baseline: false)
        try folder.write(
            "test.yaml",
            profile(
                replacing: "  eligible_roles:\n",
                with: "  under_resourced_cap:\n    value: 8\n    source: \"001 §(十二)\"\n  eligible_roles:\n"))
        let a = try RuleProfile.load(from: folder.url.appendingPathComponent("test.yaml")).assignment
        XCTAssertEqual(a.underResourcedCap?.value, 8)
        XCTAssertEqual(a.maximumCap, 8)
    }

    func testMissingRequiredRuleIsRefused() throws {
        let d = try refusal(
            profile(replacing: "  monthly_hours_per_village:\n    value: 5\n    source: \"002 §三(六)\"\n", with: ""))
        assertOnlyDiagnostic(
            d, file: "test.yaml", line: 1, column: nil,
            contains: ["missing required rule 'assignment.monthly_hours_per_village'"])
    }

    func testSeveralProblemsInOneProfileAreAllReported() throws {
        var text = profile(replacing: "[lawyer, grassroots_worker]", with: "[lawyer, judge]")
        text = text.replacingOccurrences(
            of: "    value: 5\n    source: \"002 §二(二)\"\n", with: "    value: 0\n    source: \"002 §二(二)\"\n")
        text = text.replacingOccurrences(of: "[failed_assessment, on_leave]", with: "[failed_assessment, retired]")
        let d = try refusal(text)
        XCTAssertEqual(d.count, 3, d.map(\.description).joined(separator: "\n"))
        assertDiagnostic(
            d, file: "test.yaml", line: 6, column: 12, contains: ["'cap' must be a whole number", "at least 1"])
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

    // MARK: - Sources in Chinese (source_zh)

    /// Every `source` string a loaded profile holds (rules, requirements, ledger fields,
    /// publication entries, duties), found by walking the value.
    private func sources(_ value: Any, _ path: String = "") -> [(path: String, text: String)] {
        var found: [(String, String)] = []
        for child in Mirror(reflecting: value).children {
            let name = path + "." + (child.label ?? "?")
            if child.label == "source", let text = child.value as? String {
                found.append((name, text))
            } else {
                found += sources(child.value, name)
            }
        }
        return found
    }

    /// The shipped profiles in Chinese: every source the loader keeps is the profile's
    /// `source_zh` where it has one, with no English sentence left (not even two words), the
    /// seed's words kept and "common practice" said as 通行做法; in English every source is the
    /// profile's `source` as before.
    func testShippedProfilesGiveEverySourceInChinese() throws {
        var notes = 0
        for name in Self.shipped {
            let url = PackageRoot.profile(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            let pair = try NSRegularExpression(pattern: #"source: "([^"]*)"\n\s*source_zh: "([^"]*)""#)
            let pairs = pair.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
                (
                    en: String(text[Range($0.range(at: 1), in: text)!]),
                    zh: String(text[Range($0.range(at: 2), in: text)!])
                )
            }
            notes += pairs.count
            for (en, zh) in pairs {
                for words in ProfileSource.seedWords(en) {
                    XCTAssertTrue(zh.contains(words), "\(name): '\(words)' dropped from \(zh)")
                }
                if en.contains("common practice") {
                    XCTAssertTrue(zh.contains("通行做法") || zh.contains("惯例"), "\(name): \(zh)")
                }
            }
            let english = try RuleProfile.load(from: url)
            let chinese = try Language.with(.zh) { try RuleProfile.load(from: url) }
            let enSources = sources(english), zhSources = sources(chinese)
            XCTAssertGreaterThan(enSources.count, 15, name)
            XCTAssertEqual(enSources.map(\.path), zhSources.map(\.path), name)
            for ((path, en), (_, zh)) in zip(enSources, zhSources) {
                XCTAssertEqual(EnglishRuns.find(zh, minimum: 2), [], "\(name)\(path): \(zh)")
                XCTAssertTrue(
                    text.contains("source: \"\(en)\""), "\(name)\(path): English is the profile's source: \(en)")
                if let p = pairs.first(where: { $0.en == en }) {
                    XCTAssertEqual(zh, p.zh, "\(name)\(path)")
                } else {
                    XCTAssertEqual(zh, en, "\(name)\(path)")
                }
            }
            XCTAssertEqual(chinese.assignment.cap.value, english.assignment.cap.value, name)
        }
        XCTAssertEqual(notes, 63, "the sources with an English note, each with its Chinese")
    }

    func testEnglishNoteWithoutChineseIsRefused() throws {
        let d = try refusal(
            profile(replacing: "source: \"002 §三(六)\"", with: "source: \"002 §三(六) names no length; 2 hours\""))
        assertOnlyDiagnostic(
            d, file: "test.yaml", line: 19, column: 13,
            contains: ["adds a note in English ('names no length", "no 'source_zh'"])
        // In Chinese too, with the same place.
        let zh = try Language.with(.zh) {
            try refusal(profile(replacing: "source: \"002 §三(六)\"", with: "source: \"002 §三(六) names no length\""))
        }
        assertOnlyDiagnostic(zh, file: "test.yaml", line: 19, column: 13, contains: ["附有英文说明", "source_zh"])
    }

    func testChineseSourceMustKeepTheSeedsWordsAndBeChinese() throws {
        let note = "source: \"002 §二(二): 最多不超过5个 (names no firm)\""
        // Every problem at once, each at the source_zh value (line 8, column 16).
        let d = try refusal(
            profile(
                replacing: "source: \"002 §二(二)\"",
                with: note + "\n    source_zh: \"002 §二(二): 最多5个 (names no firm at all)\""))
        XCTAssertEqual(d.count, 2, d.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(
            d.allSatisfy { $0.file == "test.yaml" && $0.line == 8 && $0.column == 16 },
            d.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(
            d.contains { $0.message.contains("must keep the seed's words") && $0.message.contains("'最多不超过'") },
            d.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(
            d.contains { $0.message.contains("must be in Chinese") && $0.message.contains("'names no firm at all'") },
            d.map(\.description).joined(separator: "\n"))
        let empty = try refusal(profile(replacing: "source: \"002 §二(二)\"", with: note + "\n    source_zh: \"\""))
        assertOnlyDiagnostic(empty, file: "test.yaml", line: 8, column: 16, contains: ["'source_zh' must be text"])
        // A good one loads, and is what Chinese runs show.
        let folder = try ScenarioFolder(baseline: false)
        try folder.write(
            "ok.yaml",
            profile(replacing: "source: \"002 §二(二)\"", with: note + "\n    source_zh: \"002 §二(二): 最多不超过5个（未规定执业机构）\"")
        )
        let url = folder.url.appendingPathComponent("ok.yaml")
        XCTAssertEqual(try RuleProfile.load(from: url).assignment.cap.source, "002 §二(二): 最多不超过5个 (names no firm)")
        XCTAssertEqual(
            try Language.with(.zh) { try RuleProfile.load(from: url) }.assignment.cap.source,
            "002 §二(二): 最多不超过5个（未规定执业机构）")
    }

    /// The same check holds for sources outside `Rule` (a duty, a ledger field, a publication
    /// entry, a requirement): each refuses an English note without its Chinese.
    func testEveryKindOfSourceNeedsItsChinese() throws {
        let url = PackageRoot.profile("rongchang")
        var text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let zhLines = lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("source_zh:") }
        XCTAssertEqual(zhLines.count, 12)
        text = lines.enumerated().filter { !zhLines.contains($0.offset) }.map(\.element).joined(separator: "\n")
        let d = try refusal(text)
        XCTAssertEqual(d.count, 12, d.map(\.description).joined(separator: "\n"))
        // Each at its own source line (the lines of the file without source_zh).
        let sourceLines = Set(d.compactMap(\.line))
        XCTAssertEqual(sourceLines.count, 12)
        for line in sourceLines {
            XCTAssertTrue(text.components(separatedBy: "\n")[line - 1].contains("source: "), "line \(line)")
        }
    }
}
