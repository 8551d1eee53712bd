import ArgumentParser
import Foundation

// MARK: - What the planner reports

/// The fields of `summary.json` that the harness reads. Numbers may be null or missing.
struct PlannerSummary {
    var status: String
    var objective: Double?
    var bound: Double?
    var gap: Double?
    var villages: Int?
    var covered: Int?
    var uncovered: Int?
    var seconds: Double?

    init(json data: Data) throws {
        guard let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw IOError(description: "summary.json is not a JSON object")
        }
        func number(_ k: String) -> Double? { (obj[k] as? NSNumber)?.doubleValue }
        guard let status = obj["status"] as? String else { throw IOError(description: "summary.json has no status") }
        self.status = status
        objective = number("objective")
        bound = number("bound")
        gap = number("gap")
        villages = number("villages").map { Int($0) }
        covered = number("covered").map { Int($0) }
        uncovered = number("uncovered").map { Int($0) }
        seconds = number("seconds")
    }
}

/// What a reference solver said about the exported model.
struct PeerResult {
    var solver: String
    var size: ScenarioSize
    var run: ChildRun
    var status: String
    var objective: Double?

    /// The solver finished and said its solution is optimal.
    var provenOptimal: Bool {
        run.succeeded && (status == "INTEGER OPTIMAL" || status == "OPTIMAL" || status.hasPrefix("Optimal solution found"))
    }
}

/// Objectives agree when they differ by at most 1e-6 relative (absolute near zero).
func objectivesAgree(_ a: Double?, _ b: Double?) -> Bool? {
    guard let a, let b else { return nil }
    return abs(a - b) <= 1e-6 * max(1, abs(a), abs(b))
}

/// What `village-counsel schedule` wrote: WORK/SIZE-schedule/roster.csv, compliance.csv, shortfalls.csv.
struct ScheduleOutputs {
    /// Rows of roster.csv below the header: one per session.
    var sessions: Int
    /// Rows of compliance.csv below the header (rule checks), and those whose last column `ok` is `yes`.
    var checks: Int
    var checksMet: Int
    /// Rows of shortfalls.csv below the header.
    var shortfalls: Int

    /// Reads the three files of `dir`; throws naming the first that is missing or unreadable.
    init(dir: String) throws {
        func records(_ name: String) throws -> [[String]] {
            let path = (dir as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { throw IOError(description: "no \(path)") }
            guard let text = String(data: data, encoding: .utf8) else { throw IOError(description: "\(path) is not UTF-8") }
            let rows = parseCSV(text).map(\.fields)
            guard !rows.isEmpty else { throw IOError(description: "\(path) is empty (no header row)") }
            return rows
        }
        sessions = try records("roster.csv").count - 1
        let compliance = try records("compliance.csv").dropFirst()
        checks = compliance.count
        checksMet = compliance.filter { $0.last == "yes" }.count
        shortfalls = try records("shortfalls.csv").count - 1
    }
}

// MARK: - Reading the reference solvers' output

enum PeerOutput {
    /// glpsol's `-o` report: `Status:     INTEGER OPTIMAL` and `Objective:  obj = 1234 (MAXimum)`.
    static func glpsol(solutionFile path: String) -> (status: String, objective: Double?) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return ("no solution file", nil) }
        var status = "unknown", objective: Double?
        for line in text.split(separator: "\n").prefix(20) {
            if line.hasPrefix("Status:") {
                status = line.dropFirst("Status:".count).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("Objective:"), let eq = line.firstIndex(of: "=") {
                let rest = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                objective = Double(rest.split(separator: " ").first.map(String.init) ?? "")
            }
        }
        // An undefined or empty solution has no meaningful objective.
        if status.contains("UNDEFINED") || status.contains("EMPTY") || status.contains("INFEASIBLE") { objective = nil }
        return (status, objective)
    }

    /// CBC's log: `Result - Optimal solution found` and `Objective value:   1234.000`.
    static func cbc(log path: String) -> (status: String, objective: Double?) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return ("no log", nil) }
        var status = "unknown", objective: Double?
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("Result - ") {
                status = String(line.dropFirst("Result - ".count))
            } else if line.hasPrefix("Objective value:") {
                objective = Double(line.dropFirst("Objective value:".count).trimmingCharacters(in: .whitespaces))
            }
        }
        return (status, objective)
    }
}

// MARK: - The run command

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate scenarios, run the planner on each, compare with glpsol and CBC, print a table.",
        discussion: """
            For each size: generates WORK/SIZE (reused when it was made with the same size, seed and \
            rules), runs `BINARY assign WORK/SIZE --out WORK/SIZE-out --export-lp WORK/SIZE-out/model.lp` \
            (no --export-lp for the province), and reads WORK/SIZE-out/summary.json. For the peer sizes \
            it also solves model.lp with glpsol and, when installed, cbc. For the schedule sizes it then runs \
            `BINARY schedule WORK/SIZE --assignment WORK/SIZE-out/assignment.csv --from 2026-01 --to 2026-12 \
            --out WORK/SIZE-schedule` and counts its roster, rule checks and shortfalls. Exits non-zero if the \
            planner or the scheduler fails, or if the planner calls a solution optimal whose objective differs \
            from one a peer proves optimal.
            """)

    @Option(help: "Comma-separated sizes: county, city, province.")
    var sizes: String = "county,city,province"

    @Option(help: "Random seed for generated scenarios.")
    var seed: UInt64 = 1

    @Option(help: "Rule profile of generated scenarios: nanning or guangdong.")
    var rules: RulesOption = .nanning

    @Option(help: "The planner executable.")
    var binary: String = ".build/release/village-counsel"

    @Option(help: "Working folder for scenarios and outputs.")
    var work: String = "bench-out"

    @Option(name: .customLong("glpsol-limit"), help: "glpsol's --tmlim, seconds; glpsol and CBC are killed 60 s after it.")
    var glpsolLimit: Int = 300

    @Option(name: .customLong("peer-sizes"), help: "Sizes whose exported model is also solved by glpsol and CBC.")
    var peerSizes: String = "city"

    @Option(name: .customLong("schedule-sizes"),
            help: "Sizes whose assignment is also scheduled for 2026-01 … 2026-12 (empty: none).")
    var scheduleSizes: String = "county,province"

    func validate() throws {
        _ = try parsedSizes(sizes)
        _ = try parsedSizes(peerSizes)
        _ = try parsedSizes(scheduleSizes)
        if glpsolLimit <= 0 { throw ValidationError("--glpsol-limit must be positive") }
    }

    private func parsedSizes(_ list: String) throws -> [ScenarioSize] {
        try list.split(separator: ",").map { raw in
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard let s = ScenarioSize(rawValue: name) else {
                throw ValidationError("unknown size '\(name)' (use county, city, province)")
            }
            return s
        }
    }

    func run() throws {
        let sizeList = try parsedSizes(sizes)
        let peerList = Set(try parsedSizes(peerSizes))
        let scheduleList = Set(try parsedSizes(scheduleSizes))
        guard isExecutable(binary) else {
            throw ValidationError("planner not found at \(binary); build it with `swift build -c release` or pass --binary")
        }
        let fm = FileManager.default
        try fm.createDirectory(atPath: work, withIntermediateDirectories: true)

        var report = BenchReport(seed: seed, rules: rules.rawValue, binary: binary)
        var failure: String?
        var scheduleFailures: [String] = []

        for size in sizeList {
            let dir = (work as NSString).appendingPathComponent(size.rawValue)
            let out = (work as NSString).appendingPathComponent("\(size.rawValue)-out")
            let settings = SyntheticLayout.settings(size: size, seed: seed, profile: rules.profile)
            let yaml = (dir as NSString).appendingPathComponent(ScenarioFile.yaml)
            if let text = try? String(contentsOfFile: yaml, encoding: .utf8), text.contains(settings.comment.split(separator: "\n")[0]) {
                log("\(size.rawValue): reusing \(dir)")
            } else {
                let scenario = Generator.generate(settings)
                try scenario.write(to: URL(fileURLWithPath: dir))
                log("\(size.rawValue): generated \(dir)")
            }
            let (scenario, issues) = Scenario.read(from: URL(fileURLWithPath: dir))
            if let first = issues.first { throw ValidationError("\(dir) does not read back: \(first)") }
            let stats = ScenarioStats(scenario, coverage: false)
            log("  \(stats.oneLine)")

            // Outputs of an earlier run must not be mistaken for this one's.
            try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
            let summaryPath = (out as NSString).appendingPathComponent("summary.json")
            let lp = (out as NSString).appendingPathComponent("model.lp")
            try? fm.removeItem(atPath: summaryPath)
            try? fm.removeItem(atPath: lp)

            var argv = [binary, "assign", dir, "--out", out]
            if size != .province { argv += ["--export-lp", lp] }
            log("  $ \(argv.joined(separator: " "))")
            let plannerLog = (out as NSString).appendingPathComponent("planner.log")
            let child = try runChild(argv, log: plannerLog)
            guard child.succeeded else {
                failure = "the planner failed on \(size.rawValue) (\(child.outcome)); see \(plannerLog):\n" + tail(of: plannerLog)
                report.rows.append(.init(size: size, stats: stats, run: child, summary: nil))
                break
            }
            guard let data = fm.contents(atPath: summaryPath) else {
                failure = "the planner wrote no \(summaryPath)"
                report.rows.append(.init(size: size, stats: stats, run: child, summary: nil))
                break
            }
            let summary: PlannerSummary
            do { summary = try PlannerSummary(json: data) } catch {
                failure = "\(summaryPath): \(error)"
                report.rows.append(.init(size: size, stats: stats, run: child, summary: nil))
                break
            }
            report.rows.append(.init(size: size, stats: stats, run: child, summary: summary))
            log("  \(summary.status), objective \(format(summary.objective)), \(String(format: "%.2f", child.wallSeconds)) s, \(mib(child.peakMiB)) MiB")

            // A failed schedule is reported at the end; the next size's assign run does not depend on it.
            if scheduleList.contains(size) {
                let row = try runSchedule(size: size, stats: stats, dir: dir, out: out, assignRun: child)
                report.schedules.append(row)
                if let problem = row.failure { scheduleFailures.append(problem) }
            }

            if peerList.contains(size) {
                if fm.fileExists(atPath: lp) {
                    let peers = try runPeers(size: size, lp: lp, out: out)
                    report.peers += peers
                    // Both sides claim optimality yet disagree: the planner's answer or its export is wrong.
                    let oursProven = summary.gap.map { $0 <= 1e-6 } ?? (summary.status.lowercased() == "optimal")
                    if oursProven, let p = peers.first(where: { $0.provenOptimal && objectivesAgree($0.objective, summary.objective) == false }) {
                        failure = "on \(size.rawValue) the planner reports objective \(format(summary.objective)) as optimal, "
                            + "but \(p.solver) proves \(format(p.objective)) optimal for the exported model"
                        break
                    }
                } else {
                    log("  no \(lp): the planner did not export the model, so no peer comparison")
                }
            }
        }

        let table = report.markdown()
        print("")
        print(table)
        try? writeAtomically(table, to: URL(fileURLWithPath: (work as NSString).appendingPathComponent("results.md")))
        let failures = [failure].compactMap { $0 } + scheduleFailures
        for f in failures { FileHandle.standardError.write(Data("counsel-bench: \(f)\n".utf8)) }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    /// Runs `BINARY schedule` on the size's assignment and reads what it wrote.
    private func runSchedule(size: ScenarioSize, stats: ScenarioStats, dir: String, out: String,
                             assignRun: ChildRun) throws -> BenchReport.ScheduleRow {
        let fm = FileManager.default
        let schedOut = (work as NSString).appendingPathComponent("\(size.rawValue)-schedule")
        try fm.createDirectory(atPath: schedOut, withIntermediateDirectories: true)
        // Outputs of an earlier run must not be mistaken for this one's.
        for name in ["roster.csv", "compliance.csv", "shortfalls.csv"] {
            try? fm.removeItem(atPath: (schedOut as NSString).appendingPathComponent(name))
        }
        let argv = [binary, "schedule", dir,
                    "--assignment", (out as NSString).appendingPathComponent("assignment.csv"),
                    "--from", "2026-01", "--to", "2026-12", "--out", schedOut]
        log("  $ \(argv.joined(separator: " "))")
        let schedLog = (schedOut as NSString).appendingPathComponent("schedule.log")
        let run = try runChild(argv, log: schedLog)
        var row = BenchReport.ScheduleRow(size: size, stats: stats, run: run, assignRun: assignRun)
        guard run.succeeded else {
            row.failure = "the scheduler failed on \(size.rawValue) (\(run.outcome)); see \(schedLog):\n" + tail(of: schedLog)
            log("  schedule FAILED (\(run.outcome))")
            return row
        }
        do {
            let outputs = try ScheduleOutputs(dir: schedOut)
            row.outputs = outputs
            log("  \(outputs.sessions.grouped) sessions, \(outputs.checksMet.grouped)/\(outputs.checks.grouped) rule checks met, "
                + "\(outputs.shortfalls.grouped) shortfalls, \(String(format: "%.2f", run.wallSeconds)) s, \(mib(run.peakMiB)) MiB")
        } catch {
            row.failure = "the scheduler's output on \(size.rawValue): \(error)"
            log("  schedule output unreadable: \(error)")
        }
        return row
    }

    private func runPeers(size: ScenarioSize, lp: String, out: String) throws -> [PeerResult] {
        var peers: [PeerResult] = []
        // A hard stop a minute after the limit, in case a solver ignores it.
        let hardStop = Double(glpsolLimit + 60)
        if isExecutable("glpsol") {
            let sol = (out as NSString).appendingPathComponent("glpsol-sol.txt")
            try? FileManager.default.removeItem(atPath: sol)
            let argv = ["glpsol", "--lp", lp, "--tmlim", String(glpsolLimit), "-o", sol]
            log("  $ \(argv.joined(separator: " "))")
            let run = try runChild(argv, log: (out as NSString).appendingPathComponent("glpsol.log"), timeout: hardStop)
            let parsed = PeerOutput.glpsol(solutionFile: sol)
            peers.append(PeerResult(solver: "glpsol", size: size, run: run, status: parsed.status, objective: parsed.objective))
        } else {
            log("  glpsol not installed (apt-get install glpk-utils); skipped")
        }
        if isExecutable("cbc") {
            let cbcLog = (out as NSString).appendingPathComponent("cbc.log")
            let argv = ["cbc", lp, "solve"]
            log("  $ \(argv.joined(separator: " "))  (killed if still running after \(Int(hardStop)) s)")
            let run = try runChild(argv, log: cbcLog, timeout: hardStop)
            let parsed = PeerOutput.cbc(log: cbcLog)
            peers.append(PeerResult(solver: "cbc", size: size, run: run, status: parsed.status, objective: parsed.objective))
        } else {
            log("  cbc not installed (apt-get install coinor-cbc); skipped")
        }
        return peers
    }

    private func log(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    private func tail(of path: String, lines: Int = 15) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "(no output)" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}

func mib(_ x: Double?) -> String { x.map { String(format: "%.0f", $0) } ?? "—" }

func format(_ x: Double?) -> String {
    guard let x else { return "—" }
    return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.10g", x)
}

// MARK: - The table

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

    var seed: UInt64
    var rules: String
    var binary: String
    var rows: [Row] = []
    var peers: [PeerResult] = []
    var schedules: [ScheduleRow] = []

    func markdown() -> String {
        var md = "Planner `\(binary)`, scenarios seed \(seed), rules \(rules).\n\n"
        md += "| size | villages | advisers | candidates (per village) | status | objective | gap | covered | wall s | peak MiB |\n"
        md += "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|\n"
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
            md += "| size | solver | status | objective | agrees with ours | wall s | peak MiB | their time ÷ ours |\n"
            md += "|---|---|---|---:|---|---:|---:|---:|\n"
            for p in peers {
                let ours = rows.first { $0.size == p.size }
                let agree = objectivesAgree(p.objective, ours?.summary?.objective).map { $0 ? "yes" : "NO" } ?? "—"
                let ratio = ours.map { String(format: "%.1f×", p.run.wallSeconds / max(1e-9, $0.run.wallSeconds)) } ?? "—"
                let status = p.run.succeeded ? p.status : "\(p.status) (\(p.run.outcome))"
                md += "| \(p.size.rawValue) | \(p.solver) | \(status) | \(format(p.objective)) | \(agree) | "
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
        md += targets()
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
