import Foundation
import XCTest

@testable import CounselModel
@testable import Scheduling

/// How ``ComplianceEvaluator`` counts each measure and period of the shipped profiles.
final class ComplianceTests: XCTestCase {
    private func requirement(_ profile: String, _ id: String) throws -> SchedulingRules.Requirement {
        let rules = try Fixture.rules(profile)
        return try XCTUnwrap(
            (rules.requirements + rules.flexibleRequirements).first { $0.id == id }, "\(profile) has no \(id)")
    }

    private func measure(_ profile: String, _ id: String, _ sessions: [Session]) throws -> Double {
        ComplianceEvaluator(rules: try Fixture.rules(profile)).measure(try requirement(profile, id), sessions)
    }

    private func s(_ date: String, _ start: String, _ end: String, _ mode: Session.Mode, _ activity: Session.Activity)
        -> Session
    {
        Fixture.s(date, start, end, mode, activity)
    }

    // MARK: Measures

    func testOnsiteVisitsCountOnlyVisitsOfTheMinimumLength() throws {
        // Rongchang: one visit of at least 4 hours a month (000 §三(三)).
        let r = try requirement("rongchang", "monthly_onsite_visit")
        XCTAssertEqual(r.measure, .onsiteVisits)
        XCTAssertEqual(r.minVisitHours, 4)
        XCTAssertEqual(
            try measure("rongchang", "monthly_onsite_visit", [s("2026-03-10", "09:00", "12:59", .onsite, .service)]), 0)
        XCTAssertEqual(
            try measure("rongchang", "monthly_onsite_visit", [s("2026-03-10", "09:00", "13:00", .onsite, .service)]), 1)
        XCTAssertEqual(
            try measure("rongchang", "monthly_onsite_visit", [s("2026-03-10", "09:00", "13:00", .offsite, .service)]),
            0,
            "an off-site session is no visit")
        XCTAssertEqual(
            try measure(
                "rongchang", "monthly_onsite_visit",
                [
                    s("2026-03-10", "09:00", "13:00", .online, .service),
                    s("2026-03-11", "09:00", "10:00", .onsite, .service),
                ]), 0)
        // Guangdong: any on-site visit counts (no minimum length).
        XCTAssertNil(try requirement("guangdong", "monthly_onsite_visit").minVisitHours)
        XCTAssertEqual(
            try measure(
                "guangdong", "monthly_onsite_visit",
                [
                    s("2026-03-10", "09:00", "10:00", .onsite, .service),
                    s("2026-03-11", "09:00", "10:00", .onsite, .lecture),
                ]), 2)
    }

    func testOnsiteHoursAddUpOnSiteSessionsOfAnyActivity() throws {
        let sessions = [
            s("2026-03-10", "09:00", "12:00", .onsite, .service), s("2026-03-20", "14:00", "16:00", .onsite, .lecture),
            s("2026-03-21", "09:00", "12:00", .offsite, .service), s("2026-03-22", "09:00", "12:00", .online, .service),
        ]
        XCTAssertEqual(try measure("nanning", "monthly_onsite_hours", sessions), 5)
        XCTAssertEqual(try measure("zhengning", "quarterly_onsite_hours", sessions), 5)
        XCTAssertEqual(
            try measure("nanning", "monthly_onsite_hours", [s("2026-03-10", "09:30", "11:15", .onsite, .service)]), 1.75
        )
    }

    func testServiceHoursCapOffSiteAtHalfTheMinimumInGuangdong() throws {
        let r = try requirement("guangdong", "monthly_service_hours")
        XCTAssertEqual(r.minimum, 8)
        XCTAssertEqual(r.offsiteShareMax, 0.5)
        // 4 h on site + 6 h off site = 4 + min(6, 4) = 8.
        let met = [
            s("2026-03-10", "09:00", "13:00", .onsite, .service), s("2026-03-11", "09:00", "15:00", .offsite, .service),
        ]
        XCTAssertEqual(try measure("guangdong", "monthly_service_hours", met), 8)
        // 2 h on site + 6 h off site = 6.
        let short = [
            s("2026-03-10", "09:00", "11:00", .onsite, .service), s("2026-03-11", "09:00", "15:00", .offsite, .service),
        ]
        XCTAssertEqual(try measure("guangdong", "monthly_service_hours", short), 6)
        // Online and recorded count as off-site.
        let mixed = [
            s("2026-03-10", "09:00", "14:00", .onsite, .service), s("2026-03-11", "09:00", "11:00", .online, .service),
            s("2026-03-12", "09:00", "11:00", .recorded, .lecture),
        ]
        XCTAssertEqual(try measure("guangdong", "monthly_service_hours", mixed), 9)
        // Rongchang has no cap: every hour of every mode counts.
        XCTAssertNil(try requirement("rongchang", "yearly_service_hours").offsiteShareMax)
        XCTAssertEqual(try measure("rongchang", "yearly_service_hours", short), 8)
    }

    func testLecturesCountEveryModeButRecordedOnlyUpToTheYearlyCap() throws {
        XCTAssertEqual(try Fixture.rules("guangdong").recordedLecturesPerYear?.value, 2)
        let recorded = ["2026-03-03", "2026-06-02", "2026-09-01"].map { s($0, "10:00", "11:00", .recorded, .lecture) }
        // Guangdong's law class is an adviser's duty now (001 §(一)); a village lecture rule under
        // Guangdong's recorded-lecture cap counts as this one does.
        let evaluator = ComplianceEvaluator(rules: try Fixture.rules("guangdong"))
        let lectures = SchedulingRules.Requirement(
            id: "yearly_lecture", measure: .lectures, period: .year, minimum: 1, minVisitHours: nil,
            offsiteShareMax: nil, replacedInFlexibleMode: false, audience: nil, source: "test")
        XCTAssertEqual(evaluator.measure(lectures, recorded), 2)
        XCTAssertEqual(
            evaluator.measure(
                lectures,
                recorded + [
                    s("2026-10-13", "10:00", "12:00", .onsite, .lecture),
                    s("2026-10-14", "10:00", "12:00", .online, .lecture),
                ]), 4)
        XCTAssertEqual(
            evaluator.measure(
                lectures,
                [
                    s("2026-10-13", "10:00", "12:00", .onsite, .service),
                    s("2026-10-14", "10:00", "12:00", .onsite, .training),
                ]), 0,
            "service and trainings are no lectures")
        // Without a cap (Nanning) every recorded lecture counts.
        XCTAssertNil(try Fixture.rules("nanning").recordedLecturesPerYear)
        XCTAssertEqual(try measure("nanning", "yearly_lecture", recorded), 3)
    }

    func testTrainingsCountTrainingsOnly() throws {
        let r = try requirement("jiaocheng", "quarterly_training")
        XCTAssertEqual(r.measure, .trainings)
        XCTAssertEqual(r.period, .quarter)
        XCTAssertTrue(r.audience?.contains("法律明白人") ?? false)
        let sessions = [
            s("2026-04-14", "09:00", "11:00", .onsite, .training),
            s("2026-05-14", "09:00", "11:00", .online, .training),
            s("2026-06-14", "09:00", "11:00", .onsite, .lecture),
        ]
        XCTAssertEqual(try measure("jiaocheng", "quarterly_training", sessions), 2)
    }

    func testLecturesOrEventsCountBoth() throws {
        let sessions = [
            s("2026-04-14", "09:00", "11:00", .onsite, .lecture), s("2026-05-14", "09:00", "11:00", .onsite, .event),
            s("2026-06-14", "09:00", "11:00", .onsite, .training), s("2026-06-15", "09:00", "11:00", .onsite, .service),
        ]
        XCTAssertEqual(try measure("zhengning", "yearly_lectures_or_events", sessions), 2)
        XCTAssertEqual(try measure("zhengning", "yearly_lectures_or_events", Array(sessions.prefix(1))), 1)
    }

    // MARK: Periods

    func testPeriodKeys() {
        let d = Fixture.day("2026-05-20")
        XCTAssertEqual(SchedulingRules.Period.month.key(of: d), "2026-05")
        XCTAssertEqual(SchedulingRules.Period.quarter.key(of: d), "2026-Q2")
        XCTAssertEqual(SchedulingRules.Period.halfYear.key(of: d), "2026-H1")
        XCTAssertEqual(SchedulingRules.Period.year.key(of: d), "2026")
        XCTAssertEqual(SchedulingRules.Period.quarter.key(of: Fixture.day("2026-12-31")), "2026-Q4")
        XCTAssertEqual(SchedulingRules.Period.quarter.key(of: Fixture.day("2026-07-01")), "2026-Q3")
        XCTAssertEqual(SchedulingRules.Period.halfYear.key(of: Fixture.day("2026-06-30")), "2026-H1")
        XCTAssertEqual(SchedulingRules.Period.halfYear.key(of: Fixture.day("2026-07-01")), "2026-H2")
        XCTAssertEqual(SchedulingRules.Period.month.key(of: Fixture.day("2026-01-01")), "2026-01")
    }

    func testPeriodBounds() {
        func bounds(_ p: SchedulingRules.Period, _ d: String) -> String {
            let b = p.bounds(of: Fixture.day(d))
            return "\(b.first)…\(b.last)"
        }
        XCTAssertEqual(bounds(.month, "2024-02-10"), "2024-02-01…2024-02-29", "leap year")
        XCTAssertEqual(bounds(.month, "2026-02-10"), "2026-02-01…2026-02-28")
        XCTAssertEqual(bounds(.month, "2026-04-30"), "2026-04-01…2026-04-30")
        XCTAssertEqual(bounds(.quarter, "2026-02-10"), "2026-01-01…2026-03-31")
        XCTAssertEqual(bounds(.quarter, "2026-08-31"), "2026-07-01…2026-09-30")
        XCTAssertEqual(bounds(.quarter, "2026-11-01"), "2026-10-01…2026-12-31")
        XCTAssertEqual(bounds(.halfYear, "2026-06-30"), "2026-01-01…2026-06-30")
        XCTAssertEqual(bounds(.halfYear, "2026-07-01"), "2026-07-01…2026-12-31")
        XCTAssertEqual(bounds(.year, "2026-05-05"), "2026-01-01…2026-12-31")
    }

    func testOnlyPeriodsWhollyInsideTheRange() {
        func keys(_ p: SchedulingRules.Period, _ from: String, _ to: String) -> [String] {
            ComplianceEvaluator.periods(p, from: Month(from)!, to: Month(to)!).map(\.key)
        }
        XCTAssertEqual(keys(.month, "2026-11", "2027-02"), ["2026-11", "2026-12", "2027-01", "2027-02"])
        XCTAssertEqual(keys(.quarter, "2026-02", "2026-09"), ["2026-Q2", "2026-Q3"])
        XCTAssertEqual(keys(.quarter, "2026-01", "2026-02"), [])
        XCTAssertEqual(keys(.halfYear, "2026-01", "2026-12"), ["2026-H1", "2026-H2"])
        XCTAssertEqual(keys(.halfYear, "2026-02", "2026-12"), ["2026-H2"])
        XCTAssertEqual(keys(.year, "2026-01", "2026-12"), ["2026"])
        XCTAssertEqual(keys(.year, "2026-01", "2026-11"), [])
        XCTAssertEqual(keys(.year, "2025-07", "2027-06"), ["2026"])
        let q = ComplianceEvaluator.periods(.quarter, from: Month("2026-04")!, to: Month("2026-06")!)
        XCTAssertEqual(q.first?.first, Fixture.day("2026-04-01"))
        XCTAssertEqual(q.first?.last, Fixture.day("2026-06-30"))
    }

    func testEvaluateCountsEachPeriodSeparately() throws {
        let evaluator = ComplianceEvaluator(rules: try Fixture.rules("nanning"))
        let v = Fixture.village("V1", "双桥村")
        // 5 h in March (on its last day), 4 h in April (on its first day).
        let roster = Roster([
            s("2026-03-31", "09:00", "14:00", .onsite, .service), s("2026-04-01", "09:00", "13:00", .onsite, .service),
            s("2026-04-02", "09:00", "11:00", .onsite, .lecture),
        ])
        let rows = evaluator.evaluate(
            roster, villages: [(v, "A1", false)], from: Month("2026-03")!, to: Month("2026-04")!)
        XCTAssertEqual(
            rows.map { "\($0.rule) \($0.period) \($0.planned) \($0.ok)" },
            ["monthly_onsite_hours 2026-03 5.0 true", "monthly_onsite_hours 2026-04 6.0 true"])
        XCTAssertTrue(rows.allSatisfy { $0.source.contains("002 §三(六)") && $0.adviser == "A1" && $0.village == "V1" })
        let csv = ComplianceEvaluator.csv(rows)
        XCTAssertEqual(
            csv,
            "village_id,adviser_id,rule,period,required,planned,ok\nV1,A1,monthly_onsite_hours,2026-03,5,5,yes\nV1,A1,monthly_onsite_hours,2026-04,5,6,yes\n"
        )
    }

    // MARK: Flexible mode

    func testFlexibleModeReplacesMonthlyServiceHoursWithFiftyOnSiteHoursPerHalfYear() throws {
        let rules = try Fixture.rules("guangdong")
        XCTAssertEqual(
            rules.requirements(flexible: false).map(\.id), ["monthly_onsite_visit", "monthly_service_hours"])
        XCTAssertEqual(
            rules.requirements(flexible: true).map(\.id), ["monthly_onsite_visit", "half_year_onsite_hours"])
        let half = try requirement("guangdong", "half_year_onsite_hours")
        XCTAssertEqual(half.measure, .onsiteHours)
        XCTAssertEqual(half.period, .halfYear)
        XCTAssertEqual(half.minimum, 50)
        XCTAssertTrue(half.source.contains("001 §(八)"))
        // Profiles without flexible requirements are unchanged in flexible mode.
        let nanning = try Fixture.rules("nanning")
        XCTAssertEqual(nanning.requirements(flexible: true).map(\.id), nanning.requirements(flexible: false).map(\.id))

        // Uneven demand: 30 on-site hours in January, 20 in June, nothing in between.
        let v = Fixture.village("V1", "双桥村")
        var sessions: [Session] = []
        for d in ["2026-01-12", "2026-01-13", "2026-01-14"] {
            sessions.append(s(d, "08:00", "18:00", .onsite, .service))
        }
        for d in ["2026-06-15", "2026-06-16"] { sessions.append(s(d, "08:00", "18:00", .onsite, .service)) }
        let evaluator = ComplianceEvaluator(rules: rules)
        let flexible = evaluator.evaluate(
            Roster(sessions), villages: [(v, "A1", true)], from: Month("2026-01")!, to: Month("2026-06")!)
        XCTAssertEqual(flexible.first { $0.rule == "half_year_onsite_hours" }?.planned, 50)
        XCTAssertTrue(flexible.first { $0.rule == "half_year_onsite_hours" }?.ok ?? false)
        XCTAssertFalse(flexible.contains { $0.rule == "monthly_service_hours" })
        let monthly = evaluator.evaluate(
            Roster(sessions), villages: [(v, "A1", false)], from: Month("2026-01")!, to: Month("2026-06")!)
        XCTAssertEqual(
            monthly.filter { $0.rule == "monthly_service_hours" && !$0.ok }.map(\.period),
            ["2026-02", "2026-03", "2026-04", "2026-05"])
        XCTAssertFalse(monthly.contains { $0.rule == "half_year_onsite_hours" })
    }
}
