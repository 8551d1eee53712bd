import ArgumentParser
import CounselModel
import Foundation

/// `village-counsel validate DIR`: checks a scenario and lists every problem.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario folder and list every problem (file:line:column).",
        discussion: """
            Also warns about every item the rule profile's notice boards and contact cards show that the scenario \
            has no data for (an adviser's wechat, email or photo, the office's e-mail, the complaint e-mail), with \
            the source that asks for it. Exit status 0 only if the scenario is clean (warnings allowed), 1 if it has problems.
            """)

    @Argument(help: "The scenario folder.")
    var directory: String

    func run() throws {
        let url = URL(fileURLWithPath: directory)
        do {
            let scenario = try Scenario.load(from: url)
            for w in scenario.warnings + scenario.publicationWarnings { print(located(w, in: directory)) }
            print("\(directory): OK — \(scenario.villages.count) villages, \(scenario.advisers.count) advisers, "
                + "\(scenario.counties.count) count\(scenario.counties.count == 1 ? "y" : "ies"), rules \(scenario.rules.id)")
        } catch let error as ScenarioError {
            throw InputError(error, in: directory, consequence: "fix them and validate again")
        }
    }
}
