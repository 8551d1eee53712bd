import CounselTestSupport
import Foundation
import XCTest

/// What the commands print on refusals and failures, and their exit statuses, against one golden
/// file: the texts are contracts a user (and a script) reads, so moving the code that makes them
/// must not change a byte. The scenario and output folders are shown as DIR and OUT.
final class MessageGoldenTests: XCTestCase {
    private static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent("messages.txt")

    func testRefusalsAndFailuresMatchTheGoldenFile() throws {
        let work = Paths.temporaryFolder("messages")
        defer { try? FileManager.default.removeItem(at: work) }
        let dir = try copyScenario(PackageRoot.demo("nanning-wuming"))
        let township = try copyScenario(PackageRoot.demo("guangdong-township-county"))
        let out = work.appendingPathComponent("out")
        XCTAssertEqual(try runCommand(["assign", dir.path, "--out", out.path, "--quiet"]).status, 0)
        let plan = out.appendingPathComponent("assignment.csv").path
        func write(_ name: String, _ text: String) throws -> String {
            let url = work.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let badPlan = try write(
            "bad-plan.csv", "village_id,adviser_id\nV00001,A00001\nV00001,A00002\nNOPE,A00001\nV00002,NOBODY\nV00003\n")
        let noColumns = try write("no-columns.csv", "village,adviser\nV00001,A00001\n")
        let badStatuses = try write("statuses.csv", "adviser_id,status\nA00001,retired\nA00001,active\n,active\n")
        let badLedger = try write(
            "ledger.csv",
            "date,start,end,adviser_id,village_id,mode,activity,team_id\n2026-13-01,09:00,10:00,A00001,V00001,onsite,service,\n"
        )
        let emptyFolder = work.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: emptyFolder, withIntermediateDirectories: true)
        let brokenScenario = try copyScenario(PackageRoot.demo("nanning-wuming"))
        try "id,name,kind\nV1,村,village\n".write(
            to: brokenScenario.appendingPathComponent("villages.csv"), atomically: true, encoding: .utf8)

        let cases: [[String]] = [
            ["assign", township.path, "--out", out.path, "--stable"],
            ["assign", brokenScenario.path, "--out", out.path],
            ["assign", dir.path, "--out", out.path, "--set", "nonsense=1"],
            ["assign", dir.path, "--out", out.path, "--time-limit", "0"],
            ["rebalance", dir.path, "--previous", badPlan, "--out", out.path],
            ["rebalance", dir.path, "--previous", noColumns, "--out", out.path],
            ["rebalance", dir.path, "--previous", plan, "--statuses", badStatuses, "--out", out.path],
            ["rebalance", dir.path, "--previous", plan, "--out", out.path, "--max-changes", "-1"],
            ["schedule", dir.path, "--assignment", badPlan, "--out", out.path],
            ["schedule", dir.path, "--assignment", noColumns, "--out", out.path],
            ["schedule", dir.path, "--assignment", plan, "--out", out.path, "--from", "2027-01", "--to", "2027-02"],
            ["schedule", dir.path, "--assignment", plan, "--out", out.path, "--from", "2026-05", "--to", "2026-02"],
            ["schedule", brokenScenario.path, "--assignment", plan, "--out", out.path],
            ["check", dir.path, "--ledger", badLedger],
            ["check", dir.path, "--ledger", emptyFolder.path],
            ["check", dir.path],
            ["check", dir.path, "--roster", plan, "--village", "NOPE"],
            ["check", brokenScenario.path, "--roster", plan],
            ["callbacks", dir.path, "--ledger", badLedger, "--sample", "3", "--seed", "1", "--out", out.path],
            ["assess", dir.path, "--ledger", badLedger, "--period", "2026-H1", "--out", out.path],
            ["assess", dir.path, "--ledger", badLedger, "--period", "2026-Q1", "--out", out.path],
            ["publish", dir.path, "--out", emptyFolder.path],
            ["publish", dir.path, "--out", out.path, "--roster", work.appendingPathComponent("none.csv").path],
            ["publish", brokenScenario.path, "--out", out.path],
            ["assess", brokenScenario.path, "--ledger", badLedger, "--period", "2026-H1", "--out", out.path],
            [
                "callbacks", brokenScenario.path, "--ledger", badLedger, "--sample", "3", "--seed", "1", "--out",
                out.path,
            ],
            ["report", out.path, "--scenario", brokenScenario.path],
            ["report", emptyFolder.path],
            ["compare", out.path],
            ["compare", out.path, emptyFolder.path],
            ["validate", brokenScenario.path],
            ["init", out.path, "--rules", "nanning"],
            ["init", work.appendingPathComponent("new").path, "--rules", "nowhere"],
        ]
        var text = ""
        for arguments in cases {
            let r = try runCommand(arguments)
            let shown = arguments.map { a in
                a.replacingOccurrences(of: brokenScenario.path, with: "BROKEN").replacingOccurrences(
                    of: township.path, with: "TOWNSHIP"
                )
                .replacingOccurrences(of: dir.path, with: "DIR").replacingOccurrences(of: work.path, with: "WORK")
            }
            let output = (r.stdout + r.stderr).replacingOccurrences(of: brokenScenario.path, with: "BROKEN")
                .replacingOccurrences(of: township.path, with: "TOWNSHIP").replacingOccurrences(
                    of: dir.path, with: "DIR"
                )
                .replacingOccurrences(of: work.path, with: "WORK")
            text += "$ village-counsel \(shown.joined(separator: " "))\nstatus \(r.status)\n\(output)\n"
        }
        try Golden.assert(text, matches: Self.golden)
    }
}
