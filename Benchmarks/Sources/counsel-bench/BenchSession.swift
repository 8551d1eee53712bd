import Foundation

/// One `counsel-bench run`: runs the selected stages in order, keeps the report and the failures.
///
/// Never throws: a child that fails, a file that cannot be written, a scenario that does not read
/// back — each becomes a failure line (printed at once, listed again at the end) and the next stage
/// runs.
final class BenchSession {
    let options: BenchOptions
    private(set) var report: BenchReport
    /// One line per failure, for the list at the end.
    private(set) var failures: [String] = []

    /// The plain scenario's plan per label (size and rules), shared by the assign, schedule, support
    /// and rebalance stages; nil once it failed or was skipped.
    private var plain: [String: BenchReport.Row?] = [:]

    init(_ options: BenchOptions) {
        self.options = options
        report = BenchReport(
            seed: options.seed, rules: options.rules.map(\.rawValue).joined(separator: ", "),
            density: options.density, shape: options.shape, binary: options.binary,
            stageSize: options.stageSize, plannerArgs: options.plannerArgs)
    }

    func runAll() {
        for stage in Stage.allCases where options.stages.contains(stage) {
            log("== stage \(stage.rawValue)")
            switch stage {
            case .assign: assignStage()
            case .schedule: scheduleStage()
            case .team, .township, .stable, .support: variantStage(stage)
            case .rebalance: rebalanceStage()
            }
        }
    }

    // MARK: Paths and logging

    private func path(_ name: String) -> String { (options.work as NSString).appendingPathComponent(name) }
    private func inside(_ dir: String, _ name: String) -> String { (dir as NSString).appendingPathComponent(name) }

    func log(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    private func tail(of path: String, lines: Int = 12) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "(no output)" }
        var all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while all.last?.isEmpty == true { all.removeLast() }
        return all.isEmpty ? "(no output)" : all.suffix(lines).joined(separator: "\n")
    }

    /// Records a failure and prints it at once.
    private func fail(_ stage: String, _ message: String) {
        failures.append("[\(stage)] \(message)")
        log("counsel-bench: [\(stage)] FAILED: \(message)")
    }

    /// Records a failed child: the command, how it ended, and the last lines it printed.
    private func failChild(_ stage: String, _ argv: [String], _ run: ChildRun, log logPath: String) {
        failures.append("[\(stage)] `\(argv.joined(separator: " "))` \(run.outcome) (output in \(logPath))")
        log(
            "counsel-bench: [\(stage)] FAILED: `\(argv.joined(separator: " "))` \(run.outcome); last lines of its output (\(logPath)):\n"
                + tail(of: logPath).split(separator: "\n", omittingEmptySubsequences: false).map { "    | \($0)" }
                .joined(separator: "\n"))
    }

    // MARK: Scenarios

    /// Writes the scenario of `settings` to `dir`, or reuses it when its scenario.yaml says it was
    /// made the same way; reads it back and returns its figures.
    private func prepare(_ dir: String, _ settings: GeneratorSettings, label: String) throws -> (
        Scenario, ScenarioStats
    ) {
        let yaml = inside(dir, ScenarioFile.yaml)
        let madeBy = "# " + settings.comment.split(separator: "\n")[0]
        if let text = try? String(contentsOfFile: yaml, encoding: .utf8),
            text.split(separator: "\n").contains(where: { $0 == madeBy })
        {
            log("\(label): reusing \(dir)")
        } else {
            let started = Date()
            let figures = try Generator.write(settings, to: URL(fileURLWithPath: dir))
            log(
                "\(label): generated \(dir) (\(figures.villages.grouped) villages, \(String(format: "%.1f", Date().timeIntervalSince(started))) s)"
            )
        }
        let (scenario, issues) = Scenario.read(from: URL(fileURLWithPath: dir))
        if let first = issues.first { throw IOError(description: "\(dir) does not read back: \(first)") }
        let stats = ScenarioStats(scenario, coverage: false)
        log("  \(stats.oneLine)")
        return (scenario, stats)
    }

    // MARK: Running the planner

    /// What one planner child did.
    struct Call {
        var argv: [String]
        var run: ChildRun?
        var summary: PlannerSummary?
        var ok: Bool { summary != nil }
    }

    /// Runs `argv` (a planner command writing into `out`), with its output in `out/LOGNAME`; on
    /// success reads `out/summary.json`. A failure is recorded under `stage`.
    private func callPlanner(
        _ stage: String, _ argv: [String], out: String, logName: String = "planner.log",
        timeout: Double?
    ) -> Call {
        var call = Call(argv: argv)
        let fm = FileManager.default
        let summaryPath = inside(out, "summary.json")
        let logPath = inside(out, logName)
        do {
            try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
            // Outputs of an earlier run must not be mistaken for this one's.
            for name in ["summary.json", "assignment.csv", "changes.csv"] {
                try? fm.removeItem(atPath: inside(out, name))
            }
            log("  $ \(argv.joined(separator: " "))")
            let run = try runChild(argv, log: logPath, timeout: timeout)
            call.run = run
            guard run.succeeded else {
                failChild(stage, argv, run, log: logPath)
                return call
            }
            guard let data = fm.contents(atPath: summaryPath) else {
                fail(stage, "`\(argv.joined(separator: " "))` exited 0 but wrote no \(summaryPath)")
                return call
            }
            call.summary = try PlannerSummary(json: data)
            log(
                "  \(call.summary!.status), covered \(call.summary!.covered.map(\.grouped) ?? "—"), "
                    + "\(String(format: "%.2f", run.wallSeconds)) s, \(mib(run.peakMiB)) MiB")
        } catch {
            fail(stage, "`\(argv.joined(separator: " "))`: \(error)")
        }
        return call
    }

    // MARK: Labels

    /// WORK/LABEL of a scenario: the size, then the stage (`city-stable`), then `-guangdong` when a
    /// stage that takes `--rules` runs under Guangdong's (the township and team stages always do, so
    /// they carry no suffix).
    func label(_ size: ScenarioSize, _ stage: Stage?, _ rules: RulesOption) -> String {
        var l = size.rawValue
        if let stage, stage != .assign { l += "-\(stage.rawValue)" }
        if rules == .guangdong && !(stage?.guangdongOnly ?? false) { l += "-guangdong" }
        return l
    }

    /// `--time-limit L` for the planner when the size has a limit.
    private func limitArgs(_ size: ScenarioSize) -> [String] {
        options.limit(size).map { ["--time-limit", plainNumber($0)] } ?? []
    }

    /// The plain scenario's plan of `size` under `rules` (WORK/LABEL-out), run the first time it is needed.
    private func plainPlan(_ size: ScenarioSize, _ rules: RulesOption, for stage: String) -> BenchReport.Row? {
        let key = label(size, nil, rules)
        if let known = plain[key] { return known }
        var row: BenchReport.Row?
        do {
            let dir = path(key), out = path("\(key)-out")
            let settings = SyntheticLayout.settings(
                size: size, seed: options.seed, profile: rules.profile, variant: options.variant(.plain))
            let (_, stats) = try prepare(dir, settings, label: key)
            let lp = inside(out, "model.lp")
            try? FileManager.default.removeItem(atPath: lp)
            let exports = options.stages.contains(.assign) && options.peerSizes.contains(size) && !options.peers.isEmpty
            var argv = [options.binary, "assign", dir, "--out", out] + limitArgs(size) + options.plannerArgs
            if exports { argv += ["--export-lp", lp] }
            let call = callPlanner("\(stage) \(key)", argv, out: out, timeout: options.killAfter(size))
            if let run = call.run {
                row = BenchReport.Row(
                    size: size, label: key, rules: rules.rawValue, stats: stats, run: run, summary: call.summary,
                    timeLimit: options.limit(size))
                report.rows.append(row!)
            }
            if !call.ok { row = nil }
        } catch {
            fail("\(stage) \(key)", "\(error)")
        }
        plain[key] = .some(row)
        return row
    }

    // MARK: Stage assign

    private func assignStage() {
        for rules in options.rules {
            for (i, size) in options.sizes.enumerated() {
                let key = label(size, nil, rules)
                let row = plainPlan(size, rules, for: "assign")
                let out = path("\(key)-out"), lp = inside(out, "model.lp")
                if options.peerSizes.contains(size) {
                    let agreed = checkPeers(
                        stage: "assign \(key)", label: key, size: size, lp: lp, out: out,
                        summary: row?.summary, flow: true, ours: row?.run)
                    if !agreed { return }
                }
                guard row?.summary != nil else {
                    // Larger sizes would fail the same way, only slower.
                    for later in options.sizes.dropFirst(i + 1) where plain[label(later, nil, rules)] == nil {
                        plain[label(later, nil, rules)] = .some(nil)
                        log("\(label(later, nil, rules)): skipped (the planner failed on \(key))")
                    }
                    break
                }
            }
        }
    }

    // MARK: Peers

    /// Solves `lp` with the `--peers` (the flow core only when `flow`), adds them to the report; false
    /// (and a failure) when the planner calls its objective optimal and a peer proves a different one
    /// optimal, or when it lies below the flow core's optimum (a lower bound of the model). Without a
    /// summary (the planner failed after writing the model) the peers still run, for their times.
    private func checkPeers(
        stage: String, label: String, size: ScenarioSize, lp: String, out: String,
        summary: PlannerSummary?, flow: Bool, ours: ChildRun?
    ) -> Bool {
        guard !options.peers.isEmpty else { return true }
        guard FileManager.default.fileExists(atPath: lp) else {
            log("  no \(lp): the planner did not export the model, so no peer comparison")
            return true
        }
        let limit = options.limit(size)
        var results: [PeerResult] = []
        for solver in options.peers {
            if solver == .flow && !flow { continue }
            if let r = runPeer(solver, label: label, lp: lp, out: out, limit: limit, size: size) { results.append(r) }
        }
        report.peers += results
        guard let summary else { return true }
        // Both sides claim optimality yet disagree: the planner's answer or its export is wrong.
        let oursProven = summary.gap.map { $0 <= 1e-6 } ?? (summary.status.lowercased() == "optimal")
        for p in results
        where p.solver != .flow && oursProven && p.provenOptimal
            && objectivesAgree(p.objective, summary.objective) == false
        {
            fail(
                stage,
                "the planner reports objective \(format(summary.objective)) as optimal, "
                    + "but \(p.solver.rawValue) proves \(format(p.objective)) optimal for the exported model \(lp)")
            return false
        }
        // The flow core drops the conflict rows: its optimum can never exceed a feasible plan's objective.
        if let f = results.first(where: { $0.solver == .flow }), let fo = f.objective, let o = summary.objective,
            fo > o + 1e-6 * max(1, abs(o))
        {
            fail(
                stage,
                "the planner's objective \(format(o)) is below the optimum \(format(fo)) of its own model's "
                    + "transportation core (a relaxation), so the plan or its objective is wrong (\(lp))")
            return false
        }
        return true
    }

    /// Runs one peer on `lp`; nil when it is not installed (reported, not a failure).
    private func runPeer(
        _ solver: PeerSolver, label: String, lp: String, out: String, limit: Double?, size: ScenarioSize
    ) -> PeerResult? {
        // A hard stop a minute after the limit (or the stage timeout), in case a solver ignores it.
        let hardStop = limit.map { $0 + 60 } ?? options.killAfter(size)
        let tools = toolsDirectory()
        let argv: [String], logName: String, resultFile: String
        switch solver {
        case .highs:
            resultFile = inside(out, "highs.json")
            argv =
                ["python3", inside(tools, "highs-solve.py"), lp, "--out", resultFile]
                + (limit.map { ["--time-limit", plainNumber($0)] } ?? [])
            logName = "highs.log"
        case .flow:
            resultFile = inside(out, "flow.json")
            argv = ["python3", inside(tools, "flow-core.py"), lp, "--out", resultFile]
            logName = "flow.log"
        case .cbc:
            guard isExecutable("cbc") else {
                log("  cbc not installed (apt-get install coinor-cbc); skipped")
                return nil
            }
            resultFile = inside(out, "cbc.log")
            argv = ["cbc", lp] + (limit.map { ["sec", plainNumber($0)] } ?? []) + ["solve"]
            logName = "cbc.log"
        case .glpsol:
            guard isExecutable("glpsol") else {
                log("  glpsol not installed (apt-get install glpk-utils); skipped")
                return nil
            }
            resultFile = inside(out, "glpsol-sol.txt")
            argv =
                ["glpsol", "--lp", lp] + (limit.map { ["--tmlim", String(Int($0.rounded(.up)))] } ?? []) + [
                    "-o", resultFile,
                ]
            logName = "glpsol.log"
        }
        if solver == .highs || solver == .flow {
            guard isExecutable("python3") else {
                log("  python3 not found; \(solver.rawValue) skipped")
                return nil
            }
        }
        try? FileManager.default.removeItem(atPath: resultFile)
        log(
            "  $ \(argv.joined(separator: " "))"
                + (hardStop.map { "  (killed if still running after \(Int($0)) s)" } ?? ""))
        do {
            let logPath = inside(out, logName)
            let run = try runChild(argv, log: logPath, timeout: hardStop)
            var result = PeerResult(solver: solver, label: label, run: run, status: "unknown", objective: nil)
            switch solver {
            case .highs, .flow:
                if run.exitStatus == 3 {
                    log("  \(solver.rawValue) skipped: \(tail(of: logPath, lines: 1))")
                    return nil
                }
                result.read(json: resultFile)
            case .cbc:
                let parsed = PeerOutput.cbc(log: resultFile)
                (result.status, result.objective) = (parsed.status, parsed.objective)
            case .glpsol:
                let parsed = PeerOutput.glpsol(solutionFile: resultFile)
                (result.status, result.objective) = (parsed.status, parsed.objective)
            }
            if !run.succeeded { log("  \(solver.rawValue) \(run.outcome) (log \(logPath))") }
            log(
                "  \(solver.rawValue): \(result.status), objective \(format(result.objective)), \(String(format: "%.2f", run.wallSeconds)) s, \(mib(run.peakMiB)) MiB"
            )
            return result
        } catch {
            log("  \(solver.rawValue) could not run: \(error)")
            return nil
        }
    }

    /// Benchmarks/Tools: beside the harness's sources, found from the package root (the working
    /// folder `make bench` uses) or from the executable's path (.build/release/counsel-bench).
    private func toolsDirectory() -> String {
        let fm = FileManager.default
        let here = "Benchmarks/Tools"
        if fm.fileExists(atPath: inside(here, "highs-solve.py")) { return here }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let root = exe.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(here).path
    }

    // MARK: Stage schedule

    private func scheduleStage() {
        let rules = options.rules.first ?? .nanning
        for size in options.sizes where options.scheduleSizes.contains(size) {
            let key = label(size, nil, rules)
            guard let row = plainPlan(size, rules, for: "schedule") else {
                log("\(key): no plan to schedule")
                continue
            }
            let stats = row.stats
            let dir = path(key), out = path("\(key)-out")
            let fm = FileManager.default
            let schedOut = path("\(key)-schedule")
            let schedLog = inside(schedOut, "schedule.log")
            let argv = [
                options.binary, "schedule", dir, "--assignment", inside(out, "assignment.csv"),
                "--from", "2026-01", "--to", "2026-12", "--out", schedOut,
            ]
            do {
                try fm.createDirectory(atPath: schedOut, withIntermediateDirectories: true)
                // Outputs of an earlier run must not be mistaken for this one's.
                for name in ["roster.csv", "compliance.csv", "shortfalls.csv"] {
                    try? fm.removeItem(atPath: inside(schedOut, name))
                }
                log("  $ \(argv.joined(separator: " "))")
                let run = try runChild(argv, log: schedLog)
                var sched = BenchReport.ScheduleRow(size: size, stats: stats, run: run, assignRun: row.run)
                if !run.succeeded {
                    failChild("schedule \(key)", argv, run, log: schedLog)
                    sched.failure = run.outcome
                } else {
                    do {
                        let outputs = try ScheduleOutputs(dir: schedOut)
                        sched.outputs = outputs
                        log(
                            "  \(outputs.sessions.grouped) sessions, \(outputs.checksMet.grouped)/\(outputs.checks.grouped) rule checks met, "
                                + "\(outputs.shortfalls.grouped) shortfalls, \(String(format: "%.2f", run.wallSeconds)) s, \(mib(run.peakMiB)) MiB"
                        )
                    } catch {
                        sched.failure = "\(error)"
                        fail("schedule \(key)", "the scheduler's output: \(error)")
                    }
                }
                report.schedules.append(sched)
            } catch {
                fail("schedule \(key)", "`\(argv.joined(separator: " "))`: \(error)")
            }
        }
    }

    // MARK: Stages stable, township, team, support

    private func variantStage(_ stage: Stage) {
        let sizes: [ScenarioSize]
        switch stage {
        case .stable: sizes = options.stableSizes
        case .township: sizes = options.townshipSizes
        default: sizes = [options.stageSize]
        }
        let ruleList: [RulesOption] = stage.guangdongOnly ? [.guangdong] : options.rules
        for rules in ruleList {
            for size in sizes { variantRun(stage, size: size, rules: rules) }
        }
    }

    private func variantRun(_ stage: Stage, size: ScenarioSize, rules: RulesOption) {
        guard let variant = stage.variant else { return }
        if stage == .support && size == .county {
            log("support: skipped for the county size (one county)")
            return
        }
        let key = label(size, stage, rules)
        let dir = path(key), out = path("\(key)-out")
        let settings = SyntheticLayout.settings(
            size: size, seed: options.seed, profile: rules.profile, variant: options.variant(variant))
        let scenario: Scenario, stats: ScenarioStats
        do {
            (scenario, stats) = try prepare(dir, settings, label: key)
        } catch {
            fail(key, "\(error)")
            return
        }
        var row = BenchReport.StageRow(
            stage: stage, size: size, label: key, rules: settings.profile.name, stats: stats,
            timeLimit: options.limit(size))
        row.notes = notes(stage, scenario, stats)

        let lp = inside(out, "model.lp")
        try? FileManager.default.removeItem(atPath: lp)
        let peered = options.peerStages.contains(stage) && !options.peers.isEmpty
        var argv = [options.binary, "assign", dir, "--out", out] + limitArgs(size) + options.plannerArgs
        if peered { argv += ["--export-lp", lp] }
        let call = callPlanner(key, argv, out: out, timeout: options.killAfter(size))
        row.run = call.run
        row.summary = call.summary

        // The same run with the feature off: the same folder with --set, or the plain plan.
        if let off = stage.featureOff {
            if options.featureOff {
                row.offName = "same, " + off.filter { $0 != "--set" }.joined(separator: " ")
                let offOut = path("\(key)-off")
                let peer = callPlanner(
                    "\(key) feature off",
                    [options.binary, "assign", dir, "--out", offOut] + limitArgs(size)
                        + options.plannerArgs + off, out: offOut, timeout: options.killAfter(size))
                row.offRun = peer.run
                row.offSummary = peer.summary
            }
        } else {
            row.offName = "plain \(size.rawValue)"
            if let p = plainPlan(size, rules, for: stage.rawValue) {
                row.offRun = p.run
                row.offSummary = p.summary
            }
        }
        report.stages.append(row)

        if peered {
            if call.summary == nil && !FileManager.default.fileExists(atPath: lp) {
                log("  no \(lp) from the failed run, so no peer comparison")
            } else {
                _ = checkPeers(
                    stage: key, label: key, size: size, lp: lp, out: out, summary: call.summary, flow: false,
                    ours: call.run)
            }
        }
    }

    /// What the table says about the scenario beside the planner's figures.
    private func notes(_ stage: Stage, _ s: Scenario, _ stats: ScenarioStats) -> String {
        switch stage {
        case .team:
            return "\(Set(s.teams.map(\.team)).count.grouped) teams of \(s.teams.count.grouped) members"
        case .township:
            let firms = Set(s.advisers.filter { stats.profile.isEligible($0) }.map(\.firm)).count
            let degrees = s.townships.map(\.adjacent.count)
            return "\(s.townships.count.grouped) townships (\(degrees.min() ?? 0)–\(degrees.max() ?? 0) neighbours), "
                + "\(firms.grouped) firms with eligible advisers"
        case .stable:
            return "\(stats.villagesRanking.grouped) villages and \(stats.advisersRanking.grouped) advisers rank"
        case .support:
            let pools = s.counties.filter(\.pool).map(\.id).joined(separator: ", ")
            return "pool \(pools), max_km \(plainNumber(stats.maxKm))"
        default:
            return ""
        }
    }

    // MARK: Stage rebalance

    private func rebalanceStage() {
        let size = options.stageSize
        let rules = options.rules.first ?? .nanning
        let key = label(size, nil, rules)
        guard plainPlan(size, rules, for: "rebalance") != nil else {
            fail("rebalance", "needs the plain \(key) plan (\(path("\(key)-out"))/assignment.csv), which failed")
            return
        }
        let previous = inside(path("\(key)-out"), "assignment.csv")
        let dir = path("\(key)-rebalance")
        let input: RebalanceInput
        do {
            let before = try PlanFile.read(previous)
            input = try RebalanceInput.make(
                from: path(key), previous: before, share: options.rebalanceShare,
                seed: options.seed, into: dir)
            log(
                "\(key)-rebalance: \(dir) = \(path(key)) without \(input.removed.count) advisers, "
                    + "who served \(input.affected) villages in \(previous)")
        } catch {
            fail("rebalance", "\(error)")
            return
        }
        let stats = ScenarioStats(input.scenario, coverage: false)
        var row = BenchReport.RebalanceRow(
            size: size, stats: stats, removed: input.removed.count, affected: input.affected)

        let out = path("\(key)-rebalance-out")
        var argv = [options.binary, "rebalance", dir, "--previous", previous, "--out", out] + options.plannerArgs
        if let n = options.rebalanceMaxChanges { argv += ["--max-changes", String(n)] }
        let call = callPlanner("rebalance", argv, out: out, logName: "rebalance.log", timeout: options.killAfter(size))
        row.run = call.run
        row.summary = call.summary
        if call.ok { row.changes = changes(input.previous, inside(out, "assignment.csv"), stage: "rebalance") }

        let fresh = path("\(key)-rebalance-assign")
        let assign = callPlanner(
            "rebalance peer", [options.binary, "assign", dir, "--out", fresh] + options.plannerArgs,
            out: fresh, timeout: options.killAfter(size))
        row.assignRun = assign.run
        row.assignSummary = assign.summary
        if assign.ok {
            row.assignChanges = changes(input.previous, inside(fresh, "assignment.csv"), stage: "rebalance peer")
        }
        report.rebalances.append(row)
    }

    /// Villages whose adviser differs between the previous plan and `path` (nil if unreadable).
    private func changes(_ previous: [String: String], _ path: String, stage: String) -> Int? {
        do {
            return PlanFile.changes(from: previous, to: try PlanFile.read(path))
        } catch {
            fail(stage, "\(error)")
            return nil
        }
    }
}
