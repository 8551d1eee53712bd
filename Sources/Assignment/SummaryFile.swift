import CounselModel
import Foundation

/// `summary.json`, the figures of a plan that `assign` and `rebalance` write and `report` reads:
/// pretty-printed with sorted keys, so that the same plan gives the same bytes (only `seconds`
/// varies between runs). Every key is a contract (README "Outputs").
public enum SummaryFile {
    /// The file's bytes for `summary`, ending in a newline.
    public static func write(_ summary: PlanSummary) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(summary)
        data.append(0x0A)
        return data
    }

    /// Reads `OUT/summary.json`.
    ///
    /// - Throws: ``Diagnostic`` when it is missing (saying to run `assign`) or not a summary.
    public static func read(in out: URL) throws -> PlanSummary {
        let url = out.appendingPathComponent("summary.json")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Diagnostic(file: url.path, tr("report.notFound", ["out": out.path]))
        }
        do {
            let data = try Data(contentsOf: url)
            do {
                return try JSONDecoder().decode(PlanSummary.self, from: data)
            } catch DecodingError.keyNotFound(let key, _) where key.stringValue == "scenario_dir" {
                // A summary from before `scenario_dir` was recorded: the folder must come from --scenario.
                guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                    throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: tr("report.notObject")))
                }
                object["scenario_dir"] = ""
                return try JSONDecoder().decode(PlanSummary.self, from: JSONSerialization.data(withJSONObject: object))
            }
        } catch {
            throw Diagnostic(file: url.path, tr("report.notSummary", ["why": describe(error)]))
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return tr("report.missingKey", ["key": key.stringValue])
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return tr("report.unexpectedValue", ["path": context.codingPath.map(\.stringValue).joined(separator: ".")])
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        default: return "\(error)"
        }
    }
}
