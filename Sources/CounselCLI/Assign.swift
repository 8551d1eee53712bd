import ArgumentParser
import Assignment
import CounselModel
import Foundation
import GLPK
import Logging

/// `village-counsel assign DIR --out OUT`: the optimal assignment of advisers to villages.
struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assign advisers to villages optimally and write OUT/assignment.csv and OUT/summary.json.",
        discussion: """
            Coverage first, then the weighted sum of preference ranks, distance, incumbent changes and \
            cross-county support (README: "The assignment model"). Exit status 0 for a plan, even one \
            with uncovered villages (the summary explains them); 1 for invalid input; 2 for usage errors.
            """)

    @Argument(help: "The scenario folder.")
    var directory: String

    @Option(name: .long, help: "Folder for assignment.csv and summary.json (created if missing).")
    var out: String

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

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a scenario setting, KEY=VALUE (repeatable): rules, rules.cap, rules.under_resourced_cap, rules.monthly_hours_per_village, max_km, year, objective.preference, objective.distance_km, objective.change, objective.support, flexible, daily_hours.",
        valueName: "KEY=VALUE"))
    var sets: [String] = []

    @Option(name: .long, help: ArgumentHelp("A YAML mapping of the same keys, nested or dotted (repeatable; --set wins).", valueName: "FILE.yaml"))
    var overlay: [String] = []

    @OptionGroup var csvOutput: CSVOutputOptions

    @Flag(name: .long, help: "Print nothing on success (for scripts).")
    var quiet = false

    @Flag(name: .long, help: "Print summary.json on stdout instead of the table (for scripts).")
    var json = false

    func validate() throws {
        if let t = timeLimit, !(t > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if !(gap >= 0 && gap < 1) { throw ValidationError("--gap must be at least 0 and below 1") }
        do { _ = try ScenarioOverrides.parse(sets: sets, overlays: []) } catch let e as OverrideError { throw ValidationError(e.description) }
    }

    func run() throws {
        var logger = Logger(label: "village-counsel")
        logger.logLevel = verbose ? .info : .warning
        let started = Date()
        let scenarioURL = URL(fileURLWithPath: directory)
        var scenario: Scenario
        let variant: ScenarioVariant
        do {
            let overrides = try ScenarioOverrides.parse(sets: sets, overlays: overlay)
            variant = try Scenario.loadVariant(from: scenarioURL, overrides: overrides)
            scenario = variant.scenario
            if stable { scenario.assignment.stable = true }
        } catch let error as OverrideError {
            throw ValidationError(error.description)
        } catch let error as ScenarioError {
            throw InputError(error, in: directory, consequence: "nothing was planned")
        }
        logger.info("loaded in \(String(format: "%.2f", Date().timeIntervalSince(started))) s: \(scenario.villages.count) villages, \(scenario.advisers.count) advisers (rules \(scenario.rules.id))")
        let problem = AssignmentProblem(scenario: scenario)
        logger.info("\(problem.candidates.count) candidate pairs (\(String(format: "%.2f", Date().timeIntervalSince(started))) s)")
        var options = SolverOptions(relativeGap: gap)
        if verbose {
            let glpkLogger = logger
            options.log = { @Sendable (text: String) in
                glpkLogger.info("glpk: \(text.trimmingCharacters(in: .newlines))")
            }
        }
        let plan: Plan
        let progress = ProgressLine(quiet: quiet || json || verbose)
        progress.update("assigning", "\(problem.candidates.count) candidate pairs, solving the county groups", force: true)
        do {
            var solver = AssignmentSolver(options: options, timeLimit: timeLimit)
            let progressLogger = logger
            let showLogs = verbose
            solver.progress = { @Sendable (line: String) in
                if showLogs { progressLogger.info("\(line)") }
                progress.update("assigning", line, force: true)
            }
            plan = try solver.solve(problem)
            progress.finish()
        } catch {
            progress.finish()
            throw RunFailure(message: "the solver failed: \(error)")
        }
        let outURL = URL(fileURLWithPath: out)
        // Both files are made before either is written, so a failure never leaves a new plan
        // beside an old summary.
        let summaryData: Data
        do { summaryData = try plan.summaryJSON() } catch { throw RunFailure(message: "cannot encode the summary: \(error)") }
        do {
            try AtomicFile.write(csvOutput.encode(plan.assignmentCSV(), CSVHeaders.assignment), to: outURL.appendingPathComponent("assignment.csv"))
            try AtomicFile.write(summaryData, to: outURL.appendingPathComponent("summary.json"))
            let overridesURL = outURL.appendingPathComponent("overrides.json")  // what --set/--overlay changed
            if !variant.applied.isEmpty { try AtomicFile.write(variant.overridesJSON(), to: overridesURL) }
            else if FileManager.default.fileExists(atPath: overridesURL.path) { try FileManager.default.removeItem(at: overridesURL) }
            if let exportLP {
                try AssignmentSolver.exportWholeModel(problem, to: URL(fileURLWithPath: exportLP))
            }
        } catch {
            throw RunFailure(message: "cannot write the results to \(out): \(error)")
        }
        if json {
            print(String(decoding: try plan.summaryJSON(), as: UTF8.self), terminator: "")
            return
        }
        if quiet { return }
        if !variant.applied.isEmpty { print("overrides: " + variant.applied.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: ", ")) }
        print(SummaryPrinter.text(for: plan, out: out))
    }
}
