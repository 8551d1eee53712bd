import ArgumentParser
import Foundation

@main
struct CounselBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counsel-bench",
        abstract: "Scenario generator and benchmark harness for village-counsel.",
        subcommands: [Generate.self, Demo.self, Inspect.self, Run.self])
}

extension ServiceModel: ExpressibleByArgument {}

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

    @Option(help: "Scenario folder to write (created if missing; its files are replaced, and a townships.csv or teams.csv the scenario does not use is removed).")
    var out: String

    @Option(help: "Rule profile: nanning or guangdong.")
    var rules: RulesOption = .nanning

    @Option(name: .customLong("service-model"),
            help: "individual, team (firms' advisers in teams of 2–4, teams.csv) or township (townships.csv with adjacency; firms laid out by region).")
    var serviceModel: ServiceModel = .individual

    @Flag(help: "Write `stable: true`, with villages ranking 3–5 advisers or firms and advisers 3–8 villages.")
    var stable = false

    @Flag(help: "Make each city's seat district a pool (`pool: true`) with surplus advisers, up to three neighbouring counties short, and max_km large enough for support (city or province only).")
    var support = false

    func validate() throws {
        if support && size == .county { throw ValidationError("--support needs several counties: use --size city or province") }
    }

    func run() throws {
        let started = Date()
        let variant = ScenarioVariant(serviceModel: serviceModel, stable: stable, support: support)
        let scenario = Generator.generate(SyntheticLayout.settings(size: size, seed: seed, profile: rules.profile, variant: variant))
        try scenario.write(to: URL(fileURLWithPath: out))
        let stats = ScenarioStats(scenario, coverage: false)
        print("\(size.rawValue) seed \(seed) (\(rules.rawValue)\(variant.flags)) → \(out): \(stats.oneLine) "
            + "[\(String(format: "%.2f", Date().timeIntervalSince(started))) s]")
        for line in stats.modelLines { print(line) }
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
            print("at most \(cover.grouped) of \(stats.villages.grouped) villages can be covered (caps, max_km and adviser–village conflicts; village–village conflicts ignored)"
                + (scenario.serviceModel == .individual ? "" : " by individual advisers"))
        }
        for line in stats.modelLines { print(line) }
        if let cover = stats.model.teamCoverage {
            print("at most \(cover.grouped) of \(stats.villages.grouped) villages can be covered by teams (team caps, raised where the rules allow; max_km from the lead's base; needs)")
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
