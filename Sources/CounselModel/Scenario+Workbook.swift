import Foundation
import Workbook

// A scenario's tables may come from workbooks instead of CSV files: `scenario.xlsx` with a sheet
// per table, or `villages.xlsx`, `advisers.xlsx` … with one. Every problem in a sheet is reported
// at its cell, `scenario.xlsx:villages!B17: …`, in the words used for the CSV files.

/// Where one table of a scenario comes from.
enum TableSource {
    /// A CSV file in the folder.
    case csv(URL)
    /// A sheet of a workbook in the folder.
    case sheet(workbook: String, sheet: Workbook.Sheet)
    /// More than one place gives it, or its workbook cannot be read (a problem already reported).
    case conflicting
}

extension ScenarioLoader {
    /// Finds where each table comes from, reporting workbooks that cannot be read, sheets that
    /// are not tables (a warning; an error when the name looks like a misspelt table), and tables
    /// given twice.
    mutating func resolveSources() {
        var found: [String: [Place]] = [:]
        var lost = Set<String>()  // tables whose workbook could not be read
        for table in ScenarioTables.all {
            let url = directory.appendingPathComponent(table.file)
            if FileManager.default.fileExists(atPath: url.path) {
                found[table.file, default: []].append((table.file, .csv(url)))
            }
        }
        findInScenarioWorkbook(&found, lost: &lost)
        findInTableWorkbooks(&found, lost: &lost)
        for file in lost where found[file] == nil {
            records[file] = 0
            unreadable.insert(file)
            sources[file] = .conflicting
        }
        for table in ScenarioTables.all {
            guard let places = found[table.file] else { continue }
            if places.count == 1 {
                sources[table.file] = places[0].source
            } else {
                sources[table.file] = .conflicting
                reportGivenTwice(table, places)
            }
        }
    }

    /// Where a table was found: how a message names the place, and the source.
    typealias Place = (place: String, source: TableSource)

    /// The tables in `scenario.xlsx`, one sheet each; a sheet that is no table is ignored with a
    /// warning, or an error when its name looks like a misspelt table's.
    private mutating func findInScenarioWorkbook(_ found: inout [String: [Place]], lost: inout Set<String>) {
        let whole = openWorkbook("scenario.xlsx")
        if whole == nil
            && FileManager.default.fileExists(atPath: directory.appendingPathComponent("scenario.xlsx").path)
        {
            // Unreadable: nothing can be said of the tables it may hold that no other file gives.
            for table in ScenarioTables.all where found[table.file] == nil { lost.insert(table.file) }
        }
        guard let book = whole else { return }
        var names = ScenarioTables.all.map { (compare: $0.sheet, suggest: $0.sheet) }
        names += ScenarioTables.all.map { (compare: $0.chineseSheet, suggest: $0.chineseSheet) }
        for sheet in book.sheets {
            if let table = ScenarioTables.table(forSheet: sheet.name) {
                found[table.file, default: []].append(
                    (
                        tr("sheet.place", ["file": "scenario.xlsx", "sheet": sheet.name]),
                        .sheet(workbook: "scenario.xlsx", sheet: sheet)
                    ))
            } else if ScenarioTables.explanationSheets.contains(sheet.name.lowercased()) || sheet.rows.isEmpty {
                continue
            } else if let s = NameSuggestion.suggestion(for: sheet.name, among: names) {
                diagnostics.append(
                    Diagnostic(
                        file: "scenario.xlsx", sheet: sheet.name, severity: .error,
                        tr("sheet.didYouMean", ["sheet": sheet.name, "meant": s, "sheets": Self.sheetList])))
            } else {
                warnings.append(
                    Diagnostic(
                        file: "scenario.xlsx", sheet: sheet.name, severity: .warning,
                        tr("sheet.ignored", ["sheet": sheet.name, "sheets": Self.sheetList])))
            }
        }
    }

    /// Each table's own workbook (`villages.xlsx`): the sheet named for the table, or its only
    /// sheet; a workbook of several sheets none of which is named so is an error.
    private mutating func findInTableWorkbooks(_ found: inout [String: [Place]], lost: inout Set<String>) {
        for table in ScenarioTables.all {
            let file = table.sheet + ".xlsx"
            guard let book = openWorkbook(file) else {
                if FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path) {
                    lost.insert(table.file)
                }
                continue
            }
            let named = book.sheets.filter { ScenarioTables.table(forSheet: $0.name)?.file == table.file }
            if let sheet = named.first ?? (book.sheets.count == 1 ? book.sheets.first : nil) {
                found[table.file, default: []].append(
                    (tr("sheet.place", ["file": file, "sheet": sheet.name]), .sheet(workbook: file, sheet: sheet)))
            } else {
                diagnostics.append(
                    Diagnostic(
                        file: file, severity: .error,
                        tr(
                            "sheet.whichOne",
                            [
                                "sheets": book.sheets.map { "'\($0.name)'" }.joined(separator: tr("list.separator")),
                                "table": table.sheet, "chinese": table.chineseSheet,
                            ])))
                lost.insert(table.file)
            }
        }
    }

    /// Reports a table given in more than one place, at its first sheet when one is a sheet.
    private mutating func reportGivenTwice(_ table: ScenarioTables.Table, _ places: [Place]) {
        var d = Diagnostic(
            file: table.file,
            tr(
                "sheet.givenTwice",
                [
                    "table": table.sheet, "count": places.count,
                    "places": places.map(\.place).joined(separator: tr("list.separator")),
                ]))
        if case .sheet(let workbook, let sheet) = places.first(where: {
            if case .sheet = $0.source { return true } else { return false }
        })?.source {
            d.file = workbook
            d.sheet = sheet.name
        }
        diagnostics.append(d)
    }

    static var sheetList: String {
        ScenarioTables.all.map { "\($0.sheet) or \($0.chineseSheet)" }.joined(separator: ", ")
    }

    /// The workbook `file` of the folder, or `nil` when there is none or it cannot be read (reported).
    mutating func openWorkbook(_ file: String) -> Workbook? {
        let url = directory.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try Workbook(contentsOf: url)
        } catch {
            diagnostics.append(
                Diagnostic(
                    file: file, tr("sheet.cannotRead", ["error": SystemErrorText.text(error, english: "\(error)")])))
            return nil
        }
    }

    // MARK: Naming tables in messages

    /// How a message names table `file`: `advisers.csv`, or `scenario.xlsx:advisers` for a sheet.
    func name(_ file: String) -> String {
        if case .sheet(let workbook, let sheet)? = sources[file] { return "\(workbook):\(sheet.name)" }
        return file
    }

    /// `line` for a CSV file, `row` for a sheet (in the run's language).
    func lineWord(_ file: String) -> String {
        if case .sheet? = sources[file] { return tr("load.lineWord.row") }
        return tr("load.lineWord.line")
    }

    /// `line 12` (`row 12` for a sheet) of table `file`, in the run's language (`第12行`).
    func at(_ file: String, _ line: Int) -> String {
        tr("load.at", ["word": lineWord(file), "line": line])
    }

    /// A place in table `file`: `villages.csv:12`, or `scenario.xlsx:villages!A12` for a sheet.
    /// (A CSV file's place names the line only: the column is the diagnostic's own.)
    func place(_ file: String, line: Int, column: Int?) -> String {
        guard case .sheet? = sources[file] else { return Diagnostic(file: file, line: line, "").location }
        return relocated(Diagnostic(file: file, line: line, column: column, "")).location
    }

    /// A diagnostic about table `file` placed in its workbook and sheet when it came from one.
    func relocated(_ d: Diagnostic) -> Diagnostic {
        guard case .sheet(let workbook, let sheet)? = sources[d.file] else { return d }
        var r = d
        r.file = workbook
        r.sheet = sheet.name
        return r
    }
}

extension CSVTable {
    /// A sheet read as a table: its first row with a value is the header, every later row with a
    /// value a record with one field per header cell (empty where the row has no value). A cell
    /// holding an error value or an uncalculated formula becomes a field with a ``Field/problem``.
    ///
    /// A title above the header (`武鸣区村（社区）法律顾问名单`, as bureaus' sheets have) is skipped
    /// with a warning: when the first row names no column the table reads and one of the next
    /// rows (up to the tenth with a value) does, that row is the header.
    ///
    /// - Parameters:
    ///   - warnings: receives a warning for values in columns without a header (ignored) and for
    ///     rows skipped above the header.
    ///   - isColumn: whether a header text names a column of the table.
    init(sheet: Workbook.Sheet, file: String, warnings: inout [Diagnostic], isColumn: (String) -> Bool = { _ in true })
        throws
    {
        guard !sheet.rows.isEmpty else {
            throw Diagnostic(file: file, line: 1, tr("sheet.empty"))
        }
        var start = 0
        func names(_ row: Workbook.Row) -> Bool { row.cells.contains { isColumn(Self.trimmed($0.text)) } }
        if !names(sheet.rows[0]), let k = sheet.rows.prefix(10).firstIndex(where: { names($0) }) {
            start = k
            let skipped = sheet.rows[..<k].map(\.number)
            warnings.append(
                Diagnostic(
                    file: file, line: skipped[0], severity: .warning,
                    tr(
                        skipped.count == 1 ? "sheet.titleRow" : "sheet.titleRows",
                        ["first": skipped[0], "last": skipped.last!, "header": sheet.rows[k].number])))
        }
        let first = sheet.rows[start]
        let header = first.cells.map { Field(text: Self.trimmed($0.text), line: first.number, column: $0.column) }
        let headerColumns = Set(header.map(\.column))
        var unheaded: [Int: (row: Int, count: Int)] = [:]
        var records: [Record] = []
        for row in sheet.rows.dropFirst(start + 1) {
            var byColumn: [Int: Workbook.Cell] = [:]
            for cell in row.cells {
                if headerColumns.contains(cell.column) {
                    byColumn[cell.column] = cell
                } else if !cell.text.isEmpty {
                    unheaded[cell.column, default: (row.number, 0)].count += 1
                }
            }
            let fields = header.map { h -> Field in
                guard let cell = byColumn[h.column] else { return Field(text: "", line: row.number, column: h.column) }
                var f = Field(text: Self.trimmed(cell.text), line: row.number, column: h.column)
                switch cell.kind {
                case .error:
                    f.text = ""
                    f.problem = tr("sheet.errorValue", ["value": cell.text])
                case .formulaWithoutValue:
                    f.text = ""
                    f.problem = tr("sheet.formula", ["formula": cell.text])
                default:
                    break
                }
                return f
            }
            records.append(Record(fields: fields, line: row.number))
        }
        for (column, where_) in unheaded.sorted(by: { $0.key < $1.key }) {
            warnings.append(
                Diagnostic(
                    file: file, line: where_.row, column: column, severity: .warning,
                    tr("sheet.noHeaderColumn", ["count": where_.count])))
        }
        self.init(file: file, header: header, records: records)
    }

    /// A cell's text without the spaces and tabs around it, as an unquoted CSV field is read.
    static func trimmed(_ text: String) -> String {
        var s = Substring(text)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
