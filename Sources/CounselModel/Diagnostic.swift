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
    public init(file: String, sheet: String? = nil, line: Int? = nil, column: Int? = nil, severity: Severity, _ message: String) {
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

    /// `location: message`, with `warning: ` or `note: ` (in the run's language) before the
    /// message when it is not an error.
    public var description: String {
        "\(location): " + (severity == .error ? "" : severity == .warning ? tr("severity.warning") : tr("severity.note")) + message
    }

    /// The diagnostic as text, its file shown under `directory` when relative
    /// (`DIR/villages.csv:12:5: …`).
    public func located(under directory: String?) -> String {
        guard let directory, !file.hasPrefix("/") else { return description }
        return "\(directory)/\(description)"
    }

    /// Orders by file, sheet, line, column, then message.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.sheet ?? "", a.line ?? 0, a.column ?? 0, a.message) < (b.file, b.sheet ?? "", b.line ?? 0, b.column ?? 0, b.message)
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
    /// The problems, sorted by file and position.
    public var diagnostics: [Diagnostic]
    /// Warnings and notes found on the way (columns ignored, encodings), sorted likewise.
    public var warnings: [Diagnostic] = []

    /// Wraps a list of diagnostics (sorted on the way in, unless `keepingOrder`: several
    /// inputs read one after another, each listed in the order given).
    public init(_ diagnostics: [Diagnostic], warnings: [Diagnostic] = [], keepingOrder: Bool = false) {
        self.diagnostics = keepingOrder ? diagnostics : diagnostics.sorted()
        self.warnings = warnings.sorted()
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
    public func rendered(in directory: String? = nil, name: String? = nil, consequence: String?, counted: Bool = true,
                         includingWarnings: Bool = false) -> String {
        let lines = (includingWarnings ? warnings + diagnostics : diagnostics).map { $0.located(under: directory) }
        guard counted else { return lines.joined(separator: "\n") }
        let n = diagnostics.count
        let count: String
        switch (name ?? directory, consequence) {
        case (nil, nil): count = tr("problems.count", ["count": n])
        case (let place?, nil): count = tr("problems.countAt", ["count": n, "directory": place])
        case (nil, let consequence?): count = tr("problems.countNoDir", ["count": n, "consequence": consequence])
        case (let place?, let consequence?): count = tr("problems.countIn", ["count": n, "directory": place, "consequence": consequence])
        }
        return (lines + [count]).joined(separator: "\n")
    }
}
