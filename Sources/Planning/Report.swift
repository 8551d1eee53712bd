import Assignment
import CounselModel
import Foundation
import Reports

/// `report`: one self-contained HTML page of a plan for a bureau meeting.
public struct ReportRequest: Sendable {
    /// The output folder of `assign` (and `schedule`).
    public var out: String
    /// The scenario folder (default: the one recorded in OUT/summary.json).
    public var scenario: String?

    /// A request from its parts.
    public init(out: String, scenario: String? = nil) {
        self.out = out
        self.scenario = scenario
    }
}

extension Planning {
    /// Writes OUT/report.html and returns where.
    ///
    /// - Throws: ``PlanningError``: invalid input (1) or failure (4).
    public static func report(_ request: ReportRequest, observer: PlanningObserver = PlanningObserver()) throws -> URL {
        let out = request.out
        let outURL = URL(fileURLWithPath: out)
        let summary: PlanSummary
        do {
            summary = try ReportInputs.readSummary(in: outURL)
        } catch let error as ScenarioError {
            throw PlanningError.file(error, name: out, consequence: tr("consequence.report"))
        }
        let directory = request.scenario ?? summary.scenarioDirectory
        guard !directory.isEmpty else {
            throw PlanningError.invalidInput(tr("input.noScenarioFolder", ["out": out]))
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw PlanningError.invalidInput(
                tr("input.scenarioMissing", ["path": directory])
                    + (request.scenario == nil ? tr("input.scenarioRecorded", ["out": out]) : ""))
        }
        let loaded = try loadScenario(directory, observer: observer, consequence: tr("consequence.report"))
        let inputs: ReportInputs
        do {
            inputs = try ReportInputs.load(out: outURL, summary: summary, scenario: loaded)
        } catch let error as ScenarioError {
            throw PlanningError.file(error, name: out, consequence: tr("consequence.report"))
        }
        let html = ReportPage(inputs: inputs).html()
        let target = outURL.appendingPathComponent("report.html")
        do {
            try AtomicFile.write(html, to: target)
        } catch {
            throw PlanningError.failure(
                tr("failure.write", ["path": target.path, "error": SystemErrorText.text(error, english: "\(error)")]))
        }
        return target
    }
}
