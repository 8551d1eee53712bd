import CounselModel
import CounselTestSupport
import Foundation
import XCTest

/// Runs `assign` then `schedule` on the demos and checks the roster against the rules and the
/// official calendar, independently of the planner.
final class ScheduleCommandTests: XCTestCase {
    struct Row {
        var date: Day
        var start: Int
        var end: Int
        var adviser: String
        var village: String
        var mode: String
        var activity: String
    }

    private func minutes(_ t: String) -> Int {
        let p = t.split(separator: ":")
        return Int(p[0])! * 60 + Int(p[1])!
    }

    private func readRoster(_ url: URL) throws -> [Row] {
        let table = try CSVTable(contentsOf: url, file: "roster.csv")
        XCTAssertEqual(
            table.header.map(\.text),
            ["date", "start", "end", "adviser_id", "village_id", "mode", "activity", "team_id"])
        return table.records.map { r in
            let f = r.fields.map(\.text)
            return Row(
                date: Day(f[0])!, start: minutes(f[1]), end: minutes(f[2]), adviser: f[3], village: f[4], mode: f[5],
                activity: f[6])
        }
    }

    private func compliance(_ url: URL) throws -> [[String]] {
        try CSVTable(contentsOf: url, file: "compliance.csv").records.map { $0.fields.map(\.text) }
    }

    /// Plans the demo (or a copy) and returns the schedule's output folder.
    private func schedule(_ scenario: URL, extra: [String] = []) throws -> (out: URL, result: CommandResult) {
        let plan = Paths.temporaryFolder("plan")
        let a = try runCommand(["assign", scenario.path, "--out", plan.path])
        XCTAssertEqual(a.status, 0, a.stderr)
        let out = Paths.temporaryFolder("sched")
        let r = try runCommand(
            [
                "schedule", scenario.path, "--assignment", plan.appendingPathComponent("assignment.csv").path,
                "--from", "2026-01", "--to", "2026-12", "--out", out.path,
            ] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        return (out, r)
    }

    private func calendar() throws -> WorkCalendar {
        try WorkCalendar.load(
            from: PackageRoot.url.appendingPathComponent("Data/calendars/cn-2026.csv"), displayName: "cn-2026.csv")
    }

    /// Every session on a working day (never a holiday), no adviser in two places, within the daily limit.
    private func assertCalendarInvariants(_ rows: [Row], file: StaticString = #filePath, line: UInt = #line) throws {
        let cal = try calendar()
        for r in rows {
            XCTAssertFalse(cal.isHoliday(r.date), "\(r.date) is an official holiday", file: file, line: line)
            XCTAssertTrue(cal.isWorkingDay(r.date), "\(r.date) is not a working day", file: file, line: line)
            XCTAssertGreaterThanOrEqual(r.start, 8 * 60, file: file, line: line)
            XCTAssertLessThanOrEqual(
                r.end, 18 * 60 + 30, "ends after 18:30 without evening service allowed", file: file, line: line)
        }
        let byDay = Dictionary(grouping: rows, by: { "\($0.adviser)|\($0.date)" })
        for (key, sessions) in byDay {
            let sorted = sessions.sorted { $0.start < $1.start }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                XCTAssertLessThanOrEqual(a.end, b.start, "\(key): overlapping sessions", file: file, line: line)
            }
            XCTAssertLessThanOrEqual(
                sessions.reduce(0) { $0 + $1.end - $1.start }, 8 * 60, "\(key): over 8 hours", file: file, line: line)
        }
    }

    /// A copy of `demo` whose counties train their advisers on 15 April 2026 (Nanning 002 §四(二):
    /// 每年组织培训不少于1次): the yearly training is then on the roster, and the roster meets the duties too.
    private func withTrainingDay(_ demo: String) throws -> URL {
        let copy = try copyScenario(Paths.demo(demo))
        let yaml = copy.appendingPathComponent("scenario.yaml")
        try (try String(contentsOf: yaml, encoding: .utf8) + "training_days: [2026-04-15]\n").write(
            to: yaml, atomically: true, encoding: .utf8)
        return copy
    }

    func testNanningYearMeetsEveryRuleOnWorkingDays() throws {
        let demo = try withTrainingDay("nanning-wuming")
        let (out, result) = try schedule(demo)
        XCTAssertTrue(result.stdout.contains("2600 of 2600 rule checks met"), result.stdout)
        let rows = try readRoster(out.appendingPathComponent("roster.csv"))
        try assertCalendarInvariants(rows)
        // Independently: every village has ≥ 5 on-site hours in every month (002 §三(六)) and a lecture (002 §三(四)).
        let scenario = try Scenario.load(
            from: Paths.demo("nanning-wuming"), modelsSearchPath: [PackageRoot.url.appendingPathComponent("Models")])
        for v in scenario.villages {
            let mine = rows.filter { $0.village == v.id }
            for month in 1...12 {
                let hours = mine.filter { $0.date.month == month && $0.mode == "onsite" }.reduce(0) {
                    $0 + $1.end - $1.start
                }
                XCTAssertGreaterThanOrEqual(hours, 5 * 60, "\(v.id) month \(month)")
            }
            XCTAssertGreaterThanOrEqual(mine.filter { $0.activity == "lecture" }.count, 1, v.id)
        }
        XCTAssertTrue(try compliance(out.appendingPathComponent("compliance.csv")).allSatisfy { $0[6] == "yes" })
        // Sessions are spread: no village gets two service visits in one week while months have four.
        let ics = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("ics").path)
        XCTAssertEqual(Set(ics), Set(rows.map { "\($0.adviser).ics" }))
        // Every adviser is at the training that day, and nowhere else.
        let training = rows.filter { $0.activity == "adviser_training" }
        XCTAssertEqual(Set(training.map(\.adviser)), Set(rows.map(\.adviser)))
        XCTAssertTrue(training.allSatisfy { $0.date == Day("2026-04-15")! && $0.village.isEmpty })
        XCTAssertFalse(rows.contains { $0.date == Day("2026-04-15")! && $0.activity != "adviser_training" })
        XCTAssertTrue(
            try String(contentsOf: out.appendingPathComponent("duties.csv"), encoding: .utf8)
                .split(separator: "\n").dropFirst().allSatisfy { $0.hasSuffix(",yes") })
        // The roster passes `check`.
        let check = try runCommand(["check", demo.path, "--roster", out.appendingPathComponent("roster.csv").path])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
    }

    func testGuangdongFlexibleModeUsesHalfYearOnsiteHours() throws {
        let copy = try copyScenario(Paths.demo("guangdong-under-resourced"))
        let yaml = copy.appendingPathComponent("scenario.yaml")
        try (try String(contentsOf: yaml, encoding: .utf8) + "\nflexible: true\n").write(
            to: yaml, atomically: true, encoding: .utf8)
        let (out, _) = try schedule(copy)
        let rows = try compliance(out.appendingPathComponent("compliance.csv"))
        XCTAssertTrue(rows.contains { $0[2] == "half_year_onsite_hours" && $0[3] == "2026-H1" })
        XCTAssertFalse(
            rows.contains { $0[2] == "monthly_service_hours" },
            "001 §(八): the half-year rule stands in for the monthly one")
        XCTAssertTrue(rows.contains { $0[2] == "monthly_onsite_visit" })
        XCTAssertTrue(rows.allSatisfy { $0[6] == "yes" }, rows.filter { $0[6] != "yes" }.description)
        let roster = try readRoster(out.appendingPathComponent("roster.csv"))
        try assertCalendarInvariants(roster)
        for v in Set(roster.map(\.village)) {
            let h1 = roster.filter { $0.village == v && $0.mode == "onsite" && $0.date.month <= 6 }.reduce(0) {
                $0 + $1.end - $1.start
            }
            XCTAssertGreaterThanOrEqual(h1, 50 * 60, v)
        }
    }

    func testAdviserOnLeaveGivesExplainedShortfalls() throws {
        let copy = try copyScenario(Paths.demo("nanning-wuming"))
        let plan = Paths.temporaryFolder("plan")
        XCTAssertEqual(try runCommand(["assign", copy.path, "--out", plan.path]).status, 0)
        let assignment = try CSVTable(contentsOf: plan.appendingPathComponent("assignment.csv"), file: "a")
        let adviser = assignment.records.first { !$0.fields[4].text.isEmpty }!.fields[4].text
        try "adviser,from,to,reason\n\(adviser),2026-03-01,2026-04-30,产假\n"
            .write(to: copy.appendingPathComponent("availability.csv"), atomically: true, encoding: .utf8)
        let out = Paths.temporaryFolder("sched")
        let r = try runCommand([
            "schedule", copy.path, "--assignment", plan.appendingPathComponent("assignment.csv").path, "--out",
            out.path,
        ])
        XCTAssertEqual(r.status, 0, "a schedule with shortfalls is still a schedule: \(r.stderr)")
        let rows = try readRoster(out.appendingPathComponent("roster.csv"))
        XCTAssertFalse(
            rows.contains { $0.adviser == adviser && ($0.date.month == 3 || $0.date.month == 4) },
            "no session while away")
        let shortfalls = try CSVTable(contentsOf: out.appendingPathComponent("shortfalls.csv"), file: "s").records
        XCTAssertFalse(shortfalls.isEmpty)
        XCTAssertTrue(
            shortfalls.allSatisfy { $0.fields[4].text.contains("away 2026-03-01–2026-04-30 (产假)") },
            shortfalls.map { $0.fields[4].text }.description)
        XCTAssertTrue(r.stdout.contains("Shortfalls"), r.stdout)
        let failing = try compliance(out.appendingPathComponent("compliance.csv")).filter { $0[6] == "no" }
        XCTAssertEqual(Set(failing.map { $0[3] }), ["2026-03", "2026-04"])
        XCTAssertTrue(failing.allSatisfy { $0[1] == adviser })
    }

    func testSpringFestivalWeekAndWeekendsStayFree() throws {
        let cal = try calendar()
        let demo = try withTrainingDay("guangdong-under-resourced")
        let (out, _) = try schedule(demo)
        let rows = try readRoster(out.appendingPathComponent("roster.csv"))
        let festival = cal.entries.values.filter { $0.kind == .holiday && $0.name.contains("春节") }.map(\.day)
        XCTAssertFalse(festival.isEmpty)
        XCTAssertTrue(rows.allSatisfy { !festival.contains($0.date) })
        // A weekend day is used only if it is an official make-up workday.
        for r in rows where r.date.weekday >= 6 { XCTAssertEqual(cal.entries[r.date]?.kind, .workday, "\(r.date)") }
        try assertCalendarInvariants(rows)
        // Villages of one township share days: many on-site days serve two villages, always of one township.
        let scenario = try Scenario.load(
            from: Paths.demo("guangdong-under-resourced"),
            modelsSearchPath: [PackageRoot.url.appendingPathComponent("Models")])
        let township = Dictionary(uniqueKeysWithValues: scenario.villages.map { ($0.id, $0.township) })
        let days = Dictionary(grouping: rows.filter { $0.mode == "onsite" }, by: { "\($0.adviser)|\($0.date)" })
        let shared = days.values.filter { Set($0.map(\.village)).count > 1 }
        XCTAssertGreaterThan(Double(shared.count), 0.25 * Double(days.count), "\(shared.count) of \(days.count) days")
        XCTAssertTrue(shared.allSatisfy { Set($0.map { township[$0.village]! }).count == 1 })
        // The roster passes `check`.
        let check = try runCommand(["check", demo.path, "--roster", out.appendingPathComponent("roster.csv").path])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
    }

    func testScheduleIsDeterministic() throws {
        let a = try schedule(Paths.demo("nanning-wuming")).out, b = try schedule(Paths.demo("nanning-wuming")).out
        for file in [
            "roster.csv", "compliance.csv",
            "ics/\(try readRoster(a.appendingPathComponent("roster.csv"))[0].adviser).ics",
        ] {
            XCTAssertEqual(
                try Data(contentsOf: a.appendingPathComponent(file)),
                try Data(contentsOf: b.appendingPathComponent(file)), file)
        }
    }
}

/// A village missing from a county's ledger is a shortfall, not a pass.
final class MissingVillageCheckTests: XCTestCase {
    func testCheckFlagsAVillageWithNoSessions() throws {
        let demo = Paths.demo("nanning-wuming")
        let plan = Paths.temporaryFolder("plan")
        XCTAssertEqual(try runCommand(["assign", demo.path, "--out", plan.path, "--quiet"]).status, 0)
        let assignment = plan.appendingPathComponent("assignment.csv")
        XCTAssertEqual(
            try runCommand(["schedule", demo.path, "--assignment", assignment.path, "--out", plan.path, "--quiet"])
                .status, 0)
        let roster = try String(contentsOf: plan.appendingPathComponent("roster.csv"), encoding: .utf8)
        let missing = roster.split(separator: "\n")[1].split(separator: ",")[4]
        let without =
            roster.split(separator: "\n").filter { !$0.contains(",\(missing),") }.joined(separator: "\n") + "\n"
        let ledger = plan.appendingPathComponent("without.csv")
        try without.write(to: ledger, atomically: true, encoding: .utf8)
        for extra in [[String](), ["--assignment", assignment.path]] {
            let r = try runCommand(["check", demo.path, "--roster", ledger.path] + extra)
            XCTAssertEqual(r.status, 3, r.stdout)
            XCTAssertTrue(r.stdout.contains(String(missing)), r.stdout)
        }
    }
}
