import Foundation
import Workbook

/// What a CSV column holds, so that its workbook cells are typed: numbers as numbers, dates as
/// dates, everything else (ids, phone numbers, names) as text.
public enum ColumnKind: Sendable {
    /// Text, written as it is (an id `00123` or a phone `13800138000` stays text).
    case text
    /// A number (`lat`, `distance_km`, `rank`).
    case number
    /// A date `YYYY-MM-DD`.
    case date
}

extension CSVHeaders.Table {
    /// The kind of an English column of this file; text unless listed in ``CSVHeaders/columnKinds``.
    public func kind(_ english: String) -> ColumnKind {
        CSVHeaders.columnKinds[file]?[english] ?? .text
    }
}

extension CSVHeaders {
    /// The columns that are not text, per file (inputs and outputs).
    static let columnKinds: [String: [String: ColumnKind]] = [
        "villages.csv": ["lat": .number, "lon": .number],
        "advisers.csv": ["lat": .number, "lon": .number, "max_villages": .number, "hours_per_month": .number],
        "firms.csv": ["lat": .number, "lon": .number],
        "preferences.csv": ["rank": .number],
        "availability.csv": ["from": .date, "to": .date],
        "assignment.csv": ["distance_km": .number, "village_rank": .number, "adviser_rank": .number],
        "roster.csv": ["date": .date],
        "ledger": ["date": .date, "requested_on": .date],
        "compliance.csv": ["required": .number, "planned": .number],
        "assessment.csv": [
            "checks": .number, "met": .number, "incomplete_entries": .number, "callbacks_called": .number,
            "callbacks_confirmed": .number, "callbacks_not_confirmed": .number, "callbacks_unreachable": .number,
            "deduction": .number,
        ],
        "subsidy.csv": ["villages": .number, "base": .number, "deduction": .number, "payable": .number],
    ]
}

/// CSV text as a workbook sheet: the same header and rows, each cell typed by its column.
public enum CSVSheet {
    /// The sheet for `csv` (as the writers make it, or as a user's file holds it), its header
    /// kept as written (English or Chinese) and its columns typed by ``CSVHeaders/Table/kind(_:)``.
    ///
    /// - Throws: ``Diagnostic`` when the text is not valid CSV.
    public static func sheet(name: String, csv: String, table: CSVHeaders.Table) throws -> WorkbookWriter.Sheet {
        let parsed = try CSVTable(text: csv, file: table.file)
        return sheet(name: name, table: parsed, headers: table)
    }

    /// The sheet for a parsed CSV file.
    public static func sheet(name: String, table: CSVTable, headers: CSVHeaders.Table) -> WorkbookWriter.Sheet {
        let kinds = table.header.map { headers.kind(CSVHeaders.english($0.text, file: headers.file)) }
        var rows: [[WorkbookWriter.Value]] = [table.header.map { .text($0.text) }]
        for record in table.records {
            rows.append(
                record.fields.enumerated().map { i, f in value(f.text, kind: i < kinds.count ? kinds[i] : .text) })
        }
        return WorkbookWriter.Sheet(name: name, rows: rows)
    }

    /// A value typed as `kind`; text that is not a plain number or a `YYYY-MM-DD` date stays text.
    public static func value(_ text: String, kind: ColumnKind) -> WorkbookWriter.Value {
        if text.isEmpty { return .empty }
        switch kind {
        case .text:
            return .text(text)
        case .number:
            return plainNumber(text).map { .number($0) } ?? .text(text)
        case .date:
            guard let day = Day(text) else { return .text(text) }
            let c = day.components
            return .date(SpreadsheetDate.YMD(year: c.year, month: c.month, day: c.day))
        }
    }

    /// `text` as a number when it is written as one plainly (`23.16`, `-5`, `1e-3`): no leading
    /// zeros that a number would lose (`007`), no hex, no `inf` or `nan`.
    static func plainNumber(_ text: String) -> Double? {
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
            let v = Double(text), v.isFinite
        else { return nil }
        let digits = text.drop { $0 == "-" || $0 == "+" }
        if digits.count > 1, digits.first == "0", digits.dropFirst().first?.isNumber == true { return nil }
        return v
    }
}

/// A scenario folder's CSV tables written as one workbook (`scenario.xlsx`), a sheet per table
/// named like the file (`villages`), numbers and dates typed.
public enum ScenarioWorkbook {
    /// The workbook of the tables present in `directory` (CSV files, UTF-8 or GB18030).
    ///
    /// - Throws: ``Diagnostic`` when a CSV file cannot be read; the writer's error otherwise.
    public static func make(from directory: URL) throws -> Data {
        var sheets: [WorkbookWriter.Sheet] = []
        for table in ScenarioTables.all {
            let url = directory.appendingPathComponent(table.file)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let parsed = try CSVTable(contentsOf: url, file: table.file)
            sheets.append(CSVSheet.sheet(name: table.sheet, table: parsed, headers: table.headers))
        }
        return try WorkbookWriter(sheets: sheets).data()
    }
}
