import Foundation
import Workbook
import XCTest

@testable import CounselModel

/// Scenario tables from workbooks: the same scenario as from CSV, every problem at its cell in
/// the CSV diagnostics' words, cells typed as numbers, dates or text all read correctly.
final class WorkbookInputTests: XCTestCase {
    /// The folder's CSV tables moved into one `scenario.xlsx` written by the tool's own writer.
    func convertToWorkbook(_ folder: ScenarioFolder) throws {
        let data = try ScenarioWorkbook.make(from: folder.url)
        for table in ScenarioTables.all
        where FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(table.file).path) {
            try folder.remove(table.file)
        }
        try data.write(to: folder.url.appendingPathComponent("scenario.xlsx"))
    }

    func testBaselineFromAWorkbookIsTheSameScenario() throws {
        let csv = try ScenarioFolder()
        try csv.write("availability.csv", "adviser,from,to,reason\nA1,2026-03-02,2026-03-06,休假\n")
        let fromCSV = try csv.load()
        let xlsx = try ScenarioFolder()
        try xlsx.write("availability.csv", "adviser,from,to,reason\nA1,2026-03-02,2026-03-06,休假\n")
        try convertToWorkbook(xlsx)
        XCTAssertFalse(FileManager.default.fileExists(atPath: xlsx.url.appendingPathComponent("villages.csv").path))
        let fromXLSX = try xlsx.load()
        XCTAssertEqual(fromXLSX.villages, fromCSV.villages)
        XCTAssertEqual(fromXLSX.advisers, fromCSV.advisers)
        XCTAssertEqual(fromXLSX.firms, fromCSV.firms)
        XCTAssertEqual(fromXLSX.counties, fromCSV.counties)
        XCTAssertEqual(fromXLSX.preferences, fromCSV.preferences)
        XCTAssertEqual(fromXLSX.conflicts, fromCSV.conflicts)
        XCTAssertEqual(fromXLSX.unavailability, fromCSV.unavailability)
        XCTAssertEqual(fromXLSX.unavailability.first?.from.description, "2026-03-02", "a date stored as a serial")
        XCTAssertEqual(fromXLSX.advisers.first?.phone, "13800000001")
        XCTAssertTrue(fromXLSX.warnings.isEmpty, fromXLSX.warnings.map(\.description).joined(separator: "\n"))
    }

    /// The same bad rows as CSV and as a workbook: the same problems, each at its cell.
    func testEveryBadCellGivesTheCSVDiagnosticAtItsCell() throws {
        func badFolder() throws -> ScenarioFolder {
            let folder = try ScenarioFolder()
            try folder.write(
                "firms.csv",
                Baseline.firms.replacingOccurrences(of: "lon\n", with: "lon,website\n")
                    .replacingOccurrences(of: "108.27\n", with: "108.27,example.cn\n"))
            try folder.write(
                "advisers.csv",
                Baseline.advisers + """
                    A3,王芳,judge,F1,C1,23.1,108.2,,,,,
                    A4,赵强,lawyer,F1,C9,abc,108.2,6,,,,
                    A5,钱坤,lawyer,F7,C1,23.1,200,,-3,,retired,

                    """)
            try folder.write(
                "villages.csv",
                Baseline.villages + """
                    V4,,village,城厢镇,C1,23.10,108.20,,
                    V5,五星村,town,城厢镇,C1,23.10,108.20,,
                    V6,六合村,village,城厢镇,C1,23.10,108.20,,A9
                    A1,重名村,village,城厢镇,C1,23.10,108.20,,
                    V1,双桥新村,village,城厢镇,C1,95,108.20,,

                    """)
            try folder.write("preferences.csv", "from,to,rank\nV1,A1,1\nV1,A2,0\nX9,A1,2\nV1,A1,3\nV2,A1,x\n")
            try folder.write("conflicts.csv", Baseline.conflicts + "V2,V2,同一村\nA1,A2,同事\nZ1,V1,\n")
            try folder.write(
                "availability.csv",
                "adviser,from,to,reason\nA1,2026-03-09,2026-03-02,休假\nA8,2026-04-01,2026-04-02,\nA2,4月1日,2026-04-02,\n")
            try folder.write(
                "teams.csv", "team,firm,member,role_in_team\nT1,F1,A1,lead\nT1,F2,A2,boss\nT2,F1,A1,member\n")
            try folder.write("townships.csv", "id,name,county,mode,adjacent\nT9,城厢镇,C1,onsite,T9;T8\n")
            return folder
        }
        let csv = try badFolder()
        let csvDiagnostics = csv.diagnostics()
        let csvWarnings = csv.refusedWarnings()
        XCTAssertGreaterThan(csvDiagnostics.count, 20, csvDiagnostics.map(\.description).joined(separator: "\n"))

        let xlsx = try badFolder()
        // Field columns of each CSV file, to find the cell a character column stands for.
        var fieldColumns: [String: [Int: [Int: Int]]] = [:]  // file → line → character column → cell column
        for table in ScenarioTables.all {
            let url = xlsx.url.appendingPathComponent(table.file)
            guard let t = try? CSVTable(contentsOf: url, file: table.file) else { continue }
            for record in [CSVTable.Record(fields: t.header, line: t.header.first?.line ?? 1)] + t.records {
                for (i, f) in record.fields.enumerated() {
                    fieldColumns[table.file, default: [:]][record.line, default: [:]][f.column] = i + 1
                }
            }
        }
        try convertToWorkbook(xlsx)
        func expected(_ d: Diagnostic) -> String {
            guard let table = ScenarioTables.all.first(where: { $0.file == d.file }) else { return d.description }
            var e = d
            e.file = "scenario.xlsx"
            e.sheet = table.sheet
            if let line = d.line, let column = d.column { e.column = fieldColumns[d.file]?[line]?[column] }
            for t in ScenarioTables.all {
                e.message = e.message.replacingOccurrences(of: " \(t.file)", with: " scenario.xlsx:\(t.sheet)")
            }
            e.message = e.message.replacingOccurrences(
                of: #"at scenario\.xlsx:(\w+):(\d+)"#, with: "at scenario.xlsx:$1!A$2", options: .regularExpression)
            e.message = e.message.replacingOccurrences(of: "(first at line", with: "(first at row")
            e.message = e.message.replacingOccurrences(of: "(line ", with: "(row ")
            e.message = e.message.replacingOccurrences(of: "; line ", with: "; row ")
            return e.description
        }
        let got = xlsx.diagnostics().map(\.description)
        XCTAssertEqual(got.sorted(), csvDiagnostics.map(expected).sorted(), "every problem, at its cell")
        XCTAssertTrue(
            got.contains { $0.hasPrefix("scenario.xlsx:advisers!F5: lat: expected a latitude") },
            got.joined(separator: "\n"))
        XCTAssertTrue(
            got.contains {
                $0.hasPrefix("scenario.xlsx:villages!A7: id 'A1' is already used at scenario.xlsx:advisers!A2")
            },
            got.joined(separator: "\n"))
        XCTAssertEqual(xlsx.refusedWarnings().map(\.description), csvWarnings.map(expected))
        XCTAssertEqual(
            xlsx.refusedWarnings().first?.description.hasPrefix(
                "scenario.xlsx:firms!G1: warning: unknown column 'website' ignored"), true)
    }

    func testTablesGivenTwiceAndSheetsThatAreNotTables() throws {
        let folder = try ScenarioFolder()
        let book = try WorkbookWriter(sheets: [
            try CSVSheet.sheet(name: "村（社区）", csv: Baseline.villages, table: CSVHeaders.villages),
            .init(name: "README", rows: [[.text("说明")]]),
            .init(name: "Sheet1", rows: [[.text("备注")], [.text("x")]]),
            .init(name: "advisors", rows: [[.text("id")]]),
        ]).data()
        try book.write(to: folder.url.appendingPathComponent("scenario.xlsx"))
        let d = folder.diagnostics().map(\.description)
        XCTAssertEqual(d.count, 2, d.joined(separator: "\n"))
        XCTAssertTrue(
            d.contains {
                $0.hasPrefix(
                    "scenario.xlsx:advisors: sheet 'advisors' is not a table of a scenario; did you mean 'advisers'?")
            }, d.joined(separator: "\n"))
        XCTAssertTrue(
            d.contains {
                $0.hasPrefix(
                    "scenario.xlsx:村（社区）: villages is given 2 times: villages.csv, scenario.xlsx sheet '村（社区）'; keep one"
                )
            },
            d.joined(separator: "\n"))
        XCTAssertEqual(
            folder.refusedWarnings().map(\.description),
            [
                "scenario.xlsx:Sheet1: warning: sheet 'Sheet1' ignored: not a table of a scenario (sheets: \(ScenarioLoader.sheetList))"
            ])

        // Without the CSV, the Chinese-named sheet is the villages table; a one-table workbook
        // (advisers.xlsx) is read whatever its sheet is called.
        try folder.remove("villages.csv")
        try WorkbookWriter(sheets: [
            try CSVSheet.sheet(name: "村（社区）", csv: Baseline.villages, table: CSVHeaders.villages)
        ]).data()
            .write(to: folder.url.appendingPathComponent("scenario.xlsx"))
        try folder.remove("advisers.csv")
        try WorkbookWriter(sheets: [
            try CSVSheet.sheet(name: "Sheet1", csv: Baseline.advisers, table: CSVHeaders.advisers)
        ]).data()
            .write(to: folder.url.appendingPathComponent("advisers.xlsx"))
        let s = try folder.load()
        XCTAssertEqual(s.villages.map(\.id), ["V1", "V2"])
        XCTAssertEqual(s.advisers.map(\.id), ["A1", "A2"])

        // Not a workbook at all.
        try Data("id,name\n".utf8).write(to: folder.url.appendingPathComponent("advisers.xlsx"))
        let bad = folder.diagnostics().map(\.description)
        XCTAssertEqual(bad.count, 1, bad.joined(separator: "\n"))
        XCTAssertTrue(bad[0].hasPrefix("advisers.xlsx: cannot read the workbook: not an .xlsx workbook"), bad[0])
    }

    /// A bureau's sheet has a title above the header; so has the CSV file saved from it.
    func testATitleAboveTheHeaderIsSkippedWithAWarning() throws {
        let folder = try ScenarioFolder()
        var villages = try CSVSheet.sheet(name: "villages", csv: Baseline.villages, table: CSVHeaders.villages)
        villages.rows.insert([.text("武鸣区村（社区）法律顾问名单")], at: 0)
        villages.rows.insert([], at: 1)
        villages.rows[4][5] = .text("北纬23")  // V2's lat, now on row 5
        try folder.remove("villages.csv")
        try WorkbookWriter(sheets: [villages]).data().write(to: folder.url.appendingPathComponent("villages.xlsx"))
        let d = folder.diagnostics().map(\.description)
        XCTAssertEqual(d, ["villages.xlsx:villages!F5: lat: expected a latitude in degrees, got '北纬23'"])
        XCTAssertEqual(
            folder.refusedWarnings().map(\.description),
            [
                "villages.xlsx:villages!1: warning: row 1 above the header ignored (a title or a note); the header is row 3"
            ])

        try folder.remove("villages.xlsx")
        try folder.write("villages.csv", "武鸣区村（社区）法律顾问名单,,,,,,,,\n填表日期：2026年1月,,,,,,,,\n" + Baseline.villages)
        let s = try folder.load()
        XCTAssertEqual(s.villages.map(\.id), ["V1", "V2"])
        XCTAssertEqual(
            s.warnings.map(\.description),
            ["villages.csv:1: warning: lines 1–2 above the header ignored (a title or a note); the header is line 3"])
    }

    /// A clerk's workbook written by openpyxl: a phone stored as a number, an id with leading zeros
    /// stored as text, dates stored as serials, a remarks column, an error value, a formula never
    /// calculated and a value in a column without a header.
    func testCellsTypedAsNumbersDatesOrTextFromOpenpyxl() throws {
        guard (try? pythonStatus("import openpyxl")) == 0 else {
            throw XCTSkip(
                "Python's openpyxl is not available (`make test-deps` installs it); independent check skipped")
        }
        let folder = try ScenarioFolder()
        for f in ["villages.csv", "advisers.csv"] { try folder.remove(f) }
        let script = """
            import sys, datetime, openpyxl
            wb = openpyxl.Workbook()
            v = wb.active
            v.title = "村（社区）"
            v.append(["村（社区）编号", "村（社区）名称", "类型", "乡镇（街道）", "县（区）编号", "纬度", "经度", "法律需求", "现任法律顾问编号"])
            v.append(["V1", "双桥村", "village", "城厢镇", "C1", 23.16, 108.27, "land;family", "A1"])
            v.append(["V2", "江南社区", "community", "城厢镇", "C1", 23.15, 108.28, None, None])
            v.append(["007", "𬒔䢺村", "village", "城厢镇", "C1", 23.13, 108.28, None, None])
            a = wb.create_sheet("法律顾问")
            a.append(["id", "name", "role", "firm", "county", "lat", "lon", "max_villages", "hours_per_month", "phone", "备注"])
            a.append(["A1", "张伟", "lawyer", "F1", "C1", 23.17, 108.26, 5, 40, 13800000001, "兼职"])
            a.append(["A2", "李娜", "grassroots_worker", "F1", "C1", 23.14, 108.29, None, None, "0771-6221234", None])
            av = wb.create_sheet("availability")
            av.append(["adviser", "from", "to", "reason"])
            av.append(["A1", datetime.date(2026, 3, 2), datetime.datetime(2026, 3, 6), "休假"])
            wb.save(sys.argv[1] + "/scenario.xlsx")

            bad = openpyxl.Workbook()
            b = bad.active
            b.title = "advisers"
            b.append(["id", "name", "role", "firm", "county", "lat", "lon", "max_villages"])
            b.append(["A1", "张伟", "lawyer", "F1", "C1", "=23+0.17", 108.26, "#N/A"])
            b.append(["A2", "李娜", "grassroots_worker", "F1", "C1", 23.14, 108.29, None, "stray"])
            b["H2"].data_type = "e"
            bad.save(sys.argv[1] + "/bad.xlsx")
            """
        XCTAssertEqual(try pythonStatus(script, [folder.url.path]), 0)
        let s = try folder.load()
        XCTAssertEqual(s.villages.map(\.id), ["V1", "V2", "007"], "an id with leading zeros stored as text")
        XCTAssertEqual(s.villages.last?.name, "𬒔䢺村")
        XCTAssertEqual(s.villages.first?.latitude, 23.16)
        XCTAssertEqual(s.advisers.first?.phone, "13800000001", "a phone stored as a number")
        XCTAssertEqual(s.advisers.last?.phone, "0771-6221234")
        XCTAssertEqual(s.advisers.first?.maxVillages, 5)
        XCTAssertEqual(s.advisers.first?.hoursPerMonth, 40)
        XCTAssertEqual(
            s.unavailability.first.map { "\($0.from)…\($0.to)" }, "2026-03-02…2026-03-06", "dates stored as serials")
        XCTAssertEqual(
            s.warnings.map(\.description),
            [
                "scenario.xlsx:法律顾问!K1: warning: unknown column '备注' ignored (the columns read are: "
                    + "id,name,role,county,lat,lon,firm,max_villages,hours_per_month,specialties,status,phone,wechat,email,photo)"
            ])

        try folder.remove("scenario.xlsx")
        try folder.write("villages.csv", Baseline.villages)
        try FileManager.default.moveItem(
            at: folder.url.appendingPathComponent("bad.xlsx"), to: folder.url.appendingPathComponent("advisers.xlsx"))
        let d = folder.diagnostics().map(\.description)
        XCTAssertEqual(
            d,
            [
                "advisers.xlsx:advisers!F2: lat: the cell holds a formula (=23+0.17) whose value was never calculated; open the file in Excel or WPS and save it again, or paste the values",
                "advisers.xlsx:advisers!H2: max_villages: the cell holds the error value #N/A; expected a value",
            ])
        XCTAssertEqual(
            folder.refusedWarnings().map(\.description),
            [
                "advisers.xlsx:advisers!I3: warning: a column without a header ignored (1 value from here down); give it a header if it is meant to be read"
            ])
    }

    private func pythonStatus(_ script: String, _ arguments: [String] = []) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script] + arguments
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }
}
