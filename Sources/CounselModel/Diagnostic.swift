/// One problem found in a scenario's input, with where it is.
///
/// Loaders collect every diagnostic before failing, so a user fixes all problems in one pass.
public struct Diagnostic: Error, Equatable, Comparable, CustomStringConvertible, Sendable {
    /// The file, relative to the scenario folder where possible (e.g. `villages.csv`).
    public var file: String
    /// 1-based line, or `nil` for the whole file.
    public var line: Int?
    /// 1-based column (characters), or `nil`.
    public var column: Int?
    /// What is wrong and what was expected.
    public var message: String

    /// Makes a diagnostic.
    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, as compilers print it.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }

    /// Orders by file, then line, then column.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.line ?? 0, a.column ?? 0, a.message) < (b.file, b.line ?? 0, b.column ?? 0, b.message)
    }
}

/// Every problem found while loading a scenario.
public struct ScenarioError: Error, CustomStringConvertible, Sendable {
    /// The problems, sorted by file and position.
    public var diagnostics: [Diagnostic]

    /// Wraps a list of diagnostics (sorted on the way in).
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted() }

    /// One line per problem, and a count.
    public var description: String {
        let count = diagnostics.count
        return diagnostics.map(\.description).joined(separator: "\n")
            + "\n\(count) problem\(count == 1 ? "" : "s") found"
    }
}
