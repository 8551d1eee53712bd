import ArgumentParser
import CounselModel
import Foundation
import Planning

/// `village-counsel assign DIR --out OUT`: the optimal assignment of advisers to villages.
struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("help.assign.abstract"),
        discussion: tr("help.assign.discussion"))

    @Argument(help: ArgumentHelp(tr("help.common.directory")))
    var directory: String

    @Option(name: .long, help: ArgumentHelp(tr("help.assign.out")))
    var out: String

    @OptionGroup var planning: PlanningOptions

    @OptionGroup var csvOutput: CSVOutputOptions

    @OptionGroup var workbook: WorkbookOutputOptions

    func validate() throws { try validating { try planning.settings.validate() } }

    func run() throws {
        let request = AssignRequest(
            directory: directory, out: out, settings: planning.settings, csv: csvOutput.settings, xlsx: workbook.xlsx)
        let outcome = try SolveInterrupt.run { try Planning.assign(request, observer: planning.observer) }
        planning.print(outcome, extra: workbook.xlsx ? [tr("check.wrote", ["out": "\(out)/plan.xlsx"])] : [])
    }
}

/// The options `assign` and `rebalance` share: variants, stability, solver limits, output style.
struct PlanningOptions: ParsableArguments {
    @Option(name: .customLong("time-limit"), help: ArgumentHelp(tr("help.assign.timeLimit")))
    var timeLimit: Double?

    @Option(name: .long, help: ArgumentHelp(tr("help.assign.gap")))
    var gap: Double = 1e-4

    @Option(name: .customLong("export-lp"), help: ArgumentHelp(tr("help.assign.exportLP")))
    var exportLP: String?

    @Flag(name: .long, help: ArgumentHelp(tr("help.common.verbose")))
    var verbose = false

    @Option(name: .long, help: ArgumentHelp(tr("help.assign.threads")))
    var threads: Int?

    @Flag(name: .long, help: ArgumentHelp(tr("help.assign.stable")))
    var stable = false

    @Flag(name: .customLong("no-diagnosis"), help: ArgumentHelp(tr("help.assign.noDiagnosis")))
    var noDiagnosis = false

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            tr(
                "help.assign.sets",
                ["keys": OverrideKey.allCases.map(\.rawValue).joined(separator: tr("list.separator"))]),
            valueName: "KEY=VALUE"))
    var sets: [String] = []

    @Option(name: .long, help: ArgumentHelp(tr("help.assign.overlay"), valueName: "FILE.yaml"))
    var overlay: [String] = []

    @Flag(name: .long, help: ArgumentHelp(tr("help.common.quiet")))
    var quiet = false

    @Flag(name: .long, help: ArgumentHelp(tr("help.assign.json")))
    var json = false

    /// The planning settings these options give.
    var settings: PlanSettings {
        var settings = PlanSettings(
            timeLimit: timeLimit, gap: gap, exportLP: exportLP, stable: stable, noDiagnosis: noDiagnosis,
            sets: sets, overlays: overlay)
        settings.threads = threads
        settings.interrupt = SolveInterrupt.flag
        settings.writingPhase = { body in try SolveInterrupt.writing(body) }
        settings.writeCancelled = { SolveInterrupt.abortRequested }
        return settings
    }

    /// Warnings unless `--quiet`; the progress line unless `--quiet`, `--json` or `--verbose`.
    var observer: PlanningObserver {
        .commandLine(quietWarnings: quiet, quietProgress: quiet || json || verbose, verbose: verbose)
    }

    /// Prints the summary (or summary.json with `--json`, nothing with `--quiet`).
    func print(_ outcome: PlanOutcome, extra: [String]) {
        if json {
            Swift.print(String(decoding: outcome.summaryJSON, as: UTF8.self), terminator: "")
            return
        }
        if quiet { return }
        let variant = outcome.variant
        if !variant.applied.isEmpty {
            Swift.print(
                tr("assign.overrides")
                    + variant.applied.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: ", "))
        }
        if let lowered = variant.maxVillagesLoweredSummary { Swift.print(lowered) }
        Swift.print(SummaryPrinter.text(for: outcome.plan, out: outcome.out, extra: extra))
    }
}
