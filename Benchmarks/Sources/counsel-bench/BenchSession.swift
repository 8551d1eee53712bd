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

    /// The plain scenario's plan per size, shared by the assign, schedule, support and rebalance
    /// stages; nil once it failed or was skipped.
    private var plain: [ScenarioSize: BenchReport.Row?] = [:]

    init(_ options: BenchOptions) {
        self.options = options
        report = BenchReport(seed: options.seed, rules: options.rules.rawValue, binary: options.binary,
                             stageSize: options.stageSize)
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
        log("counsel-bench: [\(stage)] FAILED: `\(argv.joined(separator: " "))` \(run.outcome); last lines of its output (\(logPath)):\n"
            + tail(of: logPath).split(separator: "\n", omittingEmptySubsequences: false).map { "    | \($0)" }.joined(separator: "\n"))
    }

    // MARK: Scenarios

    /// Writes the scenario of `settings` to `dir`, or reuses it when its scenario.yaml says it was
    /// made the same way; reads it back and returns its figures.
    private func prepare(_ dir: String, _ settings: GeneratorSettings, label: String) throws -> (Scenario, ScenarioStats) {
        let yaml = inside(dir, ScenarioFile.yaml)
        let madeBy = "# " + settings.comment.split(separator: "\n")[0]
        if let text = try? String(contentsOfFile: yaml, encoding: .utf8),
           text.split(separator: "\n").contains(where: { $0 == madeBy }) {
            log("\(label): reusing \(dir)")
        } else {
            try Generator.generate(settings).write(to: URL(fileURLWithPath: dir))
            log("\(label): generated \(dir)")
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
    private func callPlanner(_ stage: String, _ argv: [String], out: String, logName: String = "planner.log",
                             timeout: Double?) -> Call {
        var call = Call(argv: argv)
        let fm = FileManager.default
        let summaryPath = inside(out, "summary.json")
        let logPath = inside(out, logName)
        do {
            try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
            // Outputs of an earlier run must not be mistaken for this one's.
            for name in ["summary.json", "assignment.csv", "changes.csv"] { try? fm.removeItem(atPath: inside(out, name)) }
            log("  $ \(argv.joined(separator: " "))")
            let run = try runChild(argv, log: logPath, timeout: timeout)
            call.run = run
            guard run.succeeded else { failChild(stage, argv, run, log: logPath); return call }
            guard let data = fm.contents(atPath: summaryPath) else {
                fail(stage, "`\(argv.joined(separator: " "))` exited 0 but wrote no \(summaryPath)")
                return call
            }
            call.summary = try PlannerSummary(json: data)
            log("  \(call.summary!.status), covered \(call.summary!.covered.map(\.grouped) ?? "—"), "
                + "\(String(format: "%.2f", run.wallSeconds)) s, \(mib(run.peakMiB)) MiB")
        } catch {
            fail(stage, "`\(argv.joined(separator: " "))`: \(error)")
        }
        return call
    }

    /// The plain scenario's plan of `size` (WORK/SIZE-out), run the first time it is needed.
    private func plainPlan(_ size: ScenarioSize, for stage: String) -> BenchReport.Row? {
        if let known = plain[size] { return known }
        var row: BenchReport.Row?
        do {
            let dir = path(size.rawValue), out = path("\(size.rawValue)-out")
            let settings = SyntheticLayout.settings(size: size, seed: options.seed, profile: options.rules.profile)
            let (_, stats) = try prepare(dir, settings, label: size.rawValue)
            let lp = inside(out, "model.lp")
            try? FileManager.default.removeItem(atPath: lp)
            var argv = [options.binary, "assign", dir, "--out", out] + options.plannerArgs
            if size != .province { argv += ["--export-lp", lp] }
            let call = callPlanner("\(stage) \(size.rawValue)", argv, out: out, timeout: nil)
            if let run = call.run {
                row = BenchReport.Row(size: size, stats: stats, run: run, summary: call.summary)
                report.rows.append(row!)
            }
            if !call.ok { row = nil }
        } catch {
            fail("\(stage) \(size.rawValue)", "\(error)")
        }
        plain[size] = .some(row)
        return row
    }

    // MARK: Stage assign

    private func assignStage() {
        for (i, size) in options.sizes.enumerated() {
            guard let row = plainPlan(size, for: "assign"), let summary = row.summary else {
                // Larger sizes would fail the same way, only slower.
                for later in options.sizes.dropFirst(i + 1) where plain[later] == nil {
                    plain[later] = .some(nil)
                    log("\(later.rawValue): skipped (the planner failed on \(size.rawValue))")
                }
                return
            }
            guard options.peerSizes.contains(size) else { continue }
            let lp = inside(path("\(size.rawValue)-out"), "model.lp")
            if !checkPeers(stage: "assign \(size.rawValue)", label: size.rawValue, lp: lp, out: path("\(size.rawValue)-out"), summary: summary) {
                return
            }
        }
    }

    /// Solves `lp` with glpsol and CBC, adds them to the report; false (and a failure) when the
    /// planner calls its objective optimal and a peer proves a different one optimal. Without a
    /// summary (the planner failed after writing the model) the peers still run, for their times.
    private func checkPeers(stage: String, label: String, lp: String, out: String, summary: PlannerSummary?) -> Bool {
        guard FileManager.default.fileExists(atPath: lp) else {
            log("  no \(lp): the planner did not export the model, so no peer comparison")
            return true
        }
        let peers = runPeers(label: label, lp: lp, out: out)
        report.peers += peers
        guard let summary else { return true }
        // Both sides claim optimality yet disagree: the planner's answer or its export is wrong.
        let oursProven = summary.gap.map { $0 <= 1e-6 } ?? (summary.status.lowercased() == "optimal")
        if oursProven, let p = peers.first(where: { $0.provenOptimal && objectivesAgree($0.objective, summary.objective) == false }) {
            fail(stage, "the planner reports objective \(format(summary.objective)) as optimal, "
                + "but \(p.solver) proves \(format(p.objective)) optimal for the exported model \(lp)")
            return false
        }
        return true
    }

    private func runPeers(label: String, lp: String, out: String) -> [PeerResult] {
        var peers: [PeerResult] = []
        // A hard stop a minute after the limit, in case a solver ignores it.
        let hardStop = Double(options.glpsolLimit + 60)
        if isExecutable("glpsol") {
            let sol = inside(out, "glpsol-sol.txt")
            try? FileManager.default.removeItem(atPath: sol)
            let argv = ["glpsol", "--lp", lp, "--tmlim", String(options.glpsolLimit), "-o", sol]
            log("  $ \(argv.joined(separator: " "))")
            do {
                let run = try runChild(argv, log: inside(out, "glpsol.log"), timeout: hardStop)
                let parsed = PeerOutput.glpsol(solutionFile: sol)
                peers.append(PeerResult(solver: "glpsol", label: label, run: run, status: parsed.status, objective: parsed.objective))
            } catch {
                log("  glpsol could not run: \(error)")
            }
        } else {
            log("  glpsol not installed (apt-get install glpk-utils); skipped")
        }
        if isExecutable("cbc") {
            let cbcLog = inside(out, "cbc.log")
            let argv = ["cbc", lp, "solve"]
            log("  $ \(argv.joined(separator: " "))  (killed if still running after \(Int(hardStop)) s)")
            do {
                let run = try runChild(argv, log: cbcLog, timeout: hardStop)
                let parsed = PeerOutput.cbc(log: cbcLog)
                peers.append(PeerResult(solver: "cbc", label: label, run: run, status: parsed.status, objective: parsed.objective))
            } catch {
                log("  cbc could not run: \(error)")
            }
        } else {
            log("  cbc not installed (apt-get install coinor-cbc); skipped")
        }
        return peers
    }

    // MARK: Stage schedule

    private func scheduleStage() {
        for size in options.sizes where options.scheduleSizes.contains(size) {
            guard let row = plainPlan(size, for: "schedule") else {
                log("\(size.rawValue): no plan to schedule")
                continue
            }
            let stats = row.stats
            let dir = path(size.rawValue), out = path("\(size.rawValue)-out")
            let fm = FileManager.default
            let schedOut = path("\(size.rawValue)-schedule")
            let schedLog = inside(schedOut, "schedule.log")
            let argv = [options.binary, "schedule", dir, "--assignment", inside(out, "assignment.csv"),
                        "--from", "2026-01", "--to", "2026-12", "--out", schedOut]
            do {
                try fm.createDirectory(atPath: schedOut, withIntermediateDirectories: true)
                // Outputs of an earlier run must not be mistaken for this one's.
                for name in ["roster.csv", "compliance.csv", "shortfalls.csv"] { try? fm.removeItem(atPath: inside(schedOut, name)) }
                log("  $ \(argv.joined(separator: " "))")
                let run = try runChild(argv, log: schedLog)
                var sched = BenchReport.ScheduleRow(size: size, stats: stats, run: run, assignRun: row.run)
                if !run.succeeded {
                    failChild("schedule \(size.rawValue)", argv, run, log: schedLog)
                    sched.failure = run.outcome
                } else {
                    do {
                        let outputs = try ScheduleOutputs(dir: schedOut)
                        sched.outputs = outputs
                        log("  \(outputs.sessions.grouped) sessions, \(outputs.checksMet.grouped)/\(outputs.checks.grouped) rule checks met, "
                            + "\(outputs.shortfalls.grouped) shortfalls, \(String(format: "%.2f", run.wallSeconds)) s, \(mib(run.peakMiB)) MiB")
                    } catch {
                        sched.failure = "\(error)"
                        fail("schedule \(size.rawValue)", "the scheduler's output: \(error)")
                    }
                }
                report.schedules.append(sched)
            } catch {
                fail("schedule \(size.rawValue)", "`\(argv.joined(separator: " "))`: \(error)")
            }
        }
    }

    // MARK: Stages team, township, stable, support

    private func variantStage(_ stage: Stage) {
        guard let variant = stage.variant else { return }
        let size = options.stageSize
        let label = "\(size.rawValue)-\(stage.rawValue)"
        let dir = path(label), out = path("\(label)-out")
        let settings = SyntheticLayout.settings(size: size, seed: options.seed, profile: stage.profile(options.rules), variant: variant)
        let scenario: Scenario, stats: ScenarioStats
        do {
            (scenario, stats) = try prepare(dir, settings, label: label)
        } catch {
            fail(stage.rawValue, "\(error)")
            return
        }
        var row = BenchReport.StageRow(stage: stage, label: label, rules: settings.profile.name, stats: stats)
        row.notes = notes(stage, scenario, stats)

        let lp = inside(out, "model.lp")
        try? FileManager.default.removeItem(atPath: lp)
        var argv = [options.binary, "assign", dir, "--out", out] + options.plannerArgs
        if size != .province { argv += ["--export-lp", lp] }
        let call = callPlanner(stage.rawValue, argv, out: out, timeout: options.stageTimeout)
        row.run = call.run
        row.summary = call.summary

        // The peer in the same run: the same folder with the feature off, or the plain plan.
        if let off = stage.featureOff {
            row.peerName = "same, " + off.filter { $0 != "--set" }.joined(separator: " ")
            let peerOut = path("\(label)-peer")
            let peer = callPlanner("\(stage.rawValue) peer", [options.binary, "assign", dir, "--out", peerOut] + options.plannerArgs + off,
                                   out: peerOut, timeout: options.stageTimeout)
            row.peerRun = peer.run
            row.peerSummary = peer.summary
        } else {
            row.peerName = "plain \(size.rawValue)"
            if let p = plainPlan(size, for: stage.rawValue) {
                row.peerRun = p.run
                row.peerSummary = p.summary
            }
        }
        report.stages.append(row)

        if options.peerStages.contains(stage) {
            if call.summary == nil && !FileManager.default.fileExists(atPath: lp) {
                log("  no \(lp) from the failed run, so no glpsol or CBC comparison")
            } else {
                _ = checkPeers(stage: stage.rawValue, label: label, lp: lp, out: out, summary: call.summary)
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
            return "\(s.townships.count.grouped) townships, \(firms.grouped) firms with eligible advisers"
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
        guard plainPlan(size, for: "rebalance") != nil else {
            fail("rebalance", "needs the plain \(size.rawValue) plan (\(path("\(size.rawValue)-out"))/assignment.csv), which failed")
            return
        }
        let previous = inside(path("\(size.rawValue)-out"), "assignment.csv")
        let dir = path("\(size.rawValue)-rebalance")
        let input: RebalanceInput
        do {
            let before = try PlanFile.read(previous)
            input = try RebalanceInput.make(from: path(size.rawValue), previous: before, share: options.rebalanceShare,
                                            seed: options.seed, into: dir)
            log("\(size.rawValue)-rebalance: \(dir) = \(path(size.rawValue)) without \(input.removed.count) advisers, "
                + "who served \(input.affected) villages in \(previous)")
        } catch {
            fail("rebalance", "\(error)")
            return
        }
        let stats = ScenarioStats(input.scenario, coverage: false)
        var row = BenchReport.RebalanceRow(size: size, stats: stats, removed: input.removed.count, affected: input.affected)

        let out = path("\(size.rawValue)-rebalance-out")
        var argv = [options.binary, "rebalance", dir, "--previous", previous, "--out", out] + options.plannerArgs
        if let n = options.rebalanceMaxChanges { argv += ["--max-changes", String(n)] }
        let call = callPlanner("rebalance", argv, out: out, logName: "rebalance.log", timeout: options.stageTimeout)
        row.run = call.run
        row.summary = call.summary
        if call.ok { row.changes = changes(input.previous, inside(out, "assignment.csv"), stage: "rebalance") }

        let fresh = path("\(size.rawValue)-rebalance-assign")
        let assign = callPlanner("rebalance peer", [options.binary, "assign", dir, "--out", fresh] + options.plannerArgs,
                                 out: fresh, timeout: options.stageTimeout)
        row.assignRun = assign.run
        row.assignSummary = assign.summary
        if assign.ok { row.assignChanges = changes(input.previous, inside(fresh, "assignment.csv"), stage: "rebalance peer") }
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
