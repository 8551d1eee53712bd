import Foundation

/// A CSV file read into records that remember where each field stood.
///
/// RFC 4180: comma-separated, fields optionally quoted with `"` (a quote inside a quoted field is
/// doubled), quoted fields may span lines, CRLF or LF line ends, an optional UTF-8 BOM (as Excel
/// writes it). Written here rather than taken from a CSV package because every error message must
/// name the line and column of the field, which the available packages do not report.
public struct CSVTable: Sendable {
    /// One field and where it starts in the file.
    public struct Field: Sendable {
        /// The unquoted text.
        public var text: String
        /// 1-based line of the field's first character.
        public var line: Int
        /// 1-based column (characters) of the field's first character.
        public var column: Int
    }

    /// A data row (not the header).
    public struct Record: Sendable {
        /// The fields, in column order.
        public var fields: [Field]
        /// 1-based line where the record starts.
        public var line: Int
    }

    /// The file name used in diagnostics.
    public var file: String
    /// The header names, trimmed.
    public var header: [Field]
    /// The data rows (blank lines skipped).
    public var records: [Record]

    /// Parses CSV text.
    ///
    /// - Throws: ``Diagnostic`` for an unterminated quoted field, a stray quote, or a file with
    ///   no header.
    public init(text: String, file: String) throws {
        self.file = file
        var rows: [Record] = []
        var fields: [Field] = []
        var current = ""
        var line = 1, column = 1
        var fieldLine = 1, fieldColumn = 1
        var inQuotes = false, wasQuoted = false, afterQuote = false
        var rowLine = 1
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0
        func endField() {
            fields.append(Field(text: wasQuoted ? current : current.trimmingCharacters(in: .whitespaces),
                                line: fieldLine, column: fieldColumn))
            current = ""
            wasQuoted = false
            afterQuote = false
        }
        func endRow() {
            endField()
            if !(fields.count == 1 && fields[0].text.isEmpty) {
                rows.append(Record(fields: fields, line: rowLine))
            }
            fields = []
        }
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                        current.unicodeScalars.append("\"")
                        i += 2; column += 2
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                } else if c == "\n" {
                    current.unicodeScalars.append(c)
                    line += 1; column = 0
                } else if c == "\r" {
                    // CRLF inside a quoted field: keep a single LF.
                } else {
                    current.unicodeScalars.append(c)
                }
                i += 1; column += 1
                continue
            }
            switch c {
            case ",":
                endField()
                fieldLine = line; fieldColumn = column + 1
            case "\r", "\n":
                endRow()
                if c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
                line += 1; column = 0
                rowLine = line
                fieldLine = line; fieldColumn = 1
            case "\"":
                if current.trimmingCharacters(in: .whitespaces).isEmpty && !wasQuoted {
                    current = ""
                    inQuotes = true
                    wasQuoted = true
                } else {
                    throw Diagnostic(file: file, line: line, column: column,
                                     "a quote (\") inside an unquoted field; quote the whole field and double the inner quote (\"\")")
                }
            default:
                if afterQuote && c != " " && c != "\t" {
                    throw Diagnostic(file: file, line: line, column: column,
                                     "text after the closing quote of a quoted field")
                }
                if !afterQuote { current.unicodeScalars.append(c) }
            }
            i += 1; column += 1
        }
        if inQuotes {
            throw Diagnostic(file: file, line: fieldLine, column: fieldColumn,
                             "a quoted field is never closed (missing \")")
        }
        if !current.isEmpty || !fields.isEmpty || wasQuoted { endRow() }
        guard let first = rows.first else {
            throw Diagnostic(file: file, line: 1, "the file is empty; expected a header row")
        }
        header = first.fields
        records = Array(rows.dropFirst())
    }

    /// Reads and parses a file; the text must be UTF-8.
    ///
    /// - Throws: ``Diagnostic`` when the file cannot be read, is not UTF-8, or is malformed.
    public init(contentsOf url: URL, file: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw Diagnostic(file: file, "cannot read the file: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostic(file: file, line: CSVTable.firstInvalidUTF8Line(data),
                             "the file is not UTF-8 text; if Excel saved it as GBK/GB18030, save it again as \"CSV UTF-8 (逗号分隔)\"")
        }
        try self.init(text: text, file: file)
    }

    private static func firstInvalidUTF8Line(_ data: Data) -> Int? {
        var line = 1
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            if String(data: data[start..<end], encoding: .utf8) == nil { return line }
            line += 1
            start = end < data.endIndex ? data.index(after: end) : end
        }
        return nil
    }
}
