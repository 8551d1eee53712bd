import Foundation

// MARK: - The tables

struct BenchReport {
    /// A plain-engine run (stage assign) on one size under one rule profile.
    struct Row {
        var size: ScenarioSize
        /// WORK/LABEL: the size, `-guangdong` under Guangdong's rules.
        var label: String
        var rules: String
        var stats: ScenarioStats
        var run: ChildRun
        var summary: PlannerSummary?
        /// The planner's `--time-limit` (also the peers'); nil = none.
        var timeLimit: Double?
    }

    struct ScheduleRow {
        var size: ScenarioSize
        var stats: ScenarioStats
        var run: ChildRun
        /// The same size's assign run, for "schedule ÷ assign".
        var assignRun: ChildRun
        var outputs: ScheduleOutputs?
        var failure: String?
    }

    /// A stable, township, team or support run: the variant's plan and the same run with the feature off.
    struct StageRow {
        var stage: Stage
        var size: ScenarioSize
        var label: String
        var rules: String
        var stats: ScenarioStats
        var timeLimit: Double?
        var run: ChildRun?
        var summary: PlannerSummary?
        /// What the feature-off run is ("same, stable=false", "plain city"); empty = none.
        var offName = ""
        var offRun: ChildRun?
        var offSummary: PlannerSummary?
        var notes = ""
    }

    /// The rebalance stage.
    struct RebalanceRow {
        var size: ScenarioSize
        /// Of the scenario with the advisers removed.
        var stats: ScenarioStats
        var removed: Int
        /// Villages whose previous adviser was removed.
        var affected: Int
        var run: ChildRun?
        var summary: PlannerSummary?
        /// Villages whose adviser differs from the previous plan's, counted from assignment.csv.
        var changes: Int?
        var assignRun: ChildRun?
        var assignSummary: PlannerSummary?
        var assignChanges: Int?
    }

    var seed: UInt64
    var rules: String
    var density: Density
    var shape: UInt64
    var binary: String
    var stageSize: ScenarioSize
    var plannerArgs: [String]
    var rows: [Row] = []
    var peers: [PeerResult] = []
    var schedules: [ScheduleRow] = []
    var stages: [StageRow] = []
    var rebalances: [RebalanceRow] = []

    /// The planner's run and summary for a peer's label (a plain label or SIZE-STAGE…).
    private func ours(_ label: String) -> (run: ChildRun, summary: PlannerSummary?)? {
        if let r = rows.first(where: { $0.label == label }) { return (r.run, r.summary) }
        if let r = stages.first(where: { $0.label == label }), let run = r.run { return (run, r.summary) }
        return nil
    }

    private func seconds(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "—" }
    private func limitText(_ x: Double?) -> String { x.map { plainNumber($0) } ?? "none" }
    private func gapText(_ g: Double?) -> String { g.map { $0 == 0 ? "0" : String(format: "%.1e", $0) } ?? "—" }

    func markdown() -> String {
        var md =
            "Planner `\(binary)`\(plannerArgs.isEmpty ? "" : " with `\(plannerArgs.joined(separator: " "))`"); scenarios seed \(seed), "
            + "rules \(rules), density \(density.rawValue)\(shape != 0 ? ", shape \(shape)" : ""). "
            + "Every time below is wall time of one process in this run; peers ran on the same machine right after the planner.\n"
        if !rows.isEmpty {
            md += "\nThe plain engine (`assign`, individual model):\n\n"
            md +=
                "| size | rules | villages | advisers | candidate pairs (per village) | status | objective | gap | covered | wall s | peak MiB | time limit s |\n"
            md += "|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n"
        }
        for r in rows {
            let s = r.summary
            let status = s?.status ?? "FAILED (\(r.run.outcome))"
            let covered = s?.covered.map { "\($0.grouped)/\(r.stats.villages.grouped)" } ?? "—"
            md +=
                "| \(r.size.rawValue) | \(r.rules) | \(r.stats.villages.grouped) | \(r.stats.advisers.grouped) | "
                + "\(r.stats.pairs.grouped) (\(String(format: "%.1f", r.stats.averageCandidates))) | \(status) | "
                + "\(format(s?.objective)) | \(gapText(s?.gap)) | \(covered) | \(seconds(r.run.wallSeconds)) | "
                + "\(mib(r.run.peakMiB)) | \(limitText(r.timeLimit)) |\n"
        }
        md += stageTables()
        let solvers = peers.filter { $0.solver != .flow }
        if !solvers.isEmpty {
            md +=
                "\nThe same exported model (`model.lp`, `--export-lp`) solved by reference solvers with the same time limit:\n\n"
            md +=
                "| model | solver | status | objective | ours | agrees with ours | wall s | solve s | peak MiB | their wall ÷ ours |\n"
            md += "|---|---|---|---:|---:|---|---:|---:|---:|---:|\n"
            for p in solvers {
                let o = ours(p.label)
                // A planner that did not claim optimality may be beaten without being wrong.
                let claimed = o?.summary?.provenOptimal ?? false
                let agree =
                    objectivesAgree(p.objective, o?.summary?.objective).map {
                        $0 ? "yes" : (claimed ? "NO" : "no (ours not proven)")
                    } ?? "—"
                let ratio = o.map { String(format: "%.1f×", p.run.wallSeconds / max(1e-9, $0.run.wallSeconds)) } ?? "—"
                let status = p.run.succeeded ? p.status : "\(p.status) (\(p.run.outcome))"
                md +=
                    "| \(p.label) | \(p.solver.rawValue) | \(status) | \(format(p.objective)) | \(format(o?.summary?.objective)) | \(agree) | "
                    + "\(seconds(p.run.wallSeconds)) | \(seconds(p.solveSeconds)) | \(mib(p.run.peakMiB)) | \(ratio) |\n"
            }
        }
        let flows = peers.filter { $0.solver == .flow }
        if !flows.isEmpty {
            md +=
                "\nThe physical limit: the conflict-free transportation core of the same model as a min-cost flow "
                + "(`Tools/flow-core.py`; a lower bound on our objective):\n\n"
            md +=
                "| model | pairs | flow covered | flow objective | ours | ours − flow | flow solve s | flow wall s | peak MiB | our wall ÷ flow solve |\n"
            md += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
            for p in flows {
                let o = ours(p.label)
                let diff =
                    (o?.summary?.objective).flatMap { a in p.objective.map { String(format: "%.4g", a - $0) } } ?? "—"
                let ratio =
                    (o?.run.wallSeconds).flatMap { w in
                        p.solveSeconds.map { String(format: "%.1f×", w / max(1e-6, $0)) }
                    } ?? "—"
                let covered = p.run.succeeded ? (p.covered.map(\.grouped) ?? "—") : "\(p.status) (\(p.run.outcome))"
                md +=
                    "| \(p.label) | \(p.pairs.map(\.grouped) ?? "—") | \(covered) | \(format(p.objective)) | \(format(o?.summary?.objective)) | "
                    + "\(diff) | \(p.solveSeconds.map { String(format: "%.3f", $0) } ?? "—") | \(seconds(p.run.wallSeconds)) | \(mib(p.run.peakMiB)) | \(ratio) |\n"
            }
        }
        if !schedules.isEmpty {
            md += "\nYear rosters (`schedule --from 2026-01 --to 2026-12` on the assignment above):\n\n"
            md +=
                "| size | villages | advisers | sessions | rule checks met/total | shortfalls | wall s | peak MiB | schedule ÷ assign |\n"
            md += "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
            for r in schedules {
                let o = r.outputs
                let sessions =
                    o.map { $0.sessions.grouped } ?? (r.run.succeeded ? "unreadable" : "FAILED (\(r.run.outcome))")
                let checks = o.map { "\($0.checksMet.grouped)/\($0.checks.grouped)" } ?? "—"
                let ratio = String(format: "%.1f×", r.run.wallSeconds / max(1e-9, r.assignRun.wallSeconds))
                md +=
                    "| \(r.size.rawValue) | \(r.stats.villages.grouped) | \(r.stats.advisers.grouped) | \(sessions) | \(checks) | "
                    + "\(o.map { $0.shortfalls.grouped } ?? "—") | \(String(format: "%.2f", r.run.wallSeconds)) | "
                    + "\(mib(r.run.peakMiB)) | \(ratio) |\n"
            }
        }
        md += rebalanceTable()
        md += targets()
        return md
    }

    /// Wall seconds of a run (also of a failed one: how long it took to fail), `—` when not run.
    private func wall(_ run: ChildRun?, _ summary: PlannerSummary?) -> String {
        guard let run else { return "—" }
        return String(format: "%.2f", run.wallSeconds)
    }

    /// `covered/villages`; `FAILED (…)` for a run that wrote no summary; `—` when not run.
    private func covered(_ s: PlannerSummary?, _ run: ChildRun?, of villages: Int) -> String {
        if s == nil, let run { return "FAILED (\(run.outcome))" }
        return s?.covered.map { "\($0.grouped)/\(villages.grouped)" } ?? "—"
    }

    private func ratio(_ a: ChildRun?, _ sa: PlannerSummary?, _ b: ChildRun?, _ sb: PlannerSummary?) -> String {
        guard let a, let b, sa != nil, sb != nil else { return "—" }
        return String(format: "%.2f×", a.wallSeconds / max(1e-9, b.wallSeconds))
    }

    /// The table of the stable, township, team and support stages.
    private func stageTables() -> String {
        guard !stages.isEmpty else { return "" }
        var md =
            "\nTwo-way selection, service models and support (`assign` on variants of the plain scenarios; "
            + "\"feature off\" is the same folder with the feature set off by `--set`, or the plain plan):\n\n"
        md +=
            "| stage | size | rules | villages | status | gap | covered | blocking pairs | stable plan exists | support moves | wall s | peak MiB "
            + "| time limit s | feature off | off covered | off blocking pairs | off wall s | ÷ off | scenario |\n"
        md += "|---|---|---|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|\n"
        for r in stages {
            let status = r.summary?.status ?? (r.run.map { "FAILED (\($0.outcome))" } ?? "not run")
            let exists: String
            if r.stage == .stable, let s = r.summary {
                exists = s.stablePlanExists.map { $0 ? "yes" : "no" } ?? "not proven"
            } else {
                exists = "—"
            }
            md +=
                "| \(r.stage.rawValue) | \(r.size.rawValue) | \(r.rules) | \(r.stats.villages.grouped) | \(status) | \(gapText(r.summary?.gap)) | "
                + "\(covered(r.summary, nil, of: r.stats.villages)) | \(r.summary?.blockingPairs.map(\.grouped) ?? "—") | \(exists) | "
                + "\(r.summary?.supportMoves.map(\.grouped) ?? "—") | \(wall(r.run, r.summary)) | \(r.summary == nil ? "—" : mib(r.run?.peakMiB)) | "
                + "\(limitText(r.timeLimit)) | \(r.offName.isEmpty ? "—" : r.offName) | "
                + "\(r.offName.isEmpty ? "—" : covered(r.offSummary, r.offRun, of: r.stats.villages)) | \(r.offSummary?.blockingPairs.map(\.grouped) ?? "—") | "
                + "\(wall(r.offRun, r.offSummary)) | \(ratio(r.run, r.summary, r.offRun, r.offSummary)) | \(r.notes) |\n"
        }
        return md
    }

    /// The table of the rebalance stage.
    private func rebalanceTable() -> String {
        var md = ""
        if !rebalances.isEmpty {
            md +=
                "\nRebalance (`rebalance --previous` the plain plan, on a copy of the scenario without some of the advisers "
                + "who serve in it; against a fresh `assign` of the copy):\n\n"
            md +=
                "| size | villages | advisers removed | villages they served | status | covered | changes | wall s | peak MiB "
                + "| fresh assign: covered | changes | wall s | rebalance ÷ assign |\n"
            md += "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
            for r in rebalances {
                let status = r.summary?.status ?? (r.run.map { "FAILED (\($0.outcome))" } ?? "not run")
                md +=
                    "| \(r.size.rawValue) | \(r.stats.villages.grouped) | \(r.removed.grouped) | \(r.affected.grouped) | \(status) | "
                    + "\(covered(r.summary, nil, of: r.stats.villages)) | \(r.changes.map(\.grouped) ?? "—") | \(wall(r.run, r.summary)) | "
                    + "\(r.summary == nil ? "—" : mib(r.run?.peakMiB)) | \(covered(r.assignSummary, r.assignRun, of: r.stats.villages)) | "
                    + "\(r.assignChanges.map(\.grouped) ?? "—") | \(wall(r.assignRun, r.assignSummary)) | "
                    + "\(ratio(r.run, r.summary, r.assignRun, r.assignSummary)) |\n"
            }
        }
        return md
    }

    /// The targets of Benchmarks/README.md, each from its issue, measured on this run's rows; a row
    /// that did not run gives no line. `met` / `MISSED` (missed targets do not change the exit status).
    private func targets() -> String {
        var lines: [String] = []
        func mark(_ ok: Bool) -> String { ok ? "met" : "MISSED" }
        func wallText(_ r: ChildRun) -> String { String(format: "%.2f s", r.wallSeconds) }
        func summaryText(_ s: PlannerSummary?) -> String {
            guard let s else { return "no plan" }
            return "\(s.status), gap \(gapText(s.gap))"
        }

        // Issue 16: the plain engine at real density.
        for r in rows {
            let tag = r.label
            switch r.size {
            case .county:
                lines.append(
                    "- [earlier] \(tag): plain plan under 1 s: \(mark(r.summary != nil && r.run.wallSeconds < 1)) (\(wallText(r.run)))"
                )
            case .city:
                if let h = peers.first(where: { $0.label == r.label && $0.solver == .highs }), let s = r.summary {
                    let x = h.run.wallSeconds / max(1e-9, r.run.wallSeconds)
                    // A HiGHS that stopped at the limit would have taken longer: the ratio is a lower bound then.
                    let atLeast = h.provenOptimal ? "" : "≥ "
                    lines.append(
                        "- [issue 16] \(tag): at least 5× faster than HiGHS end to end (goal 10×): "
                            + "\(mark(s.provenOptimal && x >= 5)) (\(atLeast)\(String(format: "%.1f", x))×: ours \(wallText(r.run)), \(summaryText(s)); "
                            + "HiGHS \(String(format: "%.2f s", h.run.wallSeconds)), \(h.status))")
                } else {
                    lines.append(
                        "- [issue 16] \(tag): at least 5× faster than HiGHS: not measured (no HiGHS result for \(tag))")
                }
            case .province:
                let ok = (r.summary?.provenOptimal ?? false) && r.run.wallSeconds <= 10 && (r.run.peakMiB ?? 0) < 4096
                lines.append(
                    "- [issue 16] \(tag): proven optimal in ≤ 10 s end to end, diagnosis on\(plannerArgs.contains("--no-diagnosis") ? " (NOT: this run passed --no-diagnosis)" : ""), "
                        + "under 4 GiB: \(mark(ok && !plannerArgs.contains("--no-diagnosis"))) (\(summaryText(r.summary)), \(wallText(r.run)), \(mib(r.run.peakMiB)) MiB)"
                )
            case .national:
                let ok =
                    (r.summary?.provenOptimal ?? false) && r.run.wallSeconds <= 120
                    && (r.run.peakMiB ?? .infinity) <= 8192
                lines.append(
                    "- [issue 16] \(tag): proven optimal in ≤ 120 s and ≤ 8 GiB, diagnosis on\(plannerArgs.contains("--no-diagnosis") ? " (NOT: this run passed --no-diagnosis)" : ""): "
                        + "\(mark(ok && !plannerArgs.contains("--no-diagnosis"))) (\(summaryText(r.summary)), \(wallText(r.run)), \(mib(r.run.peakMiB)) MiB)"
                )
            }
            if let f = peers.first(where: { $0.label == r.label && $0.solver == .flow }), let solve = f.solveSeconds {
                lines.append(
                    "- [issue 16] \(tag): ours ÷ the min-cost-flow core: \(String(format: "%.1f", r.run.wallSeconds / max(1e-6, solve)))× "
                        + "(reported, no target: \(wallText(r.run)) against a flow solve of \(String(format: "%.3f s", solve)))"
                )
            }
        }
        // Issues 9 and 10: stable and township at real scale.
        for r in stages where r.stage == .stable || r.stage == .township {
            let s = r.summary
            let proven = s?.provenOptimal ?? false
            let wall = r.run?.wallSeconds ?? .infinity
            let seen =
                "(\(summaryText(s)), \(r.run.map(wallText) ?? "not run")\(r.stage == .stable ? ", \(s?.blockingPairs.map(String.init) ?? "—") blocking pairs" : ""))"
            switch (r.stage, r.size) {
            case (.stable, .county):
                lines.append("- [issue 9] \(r.label): proven optimal in ≤ 2 s: \(mark(proven && wall <= 2)) \(seen)")
            case (.stable, .city):
                // Proven optimal, or a stable plan whose proven gap is at most 1 % (the planner's relative gap).
                let stableWithGap = s.map { $0.blockingPairs == 0 && ($0.gap ?? .infinity) <= 0.01 } ?? false
                lines.append(
                    "- [issue 9] \(r.label): proven optimal, or stable with a proven gap ≤ 1 %, in ≤ 60 s: "
                        + "\(mark((proven || stableWithGap) && wall <= 60)) \(seen)")
            case (.township, .county):
                lines.append("- [issue 10] \(r.label): proven optimal in ≤ 3 s: \(mark(proven && wall <= 3)) \(seen)")
            case (.township, .city):
                lines.append("- [issue 10] \(r.label): proven optimal in ≤ 60 s: \(mark(proven && wall <= 60)) \(seen)")
            default:
                break
            }
        }
        // The year's roster: county under 5 s, province under 5 minutes (wall time of `schedule`).
        for (size, limit, label) in [(ScenarioSize.county, 5.0, "5 s"), (.province, 300.0, "5 minutes")] {
            guard let r = schedules.first(where: { $0.size == size }) else { continue }
            let ok = r.outputs != nil && r.run.wallSeconds < limit
            lines.append(
                "- [earlier] \(size.rawValue) year roster under \(label): \(ok ? "met" : "MISSED") "
                    + "(\(r.outputs == nil ? "failed, " : "")\(String(format: "%.1f", r.run.wallSeconds)) s)")
        }
        guard !lines.isEmpty else { return "" }
        let note =
            density == .realistic
            ? "" : " (this run used --density sparse; the issues' targets are for the realistic density)"
        return "\nTargets\(note):\n\n" + lines.joined(separator: "\n") + "\n"
    }
}
