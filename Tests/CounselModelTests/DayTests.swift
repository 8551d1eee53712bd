import XCTest

@testable import CounselModel

/// `Day` and `Month`: parsed from digits only, written so that they read back the same.
final class DayTests: XCTestCase {
    func testDatesAreFourTwoAndTwoDigitsWithoutSigns() {
        XCTAssertEqual(Day("2026-01-20")?.description, "2026-01-20")
        XCTAssertEqual(Day("2024-02-29")?.description, "2024-02-29")
        for bad in [
            "+506-01-20", "2026-+1-20", "2026-01-+2", " 206-01-20", "2026-01-2", "20260-1-20", "2026-02-30",
            "2026-1-20", "２０２６-01-20", "2026-01-20-", "-026-01-20", "2026--1-20", "",
        ] {
            XCTAssertNil(Day(bad), bad)
        }
    }

    /// A year before 1000 is written with its leading zero, so that it reads back (found by
    /// fuzzing the roster reader: `0506-01-20` was read, written back as `506-01-20`, then refused).
    func testEveryDateReadsBackAsItselfEvenBeforeTheYear1000() {
        for text in ["0506-01-20", "0001-01-01", "0000-03-01", "0999-12-31", "1969-12-31", "1970-01-01", "9999-12-31"] {
            let day = Day(text)
            XCTAssertEqual(day?.description, text)
            XCTAssertEqual(day.flatMap { Day($0.description) }, day)
        }
        // Every 37th day from the year 327 to 9909, through Day(year:month:day:) and back.
        for ordinal in stride(from: -600_000, to: 2_900_000, by: 37) {
            let day = Day(ordinal: ordinal)
            XCTAssertEqual(Day(day.description), day, day.description)
        }
    }

    func testMonthsAreFourAndTwoDigitsAndReadBack() {
        XCTAssertEqual(Month("2026-07")?.description, "2026-07")
        XCTAssertEqual(Month("0506-07")?.description, "0506-07")
        for bad in ["2026-+7", "+206-07", "2026--07", "2026-7", "2026-13", "2026-07-01", ""] {
            XCTAssertNil(Month(bad), bad)
        }
    }
}
