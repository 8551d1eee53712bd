import ArgumentParser
import Foundation

// MARK: - Stages

/// One part of `counsel-bench run`, selected with `--stages`.
enum Stage: String, CaseIterable, Comparable {
    /// The plain engine: `assign` on the individual-model scenarios of `--sizes` (issue 16), with
    /// HiGHS / CBC / glpsol on the exported model and the min-cost-flow core as peers.
    case assign
    /// `assign` on `stable: true` scenarios of `--stable-sizes` (issue 9), with the exported stable model as peer.
    case stable
    /// `assign` on township-model scenarios of `--township-sizes` (issue 10, Guangdong rules), with the exported model as peer.
    case township
    /// `schedule` for the year on the schedule sizes' plain plans.
    case schedule
    /// `assign` on a team-model scenario of `--stage-size` (`service_model: team`, Guangdong rules).
    case team
    /// `assign` on a `--stage-size` scenario with a pool district and short counties next to it.
    case support
    /// `rebalance` of the plain `--stage-size` plan after some of its advisers left, against a fresh `assign`.
    case rebalance

    static func < (a: Stage, b: Stage) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    /// The stages `run` does without `--stages`: the realistic scenarios of issues 9, 10 and 16.
    static let defaults: [Stage] = [.assign, .stable, .township]

    /// The generator's variant for the stages that plan a variant of the plain scenario.
    var variant: ScenarioVariant? {
        switch self {
        case .team: return ScenarioVariant(serviceModel: .team)
        case .township: return ScenarioVariant(serviceModel: .township)
        case .stable: return ScenarioVariant(stable: true)
        case .support: return ScenarioVariant(support: true)
        case .assign, .schedule, .rebalance: return nil
        }
    }

    /// Team and township are Guangdong's models (001 §(七)), so their scenarios use Guangdong's
    /// rules whatever `--rules` says; the others use `--rules`.
    var guangdongOnly: Bool { self == .team || self == .township }

    /// The same scenario planned without the feature, for the "÷ feature off" ratio: `--set`
    /// arguments, or nil when the comparison is the plain scenario's own plan (support).
    var featureOff: [String]? {
        switch self {
        case .team, .township: return ["--set", "service_model=individual"]
        case .stable: return ["--set", "stable=false"]
        default: return nil
        }
    }
}

/// A reference solver of the exported model (`--peers`).
enum PeerSolver: String, CaseIterable {
    /// HiGHS through `Tools/highs-solve.py` (PyPI highspy), with the stage's time limit.
    case highs
    /// COIN-OR CBC (Debian coinor-cbc), `cbc MODEL sec LIMIT solve`.
    case cbc
    /// GLPK's glpsol (Debian glpk-utils), `--tmlim LIMIT`.
    case glpsol
    /// The conflict-free transportation core as a min-cost flow (`Tools/flow-core.py`, PyPI
    /// ortools, else networkx): the physical limit of the plain model (issue 16). Plain stage only.
    case flow
}

/// Parses a comma-separated list with `parse`, naming the option in the error.
private func parseList<T>(_ list: String, option: String, allowed: String, _ parse: (String) -> T?) throws -> [T] {
    try list.split(separator: ",").map { raw in
        let name = raw.trimmingCharacters(in: .whitespaces)
        guard let v = parse(name) else { throw ValidationError("\(option): unknown '\(name)' (use \(allowed))") }
        return v
    }
}

// MARK: - The run command

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate scenarios, plan each with the planner and its peers in the same run, print tables.",
        discussion: """
            Stages (--stages, default assign,stable,township; always run in the order assign, stable, \
            township, schedule, team, support, rebalance): assign — for each of --sizes (county, city, \
            province; national only when listed) and --rules, generates WORK/SIZE (reused when made the \
            same way), runs `BINARY assign WORK/SIZE --out WORK/SIZE-out --time-limit L` (with \
            --export-lp WORK/SIZE-out/model.lp for the --peer-sizes) and then the --peers on model.lp with \
            the same limit L: HiGHS, CBC, glpsol, and the min-cost-flow core. stable, township — the same \
            on `stable: true` and township-model scenarios of --stable-sizes / --township-sizes, plus the \
            same folder planned with the feature set off. schedule, team, support, rebalance — as before \
            (see Benchmarks/README.md). A child that fails prints its command, exit and last lines, and the \
            other stages still run. Exits non-zero if any child failed, or if the planner calls a solution \
            optimal whose objective differs from one a peer proves optimal (or lies below the flow core's).
            """)

    @Option(help: "Comma-separated sizes for the assign stage: county, city, province, national.")
    var sizes: String = "county,city,province"

    @Option(name: .customLong("stable-sizes"), help: "Sizes for the stable stage.")
    var stableSizes: String = "county,city"

    @Option(name: .customLong("township-sizes"), help: "Sizes for the township stage (Guangdong rules).")
    var townshipSizes: String = "county,city"

    @Option(help: "Random seed for generated scenarios.")
    var seed: UInt64 = 1

    @Option(
        help:
            "Comma-separated rule profiles for the assign and stable stages: nanning, guangdong (township and team always use guangdong)."
    )
    var rules: String = "nanning"

    @Option(
        help:
            "Density of generated scenarios: realistic (what bureaus have) or sparse (the earlier ≈13 candidates a village)."
    )
    var density: Density = .realistic

    @Option(help: "Layout shape of generated scenarios: 0 = standard, any other number draws one (realistic only).")
    var shape: UInt64 = 0

    @Option(help: "The planner executable.")
    var binary: String = ".build/release/village-counsel"

    @Option(help: "Working folder for scenarios and outputs.")
    var work: String = "bench-out"

    @Option(help: "Comma-separated reference solvers of the exported model: highs, cbc, glpsol, flow (empty: none).")
    var peers: String = "highs,flow"

    @Option(
        name: .customLong("peer-sizes"),
        help:
            "Sizes of the assign stage whose model is exported and solved by the peers (national's model is large: list it to have it)."
    )
    var peerSizes: String = "county,city,province"

    @Option(
        name: .customLong("peer-stages"),
        help: "Stages among stable, township, team whose exported model is also solved by the peers (empty: none).")
    var peerStages: String = "stable,township"

    @Option(
        name: .customLong("time-limits"),
        help:
            "Seconds per size, given to the planner as --time-limit and to every peer as its limit: SIZE=S,… (0: none)."
    )
    var timeLimits: String = "county=30,city=90,province=180,national=600"

    @Option(
        name: .customLong("stage-timeout"),
        help:
            "Seconds after which any child is killed and counted as failed; default 2 × the size's time limit + 60 (0: never)."
    )
    var stageTimeout: Double?

    @Option(
        name: .customLong("feature-off"),
        help: "Also plan each stable, township and team scenario with the feature set off (yes/no).")
    var featureOff: String = "yes"

    @Option(
        name: .customLong("schedule-sizes"),
        help: "Sizes whose plain plan is scheduled for 2026-01 … 2026-12 by the schedule stage (empty: none).")
    var scheduleSizes: String = "county,province"

    @Option(name: .customLong("stage-size"), help: "Size of the team, support and rebalance scenarios.")
    var stageSize: ScenarioSize = .city

    @Option(
        name: .customLong("rebalance-share"),
        help: "Share of all advisers removed for the rebalance stage, drawn from those who serve in the plain plan.")
    var rebalanceShare: Double = 0.05

    @Option(name: .customLong("rebalance-max-changes"), help: "Passed to rebalance as --max-changes.")
    var rebalanceMaxChanges: Int?

    @Option(
        name: .customLong("planner-arg"), parsing: .unconditionalSingleValue,
        help: "An extra argument for every assign and rebalance call (repeatable), e.g. --planner-arg --no-diagnosis.")
    var plannerArgs: [String] = []

    @Option(help: "Comma-separated stages: \(Stage.allCases.map(\.rawValue).joined(separator: ", ")).")
    var stages: String = Stage.defaults.map(\.rawValue).joined(separator: ",")

    func validate() throws {
        _ = try options()
        if let t = stageTimeout, t < 0 { throw ValidationError("--stage-timeout must be 0 or more") }
        if !(rebalanceShare > 0 && rebalanceShare < 1) {
            throw ValidationError("--rebalance-share must be between 0 and 1")
        }
        if let n = rebalanceMaxChanges, n < 0 { throw ValidationError("--rebalance-max-changes must be 0 or more") }
        if density == .sparse && shape != 0 { throw ValidationError("--shape is for the realistic density only") }
        if featureOff != "yes" && featureOff != "no" { throw ValidationError("--feature-off must be yes or no") }
    }

    private func options() throws -> BenchOptions {
        let size = { (s: String) in ScenarioSize(rawValue: s) }
        let sizeNames = ScenarioSize.allCases.map(\.rawValue).joined(separator: ", ")
        let stageNames = Stage.allCases.map(\.rawValue).joined(separator: ", ")
        let stageList = Set(try parseList(stages, option: "--stages", allowed: stageNames) { Stage(rawValue: $0) })
        let peerStageList = Set(
            try parseList(peerStages, option: "--peer-stages", allowed: stageNames) { Stage(rawValue: $0) })
        if stageSize == .county && stageList.contains(.support) {
            throw ValidationError("the support stage needs several counties: use --stage-size city or province")
        }
        let sizeList = try parseList(sizes, option: "--sizes", allowed: sizeNames, size)
        let stableList = try parseList(stableSizes, option: "--stable-sizes", allowed: sizeNames, size)
        let townshipList = try parseList(townshipSizes, option: "--township-sizes", allowed: sizeNames, size)
        if density == .sparse,
            sizeList.contains(.national) || stableList.contains(.national) || townshipList.contains(.national)
        {
            throw ValidationError("the national size is realistic only (drop --density sparse)")
        }
        var limits: [ScenarioSize: Double] = [:]
        for item in timeLimits.split(separator: ",") {
            let parts = item.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let s = ScenarioSize(rawValue: parts[0]), let v = Double(parts[1]), v >= 0 else {
                throw ValidationError("--time-limits: '\(item)' is not SIZE=SECONDS (sizes \(sizeNames))")
            }
            limits[s] = v
        }
        return BenchOptions(
            seed: seed,
            rules: try parseList(rules, option: "--rules", allowed: "nanning, guangdong") { RulesOption(rawValue: $0) },
            density: density, shape: shape, binary: binary, work: work,
            peers: try parseList(
                peers, option: "--peers", allowed: PeerSolver.allCases.map(\.rawValue).joined(separator: ", ")
            ) { PeerSolver(rawValue: $0) },
            sizes: sizeList, stableSizes: stableList, townshipSizes: townshipList,
            peerSizes: Set(try parseList(peerSizes, option: "--peer-sizes", allowed: sizeNames, size)),
            scheduleSizes: Set(try parseList(scheduleSizes, option: "--schedule-sizes", allowed: sizeNames, size)),
            stages: stageList, stageSize: stageSize, peerStages: peerStageList,
            timeLimits: limits, stageTimeout: stageTimeout, featureOff: featureOff == "yes",
            rebalanceShare: rebalanceShare, rebalanceMaxChanges: rebalanceMaxChanges, plannerArgs: plannerArgs)
    }

    func run() throws {
        let options = try options()
        guard isExecutable(binary) else {
            throw ValidationError(
                "planner not found at \(binary); build it with `swift build -c release` or pass --binary")
        }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let session = BenchSession(options)
        session.runAll()

        let table = session.report.markdown()
        print("")
        print(table)
        try? writeAtomically(table, to: URL(fileURLWithPath: (work as NSString).appendingPathComponent("results.md")))
        if !session.failures.isEmpty {
            var text = "counsel-bench: \(session.failures.count) failure\(session.failures.count == 1 ? "" : "s"):\n"
            for f in session.failures { text += "  - \(f)\n" }
            FileHandle.standardError.write(Data(text.utf8))
            throw ExitCode(1)
        }
    }
}

/// The run command's options, checked.
struct BenchOptions {
    var seed: UInt64
    var rules: [RulesOption]
    var density: Density
    var shape: UInt64
    var binary: String
    var work: String
    var peers: [PeerSolver]
    var sizes: [ScenarioSize]
    var stableSizes: [ScenarioSize]
    var townshipSizes: [ScenarioSize]
    var peerSizes: Set<ScenarioSize>
    var scheduleSizes: Set<ScenarioSize>
    var stages: Set<Stage>
    var stageSize: ScenarioSize
    var peerStages: Set<Stage>
    /// Per size: the planner's `--time-limit` and the peers' limit (0 or missing: none).
    var timeLimits: [ScenarioSize: Double]
    /// Kill time of every child; nil = 2 × the size's limit + 60 (never without a limit); 0 = never.
    var stageTimeout: Double?
    var featureOff: Bool
    var rebalanceShare: Double
    var rebalanceMaxChanges: Int?
    var plannerArgs: [String]

    /// The time limit of a size, nil for none.
    func limit(_ size: ScenarioSize) -> Double? {
        guard let l = timeLimits[size], l > 0 else { return nil }
        return l
    }

    /// When a child of a run on `size` is killed.
    func killAfter(_ size: ScenarioSize) -> Double? {
        if let t = stageTimeout { return t > 0 ? t : nil }
        return limit(size).map { 2 * $0 + 60 }
    }

    /// The generator's variant with this run's density and shape.
    func variant(_ base: ScenarioVariant) -> ScenarioVariant {
        var v = base
        v.density = density
        v.shape = shape
        return v
    }
}
