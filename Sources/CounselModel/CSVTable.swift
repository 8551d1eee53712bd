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
        /// 1-based column (characters) of the field's first character; in a workbook, the
        /// cell's column (A = 1).
        public var column: Int
        /// Why the value cannot be used, when a workbook cell holds something other than a value
        /// (an error such as `#N/A`, a formula never calculated); `text` is then empty.
        public var problem: String? = nil
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
    /// The encoding the file was read in (UTF-8 for text given as a String).
    public var encoding: TextEncoding = .utf8

    /// A table made from parts (a workbook sheet read as a table).
    public init(file: String, header: [Field], records: [Record]) {
        self.file = file
        self.header = header
        self.records = records
    }

    /// Parses CSV text.
    ///
    /// - Throws: ``Diagnostic`` for an unterminated quoted field, a stray quote, or a file with
    ///   no header.
    public init(text: String, file: String) throws {
        self.file = file
        // Works on UTF-8 bytes (fast at province size); columns count characters, so a
        // continuation byte (10xxxxxx) does not advance the column.
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        let space: UInt8 = 0x20, tab: UInt8 = 0x09
        var rows: [Record] = []
        var fields: [Field] = []
        var current: [UInt8] = []
        var line = 1, column = 1
        var fieldLine = 1, fieldColumn = 1
        var inQuotes = false, wasQuoted = false, afterQuote = false
        var rowLine = 1
        var i = 0
        func endField() {
            var slice = current[...]
            if !wasQuoted {
                while let f = slice.first, f == space || f == tab { slice.removeFirst() }
                while let l = slice.last, l == space || l == tab { slice.removeLast() }
            }
            fields.append(Field(text: String(decoding: slice, as: UTF8.self), line: fieldLine, column: fieldColumn))
            current.removeAll(keepingCapacity: true)
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
        func advance(_ b: UInt8) { if b & 0xC0 != 0x80 { column += 1 } }
        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == quote {
                    if i + 1 < bytes.count && bytes[i + 1] == quote {
                        current.append(quote)
                        i += 2; column += 2
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                } else if c == lf {
                    current.append(c)
                    line += 1; column = 0
                } else if c == cr {
                    // CRLF inside a quoted field becomes LF; a lone CR becomes LF too.
                    if !(i + 1 < bytes.count && bytes[i + 1] == lf) {
                        current.append(lf)
                        line += 1; column = 0
                    }
                } else {
                    current.append(c)
                }
                i += 1; advance(c)
                continue
            }
            switch c {
            case comma:
                endField()
                fieldLine = line; fieldColumn = column + 1
            case cr, lf:
                endRow()
                if c == cr && i + 1 < bytes.count && bytes[i + 1] == lf { i += 1 }
                line += 1; column = 0
                rowLine = line
                fieldLine = line; fieldColumn = 1
            case quote:
                if current.allSatisfy({ $0 == space || $0 == tab }) && !wasQuoted {
                    current.removeAll(keepingCapacity: true)
                    inQuotes = true
                    wasQuoted = true
                } else {
                    throw Diagnostic(file: file, line: line, column: column,
                                     tr("csv.quoteInside"))
                }
            default:
                if afterQuote && c != space && c != tab {
                    throw Diagnostic(file: file, line: line, column: column,
                                     tr("csv.afterQuote"))
                }
                if !afterQuote { current.append(c) }
            }
            i += 1; advance(c)
        }
        if inQuotes {
            throw Diagnostic(file: file, line: fieldLine, column: fieldColumn,
                             tr("csv.unclosed"))
        }
        if !current.isEmpty || !fields.isEmpty || wasQuoted { endRow() }
        guard let first = rows.first else {
            throw Diagnostic(file: file, line: 1, tr("csv.empty"))
        }
        header = first.fields
        records = Array(rows.dropFirst())
    }

    /// Reads and parses a file: UTF-8 (with or without a byte order mark), or else GB18030 (which
    /// contains GBK and GB2312), as Excel and WPS save "CSV (逗号分隔)" on a Chinese Windows;
    /// ``encoding`` says which.
    ///
    /// - Throws: ``Diagnostic`` when the file cannot be read, is neither UTF-8 nor GB18030 (with
    ///   the line and byte where decoding failed), or is malformed.
    public init(contentsOf url: URL, file: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw Diagnostic(file: file, tr("csv.cannotRead", ["error": SystemErrorText.text(error, english: error.localizedDescription)]))
        }
        switch TextDecoding.decode(data) {
        case .success(let (text, encoding)):
            try self.init(text: text, file: file)
            self.encoding = encoding
        case .failure(let f):
            let shown = f.bytes.map { String(format: "%02X", $0) }.joined(separator: " ")
            throw Diagnostic(file: file, line: f.line,
                             tr("csv.encoding", ["byte": f.byteInLine, "shown": shown]))
        }
    }
}
