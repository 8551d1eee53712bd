import Foundation
import XCTest

@testable import Workbook

final class CellReferenceTests: XCTestCase {
    func testLettersAndParsing() {
        XCTAssertEqual(CellReference.letters(1), "A")
        XCTAssertEqual(CellReference.letters(26), "Z")
        XCTAssertEqual(CellReference.letters(27), "AA")
        XCTAssertEqual(CellReference.letters(702), "ZZ")
        XCTAssertEqual(CellReference.letters(703), "AAA")
        XCTAssertEqual(CellReference.letters(16_384), "XFD")
        XCTAssertEqual(CellReference("B17"), CellReference(row: 17, column: 2))
        XCTAssertEqual(CellReference("$AA$3"), CellReference(row: 3, column: 27))
        XCTAssertEqual(CellReference("xfd1048576"), CellReference(row: 1_048_576, column: 16_384))
        for bad in ["", "17", "B", "B0", "1B", "XFE1", "A1048577", "A-1", "AB1C"] {
            XCTAssertNil(CellReference(bad), bad)
        }
        for n in [1, 2, 25, 26, 27, 52, 53, 701, 702, 703, 16_384] {
            XCTAssertEqual(CellReference(CellReference.letters(n) + "1")?.column, n)
        }
    }
}

final class SpreadsheetDateTests: XCTestCase {
    func testSerialsOfTheTwoDateSystems() {
        // Values as Excel shows them (ECMA-376 §18.17.4.1 and the 1900 leap-year bug).
        XCTAssertEqual(SpreadsheetDate.date(serial: 1, date1904: false)?.iso, "1900-01-01")
        XCTAssertEqual(SpreadsheetDate.date(serial: 59, date1904: false)?.iso, "1900-02-28")
        XCTAssertNil(SpreadsheetDate.date(serial: 60, date1904: false), "1900-02-29 never was")
        XCTAssertEqual(SpreadsheetDate.date(serial: 61, date1904: false)?.iso, "1900-03-01")
        XCTAssertEqual(SpreadsheetDate.date(serial: 25_569, date1904: false)?.iso, "1970-01-01")
        XCTAssertEqual(SpreadsheetDate.date(serial: 46_023, date1904: false)?.iso, "2026-01-01")
        XCTAssertEqual(SpreadsheetDate.date(serial: 46_023.75, date1904: false)?.iso, "2026-01-01")
        XCTAssertEqual(SpreadsheetDate.date(serial: 0, date1904: true)?.iso, "1904-01-01")
        XCTAssertEqual(SpreadsheetDate.date(serial: 44_561, date1904: true)?.iso, "2026-01-01")
        XCTAssertEqual(SpreadsheetDate.serial(.init(year: 2026, month: 1, day: 1)), 46_023)
        XCTAssertEqual(SpreadsheetDate.time(serial: 0.375), "09:00")
        XCTAssertEqual(SpreadsheetDate.time(serial: 46_023.5 + 30.0 / 86_400), "12:00:30")
        // Every day of 1900-03-01 … 2100 round-trips.
        var s = 61
        while s < 73_051 {
            let d = SpreadsheetDate.date(serial: Double(s), date1904: false)!
            XCTAssertEqual(SpreadsheetDate.serial(d), s)
            s += 37
        }
    }

    func testNumberFormatsThatMakeANumberADate() {
        XCTAssertEqual(NumberFormat.builtIn(14), .date(withTime: false))
        XCTAssertEqual(NumberFormat.builtIn(22), .date(withTime: true))
        XCTAssertEqual(NumberFormat.builtIn(20), .time)
        XCTAssertEqual(NumberFormat.builtIn(31), .date(withTime: false))  // yyyy"年"m"月"d"日" (zh-CN)
        XCTAssertEqual(NumberFormat.builtIn(0), .number)
        XCTAssertEqual(NumberFormat.builtIn(49), .number)  // @, text
        XCTAssertEqual(NumberFormat.classify(code: "yyyy-mm-dd"), .date(withTime: false))
        XCTAssertEqual(NumberFormat.classify(code: "[$-804]yyyy\"年\"m\"月\"d\"日\";@"), .date(withTime: false))
        XCTAssertEqual(NumberFormat.classify(code: "yyyy/m/d h:mm"), .date(withTime: true))
        XCTAssertEqual(NumberFormat.classify(code: "h:mm"), .time)
        XCTAssertEqual(NumberFormat.classify(code: "[h]:mm:ss"), .time)
        XCTAssertEqual(NumberFormat.classify(code: "000000"), .zeroPadded(6))
        XCTAssertEqual(NumberFormat.classify(code: "0.00"), .number)
        XCTAssertEqual(NumberFormat.classify(code: "0.00E+00"), .number)
        XCTAssertEqual(NumberFormat.classify(code: "[Red]0.0;\"day\""), .number)
        XCTAssertEqual(NumberFormat.classify(code: "\"Day\" 0"), .number)
        XCTAssertEqual(NumberFormat.classify(code: "General"), .number)
        XCTAssertEqual(NumberFormat.classify(code: "#,##0"), .number)
    }
}

final class WorkbookRoundTripTests: XCTestCase {
    static let tricky = [
        "双桥村", "𬒔䢺村", "  spaced  ", "a,b\"c", "<tag>&amp;", "line1\nline2", "_x0041_ literal", "tab\there",
        "bell\u{7}", "000123", "=SUM(A1)", "",
    ]

    func testOwnWriterReadsBackCellForCell() throws {
        var rows: [[WorkbookWriter.Value]] = [[.text("id"), .text("name"), .text("lat"), .text("day"), .text("ok")]]
        for (i, t) in Self.tricky.enumerated() {
            rows.append([
                .text("V\(i)"), t.isEmpty ? .empty : .text(t), .number(23.16 + Double(i)),
                .date(.init(year: 2026, month: 1 + i % 12, day: 1 + i)), .boolean(i % 2 == 0),
            ])
        }
        rows.append([.text("P"), .number(13_800_138_000), .number(-0.5), .empty, .empty])
        let data = try WorkbookWriter(sheets: [
            .init(name: "villages", rows: rows), .init(name: "空", rows: [[.text("x")]]),
        ]).data()
        let book = try Workbook(data: data)
        XCTAssertEqual(book.sheets.map(\.name), ["villages", "空"])
        let sheet = try XCTUnwrap(book.sheet(named: "villages"))
        XCTAssertEqual(sheet.rows.count, rows.count)
        for (r, row) in rows.enumerated() {
            let got = sheet.rows[r]
            XCTAssertEqual(got.number, r + 1)
            let expected: [(Int, String, Workbook.Kind)] = row.enumerated().compactMap { c, v in
                switch v {
                case .empty: return nil
                case .text(let s): return (c + 1, s, .text)
                case .number(let n): return (c + 1, SheetParser.numberText(n), .number)
                case .date(let d): return (c + 1, d.iso, .date)
                case .boolean(let b): return (c + 1, b ? "true" : "false", .boolean)
                }
            }
            XCTAssertEqual(got.cells.map(\.column), expected.map(\.0), "row \(r + 1)")
            XCTAssertEqual(got.cells.map(\.text), expected.map(\.1), "row \(r + 1)")
            XCTAssertEqual(got.cells.map(\.kind), expected.map(\.2), "row \(r + 1)")
        }
        XCTAssertEqual(
            sheet.rows.last?.cells.first { $0.column == 2 }?.text, "13800138000", "a phone stored as a number")
        // Deterministic: the same sheets give the same bytes.
        XCTAssertEqual(
            data,
            try WorkbookWriter(sheets: [.init(name: "villages", rows: rows), .init(name: "空", rows: [[.text("x")]])])
                .data())
    }

    /// A sheet part over 10 MB (a province's villages): libxml2 refuses such a document given in
    /// one buffer, so the parts are streamed.
    func testASheetOverTenMegabytesIsRead() throws {
        var rows: [[WorkbookWriter.Value]] = [[.text("id"), .text("lat"), .text("lon"), .text("rank")]]
        for i in 1...100_000 {
            rows.append([
                .number(Double(i)), .number(23 + Double(i % 1000) / 1000), .number(108.123456), .number(Double(i % 7)),
            ])
        }
        let book = try Workbook(data: try WorkbookWriter(sheets: [.init(name: "big", rows: rows)]).data())
        let sheet = try XCTUnwrap(book.sheets.first)
        XCTAssertEqual(sheet.rows.count, 100_001)
        XCTAssertEqual(sheet.rows.last?.cells.map(\.text), ["100000", "23", "108.123456", "5"])
    }

    func testSheetNamesFromData() {
        var taken = Set<String>()
        XCTAssertEqual(WorkbookWriter.sheetName("武鸣区", taken: &taken), "武鸣区")
        XCTAssertEqual(WorkbookWriter.sheetName("武鸣区", taken: &taken), "武鸣区 (2)")
        XCTAssertEqual(WorkbookWriter.sheetName("a/b:c?[d]*", taken: &taken), "a_b_c__d__")
        XCTAssertEqual(WorkbookWriter.sheetName("History", taken: &taken), "Sheet_History")
        XCTAssertEqual(WorkbookWriter.sheetName("", taken: &taken), "Sheet")
        let long = WorkbookWriter.sheetName(String(repeating: "长", count: 40), taken: &taken)
        XCTAssertEqual(long.count, 31)
        XCTAssertEqual(WorkbookWriter.sheetName(String(repeating: "长", count: 40), taken: &taken).count, 31)
        XCTAssertEqual(WorkbookWriter.displayWidth("双桥村 V1"), 9)
    }

    func testNotAWorkbookIsAClearError() {
        XCTAssertThrowsError(try Workbook(data: Data("id,name\n".utf8))) { error in
            XCTAssertTrue("\(error)".contains("not an .xlsx workbook"), "\(error)")
            XCTAssertEqual(error as? WorkbookError, .notAZip(oldOrProtected: false))
        }
        XCTAssertThrowsError(
            try Workbook(
                data: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)))
        ) { error in
            XCTAssertTrue("\(error)".contains("an old .xls file, or a workbook protected by a password"), "\(error)")
            XCTAssertEqual(error as? WorkbookError, .notAZip(oldOrProtected: true))
        }
    }

    // MARK: openpyxl, the independent reader and writer

    /// openpyxl opens the writer's workbook and sees the same values, types, frozen header and widths.
    func testOpenpyxlReadsOurWorkbook() throws {
        try Python.requireOpenpyxl()
        let rows: [[WorkbookWriter.Value]] = [
            [.text("village_id"), .text("村（社区）名称"), .text("distance_km"), .text("date"), .text("ok")],
            [.text("V001"), .text("𬒔䢺村"), .number(3.25), .date(.init(year: 2026, month: 3, day: 9)), .boolean(true)],
            [.text("V002"), .text("  spaced  "), .number(12), .empty, .boolean(false)],
            [
                .text("V003"), .text("_x0041_ & <b>"), .number(13_800_138_000),
                .date(.init(year: 2026, month: 12, day: 31)), .empty,
            ],
        ]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wb-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        try WorkbookWriter(sheets: [.init(name: "assignment", rows: rows)]).data().write(to: file)
        let script = """
            import json, sys, datetime, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb["assignment"]
            out = {"freeze": ws.freeze_panes, "widths": {k: v.width for k, v in ws.column_dimensions.items()},
                   "bold": [c.font.b for c in ws[1]], "cells": []}
            for row in ws.iter_rows():
                for c in row:
                    v = c.value
                    if isinstance(v, datetime.datetime): v = ["date", v.date().isoformat(), c.number_format]
                    elif isinstance(v, bool): v = ["bool", v]
                    elif isinstance(v, (int, float)): v = ["number", v]
                    elif v is not None: v = ["text", v]
                    out["cells"].append([c.coordinate, v])
            print(json.dumps(out, ensure_ascii=False))
            """
        let r = try Python.run(script, [file.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["freeze"] as? String, "A2")
        XCTAssertEqual(json["bold"] as? [Bool], [true, true, true, true, true])
        let widths = try XCTUnwrap(json["widths"] as? [String: Double])
        XCTAssertEqual(widths["B"], Double(WorkbookWriter.displayWidth("村（社区）名称") + 2), "fits the Chinese header")
        var cells: [String: [Any]] = [:]
        for case let pair as [Any] in try XCTUnwrap(json["cells"] as? [Any]) {
            if let ref = pair[0] as? String, let v = pair[1] as? [Any] { cells[ref] = v }
        }
        XCTAssertEqual(cells["B2"]?[1] as? String, "𬒔䢺村")
        XCTAssertEqual(cells["B3"]?[1] as? String, "  spaced  ")
        XCTAssertEqual(cells["B4"]?[1] as? String, "_x0041_ & <b>")
        XCTAssertEqual(cells["C2"]?[0] as? String, "number")
        XCTAssertEqual(cells["C2"]?[1] as? Double, 3.25)
        XCTAssertEqual(cells["C4"]?[1] as? Double, 13_800_138_000)
        XCTAssertEqual(cells["D2"]?[0] as? String, "date")
        XCTAssertEqual(cells["D2"]?[1] as? String, "2026-03-09")
        XCTAssertEqual(cells["D2"]?[2] as? String, "yyyy-mm-dd")
        XCTAssertEqual(cells["D4"]?[1] as? String, "2026-12-31")
        XCTAssertEqual(cells["E2"]?[0] as? String, "bool")
        XCTAssertNil(cells["D3"], "an empty value writes no cell")
        XCTAssertEqual(cells.count, 18)
    }

    /// A workbook written by openpyxl — shared and inline strings, rich text, a phone and an id as
    /// numbers and as text, dates with built-in and custom formats, the 1904 system, booleans, a
    /// formula without a computed value, an error value, zero-padded ids — reads as its values.
    func testWeReadOpenpyxlsWorkbook() throws {
        try Python.requireOpenpyxl()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wb-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import sys, datetime, openpyxl
            from openpyxl.cell.rich_text import CellRichText, TextBlock
            from openpyxl.cell.text import InlineFont
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "法律顾问"
            ws.append(["id", "name", "phone", "since", "ok", "rank", "note"])
            ws.append(["00123", "张伟", 13800138000, datetime.date(2026, 1, 5), True, 3, "=1+1"])
            ws.append(["A2", CellRichText("王", TextBlock(InlineFont(b=True), "芳")), "0771-6221234", datetime.datetime(2026, 2, 1, 9, 30), False, 2.5, "#N/A"])
            ws["D3"].number_format = "yyyy/m/d h:mm"
            ws.append([123, "𬒔䢺", None, 46023, None, None, None])
            ws["A4"].number_format = "000000"
            ws["D4"].number_format = 'yyyy"年"m"月"d"日"'
            ws["G3"].data_type = "e"
            other = wb.create_sheet("1904")
            other.append(["day"])
            other.append([datetime.date(2026, 1, 1)])
            wb.save(sys.argv[1])
            wb2 = openpyxl.Workbook()
            wb2.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
            wb2.active.append(["day"])
            wb2.active.append([datetime.date(2026, 1, 1)])
            wb2.save(sys.argv[1] + ".1904.xlsx")
            """
        let r = try Python.run(script, [file.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        defer { try? FileManager.default.removeItem(atPath: file.path + ".1904.xlsx") }
        let book = try Workbook(contentsOf: file)
        let sheet = try XCTUnwrap(book.sheet(named: "法律顾问"))
        func row(_ n: Int) -> [String] {
            let cells = sheet.rows.first { $0.number == n }?.cells ?? []
            return (1...7).map { c in cells.first { $0.column == c }.map { "\($0.kind):\($0.text)" } ?? "-" }
        }
        XCTAssertEqual(
            row(2),
            [
                "text:00123", "text:张伟", "number:13800138000", "date:2026-01-05", "boolean:true", "number:3",
                "formulaWithoutValue:=1+1",
            ])
        XCTAssertEqual(
            row(3),
            [
                "text:A2", "text:王芳", "text:0771-6221234", "date:2026-02-01 09:30", "boolean:false", "number:2.5",
                "error:#N/A",
            ])
        XCTAssertEqual(row(4), ["number:000123", "text:𬒔䢺", "-", "date:2026-01-01", "-", "-", "-"])
        let mac = try Workbook(contentsOf: URL(fileURLWithPath: file.path + ".1904.xlsx"))
        XCTAssertEqual(mac.sheets.first?.rows.last?.cells.first?.text, "2026-01-01", "the 1904 date system")
    }
}
