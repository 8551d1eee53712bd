import CounselModel
import Foundation
import Reports

extension Planning {
    /// `compare`: result folders side by side, each later one's difference against the first,
    /// rendered in `format`.
    ///
    /// - Throws: ``PlanningError/invalidInput(_:)`` (every problem of every folder) when a folder is missing or lacks summary.json or assignment.csv.
    public static func compare(_ folders: [String], format: Comparison.Format) throws -> String {
        let results: [ComparedResult]
        do {
            results = try ComparedResult.read(folders)
        } catch let error as ScenarioError {
            throw PlanningError.invalidInput(error.rendered(consequence: tr("consequence.compared")))
        }
        return Comparison(results).render(format)
    }
}
