import CounselTestSupport
import Foundation
import XCTest

@testable import CounselModel

/// A scenario folder in a fresh temporary directory, written from strings (or raw bytes).
///
/// Starts with a complete, valid scenario (``Baseline``); a test replaces or removes the one file
/// it is about, so every diagnostic it sees comes from that change.
final class ScenarioFolder {
    let url: URL

    init(baseline: Bool = true) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("counsel-model-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if baseline {
            for (name, text) in Baseline.files { try write(name, text) }
        }
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` as UTF-8 (no BOM) to `name` inside the folder.
    func write(_ name: String, _ text: String) throws {
        try write(name, bytes: Array(text.utf8))
    }

    /// Writes raw bytes to `name` inside the folder.
    func write(_ name: String, bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    /// Removes `name` from the folder.
    func remove(_ name: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(name))
    }

    /// Loads the scenario with the package's own `Models/` as the only rule-profile folder.
    func load(overrides: Scenario.LoadOverrides = Scenario.LoadOverrides()) throws -> Scenario {
        try Scenario.load(from: url, modelsSearchPath: [PackageRoot.models], overrides: overrides)
    }

    /// Loads the scenario as `compare` does, with `--set KEY=VALUE` arguments and `--overlay` files
    /// (paths relative to the folder), the package's own `Models/` as the only rule-profile folder.
    func loadVariant(sets: [String], overlays: [String] = []) throws -> ScenarioVariant {
        let overrides = try ScenarioOverrides.parse(
            sets: sets, overlays: overlays.map { url.appendingPathComponent($0).path })
        return try Scenario.loadVariant(from: url, modelsSearchPath: [PackageRoot.models], overrides: overrides)
    }

    /// Loads the scenario, expecting it to be refused, and returns every warning and note.
    func refusedWarnings() -> [Diagnostic] {
        do {
            _ = try load()
            return []
        } catch let error as ScenarioError {
            return error.warnings
        } catch {
            return []
        }
    }

    /// Loads the scenario, expecting it to be refused, and returns every diagnostic.
    func diagnostics(
        overrides: Scenario.LoadOverrides = Scenario.LoadOverrides(),
        file: StaticString = #filePath, line: UInt = #line
    ) -> [Diagnostic] {
        do {
            let scenario = try load(overrides: overrides)
            XCTFail("expected the scenario to be refused, but it loaded: \(scenario.name)", file: file, line: line)
            return []
        } catch let error as ScenarioError {
            XCTAssertFalse(error.diagnostics.isEmpty, "a ScenarioError with no diagnostics", file: file, line: line)
            return error.diagnostics
        } catch {
            XCTFail("expected a ScenarioError, got \(type(of: error)): \(error)", file: file, line: line)
            return []
        }
    }
}

/// A complete, valid scenario: header on line 1, records from line 2.
enum Baseline {
    static let scenario = """
        name: 武鸣区测试场景
        rules: nanning
        year: 2026
        max_km: 40
        objective:
          preference: 2
          distance_km: 0.1
          change: 3
          support: 10
        calendar: cn-2026.csv

        """

    static let villages = """
        id,name,kind,township,county,lat,lon,needs,current_adviser
        V1,双桥村,village,城厢镇,C1,23.16,108.27,land;family,A1
        V2,江南社区,community,城厢镇,C1,23.15,108.28,,

        """

    static let advisers = """
        id,name,role,firm,county,lat,lon,max_villages,hours_per_month,specialties,status,phone
        A1,张伟,lawyer,F1,C1,23.17,108.26,5,40,land;labour,active,13800000001
        A2,李娜,grassroots_worker,F1,C1,23.14,108.29,,,,,

        """

    static let firms = """
        id,name,kind,county,lat,lon
        F1,广西武鸣律师事务所,law_firm,C1,23.16,108.27

        """

    static let counties = """
        id,name,city,under_resourced
        C1,武鸣区,南宁市,false

        """

    static let preferences = """
        from,to,rank
        V1,A1,1
        A1,V1,1
        V2,F1,2

        """

    static let conflicts = """
        a,b,reason
        A2,V1,亲属关系

        """

    static let files: [(String, String)] = [
        ("scenario.yaml", scenario), ("villages.csv", villages), ("advisers.csv", advisers),
        ("firms.csv", firms), ("counties.csv", counties), ("preferences.csv", preferences),
        ("conflicts.csv", conflicts),
    ]
}

// MARK: - Assertions

/// Asserts that exactly one diagnostic sits at `file:line:column` and that its message contains
/// every phrase in `phrases`; returns it. `column: nil` asserts the diagnostic has no column.
@discardableResult
func assertDiagnostic(
    _ diagnostics: [Diagnostic], file expectedFile: String, line expectedLine: Int?, column expectedColumn: Int?,
    contains phrases: [String], file: StaticString = #filePath, line: UInt = #line
) -> Diagnostic? {
    let all = diagnostics.map(\.description).joined(separator: "\n")
    let here = diagnostics.filter {
        $0.file == expectedFile && $0.line == expectedLine && $0.column == expectedColumn
    }
    let location = Diagnostic(file: expectedFile, line: expectedLine, column: expectedColumn, "").description
    guard here.count == 1, let d = here.first else {
        XCTFail(
            "expected one diagnostic at \(location), found \(here.count); all diagnostics:\n\(all)", file: file,
            line: line)
        return nil
    }
    for phrase in phrases where !d.message.contains(phrase) {
        XCTFail("diagnostic at \(location) should mention '\(phrase)': \(d.message)", file: file, line: line)
    }
    return d
}

/// Asserts there is exactly one diagnostic in total and it matches.
@discardableResult
func assertOnlyDiagnostic(
    _ diagnostics: [Diagnostic], file expectedFile: String, line expectedLine: Int?, column expectedColumn: Int?,
    contains phrases: [String], file: StaticString = #filePath, line: UInt = #line
) -> Diagnostic? {
    XCTAssertEqual(
        diagnostics.count, 1,
        "expected exactly one diagnostic, got:\n\(diagnostics.map(\.description).joined(separator: "\n"))",
        file: file, line: line)
    return assertDiagnostic(
        diagnostics, file: expectedFile, line: expectedLine, column: expectedColumn,
        contains: phrases, file: file, line: line)
}
