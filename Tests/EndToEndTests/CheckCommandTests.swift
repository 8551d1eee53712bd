import CounselModel
import CounselTestSupport
import Foundation
import XCTest

/// `village-counsel check DIR --roster FILE`, run as a user runs it, on a tiny Nanning scenario.
final class CheckCommandTests: XCTestCase {
    private var folder: URL!
    private var calendar: WorkCalendar!

    override func setUpWithError() throws {
        folder = Paths.temporaryFolder("check")
        try write(
            "scenario.yaml",
            """
            name: 检查测试
            rules: nanning
            year: 2026

            """)
        try write(
            "villages.csv",
            """
            id,name,township,county,lat,lon
            V1,双桥村,城厢镇,C1,23.16,108.27
            V2,江南社区,城厢镇,C1,23.15,108.28

            """)
        try write(
            "advisers.csv",
            """
            id,name,role,county,lat,lon
            A1,张伟,lawyer,C1,23.17,108.26
            A2,李娜,grassroots_worker,C1,23.14,108.29

            """)
        calendar = try WorkCalendar.load(
            from: PackageRoot.url.appendingPathComponent("Data/calendars/cn-2026.csv"),
            displayName: "cn-2026.csv")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The first Monday–Friday working day of 2026 on or after `month-day`.
    private func workday(_ month: Int, _ day: Int) -> Day {
        var d = Day(year: 2026, month: month, day: day)!
        while !(calendar.isWorkingDay(d) && d.weekday <= 5) { d = d.adding(1) }
        return d
    }

    /// A ledger meeting the Nanning rules (5 on-site hours a month, a lecture a year) for V1 (A1) and
    /// V2 (A2), every entry a record (person served, content, result and the village's signature,
    /// 002 §四(一)), without the months in `skipping` for V1; then `extra` lines.
    private func ledger(skipping: Set<Int> = [], extra: [String] = []) -> String {
        var lines = [
            "date,start,end,adviser_id,village_id,mode,activity,team_id,person_served,content,result,requested_on,signature"
        ]
        for m in 1...12 {
            let d = workday(m, 10)
            if !skipping.contains(m) { lines.append("\(d),09:00,14:00,A1,V1,onsite,service,,村民,土地承包咨询,已答复,,王村主任") }
            lines.append("\(d),09:00,14:00,A2,V2,onsite,service,,居民,劳动合同咨询,已解答,,李主任")
        }
        lines.append("\(workday(6, 16)),14:00,16:00,A1,V1,onsite,lecture,,村民30人,民法典讲座,已举办,,王村主任")
        lines.append("\(workday(6, 16)),14:00,16:00,A2,V2,onsite,lecture,,居民25人,反诈宣传讲座,已举办,,李主任")
        // Each adviser's yearly training (002 §四(二)), in no village, after the extra lines so that
        // their line numbers stay as they are.
        let training = [
            "2026-04-15,09:00,15:00,A1,,offsite,adviser_training,,,区司法局 2026 年村（社区）法律顾问培训,,,",
            "2026-04-15,09:00,15:00,A2,,offsite,adviser_training,,,区司法局 2026 年村（社区）法律顾问培训,,,",
        ]
        return (lines + extra + training).joined(separator: "\n") + "\n"
    }

    func testCompliantLedgerExitsZeroAndWritesComplianceRows() throws {
        try write("ledger.csv", ledger())
        let out = path("out/compliance.csv")
        let r = try runCommand(["check", folder.path, "--roster", path("ledger.csv"), "--out", out])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("COMPLIANT"), r.stdout)
        XCTAssertTrue(r.stdout.contains("2026-01 to 2026-12"), r.stdout)
        XCTAssertTrue(r.stdout.contains("26 rule checks (26 met)"), r.stdout)
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        let rows = csv.split(separator: "\n")
        XCTAssertEqual(rows.first, "village_id,adviser_id,rule,period,required,planned,ok")
        XCTAssertEqual(rows.count, 1 + 2 * 13)
        XCTAssertTrue(rows.dropFirst().allSatisfy { $0.hasSuffix(",yes") })
        XCTAssertTrue(rows.contains("V1,A1,monthly_onsite_hours,2026-03,5,5,yes"))
        XCTAssertTrue(rows.contains("V2,A2,yearly_lecture,2026,1,1,yes"))
    }

    func testViolatingLedgerExitsThreeAndPrintsEveryFinding() throws {
        // No visit to V1 in March, and a session on National Day.
        try write(
            "ledger.csv", ledger(skipping: [3], extra: ["2026-10-01,09:00,11:00,A2,V2,onsite,service,,居民,咨询,已解答,,李主任"]))
        let out = path("compliance.csv")
        let r = try runCommand(["check", folder.path, "--roster", path("ledger.csv"), "--out", out])
        XCTAssertEqual(r.status, 3, r.stdout + r.stderr)
        // The holiday session is a warning (no document forbids it), the missing visit a finding.
        XCTAssertTrue(r.stdout.contains("NOT COMPLIANT: 1 finding (and 1 warning, not breaches)"), r.stdout)
        for phrase in [
            "requirement not met (shortfall)", "session on an official holiday (holiday)",
            "双桥村 (V1), adviser A1", "March 2026", "monthly_onsite_hours", "at least 5 hours on site", "002 §三(六)",
            "江南社区 (V2), adviser A2", "2026-10-01 holiday (warning)", "国庆节 National Day", "ledger.csv:27",
        ] {
            XCTAssertTrue(r.stdout.contains(phrase), "missing '\(phrase)' in:\n\(r.stdout)")
        }
        // Findings first, then warnings.
        let v1 = try XCTUnwrap(r.stdout.range(of: "双桥村 (V1), adviser A1:"))
        let v2 = try XCTUnwrap(r.stdout.range(of: "江南社区 (V2), adviser A2: 1 warning"))
        XCTAssertLessThan(v1.lowerBound, v2.lowerBound)
        XCTAssertTrue(r.stderr.contains("not compliant, 1 finding"), r.stderr)
        // The holiday alone is compliant.
        try write("ledger.csv", ledger(extra: ["2026-10-01,09:00,11:00,A2,V2,onsite,service,,居民,咨询,已解答,,李主任"]))
        let warned = try runCommand(["check", folder.path, "--roster", path("ledger.csv")])
        XCTAssertEqual(warned.status, 0, warned.stdout + warned.stderr)
        XCTAssertTrue(
            warned.stdout.contains(
                "COMPLIANT: every rule is met and no session breaks a rule. 1 warning, listed below."), warned.stdout)
        XCTAssertTrue(
            try String(contentsOfFile: out, encoding: .utf8).contains("V1,A1,monthly_onsite_hours,2026-03,5,0,no"))
    }

    func testFromAndToLimitTheAudit() throws {
        try write("ledger.csv", ledger(skipping: [3]))
        let inside = try runCommand([
            "check", folder.path, "--roster", path("ledger.csv"), "--from", "2026-04", "--to", "2026-06",
        ])
        XCTAssertEqual(inside.status, 0, inside.stdout + inside.stderr)
        XCTAssertTrue(inside.stdout.contains("6 rule checks (6 met)"), inside.stdout)
        let march = try runCommand([
            "check", folder.path, "--roster", path("ledger.csv"), "--from", "2026-03", "--to", "2026-03",
        ])
        XCTAssertEqual(march.status, 3, march.stdout + march.stderr)
        let bad = try runCommand(["check", folder.path, "--roster", path("ledger.csv"), "--from", "2026-13"])
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("--from"), bad.stderr)
        let backwards = try runCommand([
            "check", folder.path, "--roster", path("ledger.csv"), "--from", "2026-06", "--to", "2026-05",
        ])
        XCTAssertEqual(backwards.status, 2, backwards.stderr)
    }

    func testMalformedLedgerExitsOneWithEveryProblemLocated() throws {
        try write(
            "ledger.csv",
            """
            date,start,end,adviser_id,village_id,mode,activity,team_id
            2026-03-10,09:00,14:00,A1,V1,onsite,service,
            2026-3-11,09:00,14:00,A1,V1,onsite,service,
            2026-03-12,09:00,14:00,A1,V1,by bike,service,
            2026-03-13,09:00,14:00,A7,V9,onsite,service,

            """)
        let r = try runCommand(["check", folder.path, "--roster", path("ledger.csv")])
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        for located in [
            "ledger.csv:3:1: date: expected YYYY-MM-DD", "ledger.csv:4:30: mode:",
            "ledger.csv:5:24: adviser_id: 'A7' is not an adviser", "ledger.csv:5:27: village_id: 'V9' is not a village",
            "4 problems found",
        ] {
            XCTAssertTrue(r.stderr.contains(located), "missing '\(located)' in:\n\(r.stderr)")
        }
        XCTAssertTrue(r.stdout.isEmpty, r.stdout)
    }

    func testMissingLedgerAndProfileWithoutSchedulingAreInvalidInput() throws {
        let missing = try runCommand(["check", folder.path, "--roster", path("nope.csv")])
        XCTAssertEqual(missing.status, 1, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("nope.csv: cannot read the file"), missing.stderr)

        // The Nanning profile without its scheduling section.
        let nanning = try String(
            contentsOf: PackageRoot.url.appendingPathComponent("Models/rules/nanning.yaml"), encoding: .utf8)
        let cut = try XCTUnwrap(nanning.range(of: "\nscheduling:"))
        try write("no-scheduling.yaml", String(nanning[..<cut.lowerBound]) + "\n")
        try write("scenario.yaml", "name: 检查测试\nrules: no-scheduling.yaml\nyear: 2026\n")
        try write("ledger.csv", ledger())
        let r = try runCommand(["check", folder.path, "--roster", path("ledger.csv")])
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("has no 'scheduling' section"), r.stderr)
    }
}
