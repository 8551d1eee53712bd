import CounselModel
import Foundation

/// What `validate` found in a clean scenario.
public struct ValidateOutcome {
    /// The scenario.
    public var scenario: Scenario
    /// The loader's warnings and the publication warnings, each located under the folder.
    public var warnings: [String]
}

extension Planning {
    /// `validate`: loads the scenario in `directory` and lists its warnings.
    ///
    /// - Throws: ``PlanningError/invalidInput(_:)`` listing every problem.
    public static func validate(_ directory: String) throws -> ValidateOutcome {
        do {
            let scenario = try Scenario.load(from: URL(fileURLWithPath: directory))
            return ValidateOutcome(
                scenario: scenario,
                warnings: (scenario.warnings + scenario.publicationWarnings).map { $0.located(under: directory) })
        } catch let error as ScenarioError {
            throw PlanningError.scenario(error, in: directory, consequence: tr("consequence.validate"))
        }
    }
}
