import Foundation

// MARK: - The tables

struct BenchReport {
    struct Row {
        var size: ScenarioSize
        var stats: ScenarioStats
        var run: ChildRun
        var summary: PlannerSummary?
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

    /// A team, township, stable or support stage: the variant's plan and its peer's.
    struct StageRow {
        var stage: Stage
        var label: String
        var rules: String
        var stats: ScenarioStats
        var run: ChildRun?
        var summary: PlannerSummary?
        /// What the peer is ("same, service_model=individual", "plain city").
        var peerName = ""
        var peerRun: ChildRun?
        var peerSummary: PlannerSummary?
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
    var binary: String
    var stageSize: ScenarioSize
    var rows: [Row] = []
    var peers: [PeerResult] = []
    var schedules: [ScheduleRow] = []
    var stages: [StageRow] = []
    var rebalances: [RebalanceRow] = []

    /// The planner's run and objective for a peer's label (a size or SIZE-STAGE).
    private func ours(_ label: String) -> (run: ChildRun, objective: Double?)? {
        if let r = rows.first(where: { $0.size.rawValue == label }) { return (r.run, r.summary?.objective) }
        if let r = stages.first(where: { $0.label == label }), let run = r.run { return (run, r.summary?.objective) }
        return nil
    }

    func markdown() -> String {
        var md = "Planner `\(binary)`, scenarios seed \(seed), rules \(rules).\n"
        if !rows.isEmpty {
            md += "\n| size | villages | advisers | candidates (per village) | status | objective | gap | covered | wall s | peak MiB |\n"
            md += "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|\n"
        }
        for r in rows {
            let s = r.summary
            let status = s?.status ?? "FAILED (\(r.run.outcome))"
            let gap = s?.gap.map { $0 == 0 ? "0" : String(format: "%.1e", $0) } ?? "—"
            let covered = s?.covered.map { "\($0.grouped)/\(r.stats.villages.grouped)" } ?? "—"
            md += "| \(r.size.rawValue) | \(r.stats.villages.grouped) | \(r.stats.advisers.grouped) | "
                + "\(r.stats.pairs.grouped) (\(String(format: "%.1f", r.stats.averageCandidates))) | \(status) | "
                + "\(format(s?.objective)) | \(gap) | \(covered) | \(String(format: "%.2f", r.run.wallSeconds)) | "
                + "\(mib(r.run.peakMiB)) |\n"
        }
        if !peers.isEmpty {
            md += "\nThe same exported model (`model.lp`) solved by reference solvers:\n\n"
            md += "| model | solver | status | objective | agrees with ours | wall s | peak MiB | their time ÷ ours |\n"
            md += "|---|---|---|---:|---|---:|---:|---:|\n"
            for p in peers {
                let ours = ours(p.label)
                let agree = objectivesAgree(p.objective, ours?.objective).map { $0 ? "yes" : "NO" } ?? "—"
                let ratio = ours.map { String(format: "%.1f×", p.run.wallSeconds / max(1e-9, $0.run.wallSeconds)) } ?? "—"
                let status = p.run.succeeded ? p.status : "\(p.status) (\(p.run.outcome))"
                md += "| \(p.label) | \(p.solver) | \(status) | \(format(p.objective)) | \(agree) | "
                    + "\(String(format: "%.2f", p.run.wallSeconds)) | \(mib(p.run.peakMiB)) | \(ratio) |\n"
            }
        }
        if !schedules.isEmpty {
            md += "\nYear rosters (`schedule --from 2026-01 --to 2026-12` on the assignment above):\n\n"
            md += "| size | villages | advisers | sessions | rule checks met/total | shortfalls | wall s | peak MiB | schedule ÷ assign |\n"
            md += "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
            for r in schedules {
                let o = r.outputs
                let sessions = o.map { $0.sessions.grouped } ?? (r.run.succeeded ? "unreadable" : "FAILED (\(r.run.outcome))")
                let checks = o.map { "\($0.checksMet.grouped)/\($0.checks.grouped)" } ?? "—"
                let ratio = String(format: "%.1f×", r.run.wallSeconds / max(1e-9, r.assignRun.wallSeconds))
                md += "| \(r.size.rawValue) | \(r.stats.villages.grouped) | \(r.stats.advisers.grouped) | \(sessions) | \(checks) | "
                    + "\(o.map { $0.shortfalls.grouped } ?? "—") | \(String(format: "%.2f", r.run.wallSeconds)) | "
                    + "\(mib(r.run.peakMiB)) | \(ratio) |\n"
            }
        }
        md += stageTables()
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

    /// The tables of the team, township, stable, support and rebalance stages.
    private func stageTables() -> String {
        var md = ""
        if !stages.isEmpty {
            md += "\nService models, stability and support (`assign` on \(stageSize.rawValue)-size variants of seed \(seed); "
                + "the peer is the same folder with the feature set off by `--set`, or the plain plan):\n\n"
            md += "| stage | rules | villages | status | covered | blocking pairs | support moves | wall s | peak MiB "
                + "| peer | peer covered | peer blocking pairs | peer wall s | ÷ peer | scenario |\n"
            md += "|---|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|\n"
            for r in stages {
                let status = r.summary?.status ?? (r.run.map { "FAILED (\($0.outcome))" } ?? "not run")
                md += "| \(r.stage.rawValue) | \(r.rules) | \(r.stats.villages.grouped) | \(status) | \(covered(r.summary, nil, of: r.stats.villages)) | "
                    + "\(r.summary?.blockingPairs.map(\.grouped) ?? "—") | \(r.summary?.supportMoves.map(\.grouped) ?? "—") | "
                    + "\(wall(r.run, r.summary)) | \(r.summary == nil ? "—" : mib(r.run?.peakMiB)) | \(r.peerName) | "
                    + "\(covered(r.peerSummary, r.peerRun, of: r.stats.villages)) | \(r.peerSummary?.blockingPairs.map(\.grouped) ?? "—") | "
                    + "\(wall(r.peerRun, r.peerSummary)) | \(ratio(r.run, r.summary, r.peerRun, r.peerSummary)) | \(r.notes) |\n"
            }
        }
        if !rebalances.isEmpty {
            md += "\nRebalance (`rebalance --previous` the plain plan, on a copy of the scenario without some of the advisers "
                + "who serve in it; against a fresh `assign` of the copy):\n\n"
            md += "| size | villages | advisers removed | villages they served | status | covered | changes | wall s | peak MiB "
                + "| fresh assign: covered | changes | wall s | rebalance ÷ assign |\n"
            md += "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
            for r in rebalances {
                let status = r.summary?.status ?? (r.run.map { "FAILED (\($0.outcome))" } ?? "not run")
                md += "| \(r.size.rawValue) | \(r.stats.villages.grouped) | \(r.removed.grouped) | \(r.affected.grouped) | \(status) | "
                    + "\(covered(r.summary, nil, of: r.stats.villages)) | \(r.changes.map(\.grouped) ?? "—") | \(wall(r.run, r.summary)) | "
                    + "\(r.summary == nil ? "—" : mib(r.run?.peakMiB)) | \(covered(r.assignSummary, r.assignRun, of: r.stats.villages)) | "
                    + "\(r.assignChanges.map(\.grouped) ?? "—") | \(wall(r.assignRun, r.assignSummary)) | "
                    + "\(ratio(r.run, r.summary, r.assignRun, r.assignSummary)) |\n"
            }
        }
        return md
    }

    /// The targets of Benchmarks/README.md: county < 1 s; province proven optimal (gap ≤ 1e-4)
    /// in < 60 s and < 4 GiB; the year's roster for the county < 5 s and for the province < 300 s.
    private func targets() -> String {
        var lines: [String] = []
        if let c = rows.first(where: { $0.size == .county }), c.summary != nil {
            lines.append("- county under 1 s: \(c.run.wallSeconds < 1 ? "met" : "MISSED") (\(String(format: "%.2f", c.run.wallSeconds)) s)")
        }
        if let p = rows.first(where: { $0.size == .province }), let s = p.summary {
            let gap = s.gap ?? (s.status.lowercased() == "optimal" ? 0 : .infinity)
            let ok = gap <= 1e-4 && p.run.wallSeconds < 60 && (p.run.peakMiB ?? 0) < 4096
            lines.append("- province proven optimal (gap ≤ 1e-4) in under 60 s and 4 GiB: \(ok ? "met" : "MISSED") "
                + "(\(s.status), gap \(s.gap.map { String(format: "%.1e", $0) } ?? "—"), "
                + "\(String(format: "%.1f", p.run.wallSeconds)) s, \(mib(p.run.peakMiB)) MiB)")
        }
        // The year's roster: county under 5 s, province under 5 minutes (wall time of `schedule`).
        for (size, limit, label) in [(ScenarioSize.county, 5.0, "5 s"), (.province, 300.0, "5 minutes")] {
            guard let r = schedules.first(where: { $0.size == size }) else { continue }
            let ok = r.outputs != nil && r.run.wallSeconds < limit
            lines.append("- \(size.rawValue) year roster under \(label): \(ok ? "met" : "MISSED") "
                + "(\(r.outputs == nil ? "failed, " : "")\(String(format: "%.1f", r.run.wallSeconds)) s)")
        }
        return lines.isEmpty ? "" : "\nTargets:\n\n" + lines.joined(separator: "\n") + "\n"
    }
}
