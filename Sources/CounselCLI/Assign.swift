import ArgumentParser
import CounselModel
import Foundation
import Planning

/// `village-counsel assign DIR --out OUT`: the optimal assignment of advisers to villages.
struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assign advisers to villages optimally and write OUT/assignment.csv and OUT/summary.json.",
        discussion: """
            Coverage first, then the weighted sum of preference ranks, distance, incumbent changes and \
            cross-county support (README: "The assignment model"); with `stable`, stability comes \
            first. Exit status 0 for a plan, even one with uncovered villages (the summary explains \
            them and the diagnosis says what would fix them); 1 for invalid input; 2 for usage errors.
            """)

    @Argument(help: "The scenario folder.")
    var directory: String

    @Option(name: .long, help: "Folder for assignment.csv and summary.json (created if missing).")
    var out: String

    @OptionGroup var planning: PlanningOptions

    @OptionGroup var csvOutput: CSVOutputOptions

    @OptionGroup var workbook: WorkbookOutputOptions

    func validate() throws { try validating { try planning.settings.validate() } }

    func run() throws {
        let request = AssignRequest(directory: directory, out: out, settings: planning.settings, csv: csvOutput.settings, xlsx: workbook.xlsx)
        let outcome = try Planning.assign(request, observer: planning.observer)
        planning.print(outcome, extra: workbook.xlsx ? ["wrote \(out)/plan.xlsx"] : [])
    }
}

/// The options `assign` and `rebalance` share: variants, stability, solver limits, output style.
struct PlanningOptions: ParsableArguments {
    @Option(name: .customLong("time-limit"), help: "Stop after this many seconds with the best plan found.")
    var timeLimit: Double?

    @Option(name: .long, help: "Relative MIP gap at which a group's branch and bound stops.")
    var gap: Double = 1e-4

    @Option(name: .customLong("export-lp"), help: "Also write the whole model in CPLEX LP format (re-solve: glpsol --lp FILE).")
    var exportLP: String?

    @Flag(name: .long, help: "Show progress and GLPK's own output on stderr.")
    var verbose = false

    @Flag(name: .long, help: "Require a stable plan with respect to both sides' rankings (as `stable: true` in scenario.yaml); when conflicts make that impossible, the plan has the fewest blocking pairs and lists them.")
    var stable = false

    @Flag(name: .customLong("no-diagnosis"), help: "Skip the diagnosis of a shortfall (it re-solves what-if variants of the short counties).")
    var noDiagnosis = false

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a scenario setting, KEY=VALUE (repeatable): " + OverrideKey.allCases.map(\.rawValue).joined(separator: ", ") + ".",
        valueName: "KEY=VALUE"))
    var sets: [String] = []

    @Option(name: .long, help: ArgumentHelp("A YAML mapping of the same keys, nested or dotted (repeatable; --set wins).", valueName: "FILE.yaml"))
    var overlay: [String] = []

    @Flag(name: .long, help: "Print nothing on success (for scripts).")
    var quiet = false

    @Flag(name: .long, help: "Print summary.json on stdout instead of the table (for scripts).")
    var json = false

    /// The planning settings these options give.
    var settings: PlanSettings {
        PlanSettings(timeLimit: timeLimit, gap: gap, exportLP: exportLP, stable: stable, noDiagnosis: noDiagnosis, sets: sets, overlays: overlay)
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
        if !variant.applied.isEmpty { Swift.print("overrides: " + variant.applied.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: ", ")) }
        if let lowered = variant.maxVillagesLoweredSummary { Swift.print(lowered) }
        Swift.print(SummaryPrinter.text(for: outcome.plan, out: outcome.out, extra: extra))
    }
}
