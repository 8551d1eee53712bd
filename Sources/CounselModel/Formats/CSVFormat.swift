import Foundation

/// One CSV file format: its column table (English and Chinese names), one writer and one reader.
///
/// Every CSV file the tool writes goes through ``write(_:columns:language:excel:)``: the header
/// comes from the table in the chosen language, every field is quoted where it must be, and a
/// UTF-8 byte order mark goes in front for Excel. Every CSV file the tool reads back goes
/// through ``read(_:displayName:required:)``: Chinese headers map back to English, and the
/// problems every reader checks (a required column missing, a row with the wrong number of
/// fields) come back as located diagnostics, all of them at once.
public struct CSVFormat: Sendable {
    /// The file's columns.
    public let table: CSVHeaders.Table

    /// The format of the file `table` describes.
    public init(_ table: CSVHeaders.Table) { self.table = table }

    /// The English names of every column, in the table's order.
    public var columns: [String] { table.columns.map(\.english) }

    // MARK: Writing

    /// `rows` under the header `columns` (English names; default every column of the table),
    /// as UTF-8: the header in `language`, a byte order mark first when `excel`.
    public func write(
        _ rows: [[String]], columns: [String]? = nil, language: CSVHeaders.Language = .en, excel: Bool = false
    ) -> Data {
        let text = self.text(rows, columns: columns, language: language)
        return Data((excel ? CSVHeaders.byteOrderMark : []) + Array(text.utf8))
    }

    /// `rows` as CSV text with the header in `language` (English by default), `\n` line ends.
    public func text(_ rows: [[String]], columns: [String]? = nil, language: CSVHeaders.Language = .en) -> String {
        var lines = [CSVHeaders.header(columns ?? self.columns, in: table, language: language)]
        lines += rows.map { $0.map(csvField).joined(separator: ",") }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Reading

    /// A file read back: its records, each field found by its English column name.
    public struct Contents: Sendable {
        /// The name used in diagnostics.
        public var file: String
        /// The header, mapped to English names.
        public var header: [String]
        /// The records whose number of fields matches the header.
        public var records: [Record]
        /// Missing required columns and rows with the wrong number of fields.
        public var diagnostics: [Diagnostic]
        /// The parsed table (its encoding, the header as written).
        public var table: CSVTable

        /// Whether the file has the column `name`.
        public func has(_ name: String) -> Bool { header.contains(name) }
    }

    /// One record, its fields by English column name.
    public struct Record: Sendable {
        /// 1-based line where the record starts.
        public var line: Int
        /// The fields, in column order.
        public var fields: [CSVTable.Field]
        let index: [String: Int]

        /// The field of column `name`, or `nil` when the file has no such column.
        public subscript(_ name: String) -> CSVTable.Field? { index[name].map { fields[$0] } }

        /// The text of column `name` ("" when the file has no such column).
        public func text(_ name: String) -> String { self[name]?.text ?? "" }
    }

    /// Reads the file at `url` (UTF-8 or GB18030, as every input).
    ///
    /// - Parameters:
    ///   - displayName: the name used in diagnostics (a path as the user gave it).
    ///   - required: the columns the caller cannot do without; when one is missing, no record is
    ///     returned and the diagnostic names every missing one.
    /// - Throws: ``Diagnostic`` when the file cannot be read or is not CSV (an unterminated quote).
    public func read(_ url: URL, displayName: String, required: [String]) throws -> Contents {
        try read(CSVTable(contentsOf: url, file: displayName), required: required)
    }

    /// Reads a parsed table (see ``read(_:displayName:required:)``).
    public func read(_ table: CSVTable, required: [String]) -> Contents {
        let header = table.header.map { self.table.english($0.text) ?? $0.text }
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() where index[name] == nil { index[name] = i }
        var contents = Contents(file: table.file, header: header, records: [], diagnostics: [], table: table)
        let missing = required.filter { index[$0] == nil }
        if !missing.isEmpty {
            let names =
                missing.count == 1
                ? missing[0] : missing.dropLast().joined(separator: ", ") + tr("list.and") + missing.last!
            contents.diagnostics.append(
                Diagnostic(
                    file: table.file, line: 1,
                    tr("csv.needsColumns", ["count": missing.count, "names": names, "file": self.table.file])))
            return contents
        }
        for r in table.records {
            guard r.fields.count == header.count else {
                contents.diagnostics.append(
                    Diagnostic(
                        file: table.file, line: r.line,
                        tr("roster.fieldCount", ["expected": header.count, "found": r.fields.count])))
                continue
            }
            contents.records.append(Record(line: r.line, fields: r.fields, index: index))
        }
        return contents
    }
}

// MARK: - The output files

extension CSVFormat {
    /// `roster.csv` (from `schedule`).
    public static let roster = CSVFormat(CSVHeaders.roster)
    /// A village's or an adviser's ledger book (台账, from `publish`).
    public static let ledger = CSVFormat(CSVHeaders.ledger)
    /// `compliance.csv` (from `schedule` and `check --out`), `checks.csv` (from `assess`).
    public static let compliance = CSVFormat(CSVHeaders.compliance)
    /// `duties.csv` (from `schedule`), `duty-checks.csv` (from `assess`).
    public static let duties = CSVFormat(CSVHeaders.duties)
    /// `shortfalls.csv` (from `schedule`).
    public static let shortfalls = CSVFormat(CSVHeaders.shortfalls)
    /// `changes.csv` (from `rebalance`).
    public static let changes = CSVFormat(CSVHeaders.changes)
    /// `callbacks.csv` (from `callbacks`), after its notice line.
    public static let callbacks = CSVFormat(CSVHeaders.callbacks)
    /// `assessment.csv` (from `assess`).
    public static let assessment = CSVFormat(CSVHeaders.assessment)
    /// `subsidy.csv` (from `assess`).
    public static let subsidy = CSVFormat(CSVHeaders.subsidy)
    /// `statuses.csv` (from `assess`, read by `rebalance --statuses`).
    public static let statuses = CSVFormat(CSVHeaders.statuses)
}
