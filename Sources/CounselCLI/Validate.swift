import ArgumentParser
import CounselModel
import Foundation

/// `village-counsel validate DIR`: checks a scenario and lists every problem.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario folder and list every problem (file:line:column).",
        discussion: "Exit status 0 only if the scenario is clean, 1 if it has problems.")

    @Argument(help: "The scenario folder.")
    var directory: String

    func run() throws {
        let url = URL(fileURLWithPath: directory)
        do {
            let scenario = try Scenario.load(from: url)
            print("\(directory): OK — \(scenario.villages.count) villages, \(scenario.advisers.count) advisers, "
                + "\(scenario.counties.count) count\(scenario.counties.count == 1 ? "y" : "ies"), rules \(scenario.rules.id)")
        } catch let error as ScenarioError {
            throw InputError(description: error.diagnostics.map { $0.file.hasPrefix("/") ? "\($0)" : "\(directory)/\($0)" }.joined(separator: "\n")
                + "\n\(error.diagnostics.count) problem\(error.diagnostics.count == 1 ? "" : "s") found in \(directory)")
        }
    }
}
