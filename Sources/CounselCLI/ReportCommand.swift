import ArgumentParser
import Foundation
import Planning

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
        let target = try Planning.report(ReportRequest(out: out, scenario: scenario), observer: .commandLine())
        print("wrote \(target.path)")
    }
}
