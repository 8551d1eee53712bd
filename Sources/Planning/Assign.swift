import Assignment
import CounselModel
import Foundation
import GLPK
import Logging
import Reports

/// What `assign` and `rebalance` share: the scenario variant, stability, solver limits.
public struct PlanSettings: Sendable {
    /// Stop after this many seconds with the best plan found.
    public var timeLimit: Double?
    /// Relative MIP gap at which a group's branch and bound stops.
    public var gap: Double = 1e-4
    /// Also write the whole model in CPLEX LP format to this path.
    public var exportLP: String?
    /// Require a stable plan (as `stable: true` in scenario.yaml).
    public var stable = false
    /// Skip the diagnosis of a shortfall.
    public var noDiagnosis = false
    /// `--set KEY=VALUE` overrides.
    public var sets: [String] = []
    /// `--overlay FILE.yaml` overrides.
    public var overlays: [String] = []
    /// Solver threads (`--threads`; `nil`: one per processor). The plan is the same whatever the number.
    public var threads: Int? = nil
    /// Set (by a Ctrl-C handler) to stop the search like a time limit: the best plan found is
    /// written, marked `interrupted`.
    public var interrupt: InterruptFlag? = nil
    /// Runs the writing of the outputs (the command line marks that phase for its Ctrl-C handler).
    public var writingPhase: (@Sendable (() throws -> Void) throws -> Void)? = nil
    /// Whether the writing should stop and drop what it staged (a second Ctrl-C while writing).
    public var writeCancelled: (@Sendable () -> Bool)? = nil

    /// Settings with the defaults of the command line.
    public init(
        timeLimit: Double? = nil, gap: Double = 1e-4, exportLP: String? = nil, stable: Bool = false,
        noDiagnosis: Bool = false, sets: [String] = [], overlays: [String] = []
    ) {
        self.timeLimit = timeLimit
        self.gap = gap
        self.exportLP = exportLP
        self.stable = stable
        self.noDiagnosis = noDiagnosis
        self.sets = sets
        self.overlays = overlays
    }

    /// The usage errors of these settings (exit 2), before anything is read.
    public func validate() throws {
        if let t = timeLimit, !(t > 0) { throw PlanningError.usage(tr("usage.timeLimit")) }
        if !(gap >= 0 && gap < 1) { throw PlanningError.usage(tr("usage.gap")) }
        if let n = threads, !(1...256).contains(n) { throw PlanningError.usage(tr("usage.threads", ["count": n])) }
        do { _ = try ScenarioOverrides.parse(sets: sets, overlays: []) } catch let e as OverrideError {
            throw PlanningError.usage(e.description)
        }
    }
}

/// `assign`: plan the scenario in `directory` and write the plan into `out`.
public struct AssignRequest: Sendable {
    /// The scenario folder.
    public var directory: String
    /// The folder for assignment.csv and summary.json.
    public var out: String
    /// Variant, stability and solver limits.
    public var settings: PlanSettings
    /// How the CSV files are written.
    public var csv: CSVOutput
    /// Whether plan.xlsx is written too.
    public var xlsx: Bool

    /// A request from its parts.
    public init(
        directory: String, out: String, settings: PlanSettings = PlanSettings(), csv: CSVOutput = .plain,
        xlsx: Bool = false
    ) {
        self.directory = directory
        self.out = out
        self.settings = settings
        self.csv = csv
        self.xlsx = xlsx
    }
}

/// A plan as `assign` or `rebalance` wrote it.
public struct PlanOutcome {
    /// The plan.
    public var plan: Plan
    /// The scenario variant it was planned for (the overrides applied).
    public var variant: ScenarioVariant
    /// summary.json as written.
    public var summaryJSON: Data
    /// The output folder.
    public var out: String
}

extension Planning {
    /// Plans the scenario and writes OUT/assignment.csv, OUT/summary.json (and overrides.json,
    /// plan.xlsx, the exported model when asked).
    ///
    /// - Throws: ``PlanningError``: invalid input (1), usage (2) or failure (4). A plan with
    ///   uncovered villages is an outcome, not an error.
    public static func assign(_ request: AssignRequest, observer: PlanningObserver = PlanningObserver()) throws
        -> PlanOutcome
    {
        let run = try PlanningRun(directory: request.directory, settings: request.settings, observer: observer)
        let problem = AssignmentProblem(scenario: run.scenario)
        let plan = try run.solve(problem, maxChanges: nil)
        let summary = try run.write(
            plan, problem: problem, out: request.out, csv: request.csv, extra: [], xlsx: request.xlsx)
        return PlanOutcome(plan: plan, variant: run.variant, summaryJSON: summary, out: request.out)
    }
}

/// One planning run: the scenario loaded with its variant, then solved and written.
struct PlanningRun {
    let settings: PlanSettings
    var scenario: Scenario
    let variant: ScenarioVariant
    let observer: PlanningObserver
    let directory: String

    /// Loads the scenario (with `--set`/`--overlay` and `--stable`).
    init(directory: String, settings: PlanSettings, observer: PlanningObserver) throws {
        self.settings = settings
        self.directory = directory
        self.observer = observer
        let started = Date()
        variant = try Planning.loadVariant(
            directory, sets: settings.sets, overlays: settings.overlays, consequence: tr("consequence.planned"))
        scenario = variant.scenario
        if settings.stable { scenario.assignment.stable = true }
        if scenario.assignment.stable && scenario.assignment.serviceModel == .township {
            throw PlanningError.invalidInput(tr("input.stableTownship", ["path": directory]))
        }
        observer.warnings(of: scenario, directory: directory)
        observer.logger.info(
            "loaded in \(String(format: "%.2f", Date().timeIntervalSince(started))) s: \(scenario.villages.count) villages, \(scenario.advisers.count) advisers (rules \(scenario.rules.id), model \(scenario.assignment.serviceModel.rawValue))"
        )
    }

    /// Solves, then diagnoses a shortfall (unless `--no-diagnosis`).
    func solve(_ problem: AssignmentProblem, maxChanges: Int?) throws -> Plan {
        let logger = observer.logger
        logger.info("\(problem.candidates.count) candidate pairs")
        var solverOptions = SolverOptions(relativeGap: settings.gap)
        solverOptions.interrupt = settings.interrupt  // Ctrl-C stops the search like a time limit
        if observer.verbose {
            let glpkLogger = logger
            solverOptions.log = { @Sendable (text: String) in
                glpkLogger.info("glpk: \(text.trimmingCharacters(in: .newlines))")
            }
        }
        let progress = observer.progress
        progress(tr("progress.phase.assigning"), tr("progress.candidates", ["count": problem.candidates.count]), true)
        do {
            var solver = AssignmentSolver(options: solverOptions, timeLimit: settings.timeLimit)
            if let n = settings.threads { solver.threads = n }
            solver.maxChanges = maxChanges
            let progressLogger = logger
            let showLogs = observer.verbose
            solver.progress = { @Sendable (line: String) in
                if showLogs { progressLogger.info("\(line)") }
                progress("assigning", line, true)
            }
            var plan = try solver.solve(problem)
            plan.interrupted = settings.interrupt?.isRequested ?? false
            if !plan.interrupted && !settings.noDiagnosis && plan.status != .infeasible
                && (plan.coveredCount < plan.rows.count || plan.stableExists == false)
            {
                progress(tr("progress.phase.diagnosing"), tr("progress.whatIfs"), true)
                solver.maxChanges = nil
                // The diagnosis has its own share of --time-limit: a quarter, at least a second.
                solver.timeLimit = settings.timeLimit.map { max(1, $0 / 4) }
                plan.diagnosis = try Diagnosis(solver: solver).run(for: plan)
                // Ctrl-C during the diagnosis: its re-solves were cut short
                if settings.interrupt?.isRequested ?? false { plan.diagnosis = [] }
            }
            observer.finish()
            return plan
        } catch {
            observer.finish()
            throw PlanningError.failure(tr("failure.solver", ["error": error]))
        }
    }

    /// Writes assignment.csv, summary.json, overrides.json and `extra` files as one ``OutputSet``:
    /// a reader sees the old plan's files or the new plan's, and a failure leaves the old ones.
    /// Returns summary.json as written.
    func write(
        _ plan: Plan, problem: AssignmentProblem, out: String, csv: CSVOutput,
        extra: [(name: String, data: Data)], summary: Data? = nil,
        xlsx: Bool, changesCSV: String? = nil
    ) throws -> Data {
        let outURL = URL(fileURLWithPath: out)
        let summaryData: Data
        do { summaryData = try summary ?? plan.summaryJSON() } catch {
            throw PlanningError.failure(tr("failure.encodeSummary", ["error": error]))
        }
        var workbookData: Data?
        if xlsx {
            let townships = Dictionary(
                scenario.villages.map { ($0.id, $0.township) }, uniquingKeysWith: { first, _ in first })
            let uncovered = plan.uncoveredVillages.map {
                OutputWorkbooks.Uncovered(
                    id: $0.id, name: $0.name, county: $0.county, township: townships[$0.id] ?? "", reason: $0.reason)
            }
            do {
                workbookData = try OutputWorkbooks.plan(
                    assignmentCSV: plan.assignmentCSV(), changesCSV: changesCSV, uncovered: uncovered,
                    counties: scenario.counties, language: csv.language)
            } catch {
                throw PlanningError.failure(tr("failure.makeWorkbook", ["file": "plan.xlsx", "error": error]))
            }
        }
        do {
            // One set: assignment.csv, changes.csv (rebalance), plan.xlsx (--xlsx), overrides.json
            // (--set/--overlay) and summary.json, swapped in together; a file the new plan does not
            // have is removed, since an old one would contradict it.
            let overrides = variant.applied.isEmpty ? nil : try variant.overridesJSON()
            let cancelled = settings.writeCancelled
            try (settings.writingPhase ?? { try $0() }) {
                let set = try OutputSet(folder: outURL, name: "plan")
                if let cancelled { set.isCancelled = { cancelled() } }
                try set.write(plan.assignmentFile(language: csv.language, excel: csv.excel), to: "assignment.csv")
                for file in extra { try set.write(file.data, to: file.name) }
                if !extra.contains(where: { $0.name == "changes.csv" }) { set.remove("changes.csv") }
                if let workbookData { try set.write(workbookData, to: "plan.xlsx") } else { set.remove("plan.xlsx") }
                if let overrides {
                    try set.write(overrides, to: "overrides.json")
                } else {
                    set.remove("overrides.json")
                }
                try set.write(summaryData, to: "summary.json")
                try set.commit()
            }
            if let exportLP = settings.exportLP {
                try AssignmentSolver.exportWholeModel(problem, to: URL(fileURLWithPath: exportLP))
            }
        } catch let error as OutputSetError where error.isCancellation {
            throw error  // a second Ctrl-C while writing: nothing was written
        } catch {
            throw PlanningError.failure(
                tr("failure.writeResults", ["out": out, "error": SystemErrorText.text(error, english: "\(error)")]))
        }
        return summaryData
    }
}
