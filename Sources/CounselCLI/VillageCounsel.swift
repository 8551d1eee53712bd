import ArgumentParser
import CounselModel
import Foundation
import Logging
import Planning

/// The `village-counsel` command.
public struct VillageCounsel: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        commandName: "village-counsel",
        abstract: tr("help.root.abstract"),
        discussion: tr("help.root.discussion"),
        subcommands: [
            InitCommand.self, Validate.self, Assign.self, Rebalance.self, Schedule.self, Check.self,
            CallbacksCommand.self, AssessCommand.self,
            PublishCommand.self, ReportCommand.self, CompareCommand.self,
        ])

    /// Makes the command (ArgumentParser).
    public init() {}

    /// Exit statuses (a contract): 0 plan written, 1 invalid input, 2 usage error, 3 a checked roster
    /// or ledger is not compliant.
    public enum Status {
        /// A plan (even one with uncovered villages) or a clean validation.
        public static let ok: Int32 = 0
        /// Invalid input: the scenario has problems.
        public static let invalidInput: Int32 = 1
        /// Usage error: unknown option, missing argument.
        public static let usage: Int32 = 2
        /// `check`: the roster or ledger breaks a rule.
        public static let notCompliant: Int32 = 3
        /// The solver failed (GLPK reported an error) or an output could not be written.
        public static let failure: Int32 = 4
    }

    /// Parses the arguments, runs the command and exits with the documented status; usage errors
    /// exit 2 rather than ArgumentParser's 64.
    public static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        // Chosen before parsing, so that `--help` and the parser's own errors are in it too.
        Language.current = Language.choose(arguments: arguments, environment: ProcessInfo.processInfo.environment)
        do {
            var command = try parseAsRoot(rootArguments(arguments))
            try command.run()
            Foundation.exit(Status.ok)
        } catch let error as PlanningError {
            switch error {
            case .invalidInput(let text):
                FileHandle.standardError.write(Data((text + "\n").utf8))
                Foundation.exit(Status.invalidInput)
            case .failure(let text):
                FileHandle.standardError.write(Data((tr("severity.error") + text + "\n").utf8))
                Foundation.exit(Status.failure)
            case .usage(let text):
                FileHandle.standardError.write(
                    Data((parserMessage(fullMessage(for: ValidationError(text))) + "\n").utf8))
                Foundation.exit(Status.usage)
            }
        } catch let error as NotCompliant {
            FileHandle.standardError.write(Data((error.summary + "\n").utf8))
            Foundation.exit(Status.notCompliant)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(localizedHelp(message))
                Foundation.exit(Status.ok)
            }
            FileHandle.standardError.write(Data((parserMessage(message) + "\n").utf8))
            if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
            Foundation.exit(Status.usage)
        }
    }
}

extension VillageCounsel {
    /// The arguments as the parser is given them: a `--lang zh|en` before the subcommand (where
    /// the root command, which has no options of its own, would refuse it) is moved to just after
    /// the subcommand's name, which takes it; with no subcommand (`village-counsel --lang zh`,
    /// `village-counsel --lang zh --help`) it is dropped, the language having been chosen from it
    /// already (``Language/choose(arguments:environment:)``), and the root help is shown in it.
    /// A `--lang` after the subcommand, and one without a language after it, are left as they are.
    static func rootArguments(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--lang", i + 1 < arguments.count, Language(rawValue: arguments[i + 1]) != nil {
                leading += [a, arguments[i + 1]]
                i += 2
            } else if a.hasPrefix("--lang="), Language(rawValue: String(a.dropFirst("--lang=".count))) != nil {
                leading.append(a)
                i += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty else { return arguments }
        let rest = Array(arguments[i...])
        let names = configuration.subcommands.map { $0._commandName }
        if let first = rest.first, names.contains(first) {
            return [first] + leading + rest.dropFirst()
        }
        return rest
    }
}

/// A help text as ArgumentParser writes it, with its fixed words in the run's language: the
/// `OVERVIEW:`, `USAGE:`, `ARGUMENTS:`, `OPTIONS:` and `SUBCOMMANDS:` heads, `Show help
/// information.`, `(default: …)`, `(values: …)` and the closing `See '… help <subcommand>' for
/// detailed help.` (English unchanged byte for byte; the rest of the text is the catalogue's).
func localizedHelp(_ text: String) -> String {
    text.components(separatedBy: "\n").map { line -> String in
        for (head, key) in [("OVERVIEW: ", "help.head.overview"), ("USAGE: ", "help.head.usage")]
        where line.hasPrefix(head) {
            return tr(key) + line.dropFirst(head.count)
        }
        for (head, key) in [
            ("ARGUMENTS:", "help.head.arguments"), ("OPTIONS:", "help.head.options"),
            ("SUBCOMMANDS:", "help.head.subcommands"),
        ] where line == head {
            return tr(key)
        }
        let indent = String(line.prefix { $0 == " " })
        let rest = line.dropFirst(indent.count)
        if rest.hasPrefix("See '"), rest.hasSuffix(" <subcommand>' for detailed help."),
            let command = rest.dropFirst(5).components(separatedBy: " <subcommand>' for detailed help.").first
        {
            return indent + tr("help.seeSubcommand", ["command": command])
        }
        var out = line
        for (words, key) in [
            ("Show help information.", "help.showHelp"), ("(default: ", "help.defaultOpen"),
            ("(values: ", "help.valuesOpen"),
            ("; default as flag: ", "help.defaultAsFlag"), ("; default: ", "help.defaultThen"),
        ] {
            out = out.replacingOccurrences(of: words, with: tr(key))
        }
        return out
    }.joined(separator: "\n")
}

/// An error as ArgumentParser words it, with its fixed words in the run's language: the
/// `Error: `, `Usage: ` and `Help: ` line heads and the closing `See '… --help' for more
/// information.` (English unchanged; the rest of the text is ours or the parser's own).
func parserMessage(_ text: String) -> String {
    text.components(separatedBy: "\n").map { line -> String in
        for (head, key) in [("Error: ", "parser.error"), ("Usage: ", "parser.usage"), ("Help: ", "parser.help")]
        where line.hasPrefix(head) {
            return tr(key) + line.dropFirst(head.count)
        }
        let indent = String(line.prefix { $0 == " " })
        let rest = line.dropFirst(indent.count)
        if rest.hasPrefix("See '"), rest.hasSuffix("' for more information."),
            let command = rest.dropFirst(5).components(separatedBy: "' for more information.").first
        {
            return indent + tr("parser.see", ["command": command])
        }
        return line
    }.joined(separator: "\n")
}

/// `check` found shortfalls or breaches; the report was already printed.
struct NotCompliant: Error {
    var summary: String
}

/// Runs a request's own checks as ArgumentParser's `validate()`: a ``PlanningError/usage(_:)``
/// becomes the `ValidationError` that prints the subcommand's usage (exit 2).
func validating(_ check: () throws -> Void) throws {
    do { try check() } catch PlanningError.usage(let text) { throw ValidationError(text) }
}

extension PlanningObserver {
    /// The command line's observer: warnings on stderr unless `quietWarnings`, a progress line on
    /// a terminal unless `quietProgress`, the log at info level with `verbose`.
    static func commandLine(quietWarnings: Bool = false, quietProgress: Bool = true, verbose: Bool = false)
        -> PlanningObserver
    {
        var logger = Logger(label: "village-counsel")
        logger.logLevel = verbose ? .info : .warning
        let progress = ProgressLine(quiet: quietProgress)
        return PlanningObserver(
            warn: { text in if !quietWarnings { FileHandle.standardError.write(Data((text + "\n").utf8)) } },
            progress: { phase, text, force in progress.update(phase, text, force: force) },
            finish: { progress.finish() },
            logger: logger, verbose: verbose)
    }
}
