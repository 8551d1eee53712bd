import ArgumentParser
import Foundation

@main
struct CounselBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counsel-bench",
        abstract: "Scenario generator and benchmark harness for village-counsel.",
        subcommands: [Generate.self, Demo.self, Inspect.self, Run.self])
}

/// A rule-profile name given on the command line.
enum RulesOption: String, CaseIterable, ExpressibleByArgument {
    case nanning, guangdong
    var profile: RuleProfile { self == .nanning ? .nanning : .guangdong }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic scenario folder (deterministic for a given seed).")

    @Option(help: "county (≈200 villages), city (≈3,000) or province (≈26,000).")
    var size: ScenarioSize

    @Option(help: "Random seed; the same seed gives byte-identical files.")
    var seed: UInt64 = 1

    @Option(help: "Scenario folder to write (created if missing; its seven files are replaced).")
    var out: String

    @Option(help: "Rule profile: nanning or guangdong.")
    var rules: RulesOption = .nanning

    func run() throws {
        let started = Date()
        let scenario = Generator.generate(SyntheticLayout.settings(size: size, seed: seed, profile: rules.profile))
        try scenario.write(to: URL(fileURLWithPath: out))
        let stats = ScenarioStats(scenario, coverage: false)
        print("\(size.rawValue) seed \(seed) (\(rules.rawValue)) → \(out): \(stats.oneLine) "
            + "[\(String(format: "%.2f", Date().timeIntervalSince(started))) s]")
    }
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario folder against the contract and print its figures.")

    @Argument(help: "Scenario folder.")
    var folder: String

    @Flag(help: "Also list every county.")
    var counties = false

    func run() throws {
        let (scenario, readIssues) = Scenario.read(from: URL(fileURLWithPath: folder))
        let issues = readIssues + scenario.contractIssues()
        let stats = ScenarioStats(scenario, coverage: true)
        print("\(folder): \(scenario.name) — rules \(scenario.rules)")
        print(stats.oneLine)
        print("incumbents \(stats.incumbents.grouped) (\(stats.incumbentsEligible.grouped) still eligible); "
            + "conflicts \(stats.villageConflicts) village–village, \(stats.adviserConflicts) adviser–village; "
            + "preferences from \(stats.villagesRanking.grouped) villages and \(stats.advisersRanking.grouped) advisers")
        if let cover = stats.maxCoverage {
            print("at most \(cover.grouped) of \(stats.villages.grouped) villages can be covered (caps, max_km and adviser–village conflicts; village–village conflicts ignored)")
        }
        let lines = stats.perCounty
        let shortCounties = lines.filter { $0.capacity < $0.villages }
        if counties || lines.count <= 3 {
            for l in lines { print("  " + describe(l)) }
        } else if !shortCounties.isEmpty {
            print("counties short of local capacity:")
            for l in shortCounties { print("  " + describe(l)) }
        }
        for i in issues.prefix(50) { print("problem: \(i)") }
        if issues.count > 50 { print("… and \(issues.count - 50) more problems") }
        if !issues.isEmpty { throw ExitCode(1) }
    }

    private func describe(_ l: ScenarioStats.CountyLine) -> String {
        var s = "\(l.county.id) \(l.county.city)\(l.county.name)\(l.county.underResourced ? " (under-resourced)" : ""): "
            + "\(l.villages) villages, \(l.eligible) active eligible advisers, capacity \(l.capacity)"
        if l.raisedCapacity != l.capacity { s += " (\(l.raisedCapacity) at the raised cap)" }
        return s
    }
}
