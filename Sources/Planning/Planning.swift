import CounselModel
import Foundation
import Logging

/// The work of every `village-counsel` command, as functions from a request to an outcome.
///
/// Each function loads what its request names, checks it, solves or audits, writes the outputs
/// atomically and returns what happened; the command line only parses options, calls one of
/// them and turns the outcome (or the ``PlanningError``) into printed text and an exit status.
/// Nothing here prints: warnings and progress go to the request's ``PlanningObserver``.
public enum Planning {}

/// Why a command did not do its work, in the three kinds the exit statuses tell apart.
///
/// The text is complete as the user reads it (every problem, each located, and the consequence),
/// so the command line prints it unchanged.
public enum PlanningError: Error, CustomStringConvertible, Equatable {
    /// The input is invalid (exit status 1): the scenario, a plan, a ledger or another file.
    case invalidInput(String)
    /// The options contradict each other or the input (exit status 2, with the usage).
    case usage(String)
    /// Something outside the input failed: the solver, or writing an output (exit status 4).
    case failure(String)

    /// The text shown to the user.
    public var description: String {
        switch self {
        case .invalidInput(let text), .usage(let text), .failure(let text): return text
        }
    }

    /// Every problem of a scenario, each located under `directory` (`DIR/villages.csv:12:5: …`),
    /// then a count line ending with `consequence` (e.g. "nothing was planned").
    static func scenario(_ error: ScenarioError, in directory: String, consequence: String) -> PlanningError {
        .invalidInput(error.rendered(in: directory, consequence: consequence, includingWarnings: true))
    }

    /// Every problem of one input file (or of several, named `name`), then a count line ending
    /// with `consequence`; the diagnostics already name their files.
    static func file(_ error: ScenarioError, name: String, consequence: String) -> PlanningError {
        .invalidInput(error.rendered(name: name, consequence: consequence))
    }
}

/// Where a running command reports what is not its outcome: the loader's warnings, progress,
/// and the log. The default observes nothing.
public struct PlanningObserver: Sendable {
    /// A block of warning lines for stderr (no trailing newline).
    public var warn: @Sendable (String) -> Void
    /// `(phase, text, force)`: the progress of a long step (shown at most a few times a second unless forced).
    public var progress: @Sendable (String, String, Bool) -> Void
    /// The long step ended: clear the progress display.
    public var finish: @Sendable () -> Void
    /// The log (`--verbose` shows its info messages and GLPK's own output).
    public var logger: Logger
    /// Whether GLPK's own output and the solvers' progress go to the log (`--verbose`).
    public var verbose: Bool

    /// An observer from its parts; each defaults to nothing.
    public init(
        warn: @escaping @Sendable (String) -> Void = { _ in },
        progress: @escaping @Sendable (String, String, Bool) -> Void = { _, _, _ in },
        finish: @escaping @Sendable () -> Void = {},
        logger: Logger = Logger(label: "village-counsel", factory: { _ in SwiftLogNoOpLogHandler() }),
        verbose: Bool = false
    ) {
        self.warn = warn
        self.progress = progress
        self.finish = finish
        self.logger = logger
        self.verbose = verbose
    }

    /// Reports the loader's warnings and notes (columns ignored, files read as GB18030), each
    /// located under `directory`.
    func warnings(of scenario: Scenario, directory: String) {
        guard !scenario.warnings.isEmpty else { return }
        warn(scenario.warnings.map { $0.located(under: directory) }.joined(separator: "\n"))
    }
}

/// How CSV outputs are written for people who open them in Excel: the header's language and a
/// UTF-8 byte order mark.
public struct CSVOutput: Sendable, Equatable {
    /// The language of the header row.
    public var language: CSVHeaders.Language
    /// Whether the file starts with a UTF-8 byte order mark (Excel then opens it as UTF-8).
    public var excel: Bool

    /// English headers, no byte order mark.
    public static let plain = CSVOutput(language: .en, excel: false)

    /// Output in `language`, with a byte order mark when `excel`.
    public init(language: CSVHeaders.Language = .en, excel: Bool = false) {
        self.language = language
        self.excel = excel
    }

}

// MARK: - Loading inputs the same way in every command

extension Planning {
    /// The scenario in `directory`, its warnings reported; `consequence` ends the problem count.
    static func loadScenario(_ directory: String, observer: PlanningObserver, consequence: String) throws -> Scenario {
        do {
            let scenario = try Scenario.load(from: URL(fileURLWithPath: directory))
            observer.warnings(of: scenario, directory: directory)
            return scenario
        } catch let error as ScenarioError {
            throw PlanningError.scenario(error, in: directory, consequence: consequence)
        }
    }

    /// The scenario's working calendar, or an input error naming what is missing.
    static func loadCalendar(for scenario: Scenario, directory: String) throws -> WorkCalendar {
        do {
            return try WorkCalendar.load(for: scenario)
        } catch let error as ScenarioError {
            throw PlanningError.invalidInput(error.rendered(in: directory, consequence: nil, counted: false))
        }
    }

    /// The scenario with `--set`/`--overlay` applied; an override that cannot apply is a usage error.
    static func loadVariant(_ directory: String, sets: [String], overlays: [String], consequence: String) throws
        -> ScenarioVariant
    {
        do {
            let overrides = try ScenarioOverrides.parse(sets: sets, overlays: overlays)
            return try Scenario.loadVariant(from: URL(fileURLWithPath: directory), overrides: overrides)
        } catch let error as OverrideError {
            throw PlanningError.usage(error.description)
        } catch let error as ScenarioError {
            throw PlanningError.scenario(error, in: directory, consequence: consequence)
        }
    }

    /// Writes `data` to `url` atomically, or removes a stale file there when `data` is nil (an
    /// old output beside new ones would contradict them).
    static func writeOrRemove(_ data: Data?, at url: URL) throws {
        if let data {
            try AtomicFile.write(data, to: url)
        } else if FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.removeItem(at: url)
        }
    }
}
