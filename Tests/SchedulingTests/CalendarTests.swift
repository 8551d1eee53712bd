import Foundation
import XCTest

@testable import CounselModel

/// The working calendar (Data/calendars/cn-2026.csv) and date arithmetic.
final class CalendarTests: XCTestCase {
    var calendar: WorkCalendar!

    override func setUpWithError() throws {
        calendar = try Fixture.calendar()
    }

    private func day(_ s: String) -> Day { Fixture.day(s) }

    // MARK: cn-2026

    func testTheShippedCalendarIsFoundForA2026Scenario() throws {
        XCTAssertEqual(calendar.source, "cn-2026.csv")
        XCTAssertEqual(calendar.years, [2026])
        XCTAssertEqual(calendar.entries.count, 39)
    }

    func testMakeUpSaturdayIsAWorkingDay() {
        // The file lists 2026-02-14 as 春节调休 make-up workday; it is a Saturday.
        let d = day("2026-02-14")
        XCTAssertEqual(d.weekday, 6)
        XCTAssertEqual(calendar.entries[d]?.kind, .workday)
        XCTAssertTrue(calendar.isWorkingDay(d))
        XCTAssertFalse(calendar.isHoliday(d))
        // The other make-up days in the file, Sunday 4 January and Saturday 10 October.
        XCTAssertEqual(day("2026-01-04").weekday, 7)
        XCTAssertTrue(calendar.isWorkingDay(day("2026-01-04")))
        XCTAssertEqual(day("2026-10-10").weekday, 6)
        XCTAssertTrue(calendar.isWorkingDay(day("2026-10-10")))
    }

    func testSpringFestivalDaysAreHolidays() {
        var d = day("2026-02-15")
        while d <= day("2026-02-23") {
            XCTAssertTrue(calendar.isHoliday(d), "\(d)")
            XCTAssertFalse(calendar.isWorkingDay(d), "\(d)")
            XCTAssertEqual(calendar.entries[d]?.name, "春节 Spring Festival")
            d = d.adding(1)
        }
        XCTAssertEqual(day("2026-02-16").weekday, 1, "a Monday off")
        XCTAssertFalse(calendar.isHoliday(day("2026-02-24")))
        XCTAssertTrue(calendar.isWorkingDay(day("2026-02-24")))
        XCTAssertTrue(calendar.isHoliday(day("2026-10-01")))
        XCTAssertTrue(calendar.isHoliday(day("2026-01-01")))
    }

    func testOrdinaryWeekdaysAndWeekends() {
        XCTAssertEqual(day("2026-03-10").weekday, 2)
        XCTAssertTrue(calendar.isWorkingDay(day("2026-03-10")))
        XCTAssertFalse(calendar.isHoliday(day("2026-03-10")))
        XCTAssertEqual(day("2026-03-14").weekday, 6)
        XCTAssertFalse(calendar.isWorkingDay(day("2026-03-14")))
        XCTAssertFalse(calendar.isHoliday(day("2026-03-14")), "a weekend is a rest day, not a holiday")
        XCTAssertFalse(calendar.isWorkingDay(day("2026-03-15")))
        // Outside the years the file covers: plain Monday–Friday.
        XCTAssertTrue(calendar.isWorkingDay(day("2027-01-01")), "Friday; no 2027 holidays known")
        XCTAssertFalse(calendar.isWorkingDay(day("2027-01-02")))
    }

    func testWorkingDaysBetweenAcrossTheHolidayWeek() {
        // After Thu 12 Feb: Fri 13, Sat 14 (make-up), holidays 15–23, Tue 24, Wed 25, Thu 26, Fri 27.
        XCTAssertEqual(calendar.workingDaysBetween(day("2026-02-12"), day("2026-02-26")), 5)
        XCTAssertEqual(calendar.workingDaysBetween(day("2026-02-12"), day("2026-02-27")), 6)
        XCTAssertEqual(calendar.workingDaysBetween(day("2026-02-13"), day("2026-02-24")), 2)
        XCTAssertEqual(calendar.workingDaysBetween(day("2026-02-14"), day("2026-02-23")), 0)
        // Sat 28 Feb is a make-up workday too.
        XCTAssertEqual(calendar.workingDaysBetween(day("2026-02-27"), day("2026-03-02")), 2)
        // National Day week: after Wed 30 Sep, 1–7 Oct off, Thu 8, Fri 9, Sat 10 (make-up).
        XCTAssertEqual(calendar.workingDaysBetween(day("2026-09-30"), day("2026-10-10")), 3)
        // Same day and backwards: 0.
        XCTAssertEqual(calendar.workingDaysBetween(day("2026-03-10"), day("2026-03-10")), 0)
        XCTAssertEqual(calendar.workingDaysBetween(day("2026-03-10"), day("2026-03-09")), 0)
        // An ordinary week.
        XCTAssertEqual(calendar.workingDaysBetween(day("2026-03-06"), day("2026-03-13")), 5)
        XCTAssertEqual(
            calendar.workingDays(from: day("2026-02-13"), to: day("2026-02-24")).map(\.description),
            ["2026-02-13", "2026-02-14", "2026-02-24"])
    }

    func testCalendarLookupFailsClearlyForAYearWithoutAFile() throws {
        var scenario = try Fixture.scenario("nanning")
        scenario.year = 2031
        XCTAssertThrowsError(try WorkCalendar.load(for: scenario, searchPath: [Fixture.models])) { error in
            let message = (error as? ScenarioError)?.diagnostics.first?.message ?? ""
            XCTAssertTrue(message.contains("cn-2031.csv"), message)
        }
        scenario.year = 2026
        scenario.calendar = "cn-2026.csv"
        XCTAssertEqual(try WorkCalendar.load(for: scenario, searchPath: [Fixture.models]).entries.count, 39)
    }

    // MARK: Day

    func testParsing() {
        XCTAssertEqual(Day("2026-02-14")?.components.year, 2026)
        XCTAssertEqual(Day("2026-02-14")?.components.month, 2)
        XCTAssertEqual(Day("2026-02-14")?.components.day, 14)
        XCTAssertNil(Day("2026-2-14"))
        XCTAssertNil(Day("2026-02-30"))
        XCTAssertNil(Day("2026-13-01"))
        XCTAssertNil(Day("2026-00-10"))
        XCTAssertNil(Day("2026/02/14"))
        XCTAssertNil(Day("20260214"))
        XCTAssertNil(Day(""))
        XCTAssertNil(Day("abcd-01-01"))
        XCTAssertEqual(Day("2026-02-14")?.description, "2026-02-14")
        XCTAssertEqual(Month("2026-03")?.description, "2026-03")
        XCTAssertNil(Month("2026-13"))
        XCTAssertNil(Month("2026-3"))
        XCTAssertNil(Month("2026"))
    }

    func testLeapYears() {
        XCTAssertNotNil(Day("2024-02-29"))
        XCTAssertNil(Day("2026-02-29"))
        XCTAssertNil(Day("1900-02-29"), "century years are not leap years")
        XCTAssertNotNil(Day("2000-02-29"), "unless divisible by 400")
        XCTAssertEqual(Day.daysIn(year: 2024, month: 2), 29)
        XCTAssertEqual(Day.daysIn(year: 2026, month: 2), 28)
        XCTAssertEqual(Day.daysIn(year: 2100, month: 2), 28)
        XCTAssertEqual(Day.daysIn(year: 2026, month: 4), 30)
        XCTAssertEqual(Day.daysIn(year: 2026, month: 12), 31)
        XCTAssertEqual(Month("2024-02")?.lastDay.description, "2024-02-29")
        XCTAssertEqual(day("2025-12-31").ordinal - day("2025-01-01").ordinal, 364)
        XCTAssertEqual(day("2024-12-31").ordinal - day("2024-01-01").ordinal, 365)
    }

    func testArithmetic() {
        XCTAssertEqual(Day(ordinal: 0).description, "1970-01-01")
        XCTAssertEqual(Day(ordinal: -1).description, "1969-12-31")
        XCTAssertEqual(day("2024-02-28").adding(1).description, "2024-02-29")
        XCTAssertEqual(day("2024-02-29").adding(1).description, "2024-03-01")
        XCTAssertEqual(day("2026-02-28").adding(1).description, "2026-03-01")
        XCTAssertEqual(day("2026-12-31").adding(1).description, "2027-01-01")
        XCTAssertEqual(day("2026-01-01").adding(-1).description, "2025-12-31")
        XCTAssertEqual(day("2026-03-01").adding(-1).description, "2026-02-28")
        XCTAssertEqual(day("2026-01-01").adding(365).description, "2027-01-01")
        XCTAssertLessThan(day("2026-02-14"), day("2026-02-15"))
        XCTAssertEqual(day("2026-02-14"), Day(year: 2026, month: 2, day: 14))
        // Every day of 1999–2001 and 2023–2029 survives components → init.
        for start in [day("1999-01-01"), day("2023-01-01")] {
            for n in 0..<(366 * 3) {
                let d = start.adding(n)
                let c = d.components
                XCTAssertEqual(Day(year: c.year, month: c.month, day: c.day), d)
            }
        }
        XCTAssertEqual(Month("2026-12")?.next.description, "2027-01")
        XCTAssertEqual(Month("2026-01")?.next.description, "2026-02")
        XCTAssertLessThan(Month("2026-12")!, Month("2027-01")!)
    }

    func testWeekdays() {
        XCTAssertEqual(day("1970-01-01").weekday, 4, "a Thursday")
        XCTAssertEqual(day("1969-12-28").weekday, 7, "a Sunday before the epoch")
        XCTAssertEqual(day("2026-01-01").weekday, 4)
        XCTAssertEqual(day("2026-02-17").weekday, 2, "Chinese New Year's Day 2026 is a Tuesday")
        XCTAssertEqual(day("2024-02-29").weekday, 4)
        XCTAssertEqual(day("2000-01-01").weekday, 6)
        XCTAssertEqual(day("2026-10-01").weekday, 4)
        // Seven days on, same weekday.
        for n in 0..<14 { XCTAssertEqual(day("2026-03-01").adding(n).weekday, day("2026-03-01").adding(n + 7).weekday) }
    }
}
