import CounselModel
import Foundation
import XCTest

/// Issue 13, item 1: an id that names a path is refused by every command with file:line:column,
/// nothing is written anywhere, and output file names made from (valid) ids stay in their folder
/// and differ even where a file system ignores case.
final class HostileIdTests: XCTestCase {
    /// A plan, roster and ledgers of the clean Nanning demo, made once.
    private static let clean: URL = {
        let out = Paths.temporaryFolder("hostile-clean")
        let demo = Paths.demo("nanning-wuming").path
        _ = try? runCommand(["assign", demo, "--out", out.path, "--quiet"])
        _ = try? runCommand([
            "schedule", demo, "--assignment", out.appendingPathComponent("assignment.csv").path,
            "--from", "2026-01", "--to", "2026-01", "--out", out.path, "--quiet",
        ])
        _ = try? runCommand(["publish", demo, "--out", out.path, "--quiet"])
        return out
    }()

    /// The issue's case: adviser A00001 renamed `../../../tmp/pwned-…` in every file.
    func testAPathAsAnIdIsRefusedByEveryCommandAndNothingIsWritten() throws {
        let marker = "pwned-\(UUID().uuidString)"
        let hostile = "../../../tmp/\(marker)"
        let scenario = try copyScenario(Paths.demo("nanning-wuming"))
        for file in ["advisers.csv", "villages.csv", "preferences.csv", "conflicts.csv"] {
            let url = scenario.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "A00001", with: hostile)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let clean = Self.clean
        XCTAssertTrue(FileManager.default.fileExists(atPath: clean.appendingPathComponent("ledgers/V00001.csv").path))
        let out = Paths.temporaryFolder("hostile-out")
        let plan = clean.appendingPathComponent("assignment.csv").path
        let ledger = clean.appendingPathComponent("ledgers").path
        let commands: [[String]] = [
            ["validate", scenario.path],
            ["assign", scenario.path, "--out", out.path],
            ["rebalance", scenario.path, "--previous", plan, "--out", out.path],
            [
                "schedule", scenario.path, "--assignment", plan, "--from", "2026-01", "--to", "2026-01", "--out",
                out.path,
            ],
            [
                "check", scenario.path, "--roster", clean.appendingPathComponent("roster.csv").path, "--from",
                "2026-01", "--to", "2026-01",
            ],
            ["callbacks", scenario.path, "--ledger", ledger, "--sample", "5", "--seed", "1", "--out", out.path],
            ["assess", scenario.path, "--ledger", ledger, "--period", "2026-H1", "--out", out.path],
            ["publish", scenario.path, "--out", out.path, "--roster", clean.appendingPathComponent("roster.csv").path],
        ]
        for command in commands {
            let r = try runCommand(command)
            XCTAssertEqual(r.status, 1, "\(command[0]): \(r.stdout)\n\(r.stderr)")
            XCTAssertTrue(
                r.stderr.contains("\(scenario.path)/advisers.csv:2:1: id: '\(hostile)' is not a valid id"),
                "\(command[0]): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("an id may not contain '..'"), r.stderr)
            XCTAssertFalse(r.stdout.contains("OK"), r.stdout)
        }
        // Nothing anywhere: not in the output folder, not where the id points.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [])
        for folder in ["/tmp", FileManager.default.temporaryDirectory.path, out.deletingLastPathComponent().path] {
            let hits = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(marker) }
            XCTAssertEqual(hits, [], "written into \(folder)")
        }
    }

    /// Other hostile ids, one per file and column kind, all refused by `validate` in one run.
    func testInvisibleAndLookAlikeIdsAreRefusedWithTheirPlace() throws {
        let scenario = try copyScenario(Paths.demo("nanning-wuming"))
        let villages = scenario.appendingPathComponent("villages.csv")
        var lines = try String(contentsOf: villages, encoding: .utf8).components(separatedBy: "\n")
        lines[1] = lines[1].replacingOccurrences(of: "V00001", with: "\"V0000\u{202E}1\"")  // right-to-left override
        lines[2] = lines[2].replacingOccurrences(of: "V00002", with: "V00002／")  // fullwidth solidus
        lines[3] = lines[3].replacingOccurrences(of: "V00003", with: "\"V00003\u{0}\"")  // NUL
        try lines.joined(separator: "\n").write(to: villages, atomically: true, encoding: .utf8)
        let r = try runCommand(["validate", scenario.path])
        XCTAssertEqual(r.status, 1, r.stdout)
        XCTAssertTrue(
            r.stderr.contains(
                "villages.csv:2:1: id: 'V0000\\u{202E}1' is not a valid id: character 6 is U+202E RIGHT-TO-LEFT OVERRIDE"
            ), r.stderr)
        XCTAssertTrue(
            r.stderr.contains(
                "villages.csv:3:1: id: 'V00002／' is not a valid id: character 7 is '／' (U+FF0F FULLWIDTH SOLIDUS), which looks like a path separator"
            ), r.stderr)
        XCTAssertTrue(
            r.stderr.contains("villages.csv:4:1: id: 'V00003\\u{0000}' is not a valid id: character 7 is U+0000"),
            r.stderr)
        XCTAssertFalse(
            r.stderr.contains("\u{202E}") || r.stderr.contains("\u{0}"), "raw control characters reach the terminal")
    }

    /// Valid ids that differ only by case, or look alike, or are Chinese: one notice board and one
    /// ledger per village, each under the name ``OutputFileName`` gives it, all inside the folders.
    func testPublishedNamesAreDistinctWhereCaseIsIgnoredAndStayInTheirFolders() throws {
        let scenario = try copyScenario(Paths.demo("nanning-wuming"))
        let renames = ["V00001": "v00002", "V00003": "Ｖ00003", "V00004": "武鸣-04", "V00005": "CON", "V00006": "V 06"]
        // Advisers too, for their contact cards (cards/): one differing from another only by case,
        // one in full-width letters (a valid id, but no plain file name).
        let adviserRenames = ["A00002": "a00001", "A00003": "Ａ00003"]
        for file in ["villages.csv", "preferences.csv", "conflicts.csv", "advisers.csv"] {
            let url = scenario.appendingPathComponent(file)
            var text = try String(contentsOf: url, encoding: .utf8)
            for (old, new) in renames { text = text.replacingOccurrences(of: old + ",", with: new + ",") }
            for (old, new) in adviserRenames {
                text = text.replacingOccurrences(
                    of: "(?<![A-Za-z0-9])\(old)(?![0-9])", with: new, options: .regularExpression)
            }
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(try runCommand(["validate", scenario.path]).status, 0)
        let out = Paths.temporaryFolder("names")
        XCTAssertEqual(try runCommand(["assign", scenario.path, "--out", out.path, "--quiet"]).status, 0)
        let s = try runCommand([
            "schedule", scenario.path, "--assignment", out.appendingPathComponent("assignment.csv").path,
            "--from", "2026-01", "--to", "2026-01", "--out", out.path, "--quiet",
        ])
        XCTAssertEqual(s.status, 0, s.stderr)
        let p = try runCommand(["publish", scenario.path, "--out", out.path, "--quiet"])
        XCTAssertEqual(p.status, 0, p.stderr)
        let ids = try CSVTable(contentsOf: scenario.appendingPathComponent("villages.csv"), file: "villages.csv")
            .records.map { $0.fields[0].text }
        let names = OutputFileName.names(for: ids)
        let notices = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("notices").path)
            .sorted()
        XCTAssertEqual(notices, names.values.map { $0 + ".html" }.sorted())
        XCTAssertEqual(
            Set(notices.map { $0.lowercased() }).count, ids.count,
            "two boards would share a name on a case-insensitive disk")
        XCTAssertTrue(notices.contains("v00002~\(OutputFileName.hash("v00002")).html"), notices.description)
        XCTAssertTrue(notices.contains("V00002~\(OutputFileName.hash("V00002")).html"), notices.description)
        XCTAssertTrue(notices.contains("%EF%BC%B600003.html"))
        XCTAssertTrue(notices.contains("武鸣-04.html"))
        XCTAssertTrue(notices.contains("%43ON.html"))
        XCTAssertTrue(notices.contains("V%2006.html"))
        for id in ids {
            let html = try String(contentsOf: out.appendingPathComponent("notices/\(names[id]!).html"), encoding: .utf8)
            let ledger = try CSVTable(
                contentsOf: out.appendingPathComponent("ledgers/\(names[id]!).csv"), file: "ledger")
            XCTAssertFalse(html.isEmpty)
            XCTAssertTrue(
                ledger.records.allSatisfy { $0.fields[4].text == id }, "\(id)'s ledger holds another village's sessions"
            )
        }
        // Contact cards: one per adviser of the plan, named together with the villages, the
        // case-twins apart, every file inside cards/.
        let cards = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("cards").path)
            .sorted()
        XCTAssertEqual(
            Set(cards.map { $0.lowercased() }).count, cards.count,
            "two cards would share a name on a case-insensitive disk")
        let all = OutputFileName.names(
            for: ids
                + (try CSVTable(contentsOf: scenario.appendingPathComponent("advisers.csv"), file: "advisers.csv")
                    .records.map { $0.fields[0].text }))
        let planned = Set(
            try CSVTable(contentsOf: out.appendingPathComponent("assignment.csv"), file: "assignment.csv")
                .records.map { $0.fields[4].text }.filter { !$0.isEmpty })
        XCTAssertEqual(cards, planned.map { all[$0]! + ".html" }.sorted())
        for id in planned where id.lowercased() == "a00001" {
            XCTAssertTrue(cards.contains("\(id)~\(OutputFileName.hash(id)).html"), cards.description)
        }
        if planned.contains("Ａ00003") { XCTAssertTrue(cards.contains("%EF%BC%A100003.html"), cards.description) }
        XCTAssertTrue(
            planned.contains("a00001") || planned.contains("Ａ00003"),
            "no renamed adviser is in the plan: \(planned.sorted())")
        // A ledger under its encoded name goes back into check as any ledger does.
        let c = try runCommand([
            "check", scenario.path, "--ledger", out.appendingPathComponent("ledgers").path, "--from", "2026-01", "--to",
            "2026-01",
        ])
        XCTAssertTrue([0, 3].contains(c.status), c.stderr)
        XCTAssertFalse(c.stderr.contains("not a valid id"), c.stderr)
    }
}
