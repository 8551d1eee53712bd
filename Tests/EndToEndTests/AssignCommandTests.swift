import CounselModel
import CounselTestSupport
import Foundation
import XCTest

/// Runs `village-counsel assign` on the shipped demos and checks every rule on the written plan.
final class AssignCommandTests: XCTestCase {
    private func load(_ dir: URL) throws -> Scenario {
        try Scenario.load(from: dir, modelsSearchPath: [PackageRoot.url.appendingPathComponent("Models")])
    }

    func testNanningDemoIsCoveredOptimallyAndHonoursEveryRule() throws {
        let demo = Paths.demo("nanning-wuming")
        let out = Paths.temporaryFolder("out")
        let lp = out.appendingPathComponent("model.lp")
        let result = try runCommand(["assign", demo.path, "--out", out.path, "--export-lp", lp.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("status: optimal"), result.stdout)
        let s = try summary(in: out)
        XCTAssertEqual(s["status"] as? String, "optimal")
        XCTAssertEqual(s["uncovered"] as? Int, 0)
        let scenario = try load(demo)
        XCTAssertEqual(s["villages"] as? Int, scenario.villages.count)
        let plan = try AssignmentFile(out.appendingPathComponent("assignment.csv"))
        assertInvariants(of: plan, for: scenario)
        // The exported whole model, re-solved by glpsol, has the optimum the plan claims.
        try assertGlpsolAgrees(lp: lp, objective: s["objective"] as! Double)
    }

    func testGuangdongDemoNeedsTheUnderResourcedCapOfEight() throws {
        let demo = Paths.demo("guangdong-under-resourced")
        let out = Paths.temporaryFolder("out")
        let result = try runCommand(["assign", demo.path, "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let s = try summary(in: out)
        XCTAssertEqual(s["uncovered"] as? Int, 0, "cap 8 (Guangdong 001 §(十二)) covers every village")
        let scenario = try load(demo)
        assertInvariants(of: try AssignmentFile(out.appendingPathComponent("assignment.csv")), for: scenario)
        let plan = try AssignmentFile(out.appendingPathComponent("assignment.csv"))
        var perAdviser: [String: Int] = [:]
        for row in plan.rows where !row.adviser.isEmpty { perAdviser[row.adviser, default: 0] += 1 }
        XCTAssertGreaterThan(perAdviser.values.max() ?? 0, 5, "some lawyer serves more than 5 villages")

        // Without the under-resourced mark the cap is 5, and the summary explains the shortfall.
        let copy = try copyScenario(demo)
        let counties = copy.appendingPathComponent("counties.csv")
        let text = try String(contentsOf: counties, encoding: .utf8).replacingOccurrences(of: ",true", with: ",false")
        try text.write(to: counties, atomically: true, encoding: .utf8)
        let out5 = Paths.temporaryFolder("out")
        let r5 = try runCommand(["assign", copy.path, "--out", out5.path])
        XCTAssertEqual(r5.status, 0, "a plan with uncovered villages is still a plan: \(r5.stderr)")
        let s5 = try summary(in: out5)
        let uncovered = try XCTUnwrap(s5["uncovered"] as? Int)
        XCTAssertGreaterThan(uncovered, 0)
        let firstCounty = try XCTUnwrap((s5["counties"] as? [[String: Any]])?.first)
        let villages = try XCTUnwrap(firstCounty["villages"] as? Int)
        let capacity = try XCTUnwrap(firstCounty["capacity"] as? Int)
        XCTAssertEqual(firstCounty["deficit"] as? Int, villages - capacity)
        XCTAssertEqual(uncovered, villages - capacity, "coverage is maximal: exactly the deficit stays uncovered")
        XCTAssertTrue(r5.stdout.contains("deficit of \(villages - capacity)"), r5.stdout)
        assertInvariants(of: try AssignmentFile(out5.appendingPathComponent("assignment.csv")), for: try load(copy))
    }

    func testSameInputGivesByteIdenticalAssignment() throws {
        let demo = Paths.demo("nanning-wuming")
        let a = Paths.temporaryFolder("out"), b = Paths.temporaryFolder("out")
        XCTAssertEqual(try runCommand(["assign", demo.path, "--out", a.path]).status, 0)
        XCTAssertEqual(try runCommand(["assign", demo.path, "--out", b.path]).status, 0)
        XCTAssertEqual(
            try Data(contentsOf: a.appendingPathComponent("assignment.csv")),
            try Data(contentsOf: b.appendingPathComponent("assignment.csv")))
    }

    func testOutputReplacesOldFilesAndInvalidInputLeavesThemAlone() throws {
        let demo = Paths.demo("nanning-wuming")
        let out = Paths.temporaryFolder("out")
        let old = "old plan\n"
        try old.write(to: out.appendingPathComponent("assignment.csv"), atomically: true, encoding: .utf8)
        // Invalid input: nothing is written, the old file stays as it was.
        let broken = try copyScenario(demo)
        try "id,name\n".write(to: broken.appendingPathComponent("villages.csv"), atomically: true, encoding: .utf8)
        let bad = try runCommand(["assign", broken.path, "--out", out.path])
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("assignment.csv"), encoding: .utf8), old)
        // A good run replaces it whole; no temporary file is left behind.
        XCTAssertEqual(try runCommand(["assign", demo.path, "--out", out.path]).status, 0)
        XCTAssertTrue(
            try String(contentsOf: out.appendingPathComponent("assignment.csv"), encoding: .utf8).hasPrefix(
                "village_id,"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testTimeLimitAndGapOptionsAreHonoured() throws {
        let demo = Paths.demo("nanning-wuming")
        let out = Paths.temporaryFolder("out")
        let result = try runCommand([
            "assign", demo.path, "--out", out.path, "--time-limit", "30", "--gap", "0", "--verbose",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("glpk"), "--verbose shows GLPK's output on stderr")
        XCTAssertEqual(try summary(in: out)["status"] as? String, "optimal")
    }

    private func assertGlpsolAgrees(lp: URL, objective: Double, file: StaticString = #filePath, line: UInt = #line)
        throws
    {
        let glpsol = URL(fileURLWithPath: "/usr/bin/glpsol")
        guard FileManager.default.isExecutableFile(atPath: glpsol.path) else {
            throw XCTSkip("glpsol is not installed (Debian glpk-utils); `make test` installs it")
        }
        let solution = lp.deletingLastPathComponent().appendingPathComponent("glpsol.txt")
        let r = try runCommand(["--lp", lp.path, "-o", solution.path], executable: glpsol)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, file: file, line: line)
        let text = try String(contentsOf: solution, encoding: .utf8)
        let objectiveLine = try XCTUnwrap(
            text.split(separator: "\n").first { $0.hasPrefix("Objective:") }, file: file, line: line)
        // "Objective:  obj = 1234.5678 (MINimum)"
        let value = try XCTUnwrap(
            objectiveLine.split(separator: "=").last?.split(separator: " ").first.flatMap { Double($0) }, file: file,
            line: line)
        XCTAssertEqual(
            value, objective, accuracy: 1e-6 * max(1, abs(objective)), "glpsol's optimum of the exported model",
            file: file, line: line)
        XCTAssertTrue(text.contains("INTEGER OPTIMAL"), file: file, line: line)
    }
}
