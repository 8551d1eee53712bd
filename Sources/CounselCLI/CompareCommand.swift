import ArgumentParser
import Foundation
import Planning
import Reports

/// `village-counsel compare OUT_A OUT_B [OUT_C …] [--format table|markdown|csv|json]`: result
/// folders side by side, each later one's difference against the first.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare result folders of `assign` (and `schedule`) side by side.",
        discussion: """
            One column per folder (its name, or the summary's scenario where names clash), then the \
            difference of each later folder against the first: coverage, uncovered villages per county, \
            advisers used, load, distance, first choices and mean ranks, blocking pairs, support moves, \
            incumbents kept, on-site hours and compliance shortfalls (when `schedule` wrote roster.csv and \
            compliance.csv into the folder or its schedule/ subfolder), objective, status and gap. \
            Exit status 1 when a folder is missing or lacks summary.json or assignment.csv.
            """)

    /// Output format of `compare`.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, markdown, csv, json
        var reports: Comparison.Format { Comparison.Format(rawValue: rawValue)! }
    }

    @Argument(help: ArgumentHelp("Result folders written by `assign --out` (two or more); the first is the baseline.",
                                 valueName: "OUT"))
    var folders: [String]

    @Option(name: .long, help: "table, markdown, csv or json.")
    var format: Format = .table

    @OptionGroup var language: LanguageOption

    func validate() throws {
        if folders.count < 2 { throw ValidationError("compare needs at least two result folders (OUT_A OUT_B …), got \(folders.count)") }
    }

    func run() throws {
        print(try Planning.compare(folders, format: format.reports))
    }
}
