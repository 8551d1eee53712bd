import CounselModel
import Foundation
import Workbook

/// Why an output workbook cannot be made from the CSV text it is built from (text this program
/// wrote, so a sign of a bug rather than of bad input).
public enum OutputWorkbookError: Error, Equatable, CustomStringConvertible {
    /// assignment.csv has no `county`, `village_id` or `adviser_id` column.
    case noAssignmentColumns
    /// assessment.csv has no `county` column.
    case noAssessmentCounty

    /// What is missing, in the run's language.
    public var description: String {
        switch self {
        case .noAssignmentColumns: return tr("workbook.noColumns")
        case .noAssessmentCounty: return tr("workbook.noCounty")
        }
    }
}

/// The workbooks `--xlsx` writes beside the CSV files, for a clerk to open and forward: a sheet
/// per output, the same header and rows as its CSV file (numbers as numbers, dates as dates), and
/// a sheet per county with what that county's office needs of it.
///
/// Each is built from the CSV text the command writes, so the workbook can never say something
/// the CSV does not.
public enum OutputWorkbooks {
    /// A village the plan leaves without an adviser, and why.
    public struct Uncovered: Sendable {
        /// Village id, name, county id, township.
        public var id: String, name: String, county: String, township: String
        /// Why no adviser could be given.
        public var reason: String
        /// Makes one.
        public init(id: String, name: String, county: String, township: String, reason: String) {
            (self.id, self.name, self.county, self.township, self.reason) = (id, name, county, township, reason)
        }
    }

    static let uncoveredColumns = CSVHeaders.uncovered
    static let countyAdviserColumns = CSVHeaders.countyAdvisers
    static let findingColumns = CSVHeaders.findings

    /// `plan.xlsx` for `assign` and `rebalance`: sheets `assignment` (assignment.csv),
    /// `changes` (changes.csv, rebalance only), `uncovered`, and one per county (named after it)
    /// with three blocks, each under its own bold header and separated by an empty row: the
    /// county's rows of assignment.csv; its advisers (`adviser_id, adviser_name, firm_id,
    /// villages, village_ids`, in order of first appearance); its uncovered villages, when any.
    ///
    /// - Parameters:
    ///   - assignmentCSV: assignment.csv as written (English header).
    ///   - changesCSV: changes.csv as written, for rebalance.
    ///   - counties: the scenario's counties, for the sheet names and their order.
    public static func plan(
        assignmentCSV: String, changesCSV: String? = nil, uncovered: [Uncovered],
        counties: [County], language: CSVHeaders.Language
    ) throws -> Data {
        var sheets: [WorkbookWriter.Sheet] = []
        var taken = Set<String>()
        let assignment = try CSVTable(text: assignmentCSV, file: "assignment.csv")
        sheets.append(
            sheet(WorkbookWriter.sheetName("assignment", taken: &taken), assignment, CSVHeaders.assignment, language))
        if let changesCSV {
            let changes = try CSVTable(text: changesCSV, file: "changes.csv")
            sheets.append(
                sheet(WorkbookWriter.sheetName("changes", taken: &taken), changes, CSVHeaders.changes, language))
        }
        let uncoveredRows = uncovered.map { [$0.id, $0.name, $0.county, $0.township, $0.reason] }
        sheets.append(
            listSheet(WorkbookWriter.sheetName("uncovered", taken: &taken), uncoveredColumns, uncoveredRows, language))

        let names = assignment.header.map { CSVHeaders.english($0.text, file: "assignment.csv") }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        guard let ci = column("county"), let vi = column("village_id"), let ai = column("adviser_id") else {
            throw OutputWorkbookError.noAssignmentColumns
        }
        let an = column("adviser_name"), fi = column("firm_id")
        for county in orderedCounties(assignment.records.map { $0.fields[ci].text }, counties) {
            let records = assignment.records.filter { $0.fields[ci].text == county.id }
            var rows = sheet(
                "", CSVTable(file: "assignment.csv", header: assignment.header, records: records),
                CSVHeaders.assignment, language
            ).rows
            var bold: Set<Int> = [1]
            // The county's advisers, in order of first appearance.
            var order: [String] = []
            var byAdviser: [String: [CSVTable.Record]] = [:]
            for r in records where !r.fields[ai].text.isEmpty {
                let a = r.fields[ai].text
                if byAdviser[a] == nil { order.append(a) }
                byAdviser[a, default: []].append(r)
            }
            rows.append([])
            rows.append(header(countyAdviserColumns, language))
            bold.insert(rows.count)
            for a in order {
                let rs = byAdviser[a]!
                rows.append([
                    .text(a), text(an.map { rs[0].fields[$0].text } ?? ""),
                    text(fi.map { rs[0].fields[$0].text } ?? ""),
                    .number(Double(rs.count)), .text(rs.map { $0.fields[vi].text }.joined(separator: ";")),
                ])
            }
            let left = uncovered.filter { $0.county == county.id }
            if !left.isEmpty {
                rows.append([])
                rows.append(header(uncoveredColumns, language))
                bold.insert(rows.count)
                for u in left { rows.append([u.id, u.name, u.county, u.township, u.reason].map(text)) }
            }
            sheets.append(
                WorkbookWriter.Sheet(
                    name: WorkbookWriter.sheetName(county.name, taken: &taken), rows: rows, boldRows: bold))
        }
        return try WorkbookWriter(sheets: sheets).data()
    }

    /// `roster.xlsx` for `schedule`: sheets `roster`, `compliance` and `shortfalls` (the CSV files),
    /// and one per county (named after it) with that county's villages' rows of roster.csv in date
    /// order, month by month.
    ///
    /// - Parameter villageCounty: village id → county id.
    public static func roster(
        rosterCSV: String, complianceCSV: String, shortfallsCSV: String, dutiesCSV: String? = nil,
        villageCounty: [String: String], counties: [County], language: CSVHeaders.Language
    ) throws -> Data {
        var taken = Set<String>()
        let roster = try CSVTable(text: rosterCSV, file: "roster.csv")
        var sheets = [
            sheet(WorkbookWriter.sheetName("roster", taken: &taken), roster, CSVHeaders.roster, language),
            sheet(
                WorkbookWriter.sheetName("compliance", taken: &taken),
                try CSVTable(text: complianceCSV, file: "compliance.csv"),
                CSVHeaders.compliance, language),
            sheet(
                WorkbookWriter.sheetName("shortfalls", taken: &taken),
                try CSVTable(text: shortfallsCSV, file: "shortfalls.csv"),
                CSVHeaders.shortfalls, language),
        ]
        if let dutiesCSV {  // the profile's duties of advisers and firms (duties.csv)
            sheets.append(
                sheet(
                    WorkbookWriter.sheetName("duties", taken: &taken),
                    try CSVTable(text: dutiesCSV, file: "duties.csv"),
                    CSVHeaders.duties, language))
        }
        sheets += try countySheets(
            roster, CSVHeaders.roster, villageColumn: "village_id", villageCounty: villageCounty,
            counties: counties, language: language, taken: &taken, byDate: true)
        return try WorkbookWriter(sheets: sheets).data()
    }

    /// `compliance.xlsx` for `check --out FILE --xlsx`: sheets `compliance` (the CSV file),
    /// `findings` (every finding: village, adviser, day, period, kind, message, source, ledger
    /// lines) and one per county with its rows of `compliance`.
    public static func compliance(
        complianceCSV: String, findings: [[String]], villageCounty: [String: String],
        counties: [County], language: CSVHeaders.Language
    ) throws -> Data {
        var taken = Set<String>()
        let compliance = try CSVTable(text: complianceCSV, file: "compliance.csv")
        var sheets = [
            sheet(WorkbookWriter.sheetName("compliance", taken: &taken), compliance, CSVHeaders.compliance, language)
        ]
        var f = listSheet(WorkbookWriter.sheetName("findings", taken: &taken), findingColumns, [], language)
        for row in findings {
            // the day as a date
            f.rows.append(row.enumerated().map { i, t in i == 2 ? CSVSheet.value(t, kind: .date) : text(t) })
        }
        sheets.append(f)
        sheets += try countySheets(
            compliance, CSVHeaders.compliance, villageColumn: "village_id", villageCounty: villageCounty,
            counties: counties, language: language, taken: &taken, byDate: false)
        return try WorkbookWriter(sheets: sheets).data()
    }

    /// `assessment.xlsx` for `assess`: sheets `assessment`, `checks`, `subsidy` and `statuses`
    /// (the CSV files), and one per county (named after it) with the county's rows of
    /// assessment.csv, then, under their own bold header after an empty row, its rows of
    /// subsidy.csv.
    public static func assessment(
        assessmentCSV: String, checksCSV: String, subsidyCSV: String, statusesCSV: String, dutyChecksCSV: String? = nil,
        counties: [County], language: CSVHeaders.Language
    ) throws -> Data {
        var taken = Set<String>()
        let assessment = try CSVTable(text: assessmentCSV, file: "assessment.csv")
        let subsidy = try CSVTable(text: subsidyCSV, file: "subsidy.csv")
        var sheets = [
            sheet(WorkbookWriter.sheetName("assessment", taken: &taken), assessment, CSVHeaders.assessment, language),
            sheet(
                WorkbookWriter.sheetName("checks", taken: &taken),
                try CSVTable(text: checksCSV, file: "compliance.csv"),
                CSVHeaders.compliance, language),
            sheet(WorkbookWriter.sheetName("subsidy", taken: &taken), subsidy, CSVHeaders.subsidy, language),
            sheet(
                WorkbookWriter.sheetName("statuses", taken: &taken),
                try CSVTable(text: statusesCSV, file: "statuses.csv"),
                CSVHeaders.statuses, language),
        ]
        if let dutyChecksCSV {  // the duties checked (duty-checks.csv)
            sheets.append(
                sheet(
                    WorkbookWriter.sheetName("duty-checks", taken: &taken),
                    try CSVTable(text: dutyChecksCSV, file: "duty-checks.csv"), CSVHeaders.duties, language))
        }
        func countyColumn(_ t: CSVTable, _ file: String) -> Int? {
            t.header.map { CSVHeaders.english($0.text, file: file) }.firstIndex(of: "county")
        }
        guard let ac = countyColumn(assessment, "assessment.csv") else { throw OutputWorkbookError.noAssessmentCounty }
        let sc = countyColumn(subsidy, "subsidy.csv")
        let ids =
            assessment.records.map { $0.fields[ac].text }
            + (sc.map { c in subsidy.records.map { $0.fields[c].text } } ?? [])
        for county in orderedCounties(ids.filter { !$0.isEmpty }, counties) {
            let mine = assessment.records.filter { $0.fields[ac].text == county.id }
            var rows = sheet(
                "", CSVTable(file: "assessment.csv", header: assessment.header, records: mine), CSVHeaders.assessment,
                language
            ).rows
            var bold: Set<Int> = [1]
            if let sc {
                let paid = subsidy.records.filter { $0.fields[sc].text == county.id }
                if !paid.isEmpty {
                    rows.append([])
                    bold.insert(rows.count + 1)
                    rows +=
                        sheet(
                            "", CSVTable(file: "subsidy.csv", header: subsidy.header, records: paid),
                            CSVHeaders.subsidy, language
                        ).rows
                }
            }
            sheets.append(
                WorkbookWriter.Sheet(
                    name: WorkbookWriter.sheetName(county.name, taken: &taken), rows: rows, boldRows: bold))
        }
        return try WorkbookWriter(sheets: sheets).data()
    }

    // MARK: Building blocks

    /// A CSV table as a sheet: its header in `language`, cells typed by column.
    static func sheet(_ name: String, _ table: CSVTable, _ headers: CSVHeaders.Table, _ language: CSVHeaders.Language)
        -> WorkbookWriter.Sheet
    {
        var s = CSVSheet.sheet(name: name, table: table, headers: headers)
        s.rows[0] = table.header.map { h in
            let english = CSVHeaders.english(h.text, file: headers.file)
            return .text(language == .zh ? (headers.chinese(english) ?? h.text) : english)
        }
        return s
    }

    static func listSheet(
        _ name: String, _ columns: CSVHeaders.Table, _ rows: [[String]], _ language: CSVHeaders.Language
    ) -> WorkbookWriter.Sheet {
        WorkbookWriter.Sheet(name: name, rows: [header(columns, language)] + rows.map { $0.map(text) })
    }

    static func header(_ columns: CSVHeaders.Table, _ language: CSVHeaders.Language) -> [WorkbookWriter.Value] {
        columns.columns.map { .text(language == .zh ? $0.chinese : $0.english) }
    }

    static func text(_ s: String) -> WorkbookWriter.Value { s.isEmpty ? .empty : .text(s) }

    /// The counties that appear in `ids`, in the scenario's order (then by id for unknown ones).
    static func orderedCounties(_ ids: [String], _ counties: [County]) -> [County] {
        let present = Set(ids)
        var result = counties.filter { present.contains($0.id) }
        let known = Set(result.map(\.id))
        for id in present.subtracting(known).sorted() {
            result.append(County(id: id, name: id, city: id, underResourced: false))
        }
        return result
    }

    /// One sheet per county with the county's rows of `table`.
    static func countySheets(
        _ table: CSVTable, _ headers: CSVHeaders.Table, villageColumn: String, villageCounty: [String: String],
        counties: [County], language: CSVHeaders.Language, taken: inout Set<String>,
        byDate: Bool
    ) throws -> [WorkbookWriter.Sheet] {
        let names = table.header.map { CSVHeaders.english($0.text, file: headers.file) }
        guard let vi = names.firstIndex(of: villageColumn) else { return [] }
        let di = byDate ? names.firstIndex(of: "date") : nil
        let countyOf = { (r: CSVTable.Record) in villageCounty[r.fields[vi].text] ?? "" }
        var result: [WorkbookWriter.Sheet] = []
        for county in orderedCounties(table.records.map(countyOf).filter { !$0.isEmpty }, counties) {
            var records = table.records.filter { countyOf($0) == county.id }
            if let di {
                // Stable: rows of one day keep the order of the CSV file.
                records = records.enumerated().sorted {
                    ($0.element.fields[di].text, $0.offset) < ($1.element.fields[di].text, $1.offset)
                }
                .map(\.element)
            }
            let s = sheet(
                WorkbookWriter.sheetName(county.name, taken: &taken),
                CSVTable(file: headers.file, header: table.header, records: records), headers, language)
            result.append(s)
        }
        return result
    }
}
