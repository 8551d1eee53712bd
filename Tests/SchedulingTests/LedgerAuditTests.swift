import CounselTestSupport
import Foundation
import XCTest

// Village, Adviser and Unavailability have no public initialisers; the tests build them through
// `@testable` (debug builds, as `swift test` does).
@testable import CounselModel
@testable import Scheduling

// MARK: - Fixture

/// Scenarios, the shipped rule profiles and calendar, and a hand-made ledger, for the scheduling tests.
enum Fixture {
    /// `<package root>/Models`.
    static let models = PackageRoot.models

    static let profiles = ["rongchang", "guangdong", "nanning", "zhengning", "jiaocheng"]

    /// The shipped profile `name`.
    static func profile(_ name: String) throws -> RuleProfile {
        try RuleProfile.load(from: models.appendingPathComponent("rules/\(name).yaml"))
    }

    /// The shipped scheduling rules of `name`.
    static func rules(_ name: String) throws -> SchedulingRules {
        try XCTUnwrap(profile(name).scheduling, "\(name) has no scheduling section")
    }

    static func village(
        _ id: String, _ name: String, flexible: Bool? = nil, serviceDays: Set<Int>? = nil,
        evening: Bool? = nil
    ) -> Village {
        Village(
            id: id, name: name, kind: .village, township: "T1", county: "C1", latitude: 23.1, longitude: 108.2,
            needs: [], currentAdviser: nil, flexible: flexible, serviceDays: serviceDays, evening: evening)
    }

    static func adviser(_ id: String) -> Adviser {
        Adviser(
            id: id, name: "顾问\(id)", role: .lawyer, firm: nil, county: "C1", latitude: 23.1, longitude: 108.2,
            maxVillages: nil, hoursPerMonth: nil, specialties: [], status: .active, phone: "")
    }

    static let standardVillages = [village("V1", "双桥村"), village("V2", "江南社区")]

    /// A 2026 scenario under profile `rules`, with villages V1, V2 and advisers A1, A2.
    static func scenario(
        _ rules: String, villages: [Village] = standardVillages, schedule: ScheduleSettings = .defaults,
        unavailability: [Unavailability] = []
    ) throws -> Scenario {
        Scenario(
            name: "test", rules: try profile(rules), year: 2026, maxKm: nil, weights: .defaults,
            villages: villages, advisers: [adviser("A1"), adviser("A2")],
            counties: [County(id: "C1", name: "C1", city: "C1", underResourced: false)],
            directory: FileManager.default.temporaryDirectory, schedule: schedule, unavailability: unavailability)
    }

    /// The shipped 2026 calendar, found as the command finds it (Models/../Data/calendars).
    static func calendar() throws -> WorkCalendar {
        try WorkCalendar.load(for: scenario("nanning"), searchPath: [models])
    }

    static func day(_ text: String) -> Day { Day(text)! }

    /// A session on `date` from `start` to `end`.
    static func s(
        _ date: String, _ start: String, _ end: String, adviser: String = "A1", village: String = "V1",
        _ mode: Session.Mode = .onsite, _ activity: Session.Activity = .service, requested: String? = nil
    ) -> Session {
        Session(
            day: day(date), start: Session.minutes(start)!, end: Session.minutes(end)!, adviser: adviser,
            village: village,
            mode: mode, activity: activity, requestedOn: requested.map(day))
    }

    /// The first Monday–Friday working day on or after `year-month-day` (no make-up Saturdays).
    static func workday(_ calendar: WorkCalendar, _ month: Int, onOrAfter dayOfMonth: Int) -> Day {
        var d = Day(year: 2026, month: month, day: dayOfMonth)!
        while !(calendar.isWorkingDay(d) && d.weekday <= 5) { d = d.adding(1) }
        return d
    }

    /// A 2026 ledger of village V1 and adviser A1 that meets every village rule of all five profiles:
    /// every month an on-site visit 09:00–14:00 (5 h) and off-site service 15:00–18:00 (3 h) on a
    /// working day from the 10th; in the first month of every quarter an on-site lecture
    /// 09:00–11:00 and an on-site training 14:00–16:00 on a working day from the 20th.
    static func baseline(_ calendar: WorkCalendar, village: String = "V1", adviser: String = "A1") -> [Session] {
        var result: [Session] = []
        for m in 1...12 {
            let d = workday(calendar, m, onOrAfter: 10)
            result.append(
                Session(
                    day: d, start: 9 * 60, end: 14 * 60, adviser: adviser, village: village, mode: .onsite,
                    activity: .service))
            result.append(
                Session(
                    day: d, start: 15 * 60, end: 18 * 60, adviser: adviser, village: village, mode: .offsite,
                    activity: .service))
            if m % 3 == 1 {
                let l = workday(calendar, m, onOrAfter: 20)
                result.append(
                    Session(
                        day: l, start: 9 * 60, end: 11 * 60, adviser: adviser, village: village, mode: .onsite,
                        activity: .lecture))
                result.append(
                    Session(
                        day: l, start: 14 * 60, end: 16 * 60, adviser: adviser, village: village, mode: .onsite,
                        activity: .training))
            }
        }
        return result
    }

    /// Audits `sessions` under profile `rules` from `from` to `to`: the village rules, and with
    /// `duties` the duties of advisers and firms too (``DutyAuditTests``; the village tests leave
    /// them out, as `check --village` does, so that each sees only the rule it is about).
    static func audit(
        _ rules: String, _ sessions: [Session], villages: [Village] = standardVillages,
        schedule: ScheduleSettings = .defaults, unavailability: [Unavailability] = [],
        from: String = "2026-01", to: String = "2026-12", duties: Bool = false
    ) throws -> LedgerAudit.Outcome {
        let scenario = try scenario(rules, villages: villages, schedule: schedule, unavailability: unavailability)
        let audit = try LedgerAudit(scenario: scenario, calendar: calendar())
        let ledger = LedgerAudit.Ledger(
            roster: Roster(sessions), lines: [:], file: "roster.csv",
            entries: Roster(sessions).sessions.map { LedgerEntry(session: $0, file: "", line: 0, isRecord: false) })
        return audit.audit(ledger, from: Month(from)!, to: Month(to)!, duties: duties)
    }
}

/// Every finding, one per line, for failure messages.
func describe(_ findings: [LedgerAudit.Finding]) -> String {
    findings.isEmpty
        ? "(none)"
        : findings.map { "\($0.kind.rawValue) \($0.village) \($0.day?.description ?? $0.period ?? ""): \($0.message)" }
            .joined(separator: "\n")
}

/// Asserts there is exactly one finding, of `kind`, and that its message contains every phrase.
@discardableResult
func assertOnlyFinding(
    _ report: LedgerAudit.Outcome, _ kind: LedgerAudit.Finding.Kind, contains phrases: [String] = [],
    file: StaticString = #filePath, line: UInt = #line
) -> LedgerAudit.Finding? {
    guard report.findings.count == 1, let f = report.findings.first, f.kind == kind else {
        XCTFail(
            "expected exactly one \(kind.rawValue) finding, got:\n\(describe(report.findings))", file: file, line: line)
        return nil
    }
    for p in phrases where !f.message.contains(p) {
        XCTFail("the finding should mention '\(p)': \(f.message)", file: file, line: line)
    }
    return f
}

// MARK: - Tests

final class LedgerAuditTests: XCTestCase {
    var calendar: WorkCalendar!

    override func setUpWithError() throws {
        calendar = try Fixture.calendar()
    }

    private func month(_ s: Session, _ m: Int) -> Bool { s.day.month == m }

    // MARK: The baseline

    func testBaselineMeetsEveryProfile() throws {
        for name in Fixture.profiles {
            let report = try Fixture.audit(name, Fixture.baseline(calendar))
            XCTAssertTrue(report.isCompliant, "\(name):\n\(describe(report.findings))")
            XCTAssertFalse(report.rows.isEmpty, name)
            XCTAssertTrue(report.rows.allSatisfy(\.ok), name)
            XCTAssertEqual(report.villages, ["V1"], name)
            XCTAssertEqual(Set(report.rows.map(\.village)), ["V1"], "only villages in the ledger are evaluated")
        }
    }

    func testProfileWithoutSchedulingIsInvalidInput() throws {
        var scenario = try Fixture.scenario("nanning")
        scenario.rules.scheduling = nil
        XCTAssertThrowsError(try LedgerAudit(scenario: scenario, calendar: calendar)) { error in
            let d = (error as? ScenarioError)?.diagnostics ?? []
            XCTAssertEqual(d.count, 1)
            XCTAssertTrue(d.first?.message.contains("no 'scheduling' section") ?? false, "\(d)")
            XCTAssertTrue(d.first?.message.contains("nanning") ?? false, "\(d)")
        }
    }

    // MARK: Rongchang

    func testRongchangMonthlyVisitUnderFourHours() throws {
        var ledger = Fixture.baseline(calendar).filter {
            !(month($0, 3) && $0.mode == .onsite && $0.activity == .service)
        }
        ledger.append(Fixture.s("2026-03-10", "09:00", "12:00"))
        let report = try Fixture.audit("rongchang", ledger)
        let f = assertOnlyFinding(
            report, .shortfall,
            contains: [
                "双桥村 (V1)", "adviser A1", "March 2026", "monthly_onsite_visit",
                "of at least 4 hours", "1 shorter on-site session", "000 §三(三)",
            ])
        XCTAssertEqual(f?.period, "2026-03")
        XCTAssertEqual(f?.rule, "monthly_onsite_visit")
        XCTAssertTrue(f?.source.hasPrefix("000 §三(三)") ?? false)
        let row = report.rows.first { $0.rule == "monthly_onsite_visit" && $0.period == "2026-03" }
        XCTAssertEqual(row?.planned, 0)
        XCTAssertEqual(row?.required, 1)
    }

    func testRongchangYearlyFiftyHours() throws {
        // 12 visits of 4 h and 4 lectures of 15 minutes: 49 hours.
        var ledger: [Session] = []
        for m in 1...12 {
            let d = Fixture.workday(calendar, m, onOrAfter: 10)
            ledger.append(
                Session(
                    day: d, start: 9 * 60, end: 13 * 60, adviser: "A1", village: "V1", mode: .onsite, activity: .service
                ))
            if m % 3 == 1 {
                let l = Fixture.workday(calendar, m, onOrAfter: 20)
                ledger.append(
                    Session(
                        day: l, start: 9 * 60, end: 9 * 60 + 15, adviser: "A1", village: "V1", mode: .onsite,
                        activity: .lecture))
            }
        }
        let report = try Fixture.audit("rongchang", ledger)
        let f = assertOnlyFinding(
            report, .shortfall, contains: ["the year 2026", "yearly_service_hours", "at least 50 hours", "49 hours"])
        XCTAssertEqual(f?.period, "2026")
        XCTAssertTrue(f?.source.contains("全年") ?? false)
        // One more hour of phone service makes it.
        ledger.append(Fixture.s("2026-11-17", "10:00", "11:00", .offsite))
        XCTAssertTrue(try Fixture.audit("rongchang", ledger).isCompliant)
    }

    func testRongchangQuarterlyLecture() throws {
        let ledger = Fixture.baseline(calendar).filter { !(month($0, 4) && $0.activity == .lecture) }
        let report = try Fixture.audit("rongchang", ledger)
        let f = assertOnlyFinding(
            report, .shortfall,
            contains: ["Q2 2026 (April–June)", "quarterly_lecture", "at least 1 legal lecture", "0 counted"])
        XCTAssertEqual(f?.period, "2026-Q2")
    }

    func testRongchangResponseWithinFiveWorkingDaysAcrossSpringFestival() throws {
        // Requested Thursday 12 February. Working days after it: Fri 13, Sat 14 (make-up), then the
        // holiday week 15–23, then Tue 24 … Thu 26 is the 5th, Fri 27 the 6th.
        var ledger = Fixture.baseline(calendar)
        ledger.append(Fixture.s("2026-02-26", "10:00", "11:00", .offsite, requested: "2026-02-12"))
        XCTAssertTrue(try Fixture.audit("rongchang", ledger).isCompliant, "the 5th working day is in time")
        ledger.append(Fixture.s("2026-02-27", "10:00", "11:00", village: "V1", .offsite, requested: "2026-02-12"))
        let report = try Fixture.audit("rongchang", ledger)
        let f = assertOnlyFinding(
            report, .lateResponse,
            contains: [
                "双桥村 (V1)", "adviser A1", "2026-02-12", "2026-02-27",
                "6 working days", "within 5 working days", "000 §三(三)",
            ])
        XCTAssertEqual(f?.day, Fixture.day("2026-02-27"))
        // Nanning has no response rule: the same ledger is fine there.
        XCTAssertTrue(try Fixture.audit("nanning", ledger).isCompliant)
    }

    // MARK: Guangdong

    func testGuangdongOffsiteOverHalfDoesNotCount() throws {
        var ledger = Fixture.baseline(calendar).filter { !(month($0, 5) && $0.activity == .service) }
        ledger.append(Fixture.s("2026-05-11", "09:00", "12:00"))
        ledger.append(Fixture.s("2026-05-14", "09:00", "15:00", .offsite))
        let report = try Fixture.audit("guangdong", ledger)
        let f = assertOnlyFinding(
            report, .shortfall,
            contains: [
                "May 2026", "monthly_service_hours", "at least 8 hours of service",
                "at most 4 hours (50%)", "3 hours on site and 6 off site", "count as 7", "001 §(五),(八)",
            ])
        XCTAssertEqual(f?.period, "2026-05")
        // 4 hours on site and the same 6 off site: 8 counted, compliant.
        ledger.removeAll { $0.day == Fixture.day("2026-05-11") }
        ledger.append(Fixture.s("2026-05-11", "09:00", "13:00"))
        XCTAssertTrue(try Fixture.audit("guangdong", ledger).isCompliant)
    }

    /// H1: only the 5-hour visits and the quarterly lecture and training on site (38 h); H2 the
    /// same plus 2 hours more each month (50 h).
    private func flexibleLedger() -> [Session] {
        var ledger = Fixture.baseline(calendar).filter { !($0.day.month <= 6 && $0.mode == .offsite) }
        for m in 7...12 {
            let d = Fixture.workday(calendar, m, onOrAfter: 25)
            ledger.append(
                Session(
                    day: d, start: 9 * 60, end: 11 * 60, adviser: "A1", village: "V1", mode: .onsite, activity: .service
                ))
        }
        return ledger
    }

    func testGuangdongFlexibleModeCountsFiftyHoursPerHalfYear() throws {
        let villages = [Fixture.village("V1", "双桥村", flexible: true)]
        let report = try Fixture.audit("guangdong", flexibleLedger(), villages: villages)
        let f = assertOnlyFinding(
            report, .shortfall,
            contains: [
                "the first half of 2026", "half_year_onsite_hours", "at least 50 hours on site", "38 hours", "001 §(八)",
            ])
        XCTAssertEqual(f?.period, "2026-H1")
        XCTAssertFalse(
            report.rows.contains { $0.rule == "monthly_service_hours" },
            "flexible mode replaces the monthly service hours")
        XCTAssertEqual(
            report.rows.filter { $0.rule == "half_year_onsite_hours" }.map(\.period), ["2026-H1", "2026-H2"])
        XCTAssertEqual(report.rows.first { $0.period == "2026-H2" }?.planned, 50)
        XCTAssertEqual(
            report.rows.filter { $0.rule == "monthly_onsite_visit" }.count, 12, "the monthly visit still applies")
        // The scenario-wide setting does the same.
        var schedule = ScheduleSettings.defaults
        schedule.flexible = true
        XCTAssertEqual(
            try Fixture.audit("guangdong", flexibleLedger(), schedule: schedule).findings.map(\.period), ["2026-H1"])
    }

    func testGuangdongNotFlexibleCountsEveryMonth() throws {
        // The same ledger without flexible mode: 5 hours in the H1 months with no lecture and training.
        let report = try Fixture.audit("guangdong", flexibleLedger())
        XCTAssertEqual(
            report.findings.map(\.period), ["2026-02", "2026-03", "2026-05", "2026-06"], describe(report.findings))
        XCTAssertTrue(report.findings.allSatisfy { $0.rule == "monthly_service_hours" })
        XCTAssertFalse(report.rows.contains { $0.rule == "half_year_onsite_hours" })
    }

    func testGuangdongRecordedLecturesOverTwo() throws {
        var ledger = Fixture.baseline(calendar)
        for d in ["2026-03-03", "2026-06-02", "2026-09-01"] {
            ledger.append(Fixture.s(d, "10:00", "11:00", .recorded, .lecture))
        }
        let report = try Fixture.audit("guangdong", ledger)
        let f = assertOnlyFinding(
            report, .recordedLectures,
            contains: [
                "双桥村 (V1)", "adviser A1", "3 lectures in 2026", "2026-09-01",
                "at most 2", "001 §(五)",
            ])
        XCTAssertEqual(f?.day, Fixture.day("2026-09-01"))
        XCTAssertEqual(f?.period, "2026")
        // Two recorded lectures are allowed.
        ledger.removeAll { $0.day == Fixture.day("2026-09-01") }
        XCTAssertTrue(try Fixture.audit("guangdong", ledger).isCompliant)
        // A profile without the limit says nothing about recorded lectures.
        ledger.append(Fixture.s("2026-09-01", "10:00", "11:00", .recorded, .lecture))
        XCTAssertTrue(try Fixture.audit("nanning", ledger).isCompliant)
    }

    // MARK: Nanning

    func testNanningFiveHoursOnSiteEveryMonth() throws {
        var ledger = Fixture.baseline(calendar).filter { !(month($0, 8) && $0.mode == .onsite) }
        ledger.append(Fixture.s("2026-08-10", "09:00", "13:00"))
        let report = try Fixture.audit("nanning", ledger)
        let f = assertOnlyFinding(
            report, .shortfall,
            contains: [
                "August 2026", "monthly_onsite_hours", "at least 5 hours on site",
                "4 hours on site", "3 hours off site or online do not count", "002 §三(六)",
            ])
        XCTAssertEqual(f?.period, "2026-08")
    }

    func testNanningYearlyLecture() throws {
        let ledger = Fixture.baseline(calendar).filter { $0.activity != .lecture }
        let report = try Fixture.audit("nanning", ledger)
        let f = assertOnlyFinding(report, .shortfall, contains: ["the year 2026", "yearly_lecture", "002 §三(四),(六)"])
        XCTAssertEqual(f?.period, "2026")
    }

    // MARK: Zhengning

    func testZhengningEightHoursOnSitePerQuarter() throws {
        var ledger = Fixture.baseline(calendar).filter { !((7...9).contains($0.day.month) && $0.mode == .onsite) }
        for m in 7...9 {
            let d = Fixture.workday(calendar, m, onOrAfter: 10)
            ledger.append(
                Session(
                    day: d, start: 9 * 60, end: 11 * 60, adviser: "A1", village: "V1", mode: .onsite, activity: .service
                ))
        }
        let report = try Fixture.audit("zhengning", ledger)
        let f = assertOnlyFinding(
            report, .shortfall,
            contains: [
                "Q3 2026 (July–September)", "quarterly_onsite_hours", "at least 8 hours on site", "6 hours on site",
                "003 §二",
            ])
        XCTAssertEqual(f?.period, "2026-Q3")
    }

    func testZhengningTwoLecturesOrEventsPerYear() throws {
        var ledger = Fixture.baseline(calendar).filter { !($0.activity == .lecture && $0.day.month > 1) }
        let report = try Fixture.audit("zhengning", ledger)
        let f = assertOnlyFinding(
            report, .shortfall,
            contains: ["yearly_lectures_or_events", "at least 2 lectures or publicity events", "1 counted"])
        XCTAssertEqual(f?.period, "2026")
        // A publicity event counts as the second.
        ledger.append(Fixture.s("2026-06-16", "09:00", "11:00", .onsite, .event))
        XCTAssertTrue(try Fixture.audit("zhengning", ledger).isCompliant)
    }

    // MARK: Jiaocheng

    func testJiaochengQuarterlyTraining() throws {
        let ledger = Fixture.baseline(calendar).filter { !(month($0, 10) && $0.activity == .training) }
        let report = try Fixture.audit("jiaocheng", ledger)
        let f = assertOnlyFinding(
            report, .shortfall, contains: ["Q4 2026 (October–December)", "quarterly_training", "法律明白人", "004 §四(三)"])
        XCTAssertEqual(f?.period, "2026-Q4")
    }

    // MARK: Days, hours and people

    func testSessionOnAnOfficialHoliday() throws {
        for name in Fixture.profiles {
            var ledger = Fixture.baseline(calendar)
            ledger.append(Fixture.s("2026-10-01", "09:00", "11:00"))
            let report = try Fixture.audit(name, ledger)
            let f = assertOnlyFinding(
                report, .holiday,
                contains: ["双桥村 (V1)", "adviser A1", "2026-10-01 (Thursday)", "National Day", "cn-2026.csv"])
            XCTAssertEqual(f?.day, Fixture.day("2026-10-01"))
            // No document forbids a session on a holiday: a warning, not a breach.
            XCTAssertEqual(f?.severity, .warning)
            XCTAssertTrue(report.isCompliant, name)
            XCTAssertTrue(f?.message.contains("not a breach") ?? false, f?.message ?? "")
        }
        // A holiday is never usable, even where weekends are.
        var ledger = Fixture.baseline(calendar)
        ledger.append(Fixture.s("2026-02-21", "09:00", "11:00"))  // Saturday in the Spring Festival break
        let weekends = [Fixture.village("V1", "双桥村", serviceDays: [6, 7])]
        assertOnlyFinding(
            try Fixture.audit("nanning", ledger, villages: weekends), .holiday, contains: ["Spring Festival"])
    }

    func testSessionOnARestDayTheVillageDoesNotAllow() throws {
        var ledger = Fixture.baseline(calendar)
        ledger.append(Fixture.s("2026-03-14", "09:00", "11:00"))  // an ordinary Saturday
        let f = assertOnlyFinding(
            try Fixture.audit("nanning", ledger), .restDay,
            contains: ["2026-03-14 (Saturday)", "working days only", "scenario.yaml service_days"])
        XCTAssertEqual(f?.village, "V1")
        XCTAssertEqual(f?.severity, .breach)
        XCTAssertFalse(
            f?.message.contains("001") ?? true, "the message cites only the village's setting, which is what it breaks")
        // Allowed where the village is served on Saturdays (but not on Sundays).
        let saturdays = [Fixture.village("V1", "双桥村", serviceDays: [6])]
        XCTAssertTrue(try Fixture.audit("nanning", ledger, villages: saturdays).isCompliant)
        ledger.append(Fixture.s("2026-03-15", "09:00", "11:00"))
        assertOnlyFinding(
            try Fixture.audit("nanning", ledger, villages: saturdays), .restDay,
            contains: ["2026-03-15 (Sunday)", "working days and Saturday", "villages.csv service_days of V1"])
        // A make-up Saturday is a working day.
        var makeUp = Fixture.baseline(calendar)
        makeUp.append(Fixture.s("2026-02-14", "09:00", "11:00"))
        XCTAssertTrue(try Fixture.audit("nanning", makeUp).isCompliant)
    }

    func testEveningSessionWhereEveningsAreNotAllowed() throws {
        var ledger = Fixture.baseline(calendar)
        ledger.append(Fixture.s("2026-03-17", "16:30", "18:30"))  // ends at 18:30: not an evening
        XCTAssertTrue(try Fixture.audit("guangdong", ledger).isCompliant)
        ledger.append(Fixture.s("2026-03-18", "19:00", "21:00"))
        let f = assertOnlyFinding(
            try Fixture.audit("nanning", ledger), .evening,
            contains: [
                "双桥村 (V1)", "adviser A1", "2026-03-18", "19:00–21:00", "ends after 18:30", "scenario.yaml evening",
            ])
        XCTAssertEqual(f?.day, Fixture.day("2026-03-18"))
        XCTAssertEqual(f?.severity, .breach)
        XCTAssertFalse(
            f?.message.contains("001") ?? true, "no document forbids evenings: the message cites only the setting")
        XCTAssertFalse(try Fixture.audit("nanning", ledger).isCompliant)
        XCTAssertTrue(
            try Fixture.audit("nanning", ledger, villages: [Fixture.village("V1", "双桥村", evening: true)]).isCompliant)
        var schedule = ScheduleSettings.defaults
        schedule.window.evening = true
        let open = try Fixture.audit("nanning", ledger, schedule: schedule)
        XCTAssertTrue(open.isCompliant)
        XCTAssertTrue(open.findings.isEmpty, describe(open.findings))
    }

    func testOverlappingSessionsOfOneAdviser() throws {
        // A2 serves V2 on the same days as A1 serves V1: no finding.
        var overlap = Fixture.baseline(calendar) + Fixture.baseline(calendar, village: "V2", adviser: "A2")
        XCTAssertTrue(try Fixture.audit("nanning", overlap).isCompliant)
        overlap.append(Fixture.s("2026-03-18", "09:00", "12:00"))
        overlap.append(Fixture.s("2026-03-18", "11:00", "13:00", village: "V2"))
        // another adviser: fine
        overlap.append(Fixture.s("2026-03-18", "11:00", "13:00", adviser: "A2", village: "V2"))
        overlap.append(Fixture.s("2026-03-19", "09:00", "12:00"))
        overlap.append(Fixture.s("2026-03-19", "12:00", "13:00", village: "V2"))  // back to back: fine
        let report = try Fixture.audit("nanning", overlap)
        let overlaps = report.findings.filter { $0.kind == .overlap }
        XCTAssertEqual(overlaps.count, 1, describe(report.findings))
        let f = overlaps.first
        XCTAssertEqual(f?.adviser, "A1")
        XCTAssertEqual(f?.day, Fixture.day("2026-03-18"))
        for p in ["adviser A1", "2026-03-18", "09:00–12:00 in 双桥村 (V1)", "11:00–13:00 in 江南社区 (V2)"] {
            XCTAssertTrue(f?.message.contains(p) ?? false, "\(p): \(f?.message ?? "")")
        }
        // The same session entered twice.
        var twice = Fixture.baseline(calendar)
        twice.append(Fixture.s("2026-03-18", "09:00", "11:00"))
        twice.append(Fixture.s("2026-03-18", "09:00", "11:00"))
        assertOnlyFinding(try Fixture.audit("nanning", twice), .overlap, contains: ["entered twice"])
    }

    func testDailyHoursLimit() throws {
        var ledger = Fixture.baseline(calendar) + Fixture.baseline(calendar, village: "V2", adviser: "A2")
        ledger.append(Fixture.s("2026-03-18", "08:00", "13:00"))
        ledger.append(Fixture.s("2026-03-18", "14:00", "18:00", village: "V2", .offsite))
        let f = assertOnlyFinding(
            try Fixture.audit("nanning", ledger), .dailyLimit,
            contains: ["adviser A1", "2026-03-18", "9 hours", "双桥村 (V1), 江南社区 (V2)", "limit of 8 hours", "daily_hours"])
        XCTAssertEqual(f?.day, Fixture.day("2026-03-18"))
        var schedule = ScheduleSettings.defaults
        schedule.dailyHours = 9
        XCTAssertTrue(
            try Fixture.audit("nanning", ledger, schedule: schedule).isCompliant, "exactly at the limit is fine")
    }

    func testSessionWhileTheAdviserIsOnLeave() throws {
        let leave = [
            Unavailability(
                adviser: "A1", from: Fixture.day("2026-05-12"), to: Fixture.day("2026-05-15"), reason: "年假 annual leave"
            )
        ]
        var ledger = Fixture.baseline(calendar)
        ledger.append(Fixture.s("2026-05-13", "09:00", "11:00"))
        ledger.append(Fixture.s("2026-05-13", "09:00", "11:00", adviser: "A2", village: "V1"))  // A2 is not away
        let f = assertOnlyFinding(
            try Fixture.audit("nanning", ledger, unavailability: leave), .unavailable,
            contains: [
                "双桥村 (V1)", "adviser A1", "2026-05-13", "2026-05-12 to 2026-05-15", "annual leave", "availability.csv",
            ])
        XCTAssertEqual(f?.adviser, "A1")
        XCTAssertTrue(try Fixture.audit("nanning", ledger).isCompliant)
    }

    // MARK: Range, advisers, order

    func testOnlyWholePeriodsInsideTheRangeAreEvaluated() throws {
        var ledger = Fixture.baseline(calendar)
        ledger.append(Fixture.s("2026-01-01", "09:00", "10:00"))  // a holiday, outside the range
        let report = try Fixture.audit("zhengning", ledger, from: "2026-02", to: "2026-07")
        XCTAssertTrue(report.isCompliant, describe(report.findings))
        XCTAssertEqual(report.rows.map(\.period), ["2026-Q2"], "Q1 and Q3 are cut, the year is not whole")
        XCTAssertEqual(report.from, Month("2026-02"))
        XCTAssertEqual(report.sessionsAudited + report.sessionsOutside, ledger.count)
        let nanning = try Fixture.audit("nanning", ledger, from: "2026-02", to: "2026-07")
        XCTAssertEqual(nanning.rows.map(\.period), ["2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"])
        let all = try Fixture.audit("nanning", ledger)
        assertOnlyFinding(all, .holiday, contains: ["New Year"])
    }

    func testComplianceRowsNameTheAdviserWithMostSessions() throws {
        var ledger = Fixture.baseline(calendar)
        ledger.append(Fixture.s("2026-03-23", "09:00", "10:00", adviser: "A2"))
        ledger += [
            Fixture.s("2026-03-18", "09:00", "10:00", adviser: "A2", village: "V2"),
            Fixture.s("2026-03-19", "09:00", "10:00", adviser: "A1", village: "V2"),
            Fixture.s("2026-03-20", "09:00", "10:00", adviser: "A2", village: "V2"),
        ]
        let report = try Fixture.audit("nanning", ledger)
        XCTAssertEqual(Set(report.rows.filter { $0.village == "V1" }.map(\.adviser)), ["A1"])
        XCTAssertEqual(Set(report.rows.filter { $0.village == "V2" }.map(\.adviser)), ["A2"])
        XCTAssertEqual(report.advisers, ["V1": "A1", "V2": "A2"])
        // Findings come grouped by village, and by date within a village.
        XCTAssertEqual(report.findings.map(\.village), report.findings.map(\.village).sorted())
        XCTAssertTrue(
            report.findings.allSatisfy { $0.village == "V2" && $0.kind == .shortfall }, describe(report.findings))
        XCTAssertEqual(report.findings.first?.period, "2026-01")
        XCTAssertEqual(report.counts.map(\.kind), [.shortfall])
    }

    // MARK: Reading a ledger file

    private func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testLedgerWithUnknownIdsIsInvalidInput() throws {
        let url = try write(
            """
            date,start,end,adviser_id,village_id,mode,activity,team_id
            2026-03-10,09:00,14:00,A1,V1,onsite,service,
            2026-03-11,09:00,14:00,A9,V1,onsite,service,
            2026-03-12,09:00,14:00,A1,V404,onsite,service,

            """)
        XCTAssertThrowsError(
            try LedgerAudit.loadLedger(from: url, displayName: "ledger.csv", scenario: Fixture.scenario("nanning"))
        ) { error in
            let d = (error as? ScenarioError)?.diagnostics ?? []
            XCTAssertEqual(
                d.map(\.description),
                [
                    "ledger.csv:3:24: adviser_id: 'A9' is not an adviser in the scenario's advisers.csv",
                    "ledger.csv:4:27: village_id: 'V404' is not a village in the scenario's villages.csv",
                ])
        }
    }

    func testMalformedLedgerListsEveryProblem() throws {
        let url = try write(
            """
            date,start,end,adviser_id,village_id,mode,activity,team_id,requested_on
            2026-3-10,09:00,14:00,A1,V1,onsite,service,,
            2026-03-11,9:00,25:00,A1,V1,walking,service,,
            2026-03-12,09:00,14:00,A1,V7,onsite,service,,2026-03-13

            """)
        XCTAssertThrowsError(
            try LedgerAudit.loadLedger(from: url, displayName: "ledger.csv", scenario: Fixture.scenario("rongchang"))
        ) { error in
            let d = (error as? ScenarioError)?.diagnostics ?? []
            XCTAssertEqual(
                d.map { "\($0.line ?? 0):\($0.column ?? 0)" }, ["2:1", "3:17", "3:29", "4:27", "4:46"],
                d.map(\.description).joined(separator: "\n"))
            XCTAssertTrue(d.allSatisfy { $0.file == "ledger.csv" })
            XCTAssertTrue(d[4].message.contains("dated after the session"), d[4].message)
        }
    }

    func testLedgerRemembersLinesForFindings() throws {
        let url = try write(
            """
            date,start,end,adviser_id,village_id,mode,activity,team_id,person_served,content,result,requested_on
            2026-03-10,09:00,14:00,A1,V1,onsite,service,,村民王某,土地承包咨询,已答复,2026-03-02
            2026-10-01,09:00,10:00,A1,V1,onsite,service,,村民李某,婚姻家庭咨询,已解答,

            """)
        let scenario = try Fixture.scenario("rongchang")
        let ledger = try LedgerAudit.loadLedger(from: url, displayName: "ledger.csv", scenario: scenario)
        XCTAssertEqual(ledger.roster.sessions.count, 2)
        XCTAssertEqual(ledger.roster.sessions.first?.personServed, "村民王某")
        let report = try LedgerAudit(scenario: scenario, calendar: calendar).audit(
            ledger, from: Month("2026-03")!, to: Month("2026-10")!)
        let late = report.findings.first { $0.kind == .lateResponse }
        XCTAssertEqual(late?.lines, [2])
        XCTAssertTrue(late?.message.contains("6 working days") ?? false, late?.message ?? "no late finding")
        XCTAssertEqual(report.findings.first { $0.kind == .holiday }?.lines, [3])
    }
}
