import ArgumentParser
import Assignment
import CounselModel
import Foundation
import Reports

/// `village-counsel report OUT [--scenario DIR]`: one self-contained HTML page for a bureau meeting.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write OUT/report.html: the plan, its diagnosis, per-county tables and charts on one self-contained page.",
        discussion: """
            Reads OUT/summary.json and OUT/assignment.csv (from `assign`) and, when present, roster.csv, \
            compliance.csv and shortfalls.csv (from `schedule`, in OUT or OUT/schedule/). The scenario is the \
            folder recorded in summary.json unless --scenario is given. The page has no external resources \
            and no phone numbers; the same inputs give the same bytes.
            """)

    @Argument(help: "The output folder of `assign` (and `schedule`).")
    var out: String

    @Option(name: .long, help: "The scenario folder (default: the one recorded in OUT/summary.json).")
    var scenario: String?

    @OptionGroup var language: LanguageOption

    func run() throws {
        let outURL = URL(fileURLWithPath: out)
        let summary: PlanSummary
        do {
            summary = try ReportInputs.readSummary(in: outURL)
        } catch let error as ReportError {
            throw InputError(description: error.description)
        }
        let directory = scenario ?? summary.scenarioDirectory
        guard !directory.isEmpty else {
            throw InputError(description: "\(out)/summary.json names no scenario folder; give it with --scenario DIR")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError(description: "\(directory): the scenario folder does not exist"
                + (scenario == nil ? " (recorded in \(out)/summary.json; give another with --scenario DIR)" : ""))
        }
        let loaded = try loadScenario(directory)
        let inputs: ReportInputs
        do {
            inputs = try ReportInputs.load(out: outURL, summary: summary, scenario: loaded)
        } catch let error as ReportError {
            throw InputError(description: error.description)
        }
        let html = Report(inputs: inputs).html()
        let target = outURL.appendingPathComponent("report.html")
        do {
            try AtomicFile.write(html, to: target)
        } catch {
            throw RunFailure(message: "cannot write \(target.path): \(error)")
        }
        print("wrote \(target.path)")
    }
}
