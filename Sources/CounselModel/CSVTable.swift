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
    /// - Throws: ``Diagnostic`` for an unterminated quoted field, a stray quote, a field or a line
    ///   beyond the limits (``maximumFieldBytes``, ``maximumFields``), or a file with no header.
    public init(text: String, file: String) throws {
        var text = text
        let (header, records) = try text.withUTF8 { try Self.collect(UnsafeRawBufferPointer($0), file: file) }
        self.file = file
        self.header = header
        self.records = records
    }

    /// Reads and parses a file: UTF-8 (with or without a byte order mark), or else GB18030 (which
    /// contains GBK and GB2312), as Excel and WPS save "CSV (逗号分隔)" on a Chinese Windows;
    /// ``encoding`` says which.
    ///
    /// - Throws: ``Diagnostic`` when the file cannot be read, is larger than ``maximumFileBytes``,
    ///   is neither UTF-8 nor GB18030 (with the line and byte where decoding failed), or is malformed.
    public init(contentsOf url: URL, file: String) throws {
        try self.init(data: try Self.readFile(url, file: file), file: file)
    }

    /// Parses the bytes of a file, decoded as ``init(contentsOf:file:)`` decodes them.
    ///
    /// - Throws: ``Diagnostic`` as ``init(contentsOf:file:)``.
    public init(data: Data, file: String) throws {
        var rows: [Record] = []
        let encoding = try Self.forEachRecord(in: data, file: file) { rows.append($0) }
        guard let first = rows.first else {
            throw Diagnostic(file: file, line: 1, tr("csv.empty"))
        }
        self.file = file
        self.header = first.fields
        self.records = Array(rows.dropFirst())
        self.encoding = encoding
    }

    // MARK: Limits

    /// The largest CSV file read (256 MiB): about five times a national scenario's largest table
    /// (villages.csv or preferences.csv, some 55 MB for 615,000 villages). A larger file is refused
    /// unread, so that a mistaken file (a database dump, a log) costs neither memory nor time.
    public static let maximumFileBytes = 256 << 20
    /// The longest field (64 KiB): a ledger's content runs to a few kilobytes, a township's
    /// neighbour list to a few hundred bytes. A longer one is most often a quote never closed.
    public static let maximumFieldBytes = 1 << 16
    /// The most fields on one line (1,000; the widest table has a few dozen columns).
    public static let maximumFields = 1000

    // MARK: Streaming

    /// Reads `url` (size checked before anything is read, then decoded as UTF-8 or GB18030) and
    /// calls `body` with each record in order — the first one the header — without keeping them:
    /// memory stays at the file's bytes plus one record.
    ///
    /// - Returns: the encoding the file was read in.
    /// - Throws: ``Diagnostic`` as ``init(contentsOf:file:)``, or what `body` throws.
    public static func forEachRecord(contentsOf url: URL, file: String, _ body: (Record) throws -> Void) throws
        -> TextEncoding
    {
        try forEachRecord(in: readFile(url, file: file), file: file, body)
    }

    /// ``forEachRecord(contentsOf:file:_:)`` on bytes already read.
    public static func forEachRecord(in data: Data, file: String, _ body: (Record) throws -> Void) throws
        -> TextEncoding
    {
        if TextDecoding.isValidUTF8(data) {
            try data.withUnsafeBytes { try parse($0, file: file, body) }
            return .utf8
        }
        switch data.withUnsafeBytes({ TextDecoding.gb18030($0) }) {
        case .success(let utf8):
            try utf8.withUnsafeBytes { try parse($0, file: file, body) }
            return .gb18030
        case .failure(let stop):
            let f = data.withUnsafeBytes { TextDecoding.refusal($0, gb18030Stop: stop.value) }
            let shown = f.bytes.map { String(format: "%02X", $0) }.joined(separator: " ")
            throw Diagnostic(file: file, line: f.line, tr("csv.encoding", ["byte": f.byteInLine, "shown": shown]))
        }
    }

    /// The bytes of `url`, refusing a file larger than ``maximumFileBytes`` before reading it.
    static func readFile(_ url: URL, file: String) throws -> Data {
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber,
            size.int64Value > Int64(maximumFileBytes)
        {
            throw Diagnostic(
                file: file, tr("csv.tooLarge", ["size": megabytes(size.int64Value), "limit": maximumFileBytes >> 20]))
        }
        do {
            let data = try FileContents.read(url)
            guard data.count <= maximumFileBytes else {  // grew while we looked, or not a regular file
                throw Diagnostic(
                    file: file, tr("csv.grew", ["size": megabytes(Int64(data.count)), "limit": maximumFileBytes >> 20]))
            }
            return data
        } catch let d as Diagnostic {
            throw d
        } catch {
            throw Diagnostic(
                file: file,
                tr("csv.cannotRead", ["error": SystemErrorText.text(error, english: error.localizedDescription)]))
        }
    }

    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    /// Parses the whole of `bytes` into the header and the records.
    static func collect(_ bytes: UnsafeRawBufferPointer, file: String) throws -> ([Field], [Record]) {
        var rows: [Record] = []
        try parse(bytes, file: file) { rows.append($0) }
        guard let first = rows.first else {
            throw Diagnostic(file: file, line: 1, tr("csv.empty"))
        }
        return (first.fields, Array(rows.dropFirst()))
    }

    /// The parser: calls `body` with each non-blank row of UTF-8 `bytes` (the first is the header).
    ///
    /// Works on the bytes in place (fast at province size, and no copy of a large file); columns
    /// count characters, so a continuation byte (10xxxxxx) does not advance the column.
    static func parse(_ all: UnsafeRawBufferPointer, file: String, _ body: (Record) throws -> Void) throws {
        var bytes = all[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var parser = Parser(file: file)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            i += parser.inQuotes ? try parser.quoted(bytes, at: i) : try parser.unquoted(bytes, at: i, body)
        }
        try parser.finish(body)
    }

    /// The state of one parse: the row and the field being read, and where they started.
    private struct Parser {
        static let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        static let space: UInt8 = 0x20, tab: UInt8 = 0x09

        let file: String
        var fields: [Field] = []
        var current: [UInt8] = []
        var line = 1, column = 1
        var fieldLine = 1, fieldColumn = 1
        var inQuotes = false, wasQuoted = false, afterQuote = false
        var rowLine = 1

        init(file: String) { self.file = file }

        /// Reads the byte at `i` inside a quoted field; returns how many bytes it took.
        mutating func quoted(_ bytes: Slice<UnsafeRawBufferPointer>, at i: Int) throws -> Int {
            let c = bytes[i]
            if c == Self.quote {
                if i + 1 < bytes.endIndex && bytes[i + 1] == Self.quote {
                    try append(Self.quote)
                    column += 2
                    return 2
                }
                inQuotes = false
                afterQuote = true
            } else if c == Self.lf {
                try append(c)
                line += 1
                column = 0
            } else if c == Self.cr {
                // CRLF inside a quoted field becomes LF; a lone CR becomes LF too.
                if !(i + 1 < bytes.endIndex && bytes[i + 1] == Self.lf) {
                    try append(Self.lf)
                    line += 1
                    column = 0
                }
            } else {
                try append(c)
            }
            advance(c)
            return 1
        }

        /// Reads the byte at `i` outside quotes, handing `body` each row it ends; returns how
        /// many bytes it took.
        mutating func unquoted(
            _ bytes: Slice<UnsafeRawBufferPointer>, at i: Int, _ body: (Record) throws -> Void
        ) throws -> Int {
            let c = bytes[i]
            var taken = 1
            switch c {
            case Self.comma:
                try endField()
                fieldLine = line
                fieldColumn = column + 1
            case Self.cr, Self.lf:
                try endRow(body)
                if c == Self.cr && i + 1 < bytes.endIndex && bytes[i + 1] == Self.lf { taken = 2 }
                line += 1
                column = 0
                rowLine = line
                fieldLine = line
                fieldColumn = 1
            case Self.quote:
                if current.allSatisfy({ $0 == Self.space || $0 == Self.tab }) && !wasQuoted {
                    current.removeAll(keepingCapacity: true)
                    inQuotes = true
                    wasQuoted = true
                } else {
                    throw Diagnostic(file: file, line: line, column: column, tr("csv.quoteInside"))
                }
            default:
                if afterQuote && c != Self.space && c != Self.tab {
                    throw Diagnostic(file: file, line: line, column: column, tr("csv.afterQuote"))
                }
                if !afterQuote { try append(c) }
            }
            advance(c)
            return taken
        }

        /// Ends the input: refuses a quoted field never closed, and hands `body` the last row.
        mutating func finish(_ body: (Record) throws -> Void) throws {
            if inQuotes {
                throw Diagnostic(file: file, line: fieldLine, column: fieldColumn, tr("csv.unclosed"))
            }
            if !current.isEmpty || !fields.isEmpty || wasQuoted { try endRow(body) }
        }

        mutating func endField() throws {
            var slice = current[...]
            if !wasQuoted {
                while let f = slice.first, f == Self.space || f == Self.tab { slice.removeFirst() }
                while let l = slice.last, l == Self.space || l == Self.tab { slice.removeLast() }
            }
            if fields.count >= CSVTable.maximumFields {
                throw Diagnostic(file: file, line: rowLine, tr("csv.tooManyFields", ["limit": CSVTable.maximumFields]))
            }
            fields.append(Field(text: String(decoding: slice, as: UTF8.self), line: fieldLine, column: fieldColumn))
            current.removeAll(keepingCapacity: current.count <= 4096)
            wasQuoted = false
            afterQuote = false
        }

        mutating func endRow(_ body: (Record) throws -> Void) throws {
            try endField()
            if !(fields.count == 1 && fields[0].text.isEmpty) {
                try body(Record(fields: fields, line: rowLine))
            }
            fields.removeAll(keepingCapacity: true)
        }

        mutating func advance(_ b: UInt8) { if b & 0xC0 != 0x80 { column += 1 } }

        mutating func append(_ b: UInt8) throws {
            if current.count >= CSVTable.maximumFieldBytes {
                throw Diagnostic(
                    file: file, line: fieldLine, column: fieldColumn,
                    tr(
                        inQuotes ? "csv.fieldTooLongQuoted" : "csv.fieldTooLong",
                        ["bytes": CSVTable.maximumFieldBytes, "kib": CSVTable.maximumFieldBytes >> 10]))
            }
            current.append(b)
        }
    }
}
