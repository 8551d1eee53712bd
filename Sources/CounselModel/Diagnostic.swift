/// One problem found in a scenario's input, with where it is.
///
/// Loaders collect every diagnostic before failing, so a user fixes all problems in one pass. A
/// problem in a CSV file reads `villages.csv:17:2: …` (line and character column); the same
/// problem in a workbook reads `scenario.xlsx:villages!B17: …` (sheet and cell).
public struct Diagnostic: Error, Equatable, Comparable, CustomStringConvertible, Sendable {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Comparable {
        /// The input cannot be used (the default).
        case error
        /// The input is used, but part of it was ignored or changed (an unknown column ignored).
        case warning
        /// Information about how the input was read (a CSV read as GB18030).
        case note

        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.error, .warning, .note]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    /// The file, relative to the scenario folder where possible (e.g. `villages.csv`, `scenario.xlsx`).
    public var file: String
    /// The sheet of a workbook, or `nil` for a text file.
    public var sheet: String?
    /// 1-based line (a workbook's row), or `nil` for the whole file.
    public var line: Int?
    /// 1-based column (characters in a text file; the cell's column, A = 1, in a workbook), or `nil`.
    public var column: Int?
    /// What is wrong and what was expected.
    public var message: String
    /// Error, warning or note.
    public var severity: Severity = .error

    /// Makes a diagnostic.
    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// Makes a diagnostic with a severity, and a sheet for a workbook.
    public init(
        file: String, sheet: String? = nil, line: Int? = nil, column: Int? = nil, severity: Severity, _ message: String
    ) {
        self.init(file: file, line: line, column: column, message)
        self.sheet = sheet
        self.severity = severity
    }

    /// Where: `file:line:column`, as compilers print it, or `file:sheet!B17` in a workbook
    /// (`file:sheet!17` for a whole row).
    public var location: String {
        var location = file
        if let sheet {
            location += ":" + sheet
            if let line {
                location += "!" + (column.map { Self.columnLetters($0) } ?? "") + String(line)
            }
            return location
        }
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return location
    }

    /// `location: message`, with `warning: ` or `note: ` before the message when it is not an error.
    ///
    /// Rendered safe for a terminal, since messages quote the input: control and invisible
    /// characters are spelt out (`\u{1B}`, `\u{202E}`), and a message is cut after
    /// ``maximumMessageLength`` characters, saying how long it was.
    public var description: String {
        "\(Self.printable(location)): "
            + (severity == .error ? "" : severity == .warning ? tr("severity.warning") : tr("severity.note"))
            + Self.printable(message)
    }

    /// The most characters of a message that ``description`` shows.
    public static let maximumMessageLength = 2000

    /// `text` with every control or invisible character spelt out as `\u{…}`, cut after
    /// ``maximumMessageLength`` characters.
    static func printable(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        var clean = true
        for s in text.unicodeScalars {
            if Identifier.invisibleKind(s) != nil && s != " " {
                clean = false
                break
            }
            count += 1
            if count > maximumMessageLength {
                clean = false
                break
            }
        }
        if clean { return text }
        count = 0
        let total = text.unicodeScalars.count
        for s in text.unicodeScalars {
            count += 1
            if count > maximumMessageLength {
                out.append(contentsOf: "… (\(total) characters)".unicodeScalars)
                break
            }
            if Identifier.invisibleKind(s) != nil && s != " " {
                out.append(contentsOf: "\\u{\(Identifier.hex(s.value))}".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// The diagnostic as text, its file shown under `directory` when relative
    /// (`DIR/villages.csv:12:5: …`).
    public func located(under directory: String?) -> String {
        guard let directory, !file.hasPrefix("/") else { return description }
        return "\(directory)/\(description)"
    }

    /// Orders by file, sheet, line, column, then message.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.sheet ?? "", a.line ?? 0, a.column ?? 0, a.message) < (
            b.file, b.sheet ?? "", b.line ?? 0, b.column ?? 0, b.message
        )
    }

    /// A workbook column's letters: 1 → `A`, 27 → `AA`.
    static func columnLetters(_ column: Int) -> String {
        var n = column, result: [Character] = []
        while n > 0 {
            result.append(Character(Unicode.Scalar(UInt8(65 + (n - 1) % 26))))
            n = (n - 1) / 26
        }
        return String(result.reversed())
    }
}

/// Every problem found while loading a scenario.
public struct ScenarioError: Error, CustomStringConvertible, Sendable {
    /// The problems listed, sorted by file and position.
    public var diagnostics: [Diagnostic]
    /// Warnings and notes found on the way (columns ignored, encodings), sorted likewise.
    public var warnings: [Diagnostic] = []
    /// Problems found but not listed, per file: beyond ``DiagnosticLog/listedPerFile`` in one
    /// file, the rest are only counted (a file of a million bad rows is a wrong file, not a list
    /// to read).
    public var omitted: [String: Int] = [:]

    /// Wraps a list of diagnostics (sorted on the way in, unless `keepingOrder`: several
    /// inputs read one after another, each listed in the order given).
    public init(_ diagnostics: [Diagnostic], warnings: [Diagnostic] = [], keepingOrder: Bool = false) {
        self.diagnostics = keepingOrder ? diagnostics : diagnostics.sorted()
        self.warnings = warnings.sorted()
    }

    /// Wraps a capped log of diagnostics.
    public init(_ log: DiagnosticLog, warnings: [Diagnostic] = []) {
        self.init(log.listed, warnings: warnings)
        omitted = log.omitted
    }

    /// All problems, listed or not.
    public var count: Int { diagnostics.count + omitted.values.reduce(0, +) }

    /// One line per problem listed, then per file a line counting those not listed (`locate`
    /// renders a diagnostic, e.g. under the scenario folder).
    public func lines(_ locate: (Diagnostic) -> String = { $0.description }) -> [String] {
        diagnostics.map(locate)
            + omitted.keys.sorted().map { file in
                let n = omitted[file]!
                let listed = diagnostics.filter { $0.file == file }.count
                return locate(Diagnostic(file: file, tr("problems.omitted", ["count": n, "listed": listed])))
            }
    }

    /// One line per problem, and a count.
    public var description: String { rendered(consequence: nil) }

    /// One line per problem (the warnings first), each located under `directory` when its file
    /// is relative (`DIR/villages.csv:12:5: …`), and a count line: `N problems found[ in NAME][;
    /// CONSEQUENCE]`. The one place where a list of problems becomes text.
    ///
    /// - Parameters:
    ///   - directory: the scenario folder relative files are shown under; `nil` shows them as they are.
    ///   - name: what the count line names (default: `directory`, else nothing).
    ///   - consequence: what did not happen ("nothing was planned"), or `nil`.
    ///   - counted: whether to end with the count line at all.
    public func rendered(
        in directory: String? = nil, name: String? = nil, consequence: String?, counted: Bool = true,
        includingWarnings: Bool = false
    ) -> String {
        let lines =
            (includingWarnings ? warnings.map { $0.located(under: directory) } : [])
            + self.lines { $0.located(under: directory) }
        guard counted else { return lines.joined(separator: "\n") }
        let n = count
        let count: String
        switch (name ?? directory, consequence) {
        case (nil, nil): count = tr("problems.count", ["count": n])
        case (let place?, nil): count = tr("problems.countAt", ["count": n, "directory": place])
        case (nil, let consequence?): count = tr("problems.countNoDir", ["count": n, "consequence": consequence])
        case (let place?, let consequence?):
            count = tr("problems.countIn", ["count": n, "directory": place, "consequence": consequence])
        }
        return (lines + [count]).joined(separator: "\n")
    }
}

/// Problems collected while reading files, listing at most ``listedPerFile`` of one file and
/// counting the rest, so that a file of a million bad rows costs neither memory nor a screenful
/// per row; ``isFull(_:)`` tells a reader when to stop keeping a file's rows.
public struct DiagnosticLog: Sequence, Sendable {
    /// The most problems listed for one file.
    public static let listedPerFile = 200

    /// The problems listed, in the order they were found.
    public private(set) var listed: [Diagnostic] = []
    /// Problems not listed, per file.
    public private(set) var omitted: [String: Int] = [:]
    private var perFile: [String: Int] = [:]

    /// An empty log.
    public init() {}

    /// Whether no problem was found.
    public var isEmpty: Bool { listed.isEmpty && omitted.isEmpty }

    /// All problems found, listed or not.
    public var count: Int { listed.count + omitted.values.reduce(0, +) }

    /// Whether `file` has more problems than are listed.
    public func isFull(_ file: String) -> Bool { omitted[file] != nil }

    /// Adds a problem: listed while its file has fewer than ``listedPerFile``, counted after.
    public mutating func append(_ d: Diagnostic) {
        let n = perFile[d.file, default: 0]
        perFile[d.file] = n + 1
        if n < Self.listedPerFile { listed.append(d) } else { omitted[d.file, default: 0] += 1 }
    }

    /// Adds problems in order.
    public static func += <S: Sequence>(log: inout DiagnosticLog, more: S) where S.Element == Diagnostic {
        for d in more { log.append(d) }
    }

    /// The listed problems.
    public func makeIterator() -> IndexingIterator<[Diagnostic]> { listed.makeIterator() }

    /// The same log with every diagnostic (listed, and the files of those counted) passed through `f`.
    public func map(file f: (Diagnostic) -> Diagnostic) -> DiagnosticLog {
        var log = DiagnosticLog()
        log.listed = listed.map(f)
        for (file, n) in omitted { log.omitted[f(Diagnostic(file: file, "")).file, default: 0] += n }
        log.perFile = perFile
        return log
    }
}
