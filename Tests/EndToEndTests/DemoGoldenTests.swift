import CounselModel
import CounselTestSupport
import Foundation
import XCTest

/// Every demo under Data/ through `assign`, `schedule`, `check` (and, on two of them, `rebalance`;
/// on one, the Chinese headers with a byte order mark), byte for byte against golden files in
/// Golden/demos/DEMO/: summary.json (seconds masked), assignment.csv, roster.csv, compliance.csv,
/// changes.csv and each printed summary (the output folder shown as OUT, seconds masked).
///
/// These files are the contracts the README calls "Outputs"; a change to any of them must be
/// deliberate: `VILLAGE_COUNSEL_REGENERATE_GOLDENS=1 swift test --filter DemoGoldenTests`, then
/// review `git diff Tests/EndToEndTests/Golden/demos`.
final class DemoGoldenTests: XCTestCase {
    private static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent("demos")

    /// The printed text with the output folder shown as `OUT` and the run's seconds masked.
    private func masked(_ text: String, out: URL) -> String {
        var t = text.replacingOccurrences(of: out.path, with: "OUT")
        t = Golden.masking(t, #"(objective -?[0-9.]+), [0-9]+\.[0-9]+ s"#, with: "$1, S s")  // assign's status line
        t = Golden.masking(t, #"(rule checks met); [0-9]+\.[0-9]+ s"#, with: "$1; S s")  // schedule's figures line
        return t
    }

    /// summary.json with the seconds of the run (the only figure that varies) masked, and the
    /// checkout's own path (in `scenario_dir`) shown as ROOT, so the goldens hold on any clone.
    private func maskedSummary(_ url: URL) throws -> String {
        Golden.masking(
            try String(contentsOf: url, encoding: .utf8), #""seconds" : [0-9.e+-]+"#, with: #""seconds" : 0"#
        )
        .replacingOccurrences(of: PackageRoot.url.path, with: "ROOT")
    }

    private func file(_ demo: String, _ name: String) -> URL {
        Self.golden.appendingPathComponent(demo).appendingPathComponent(name)
    }

    private func assertFile(
        _ url: URL, _ demo: String, _ name: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        try Golden.assert(try Data(contentsOf: url), matches: self.file(demo, name), file: file, line: line)
    }

    func testEveryDemoMatchesItsGoldenOutputs() throws {
        let demos = PackageRoot.demos
        XCTAssertGreaterThanOrEqual(demos.count, 6, "the demos under Data/")
        for demo in demos {
            let out = Paths.temporaryFolder("golden-\(demo)")
            defer { try? FileManager.default.removeItem(at: out) }
            let folder = PackageRoot.demo(demo).path

            let assign = try runCommand(["assign", folder, "--out", out.path])
            XCTAssertEqual(assign.status, 0, "\(demo): assign\n\(assign.stderr)")
            try Golden.assert(masked(assign.stdout, out: out), matches: file(demo, "assign.txt"))
            try Golden.assert(
                maskedSummary(out.appendingPathComponent("summary.json")), matches: file(demo, "summary.json"))
            try assertFile(out.appendingPathComponent("assignment.csv"), demo, "assignment.csv")

            let schedule = try runCommand([
                "schedule", folder, "--assignment", out.appendingPathComponent("assignment.csv").path,
                "--out", out.appendingPathComponent("schedule").path,
            ])
            XCTAssertEqual(schedule.status, 0, "\(demo): schedule\n\(schedule.stderr)")
            try Golden.assert(masked(schedule.stdout, out: out), matches: file(demo, "schedule.txt"))
            try assertFile(out.appendingPathComponent("schedule/roster.csv"), demo, "roster.csv")
            try assertFile(out.appendingPathComponent("schedule/compliance.csv"), demo, "compliance.csv")

            let check = try runCommand([
                "check", folder, "--roster", out.appendingPathComponent("schedule/roster.csv").path,
                "--out", out.appendingPathComponent("check.csv").path,
            ])
            XCTAssertTrue([0, 3].contains(check.status), "\(demo): check\n\(check.stderr)")
            try Golden.assert(
                masked("status \(check.status)\n" + check.stdout + check.stderr, out: out),
                matches: file(demo, "check.txt"))
            // check's rows are compliance.csv's, counted from the roster rather than planned.
            let checked = try String(contentsOf: out.appendingPathComponent("check.csv"), encoding: .utf8)
            let planned = try String(contentsOf: out.appendingPathComponent("schedule/compliance.csv"), encoding: .utf8)
            XCTAssertEqual(
                checked.split(separator: "\n").first, planned.split(separator: "\n").first,
                "\(demo): check.csv's header")
        }
    }

    /// rebalance against a previous plan whose advisers were rotated among its villages, so that
    /// the plan has changes to list; summary.json gains its `rebalance` object.
    func testRebalanceMatchesGoldenOutputs() throws {
        for demo in ["nanning-wuming", "guangdong-team-city"] {
            let out = Paths.temporaryFolder("golden-rebalance")
            defer { try? FileManager.default.removeItem(at: out) }
            let folder = PackageRoot.demo(demo).path
            XCTAssertEqual(try runCommand(["assign", folder, "--out", out.path, "--quiet"]).status, 0)
            let previous = try rotated(out.appendingPathComponent("assignment.csv"))
            let previousURL = out.appendingPathComponent("previous.csv")
            try previous.write(to: previousURL, atomically: true, encoding: .utf8)
            let rebalanced = out.appendingPathComponent("rebalanced")
            let r = try runCommand(["rebalance", folder, "--previous", previousURL.path, "--out", rebalanced.path])
            XCTAssertEqual(r.status, 0, "\(demo): rebalance\n\(r.stderr)")
            try Golden.assert(masked(r.stdout, out: out), matches: file(demo, "rebalance.txt"))
            try Golden.assert(
                maskedSummary(rebalanced.appendingPathComponent("summary.json")).replacingOccurrences(
                    of: out.path, with: "OUT"),
                matches: file(demo, "rebalance-summary.json"))
            try assertFile(rebalanced.appendingPathComponent("changes.csv"), demo, "changes.csv")
        }
    }

    /// assign and schedule with Chinese headers and a byte order mark (`--lang zh --excel`).
    func testChineseHeadersMatchGoldenOutputs() throws {
        let demo = "nanning-wuming"
        let out = Paths.temporaryFolder("golden-zh")
        defer { try? FileManager.default.removeItem(at: out) }
        let folder = PackageRoot.demo(demo).path
        XCTAssertEqual(
            try runCommand(["assign", folder, "--out", out.path, "--quiet", "--lang", "zh", "--excel"]).status, 0)
        try assertFile(out.appendingPathComponent("assignment.csv"), demo, "assignment-zh.csv")
        let s = try runCommand([
            "schedule", folder, "--assignment", out.appendingPathComponent("assignment.csv").path,
            "--out", out.appendingPathComponent("schedule").path, "--quiet", "--lang", "zh", "--excel",
        ])
        XCTAssertEqual(s.status, 0, s.stderr)
        try assertFile(out.appendingPathComponent("schedule/roster.csv"), demo, "roster-zh.csv")
        try assertFile(out.appendingPathComponent("schedule/compliance.csv"), demo, "compliance-zh.csv")
        try assertFile(out.appendingPathComponent("schedule/shortfalls.csv"), demo, "shortfalls-zh.csv")
    }

    /// The plan's rows with each adviser moved to the next covered village (the last to the first).
    private func rotated(_ url: URL) throws -> String {
        let table = try CSVTable(contentsOf: url, file: url.lastPathComponent)
        let header = table.header.map(\.text)
        let a = try XCTUnwrap(header.firstIndex(of: "adviser_id"))
        let t = header.firstIndex(of: "team_id")
        var rows = table.records.map { $0.fields.map(\.text) }
        let covered = rows.indices.filter { !rows[$0][a].isEmpty }
        let units = covered.map { i in (rows[i][a], t.map { rows[i][$0] }) }
        for (k, i) in covered.enumerated() where k % 3 == 0 {
            let next = units[(k + 1) % units.count]
            rows[i][a] = next.0
            if let t { rows[i][t] = next.1 ?? "" }
        }
        let lines = [header] + rows
        return lines.map {
            $0.map {
                $0.contains(",") || $0.contains("\"")
                    ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0
            }
            .joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }
}
