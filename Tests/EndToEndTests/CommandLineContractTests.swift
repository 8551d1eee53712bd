import CounselTestSupport
import Foundation
import XCTest

/// Exit statuses and messages: 0 plan, 1 invalid input, 2 usage.
final class CommandLineContractTests: XCTestCase {
    func testValidateAcceptsTheDemos() throws {
        for name in ["nanning-wuming", "guangdong-under-resourced"] {
            let r = try runCommand(["validate", Paths.demo(name).path])
            XCTAssertEqual(r.status, 0, "\(name): \(r.stdout)\(r.stderr)")
            XCTAssertTrue(r.stdout.contains("OK"), r.stdout)
        }
    }

    func testValidateListsEveryProblemWithFileLineAndColumn() throws {
        let dir = Paths.temporaryFolder("bad")
        try "name: 测试\nrules: nanning\nyear: 2026\nmax_km: far\n".write(
            to: dir.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        try """
        id,name,kind,township,county,lat,lon,needs,current_adviser
        V1,一村,village,甲镇,C1,22.9,108.3,,A9
        V2,二村,hamlet,甲镇,C1,north,108.3,,

        """.write(to: dir.appendingPathComponent("villages.csv"), atomically: true, encoding: .utf8)
        try """
        id,name,role,firm,county,lat,lon,max_villages,hours_per_month,specialties,status,phone
        A1,张三,lawyer,,C1,22.9,108.3,6,,,active,
        V1,李四,judge,,C1,22.9,108.3,,,,active,

        """.write(to: dir.appendingPathComponent("advisers.csv"), atomically: true, encoding: .utf8)
        let r = try runCommand(["validate", dir.path])
        XCTAssertEqual(r.status, 1)
        // Columns count characters: a Chinese character is one column.
        let expected = [
            "scenario.yaml:4:9: 'max_km' must be a number",
            "villages.csv:2:33: current_adviser: 'A9' is not an adviser",
            "villages.csv:3:7: kind: expected one of village, community, got 'hamlet'",
            "villages.csv:3:20: lat: expected a latitude in degrees, got 'north'",
            "advisers.csv:2:29: max_villages: at most 5 villages per adviser",
            "villages.csv:2:1: id 'V1' is already used at advisers.csv:3",
            "advisers.csv:3:7: role: expected one of lawyer",
        ]
        for e in expected {
            XCTAssertTrue(r.stderr.contains(e), "missing «\(e)» in:\n\(r.stderr)")
        }
        XCTAssertTrue(r.stderr.contains("7 problems found"), r.stderr)
    }

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try runCommand(["assign", Paths.demo("nanning-wuming").path]).status, 2, "--out is required")
        XCTAssertEqual(try runCommand(["assign", "--no-such-option"]).status, 2)
        XCTAssertEqual(try runCommand(["frobnicate"]).status, 2)
        let gap = try runCommand(["assign", Paths.demo("nanning-wuming").path, "--out", "/tmp/x", "--gap", "2"])
        XCTAssertEqual(gap.status, 2)
        XCTAssertTrue(gap.stderr.contains("--gap"), gap.stderr)
        XCTAssertEqual(try runCommand(["--help"]).status, 0)
    }

    func testMissingFolderIsInvalidInput() throws {
        let r = try runCommand(["assign", "/nonexistent/scenario", "--out", Paths.temporaryFolder().path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("no such scenario folder"), r.stderr)
    }
}
