import ArgumentParser
import CounselModel
import Foundation

/// The `village-counsel` command.
public struct VillageCounsel: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        commandName: "village-counsel",
        abstract: "Plans legal advisers for villages and communities (一村（社区）一法律顾问).",
        subcommands: [InitCommand.self, Validate.self, Assign.self, Rebalance.self, Schedule.self, Check.self, CallbacksCommand.self, AssessCommand.self,
                      PublishCommand.self, ReportCommand.self, CompareCommand.self])

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
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(Status.ok)
        } catch let error as InputError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            Foundation.exit(Status.invalidInput)
        } catch let error as NotCompliant {
            FileHandle.standardError.write(Data((error.summary + "\n").utf8))
            Foundation.exit(Status.notCompliant)
        } catch let error as RunFailure {
            FileHandle.standardError.write(Data(("error: " + error.message + "\n").utf8))
            Foundation.exit(Status.failure)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(Status.ok)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
            Foundation.exit(Status.usage)
        }
    }
}

/// The scenario is invalid; the text lists every problem.
struct InputError: Error, CustomStringConvertible {
    var description: String

    init(description: String) { self.description = description }

    /// Every problem of a scenario, each located under `directory` (`DIR/villages.csv:12:5: …`),
    /// and a count line ending with `consequence` (e.g. "nothing was planned").
    init(_ error: ScenarioError, in directory: String, consequence: String) {
        let n = error.count
        description = (error.warnings.map { located($0, in: directory) } + error.lines { located($0, in: directory) }).joined(separator: "\n")
            + "\n\(n) problem\(n == 1 ? "" : "s") found in \(directory); \(consequence)"
    }
}

/// A diagnostic about a scenario file, located under `directory` (`DIR/villages.csv:12:5: …`).
func located(_ d: Diagnostic, in directory: String) -> String {
    d.file.hasPrefix("/") ? "\(d)" : "\(directory)/\(d)"
}

/// Prints the loader's warnings and notes (columns ignored, files read as GB18030) on stderr,
/// each located under `directory`.
func printWarnings(_ scenario: Scenario, directory: String, quiet: Bool = false) {
    guard !quiet, !scenario.warnings.isEmpty else { return }
    let text = scenario.warnings.map { located($0, in: directory) }.joined(separator: "\n") + "\n"
    FileHandle.standardError.write(Data(text.utf8))
}

/// `check` found shortfalls or breaches; the report was already printed.
struct NotCompliant: Error {
    var summary: String
}

/// Something outside the input failed (solver error, unwritable output).
struct RunFailure: Error {
    var message: String
}
