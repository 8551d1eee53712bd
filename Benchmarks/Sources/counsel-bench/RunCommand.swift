import ArgumentParser
import Foundation

// MARK: - Stages

/// One part of `counsel-bench run`, selected with `--stages`.
enum Stage: String, CaseIterable, Comparable {
    /// `assign` on the county, city and province scenarios (and glpsol/CBC on the peer sizes).
    case assign
    /// `schedule` for the year on the schedule sizes' plans.
    case schedule
    /// `assign` on a team-model scenario (`service_model: team`, Guangdong rules).
    case team
    /// `assign` on a township-model scenario (`service_model: township`, Guangdong rules).
    case township
    /// `assign` on a scenario with `stable: true` and several rankings on both sides.
    case stable
    /// `assign` on a scenario with a pool district and short counties next to it.
    case support
    /// `rebalance` of the plain plan after some of its advisers left, against a fresh `assign`.
    case rebalance

    static func < (a: Stage, b: Stage) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    /// The generator's variant for the stages that plan a variant of the stage-size scenario.
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
    func profile(_ rules: RulesOption) -> RuleProfile {
        self == .team || self == .township ? .guangdong : rules.profile
    }

    /// The same scenario planned without the feature, for the "÷ peer" ratio: `--set` arguments,
    /// or nil when the peer is the plain scenario's own plan (support).
    var featureOff: [String]? {
        switch self {
        case .team, .township: return ["--set", "service_model=individual"]
        case .stable: return ["--set", "stable=false"]
        default: return nil
        }
    }
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
        abstract: "Generate scenarios, run the planner on each, compare with glpsol and CBC, print tables.",
        discussion: """
            Stages (--stages, default all, always run in this order): assign — for each size generates \
            WORK/SIZE (reused when made with the same options), runs `BINARY assign WORK/SIZE --out \
            WORK/SIZE-out --export-lp WORK/SIZE-out/model.lp` (no --export-lp for the province) and reads \
            summary.json; for the peer sizes solves model.lp with glpsol and, when installed, cbc. schedule — \
            `BINARY schedule WORK/SIZE --assignment WORK/SIZE-out/assignment.csv --from 2026-01 --to 2026-12 \
            --out WORK/SIZE-schedule` for the schedule sizes. team, township, stable, support — `assign` on \
            WORK/S-STAGE, the --stage-size scenario of the same seed in that variant, against a peer in the \
            same run: the same folder with the feature set off by --set (team, township, stable) or the plain \
            scenario's plan (support); glpsol and CBC on the exported model for the --peer-stages. \
            rebalance — `BINARY rebalance` on a copy of the plain scenario without --rebalance-share (5%) of its advisers, \
            against the plain plan, and a fresh `assign` of the copy. A stage whose child fails prints the \
            command, its exit status and the last lines of its log, and the other stages still run. Exits \
            non-zero if any child failed, or if the planner calls a solution optimal whose objective differs \
            from one a peer proves optimal.
            """)

    @Option(help: "Comma-separated sizes for the assign and schedule stages: county, city, province.")
    var sizes: String = "county,city,province"

    @Option(help: "Random seed for generated scenarios.")
    var seed: UInt64 = 1

    @Option(help: "Rule profile of generated scenarios: nanning or guangdong (team and township stages always use guangdong).")
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

    @Option(help: "Comma-separated stages to run: \(Stage.allCases.map(\.rawValue).joined(separator: ", ")).")
    var stages: String = Stage.allCases.map(\.rawValue).joined(separator: ",")

    @Option(name: .customLong("stage-size"), help: "Size of the team, township, stable, support and rebalance scenarios.")
    var stageSize: ScenarioSize = .city

    @Option(name: .customLong("peer-stages"), help: "Stages whose exported model is also solved by glpsol and CBC (empty: none).")
    var peerStages: String = "township,stable"

    @Option(name: .customLong("stage-timeout"),
            help: "Seconds after which a child of the team, township, stable, support or rebalance stage is killed (0: never).")
    var stageTimeout: Double = 600

    @Option(name: .customLong("rebalance-share"), help: "Share of all advisers removed for the rebalance stage, drawn from those who serve in the plain plan.")
    var rebalanceShare: Double = 0.05

    @Option(name: .customLong("rebalance-max-changes"), help: "Passed to rebalance as --max-changes.")
    var rebalanceMaxChanges: Int?

    @Option(name: .customLong("planner-arg"), parsing: .unconditionalSingleValue,
            help: "An extra argument for every assign and rebalance call (repeatable), e.g. --planner-arg --no-diagnosis.")
    var plannerArgs: [String] = []

    func validate() throws {
        _ = try options()
        if glpsolLimit <= 0 { throw ValidationError("--glpsol-limit must be positive") }
        if stageTimeout < 0 { throw ValidationError("--stage-timeout must be 0 or more") }
        if !(rebalanceShare > 0 && rebalanceShare < 1) { throw ValidationError("--rebalance-share must be between 0 and 1") }
        if let n = rebalanceMaxChanges, n < 0 { throw ValidationError("--rebalance-max-changes must be 0 or more") }
    }

    private func options() throws -> BenchOptions {
        let size = { (s: String) in ScenarioSize(rawValue: s) }
        let sizeNames = "county, city, province"
        let stageNames = Stage.allCases.map(\.rawValue).joined(separator: ", ")
        let stageList = Set(try parseList(stages, option: "--stages", allowed: stageNames) { Stage(rawValue: $0) })
        let peerStageList = Set(try parseList(peerStages, option: "--peer-stages", allowed: stageNames) { Stage(rawValue: $0) })
        if stageSize == .county && !stageList.isDisjoint(with: [.support]) {
            throw ValidationError("the support stage needs several counties: use --stage-size city or province")
        }
        return BenchOptions(
            seed: seed, rules: rules, binary: binary, work: work, glpsolLimit: glpsolLimit,
            sizes: try parseList(sizes, option: "--sizes", allowed: sizeNames, size),
            peerSizes: Set(try parseList(peerSizes, option: "--peer-sizes", allowed: sizeNames, size)),
            scheduleSizes: Set(try parseList(scheduleSizes, option: "--schedule-sizes", allowed: sizeNames, size)),
            stages: stageList, stageSize: stageSize, peerStages: peerStageList,
            stageTimeout: stageTimeout > 0 ? stageTimeout : nil, rebalanceShare: rebalanceShare,
            rebalanceMaxChanges: rebalanceMaxChanges, plannerArgs: plannerArgs)
    }

    func run() throws {
        let options = try options()
        guard isExecutable(binary) else {
            throw ValidationError("planner not found at \(binary); build it with `swift build -c release` or pass --binary")
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
    var rules: RulesOption
    var binary: String
    var work: String
    var glpsolLimit: Int
    var sizes: [ScenarioSize]
    var peerSizes: Set<ScenarioSize>
    var scheduleSizes: Set<ScenarioSize>
    var stages: Set<Stage>
    var stageSize: ScenarioSize
    var peerStages: Set<Stage>
    /// Kill time for the children of the variant and rebalance stages; nil = never.
    var stageTimeout: Double?
    var rebalanceShare: Double
    var rebalanceMaxChanges: Int?
    var plannerArgs: [String]
}
