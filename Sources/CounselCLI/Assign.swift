import ArgumentParser
import Assignment
import CounselModel
import Foundation
import GLPK
import Logging
import Reports

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

    func validate() throws { try planning.check() }

    func run() throws {
        let run = try PlanningRun(directory: directory, options: planning)
        let problem = AssignmentProblem(scenario: run.scenario)
        let plan = try run.solve(problem, maxChanges: nil)
        try run.write(plan, problem: problem, out: out, csvOutput: csvOutput, extra: [], workbook: workbook)
        run.print(plan, out: out, extra: workbook.xlsx ? ["wrote \(out)/plan.xlsx"] : [])
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

    @Option(name: .long, help: "Solver threads (default: one per processor); the plan is the same, byte for byte, whatever the number.")
    var threads: Int?

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

    /// Usage checks (exit 2).
    func check() throws {
        if let t = timeLimit, !(t > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if !(gap >= 0 && gap < 1) { throw ValidationError("--gap must be at least 0 and below 1") }
        if let n = threads, !(1...256).contains(n) { throw ValidationError("--threads must be between 1 and 256, got \(n)") }
        do { _ = try ScenarioOverrides.parse(sets: sets, overlays: []) } catch let e as OverrideError { throw ValidationError(e.description) }
    }
}

/// One planning run: the scenario loaded with its variant, then solved, written and printed.
struct PlanningRun {
    let options: PlanningOptions
    var scenario: Scenario
    let variant: ScenarioVariant
    let logger: Logger
    let directory: String

    /// Loads the scenario (with `--set`/`--overlay` and `--stable`).
    init(directory: String, options: PlanningOptions) throws {
        self.options = options
        self.directory = directory
        var logger = Logger(label: "village-counsel")
        logger.logLevel = options.verbose ? .info : .warning
        self.logger = logger
        let started = Date()
        do {
            let overrides = try ScenarioOverrides.parse(sets: options.sets, overlays: options.overlay)
            variant = try Scenario.loadVariant(from: URL(fileURLWithPath: directory), overrides: overrides)
            scenario = variant.scenario
            if options.stable { scenario.assignment.stable = true }
            if scenario.assignment.stable && scenario.assignment.serviceModel == .township {
                throw InputError(description: "\(directory)/scenario.yaml: stable two-way selection cannot be combined with service_model: township — "
                    + "there whole townships go to firms (Guangdong 001 §(七)), while two-way selection (双向选择) pairs a village with its own adviser; "
                    + "use the individual or team model for a stable plan\nnothing was planned")
            }
        } catch let error as OverrideError {
            throw ValidationError(error.description)
        } catch let error as ScenarioError {
            throw InputError(error, in: directory, consequence: "nothing was planned")
        }
        printWarnings(scenario, directory: directory, quiet: options.quiet)
        logger.info("loaded in \(String(format: "%.2f", Date().timeIntervalSince(started))) s: \(scenario.villages.count) villages, \(scenario.advisers.count) advisers (rules \(scenario.rules.id), model \(scenario.assignment.serviceModel.rawValue))")
    }

    /// Solves, then diagnoses a shortfall (unless `--no-diagnosis`).
    func solve(_ problem: AssignmentProblem, maxChanges: Int?) throws -> Plan {
        logger.info("\(problem.candidates.count) candidate pairs")
        var solverOptions = SolverOptions(relativeGap: options.gap)
        solverOptions.interrupt = SolveInterrupt.flag  // Ctrl-C stops the search like a time limit
        if options.verbose {
            let glpkLogger = logger
            solverOptions.log = { @Sendable (text: String) in
                glpkLogger.info("glpk: \(text.trimmingCharacters(in: .newlines))")
            }
        }
        let progress = ProgressLine(quiet: options.quiet || options.json || options.verbose)
        progress.update("assigning", "\(problem.candidates.count) candidate pairs, solving the county groups", force: true)
        do {
            var solver = AssignmentSolver(options: solverOptions, timeLimit: options.timeLimit)
            if let n = options.threads { solver.threads = n }
            solver.maxChanges = maxChanges
            let progressLogger = logger
            let showLogs = options.verbose
            solver.progress = { @Sendable (line: String) in
                if showLogs { progressLogger.info("\(line)") }
                progress.update("assigning", line, force: true)
            }
            var plan = try SolveInterrupt.during { () throws -> Plan in
                var plan = try solver.solve(problem)
                plan.interrupted = SolveInterrupt.wasRequested
                if !plan.interrupted && !options.noDiagnosis && plan.status != .infeasible
                    && (plan.coveredCount < plan.rows.count || plan.stableExists == false) {
                    progress.update("diagnosing", "re-solving what-if variants of the shortfall", force: true)
                    solver.maxChanges = nil
                    // The diagnosis has its own share of --time-limit: a quarter, at least a second.
                    solver.timeLimit = options.timeLimit.map { max(1, $0 / 4) }
                    plan.diagnosis = try Diagnosis(solver: solver).run(for: plan)
                }
                return plan
            }
            if SolveInterrupt.wasRequested && !plan.interrupted {
                plan.diagnosis = []  // Ctrl-C during the diagnosis: its re-solves were cut short
            }
            progress.finish()
            return plan
        } catch {
            progress.finish()
            throw RunFailure(message: "the solver failed: \(error)")
        }
    }

    /// Writes assignment.csv, summary.json, overrides.json and `extra` files as one ``OutputSet``:
    /// a reader sees the old plan's files or the new plan's, and a failure leaves the old ones.
    func write(_ plan: Plan, problem: AssignmentProblem, out: String, csvOutput: CSVOutputOptions,
               extra: [(name: String, data: Data)], summary: Data? = nil,
               workbook: WorkbookOutputOptions, changesCSV: String? = nil) throws {
        let outURL = URL(fileURLWithPath: out)
        let summaryData: Data
        do { summaryData = try summary ?? plan.summaryJSON() } catch { throw RunFailure(message: "cannot encode the summary: \(error)") }
        var workbookData: Data?
        if workbook.xlsx {
            let townships = Dictionary(scenario.villages.map { ($0.id, $0.township) }, uniquingKeysWith: { first, _ in first })
            let uncovered = plan.uncoveredVillages.map {
                OutputWorkbooks.Uncovered(id: $0.id, name: $0.name, county: $0.county, township: townships[$0.id] ?? "", reason: $0.reason)
            }
            do {
                workbookData = try OutputWorkbooks.plan(assignmentCSV: plan.assignmentCSV(), changesCSV: changesCSV, uncovered: uncovered,
                                                        counties: scenario.counties, language: csvOutput.lang)
            } catch {
                throw RunFailure(message: "cannot make plan.xlsx: \(error)")
            }
        }
        do {
            // One set: assignment.csv, changes.csv (rebalance), plan.xlsx (--xlsx), overrides.json
            // (--set/--overlay) and summary.json, swapped in together; a file the new plan does not
            // have is removed, since an old one would contradict it.
            try SolveInterrupt.writing {
                let set = try OutputSet(folder: outURL, name: "plan")
                set.isCancelled = { SolveInterrupt.abortRequested }
                try set.write(csvOutput.encode(plan.assignmentCSV(), CSVHeaders.assignment), to: "assignment.csv")
                for file in extra { try set.write(file.data, to: file.name) }
                if !extra.contains(where: { $0.name == "changes.csv" }) { set.remove("changes.csv") }
                if let workbookData { try set.write(workbookData, to: "plan.xlsx") } else { set.remove("plan.xlsx") }
                if !variant.applied.isEmpty { try set.write(variant.overridesJSON(), to: "overrides.json") } else { set.remove("overrides.json") }
                try set.write(summaryData, to: "summary.json")
                try set.commit()
            }
            if let exportLP = options.exportLP {
                try AssignmentSolver.exportWholeModel(problem, to: URL(fileURLWithPath: exportLP))
            }
        } catch let error as OutputSetError where error.isCancellation {
            FileHandle.standardError.write(Data("interrupted: nothing was written\n".utf8))
            Foundation.exit(SolveInterrupt.status)
        } catch {
            throw RunFailure(message: "cannot write the results to \(out): \(error)")
        }
    }

    /// Prints the summary (or summary.json with `--json`, nothing with `--quiet`).
    func print(_ plan: Plan, out: String, extra: [String], summary: Data? = nil) {
        if options.json {
            Swift.print(String(decoding: (try? summary ?? plan.summaryJSON()) ?? Data(), as: UTF8.self), terminator: "")
            return
        }
        if options.quiet { return }
        if !variant.applied.isEmpty { Swift.print("overrides: " + variant.applied.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: ", ")) }
        if let lowered = variant.maxVillagesLoweredSummary { Swift.print(lowered) }
        Swift.print(SummaryPrinter.text(for: plan, out: out, extra: extra))
    }
}
