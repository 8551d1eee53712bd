import CounselModel
import Foundation
import XCTest

/// Issue 13, item 6: `--threads N` on assign, rebalance and schedule; on every demo the outputs are
/// byte-identical for 1 and 2 threads and across runs (only `seconds` differs in summary.json).
final class DeterminismTests: XCTestCase {
    static let demos = [
        "nanning-wuming", "guangdong-under-resourced", "guangdong-team-city", "guangdong-township-county",
        "jiaocheng-county", "rongchang-district",
    ]

    /// Every file under `folder` (relative path → bytes).
    private func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else {
            return [:]
        }
        for case let url as URL in e where try url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory != true {
            result[String(url.path.dropFirst(folder.path.count + 1))] = try Data(contentsOf: url)
        }
        return result
    }

    /// summary.json without its `seconds` line, the one figure that may differ between runs.
    private func withoutSeconds(_ data: Data?) -> String {
        String(decoding: data ?? Data(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("\"seconds\" :") }.joined(separator: "\n")
    }

    /// Asserts two output folders hold the same files with the same bytes (summary.json: but for `seconds`).
    private func assertSame(_ a: URL, _ b: URL, _ what: String, file: StaticString = #filePath, line: UInt = #line)
        throws
    {
        let fa = try files(a), fb = try files(b)
        XCTAssertEqual(fa.keys.sorted(), fb.keys.sorted(), what, file: file, line: line)
        XCTAssertFalse(fa.isEmpty, what, file: file, line: line)
        for (name, data) in fa {
            if name.hasSuffix("summary.json") {
                let (x, y) = (withoutSeconds(data), withoutSeconds(fb[name]))
                XCTAssertEqual(x, y, "\(what): \(name) differs beyond seconds", file: file, line: line)
                XCTAssertTrue(x.contains("\"objective\""), file: file, line: line)
                XCTAssertEqual(
                    String(decoding: data, as: UTF8.self).components(separatedBy: "\"seconds\" :").count, 2,
                    "one seconds line", file: file, line: line)
            } else {
                XCTAssertEqual(data, fb[name], "\(what): \(name) differs", file: file, line: line)
            }
        }
    }

    /// Runs `arguments` + `--out` into a fresh folder for each of 1 thread, 2 threads, 2 threads again.
    private func threeRuns(_ arguments: [String], label: String) throws -> [URL] {
        try [("1", "a"), ("2", "b"), ("2", "c")].map { threads, run in
            let out = Paths.temporaryFolder("det-\(label)-\(run)")
            let r = try runCommand(arguments + ["--out", out.path, "--threads", threads, "--quiet"])
            XCTAssertEqual(r.status, 0, "\(label) --threads \(threads): \(r.stderr)")
            return out
        }
    }

    func testAssignAndRebalanceGiveTheSameBytesForOneAndTwoThreadsAndAcrossRuns() throws {
        for demo in Self.demos {
            let path = Paths.demo(demo).path
            let runs = try threeRuns(["assign", path], label: "assign-\(demo)")
            try assertSame(runs[0], runs[1], "\(demo) assign, 1 vs 2 threads")
            try assertSame(runs[1], runs[2], "\(demo) assign, two runs of 2 threads")

            // Rebalance after the first village's adviser went on leave (a forced change, so the
            // re-plan has work to do). Not on the township demo: its rebalance takes 100 s a run in
            // a debug build (the coupled township model), too long for the suite.
            guard demo != "guangdong-township-county" else { continue }
            let plan = runs[0].appendingPathComponent("assignment.csv")
            let rows = try CSVTable(contentsOf: plan, file: "assignment.csv").records.map { $0.fields.map(\.text) }
            let adviser = try XCTUnwrap(rows.first { !$0[4].isEmpty }?[4])
            let statuses = Paths.temporaryFolder("det-statuses").appendingPathComponent("statuses.csv")
            try "adviser_id,status\n\(adviser),on_leave\n".write(to: statuses, atomically: true, encoding: .utf8)
            let re = try threeRuns(
                ["rebalance", path, "--previous", plan.path, "--statuses", statuses.path], label: "rebalance-\(demo)")
            try assertSame(re[0], re[1], "\(demo) rebalance, 1 vs 2 threads")
            try assertSame(re[1], re[2], "\(demo) rebalance, two runs of 2 threads")
            let changes = try String(contentsOf: re[0].appendingPathComponent("changes.csv"), encoding: .utf8)
            XCTAssertTrue(changes.contains(adviser), "\(demo): \(adviser)'s villages change")
        }
    }

    func testScheduleGivesTheSameBytesForOneAndTwoThreadsAndAcrossRuns() throws {
        for demo in Self.demos {
            let path = Paths.demo(demo).path
            let plan = Paths.temporaryFolder("det-plan-\(demo)")
            XCTAssertEqual(try runCommand(["assign", path, "--out", plan.path, "--quiet"]).status, 0)
            // A quarter, so that every adviser's model solves to optimality well inside its time
            // limit (a limit that binds would make the roster depend on the machine's speed).
            let runs = try threeRuns(
                [
                    "schedule", path, "--assignment", plan.appendingPathComponent("assignment.csv").path,
                    "--from", "2026-01", "--to", "2026-03",
                ], label: "schedule-\(demo)")
            try assertSame(runs[0], runs[1], "\(demo) schedule, 1 vs 2 threads")
            try assertSame(runs[1], runs[2], "\(demo) schedule, two runs of 2 threads")
            XCTAssertTrue(try files(runs[0]).keys.contains { $0.hasPrefix("ics/") }, demo)
        }
    }

    /// The stable model (deferred acceptance with random tie-breaking, parts solved on threads):
    /// on the city demo, where support joins the counties into one part.
    func testStableAssignGivesTheSameBytesForOneAndTwoThreadsAndAcrossRuns() throws {
        let runs = try threeRuns(
            ["assign", Paths.demo("guangdong-team-city").path, "--stable"], label: "stable-team-city")
        try assertSame(runs[0], runs[1], "guangdong-team-city assign --stable, 1 vs 2 threads")
        try assertSame(runs[1], runs[2], "guangdong-team-city assign --stable, two runs of 2 threads")
        let summary = try String(contentsOf: runs[0].appendingPathComponent("summary.json"), encoding: .utf8)
        XCTAssertTrue(
            summary.contains("\"stability\" : \"stable_") || summary.contains("\"stability\":\"stable_")
                || summary.contains("no_stable_plan") || summary.contains("stopped_with_blocking"), summary)
    }

    func testThreadsOutsideOneTo256IsAUsageError() throws {
        let demo = Paths.demo("nanning-wuming").path
        for n in ["0", "-1", "257"] {
            let r = try runCommand(["assign", demo, "--out", Paths.temporaryFolder("det-bad").path, "--threads", n])
            XCTAssertEqual(r.status, 2, r.stderr)
        }
    }
}
