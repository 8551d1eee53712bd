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
        abstract: "Write a synthetic scenario folder (deterministic for a given seed).",
        discussion: """
            The default density is what bureaus have (issues 9, 10, 16): every eligible adviser of a \
            county within max_km is a candidate for each of its villages (the whole county in the county \
            size; 60 km in a city, 30 km in a province or the country, support across the city's counties \
            within it), villages rank 3–5 advisers or firms, advisers 5–10 villages, 2 % of villages in a \
            conflict pair. --density sparse gives the earlier scenarios (≈13 candidates a village). The \
            national size (615,000 villages) is written one city at a time.
            """)

    @Option(
        help:
            "county (200–250 villages; 200 sparse), city (3,000), province (26,000) or national (615,000; realistic only)."
    )
    var size: ScenarioSize

    @Option(help: "Random seed; the same seed gives byte-identical files.")
    var seed: UInt64 = 1

    @Option(
        help:
            "Scenario folder to write (created if missing; its files are replaced, and a townships.csv or teams.csv the scenario does not use is removed)."
    )
    var out: String

    @Option(help: "Rule profile: nanning (cap 5) or guangdong (cap 8 in under-resourced counties, 5 elsewhere).")
    var rules: RulesOption = .nanning

    @Option(
        help: "realistic (the default: what bureaus have) or sparse (≈13 candidates a village, the earlier benchmark).")
    var density: Density = .realistic

    @Option(
        help:
            "0 = the standard layout; any other number draws county size, village spread, firm placement, capacity, incumbents, conflicts and ranking shares from it (realistic only)."
    )
    var shape: UInt64 = 0

    @Option(
        name: .customLong("service-model"),
        help:
            "individual, team (firms' advisers in teams of 2–4, teams.csv) or township (townships.csv with adjacency; firms laid out by region)."
    )
    var serviceModel: ServiceModel = .individual

    @Flag(help: "Write `stable: true` (realistic: the default rankings; sparse: villages rank 3–5, advisers 3–8).")
    var stable = false

    @Flag(
        help:
            "Make each city's seat district a pool (`pool: true`) with surplus advisers and up to three neighbouring counties short (city, province or national)."
    )
    var support = false

    func validate() throws {
        if support && size == .county {
            throw ValidationError("--support needs several counties: use --size city, province or national")
        }
        if density == .sparse && size == .national {
            throw ValidationError("the national size is realistic only (drop --density sparse)")
        }
        if density == .sparse && shape != 0 { throw ValidationError("--shape is for the realistic density only") }
    }

    func run() throws {
        let started = Date()
        let variant = ScenarioVariant(
            serviceModel: serviceModel, stable: stable, support: support, density: density, shape: shape)
        let settings = SyntheticLayout.settings(size: size, seed: seed, profile: rules.profile, variant: variant)
        let figures = try Generator.write(settings, to: URL(fileURLWithPath: out))
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        let head = "\(size.rawValue) seed \(seed) (\(rules.rawValue)\(variant.flags)) → \(out)"
        if size == .national {
            // Reading 615,000 villages back costs more than making them; `inspect` does it.
            print(
                "\(head): \(figures.villages.grouped) villages in \(figures.townships > 0 ? "\(figures.townships.grouped) townships, " : "")"
                    + "\(figures.counties.grouped) counties (\(figures.batches) cities); \(figures.advisers.grouped) advisers "
                    + "(\(figures.eligible.grouped) active eligible) in \(figures.firms.grouped) firms; max_km \(plainNumber(figures.maxKm)): "
                    + "\(figures.pairs.grouped) candidate pairs before conflicts "
                    + "(\(String(format: "%.1f", Double(figures.pairs) / Double(max(1, figures.villages)))) a village); "
                    + "\(figures.preferences.grouped) rankings, \(figures.conflicts.grouped) conflicts [\(seconds) s]")
            return
        }
        let (scenario, issues) = Scenario.read(from: URL(fileURLWithPath: out))
        if let first = issues.first { throw IOError(description: "\(out) does not read back: \(first)") }
        let stats = ScenarioStats(scenario, coverage: false)
        print("\(head): \(stats.oneLine) [\(seconds) s]")
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
        print(
            "incumbents \(stats.incumbents.grouped) (\(stats.incumbentsEligible.grouped) still eligible); "
                + "conflicts \(stats.villageConflicts) village–village (\(stats.villagesInConflict.grouped) villages, "
                + "\(String(format: "%.1f", 100 * Double(stats.villagesInConflict) / Double(max(1, stats.villages))))%), \(stats.adviserConflicts) adviser–village; "
                + "preferences from \(stats.villagesRanking.grouped) villages and \(stats.advisersRanking.grouped) advisers"
        )
        if let cover = stats.maxCoverage {
            print(
                "at most \(cover.grouped) of \(stats.villages.grouped) villages can be covered (caps, max_km and adviser–village conflicts; village–village conflicts ignored)"
                    + (scenario.serviceModel == .individual ? "" : " by individual advisers"))
        }
        for line in stats.modelLines { print(line) }
        if let cover = stats.model.teamCoverage {
            print(
                "at most \(cover.grouped) of \(stats.villages.grouped) villages can be covered by teams (team caps, raised where the rules allow; max_km from the lead's base; needs)"
            )
        }
        let lines = stats.perCounty
        let shortCounties = lines.filter { $0.capacity < $0.villages }
        if counties || lines.count <= 3 {
            for l in lines { print("  " + describe(l)) }
        } else if !shortCounties.isEmpty {
            print(
                "\(shortCounties.count) counties short of local capacity\(shortCounties.count > 20 ? " (the first 20; --counties lists all)" : ""):"
            )
            for l in shortCounties.prefix(20) { print("  " + describe(l)) }
        }
        for i in issues.prefix(50) { print("problem: \(i)") }
        if issues.count > 50 { print("… and \(issues.count - 50) more problems") }
        if !issues.isEmpty { throw ExitCode(1) }
    }

    private func describe(_ l: ScenarioStats.CountyLine) -> String {
        var s =
            "\(l.county.id) \(l.county.city)\(l.county.name)\(l.county.underResourced ? " (under-resourced)" : ""): "
            + "\(l.villages) villages, \(l.eligible) active eligible advisers, capacity \(l.capacity)"
        if l.raisedCapacity != l.capacity { s += " (\(l.raisedCapacity) at the raised cap)" }
        return s
    }
}
