import Assignment
import CounselModel
import CounselTestSupport
import Foundation
import Planning
import XCTest

/// The commands' work called as a library, without the binary: the outcomes, the files written
/// and the kind of each refusal (which decides the exit status).
final class PlanningTests: XCTestCase {
    private func out() -> URL {
        let url = temporaryFolder("planning")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testAssignWritesWhatTheOutcomeSays() throws {
        let out = out()
        let outcome = try Planning.assign(
            AssignRequest(directory: PackageRoot.demo("jiaocheng-county").path, out: out.path))
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("summary.json")), outcome.summaryJSON)
        XCTAssertEqual(
            try String(contentsOf: out.appendingPathComponent("assignment.csv"), encoding: .utf8),
            outcome.plan.assignmentCSV())
        XCTAssertEqual(outcome.plan.coveredCount + outcome.plan.uncoveredVillages.count, outcome.plan.rows.count)
        XCTAssertTrue(outcome.variant.applied.isEmpty)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("plan.xlsx").path))
    }

    func testRefusalsAreTyped() throws {
        let out = out()
        XCTAssertThrowsError(try PlanSettings(timeLimit: 0).validate()) { error in
            XCTAssertEqual(error as? PlanningError, .usage("--time-limit must be a positive number of seconds"))
        }
        let township = PackageRoot.demo("guangdong-township-county").path
        XCTAssertThrowsError(
            try Planning.assign(AssignRequest(directory: township, out: out.path, settings: PlanSettings(stable: true)))
        ) { error in
            guard case .invalidInput(let text) = error as? PlanningError else { return XCTFail("\(error)") }
            XCTAssertTrue(
                text.hasPrefix("\(township)/scenario.yaml: stable two-way selection cannot be combined"), text)
            XCTAssertTrue(text.hasSuffix("\nnothing was planned"), text)
        }
        XCTAssertThrowsError(
            try Planning.assign(AssignRequest(directory: out.appendingPathComponent("none").path, out: out.path))
        ) { error in
            guard case .invalidInput(let text) = error as? PlanningError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.hasSuffix("nothing was planned"), text)
        }
        XCTAssertThrowsError(try Planning.compare([out.path, out.path], format: .table)) { error in
            guard case .invalidInput(let text) = error as? PlanningError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.hasSuffix("nothing was compared"), text)
        }
        XCTAssertThrowsError(
            try ScheduleRequest(directory: township, assignment: "a.csv", from: "2026-13", out: out.path).validate()
        ) { error in
            XCTAssertEqual(error as? PlanningError, .usage("--from must be a month YYYY-MM, got '2026-13'"))
        }
    }

    func testRebalanceAgainstItsOwnPlanChangesNothing() throws {
        let out = out()
        let demo = PackageRoot.demo("rongchang-district").path
        _ = try Planning.assign(AssignRequest(directory: demo, out: out.path))
        let again = out.appendingPathComponent("again")
        let outcome = try Planning.rebalance(
            RebalanceRequest(
                directory: demo, previous: out.appendingPathComponent("assignment.csv").path,
                out: again.path, maxChanges: 0))
        XCTAssertEqual(outcome.counted, [])
        XCTAssertEqual(outcome.previousPairs, outcome.planned.plan.coveredCount)
        let summary = try JSONSerialization.jsonObject(with: outcome.planned.summaryJSON) as? [String: Any]
        let rebalance = try XCTUnwrap(summary?["rebalance"] as? [String: Any])
        XCTAssertEqual(rebalance["changed"] as? Int, 0)
        XCTAssertEqual(rebalance["max_changes"] as? Int, 0)
        XCTAssertEqual(
            try String(contentsOf: again.appendingPathComponent("changes.csv"), encoding: .utf8),
            "village,old_adviser,new_adviser,reason\n")
    }

    /// rebalance counts villages gone from the scenario and villages new to it by what each change
    /// is (``PlanChange/Kind``), not by its reason's text, so the count is the same in both languages.
    func testRebalanceCountsRemovedAndNewVillagesInEitherLanguage() throws {
        let out = out()
        let demo = PackageRoot.demo("rongchang-district").path
        _ = try Planning.assign(AssignRequest(directory: demo, out: out.path))
        let lines = try String(contentsOf: out.appendingPathComponent("assignment.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let columns = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let villageColumn = try XCTUnwrap(columns.firstIndex(of: "village_id"), lines[0])
        func withVillage(_ line: String, _ id: String) -> String {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[villageColumn] = id
            return fields.joined(separator: ",")
        }
        // Two villages the scenario no longer has; the second row's village is left out (new to the plan).
        let adviserColumn = try XCTUnwrap(columns.firstIndex(of: "adviser_id"), lines[0])
        let covered = try XCTUnwrap(
            lines.dropFirst().first {
                !$0.split(separator: ",", omittingEmptySubsequences: false)[adviserColumn].isEmpty
            })
        let previous =
            [lines[0], lines[1]] + lines.dropFirst(3) + [withVillage(covered, "GONE1"), withVillage(covered, "GONE2")]
        let previousFile = out.appendingPathComponent("previous.csv")
        try (previous.joined(separator: "\n") + "\n").write(to: previousFile, atomically: true, encoding: .utf8)
        for language in Language.allCases {
            let again = out.appendingPathComponent("again-\(language.rawValue)")
            let outcome = try Language.with(language) {
                try Planning.rebalance(RebalanceRequest(directory: demo, previous: previousFile.path, out: again.path))
            }
            XCTAssertEqual(
                outcome.changes.filter { $0.kind == .removed }.map(\.village), ["GONE1", "GONE2"], "\(language)")
            XCTAssertTrue(
                outcome.changes.filter { $0.kind == .removed }.allSatisfy { $0.forced && $0.newAdviser.isEmpty })
            let summary = try JSONSerialization.jsonObject(with: outcome.planned.summaryJSON) as? [String: Any]
            let rebalance = try XCTUnwrap(summary?["rebalance"] as? [String: Any])
            XCTAssertEqual(rebalance["removed_villages"] as? Int, 2, "\(language)")
            XCTAssertEqual(
                rebalance["new_villages"] as? Int, outcome.changes.filter { $0.oldAdviser.isEmpty }.count, "\(language)"
            )
            XCTAssertEqual(rebalance["new_villages"] as? Int, 1, "\(language)")
        }
    }

    func testScheduleWarningsGoToTheObserver() throws {
        let out = out()
        let demo = try copyOf("nanning-wuming")
        _ = try Planning.assign(AssignRequest(directory: demo.path, out: out.path))
        // An extra column is ignored with a warning, which the observer receives (not stdout).
        let villages = demo.appendingPathComponent("villages.csv")
        let text = try String(contentsOf: villages, encoding: .utf8).components(separatedBy: "\n")
        let widened = text.enumerated().map {
            $0.element.isEmpty ? "" : $0.element + ($0.offset == 0 ? ",remark" : ",x")
        }.joined(separator: "\n")
        try widened.write(to: villages, atomically: true, encoding: .utf8)
        let warnings = Warnings()
        let outcome = try Planning.schedule(
            ScheduleRequest(
                directory: demo.path, assignment: out.appendingPathComponent("assignment.csv").path,
                from: "2026-01", to: "2026-02", out: out.appendingPathComponent("s").path),
            observer: PlanningObserver(warn: { warnings.append($0) }))
        XCTAssertTrue(warnings.text.contains("\(demo.path)/villages.csv"), warnings.text)
        XCTAssertEqual(outcome.first.description, "2026-01")
        XCTAssertEqual(outcome.last.description, "2026-02")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("s/roster.csv").path))
        XCTAssertTrue(outcome.result.roster.sessions.allSatisfy { $0.day.description < "2026-03" })
    }

    private func copyOf(_ demo: String) throws -> URL {
        let target = temporaryFolder("planning-scenario").appendingPathComponent(demo)
        try FileManager.default.copyItem(at: PackageRoot.demo(demo), to: target)
        addTeardownBlock { try? FileManager.default.removeItem(at: target.deletingLastPathComponent()) }
        return target
    }
}

/// Collects warnings from the observer's closure.
private final class Warnings: @unchecked Sendable {
    private let lock = NSLock()
    private var blocks: [String] = []
    func append(_ text: String) { lock.withLock { blocks.append(text) } }
    var text: String { lock.withLock { blocks.joined(separator: "\n") } }
}
